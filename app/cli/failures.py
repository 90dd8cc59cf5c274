"""Known failures in the command line's words: one sentence, in its language, never an
exception's name or a server's English.

The window has the same list in ui/errors.py and ui/sync_status.py (Qt's catalogue);
this is the command line's, through app.words.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from app.cli.kinds import kind_text
from app.domain.access import AccessDenied
from app.domain.schema import Problem, ValidationError
from app.errors import (
    BackupUnverified,
    DatabaseUnreadable,
    DeviceKeyMissing,
    DiskFull,
    IntegrityFailure,
    KeyringUnavailable,
    KeyUnavailable,
    Locked,
    ProfileError,
    RolledBack,
    UnlockThrottled,
    UnsupportedFormat,
    WrongPassphrase,
)
from app.journal import ImmutableRecord
from app.portability.common import IMPORT_TEXTS, ImportProblem, ImportRejected
from app.words import mark, moment, number, tr, trn

if TYPE_CHECKING:
    from sync.client import SyncError

# What is wrong with a field, after its name (app.domain.schema.PROBLEMS).
PROBLEM_TEXTS: dict[str, str] = {
    "required": mark("is missing"),
    "not_text": mark("must be text"),
    "too_long": mark("is longer than {limit} characters"),
    "not_phone": mark("is not a phone number"),
    "not_email": mark("is not an e-mail address"),
    "not_styrk": mark("is not a STYRK-08 occupation code (4 or 7 digits)"),
    "not_date": mark("is not a date"),
    "not_number": mark("must be a number"),
    "not_whole": mark("must be a whole number"),
    "too_small": mark("must be at least {limit}"),
    "too_large": mark("must be at most {limit}"),
    "between": mark("must be between {limit} and {high}"),
    "not_bool": mark("must be yes or no"),
    "not_choice": mark("is not one of the choices"),
    "not_choices": mark("has a value that is not one of the choices"),
    "not_list": mark("must be a list"),
    "fnr_digits": mark("must have exactly 11 digits"),
    "fnr_check1": mark("has a wrong first check digit"),
    "fnr_check2": mark("has a wrong second check digit"),
    "fnr_individual": mark("has an impossible individual number"),
    "fnr_date": mark("does not contain a valid date"),
    "orgnr_digits": mark("must have exactly 9 digits"),
    "orgnr_check": mark("has a wrong check digit"),
    "after_entry": mark("is after the entry date"),
    "same_person": mark("is the same person as the one handing over"),
    "nobody": mark("has nobody to hand over"),
    "no_team": mark("has no space on this computer yet (connect it to the server first)"),
    "not_rated_item": mark("is not an item a team lead rates"),
    "choose_employer": mark("must be chosen from the list, or added as a new one"),
    "confirm_name": mark("must be the participant's name, exactly"),
    "unknown_field": mark("is not a field of this record type"),
    "unknown_type": mark("is not a record type"),
    "use_sign": mark("is set only by signing the note"),
    "not_signed": mark("cannot be signed"),
    "invalid": mark("is not valid"),
}

# The fields a command line names in a refusal, as the user knows them.
FIELD_NAMES: dict[str, str] = {
    "name": mark("the name"),
    "programme": mark("the programme"),
    "birth_date": mark("the birth date"),
    "phone": mark("the phone number"),
    "national_id": mark("the national identity number"),
    "referral_source": mark("the referral source"),
    "referral_date": mark("the referral date"),
    "consents": mark("a consent"),
    "confirm": mark("the name typed to confirm"),
    "email": mark("the e-mail address"),
    "org_number": mark("the organisation number"),
    "date": mark("the date"),
    "to": mark("the person taking over"),
    "participants": mark("the participants"),
    "team": mark("the team"),
    "field": mark("the role"),
    "job_specialist": mark("the job specialist"),
    "fte": mark("the FTE"),
}


def field_problem(name: str, problem: str) -> str:
    """ "the phone number is not a phone number": the field, then what is wrong."""
    found = Problem.of(problem)
    limits = {
        name: number(value, 0 if float(value).is_integer() else 1) if value is not None else ""
        for name, value in (("limit", found.limit), ("high", found.high))
    }
    text = tr(PROBLEM_TEXTS[found.code], **limits)
    return tr(
        "{field} {problem}",
        field=tr(FIELD_NAMES[name]) if name in FIELD_NAMES else name,
        problem=text,
    )


def problems_sentence(exc: ValidationError) -> str:
    return tr(
        "Please check: {problems}.",
        problems="; ".join(field_problem(k, v) for k, v in exc.errors.items()),
    )


PROFILE_TEXTS: dict[str, str] = {
    "missing": mark("There is no profile in {path}. Create one with 'feltjournal init'."),
    "exists": mark("A profile already exists in {path}."),
    "damaged": mark("The file {path} of the profile is damaged."),
    "no_folder": mark("The profile folder {path} does not exist."),
    "nothing_aside": mark("No database has been set aside in {path}: there is no restore to undo."),
    "revoked": mark(
        "This computer has been revoked and its keys erased: the journal in {path} can no "
        "longer be opened. What it had synced is kept on the server."
    ),
}

DATABASE_TEXTS: dict[str, str] = {
    "missing": mark("is missing"),
    "empty": mark("is empty (0 bytes)"),
    "truncated": mark("is cut short"),
    "foreign": mark("is not a Feltjournal database that this profile's key opens"),
    "malformed": mark("has damaged pages"),
    "io": mark("cannot be read or written (I/O error)"),
    "readonly": mark("cannot be written (the file or folder is read-only)"),
    "full": mark("cannot be written because the disk is full"),
}


def database_sentence(exc: DatabaseUnreadable) -> str:
    what = tr(DATABASE_TEXTS.get(exc.problem, DATABASE_TEXTS["foreign"]))
    if exc.problem == "full":
        return tr(
            "The database file {path} {what}; the last change was not saved, and Feltjournal "
            "writes nothing more to it until you have freed some space and unlocked again.",
            path=exc.path,
            what=what,
        )
    if exc.restore_command:
        return tr(
            "The database file {path} {what}; Feltjournal does not write to it, so restore "
            "the newest verified backup with: {command}",
            path=exc.path,
            what=what,
            command=exc.restore_command,
        )
    return tr(
        "The database file {path} {what}; Feltjournal does not write to it, and there is "
        "no backup.",
        path=exc.path,
        what=what,
    )


def rollback_sentence(exc: RolledBack) -> str:
    """What was lost, since when, and how to go on."""
    if exc.newest_backup is not None:
        offer = tr(
            "restore the newest backup with «feltjournal restore {backup}», or accept the "
            "loss with «feltjournal verify --accept-rollback»",
            backup=exc.newest_backup,
        )
    else:
        offer = tr(
            "accept the loss with «feltjournal verify --accept-rollback» (there is no backup)"
        )
    when = moment(exc.anchor_saved) if exc.anchor_saved else tr("an unknown time")
    if exc.kind == "behind":
        since = (
            tr("made after {time}", time=moment(exc.database_saved))
            if exc.database_saved
            else tr("(all that were made)")
        )
        return trn(
            "The database has been rolled back: {n} save {since} is missing, the last one "
            "from {time}; {offer}.",
            "The database has been rolled back: {n} saves {since} are missing, the last one "
            "from {time}; {offer}.",
            exc.missing,
            since=since,
            time=when,
            offer=offer,
        )
    if exc.kind == "diverged":
        return tr(
            "The database has been replaced or rolled back: it no longer holds the save from "
            "{time}; {offer}.",
            time=when,
            offer=offer,
        )
    return tr(
        "The check file anchor.json is damaged, so Feltjournal cannot see whether the "
        "database has been rolled back; {offer}.",
        offer=offer,
    )


# The kinds of space a record belongs in, as an import refusal names them.
SPACE_TEXTS: dict[str, str] = {
    "work": mark("participant's work"),
    "clinical": mark("clinical"),
    "team": mark("team"),
}


def _import_reason(reason: ImportProblem) -> str:
    """One reason in the user's words: where in the file, then what is wrong."""
    values = reason.params
    if reason.code == "already_exist":
        return trn(
            "{n} record is already in this profile (the first: {kind} {id}); import into a "
            "new profile",
            "{n} records are already in this profile (the first: {kind} {id}); import into "
            "a new profile",
            int(str(values["count"])),
            kind=kind_text(str(values["first_type"])),
            id=values["first"],
        )
    if "field" in values and "problem" in values:
        values["field"] = field_problem(str(values.pop("field")), str(values.pop("problem")))
        values["problem"] = ""
    if "space" in values:
        values["space"] = tr(SPACE_TEXTS.get(str(values["space"]), str(values["space"])))
    if "parent" in values:
        values["parent"] = kind_text(str(values["parent"]))
    text = tr(IMPORT_TEXTS[reason.code], **values).strip()
    kind = kind_text(reason.type) if reason.type else None
    if reason.record is not None:
        named = ", ".join(x for x in (kind, reason.id) if x)
        if named:
            return tr("record {n} ({named}) {problem}", n=reason.record, named=named, problem=text)
        return tr("record {n} {problem}", n=reason.record, problem=text)
    if reason.id is not None:
        return tr("{kind} {id} {problem}", kind=kind, id=reason.id, problem=text)
    return text


