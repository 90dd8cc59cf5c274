"""Handover: a participant, or a whole caseload, moves to another job specialist or
therapist (someone leaves, is ill, or covers).

The participant's ``job_specialist`` or ``therapist`` field changes in one
transaction (all or nothing); it is a work-space field, so every laptop of the team
sees the new name after the next sync. A therapist's handover also needs the
receiving therapist's computers to hold the clinical journals: only a therapist's
laptop that holds a participant's clinical key can share it
(:func:`share_clinical`, through the sync service, from this laptop), and a job
specialist's or team lead's computer never receives one.

A therapist's new computer, once the team lead has approved it, gets the clinical
journals the same way from the therapist's existing laptop: after a sync round that
laptop knows its user's other certified computers (app.syncing.trust), and
:func:`new_device_offers` names those that lack some clinical journal held here and
were not answered "Ikke nå" (:func:`decline_new_device`) yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from app import store_settings
from app.domain.access import THERAPIST, clinical_space
from app.domain.schema import ValidationError
from app.journal import Journal

if TYPE_CHECKING:
    from app.sync_service import ClinicalShare, SyncService

#: The participant fields a handover moves.
HANDOVER_FIELDS: Final = ("job_specialist", "therapist")
#: Statuses whose participants belong to a caseload being handed over.
CASELOAD_STATUSES: Final = frozenset({"referred", "active", "paused"})


@dataclass(frozen=True, slots=True)
class Handover:
    """What a handover did: who now has whom."""

    field: str  # "job_specialist" or "therapist"
    to: str
    moved: tuple[str, ...]  # participant ids now assigned to ``to``
    already: tuple[str, ...]  # participant ids that had ``to`` already


def caseload_of(journal: Journal, *, field: str, person: str) -> list[str]:
    """The ids of the participants (referred, active or paused) whose ``field`` is
    ``person``: the caseload a whole handover moves."""
    _check_field(field)
    return [
        p.id
        for p in journal.participants()
        if p.fields.get(field) == person and p.fields.get("status") in CASELOAD_STATUSES
    ]


def _check_field(field: str) -> None:
    if field not in HANDOVER_FIELDS:
        raise ValidationError({"field": "must be job_specialist or therapist"})


def hand_over(
    journal: Journal,
    *,
    field: str,
    to: str,
    participant_ids: Sequence[str] | None = None,
    from_person: str | None = None,
    initiator: object = None,
) -> Handover:
    """Give ``participant_ids``, or the whole caseload of ``from_person``, to ``to`` as
    their ``field`` (job specialist or therapist): one transaction, all or nothing."""
    _check_field(field)
    name = to.strip()
    if not name:
        raise ValidationError({"to": "name the person taking over"})
    if (participant_ids is None) == (from_person is None):
        raise ValidationError({"participants": "give the participants or whose caseload"})
    if participant_ids is None:
        assert from_person is not None
        if from_person.strip() == name:
            raise ValidationError({"to": "is the same person as the one handing over"})
        ids = caseload_of(journal, field=field, person=from_person.strip())
    else:
        ids = list(dict.fromkeys(participant_ids))
    if not ids:
        raise ValidationError({"participants": "there is nobody to hand over"})
    moved: list[str] = []
    already: list[str] = []
    with journal.store.transaction():
        for pid in ids:
            record = journal.reread(pid)
            if record is None or record.type != "participant":
                raise KeyError(pid)
            if record.fields.get(field) == name:
                already.append(pid)
                continue
            journal.update(pid, {field: name}, initiator=initiator)
            moved.append(pid)
    return Handover(field, name, tuple(moved), tuple(already))


def share_clinical(
    sync: SyncService,
    *,
    to: str,
    participant_ids: Iterable[str],
    only_device: str | None = None,
) -> ClinicalShare:
    """From this therapist's laptop: the clinical journals of ``participant_ids`` held
    here go to every approved, certified therapist's computer of ``to``, or only to
    the one whose id is ``only_device`` (raises :class:`sync.client.SyncError`
    offline, for a non-therapist, or when ``to`` has no such computer)."""
    return sync.share_clinical_with_user(to.strip(), participant_ids, only_device=only_device)


@dataclass(frozen=True, slots=True)
class NewDeviceOffer:
    """A computer of this therapist's own, approved by the team lead, that lacks clinical
    journals this laptop holds."""

    device_id: str
    device_name: str
    user_name: str  # the therapist's name on the server (``share-clinical --to``)
    journals: int  # clinical journals held here that it has not been given from here


def _clinical_participants_held(journal: Journal) -> list[str]:
    store = journal.store
    return [
        space.partition(":")[2]
        for space in store.keys.spaces()
        if space.startswith("clinical:") and not store.space_erased(space)
    ]


def new_device_offers(journal: Journal) -> list[NewDeviceOffer]:
    """This therapist's own other computers, as the last sync saw them, that lack some
    clinical journal held here and whose offer was not declined: by name. Empty on any
    other role's laptop, before enrolment, and when nothing clinical is held here."""
    store = journal.store
    if journal.role != THERAPIST or not store_settings.device_enrolled(store):
        return []
    held = _clinical_participants_held(journal)
    if not held:
        return []
    user = store_settings.server_user_name(store) or journal.user_name
    declined = store_settings.clinical_offer_declined(store)
    offers: list[NewDeviceOffer] = []
    for device_id, name in store_settings.own_devices(store).items():
        if device_id in declined:
            continue
        given = store_settings.granted_spaces(store, device_id)
        lacking = [pid for pid in held if clinical_space(pid) not in given]
        if lacking:
            offers.append(NewDeviceOffer(device_id, name, user, len(lacking)))
    return sorted(offers, key=lambda o: (o.device_name.casefold(), o.device_id))


def decline_new_device(journal: Journal, *, device_id: str) -> None:
    """ "Ikke nå": the offer for ``device_id`` is not made again on this laptop."""
    store_settings.decline_clinical_offer(journal.store, device_id)


def share_with_new_device(
    sync: SyncService, journal: Journal, *, offer: NewDeviceOffer
) -> ClinicalShare:
    """Accept an offer: every clinical journal held here goes to that computer alone,
    through :func:`share_clinical` (network: off the GUI thread)."""
    return share_clinical(
        sync,
        to=offer.user_name,
        participant_ids=_clinical_participants_held(journal),
        only_device=offer.device_id,
    )


def clinical_held(journal: Journal, participant_ids: Iterable[str]) -> list[str]:
    """The participants whose clinical key this computer holds (it can share those)."""
    return [pid for pid in participant_ids if journal.store.keys.has(clinical_space(pid))]
