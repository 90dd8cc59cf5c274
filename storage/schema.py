"""Schema of the encrypted database, as sqlite-utils Migrations (one transaction each).

Everything here lives inside the SQLCipher file (layer 1). Column values that
hold record content are AES-GCM envelopes under a space key (layer 2); the
rest is metadata: ids, types, spaces, versions, flags.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("feltjournal.store")


@migrations()
def m001_records(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        -- The materialised current state, one row per record. `content` is one
        -- envelope holding every current field value, so reading a record costs
        -- one decryption and never touches CRDT state.
        CREATE TABLE records (
            rid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            space TEXT NOT NULL,
            parent TEXT,
            deleted INTEGER NOT NULL DEFAULT 0,
            flags INTEGER NOT NULL DEFAULT 0,
            version TEXT NOT NULL,
            key_version INTEGER NOT NULL,
            sealed_by TEXT NOT NULL,
            content BLOB
        );
        CREATE INDEX records_type ON records (type, deleted);
        CREATE INDEX records_parent ON records (parent);
        CREATE INDEX records_space ON records (space);

        -- Every change this replica knows, local and remote. Register versions
        -- and their losing values are read from here; `bases` is the decoded
        -- list of versions (registers) or the per-device watermark (text, delete)
        -- the author had seen, kept so merges need no decryption.
        CREATE TABLE changes (
            seq INTEGER PRIMARY KEY,
            change_id TEXT NOT NULL UNIQUE,
            device TEXT NOT NULL,
            hlc TEXT NOT NULL,
            record_id TEXT NOT NULL,
            type TEXT NOT NULL,
            space TEXT NOT NULL,
            field TEXT NOT NULL,
            kind TEXT NOT NULL,
            key_version INTEGER NOT NULL,
            payload BLOB,
            bases TEXT NOT NULL DEFAULT '',
            local INTEGER NOT NULL DEFAULT 0,
            pushed INTEGER NOT NULL DEFAULT 0,
            applied INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX changes_field ON changes (record_id, field, kind);
        CREATE INDEX changes_outbox ON changes (local, pushed) WHERE local = 1 AND pushed = 0;
        CREATE INDEX changes_pending ON changes (space) WHERE applied = 0;

        -- Text CRDT state per text field (envelope of the compacted Yjs state).
        CREATE TABLE texts (
            record_id TEXT NOT NULL,
            field TEXT NOT NULL,
            key_version INTEGER NOT NULL,
            sealed_by TEXT NOT NULL,
            seal_version TEXT NOT NULL,
            state BLOB NOT NULL,
            PRIMARY KEY (record_id, field)
        );

        -- Highest HLC per device among a record's non-delete changes: an edit a
        -- delete did not see brings the record back.
        CREATE TABLE heads (
            record_id TEXT NOT NULL,
            device TEXT NOT NULL,
            hlc TEXT NOT NULL,
            PRIMARY KEY (record_id, device)
        );

        -- Register values that lost a concurrent write ("changed on two machines").
        CREATE TABLE conflicts (
            record_id TEXT NOT NULL,
            field TEXT NOT NULL,
            version TEXT NOT NULL,
            PRIMARY KEY (record_id, field, version)
        );

        CREATE TABLE purged (record_id TEXT PRIMARY KEY, version TEXT NOT NULL);

        -- Remote changes that failed authentication: kept (still encrypted) for
        -- inspection, never applied.
        CREATE TABLE quarantine (
            change_id TEXT PRIMARY KEY,
            record_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            received TEXT NOT NULL
        );

        CREATE TABLE cursors (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        """
    )


@migrations()
def m002_audit(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            device TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            record_id TEXT,
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_record ON audit (record_id);
        """
    )


@migrations()
def m003_search(db: Database) -> None:
    # Contentless FTS5 (about 3x smaller, same speed); contentless_delete lets a
    # row be replaced on every write. remove_diacritics 0 keeps æ, ø, å as the
    # letters they are in Norwegian ("gå" is not "ga"); unicode61 folds case.
    # No prefix index: it tripled the index writes on every save, and prefix
    # queries ("word"*) stay fast enough on a term-range scan.
    db.execute(
        """
        CREATE VIRTUAL TABLE search USING fts5(
            body,
            content = '',
            contentless_delete = 1,
            tokenize = "unicode61 remove_diacritics 0"
        )
        """
    )


@migrations()
def m004_versions_column(db: Database) -> None:
    # The winning version of each field, outside the content envelope: reads
    # need only the values, so they decrypt and decode less.
    db.execute("ALTER TABLE records ADD COLUMN versions TEXT NOT NULL DEFAULT ''")


@migrations()
def m005_parent_index(db: Database) -> None:
    # Opening a participant asks for (parent, type); with only an index on
    # parent SQLite chose the (type, deleted) index and walked every case note.
    db.executescript(
        """
        DROP INDEX records_parent;
        CREATE INDEX records_parent ON records (parent, type, deleted);
        """
    )


@migrations()
def m006_record_meta(db: Database) -> None:
    # Merge bookkeeping moves out of the records row into one row per record:
    # the winning version of each register field (`versions`, ~350 bytes, which
    # made rows that fit three to a page fit two, and query() of every record
    # reads every page) and the per-device heads (formerly their own table with
    # a second index: two more pages written per merged record). `texts` holds,
    # per text field, a digest of the set of text changes merged into it, and
    # `changes.folded` = 0 marks a text change whose update is not yet folded
    # into the field's CRDT state in `texts`: a remote edit made on exactly the
    # text this replica holds is applied as a positional delta, without loading
    # the CRDT document (see storage.merging.Merger._merge_text).
    db.executescript(
        """
        CREATE TABLE record_meta (
            rid INTEGER PRIMARY KEY,
            versions TEXT NOT NULL DEFAULT '',
            heads TEXT NOT NULL DEFAULT '',
            texts TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO record_meta (rid, versions, heads)
            SELECT r.rid, r.versions,
                coalesce(
                    (SELECT json_group_object(h.device, h.hlc) FROM heads h
                     WHERE h.record_id = r.id),
                    ''
                )
            FROM records r;
        DROP TABLE heads;
        ALTER TABLE records DROP COLUMN versions;
        ALTER TABLE changes ADD COLUMN folded INTEGER NOT NULL DEFAULT 1;
        """
    )


@migrations()
def m007_text_versions(db: Database) -> None:
    # A replica's own text, kept when a remote edit made without seeing it was
    # merged in (both edits survive in the CRDT; the user reviews the merge and
    # may restore this). A local review aid: never synced, not part of the
    # shared state. `content` is an envelope under the record's space key.
    db.executescript(
        """
        CREATE TABLE text_versions (
            id INTEGER PRIMARY KEY,
            record_id TEXT NOT NULL,
            field TEXT NOT NULL,
            device TEXT NOT NULL,
            hlc TEXT NOT NULL,
            merged_device TEXT NOT NULL,
            merged_hlc TEXT NOT NULL,
            key_version INTEGER NOT NULL,
            sealed_by TEXT NOT NULL,
            content BLOB NOT NULL
        );
        CREATE INDEX text_versions_record ON text_versions (record_id, field);
        """
    )


@migrations()
def m008_purge_spaces(db: Database) -> None:
    # A purge's erased spaces in the clear (sync.changes.Change.purge_spaces): kept
    # for the outbox, and for a received purge held until it can be checked.
    db.execute("ALTER TABLE changes ADD COLUMN purge_spaces TEXT NOT NULL DEFAULT ''")