def import_sentence(exc: ImportRejected) -> str:
    """ "The file was not imported: …": the first five reasons, and how many more."""
    reasons = "; ".join(_import_reason(r) for r in exc.reasons[:5])
    more = len(exc.reasons) - 5
    if more > 0:
        reasons = trn("{reasons} (and {n} more)", "{reasons} (and {n} more)", more, reasons=reasons)
    return tr("The file was not imported: {reasons}.", reasons=reasons)


def sentence(exc: BaseException) -> str | None:
    """One sentence for a known failure; None for anything else (a bug)."""
    if isinstance(exc, WrongPassphrase):
        return tr("Wrong passphrase: the journal could not be opened.")
    if isinstance(exc, UnlockThrottled):
        return trn(
            "Too many failed unlocks in a row; try again in {n} second.",
            "Too many failed unlocks in a row; try again in {n} seconds.",
            math.ceil(exc.retry_after),
        )
    if isinstance(exc, DeviceKeyMissing):
        return tr(
            "The system keyring does not hold this profile's device key. A profile copied "
            "from another computer cannot be opened here; restore the keyring or enrol this "
            "computer."
        )
    if isinstance(exc, KeyringUnavailable):
        return tr(
            "There is no secure system keyring on this computer (backend: {backend}). Install "
            "and unlock one (GNOME Keyring or KWallet), or choose the file keystore explicitly "
            "with --insecure-file-keystore.",
            backend=exc.backend,
        )
    if isinstance(exc, RolledBack):
        return rollback_sentence(exc)
    if isinstance(exc, DatabaseUnreadable):
        return database_sentence(exc)
    if isinstance(exc, BackupUnverified):
        if exc.during == "restore":
            return tr(
                "The backup {path} did not pass its check ({reason}) and was not restored; the "
                "database is untouched.",
                path=exc.path,
                reason=exc.reason,
            )
        return tr(
            "The backup was not saved because the copy did not pass its check ({reason}); "
            "the older backups are untouched.",
            reason=exc.reason,
        )
    if isinstance(exc, DiskFull):
        return tr("The disk is full; the last change was not saved.")
    if isinstance(exc, IntegrityFailure):
        return tr(
            "The record {id} failed its integrity check: it was altered or moved.",
            id=exc.record_id,
        )
    if isinstance(exc, KeyUnavailable):
        return tr("This computer holds no key for these records.")
    if isinstance(exc, Locked):
        return tr("The journal is locked.")
    if isinstance(exc, UnsupportedFormat):
        return tr("The file has a format this version of Feltjournal does not understand.")
    if isinstance(exc, ProfileError):
        if exc.kind in PROFILE_TEXTS:
            return tr(PROFILE_TEXTS[exc.kind], path=exc.path)
        return tr("The profile is missing or incomplete.")
    if isinstance(exc, AccessDenied):
        if exc.reason == "team_lead_only":
            return tr("Only a team lead may change the team's settings and fidelity reviews.")
        if exc.reason == "erase":
            return tr("Only a team lead can erase a participant for good.")
        return tr("Your role does not give access to this.")
    if isinstance(exc, ImmutableRecord):
        return tr("This note is signed and cannot be changed; write an addendum instead.")
    if isinstance(exc, ValidationError):
        return problems_sentence(exc)
    if isinstance(exc, ImportRejected):
        return import_sentence(exc)
    if isinstance(exc, KeyError):
        return tr("No record {id} here.", id=exc.args[0] if exc.args else "")
    return None


