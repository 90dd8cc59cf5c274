"""The sync use cases, cut by concern; :class:`app.sync_service.SyncService` joins them.

- ``status``: the failure codes this side raises, their readable sentences, and
  :class:`SyncStatus` (what the status bar shows).
- ``link``: the connection to the enrolled server and the state every part shares
  (settings, status, backoff, the revocation guard).
- ``enrolment``: enrol this laptop with a pinned one-time code.
- ``rounds``: one sync round (:meth:`Rounds.sync_once`) and its steps.
- ``trust``: the device directory, grant verification, vouching.
- ``devices``: a team lead's device list and approval.
- ``sharing``: granting held keys to the team (re-sharing too) and ``share_clinical``.

Named ``syncing`` so that it never shadows the top-level ``sync`` package.
"""
