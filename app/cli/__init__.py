"""The ``feltjournal`` command line.

Global options choose the profile (``--profile DIR`` or FELTJOURNAL_PROFILE)
and, explicitly, the file-keystore fallback for machines without a secure
system keyring. The passphrase comes from a prompt, or from
FELTJOURNAL_PASSPHRASE for scripts and tests.

Exit codes: 0 ok, 1 a known failure (message on stderr), 2 bad usage,
3 verification found problems, 4 ``sync`` finished but records stay unreadable on
this computer for want of a space key (``--json``: ``unreadable_records``).

A damaged, empty or missing database is one sentence on stderr naming the file,
the newest verified backup and the ``restore`` command for it; nothing more is
written to that file.

Each command group has its own module (profile, journal, data, sync,
central), and common.py holds what they share; this module builds the
parser and runs the command chosen.

Words: bokmål by default, English by FELTJOURNAL_LANGUAGE, LC_ALL, the window's
setting or LANG (app.words, which says the order). Every text goes through tr()/trn();
failures are worded by app.cli.failures. A reader that stops early (``| head``)
ends the command quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence

from app.cli.agenda import cmd_agenda
from app.cli.argwords import Parser
from app.cli.central import cmd_central_demo, cmd_central_publish, cmd_central_report
from app.cli.common import CliError, _at_least_one, _profile
from app.cli.data import cmd_demo, cmd_export, cmd_import
from app.cli.failures import rollback_sentence, sentence
from app.cli.journal import (
    cli_birth_date,
    cli_date,
    cmd_access_log,
    cmd_employers,
    cmd_erase,
    cmd_fidelity_review,
    cmd_indicators,
    cmd_nav_exclusions,
    cmd_new_participant,
    cmd_participants,
    cmd_retention,
    cmd_search,
    nav_excludable_choices,
)
from app.cli.profile import (
    cmd_backup,
    cmd_init,
    cmd_passwd,
    cmd_restore,
    cmd_status,
    cmd_verify,
)
from app.cli.sync import cmd_approve, cmd_devices, cmd_enrol, cmd_sync
from app.cli.team import FIELD_OF_ROLE, cmd_fte, cmd_handover, cmd_share_clinical
from app.domain.access import JOB_SPECIALIST, ROLES, AccessDenied
from app.domain.schema import PROGRAMMES, REFERRAL_SOURCES
from app.hardening import disable_core_dumps
from app.operations.intake import INTAKE_CONSENTS
from app.words import choose_language, tr, use_language
from storage.dbfile import problem_of
from storage.errors import DatabaseDamaged, RolledBack, StorageError


def build_parser() -> Parser:
    parser = Parser(
        prog="feltjournal",
        description=tr(
            "Feltjournal: an encrypted field journal for job specialists and therapists."
        ),
    )
    parser.add_argument(
        "--profile",
        metavar=tr("FOLDER"),
        help=tr("profile folder (default: FELTJOURNAL_PROFILE or the user data folder)"),
    )
    parser.add_argument(
        "--insecure-file-keystore",
        action="store_true",
        help=tr(
            "with init: keep the device key in a file in the profile instead of the system "
            "keyring (only the passphrase protects it then)"
        ),
    )
    parser.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("init", help=tr("create a profile"))
    p.add_argument("--name", required=True, help=tr("your name"))
    p.add_argument("--role", required=True, choices=ROLES)
    p.set_defaults(func=cmd_init)

    sub.add_parser("status", help=tr("profile status, without unlocking")).set_defaults(
        func=cmd_status
    )
    p = sub.add_parser("verify", help=tr("decrypt everything and check the audit chain"))
    p.add_argument(
        "--accept-rollback",
        action="store_true",
        help=tr("continue with a database found rolled back (the loss is audited)"),
    )
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("backup", help=tr("write an encrypted backup now (verified in full)"))
    p.add_argument(
        "--keep",
        type=_at_least_one,
        default=7,
        help=tr("backups to keep, at least 1 (default 7)"),
    )
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser(
        "restore",
        help=tr("replace the database with a backup (verified first), or undo the last restore"),
        description=tr(
            "Replace the database with a backup. The backup is verified in full first and "
            "refused if damaged; the current database is set aside, never deleted. "
            "'restore --undo' puts back the database the last restore set aside."
        ),
    )
    p.add_argument(
        "file",
        nargs="?",
        metavar=tr("FILE"),
        help=tr("the backup file (see 'status' for the folder)"),
    )
    p.add_argument(
        "--undo",
        action="store_true",
        help=tr(
            "put back the database the last restore set aside (the current one is set aside "
            "in its turn)"
        ),
    )
    p.set_defaults(func=cmd_restore)
    sub.add_parser("passwd", help=tr("change the passphrase")).set_defaults(func=cmd_passwd)
    p = sub.add_parser("demo", help=tr("create a profile filled with synthetic demo data"))
    p.add_argument("--participants", type=int, default=40)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--name", default="Demo Jobbspesialist")
    p.add_argument("--role", default=JOB_SPECIALIST, choices=ROLES)
    p.add_argument("--if-missing", action="store_true", help=tr("do nothing if the profile exists"))
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("export", help=tr("export everything you may read (lossless JSON)"))
    p.add_argument("--format", default="json", choices=("json",))
    p.add_argument(
        "-o", "--output", required=True, help=tr("the file to write, or - for standard output")
    )
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help=tr("import a JSON export, or employer contacts from CSV"))
    p.add_argument("file", metavar=tr("FILE"))
    p.add_argument(
        "--employer-contacts",
        action="store_true",
        help=tr("the file is a CSV of employer contacts (see README)"),
    )
    p.add_argument(
        "--dry-run", action="store_true", help=tr("with --employer-contacts: only check")
    )
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("participants", help=tr("list participants"))
    p.add_argument("--mine", action="store_true", help=tr("only your own"))
    p.set_defaults(func=cmd_participants)
    p = sub.add_parser(
        "new-participant",
        help=tr("intake: a new participant with referral, entry date and consents, in one step"),
    )
    p.add_argument("--name", required=True)
    p.add_argument("--programme", required=True, choices=PROGRAMMES)
    p.add_argument("--birth-date", type=cli_birth_date, help=tr("dd.mm.yyyy"))
    p.add_argument("--phone")
    p.add_argument(
        "--referral-source", required=True, choices=REFERRAL_SOURCES, help=tr("who referred")
    )
    p.add_argument("--referral-date", type=cli_date, help=tr("dd.mm.yyyy (default: today)"))
    p.add_argument(
        "--entry",
        type=cli_date,
        help=tr("entry date, dd.mm.yyyy (default: today); starts the four-week clock"),
    )
    p.add_argument(
        "--consent",
        action="append",
        choices=INTAKE_CONSENTS,
        help=tr("a consent given at intake (repeat for several)"),
    )
    p.set_defaults(func=cmd_new_participant)
    sub.add_parser("employers", help=tr("list employers")).set_defaults(func=cmd_employers)
    p = sub.add_parser("agenda", help=tr("what is due today and this week"))
    p.add_argument("--mine", action="store_true", help=tr("only your own participants"))
    p.set_defaults(func=cmd_agenda)
    p = sub.add_parser("indicators", help=tr("IPS fidelity and outcome indicators"))
    p.add_argument("--period", help=tr("2026-Q3, 2026-09 or 2026 (default: this quarter)"))
    p.add_argument("--job-specialist", help=tr("only this job specialist (by name)"))
    p.set_defaults(func=cmd_indicators)
    p = sub.add_parser(
        "fidelity-review",
        help=tr(
            "the IPS-25 items a team lead rates by hand, per period (show, or rate with --score)"
        ),
    )
    p.add_argument("--period", help=tr("2026-Q3, 2026-09 or 2026 (default: this quarter)"))
    p.add_argument(
        "--score",
        action="append",
        metavar="ITEM=1..5",
        help=tr("rate an item, e.g. supervisor_role=4 (repeat; team lead only)"),
    )
    p.set_defaults(func=cmd_fidelity_review)
    p = sub.add_parser(
        "nav-exclusions", help=tr("exit reasons left out of the into-work share (besides moved)")
    )
    p.add_argument(
        "--set",
        help=tr(
            "comma-separated exit reasons, by code or in words (team lead): {choices}",
            choices=nav_excludable_choices(),
        ),
    )
    p.add_argument("--clear", action="store_true", help=tr("leave out only those who moved"))
    p.set_defaults(func=cmd_nav_exclusions)
    p = sub.add_parser(
        "erase-participant",
        help=tr(
            "erase a participant everywhere, for good; a clinical journal is kept for its "
            "retention (pasientjournalloven)"
        ),
    )
    p.add_argument("participant_id", metavar=tr("PARTICIPANT_ID"))
    p.add_argument("--confirm", help=tr("the participant's name, exactly"))
    p.set_defaults(func=cmd_erase)
    p = sub.add_parser(
        "retention",
        help=tr("participants whose records are due for erasure, and erasing them"),
    )
    p.add_argument(
        "--days",
        type=int,
        help=tr(
            "days the job specialist's records are kept after the last exit (default: the "
            "setting, 730)"
        ),
    )
    p.add_argument(
        "--clinical-years",
        type=int,
        help=tr(
            "years clinical records are kept after the last exit or clinical entry (default: "
            "the setting, 10: the health-records rule)"
        ),
    )
    p.add_argument(
        "--save", action="store_true", help=tr("keep --days/--clinical-years as defaults")
    )
    p.add_argument("--erase", action="store_true", help=tr("erase what is due (team lead)"))
    p.add_argument(
        "--confirm", type=int, help=tr("with --erase: the number of participants listed")
    )
    p.set_defaults(func=cmd_retention)
    p = sub.add_parser("access-log", help=tr("who read or changed a participant's records"))
    p.add_argument("participant_id", metavar=tr("PARTICIPANT_ID"))
    p.set_defaults(func=cmd_access_log)
    p = sub.add_parser("search", help=tr("full-text search"))
    p.add_argument("query", metavar=tr("WORDS"))
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_search)
    p = sub.add_parser("enrol", help=tr("register this computer with the team's sync server"))
    p.add_argument("--server", required=True, help=tr("the server's address (https://…)"))
    p.add_argument("--code", required=True, help=tr("the one-time code from the central team"))
    p.add_argument("--device-name", help=tr("a name for this computer (default: its host name)"))
    p.add_argument("--json", dest="sub_json", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_enrol)
    p = sub.add_parser("sync", help=tr("sync once with the server now"))
    p.add_argument("--json", dest="sub_json", action="store_true", help=tr("JSON summary"))
    p.add_argument(
        "--resume",
        action="store_true",
        help=tr("resume sync paused because the server lost changes it had sent before"),
    )
    p.add_argument(
        "--adopt-stranded",
        action="store_true",
        help=tr(
            "first bring changes written for another team (a replaced server's) into this team"
        ),
    )
    p.set_defaults(func=cmd_sync)
    p = sub.add_parser(
        "devices", help=tr("the team's computers and whether their certificates verify")
    )
    p.add_argument("--json", dest="sub_json", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_devices)
    p = sub.add_parser(
        "approve", help=tr("approve a team member's computer and share keys (team lead)")
    )
    p.add_argument(
        "device_id",
        metavar=tr("DEVICE_ID"),
        help=tr("device id, or a unique prefix of 6+ characters"),
    )
    p.add_argument("--json", dest="sub_json", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_approve)
    p = sub.add_parser(
        "handover",
        help=tr("give participants, or a whole caseload, to another job specialist or therapist"),
    )
    p.add_argument("--role", required=True, choices=tuple(FIELD_OF_ROLE))
    p.add_argument("--to", required=True, help=tr("the name of the person taking over"))
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--participant", action="append", help=tr("a participant id (repeat for several)")
    )
    who.add_argument("--from", dest="from_person", help=tr("everyone this person has now"))
    p.add_argument(
        "--no-share",
        action="store_true",
        help=tr("therapist: do not share the clinical journals held here with the new therapist"),
    )
    p.set_defaults(func=cmd_handover)
    p = sub.add_parser(
        "share-clinical",
        help=tr("(therapist) share clinical journals held here with a therapist's computers"),
    )
    p.add_argument("--to", required=True, help=tr("the therapist (a colleague, or yourself)"))
    p.add_argument(
        "--participant", action="append", help=tr("a participant id (default: every one held here)")
    )
    p.set_defaults(func=cmd_share_clinical)
    p = sub.add_parser("fte", help=tr("job specialists' FTE for caseload per FTE (team lead sets)"))
    p.add_argument(
        "job_specialist",
        nargs="?",
        metavar=tr("JOB_SPECIALIST"),
        help=tr("the job specialist to set"),
    )
    p.add_argument(
        "value", nargs="?", type=float, metavar=tr("FTE_SHARE"), help=tr("the FTE, 0.1 to 1.0")
    )
    p.set_defaults(func=cmd_fte)
    p = sub.add_parser("central", help=tr("de-identified reports for the central team"))
    central = p.add_subparsers(dest="central_command", required=True)
    p = central.add_parser("report", help=tr("the teams' figures for a period (central team)"))
    p.add_argument("--period", help=tr("2026-Q3 or 2026-09 (default: the latest quarter reported)"))
    p.add_argument("--format", default="table", choices=("table", "csv", "json"))
    p.add_argument(
        "--programme", action="append", help=tr("only teams in this programme (SFJ/JMO/IPS)")
    )
    p.add_argument("--region", action="append", help=tr("only teams in this region"))
    p.set_defaults(func=cmd_central_report)
    p = central.add_parser("publish", help=tr("publish the team's report snapshots (team lead)"))
    p.add_argument(
        "--period", help=tr("this period now (default: every closed period not yet sent)")
    )
    p.set_defaults(func=cmd_central_publish)
    p = central.add_parser("demo", help=tr("a central team's profile with three demo teams"))
    p.add_argument("--name", default="Demo Sentralt team")
    p.set_defaults(func=cmd_central_demo)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    default: Callable[[argparse.Namespace], int] | None = None,
) -> int:
    """Run the subcommand chosen; without one, ``default`` (ui.main passes the window)."""
    disable_core_dumps()  # before any key is in memory; the window starts from here too
    use_language(choose_language())
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        func = default
    elif not logging.getLogger().handlers:
        # A command says what went wrong in one sentence of the user's language; the
        # modules' English log lines (the sync's warnings) must not follow it to stderr.
        logging.getLogger().addHandler(logging.NullHandler())
    if func is None:
        parser.error(tr("choose a command (the window opens with «feltjournal» and no command)"))
    try:
        code = func(args)
        sys.stdout.flush()  # here, so that a closed pipe is met inside the try
        return code
    except BrokenPipeError:
        return closed_pipe()
    except RolledBack as exc:
        return failed(rollback_sentence(exc))
    except CliError as exc:
        return failed(str(exc))
    except (StorageError, AccessDenied, ValueError, KeyError) as exc:
        said = sentence(exc)
        if said is None:
            if not isinstance(exc, ValueError):
                raise
            said = tr("That is not valid: {detail}", detail=exc)
        return failed(said)
    except sqlite3.DatabaseError as exc:
        # A damaged file met outside the store's own calls: the same one sentence.
        problem = problem_of(exc)
        if problem is None:
            raise
        profile = _profile(args)
        damage = profile.with_restore_hint(DatabaseDamaged(str(profile.db_path), problem))
        return failed(sentence(damage) or str(damage))
    except KeyboardInterrupt:
        return 130


def failed(text: str) -> int:
    """One line on standard error; exit code 1."""
    with contextlib.suppress(BrokenPipeError):
        print(f"feltjournal: {text}", file=sys.stderr)
    return 1


def closed_pipe() -> int:
    """The reader stopped early (``feltjournal … | head``): nothing more to say, and no
    traceback when Python flushes standard output at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return 141  # as a shell reports a command ended by SIGPIPE (128 + 13)
