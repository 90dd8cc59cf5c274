"""The journal commands: participants, employers, indicators, search, access-log, erase and
retention; each runs the same operation (app/operations) as the matching screen."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from app.cli.common import CliError, _emit, _journal, period_refused
from app.cli.failures import field_problem
from app.cli.kinds import kind_text, word
from app.domain.access import may_erase, may_write_team_records
from app.domain.dates import DateInputError, parse_typed_date
from app.domain.exit_reasons import EXIT_REASON_LABELS
from app.domain.schema import NAV_EXCLUDABLE_REASONS, ValidationError
from app.indicators import FOUR_WEEK_DAYS, PER_FTE_KEYS
from app.operations.access import AccessEntry, access_log, event_kind, note_access_log_export
from app.operations.caseload import participants
from app.operations.employers import employer_register
from app.operations.intake import IntakeForm, admit
from app.operations.search import search
from app.reminders import FourWeeks
from app.words import day, mark, moment, number, percent, tr, trn

# Participant statuses and programmes' words, as the window says them.
STATUS_TEXT: dict[str, str] = {
    "referred": mark("Referred"),
    "active": mark("Active"),
    "paused": mark("Paused"),
    "exited": mark("Exited"),
}
CONSENT_TEXT: dict[str, str] = {
    "nav": mark("NAV"),
    "gp": mark("GP"),
    "family": mark("family"),
    "central_reporting": mark("central reporting"),
}


def status_text(status: str) -> str:
    return word(STATUS_TEXT, status)


def cli_date(text: str, *, past_only: bool = False) -> date:
    """A date as the window reads it (app/domain/dates.py): dd.mm.yyyy, d.m.yyyy, d.m.yy or
    yyyy-mm-dd, for argparse."""
    try:
        found = parse_typed_date(text, today=date.today(), past_only=past_only)
    except DateInputError:
        found = None
    if found is None:
        raise argparse.ArgumentTypeError(tr("«{text}» is not a date (dd.mm.yyyy)", text=text))
    return found


def cli_birth_date(text: str) -> date:
    """A birth date: a two-digit year is the latest one not in the future."""
    return cli_date(text, past_only=True)


def cmd_new_participant(args: argparse.Namespace) -> int:
    """Intake: the participant, the referral, the entry and the consents, all or nothing."""
    _, journal = _journal(args)
    try:
        today = journal.today()
        values = {"name": args.name, "programme": args.programme}
        if args.birth_date:
            values["birth_date"] = args.birth_date.isoformat()
        if args.phone:
            values["phone"] = args.phone
        form = IntakeForm(
            participant=values,
            referral_source=args.referral_source,
            referral_received=args.referral_date or today,
            entry=args.entry or today,
            consents=tuple(args.consent or ()),
        )
        try:
            done = admit(journal, form=form)
        except ValidationError as exc:
            problems = "; ".join(field_problem(k, v) for k, v in exc.errors.items())
            raise CliError(tr("No participant was added: {problems}.", problems=problems)) from None
    finally:
        journal.store.lock()
    deadline = form.entry + timedelta(days=FOUR_WEEK_DAYS)
    data = {
        "id": done.participant.id,
        "referral": done.referral.id,
        "episode": done.episode.id,
        "consents": [c.fields["scope"] for c in done.consents],
        "entry": form.entry.isoformat(),
        "four_week_deadline": deadline.isoformat(),
    }
    consents = ", ".join(tr(CONSENT_TEXT.get(c, c)) for c in data["consents"]) or tr("none")
    text = tr(
        "Added {name} ({id}): entry {entry}, first employer contact by {deadline}; "
        "consents: {consents}.",
        name=args.name,
        id=done.participant.id,
        entry=day(form.entry),
        deadline=day(deadline),
        consents=consents,
    )
    _emit(args, data, text)
    return 0


def cmd_participants(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        people = participants(journal, mine_only=args.mine)
    finally:
        journal.store.lock()
    data = []
    programme = max(7, len(tr("Programme")))
    lines = [
        f"{tr('Name'):28} {tr('Programme'):{programme}} {tr('Status'):9} "
        f"{tr('Job specialist'):20} " + tr("First contact")
    ]
    for p in people:
        days = p.days_to_first_employer_contact
        data.append(
            {
                "id": p.id,
                "name": p.name,
                "programme": p.programme,
                "status": p.status,
                "job_specialist": p.job_specialist,
                "days_to_first_employer_contact": days,
            }
        )
        when = "" if not p.in_caseload else four_week_text(p.four_weeks, days)
        lines.append(
            f"{p.name[:28]:28} {p.programme:{programme}} {status_text(p.status)[:9]:9} "
            f"{p.job_specialist[:20]:20} {when}"
        )
    _emit(args, {"participants": data}, "\n".join(lines))
    return 0


def four_week_text(clock: FourWeeks | None, days: int | None) -> str:
    """The four-week column: days left or over, how it stopped, or "—" (no episode yet)."""
    if days is not None:
        if days >= 0:
            return trn("{n} day left", "{n} days left", days)
        return trn("{n} day past the deadline", "{n} days past the deadline", -days)
    if clock is None or clock.day is None:
        return "—"
    if clock.stopped_by == "job":
        how = tr("job start day {day}", day=clock.day)
    else:
        how = tr("employer contact day {day}", day=clock.day)
    return tr("met ({how})", how=how) if clock.met else how


def cmd_employers(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        employers = employer_register(journal)
    finally:
        journal.store.lock()
    data = [
        {
            "id": e.id,
            "name": e.name,
            "org_number": e.org_number,
            "industry": e.industry,
            "last_contact": e.last_contact,
            "contacts": e.contacts,
        }
        for e in employers
    ]
    lines = [f"{tr('Employer'):34} {tr('Org. no.'):10} " + tr("Contacts")]
    lines += [f"{e.name[:34]:34} {e.org_number:10} {e.contacts}" for e in employers]
    _emit(args, {"employers": data}, "\n".join(lines))
    return 0


# What a figure counts, said beside it (the English of app.indicators.DEFINITIONS; a test
# checks they agree).
DEFINITION_TEXTS: dict[str, str] = {
    "rapid_job_search": mark(
        "Mean days from entry to the first face-to-face employer contact; a participant "
        "without one yet counts the days until the period's end (or exit)"
    ),
    "into_work": mark(
        "Exits to ordinary work or education ÷ exits; moves away and the exit reasons the "
        "team lead sets are left out; ordinary work counts only with a job held that is "
        "competitive and without wage subsidy"
    ),
    "into_work_excluded": mark("Exits in the period left out of the into-work share"),
    "outcome_6m": mark(
        "Everyone six months past a job start or an exit in the period; no status "
        "recorded counts as missing"
    ),
    "four_week_rule": mark(
        "Participants whose day 28 after entry falls in the period: the share with a "
        "face-to-face employer contact about a competitive job, or a job start, by day 28"
    ),
    "follow_along": mark(
        "Face-to-face follow-along contacts made of those due after each job start, judged "
        "on average; it stops at exit, at the job's end and when the participant wants no more"
    ),
}
# The IPS-25 items (app.indicators.IPS25_ITEMS), as a team names them.
ITEM_TEXTS: dict[str, str] = {
    "caseload": mark("Caseload size"),
    "employment_staff": mark("Employment services staff"),
    "vocational_generalists": mark("Vocational generalists"),
    "team_assignment": mark("Integration with treatment: team assignment"),
    "team_contact": mark("Integration with treatment: frequent team member contact"),
    "nav_collaboration": mark("Collaboration between job specialists and NAV counsellors"),
    "vocational_unit": mark("Vocational unit"),
    "supervisor_role": mark("Role of the employment supervisor"),
    "zero_exclusion": mark("Zero exclusion criteria"),
    "agency_focus": mark("Agency focus on competitive employment"),
    "executive_support": mark("Executive team support for supported employment"),
    "benefits_planning": mark("Work incentives planning"),
    "disclosure": mark("Disclosure"),
    "work_based_assessment": mark("Ongoing, work-based vocational assessment"),
    "rapid_job_search": mark("Rapid job search for competitive job"),
    "individualised_search": mark("Individualised job search"),
    "job_development": mark("Job development: frequent employer contact"),
    "employer_contact_quality": mark("Job development: quality of employer contact"),
    "diversity_job_types": mark("Diversity of job types"),
    "diversity_employers": mark("Diversity of employers"),
    "competitive_jobs": mark("Competitive jobs"),
    "individualised_follow_along": mark("Individualised follow-along supports"),
    "follow_along": mark("Time-unlimited follow-along supports"),
    "community_based": mark("Community-based services"),
    "assertive_engagement": mark("Assertive engagement and outreach by the team"),
}
BAND_TEXTS: dict[str, str] = {
    "exemplary fidelity": mark("exemplary fidelity"),
    "good fidelity": mark("good fidelity"),
    "fair fidelity": mark("fair fidelity"),
    "not supported employment": mark("not supported employment"),
}


def item_text(key: str) -> str:
    return tr(ITEM_TEXTS[key]) if key in ITEM_TEXTS else key


def _items(keys: tuple[str, ...]) -> str:
    return ", ".join(item_text(k) for k in keys) or "–"


def cmd_indicators(args: argparse.Namespace) -> int:
    from app.indicators import Period, parse_period
    from app.operations.reports import indicator_figures

    _, journal = _journal(args)
    try:
        today = journal.today()
        try:
            period = (
                parse_period(args.period)
                if args.period
                else Period.quarter(today.year, (today.month - 1) // 3 + 1)
            )
        except ValueError:
            raise CliError(period_refused(args.period)) from None
        table = indicator_figures(journal, period=period, job_specialist=args.job_specialist)
    finally:
        journal.store.lock()
    figures, total = table.figures, table.total
    data = {
        "period": period.label,
        "job_specialist": args.job_specialist,
        "figures": [
            {
                "key": f.key,
                "label": f.label,
                "group": f.group,
                "value": f.value,
                "unit": f.unit,
                "numerator": f.numerator,
                "denominator": f.denominator,
                "score": f.score,
                "target": f.target,
                "records": len(f.records),
                "parts": {p.key: p.value for p in f.parts if p.key not in f.records},
            }
            for f in figures
        ],
        "fidelity_points": total.points,
        "fidelity_items_scored": total.items_scored,
        "fidelity_items_computed": list(total.computed),
        "fidelity_items_without_data": list(total.no_data),
        "fidelity_items_rated": list(total.rated),
        "fidelity_items_unrated": list(total.unrated),
    }
    lines = [
        tr("Period {period}", period=period.label)
        + (f", {args.job_specialist}" if args.job_specialist else "")
    ]
    for f in figures:
        if f.value is None:
            shown = "–"
        else:
            shown = figure_value(f.value, f.unit)
            if f.unit == "%" and f.numerator is not None and f.denominator is not None:
                shown += " " + tr(
                    "({part} of {whole})", part=f"{f.numerator:.0f}", whole=f"{f.denominator:.0f}"
                )
        score = "  " + tr("(score {score})", score=f.score) if f.score is not None else ""
        lines.append(f"  {figure_label(f.key, f.label):58} {shown}{score}")
        if f.key == "outcome_6m" and f.value is not None:
            missing = next((p.value for p in f.parts if p.key == "missing"), 0)
            lines.append("      " + tr("Status missing: {n}", n=f"{missing or 0:.0f}"))
        if f.key in PER_FTE_KEYS and f.parts:
            names = ", ".join(f"{p.key} {number(p.value or 0.0, 1)}" for p in f.parts)
            lines.append("      " + tr("Divided by (FTE): {names}", names=names))
        if f.key in DEFINITION_TEXTS:
            lines.append("      " + tr("Definition: {text}", text=tr(DEFINITION_TEXTS[f.key])))
    lines.append(
        tr(
            "Fidelity (IPS-25): {points} points over {items} of {scale} items",
            points=total.points,
            items=total.items_scored,
            scale=total.items_on_scale,
        )
        + (" " + tr("(partial)") if total.partial else "")
    )
    if total.band is not None:
        band = tr(BAND_TEXTS[total.band]) if total.band in BAND_TEXTS else total.band
        lines.append("  " + tr("Level: {band}", band=band))
    for text, keys in (
        (mark("Computed from the journal ({n}): {items}"), total.computed),
        (mark("No data in the period ({n}): {items}"), total.no_data),
        (mark("Rated by the team lead ({n}): {items}"), total.rated),
        (mark("Not rated yet ({n}): {items}"), total.unrated),
    ):
        lines.append("  " + tr(text, n=len(keys), items=_items(keys)))
    if total.unrated:
        lines.append(
            "  "
            + tr("The team lead enters them with: feltjournal fidelity-review --score ITEM=1..5")
        )
    _emit(args, data, "\n".join(lines))
    return 0


# The figures' short names and units, as the reports screen says them.
FIGURE_LABELS: dict[str, str] = {
    "caseload": mark("Caseload (active participants per FTE)"),
    "rapid_job_search": mark("Rapid job search (days to first employer contact)"),
    "four_week_rule": mark("First employer contact within four weeks"),
    "job_development": mark("Job development (employer contacts per week)"),
    "individualised_search": mark("Individualised job search"),
    "diversity_job_types": mark("Diversity of job types"),
    "diversity_employers": mark("Diversity of employers"),
    "competitive_jobs": mark("Competitive jobs"),
    "follow_along": mark("Follow-along contacts on time"),
    "community_based": mark("Community-based services"),
    "disclosure": mark("Disclosure discussed before client contacts"),
    "disclosure_repeat": mark("Disclosure revisited when no job by day 60"),
    "benefits_planning": mark("Benefits planning before job start"),
    "zero_exclusion": mark("Zero exclusion (declined as not ready)"),
    "referral_sources": mark("Self-referrals"),
    "collaboration_meetings": mark("Collaboration meeting in the last 90 days"),
    "nav_contacts": mark("NAV counsellor contacts"),
    "into_work": mark("Into work (ordinary work or education)"),
    "into_work_excluded": mark("Exits left out of into work"),
    "employment_rate": mark("Employment rate (competitive work)"),
    "job_starts": mark("Job starts"),
    "days_to_first_job": mark("Days to first job (median)"),
    "retention_13w": mark("Still in the job after 13 weeks"),
    "retention_26w": mark("Still in the job after 26 weeks"),
    "hours_per_week": mark("Hours per week in jobs held (mean)"),
    "outcome_6m": mark("Six-month status: work or education"),
    "therapy_dose": mark("Therapy sessions per participant"),
    "self_assessment_change": mark("Self-assessment change (end minus start)"),
}
UNIT_TEXT: dict[str, str] = {
    "days": mark("{value} days"),
    "per week": mark("{value} per week"),
    "per FTE": mark("{value} per FTE"),
    "per participant per month": mark("{value} per month"),
    "hours per week": mark("{value} h per week"),
    "sessions": mark("{value} sessions"),
    "points": mark("{value} points"),
}
WHOLE_UNITS = frozenset({"%", "days", "count"})


def figure_label(key: str, label: str) -> str:
    """A figure's short name, as the reports screen says it (its own label if unknown)."""
    return tr(FIGURE_LABELS[key]) if key in FIGURE_LABELS else label


