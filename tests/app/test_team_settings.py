"""The team lead's settings and fidelity reviews over a real profile, and the indicators and
the command line's text that read them (issue #15, "indicators a team lead can trust")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import keyring
import pytest

from app.domain.access import AccessDenied
from app.domain.schema import ValidationError
from app.indicators import RATED_ITEMS, Period
from app.journal import Journal
from app.operations.reports import indicator_figures
from app.operations.team import set_fte
from app.operations.team_settings import (
    fidelity_review,
    fidelity_reviews,
    save_fidelity_review,
    set_nav_excluded_reasons,
    team_settings,
)
from storage.profile import Profile
from tests.app.conftest import JournalFactory
from tests.storage.keyring_backends import ENV_VAR, JsonFileTestKeyring
from tests.support.cli import PASS, cli_env, run
from tests.support.team import log_visit, remember_team

Q3 = Period.quarter(2026, 3)


def fill(journal: Journal) -> None:
    """A hand-built team for 2026-Q3 with known answers:

    into work: a (ordinary work, competitive job), b (education) of a, b, c (dropped out),
    e (health); d moved away and is left out → 2 of 4 = 50 %; with "health" left out too,
    2 of 3 = 67 %. Six-month status: a (job 1 Mar → 1 Sep, work) and f (job 10 Feb → 10 Aug,
    nothing recorded) → 1 of 2 with one missing.
    """

    def person(name: str, exit_: str | None = None, reason: str | None = None) -> str:
        pid = journal.create_participant({"name": name, "programme": "SFJ"})
        episode = {"entry": "2026-01-05", "exit": exit_, "exit_reason": reason}
        journal.add("episode", {k: v for k, v in episode.items() if v}, participant_id=pid)
        return pid

    a = person("Ada", "2026-08-01", "ordinary_work")
    journal.add(
        "job", {"title": "Lager", "start": "2026-03-01", "competitive": True}, participant_id=a
    )
    journal.add(
        "outcome_6m", {"date": "2026-09-02", "status": "work_or_education"}, participant_id=a
    )
    person("Bo", "2026-08-15", "education")
    person("Cato", "2026-09-01", "dropped_out")
    person("Dina", "2026-09-10", "moved")
    person("Eli", "2026-09-12", "health")
    f = person("Frid")
    journal.add(
        "job", {"title": "Butikk", "start": "2026-02-10", "competitive": True}, participant_id=f
    )


def _figure(journal: Journal, key: str) -> tuple[float | None, float | None, float | None]:
    f = next(f for f in indicator_figures(journal, period=Q3).figures if f.key == key)
    return f.value, f.numerator, f.denominator


def test_the_team_lead_s_settings_move_the_into_work_share(
    make_profile_journal: JournalFactory,
) -> None:
    lead = make_profile_journal("teamleder", "Tove Leder")
    fill(lead)
    assert _figure(lead, "into_work") == (50.0, 2.0, 4.0)
    assert _figure(lead, "into_work_excluded")[0] == 1.0  # Dina moved
    assert _figure(lead, "outcome_6m") == (50.0, 1.0, 2.0)
    assert team_settings(lead).nav_excluded_exit_reasons == ()
    set_nav_excluded_reasons(lead, reasons=["health"])
    assert team_settings(lead).nav_excluded_exit_reasons == ("health",)
    assert _figure(lead, "into_work")[1:] == (2.0, 3.0)
    assert _figure(lead, "into_work_excluded")[0] == 2.0
    # Saving again changes the one settings record, not a second one.
    settings = set_nav_excluded_reasons(lead, reasons=[])
    assert len(lead.dataset({"team_settings"}).of("team_settings")) == 1
    assert settings.nav_excluded_exit_reasons == ()
    with pytest.raises(ValidationError):
        set_nav_excluded_reasons(lead, reasons=["ordinary_work"])


def test_a_fidelity_review_completes_the_scale_and_keeps_its_history(
    make_profile_journal: JournalFactory,
) -> None:
    lead = make_profile_journal("teamleder", "Tove Leder")
    fill(lead)
    before = indicator_figures(lead, period=Q3).total
    assert before.rated == () and before.unrated == RATED_ITEMS
    first = save_fidelity_review(lead, period=Q3, scores={"supervisor_role": 4})
    second = save_fidelity_review(lead, period=Q3, scores=dict.fromkeys(RATED_ITEMS, 3))
    assert (first.revision, second.revision) == (1, 2)
    assert [v.revision for v in fidelity_reviews(lead, period=Q3)] == [2, 1]
    assert fidelity_review(lead, period=Q3) == second
    assert second.reviewer == "Tove Leder" and second.reviewed == date(2026, 11, 23)
    total = indicator_figures(lead, period=Q3).total
    assert total.rated == RATED_ITEMS and total.unrated == ()
    assert total.points == before.points + 3 * len(RATED_ITEMS)
    assert total.items_scored == before.items_scored + len(RATED_ITEMS)
    # Another period is not rated by it.
    assert indicator_figures(lead, period=Period.quarter(2026, 2)).total.rated == ()
    with pytest.raises(ValidationError):
        save_fidelity_review(lead, period=Q3, scores={"supervisor_role": 6})
    with pytest.raises(ValidationError):
        save_fidelity_review(lead, period=Q3, scores={"caseload": 3})  # computed, not rated


def test_only_a_team_lead_writes_them(make_profile_journal: JournalFactory) -> None:
    js = make_profile_journal("jobbspesialist", "Kari Jobb")
    with pytest.raises(AccessDenied):
        save_fidelity_review(js, period=Q3, scores={"supervisor_role": 4})
    with pytest.raises(AccessDenied):
        set_nav_excluded_reasons(js, reasons=["health"])
    assert fidelity_reviews(js) == [] and team_settings(js).record_id is None


# ------------------------------------------------------------------ command line


@pytest.fixture
def lead_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A team lead's profile made by the CLI, filled in-process with :func:`fill`."""
    e = cli_env(tmp_path)
    r = run(e, "init", "--name", "Tove Leder", "--role", "teamleder")
    assert r.returncode == 0, r.stderr
    monkeypatch.setenv(ENV_VAR, e[ENV_VAR])
    monkeypatch.setattr(keyring, "get_keyring", JsonFileTestKeyring)
    journal = Journal(Profile(Path(e["FELTJOURNAL_PROFILE"])).unlock(PASS))
    try:
        fill(journal)
    finally:
        journal.store.lock()
    yield e


