"""Intake in one step: participant, referral, episode and consents, all or nothing, on a
real profile; the caseload, the four-week clock and the indicators count them at once.
The command line's ``new-participant`` runs the same operation."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from app import indicators as ind
from app.cli.journal import four_week_text
from app.domain.schema import ValidationError
from app.indicators import Period
from app.journal import Journal
from app.operations.caseload import caseload, participants
from app.operations.intake import IntakeForm, admit
from app.reminders import FourWeeks
from tests.app.conftest import PROFILE_TODAY, JournalFactory
from tests.support.cli import cli_env, run

ENTRY = date(2026, 11, 16)  # a week before "today" (23 Nov 2026)


def form(**kw: Any) -> IntakeForm:
    base: dict[str, Any] = {
        "participant": {"name": "Ingrid Lie", "programme": "SFJ", "phone": "912 34 567"},
        "referral_source": "nav",
        "referral_received": date(2026, 11, 2),
        "entry": ENTRY,
        "consents": ("nav", "central_reporting"),
    }
    return IntakeForm(**(base | kw))


def test_intake_writes_every_record_and_starts_the_clock(
    make_profile_journal: JournalFactory,
) -> None:
    j = make_profile_journal()
    done = admit(j, form=form())
    pid = done.participant.id
    # Read back from the store, not from what admit returned.
    assert j.get(pid).fields["name"] == "Ingrid Lie"
    assert j.get(pid).fields["status"] == "active"
    assert j.get(pid).fields["job_specialist"] == "Kari Jobb"
    by_type: dict[str, list[Mapping[str, Any]]] = {}
    for r in j.records(pid):
        by_type.setdefault(r.type, []).append(r.fields)
    assert by_type["referral"] == [
        {"source": "nav", "received": "2026-11-02", "decision": "accepted", "decided": "2026-11-16"}
    ]
    assert by_type["episode"] == [{"entry": "2026-11-16"}]
    assert sorted(c["scope"] for c in by_type["consent"]) == ["central_reporting", "nav"]
    assert {c["given"] for c in by_type["consent"]} == {"2026-11-16"}
    assert done.referral.fields["decision"] == "accepted"
    # The caseload, its four-week clock (16 Nov + 28 = 14 Dec: 21 days left on 23 Nov) and
    # the caseload-size indicator include the new participant at once.
    [row] = caseload(j)
    assert row.participant_id == pid and row.days_to_first_contact == 21
    [line] = participants(j)
    assert line.in_caseload and line.days_to_first_employer_contact == 21
    ds = j.dataset(ind.INDICATOR_TYPES)
    size = ind.caseload(ds, Period.quarter(2026, 4))
    assert size.records == (pid,) and size.value == 1.0
    # Its referral counts in the referral-source mix of the quarter.
    assert ind.referral_sources(ds, Period.quarter(2026, 4)).denominator == 1


def test_an_entry_later_than_today_shows_no_clock_until_then(
    make_profile_journal: JournalFactory,
) -> None:
    j = make_profile_journal()
    admit(j, form=form(entry=date(2026, 12, 1), referral_received=date(2026, 11, 20)))
    [row] = caseload(j)
    assert row.days_to_first_contact is None
    assert row.four_weeks.starts == date(2026, 12, 1) and row.four_weeks.day is None
    # Accepted and consented today, not on a day still to come.
    [referral] = j.records(row.participant_id, "referral")
    assert referral.fields["decided"] == PROFILE_TODAY.isoformat()


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"referral_received": date(2026, 11, 20)}, {"referral_date"}),
        ({"participant": {"programme": "SFJ"}}, {"name"}),
        ({"referral_source": "police"}, {"referral_source"}),
        ({"consents": ("employer",)}, {"consents"}),
        (
            {"participant": {"name": "X", "programme": "IPS", "phone": "12"}, "consents": ("x",)},
            {"phone", "consents"},
        ),
    ],
)
def test_a_bad_intake_names_every_bad_field_and_writes_nothing(
    make_profile_journal: JournalFactory, changes: dict[str, Any], fields: set[str]
) -> None:
    j = make_profile_journal()
    with pytest.raises(ValidationError) as caught:
        admit(j, form=form(**changes))
    assert set(caught.value.errors) == fields
    assert j.participants() == [] and list(j.store.query()) == []


class FailingConsents(Journal):
    """A journal whose consent writes fail, as a full disk would fail the fourth write."""

    def add(self, record_type: str, values: Mapping[str, Any], **kw: Any) -> str:
        if record_type == "consent":
            raise OSError("no space left on device")
        return super().add(record_type, values, **kw)


def test_intake_is_all_or_nothing(make_profile_journal: JournalFactory) -> None:
    plain = make_profile_journal()
    j = FailingConsents(plain.store, today=lambda: PROFILE_TODAY)
    with pytest.raises(OSError):
        admit(j, form=form())
    # The participant, referral and episode written before the failure were rolled back.
    assert list(plain.store.query(include_deleted=True)) == []
    assert caseload(plain) == []
    assert plain.store.outbox_size() == 0
    # Without consents nothing fails, and all three are kept.
    done = admit(j, form=form(consents=()))
    assert done.consents == ()
    assert {r.type for r in plain.store.query()} == {"participant", "referral", "episode"}


# ------------------------------------------------------------------ the command line


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    e = cli_env(tmp_path)
    assert run(e, "init", "--name", "Kari Jobb", "--role", "jobbspesialist").returncode == 0
    return e


def dmy(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def test_cli_new_participant_is_the_same_intake(env: dict[str, str]) -> None:
    today = date.today()
    entry = today - timedelta(days=3)
    r = run(
        env,
        "--json",
        "new-participant",
        "--name",
        "Ola Nordmann",
        "--programme",
        "IPS",
        "--referral-source",
        "self",
        "--referral-date",
        dmy(today - timedelta(days=10)),
        "--entry",
        dmy(entry),
        "--consent",
        "nav",
        "--consent",
        "gp",
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["consents"] == ["nav", "gp"]
    assert data["four_week_deadline"] == (entry + timedelta(days=28)).isoformat()
    r = run(env, "--json", "participants")
    [p] = json.loads(r.stdout)["participants"]
    assert (p["name"], p["days_to_first_employer_contact"]) == ("Ola Nordmann", 25)
    r = run(env, "participants")
    assert "25 dager igjen" in r.stdout
    r = run(env, "--json", "indicators")
    caseload_figure = next(f for f in json.loads(r.stdout)["figures"] if f["key"] == "caseload")
    assert caseload_figure["numerator"] == 1


def test_cli_new_participant_reads_dates_as_the_window_does(env: dict[str, str]) -> None:
    """20.4.85 and 3.12.26 as in every date field of the window (app/domain/dates.py); a
    two-digit birth year is the latest one not in the future."""
    entry = date.today() - timedelta(days=2)
    birth_year = (date.today().year - 41) % 100
    args = ["new-participant", "--name", "Ola Nordmann", "--programme", "IPS"]
    args += ["--referral-source", "nav", "--referral-date", entry.isoformat()]
    args += ["--entry", f"{entry.day}.{entry.month}.{entry:%y}"]
    r = run(env, "--json", *args, "--birth-date", f"20.4.{birth_year:02d}")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["four_week_deadline"] == (entry + timedelta(days=28)).isoformat()
    r = run(env, "export", "--format", "json", "-o", "-")
    [person] = [x for x in json.loads(r.stdout)["records"] if x["type"] == "participant"]
    assert person["fields"]["birth_date"] == f"{date.today().year - 41}-04-20"


def test_cli_new_participant_refuses_in_one_sentence(env: dict[str, str]) -> None:
    today = date.today()
    r = run(
        env,
        "new-participant",
        "--name",
        "Ola Nordmann",
        "--programme",
        "IPS",
        "--referral-source",
        "nav",
        "--referral-date",
        dmy(today),
        "--entry",
        dmy(today - timedelta(days=1)),
        "--phone",
        "12",
    )
    assert r.returncode == 1
    assert r.stderr.strip() == (
        "feltjournal: Ingen deltaker ble lagt til: telefonnummeret er ikke et "
        "telefonnummer; henvisningsdatoen er etter inntaksdatoen."
    )
    assert "Traceback" not in r.stderr
    r = run(env, "--json", "participants")
    assert json.loads(r.stdout)["participants"] == []
    r = run(env, "new-participant", "--name", "X", "--programme", "IPS", "--entry", "31.02.2026")
    assert r.returncode == 2 and "«31.02.2026» er ikke en dato" in r.stderr


@pytest.mark.parametrize(
    ("clock", "days", "text"),
    [
        (None, None, "—"),  # no episode: no clock (it used to say "utført")
        (FourWeeks(starts=date(2026, 12, 1)), None, "—"),  # before entry
        (FourWeeks(days_left=5), 5, "5 dager igjen"),
        (FourWeeks(days_left=-3), -3, "3 dager over fristen"),
        (FourWeeks(stopped_by="job", day=19), None, "oppfylt (jobbstart dag 19)"),
        (FourWeeks(stopped_by="job", day=40), None, "jobbstart dag 40"),
        (FourWeeks(stopped_by="contact", day=12), None, "oppfylt (arbeidsgiverkontakt dag 12)"),
    ],
)
def test_cli_four_week_column(clock: FourWeeks | None, days: int | None, text: str) -> None:
    assert four_week_text(clock, days) == text