def figure_value(value: float | None, unit: str) -> str:
    """A value with its unit, decimal comma in bokmål; "–" when there is no data."""
    if value is None:
        return "–"
    if unit == "%":
        return percent(value)
    shown = number(value, 0 if unit in WHOLE_UNITS else 1)
    return tr(UNIT_TEXT[unit], value=shown) if unit in UNIT_TEXT else shown


def _parse_scores(texts: list[str]) -> dict[str, int]:
    from app.indicators import RATED_ITEMS

    scores: dict[str, int] = {}
    for text in texts:
        key, sep, value = text.partition("=")
        key = key.strip()
        if not sep or key not in RATED_ITEMS:
            raise CliError(
                tr(
                    "Unknown item «{key}»: use ITEM=1..5 with one of {items}",
                    key=key,
                    items=", ".join(RATED_ITEMS),
                )
            )
        try:
            number = int(value)
        except ValueError:
            number = 0
        if not 1 <= number <= 5:
            raise CliError(tr("The score for {key} must be a whole number from 1 to 5.", key=key))
        scores[key] = number
    return scores


def cmd_fidelity_review(args: argparse.Namespace) -> int:
    from app.indicators import RATED_ITEMS, Period, parse_period
    from app.operations.team_settings import fidelity_reviews, save_fidelity_review

    scores = _parse_scores(args.score or [])
    _, journal = _journal(args)
    try:
        today = journal.today()
        try:
            period = (
                parse_period(args.period)
                if args.period
                else Period.quarter(today.year, (today.month - 1) // 3 + 1)
            )
        except ValueError:
            raise CliError(period_refused(args.period)) from None
        if scores:
            if not may_write_team_records(journal.role):
                raise CliError(tr("Only a team lead can enter fidelity reviews."))
            save_fidelity_review(journal, period=period, scores=scores)
        history = fidelity_reviews(journal, period=period)
    finally:
        journal.store.lock()
    current = history[0] if history else None
    data = {
        "period": period.label,
        "scores": dict(current.scores) if current else {},
        "unrated": [k for k in RATED_ITEMS if not current or k not in current.scores],
        "history": [
            {
                "revision": v.revision,
                "reviewed": v.reviewed.isoformat() if v.reviewed else None,
                "reviewer": v.reviewer,
                "scores": dict(v.scores),
            }
            for v in history
        ],
    }
    lines = [tr("Fidelity review for {period}", period=period.label)]
    for key in RATED_ITEMS:
        given = current.scores.get(key) if current else None
        lines.append(f"  {item_text(key):50} {given if given else '–'}  [{key}]")
    if history:
        lines.append(tr("History:"))
        for v in history:
            lines.append(
                "  "
                + trn(
                    "revision {revision}, {date}, {reviewer}: {n} item rated",
                    "revision {revision}, {date}, {reviewer}: {n} items rated",
                    len(v.scores),
                    revision=v.revision,
                    date=day(v.reviewed) if v.reviewed else "–",
                    reviewer=v.reviewer,
                )
            )
    else:
        lines.append(tr("No review entered for the period yet."))
    _emit(args, data, "\n".join(lines))
    return 0


def exit_reason_text(code: str) -> str:
    """An exit reason in the window's words, its code beside it: «Helse (health)»."""
    return f"{word(EXIT_REASON_LABELS, code)} ({code})"


def nav_excludable_choices() -> str:
    return ", ".join(exit_reason_text(r) for r in NAV_EXCLUDABLE_REASONS)


def _exit_reason_code(typed: str) -> str | None:
    """The code of an exit reason typed as its code or its words (either language)."""
    wanted = typed.strip().casefold()
    for code, english in EXIT_REASON_LABELS.items():
        if wanted in (code, english.casefold(), tr(english).casefold()):
            return code
    return None


def cmd_nav_exclusions(args: argparse.Namespace) -> int:
    from app.operations.team_settings import set_nav_excluded_reasons, team_settings

    _, journal = _journal(args)
    try:
        if args.set is not None or args.clear:
            if not may_write_team_records(journal.role):
                raise CliError(tr("Only a team lead can change the team's settings."))
            typed = [] if args.clear else [r.strip() for r in args.set.split(",") if r.strip()]
            reasons = [_exit_reason_code(r) or r for r in typed]
            wrong = [
                t for t, r in zip(typed, reasons, strict=True) if r not in NAV_EXCLUDABLE_REASONS
            ]
            if wrong:
                raise CliError(
                    tr(
                        "Cannot leave out {wrong}: choose among {reasons}; those who moved "
                        "are always left out.",
                        wrong=", ".join(wrong),
                        reasons=nav_excludable_choices(),
                    )
                )
            settings = set_nav_excluded_reasons(journal, reasons=reasons)
        else:
            settings = team_settings(journal)
    finally:
        journal.store.lock()
    reasons = ["moved", *settings.nav_excluded_exit_reasons]
    _emit(
        args,
        {"excluded_exit_reasons": reasons},
        tr(
            "Left out of the into-work share: {reasons}",
            reasons=", ".join(exit_reason_text(r) for r in reasons),
        ),
    )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Each hit: whose record, what kind, its date and why it matched (the window's search).
    The snippet is built in memory and printed; matched words in bold on a terminal, else
    between asterisks."""
    _, journal = _journal(args)
    try:
        hits = search(journal, text=args.query, limit=args.limit)
        for r in hits:
            journal.store.audit("read", r.id, "search")
    finally:
        journal.store.lock()
    data = {
        "hits": [
            {
                "id": h.id,
                "type": h.type,
                "parent": h.parent,
                "participant_id": h.participant_id,
                "name": h.name,
                "kind": kind_text(h.type),
                "date": h.date,
                "snippet": h.snippet.text,
                "matched": [t for t, hit in h.snippet.runs if hit],
            }
            for h in hits
        ]
    }
    bold = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("*", "*")
    lines: list[str] = []
    for h in hits:
        lines.append(f"{h.name} · {kind_text(h.type)} · {day(h.date)}")
        lines.append("    " + h.snippet.marked(*bold))
    _emit(args, data, "\n".join(lines) or tr("No hits."))
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from app.operations.retention import erase_participant

    _, journal = _journal(args)
    try:
        if not may_erase(journal.store.role):
            raise CliError(tr("Only a team lead can erase a participant for good."))
        rec = journal.store.get(args.participant_id, audit=False)
        if rec is None or rec.type != "participant":
            raise CliError(tr("There is no participant {id}.", id=args.participant_id))
        confirm = args.confirm
        if confirm is None:
            if not sys.stdin.isatty():
                raise CliError(tr("Give --confirm with the participant's name to erase."))
            confirm = input(
                tr(
                    "This erases the participant and everything about them on every "
                    "computer, for good (a clinical journal is kept until its retention "
                    "ends). Type the name to confirm: "
                )
            )
        done = erase_participant(journal, participant_id=args.participant_id, confirm=confirm)
    finally:
        journal.store.lock()
    until = done.clinical_kept_until
    text = trn("Erased {n} record for good.", "Erased {n} records for good.", done.erased_records)
    if until is not None:
        text += " " + tr(
            "The clinical journal, the name and the episodes are kept by the health-records "
            "rule (pasientjournalloven) until {until}; 'feltjournal retention --erase' erases "
            "them then.",
            until=day(until),
        )
    _emit(
        args,
        {
            "erased_records": done.erased_records,
            "clinical_kept_until": None if until is None else until.isoformat(),
        },
        text,
    )
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    """Participants whose records are due for erasure: the job specialist's after --days,
    the clinical ones after --clinical-years (app.operations.retention); --erase erases
    them (team lead)."""
    from app.operations.retention import (
        RetentionPolicy,
        erase_due,
        retention_due,
        retention_policy,
        save_retention_policy,
    )

    _, journal = _journal(args)
    try:
        saved = retention_policy(journal)
        policy = RetentionPolicy(
            saved.work_days if args.days is None else args.days,
            saved.clinical_years if args.clinical_years is None else args.clinical_years,
        )
        if args.save:
            save_retention_policy(journal, policy=policy)
        due = retention_due(journal, policy=policy)
        if args.erase:
            if not may_erase(journal.role):
                raise CliError(tr("Only a team lead can erase participants for good."))
            if args.confirm != len(due):
                raise CliError(
                    trn(
                        "{n} participant has something to erase; confirm with --confirm {n}.",
                        "{n} participants have something to erase; confirm with --confirm {n}.",
                        len(due),
                    )
                )
            erase_due(journal, policy=policy)
    finally:
        journal.store.lock()
    data = [
        {
            "id": line.participant_id,
            "name": line.name,
            "last_exit": line.last_exit.isoformat(),
            "clinical_until": line.clinical_until.isoformat(),
            "erase": line.erase,
            "work_records": line.work_records,
        }
        for line in due
    ]
    lines = [
        f"{line.participant_id}  {line.name[:26]:26} "
        + (
            tr("exited {exit}: everything about the participant", exit=day(line.last_exit))
            if line.erase == "whole"
            else tr(
                "exited {exit}: the job specialist's journal; the clinical journal is kept "
                "until {until}",
                exit=day(line.last_exit),
                until=day(line.clinical_until),
            )
        )
        for line in due
    ]
    rule = tr(
        "the job specialist's journal {days} days after the last exit, the clinical journal "
        "{years} years",
        days=policy.work_days,
        years=policy.clinical_years,
    )
    if not due:
        text = tr("Nothing to erase ({rule}).", rule=rule)
    elif args.erase:
        text = (
            "\n".join(lines)
            + "\n"
            + trn(
                "Erased for {n} participant ({rule}).",
                "Erased for {n} participants ({rule}).",
                len(due),
                rule=rule,
            )
        )
    else:
        text = (
            "\n".join(lines)
            + "\n"
            + trn(
                "{n} participant has something to erase ({rule}); erase with 'feltjournal "
                "retention --erase --confirm {n}' (team lead).",
                "{n} participants have something to erase ({rule}); erase with 'feltjournal "
                "retention --erase --confirm {n}' (team lead).",
                len(due),
                rule=rule,
            )
        )
    _emit(
        args,
        {
            "days": policy.work_days,
            "clinical_years": policy.clinical_years,
            "erased": bool(args.erase),
            "participants": data,
        },
        text,
    )
    return 0


# What kind of record, as a sentence names it (with its article in bokmål: "et notat").
RECORD_PHRASES: dict[str, str] = {
    "participant": mark("the participant's details"),
    "referral": mark("a referral"),
    "episode": mark("an episode"),
    "consent": mark("a consent"),
    "disclosure_plan": mark("a disclosure plan"),
    "career_profile": mark("the career profile"),
    "job_search_plan": mark("the job-search plan"),
    "goal": mark("a goal"),
    "action": mark("an action"),
    "case_note": mark("a case note"),
    "therapy_session": mark("a therapy session"),
    "therapy_addendum": mark("an addendum"),
    "cbt_worksheet": mark("a CBT worksheet"),
    "exposure_plan": mark("an exposure plan"),
    "employer": mark("an employer"),
    "employer_contact_person": mark("a contact person"),
    "employer_contact": mark("an employer contact"),
    "team_employer_contact": mark("an employer contact (job development)"),
    "activity": mark("an activity"),
    "meeting": mark("a collaboration meeting"),
    "job": mark("a job"),
    "follow_along": mark("a follow-along contact"),
    "self_assessment": mark("a self assessment"),
    "outcome_6m": mark("the six-month outcome"),
    "job_specialist_fte": mark("a job specialist's FTE"),
    "team_settings": mark("the team's settings"),
    "fidelity_review": mark("a fidelity review"),
}
# What was done (app.operations.access.event_kind), as the window says it.
EVENT_SENTENCES: dict[str, str] = {
    "create": mark("{who} created {record}."),
    "read": mark("{who} read {record}."),
    "read_search": mark("{who} saw {record} in a search."),
    "change": mark("{who} changed {record}."),
    "delete": mark("{who} deleted {record}."),
    "restore": mark("{who} restored {record}."),
    "purge": mark("{who} erased {record} for good."),
    "export": mark("{who} exported {record}."),
    "export_access_log": mark("{who} exported this access log."),
    "share_key": mark("{who} shared the key to the clinical records with another computer."),
    "print": mark("{who} printed {record}."),
    "print_meeting_summary": mark("{who} printed a meeting summary."),
    "import": mark("{who} imported {record}."),
    "integrity_failure": mark("{who} found {record} damaged: it failed its integrity check."),
    "key_unavailable": mark("{who} could not open {record}: the computer lacks its key."),
    "": mark("{who} handled {record}."),
}


def entry_sentence(entry: AccessEntry, types: Mapping[str, str]) -> str:
    """Who did what to what kind of record ("Kari Jobb leste et notat."); no ids."""
    rtype = types.get(entry.record_id or "")
    phrase = RECORD_PHRASES.get(rtype or "", mark("a record that is no longer here"))
    return tr(
        EVENT_SENTENCES[event_kind(entry)],
        who=entry.actor or tr("Someone"),
        record=tr(phrase),
    )


def entry_moment(entry: AccessEntry) -> str:
    try:
        return moment(datetime.fromisoformat(entry.at))
    except ValueError:
        return entry.at


def cmd_access_log(args: argparse.Namespace) -> int:
    """The participant's access log, oldest first: when, and who did what to what kind of
    record, in sentences (``--json`` adds the ids and raw actions)."""
    _, journal = _journal(args)
    try:
        log = access_log(journal, participant_id=args.participant_id)
        note_access_log_export(journal, participant_id=args.participant_id, detail="access log")
    finally:
        journal.store.lock()
    data = [
        {
            "at": e.at,
            "actor": e.actor,
            "device": e.device,
            "action": e.action,
            "record_id": e.record_id,
            "record_type": log.types.get(e.record_id or ""),
            "text": entry_sentence(e, log.types),
        }
        for e in log.entries
    ]
    lines = [f"{entry_moment(e)}  {entry_sentence(e, log.types)}" for e in log.entries]
    _emit(args, {"entries": data}, "\n".join(lines) or tr("No entries."))
    return 0