def _text(env: dict[str, str], *args: str) -> str:
    r = run(env, *args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_cli_indicators_text_shows_shares_as_percent_with_definitions(
    lead_env: dict[str, str],
) -> None:
    text = _text(lead_env, "indicators", "--period", "2026-Q3")
    lines = text.splitlines()
    into = next(line for line in lines if "Overgang til arbeid eller utdanning" in line)
    assert into.rstrip().endswith("50 % (2 av 4)")  # not "5000 %"
    six = next(i for i, line in enumerate(lines) if "Arbeid/utdanning etter seks" in line)
    assert lines[six].rstrip().endswith("50 % (1 av 2)")
    assert lines[six + 1].strip() == "Mangler status: 1"
    assert lines[six + 2].strip().startswith("Definisjon: Alle som er seks måneder etter")
    assert any(line.strip().startswith("Definisjon: Avslutninger til ordinært") for line in lines)
    excluded = next(line for line in lines if "Holdt utenfor «i arbeid»" in line)
    assert excluded.rstrip().endswith(" 1")
    assert "Ikke vurdert ennå (13)" in text and "Vurdert av teamleder (0)" in text
    for line in lines:
        if line.rstrip().endswith("%") or " % (" in line:
            number = line.split("%")[0].split()[-1]
            assert 0 <= float(number) <= 100, line


def test_cli_fidelity_review_and_nav_exclusions(lead_env: dict[str, str], tmp_path: Path) -> None:
    text = _text(
        lead_env,
        "fidelity-review",
        "--period",
        "2026-Q3",
        "--score",
        "supervisor_role=4",
        "--score",
        "agency_focus=5",
    )
    assert "Veileders rolle" in text and "versjon 1" in text
    shown = json.loads(_text(lead_env, "--json", "fidelity-review", "--period", "2026-Q3"))
    assert shown["scores"] == {"supervisor_role": 4, "agency_focus": 5}
    assert len(shown["unrated"]) == 11
    text = _text(lead_env, "indicators", "--period", "2026-Q3")
    assert "Vurdert av teamleder (2): Veileders rolle, Virksomheten vektlegger" in text
    r = run(lead_env, "fidelity-review", "--score", "supervisor_role=9")
    assert r.returncode == 1 and "fra 1 til 5" in r.stderr and "Traceback" not in r.stderr
    # The reasons in the window's words, each with the code a user can type.
    assert _text(lead_env, "nav-exclusions", "--set", "health").strip() == (
        "Holdes utenfor andelen i arbeid: Flyttet (moved), Helse (health)"
    )
    into = next(
        line
        for line in _text(lead_env, "indicators", "--period", "2026-Q3").splitlines()
        if "Overgang til arbeid eller utdanning" in line
    )
    assert into.rstrip().endswith("67 % (2 av 3)")
    r = run(lead_env, "nav-exclusions", "--set", "education")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith("feltjournal: Kan ikke holde education utenfor: velg blant ")
    assert "Helse (health), Annet (other); de som flyttet" in r.stderr
    # Typed in words, in either language; shown in words with their codes; JSON keeps codes.
    assert _text(lead_env, "nav-exclusions", "--set", "helse, Dropped out").strip() == (
        "Holdes utenfor andelen i arbeid: Flyttet (moved), Falt fra (dropped_out), Helse (health)"
    )
    shown = json.loads(_text(lead_env, "--json", "nav-exclusions"))
    assert shown == {"excluded_exit_reasons": ["moved", "dropped_out", "health"]}
    english = lead_env | {"FELTJOURNAL_LANGUAGE": "en"}
    assert _text(english, "nav-exclusions").strip() == (
        "Left out of the into-work share: Moved (moved), Dropped out (dropped_out), Health (health)"
    )
    helped = " ".join(_text(lead_env, "nav-exclusions", "--help").split())
    assert "Falt fra (dropped_out), Helse (health), Annet (other)" in helped
    # A job specialist's laptop may read them, not write them.
    js = cli_env(tmp_path / "js")
    assert run(js, "init", "--name", "Kari Jobb", "--role", "jobbspesialist").returncode == 0
    r = run(js, "fidelity-review", "--score", "supervisor_role=4")
    assert r.returncode == 1
    assert "Bare en teamleder" in r.stderr and "Traceback" not in r.stderr


def test_cli_indicators_names_whom_caseload_per_fte_divides_by(
    lead_env: dict[str, str],
) -> None:
    # The device directory as last synced: two job specialists, the lead, a therapist.
    journal = Journal(Profile(Path(lead_env["FELTJOURNAL_PROFILE"])).unlock(PASS))
    try:
        remember_team(
            journal.store,
            {
                "Kari Jobb": "jobbspesialist",
                "Ola Jobb": "jobbspesialist",
                "Tove Leder": "teamleder",
                "Tor Terapeut": "terapeut",
            },
        )
        set_fte(journal, job_specialist="Ola Jobb", fte=0.5)
        for p in journal.dataset({"participant"}).of("participant"):
            journal.update(p.id, {"job_specialist": "Kari Jobb"})  # none of them the lead's
        employer = journal.add("employer", {"name": "Bakeriet"})
        # The lead's own visit: not in the divisor.
        log_visit(journal, employer=employer, day="2026-09-01", by="Tove Leder")
    finally:
        journal.store.lock()
    lines = _text(lead_env, "indicators", "--period", "2026-Q3").splitlines()
    at = next(i for i, line in enumerate(lines) if "Saksmengde (aktive deltakere" in line)
    # Frid is active: 1 ÷ (Kari 1.0 + Ola 0.5); the lead's visit adds no one.
    assert lines[at].rstrip().endswith("0,7 per årsverk  (skår 5)")
    assert lines[at + 1].strip() == "Delt på (stillingsandel): Kari Jobb 1,0, Ola Jobb 0,5"
    shown = json.loads(_text(lead_env, "--json", "indicators", "--period", "2026-Q3"))
    caseload = next(f for f in shown["figures"] if f["key"] == "caseload")
    assert caseload["denominator"] == 1.5
    assert caseload["parts"] == {"Kari Jobb": 1.0, "Ola Jobb": 0.5}
