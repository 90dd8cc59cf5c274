"""Whether a purge received from another device may be applied on this laptop.

A purge erases content for good, on every laptop that applies it; one that
names spaces (a participant's erasure) erases records this laptop may hold and
its author may not even read. So no laptop takes a received purge on the
server's word or on the word of whoever holds the space key. The store asks a
:class:`PurgeGate` (installed by the sync service, which fetches the device
directory) about every received purge, once its envelope opened and its clear
``purge_spaces`` equal the sealed ones. It is applied only when:

- its author is a device of this laptop's directory whose certificate chains
  to the organisation key pinned at enrolment (``DeviceDirectory.trusted``):
  that certificate names its role and team, so a server cannot invent one.
  The author is of this laptop's team (for ``reports:<team>``, of that team):
  a team lead of another team (a team lead's directory lists the central
  team's) erases nothing here;
- it carries the author's Ed25519 signature over
  :func:`sync.changes.purge_signing_input` (change id, device, stamp, record,
  type, space, field, key version and named spaces);
- the author's role may make it (:func:`sync.protocol.purge_problem`, the rule
  the server checks too): a record of a space the role may hold, or, naming
  spaces, a participant record erased by a team lead, naming only that
  participant's own work and clinical spaces.

The same gate judges received changes of the record types only a team lead
writes (:data:`sync.protocol.LEAD_ONLY_TYPES`: a job specialist's FTE, the team's
settings, fidelity reviews; :meth:`PurgeGate.author`): applied only when their
author (``Change.device``, which the server checks is the device that pushed it) is
a certified device of this laptop's team whose certificate names the team lead
role. The server refuses such a change from another role too; this check holds if
it did not.

A failed signature or rule is final: the store quarantines the purge with the
reason (ids only). Without a directory, or with one fetched before the author
was approved, it is held, unapplied; the sync service then fetches the
directory and retries (:meth:`settled`), and what still fails is quarantined.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from storage.store import PurgeClaim, PurgeVerdict
from sync.changes import Change, purge_signing_input
from sync.grants import DeviceDirectory, signed_by
from sync.protocol import DeviceInfo, purge_problem, write_problem

_HOLD = PurgeVerdict(hold=True)


class PurgeGate:
    """Judges received purges against the last device directory fetched (see module)."""

    def __init__(
        self,
        *,
        team_id: Callable[[], str | None],
        directory: DeviceDirectory | None = None,
    ) -> None:
        self._team_id = team_id
        self.directory = directory
        # True while the directory was fetched after the purges being judged
        # arrived: an author still unknown then is not just not known yet.
        self._fresh = False

    @contextmanager
    def settled(self, directory: DeviceDirectory) -> Iterator[None]:
        """Judge with a directory just fetched: what it does not vouch for is refused."""
        self.directory = directory
        self._fresh = True
        try:
            yield
        finally:
            self._fresh = False

    def __call__(self, claim: PurgeClaim) -> PurgeVerdict:
        ch = claim.change
        if not claim.signature:
            return PurgeVerdict(refused="it carries no author signature")
        kind, _, rest = ch.space.partition(":")
        author = self._certified_author(ch, rest if kind == "reports" else self._team_id())
        if isinstance(author, PurgeVerdict):
            return author
        if not signed_by(author.ed25519_public, claim.signature, purge_signing_input(ch)):
            return PurgeVerdict(refused="its author's signature does not verify")
        problem = purge_problem(
            role=author.role,
            record_type=ch.record_type,
            record_id=ch.record_id,
            space=ch.space,
            spaces=claim.spaces,
        )
        if problem:
            return PurgeVerdict(refused=problem)
        return PurgeVerdict()

    def author(self, ch: Change) -> PurgeVerdict:
        """Whether a received change of a lead-only record type may be applied: its
        author must be a certified device of this team whose role may write it."""
        author = self._certified_author(ch, self._team_id())
        if isinstance(author, PurgeVerdict):
            return author
        problem = write_problem(role=author.role, record_type=ch.record_type)
        if problem:
            return PurgeVerdict(refused=problem)
        return PurgeVerdict()

    def _certified_author(self, ch: Change, team: str | None) -> DeviceInfo | PurgeVerdict:
        """The author of ``ch`` when the directory vouches for it as a device of ``team``;
        else the verdict: held while the directory may not know it yet, refused once a
        directory fetched after it arrived does not."""
        directory = self.directory
        if directory is None:
            return _HOLD
        author = directory.devices.get(ch.device)
        if author is None or not directory.trusted(ch.device):
            if not self._fresh:
                return _HOLD
            return PurgeVerdict(refused=f"its author {ch.device} is not a certified device")
        if not team or author.team_id != team:
            return PurgeVerdict(refused=f"its author {ch.device} is not of this team")
        return author