SYNC_TEXTS: dict[str, str] = {
    "offline": mark(
        "No connection to the sync server. Your changes are kept on this computer and sync "
        "when the connection is back."
    ),
    "clock_skew": mark(
        "The computer's clock is wrong, so the server refused to sync. Set the date and time "
        "(automatic time is best) and sync again."
    ),
    "revoked": mark(
        "This computer has been revoked by the team lead. Its keys have been erased and the "
        "journal on it can no longer be opened; the data is kept on the server."
    ),
    "pending_approval": mark(
        "This computer is waiting for a team lead's approval; sync again after that."
    ),
    "unknown_device": mark(
        "The server does not know this computer (was the server replaced?). Ask the central "
        "team for a new enrolment code."
    ),
    "server_error": mark("The sync server failed; your changes are kept. Try again later."),
    "bad_response": mark("The sync server answered something unreadable; nothing was lost."),
    "rate_limited": mark("The sync server is busy; try again shortly."),
    "server_rolled_back": mark(
        "Sync is paused: the server no longer has changes it sent to this computer before "
        "(was it restored from an older backup?). Nothing on this computer was changed or "
        "deleted. Ask the central team what happened, then resume sync with 'feltjournal "
        "sync --resume'."
    ),
    "wrong_server": mark(
        "This is not your organisation's server (its key does not match the enrolment code). "
        "Nothing was stored; check the address."
    ),
    "bad_code": mark(
        "The enrolment code is not complete: it ends in a dot and 16 characters, as the "
        "central team gave it (XXXX-XXXX-XXXX-XXXX.0123456789abcdef)."
    ),
    "invalid_code": mark(
        "The enrolment code is wrong, used or expired. Ask the central team for a new one."
    ),
    "wrong_role": mark("The enrolment code is for another role than this profile's."),
    "already_enrolled": mark("This computer is already connected to a sync server."),
    "not_enrolled": mark(
        "This computer is not connected to a sync server; enrol it first with 'feltjournal enrol'."
    ),
    "not_team_lead": mark("Only a team lead's computer may do this."),
    "no_such_device": mark(
        "No single device of your team matches that id (a device cannot approve itself); "
        "see 'feltjournal devices' and give more of the id."
    ),
    "device_revoked": mark("That device has been revoked; it cannot be approved."),
    "device_exists": mark("This computer is already registered with the server."),
    "bad_certificate": mark("The server refused the certificate; ask the central team."),
    "no_key": mark("This computer holds no key for that."),
    "key_mismatch": mark("The keys do not match those the server knows; ask the central team."),
    "resync_required": mark("The server asked for a full sync; run 'feltjournal sync' again."),
    "forbidden": mark("The server refused: this computer may not do that."),
    "role_may_not_hold": mark("Your role may not hold those records."),
    "rejected": mark("The server refused the request."),
}
SYNC_TEXTS["code_used"] = SYNC_TEXTS["code_expired"] = SYNC_TEXTS["invalid_code"]


def sync_sentence(exc: SyncError) -> str:
    """A sync failure by its code; the server's own text never reaches the user."""
    if exc.code == "clock_skew" and exc.result is not None and exc.result.skewed:
        return trn(
            "The server refused {n} change stamped in the future: it was made while this "
            "computer's clock was wrong. It is kept here and sent once the clock is right.",
            "The server refused {n} changes stamped in the future: they were made while this "
            "computer's clock was wrong. They are kept here and sent once the clock is right.",
            len(exc.result.skewed),
        )
    text = SYNC_TEXTS.get(exc.code)
    if text is None:
        return tr("Sync failed; your changes are kept on this computer.")
    return tr(text)
