"""Indicators against hand-built datasets; every expected number is worked out in comments.

The period is 2026-Q3 (1 July – 30 September 2026, 92 days, 3 months) unless said.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import indicators as ind
from app.indicators import Band, Figure, Period, add_months, score_for
from app.journal import Dataset
from tests.app.datasets import Build, d

Q3 = Period.quarter(2026, 3)


# ----------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026-Q3", "2026-07-01", "2026-09-30", "2026-Q3"),
        ("2026q1", "2026-01-01", "2026-03-31", "2026-Q1"),
        ("2026-Q4", "2026-10-01", "2026-12-31", "2026-Q4"),
        ("2026-09", "2026-09-01", "2026-09-30", "2026-09"),
        ("2026-02", "2026-02-01", "2026-02-28", "2026-02"),
        ("2024-02", "2024-02-01", "2024-02-29", "2024-02"),
        ("2026", "2026-01-01", "2026-12-31", "2026"),
        ("2026-07-01..2026-07-14", "2026-07-01", "2026-07-14", "2026-07-01..2026-07-14"),
    ],
)
def test_parse_period(text: str, start: str, end: str, label: str) -> None:
    p = ind.parse_period(text)
    assert (p.start, p.end) == (d(start), d(end))
    assert p.label == label
    assert Period.parse(p.label) == p


@pytest.mark.parametrize("text", ["2026-Q5", "2026-Q0", "2026-13", "2026-00", "Q3", "", "26-09"])
def test_parse_period_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(text)


def test_period_rejects_end_before_start() -> None:
    with pytest.raises(ValueError):
        Period(d("2026-07-02"), d("2026-07-01"))


def test_period_lengths_and_boundaries() -> None:
    assert Q3.days == 92
    assert Q3.months == 3.0
    assert Period.year(2026).months == 12.0
    two_weeks = Period(d("2026-09-01"), d("2026-09-14"))
    assert two_weeks.days == 14 and two_weeks.weeks == 2.0
    assert two_weeks.months == pytest.approx(14 / (365.25 / 12))
    assert Q3.contains(d("2026-07-01")) and Q3.contains(d("2026-09-30"))
    assert not Q3.contains(d("2026-06-30")) and not Q3.contains(d("2026-10-01"))
    assert not Q3.contains(None)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2026-07-06", 1, "2026-08-06"),
        ("2026-11-15", 2, "2027-01-15"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert add_months(d(start), months) == d(expected)


def test_records_are_read_as_of_a_day() -> None:
    # An exit or job end after the day has not happened yet; a later entry or start is unknown.
    b = Build()
    b.participant("p")
    b.episode("p", "2026-01-01", "2026-10-15", "ordinary_work", id="e1")
    b.episode("p", "2026-11-01", id="e2")
    b.job("p", "2026-02-01", "2026-10-15", id="j1")
    b.job("p", "2026-11-01", id="j2")
    index = ind.Index(b.ds)
    [e1] = ind.episodes(index, "p", d("2026-09-30"))
    assert (e1.id, e1.exit, e1.exit_reason) == ("e1", None, None)
    [e1, _] = ind.episodes(index, "p", d("2026-11-01"))
    assert (e1.exit, e1.exit_reason) == (d("2026-10-15"), "ordinary_work")
    [j1] = ind.jobs(index, "p", d("2026-09-30"))
    assert (j1.id, j1.end) == ("j1", None)
    assert [j.id for j in ind.jobs(index, "p")] == ["j1", "j2"]


# ------------------------------------------------------------- score bands


@pytest.mark.parametrize(
    ("key", "value", "score"),
    [
        ("caseload", 20, 5),
        ("caseload", 20.5, 4),
        ("caseload", 25, 4),
        ("caseload", 26, 3),
        ("caseload", 30, 3),
        ("caseload", 31, 2),
        ("caseload", 40, 2),
        ("caseload", 41, 1),
        ("rapid_job_search", 30, 5),
        ("rapid_job_search", 31, 4),
        ("rapid_job_search", 60, 4),
        ("rapid_job_search", 61, 3),
        ("rapid_job_search", 150, 3),
        ("rapid_job_search", 151, 2),
        ("rapid_job_search", 270, 2),
        ("rapid_job_search", 271, 1),
        ("job_development", 6, 5),
        ("job_development", 5.9, 4),
        ("job_development", 4, 3),
        ("job_development", 2, 2),
        ("job_development", 1.9, 1),
        ("diversity_job_types", 85, 5),
        ("diversity_job_types", 84.9, 4),
        ("diversity_employers", 49, 1),
        ("competitive_jobs", 95, 5),
        ("competitive_jobs", 94, 4),
        ("competitive_jobs", 64, 1),
        ("community_based", 65, 5),
        ("community_based", 29, 1),
        ("individualised_search", 90, 5),
        ("individualised_search", 33.3, 2),
        ("benefits_planning", 100, 5),
        ("benefits_planning", 99, 4),
        ("zero_exclusion", 0, 5),
        ("zero_exclusion", 0.1, 4),
        ("zero_exclusion", 25, 1),
    ],
)
def test_score_bands(key: str, value: float, score: int) -> None:
    assert score_for(key, value) == score


def test_score_for_without_value_or_bands() -> None:
    assert score_for("caseload", None) is None
    assert score_for("into_work", 90.0) is None


def test_every_band_table_ends_with_a_catch_all() -> None:
    for key, bands in ind.THRESHOLDS.items():
        assert bands[-1] == Band(1), key
        assert sorted({b.score for b in bands}) == [1, 2, 3, 4, 5], key


@pytest.mark.parametrize(
    ("points", "label"),
    [
        (125, "exemplary fidelity"),
        (115, "exemplary fidelity"),
        (114, "good fidelity"),
        (100, "good fidelity"),
        (99, "fair fidelity"),
        (74, "fair fidelity"),
        (73, "not supported employment"),
    ],
)
def test_fidelity_band(points: int, label: str) -> None:
    assert ind.fidelity_band(points) == label


# ------------------------------------------------------------------ no data


def test_empty_dataset_gives_no_values_at_all() -> None:
    figures = ind.all_figures(Dataset(), Q3)
    assert figures
    for f in figures:
        assert f.value is None, f.key
        assert f.score is None, f.key
        assert f.records == (), f.key
    total = ind.total_fidelity_score(figures)
    assert (total.points, total.items_scored, total.projected_points) == (0, 0, None)


def test_unknown_job_specialist_gives_no_values() -> None:
    b = Build()
    b.participant("p1", entry="2026-01-01")
    b.contact("p1", "2026-07-10")
    b.activity("2026-07-10", 60, "community")
    for f in ind.all_figures(b.ds, Q3, job_specialist="Nobody"):
        assert f.value is None, f.key


def test_all_figures_keys() -> None:
    keys = [f.key for f in ind.all_figures(Dataset(), Q3)]
    assert len(keys) == len(set(keys))
    assert set(ind.THRESHOLDS) <= set(keys)
    assert {
        "four_week_rule",
        "disclosure_repeat",
        "referral_sources",
        "collaboration_meetings",
        "nav_contacts",
        "into_work",
        "employment_rate",
        "job_starts",
        "days_to_first_job",
        "retention_13w",
        "retention_26w",
        "hours_per_week",
        "outcome_6m",
        "therapy_dose",
        "self_assessment_change",
    } <= set(keys)


# ---------------------------------------------------------------- caseload


def caseload_data() -> Dataset:
    b = Build()
    b.participant("p1", entry="2026-01-10")  # active on 30 Sep
    b.participant("p2", entry="2026-06-01", exit="2026-09-30")  # exits on the last day: active
    b.participant("p3", entry="2026-03-01", exit="2026-09-29")  # gone the day before: not active
    b.participant("p4", entry="2026-10-01")  # starts after the period
    b.participant("p5", js="Ola", entry="2026-02-01", exit="2026-11-15")  # exit not yet happened
    return b.ds


def test_caseload_team() -> None:
    # Active: p1, p2, p5 = 3. Job specialists in the data: Kari, Ola → FTE 2 → 1.5.
    f = ind.caseload(caseload_data(), Q3)
    assert f.records == ("p1", "p2", "p5")
    assert (f.numerator, f.denominator, f.value, f.score) == (3, 2.0, 1.5, 5)
    assert f.target == 20 and f.better == "lower"


@pytest.mark.parametrize(
    ("fte", "value"),
    [
        (None, 2.0),  # p1, p2 ÷ 1.0
        ({"Kari": 0.5}, 4.0),  # ÷ 0.5
        ({"Ola": 0.5}, 2.0),  # Kari not in the mapping: 1.0
        (0.1, 20.0),  # a number is the scope's FTE
        (0.0, None),  # no FTE: nothing to divide by
    ],
)
def test_caseload_one_job_specialist(fte: ind.Fte, value: float | None) -> None:
    f = ind.caseload(caseload_data(), Q3, job_specialist="Kari", fte=fte)
    assert f.records == ("p1", "p2")
    assert f.value == value


def test_caseload_team_fte_mapping() -> None:
    # Kari 0.5 + Ola 1.0 (default) = 1.5; 3 active ÷ 1.5 = 2.0
    assert ind.caseload(caseload_data(), Q3, fte={"Kari": 0.5}).value == 2.0


def test_caseload_uses_the_team_leads_fte_setting() -> None:
    # The team lead set Kari to 0.5 (a job_specialist_fte record in the team space);
    # Ola has no setting (1.0). Team: 3 active ÷ (0.5 + 1.0) = 2.0; Kari: 2 ÷ 0.5 = 4.0.
    b = Build()  # the participants of caseload_data()
    b.participant("p1", entry="2026-01-10")
    b.participant("p2", entry="2026-06-01", exit="2026-09-30")
    b.participant("p3", entry="2026-03-01", exit="2026-09-29")
    b.participant("p4", entry="2026-10-01")
    b.participant("p5", js="Ola", entry="2026-02-01", exit="2026-11-15")
    b.add("job_specialist_fte", id="fte-kari", job_specialist="Kari", fte=0.5)
    team = ind.caseload(b.ds, Q3)
    assert (team.numerator, team.denominator, team.value) == (3, 1.5, 2.0)
    kari = ind.caseload(b.ds, Q3, job_specialist="Kari")
    assert (kari.denominator, kari.value) == (0.5, 4.0)
    ola = ind.caseload(b.ds, Q3, job_specialist="Ola")
    assert (ola.denominator, ola.value) == (1.0, 1.0)
    # A staff member with an FTE set but no participant yet still counts in the team's FTE:
    # 3 ÷ (0.5 + 1.0 + 0.4) = 1.578…
    b.add("job_specialist_fte", id="fte-nina", job_specialist="Nina", fte=0.4)
    assert ind.caseload(b.ds, Q3).denominator == pytest.approx(1.9)
    # The same figure in all_figures (the reports screen, the CLI, the central snapshot).
    (figure,) = [f for f in ind.all_figures(b.ds, Q3) if f.key == "caseload"]
    assert figure.value == pytest.approx(3 / 1.9)
    # An FTE given by the caller still wins over the setting.
    assert ind.caseload(b.ds, Q3, job_specialist="Kari", fte=1.0).value == 2.0


def lead_visit_data() -> Build:
    """caseload_data(), and the team lead Lise logging face-to-face employer visits in
    the period (the visit form names the user as job specialist)."""
    b = Build()
    b.participant("p1", entry="2026-01-10")
    b.participant("p2", entry="2026-06-01", exit="2026-09-30")
    b.participant("p3", entry="2026-03-01", exit="2026-09-29")
    b.participant("p4", entry="2026-10-01")
    b.participant("p5", js="Ola", entry="2026-02-01", exit="2026-11-15")
    b.contact("p1", "2026-08-03", job_specialist="Lise", id="l1")
    b.team_contact("2026-08-04", js="Lise", id="l2")
    b.team_contact("2026-08-05", js="Kari", id="k1")
    return b


TEAM = frozenset({"Kari", "Ola"})  # the directory's job specialists; Lise is the team lead


def _divisor(f: Figure) -> dict[str, float | None]:
    return {p.key: p.value for p in f.parts}


def test_a_lead_logging_a_visit_does_not_change_caseload_per_fte() -> None:
    b = lead_visit_data()
    # Never enrolled (no directory): everyone named counts, as before: 3 ÷ 3.0 = 1.0.
    before = ind.caseload(b.ds, Q3)
    assert (before.denominator, before.value) == (3.0, 1.0)
    assert _divisor(before) == {"Kari": 1.0, "Lise": 1.0, "Ola": 1.0}
    # With the directory: Kari and Ola only, as without Lise's visits: 3 ÷ 2.0 = 1.5.
    after = ind.caseload(b.ds, Q3, roster=TEAM)
    assert (after.numerator, after.denominator, after.value) == (3.0, 2.0, 1.5)
    assert _divisor(after) == {"Kari": 1.0, "Ola": 1.0}
    without_visits = Build()
    without_visits.records = [r for r in b.records if not r.id.startswith("l")]
    assert ind.caseload(without_visits.ds, Q3, roster=TEAM).value == after.value
    # Job development divides by the same FTE: 3 face-to-face contacts (Lise's visits
    # still count: the team made them) ÷ (2.0 FTE × 13.14 weeks).
    jd = ind.job_development(b.ds, Q3, roster=TEAM)
    assert (jd.numerator, jd.denominator) == (3.0, pytest.approx(2.0 * Q3.weeks))
    assert _divisor(jd) == {"Kari": 1.0, "Ola": 1.0}
    # all_figures (the reports screen, the CLI, the central snapshot) agrees.
    (figure,) = [f for f in ind.all_figures(b.ds, Q3, roster=TEAM) if f.key == "caseload"]
    assert figure == after


def test_a_lead_with_an_fte_set_counts_in_caseload_per_fte() -> None:
    b = lead_visit_data()
    # The lead's word wins: Lise set herself 0.5 (she carries a caseload), and a new job
    # specialist Nina (no participant yet, no FTE set) is in the directory.
    b.add("job_specialist_fte", id="fte-lise", job_specialist="Lise", fte=0.5)
    f = ind.caseload(b.ds, Q3, roster=TEAM | {"Nina"})
    assert _divisor(f) == {"Kari": 1.0, "Lise": 0.5, "Nina": 1.0, "Ola": 1.0}
    assert (f.denominator, f.value) == (3.5, pytest.approx(3 / 3.5))


def test_a_participants_job_specialist_outside_the_directory_counts() -> None:
    # Per carries p9 but is no job specialist in the directory (a therapist, or someone
    # gone from it) and has no FTE set: counted at 1.0, since p9 is in the numerator.
    b = lead_visit_data()
    b.participant("p9", js="Per", entry="2026-05-01")
    f = ind.caseload(b.ds, Q3, roster=TEAM)
    assert _divisor(f) == {"Kari": 1.0, "Ola": 1.0, "Per": 1.0}
    assert (f.numerator, f.denominator) == (4.0, 3.0)
    # A job specialist's own scope divides by their own FTE, directory or not.
    assert _divisor(ind.caseload(b.ds, Q3, job_specialist="Ola", roster=TEAM)) == {"Ola": 1.0}


@pytest.mark.parametrize(("n", "score"), [(20, 5), (21, 4), (26, 3), (41, 1)])
def test_caseload_score(n: int, score: int) -> None:
    b = Build()
    for i in range(n):
        b.participant(f"p{i:02d}", entry="2026-01-01")
    f = ind.caseload(b.ds, Q3, job_specialist="Kari")
    assert (f.value, f.score) == (float(n), score)


# ------------------------------------------------- rapid job search, 4 weeks


def rapid_data() -> Dataset:
    b = Build()
    # a: 10 Jun → 8 Jul = 20 + 8 = 28 days: four-week rule met exactly.
    b.participant("a", entry="2026-06-10")
    b.contact("a", "2026-07-08", id="ca")
    # b: 29 days; the earlier phone contact and non-competitive visit do not count.
    b.participant("b", entry="2026-06-10")
    b.contact("b", "2026-06-15", mode="phone")
    b.contact("b", "2026-06-20", competitive_job=False)
    b.contact("b", "2026-07-09", id="cb", competitive_job=True)
    # c: 1 Aug → 11 Aug = 10 days.
    b.participant("c", entry="2026-08-01")
    b.contact("c", "2026-08-11", id="cc", purpose="job_development")
    # d: day 28 is 8 Oct, outside the period; no contact.
    b.participant("d", entry="2026-09-10")
    # e: day 28 is 12 Sep, no contact: a miss.
    b.participant("e", entry="2026-08-15")
    # f: contact in May: not in the period's mean; day 28 (29 May) not in the period.
    b.participant("f", entry="2026-05-01")
    b.contact("f", "2026-05-20")
    # g: left on 20 Jul before day 28 (29 Jul) without a contact: not counted.
    b.participant("g", entry="2026-07-01", exit="2026-07-20")
    # h: contact on the last day, 1 Jul → 30 Sep = 91 days; day 28 missed.
    b.participant("h", entry="2026-07-01")
    b.contact("h", "2026-09-30", id="ch")
    # i: contact the day after the period: not yet known; day 28 missed.
    b.participant("i", entry="2026-07-01")
    b.contact("i", "2026-10-01")
    # j (Ola): a visit before entry is ignored; 1 Aug → 20 Aug = 19 days.
    b.participant("j", js="Ola", entry="2026-08-01")
    b.contact("j", "2026-07-25")
    b.contact("j", "2026-08-20", id="cj")
    return b.ds


def test_rapid_job_search() -> None:
    # First contact in the period: a 28, b 29, c 10, h 91, j 19 days. In service on 30 Sep
    # without one yet (censored at the period's end): d 10 Sep → 20, e 15 Aug → 46, i (its
    # contact is after the period) 1 Jul → 91. f's first contact was before the period;
    # g left without one. (28 + 29 + 10 + 91 + 19 + 20 + 46 + 91) / 8 = 334 / 8 = 41.75 → 4
    f = ind.rapid_job_search(rapid_data(), Q3)
    assert f.records == ("a", "b", "c", "d", "e", "h", "i", "j")
    assert f.numerator_records == ("a", "b", "c", "h", "j")
    assert f.value == pytest.approx(41.75)
    assert (f.numerator, f.denominator, f.score) == (5, 8, 4)
    assert {p.key: (p.value, p.records) for p in f.parts} == {
        "a": (28, ("ca",)),
        "b": (29, ("cb",)),
        "c": (10, ("cc",)),
        "d": (20, ()),
        "e": (46, ()),
        "h": (91, ("ch",)),
        "i": (91, ()),
        "j": (19, ("cj",)),
    }


def test_rapid_job_search_one_job_specialist() -> None:
    # Without j: 315 / 7 = 45
    f = ind.rapid_job_search(rapid_data(), Q3, job_specialist="Kari")
    assert f.value == pytest.approx(45.0)
    assert "j" not in f.records


def test_rapid_job_search_an_untouched_participant_costs_the_top_score() -> None:
    # Before #15 the mean was over contacted participants only: 10 days → 5.
    b = Build()
    b.participant("quick", entry="2026-07-01")
    b.contact("quick", "2026-07-11")  # 10 days
    b.participant("untouched", entry="2026-04-01")  # no contact: 1 Apr → 30 Sep = 182 days
    f = ind.rapid_job_search(b.ds, Q3)
    assert f.value == pytest.approx((10 + 182) / 2)  # 96 → 61–150 → 3
    assert f.score == 3
    assert f.numerator_records == ("quick",)


def test_four_week_rule() -> None:
    # Cohort: a (met), b, c (met), e, h, i, j (met); g left before day 28, d and f not due.
    f = ind.four_week_rule(rapid_data(), Q3)
    assert f.records == ("a", "b", "c", "e", "h", "i", "j")
    assert f.numerator_records == ("a", "c", "j")
    assert f.value == pytest.approx(300 / 7)
    f = ind.four_week_rule(rapid_data(), Q3, job_specialist="Kari")
    assert f.numerator_records == ("a", "c") and f.value == pytest.approx(200 / 6)


@pytest.mark.parametrize(("offset", "met"), [(0, True), (27, True), (28, True), (29, False)])
def test_four_week_rule_at_the_boundary(offset: int, met: bool) -> None:
    b = Build()
    b.participant("p", entry="2026-08-01")
    b.contact("p", (d("2026-08-01") + timedelta(days=offset)).isoformat())
    f = ind.four_week_rule(b.ds, Q3)
    assert f.records == ("p",)
    assert f.value == (100.0 if met else 0.0)


def four_week_job_data() -> Dataset:
    b = Build()
    # k: entry 1 Aug, no employer contact; found a job through her own network on 20 Aug
    # (day 19): the job start stops the clock, met.
    b.participant("k", entry="2026-08-01")
    b.job("k", "2026-08-20", id="Jk")
    # l: entry 1 Aug, job start 10 Sep (day 40), no contact: day 28 (29 Aug) missed.
    b.participant("l", entry="2026-08-01")
    b.job("l", "2026-09-10", id="Jl")
    # m: entry 1 Aug while already in a job since March: in work from day 0, met.
    b.participant("m", entry="2026-08-01")
    b.job("m", "2026-03-01", id="Jm")
    # n: entry 1 Aug; a job that ended in June, before entry, does not stop the clock.
    b.participant("n", entry="2026-08-01")
    b.job("n", "2026-02-01", "2026-06-30", id="Jn")
    # o: entry 1 Aug, left on 15 Aug for a job started 12 Aug (day 11): met, not left out.
    b.participant("o", entry="2026-08-01", exit="2026-08-15", exit_reason="ordinary_work")
    b.job("o", "2026-08-12", id="Jo")
    return b.ds


def test_four_week_rule_stops_at_a_job_start() -> None:
    # Cohort (day 28 = 29 Aug, in Q3): k, l, m, n, o. Met: k (job day 19), m (in work on
    # entry), o (job day 11) = 3 of 5 = 60 %.
    f = ind.four_week_rule(four_week_job_data(), Q3)
    assert f.records == ("k", "l", "m", "n", "o")
    assert f.numerator_records == ("k", "m", "o")
    assert f.value == pytest.approx(60.0)
    assert "job start" in f.label


def test_four_week_stop_says_how_and_when() -> None:
    ds = four_week_job_data()
    index = ind.Index(ds)
    today = d("2026-09-30")

    def stop(pid: str) -> tuple[str, int] | None:
        ep = ind.episodes(index, pid, today)[-1]
        s = ind.four_week_stop(index, ep, today)
        return None if s is None else (s.how, s.day_number(ep.entry))

    assert stop("k") == ("job", 19)
    assert stop("l") == ("job", 40)
    assert stop("m") == ("job", 0)
    assert stop("n") is None
    assert stop("o") == ("job", 11)
    # A contact the same day as a job start counts as the contact.
    b = Build()
    b.participant("p", entry="2026-08-01")
    b.job("p", "2026-08-10", id="J")
    b.contact("p", "2026-08-10", id="c")
    ep = ind.episodes(ind.Index(b.ds), "p", today)[0]
    s = ind.four_week_stop(ind.Index(b.ds), ep, today)
    assert s is not None and (s.how, s.record_id) == ("contact", "c")


def test_rapid_job_search_without_contact_counts_the_days_so_far() -> None:
    b = Build()
    b.participant("p", entry="2026-08-01")  # no contact yet: 1 Aug → 30 Sep = 60 days
    b.participant("gone", entry="2026-07-01", exit="2026-07-10")  # left without one: out
    f = ind.rapid_job_search(b.ds, Q3)
    assert (f.value, f.records, f.numerator) == (60.0, ("p",), 0.0)
    assert ind.rapid_job_search(Build().ds, Q3).value is None  # nobody: no figure


# ------------------------------------------------------- job development


TWO_WEEKS = Period(d("2026-09-01"), d("2026-09-14"))


def job_development_data(extra_seekers: int = 0) -> Dataset:
    b = Build()
    b.participant("p1", entry="2026-01-01")  # Kari's job seeker
    b.participant("p5", js="Ola", entry="2026-01-01")  # Ola's job seeker
    for i in range(extra_seekers):
        b.participant(f"s{i}", entry="2026-01-01")
    b.contact("p1", "2026-09-01", id="k1", job_specialist="Kari")  # first day
    b.contact("p1", "2026-09-14", id="k2", job_specialist="Kari", purpose="job_development")
    b.contact("p1", "2026-09-15", job_specialist="Kari")  # day after
    b.contact("p1", "2026-09-02", job_specialist="Kari", mode="phone")
    b.contact("p1", "2026-09-02", job_specialist="Kari", purpose="follow_along")
    b.contact("p1", "2026-09-03", id="k3")  # no job specialist: the participant's (Kari)
    b.contact("p5", "2026-09-04", id="k4", job_specialist="Kari")  # Kari on Ola's participant
    b.team_contact("2026-09-05", js="Kari", id="k5")
    b.team_contact("2026-09-06", js="Kari", mode="email")
    b.team_contact("2026-09-02", js="Ola", id="o1")
    return b.ds


def test_job_development_one_job_specialist() -> None:
    # Kari: k1..k5 = 5 face-to-face contacts in 2 weeks at 1.0 FTE = 2.5 a week.
    # One job seeker (< 3): top needs 2 × 1 = 2 a week → 2.5 scaled to 7.5 → 5.
    f = ind.job_development(job_development_data(), TWO_WEEKS, job_specialist="Kari")
    assert f.records == ("k1", "k2", "k3", "k4", "k5")
    assert (f.numerator, f.denominator, f.value) == (5, 2.0, 2.5)
    assert (f.target, f.score) == (2.0, 5)


@pytest.mark.parametrize(
    ("seekers", "target", "score"),
    [
        (2, 4.0, 2),  # top needs 2 × 2 = 4 a week: 2.5 × 6 / 4 = 3.75 → 2
        (3, 6.0, 2),  # three or more: the usual 6 a week; 2.5 → 2
        (4, 6.0, 2),
    ],
)
def test_job_development_with_more_job_seekers(seekers: int, target: float, score: int) -> None:
    f = ind.job_development(job_development_data(seekers - 1), TWO_WEEKS, job_specialist="Kari")
    assert (f.value, f.target, f.score) == (2.5, target, score)


def test_job_development_team() -> None:
    # 6 contacts ÷ (2 FTE × 2 weeks) = 1.5. Seekers 2 ÷ 2 FTE = 1 → top needs 2:
    # 1.5 × 6 / 2 = 4.5 → score 3.
    f = ind.job_development(job_development_data(), TWO_WEEKS)
    assert f.records == ("k1", "k2", "k3", "k4", "k5", "o1")
    assert (f.value, f.target, f.score) == (1.5, 2.0, 3)


def test_job_development_zero_contacts_is_zero_not_none() -> None:
    b = Build()
    b.participant("p1", entry="2026-01-01")
    f = ind.job_development(b.ds, TWO_WEEKS, job_specialist="Kari")
    assert (f.value, f.score) == (0.0, 1)


# ------------------------------------------------- individualised job search


def test_individualised_search() -> None:
    b = Build()
    b.participant("p1", entry="2026-01-01")
    b.contact("p1", "2026-07-01", id="c1", matches_preferences=True)
    b.contact("p1", "2026-08-01", id="c2", matches_preferences=False)
    b.contact("p1", "2026-09-30", id="c3")  # not recorded: counts against
    b.contact("p1", "2026-10-01", id="c4", matches_preferences=True)  # after
    b.contact("p1", "2026-08-01", id="c5", purpose="job_development", matches_preferences=True)
    b.contact("p1", "2026-08-02", id="c6", mode="phone", matches_preferences=True)  # any mode
    # c1, c6 of c1, c2, c3, c6 = 50 % → score 3
    f = ind.individualised_search(b.ds, Q3)
    assert f.records == ("c1", "c2", "c3", "c6")
    assert f.numerator_records == ("c1", "c6")
    assert (f.value, f.score) == (50.0, 3)


# ------------------------------------------- diversity, competitive, hours


def jobs_data() -> Dataset:
    b = Build()
    for pid in ("p1", "p2", "p3", "p4"):
        b.participant(pid, entry="2026-01-01")
    b.add("employer", id="e1", name="A", org_number="974760673")
    b.add("employer", id="e2", name="B", org_number="923609016")
    b.add("employer", id="e3", name="A avd. 2", org_number="974760673")  # same organisation
    b.add("employer", id="e4", name="C")  # no org number
    b.job("p1", "2026-07-01", id="j1", occupation_code="5223", employer="e1", hours_per_week=20)
    b.job(
        "p2", "2026-08-01", id="j2", occupation_code="5223101", employer="e2", hours_per_week=37.5
    )
    b.job("p3", "2026-07-15", id="j3", occupation_code="9112", employer="e3", competitive=False)
    b.job("p3", "2026-09-30", id="j4", competitive=None)  # no code, no employer
    b.job("p4", "2026-05-01", "2026-07-01", id="j6", occupation_code="5120", employer="e4")
    b.job("p4", "2026-03-01", "2026-06-30", id="j5", occupation_code="9999", hours_per_week=10)
    b.job("p4", "2026-10-01", id="j7", occupation_code="1111", employer="e2")
    return b.ds


def test_diversity_job_types() -> None:
    # Held in Q3: j1, j2, j3, j4, j6 (j5 ended 30 Jun, j7 starts 1 Oct). Coded: j1 5223,
    # j2 5223 (7-digit → unit group 5223), j3 9112, j6 5120: 3 types ÷ 4 jobs = 75 % → 4.
    f = ind.diversity_job_types(jobs_data(), Q3)
    assert f.records == ("j1", "j2", "j3", "j6")
    assert f.numerator_records == ("j1", "j3", "j6")
    assert (f.value, f.score) == (75.0, 4)
    assert [(p.key, p.records) for p in f.parts] == [
        ("5120", ("j6",)),
        ("5223", ("j1", "j2")),
        ("9112", ("j3",)),
    ]


def test_diversity_employers() -> None:
    # j1 org 974760673, j2 org 923609016, j3 org 974760673 (same as j1), j6 e4 (no org):
    # 3 employers ÷ 4 jobs = 75 %; first job at each: j1, j2, j6.
    f = ind.diversity_employers(jobs_data(), Q3)
    assert f.records == ("j1", "j2", "j3", "j6")
    assert f.numerator_records == ("j1", "j2", "j6")
    assert (f.value, f.score) == (75.0, 4)


def test_competitive_jobs() -> None:
    # j1, j2, j6 competitive; j3 not; j4 unrecorded → 3 / 5 = 60 % → score 1
    f = ind.competitive_jobs(jobs_data(), Q3)
    assert f.records == ("j1", "j2", "j3", "j4", "j6")
    assert f.numerator_records == ("j1", "j2", "j6")
    assert (f.value, f.score) == (60.0, 1)


def test_hours_per_week() -> None:
    # Held jobs with hours: j1 20, j2 37.5 → 28.75 (j5's 10 h ended before the period)
    f = ind.hours_per_week(jobs_data(), Q3)
    assert f.records == ("j1", "j2")
    assert f.value == 28.75


def test_one_job_is_fully_diverse() -> None:
    b = Build()
    b.participant("p1", entry="2026-01-01")
    b.job("p1", "2026-07-01", id="j1", occupation_code="5223", employer="e1")
    assert ind.diversity_job_types(b.ds, Q3).value == 100.0
    assert ind.diversity_employers(b.ds, Q3).value == 100.0


# ----------------------------------------------------------- follow-along

# A start on Monday 6 Jul 2026: before 29 Jun–5 Jul; after 6–9 Jul; weeks 6–12, 13–19,
# 20–26 Jul, 27 Jul–2 Aug; month 2 = 6 Aug–5 Sep; month 3 = 6 Sep–5 Oct (open on 30 Sep).
FULL = ["2026-07-01", "2026-07-07", "2026-07-15", "2026-07-22", "2026-07-29", "2026-08-20"]


def follow_data() -> Dataset:
    b = Build()
    b.participant("ok", entry="2026-01-01")
    b.job("ok", "2026-07-06", id="J_ok")
    for day in FULL:
        b.follow("ok", "J_ok", day)
    b.participant("miss", entry="2026-01-01")
    b.job("miss", "2026-07-06", id="J_miss")
    for day in FULL:
        if day != "2026-07-22":  # week 3 missed
            b.follow("miss", "J_miss", day)
    b.follow("miss", "J_other", "2026-07-23")  # about another job: does not count
    b.participant("later", entry="2026-01-01")
    b.job("later", "2026-10-05", id="J_later")  # nothing due by 30 Sep
    b.participant("old", entry="2024-01-01")
    b.job("old", "2025-01-06", id="J_old")  # month 12 ended 5 Jan 2026
    return b.ds


def test_follow_along_windows() -> None:
    w = {name: (s, e) for name, s, e in ind.follow_along_windows(d("2026-07-06"), None)}
    assert len(w) == 17
    assert w["before_start"] == (d("2026-06-29"), d("2026-07-05"))
    assert w["after_start"] == (d("2026-07-06"), d("2026-07-09"))
    assert w["week_4"] == (d("2026-07-27"), d("2026-08-02"))
    assert w["month_2"] == (d("2026-08-06"), d("2026-09-05"))
    assert w["month_12"] == (d("2027-06-06"), d("2027-07-05"))


def test_follow_along_share_and_misses() -> None:
    # Due by 30 Sep for each job: before, after, weeks 1–4, month 2 = 7 contacts.
    # J_ok made 7, J_miss 6 (week 3): 13 of 14 = 92.9 % → score 5 (≥ 90).
    # (All-or-nothing per job, as before, gave 1 of 2 jobs = 50 %.)
    f = ind.follow_along(follow_data(), Q3)
    assert f.records == ("J_miss", "J_ok")
    assert f.numerator_records == ("J_ok",)
    assert (f.numerator, f.denominator) == (13, 14)
    assert f.value == pytest.approx(1300 / 14)
    assert f.score == 5
    assert [(p.key, p.value, p.records) for p in f.parts] == [
        ("J_miss", pytest.approx(600 / 7), ()),
        ("J_ok", 100.0, ()),
        ("J_miss:week_3", None, ("J_miss",)),
    ]


# Contacts meeting every window around a start on 6 Jul (before, after, weeks 1–4).
START_PHASE = ["2026-07-01", "2026-07-07", "2026-07-15", "2026-07-22", "2026-07-29"]


def one_job(
    *days: str,
    modes: dict[str, str] | None = None,
    exit: str | None = None,
    end: str | None = None,
    declined: str | None = None,
) -> Dataset:
    b = Build()
    b.participant("p", entry="2026-01-01", exit=exit)
    b.job("p", "2026-07-06", end, id="J", follow_along_declined=declined)
    for day in days:
        b.follow("p", "J", day, mode=(modes or {}).get(day, "face_to_face"))
    return b.ds


def test_follow_along_counts_face_to_face_contacts_only() -> None:
    # The month-2 contact (20 Aug) was a phone call: month 2 is short. 6 of 7.
    ds = one_job(*START_PHASE, "2026-08-20", modes={"2026-08-20": "phone"})
    f = ind.follow_along(ds, Q3)
    assert (f.numerator, f.denominator) == (6, 7)
    assert [(p.key, p.value) for p in f.parts[1:]] == [("J:monthly", 1.0)]
    # A contact with no mode recorded is not known to be face to face either.
    ds = one_job(*START_PHASE, "2026-08-20", modes={"2026-08-20": ""})
    assert ind.follow_along(ds, Q3).numerator == 6


def test_follow_along_monthly_contacts_are_judged_on_average() -> None:
    # No contact in month 2 (6 Aug–5 Sep), two in month 3 (6 Sep–5 Oct, open but met):
    # 2 months owed, 2 contacts → on average monthly: with the 6 around the start,
    # 8 of 8 = 100 %.
    ds = one_job(*START_PHASE, "2026-09-08", "2026-09-20")
    [status] = ind.follow_along_status(ds, Q3)
    assert (status.months_owed, status.contacts_in_months, status.months_short) == (2, 2, 0)
    f = ind.follow_along(ds, Q3)
    assert (f.numerator, f.denominator, f.value, f.score) == (8, 8, 100.0, 5)
    # One contact for the two months: one short, 7 of 8 = 87.5 % → score 4.
    f = ind.follow_along(one_job(*START_PHASE, "2026-09-08"), Q3)
    assert (f.numerator, f.denominator, f.score) == (7, 8, 4)
    assert f.parts[-1].key == "J:monthly" and f.parts[-1].value == 1.0


def test_follow_along_stops_at_exit() -> None:
    # Exit 24 Jul: week 3 (20–26 Jul) had not closed by then; it and later windows are
    # not owed. Before, after, weeks 1–2 met: 4 of 4. Without the exit: 4 of 7.
    days = ("2026-07-01", "2026-07-07", "2026-07-15")
    f = ind.follow_along(one_job(*days, exit="2026-07-24"), Q3)
    assert (f.numerator, f.denominator, f.value) == (4, 4, 100.0)
    f = ind.follow_along(one_job(*days), Q3)
    assert (f.numerator, f.denominator) == (4, 7)


def test_follow_along_stops_when_no_more_is_wanted() -> None:
    # Declined from 1 Aug: week 4 (27 Jul–2 Aug) and the months are not owed; 5 of 5.
    days = ("2026-07-01", "2026-07-07", "2026-07-15", "2026-07-22")
    f = ind.follow_along(one_job(*days, declined="2026-08-01"), Q3)
    assert (f.numerator, f.denominator, f.value) == (5, 5, 100.0)
    # Declined in May 2027 of a job started 6 Jul 2026: nothing owed in Q3 2027.
    f = ind.follow_along(one_job(*days, declined="2027-05-01"), Period.quarter(2027, 3))
    assert f.records == () and f.value is None
    # Declined after the period: not known yet, weeks and month 2 are owed (5 of 7).
    f = ind.follow_along(one_job(*days, declined="2026-10-15"), Q3)
    assert (f.numerator, f.denominator) == (5, 7)


def test_follow_along_stops_at_the_job_end() -> None:
    # Ended 24 Jul: week 3 (opened 20 Jul) is owed, week 4 and the months are not, and a
    # contact within 3 days of the end is: 27 Jul meets it. 6 of 6.
    days = ("2026-07-01", "2026-07-07", "2026-07-15", "2026-07-22", "2026-07-27")
    f = ind.follow_along(one_job(*days, end="2026-07-24"), Q3)
    assert (f.numerator, f.denominator) == (6, 6)


def test_follow_along_status_details() -> None:
    [miss, ok] = sorted(ind.follow_along_status(follow_data(), Q3), key=lambda s: s.job_id)
    assert [c.name for c in miss.missed] == ["week_3"]
    assert ok.missed == ()
    # Due by 30 Sep: before, after, weeks 1–4, month 2; month 3 onwards still pending.
    assert [c.name for c in ok.due] == [
        "before_start",
        "after_start",
        "week_1",
        "week_2",
        "week_3",
        "week_4",
        "month_2",
    ]


@pytest.mark.parametrize(("end", "value"), [("2026-07-19", 75.0), ("2026-07-18", 100.0)])
def test_follow_along_window_closing_on_the_last_day(end: str, value: float) -> None:
    # Week 2 (13–19 Jul) has no contact: missed once the period reaches 19 Jul, when
    # before, after, week 1 (met) and week 2 are due: 3 of 4.
    b = Build()
    b.participant("p", entry="2026-01-01")
    b.job("p", "2026-07-06", id="J")
    for day in ["2026-07-01", "2026-07-07"]:
        b.follow("p", "J", day)
    f = ind.follow_along(b.ds, Period(d("2026-07-01"), d(end)))
    assert f.value == value


def test_follow_along_after_a_job_ends() -> None:
    # Ends 20 Jul: windows opening later fall away; week 3 (20–26 Jul) and the
    # 3-day after-end window (20–23 Jul) are both met by the 22 Jul contact.
    b = Build()
    b.participant("p", entry="2026-01-01")
    b.job("p", "2026-07-06", "2026-07-20", id="J")
    for day in ["2026-07-01", "2026-07-07", "2026-07-15", "2026-07-22"]:
        b.follow("p", "J", day)
    [status] = ind.follow_along_status(b.ds, Q3)
    assert [c.name for c in status.checkpoints] == [
        "before_start",
        "after_start",
        "week_1",
        "week_2",
        "week_3",
        "after_end",
    ]
    assert status.missed == ()
    assert ind.follow_along(b.ds, Q3).value == 100.0


# ------------------------------------------------------ community services


def test_community_based() -> None:
    b = Build()
    b.activity("2026-07-01", 120, "community", id="a1")
    b.activity("2026-07-02", 60, "office", id="a2")
    b.activity("2026-09-30", 30, "community", id="a3")  # last day counts
    b.activity("2026-10-01", 100, "community", id="a4")  # day after does not
    b.activity("2026-07-03", 60, "office", js="Ola", id="a5")
    # Kari: 150 / 210 = 71.4 % → 5; team: 150 / 270 = 55.6 % → 4
    kari = ind.community_based(b.ds, Q3, job_specialist="Kari")
    assert kari.records == ("a1", "a2", "a3") and kari.numerator_records == ("a1", "a3")
    assert (kari.numerator, kari.denominator) == (150, 210)
    assert kari.value == pytest.approx(100 * 150 / 210) and kari.score == 5
    team = ind.community_based(b.ds, Q3)
    assert team.value == pytest.approx(100 * 150 / 270) and team.score == 4


# ------------------------------------------------------------ disclosure


def test_disclosure() -> None:
    b = Build()
    b.participant("p1", entry="2026-01-01")
    b.note("p1", "2026-07-01", "disclosure")
    b.contact("p1", "2026-07-10")  # met
    b.participant("p2", entry="2026-01-01")
    b.add("disclosure_plan", "p2", level="partial", discussed="2026-07-10")
    b.contact("p2", "2026-07-10")  # plan on the same day: met
    b.participant("p3", entry="2026-01-01")
    b.contact("p3", "2026-07-05")
    b.note("p3", "2026-07-20", "disclosure")  # too late
    b.participant("p4", entry="2026-01-01")
    b.contact("p4", "2026-06-20")  # first contact before the period
    b.contact("p4", "2026-07-20")
    b.participant("p5", entry="2026-01-01")
    b.contact("p5", "2026-07-20", purpose="job_development")  # not client-specific
    b.participant("p6", entry="2026-01-01")
    b.note("p6", "2026-07-01", "benefits")  # not a disclosure talk
    b.contact("p6", "2026-07-03")
    f = ind.disclosure(b.ds, Q3)
    assert f.records == ("p1", "p2", "p3", "p6")
    assert f.numerator_records == ("p1", "p2")
    assert (f.value, f.score) == (50.0, 3)


def test_disclosure_repeat() -> None:
    # Entry 1 May: day 60 = 30 Jun, day 90 = 30 Jul (in Q3).
    b = Build()
    b.participant("q1", entry="2026-05-01")
    b.note("q1", "2026-07-10", "disclosure")  # in days 60–90: met
    b.participant("q2", entry="2026-05-01")
    b.note("q2", "2026-06-01", "disclosure")  # only before day 60
    b.participant("q3", entry="2026-05-01")
    b.job("q3", "2026-06-15")  # a job by day 60: not in the cohort
    b.participant("q4", entry="2026-05-01")
    b.job("q4", "2026-07-05")  # job after day 60, no talk
    f = ind.disclosure_repeat(b.ds, Q3)
    assert f.records == ("q1", "q2", "q4")
    assert f.numerator_records == ("q1",)


# ------------------------------------------------------- benefits planning


def test_benefits_planning() -> None:
    b = Build()
    for pid in ("p1", "p2", "p3", "p4", "p5"):
        b.participant(pid, entry="2026-01-01")
    b.note("p1", "2026-07-01", "benefits")
    b.job("p1", "2026-07-10", id="j1")  # met
    b.note("p2", "2026-08-01", "benefits")
    b.job("p2", "2026-08-01", id="j2")  # same day: met
    b.job("p3", "2026-09-30", id="j3")  # start on the last day counts; note after: not met
    b.note("p3", "2026-10-01", "benefits")
    b.job("p4", "2026-10-01", id="j4")  # not a start in Q3
    b.note("p5", "2026-07-01", "general")
    b.job("p5", "2026-07-15", id="j5")  # no benefits note
    f = ind.benefits_planning(b.ds, Q3)
    assert f.records == ("j1", "j2", "j3", "j5")
    assert f.numerator_records == ("j1", "j2")
    assert (f.value, f.score) == (50.0, 3)


# --------------------------------------------------------- zero exclusion


def referral_data() -> Dataset:
    b = Build()
    for pid in ("p1", "p2", "p3", "p4", "p5", "p6"):
        b.participant(pid, status="referred")
    ref = "referral"
    b.add(
        ref,
        "p1",
        id="r1",
        source="gp",
        received="2026-06-20",
        decision="accepted",
        decided="2026-07-02",
    )
    b.add(
        ref,
        "p2",
        id="r2",
        source="self",
        received="2026-07-05",
        decision="declined",
        decided="2026-07-10",
        decline_reason="not_ready",
    )
    b.add(
        ref,
        "p3",
        id="r3",
        source="nav",
        received="2026-07-06",
        decision="declined",
        decided="2026-07-12",
        decline_reason="moved",
    )
    b.add(ref, "p4", id="r4", source="self", received="2026-08-01", decision="pending")
    b.add(ref, "p5", id="r5", source="nav", received="2026-09-01", decision="declined")
    b.add(
        ref,
        "p6",
        id="r6",
        source="gp",
        received="2026-09-30",
        decision="declined",
        decided="2026-10-02",
        decline_reason="not_ready",
    )
    return b.ds


def test_zero_exclusion() -> None:
    # Decided in Q3: r1 (accepted), r2 (not_ready), r3 (moved), r5 (no date: received; no
    # reason). r6 is decided after the period. 1 / 4 = 25 % → score 1.
    f = ind.zero_exclusion(referral_data(), Q3)
    assert f.records == ("r1", "r2", "r3", "r5")
    assert f.numerator_records == ("r2",)
    assert (f.value, f.score, f.target) == (25.0, 1, 0.0)
    assert [(p.key, p.value, p.records) for p in f.parts] == [
        ("not_ready", 1, ("r2",)),
        ("moved", 1, ("r3",)),
        ("unspecified", 1, ("r5",)),
    ]


def test_referral_sources() -> None:
    # Received in Q3: r2 self, r3 nav, r4 self, r5 nav, r6 gp → self 2 / 5 = 40 %
    f = ind.referral_sources(referral_data(), Q3)
    assert f.records == ("r2", "r3", "r4", "r5", "r6")
    assert f.value == 40.0
    assert [(p.key, p.records) for p in f.parts] == [
        ("gp", ("r6",)),
        ("nav", ("r3", "r5")),
        ("self", ("r2", "r4")),
    ]


# ------------------------------------------------- integration with treatment


def test_collaboration_meetings() -> None:
    # The last 90 days of Q3: 3 Jul – 30 Sep.
    b = Build()
    b.participant("m1", entry="2026-01-01")
    b.meeting("m1", "2026-07-03")  # first of the 90 days: met
    b.participant("m2", entry="2026-01-01")
    b.meeting("m2", "2026-07-02")  # 91 days before: not met
    b.participant("m3", entry="2026-01-01")
    b.meeting("m3", "2026-10-01")  # after the period
    b.participant("m4", entry="2026-08-01")  # under 90 days in service: not counted
    b.participant("m5", entry="2026-07-03")  # in service all 90 days, no meeting
    b.participant("m6", entry="2026-01-01", exit="2026-09-01")  # not active
    f = ind.collaboration_meetings(b.ds, Q3)
    assert f.records == ("m1", "m2", "m3", "m5")
    assert f.numerator_records == ("m1",)
    assert f.value == 25.0


def test_nav_contacts() -> None:
    b = Build()
    b.participant("n1", entry="2026-01-01")
    for day in ("2026-07-01", "2026-08-15", "2026-09-30"):
        b.note("n1", day, "nav_contact", id=f"nav-{day}")
    b.note("n1", "2026-10-01", "nav_contact")  # after
    b.participant("n2", entry="2026-07-15")
    b.note("n2", "2026-08-01", "nav_contact", id="nav-n2")
    b.note("n2", "2026-08-02", "general")
    b.participant("n3", entry="2026-10-05")  # not served in Q3
    b.note("n3", "2026-09-15", "nav_contact")
    # 4 contacts ÷ (2 participants × 3 months) = 0.667
    f = ind.nav_contacts(b.ds, Q3)
    assert f.records == ("n1", "n2")
    assert (f.numerator, f.denominator) == (4, 6.0)
    assert f.value == pytest.approx(4 / 6)
    assert [(p.key, p.value) for p in f.parts] == [("n1", 3), ("n2", 1)]
    assert len(f.numerator_records) == 4


# ------------------------------------------------------------------ outcomes


def test_into_work() -> None:
    b = Build()
    b.participant("x1", entry="2026-01-01", exit="2026-07-15", exit_reason="ordinary_work")
    b.participant("x2", entry="2026-01-01", exit="2026-08-01", exit_reason="education")
    b.participant("x3", entry="2026-01-01", exit="2026-09-30", exit_reason="dropped_out")
    b.participant("x4", entry="2026-01-01", exit="2026-10-01", exit_reason="health")
    b.participant("x5", entry="2026-01-01", exit="2026-06-30", exit_reason="ordinary_work")
    b.participant("x6", entry="2026-01-01", exit="2026-09-01")
    # Exits in Q3: x1, x2, x3, x6; into work or education: x1, x2 → 50 %
    f = ind.into_work(b.ds, Q3)
    assert f.records == ("x1", "x2", "x3", "x6")
    assert f.numerator_records == ("x1", "x2")
    assert (f.value, f.target) == (50.0, 80.0)
    assert [(p.key, p.records) for p in f.parts] == [
        ("ordinary_work", ("x1",)),
        ("education", ("x2",)),
        ("dropped_out", ("x3",)),
        ("unspecified", ("x6",)),
    ]


def into_work_data() -> Dataset:
    b = Build()
    b.participant("w1", entry="2026-01-01", exit="2026-07-15", exit_reason="ordinary_work")
    b.job("w1", "2026-06-01")  # competitive, no wage subsidy: counts
    b.participant("w2", entry="2026-01-01", exit="2026-08-01", exit_reason="ordinary_work")
    b.job("w2", "2026-06-01", wage_subsidy=True)  # the only job held has a wage subsidy
    b.participant("w3", entry="2026-01-01", exit="2026-08-10", exit_reason="moved")
    b.participant("w4", entry="2026-01-01", exit="2026-08-20", exit_reason="health")
    b.participant("w5", entry="2026-01-01", exit="2026-09-01", exit_reason="education")
    b.participant("w6", entry="2026-01-01", exit="2026-09-05", exit_reason="ordinary_work")
    # w6 has no job recorded: the exit reason stands.
    b.participant("w7", entry="2026-01-01", exit="2026-09-09", exit_reason="ordinary_work")
    b.job("w7", "2026-02-01", "2026-05-31", wage_subsidy=True)
    b.job("w7", "2026-06-01")  # one competitive job without subsidy is enough
    b.participant("w8", entry="2026-01-01", exit="2026-09-10", exit_reason="ordinary_work")
    b.job("w8", "2025-01-01", "2025-12-31")  # before this episode: not held in it
    b.job("w8", "2026-03-01", competitive=False)  # only a non-competitive job held
    return b.ds


def test_into_work_leaves_out_moves_and_subsidised_work() -> None:
    # Exits in Q3: w1–w8. Left out: w3 (moved). Denominator: w1, w2, w4, w5, w6, w7, w8 = 7.
    # Into work: w1, w5, w6, w7 = 4 (w2 and w8 left for "ordinary work" with only a
    # subsidised or non-competitive job) → 4 / 7 = 57.1 %.
    f = ind.into_work(into_work_data(), Q3)
    assert f.records == ("w1", "w2", "w4", "w5", "w6", "w7", "w8")
    assert f.numerator_records == ("w1", "w5", "w6", "w7")
    assert f.value == pytest.approx(400 / 7)
    assert [(p.key, p.records) for p in f.parts] == [
        ("ordinary_work", ("w1", "w6", "w7")),
        ("education", ("w5",)),
        ("health", ("w4",)),
        (ind.SUBSIDISED_WORK, ("w2", "w8")),
    ]
    left_out = ind.into_work_excluded(into_work_data(), Q3)
    assert (left_out.value, left_out.records) == (1.0, ("w3",))
    assert [(p.key, p.records) for p in left_out.parts] == [("moved", ("w3",))]


def test_into_work_with_the_team_s_excluded_reasons() -> None:
    # The team lead also leaves out "health": 4 / 6 = 66.7 %. Into-work reasons cannot be
    # left out ("ordinary_work" is ignored), and "moved" always is.
    excluded = ("health", "ordinary_work")
    f = ind.into_work(into_work_data(), Q3, excluded_reasons=excluded)
    assert f.records == ("w1", "w2", "w5", "w6", "w7", "w8")
    assert f.value == pytest.approx(400 / 6)
    left_out = ind.into_work_excluded(into_work_data(), Q3, excluded_reasons=excluded)
    assert left_out.records == ("w3", "w4")
    by_key = {
        fig.key: fig for fig in ind.all_figures(into_work_data(), Q3, excluded_reasons=excluded)
    }
    assert by_key["into_work"] == f and by_key["into_work_excluded"] == left_out
    assert ind.nav_excluded(excluded) == {"moved", "health"}


def test_employment_rate() -> None:
    b = Build()
    b.participant("s1", entry="2026-01-01")
    b.job("s1", "2026-06-01", "2026-07-01")  # ends on the first day: held
    b.participant("s2", entry="2026-01-01")
    b.job("s2", "2026-10-01")  # starts after
    b.participant("s3", entry="2026-01-01")
    b.job("s3", "2026-07-01", competitive=False)
    b.participant("s4", entry="2026-01-01")
    b.participant("s5", entry="2026-01-01", exit="2026-06-15")  # not served in Q3
    b.job("s5", "2026-07-01")
    f = ind.employment_rate(b.ds, Q3)
    assert f.records == ("s1", "s2", "s3", "s4")
    assert f.numerator_records == ("s1",)
    assert f.value == 25.0
    assert dict(f.benchmarks) == {"minimal": 31.0, "average": 41.0, "excellent": 50.0}


def test_job_starts() -> None:
    b = Build()
    b.participant("p1", entry="2026-01-01")
    b.job("p1", "2026-07-01", id="j1")
    b.job("p1", "2026-09-30", id="j2")
    b.job("p1", "2026-10-01", id="j3")
    b.job("p1", "2026-06-30", id="j4")
    f = ind.job_starts(b.ds, Q3)
    assert (f.value, f.records) == (2.0, ("j1", "j2"))


def test_job_starts_zero_when_participants_were_served() -> None:
    b = Build()
    b.participant("p1", entry="2026-01-01")
    assert ind.job_starts(b.ds, Q3).value == 0.0


def test_days_to_first_job() -> None:
    b = Build()
    b.participant("d1", entry="2026-06-01")
    b.job("d1", "2026-07-01")  # 30
    b.participant("d2", entry="2026-07-01")
    b.job("d2", "2026-07-11")  # 10
    b.job("d2", "2026-08-01")  # not the first
    b.participant("d3", entry="2026-01-01")
    b.job("d3", "2026-03-01")  # first job before the period
    b.job("d3", "2026-08-01")
    b.participant("d4", entry="2026-05-01")
    b.job("d4", "2026-09-30")  # 31 + 30 + 31 + 31 + 29 = 152
    b.participant("d5", entry="2026-07-01")
    b.job("d5", "2026-07-21")  # 20
    # median of 10, 20, 30, 152 = 25
    f = ind.days_to_first_job(b.ds, Q3)
    assert f.records == ("d1", "d2", "d4", "d5")
    assert f.value == 25.0
    assert {p.key: p.value for p in f.parts} == {"d1": 30, "d2": 10, "d4": 152, "d5": 20}


def test_retention_13_weeks() -> None:
    # The 13-week mark is start + 90 days.
    b = Build()
    b.participant("p", entry="2026-01-01")
    b.job("p", "2026-04-02", id="r1")  # mark 1 Jul, still held
    b.job("p", "2026-05-01", "2026-07-29", id="r2")  # mark 30 Jul, ended the day before
    b.job("p", "2026-05-01", "2026-07-30", id="r3")  # ended on the mark: kept
    b.job("p", "2026-04-01", id="r4")  # mark 30 Jun: not in Q3
    b.job("p", "2026-07-02", "2026-10-15", id="r5")  # mark 30 Sep; the end is after Q3
    f = ind.retention(b.ds, Q3, 13)
    assert f.key == "retention_13w"
    assert f.records == ("r1", "r2", "r3", "r5")
    assert f.numerator_records == ("r1", "r3", "r5")
    assert f.value == 75.0


def test_retention_26_weeks() -> None:
    # The 26-week mark is start + 181 days: 1 Jan → 1 Jul; 1 Mar → 29 Aug.
    b = Build()
    b.participant("p", entry="2025-06-01")
    b.job("p", "2026-01-01", id="a")
    b.job("p", "2026-03-01", "2026-08-28", id="b")
    f = ind.retention(b.ds, Q3, 26)
    assert (f.records, f.numerator_records, f.value) == (("a", "b"), ("a",), 50.0)


def test_outcome_6m_counts_an_unrecorded_status_as_missing() -> None:
    # Both are six months past a job start in Q3; only one status is recorded. Before #15
    # this read 1 of 1 (100 %); the truth is 1 of 2 with one missing.
    b = Build()
    b.participant("a", entry="2025-10-01")
    b.job("a", "2026-02-01")  # six months: 1 Aug
    b.add("outcome_6m", "a", date="2026-08-03", status="work_or_education")
    b.participant("b", entry="2025-10-01")
    b.job("b", "2026-02-15")  # six months: 15 Aug, nothing recorded
    f = ind.outcome_6m(b.ds, Q3)
    assert (f.records, f.numerator_records, f.value) == (("a", "b"), ("a",), 50.0)
    assert dict((p.key, p.records) for p in f.parts)[ind.OUTCOME_MISSING] == ("b",)


def test_outcome_6m() -> None:
    b = Build()
    b.participant("o1", entry="2025-10-01")
    b.job("o1", "2026-01-15")  # six months: 15 Jul
    b.add("outcome_6m", "o1", date="2026-07-15", status="work_or_education")
    b.participant("o2", entry="2025-09-01", exit="2026-02-01", exit_reason="other")
    # six months after the exit: 1 Aug; no status → missing
    b.participant("o3", entry="2025-10-01")
    b.job("o3", "2026-03-31")  # 30 Sep; recorded 25 days before: counts
    b.add("outcome_6m", "o3", date="2026-09-05", status="sheltered_work")
    b.participant("o4", entry="2025-10-01")
    b.job("o4", "2026-04-01")  # 1 Oct: not due in Q3, though a status is dated in it
    b.add("outcome_6m", "o4", date="2026-08-15", status="other")
    b.participant("o5", entry="2025-10-01")
    b.job("o5", "2026-02-01")  # 1 Aug
    b.add("outcome_6m", "o5", date="2026-07-01", status="other")  # 31 days early: not it
    b.add("outcome_6m", "o5", date="2026-08-20", status="work_or_education")
    b.participant("o6", entry="2025-10-01")
    b.job("o6", "2026-01-10")  # 10 Jul
    b.add("outcome_6m", "o6", date="2026-06-01", status="work_or_education")  # too early
    b.participant("o7", entry="2025-10-01")
    b.job("o7", "2026-03-15")  # 15 Sep
    b.add("outcome_6m", "o7", date="2026-10-03", status="work_or_education")  # after Q3
    # Cohort o1, o2, o3, o5, o6, o7; work or education o1, o5 → 2 / 6
    f = ind.outcome_6m(b.ds, Q3)
    assert f.records == ("o1", "o2", "o3", "o5", "o6", "o7")
    assert f.numerator_records == ("o1", "o5")
    assert f.value == pytest.approx(100 / 3)
    assert [(p.key, p.value) for p in f.parts] == [
        ("work_or_education", 2),
        ("supported_work", 0),
        ("sheltered_work", 1),
        ("other", 0),
        (ind.OUTCOME_MISSING, 3),
    ]


def test_therapy_dose() -> None:
    b = Build()
    for pid in ("t1", "t2", "t3", "t4"):
        b.participant(pid, entry="2026-01-01")
    for day in ("2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-10-15"):
        b.add("therapy_session", "t1", date=day)  # 4 by 30 Sep
    b.add("therapy_session", "t2", date="2026-09-30")  # 1
    b.add("therapy_session", "t3", date="2026-06-10")  # none in Q3
    b.add("therapy_session", "t4", date="2026-10-01")  # none in Q3
    f = ind.therapy_dose(b.ds, Q3)
    assert f.records == ("t1", "t2")
    assert f.value == 2.5


def test_self_assessment_change() -> None:
    def sa(pid: str, kind: str, day: str, **scores: int) -> None:
        items = [{"item": k, "score": v} for k, v in scores.items()]
        b.add("self_assessment", pid, kind=kind, date=day, scores=items)

    b = Build()
    for pid in ("a1", "a2", "a3", "a4", "a5"):
        b.participant(pid, entry="2026-01-01")
    sa("a1", "start", "2026-03-01", mestring=4, jobb=3)
    sa("a1", "end", "2026-08-01", mestring=7, jobb=5, sovn=6)  # +3, +2 (sovn not at start)
    sa("a2", "start", "2026-04-01", mestring=5)
    sa("a2", "end", "2026-09-30", mestring=4)  # −1
    sa("a3", "start", "2026-04-01", mestring=5)
    sa("a3", "end", "2026-10-01", mestring=9)  # after the period
    sa("a4", "end", "2026-08-01", mestring=9)  # no start
    sa("a5", "start", "2026-02-01", mestring=2)
    sa("a5", "start", "2026-05-01", mestring=6)
    sa("a5", "end", "2026-09-01", mestring=8)  # against the latest start: +2
    # mestring: 3, −1, 2 → 4/3; jobb: 2; overall (3 + 2 − 1 + 2) / 4 = 1.5
    f = ind.self_assessment_change(b.ds, Q3)
    assert f.records == ("a1", "a2", "a5")
    assert f.value == 1.5
    parts = {p.key: (p.value, p.records) for p in f.parts}
    assert parts["jobb"] == (2.0, ("a1",))
    assert parts["mestring"][0] == pytest.approx(4 / 3)
    assert parts["mestring"][1] == ("a1", "a2", "a5")


# ------------------------------------------------------------------ totals


def _fig(key: str, score: int | None) -> Figure:
    return Figure(key, key, "fidelity", "%", 1.0, "participant", score=score)


def test_total_fidelity_score_is_partial() -> None:
    figures = [
        _fig("caseload", 5),
        _fig("rapid_job_search", 4),
        _fig("caseload", 1),  # a second caseload figure does not count twice
        _fig("four_week_rule", 5),  # not a scored item
        _fig("competitive_jobs", None),
    ]
    t = ind.total_fidelity_score(figures)
    assert (t.points, t.items_scored, t.max_points) == (9, 2, 10)
    assert t.keys == ("caseload", "rapid_job_search")
    assert t.partial and t.band is None
    assert t.projected_points == 112.5 and t.projected_band == "good fidelity"


def test_ips25_items_split_into_computed_and_rated() -> None:
    assert [i.number for i in ind.IPS25_ITEMS] == list(range(1, 26))
    computed = {i.key for i in ind.IPS25_ITEMS if i.computed}
    assert computed == set(ind.THRESHOLDS)  # every scored figure is an item of the scale
    assert len(ind.RATED_ITEMS) == 25 - len(computed) == 13


def test_total_with_the_team_lead_s_ratings_is_complete() -> None:
    # 12 computed items: 11 × 5 + caseload 4 = 59; no data for none. The 13 rated
    # items: 12 × 4 + 1 × 3 = 51. Total 110 of 125 → good fidelity, not partial.
    figures = [_fig(k, 4 if k == "caseload" else 5) for k in ind.THRESHOLDS]
    rated = dict.fromkeys(ind.RATED_ITEMS, 4)
    rated["vocational_unit"] = 3
    t = ind.total_fidelity_score(figures, rated)
    assert (t.points, t.items_scored, t.max_points) == (110, 25, 125)
    assert not t.partial and t.band == "good fidelity"
    assert t.rated == ind.RATED_ITEMS and t.unrated == () and t.no_data == ()


def test_total_says_what_was_computed_rated_or_missing() -> None:
    figures = [_fig("caseload", 5), _fig("rapid_job_search", None)]
    # A rating of a computed item, out of 1–5 or of an unknown item is ignored.
    rated = {"caseload": 1, "agency_focus": 5, "vocational_unit": 6, "nonsense": 3}
    t = ind.total_fidelity_score(figures, rated)
    assert t.computed == ("caseload",)
    assert t.rated == ("agency_focus",)
    assert "rapid_job_search" in t.no_data and "caseload" not in t.no_data
    assert len(t.no_data) == 11 and len(t.unrated) == 12
    assert (t.points, t.items_scored, t.partial, t.band) == (10, 2, True, None)


def test_total_from_all_figures() -> None:
    b = Build()
    b.participant("p", entry="2026-06-10")
    b.contact("p", "2026-07-08", matches_preferences=True)  # 28 days
    b.activity("2026-07-10", 60, "community")
    figures = ind.all_figures(b.ds, Q3)
    by_key = {f.key: f for f in figures}
    # caseload 1 → 5; rapid 28 days → 5; individualised 100 % → 5; community 100 % → 5;
    # job development: 1 contact in 92/7 weeks = 0.076; p is the one job seeker, so the
    # top needs 2 a week and the value is scaled ×3 = 0.228 → score 1.
    assert by_key["job_development"].score == 1
    t = ind.total_fidelity_score(figures)
    assert t.keys == (
        "caseload",
        "community_based",
        "disclosure",
        "individualised_search",
        "job_development",
        "rapid_job_search",
    )
    # disclosure: no talk before the first client-specific contact → 0 % → 1
    assert t.points == 5 + 5 + 1 + 5 + 1 + 5
    assert t.partial and t.band is None


def test_indicators_need_only_the_indicator_types() -> None:
    records = [
        *rapid_data().by_type.values(),
        *follow_data().by_type.values(),
        *referral_data().by_type.values(),
    ]
    b = Build()
    b.participant("z", entry="2026-01-01", exit="2026-09-01", exit_reason="education")
    b.add("employer", id="ez", name="Z", org_number="974760673")
    b.job("z", "2026-07-01", occupation_code="5223", employer="ez", hours_per_week=30)
    b.job("z", "2026-02-01")  # 26 weeks on 1 Aug
    b.note("z", "2026-06-01", "benefits")
    b.note("z", "2026-07-05", "nav_contact")
    b.add("disclosure_plan", "z", level="open", discussed="2026-06-01")
    b.add("outcome_6m", "z", date="2026-08-01", status="work_or_education")
    b.add("therapy_session", "z", date="2026-07-02")
    b.add(
        "self_assessment", "z", kind="start", date="2026-01-02", scores=[{"item": "i", "score": 1}]
    )
    b.add("self_assessment", "z", kind="end", date="2026-08-02", scores=[{"item": "i", "score": 3}])
    b.activity("2026-07-10", 60, "community")
    b.team_contact("2026-07-11", js="Kari")
    b.meeting("z", "2026-08-01")
    b.add("action", "z", goal="g", description="x", status="open")
    b.add("cbt_worksheet", "z", date="2026-07-03")
    full = Dataset.from_records([r for group in records for r in group] + b.records)
    only = Dataset.from_records(
        r for group in full.by_type.values() for r in group if r.type in ind.INDICATOR_TYPES
    )
    assert ind.all_figures(only, Q3) == ind.all_figures(full, Q3)
    # and the figures are not trivially empty
    assert all(f.value is not None for f in ind.all_figures(full, Q3))
