"""The journal commands: participants, employers, indicators, search, access-log, erase and
retention; each runs the same operation (app/operations) as the matching screen."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta

from app.cli.common import CliError, _emit, _journal
from app.domain.access import may_erase
from app.domain.schema import ValidationError
from app.indicators import FOUR_WEEK_DAYS
from app.operations.access import access_log, note_access_log_export
from app.operations.caseload import participants
from app.operations.employers import employer_register
from app.operations.intake import IntakeForm, admit
from app.operations.search import search
from app.reminders import FourWeeks

# What a refused intake names, in words (the schema's field names are not the user's).
_INTAKE_FIELDS = {
    "name": "navnet mangler",
    "programme": "programmet er ikke SFJ, JMO eller IPS",
    "birth_date": "fødselsdatoen er ikke en dato",
    "phone": "telefonnummeret er ikke et telefonnummer",
    "national_id": "fødselsnummeret er ikke gyldig",
    "referral_source": "henvisningskilden er ikke gp, nav, self eller specialist_health",
    "referral_date": "henvisningsdatoen er etter inntaksdatoen",
    "consents": "et samtykke er ikke nav, gp, family eller central_reporting",
}


def cli_date(text: str) -> date:
    """dd.mm.yyyy (also d.m.yyyy) or yyyy-mm-dd, for argparse."""
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{text!r} er ikke en dato (dd.mm.åååå)")


def _dmy(d: date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


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
            problems = [_INTAKE_FIELDS.get(k, f"{k}: {v}") for k, v in exc.errors.items()]
            raise CliError("Ingen deltaker ble lagt til: " + "; ".join(problems) + ".") from None
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
    text = (
        f"La til {args.name} ({done.participant.id}): inntak {_dmy(form.entry)}, "
        f"første arbeidsgiverkontakt innen {_dmy(deadline)}; "
        f"samtykker: {', '.join(data['consents']) or 'ingen'}."
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
    lines = [f"{'Navn':28} {'Program':7} {'Status':9} {'Jobbspesialist':20} Første kontakt"]
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
            f"{p.name[:28]:28} {p.programme:7} {p.status:9} {p.job_specialist[:20]:20} {when}"
        )
    _emit(args, {"participants": data}, "\n".join(lines))
    return 0


def four_week_text(clock: FourWeeks | None, days: int | None) -> str:
    """The four-week column: days left or over, how it stopped, or "—" (no episode yet)."""
    if days is not None:
        return f"{days} dager igjen" if days >= 0 else f"{-days} dager over fristen"
    if clock is None or clock.day is None:
        return "—"
    how = "jobbstart" if clock.stopped_by == "job" else "arbeidsgiverkontakt"
    return f"oppfylt ({how} dag {clock.day})" if clock.met else f"{how} dag {clock.day}"


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
    lines = [f"{'Arbeidsgiver':34} {'Org.nr.':10} Kontakter"]
    lines += [f"{e.name[:34]:34} {e.org_number:10} {e.contacts}" for e in employers]
    _emit(args, {"employers": data}, "\n".join(lines))
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    from app.indicators import Period, parse_period
    from app.operations.reports import indicator_figures

    _, journal = _journal(args)
    try:
        today = journal.today()
        period = (
            parse_period(args.period)
            if args.period
            else Period.quarter(today.year, (today.month - 1) // 3 + 1)
        )
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
            }
            for f in figures
        ],
        "fidelity_points": total.points,
        "fidelity_items_scored": total.items_scored,
    }
    lines = [
        f"Periode {period.label}" + (f", {args.job_specialist}" if args.job_specialist else "")
    ]
    for f in figures:
        if f.value is None:
            shown = "–"
        elif f.unit == "%":
            shown = f"{f.value * 100:.0f} %"
        else:
            shown = f"{f.value:.1f} {f.unit}"
        score = f"  (skår {f.score})" if f.score is not None else ""
        lines.append(f"  {f.label:58} {shown}{score}")
    lines.append(
        f"Modelltrofasthet (delvis): {total.points} poeng over {total.items_scored} skårede punkter"
    )
    _emit(args, data, "\n".join(lines))
    return 0


# Record kinds in words, as the window names them in bokmål (tests check they agree).
RECORD_KINDS: dict[str, str] = {
    "participant": "Deltaker",
    "referral": "Henvisning",
    "episode": "Forløp",
    "consent": "Samtykke",
    "disclosure_plan": "Åpenhetsplan",
    "career_profile": "Karriereprofil",
    "job_search_plan": "Jobbsøkingsplan",
    "goal": "Mål",
    "action": "Steg",
    "case_note": "Notat",
    "therapy_session": "Terapisamtale",
    "therapy_addendum": "Tillegg",
    "cbt_worksheet": "CBT-skjema",
    "exposure_plan": "Eksponeringsplan",
    "employer": "Arbeidsgiver",
    "employer_contact_person": "Kontaktperson",
    "employer_contact": "Arbeidsgiverkontakt",
    "team_employer_contact": "Arbeidsgiverkontakt (jobbutvikling)",
    "activity": "Aktivitet",
    "meeting": "Samarbeidsmøte",
    "job": "Jobb",
    "follow_along": "Oppfølgingskontakt",
    "self_assessment": "Egenvurdering",
    "outcome_6m": "Status etter seks måneder",
}


def _iso_dmy(iso: str | None) -> str:
    try:
        return _dmy(date.fromisoformat(iso)) if iso else "–"
    except ValueError:
        return iso or "–"


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
                "kind": RECORD_KINDS.get(h.type, h.type),
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
        lines.append(f"{h.name} · {RECORD_KINDS.get(h.type, h.type)} · {_iso_dmy(h.date)}")
        lines.append("    " + h.snippet.marked(*bold))
    _emit(args, data, "\n".join(lines) or "Ingen treff.")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        if not may_erase(journal.store.role):
            raise CliError("Bare en teamleder kan slette en deltaker for godt.")
        rec = journal.store.get(args.participant_id, audit=False)
        if rec is None or rec.type != "participant":
            raise CliError("No such participant.")
        confirm = args.confirm
        if confirm is None:
            if not sys.stdin.isatty():
                raise CliError("Give --confirm with the participant's name to erase.")
            confirm = input(
                "Dette sletter deltakeren og alt om dem på alle maskiner, for godt. "
                "Skriv navnet for å bekrefte: "
            )
        count = journal.erase_participant(args.participant_id, confirm=confirm)
    finally:
        journal.store.lock()
    _emit(args, {"erased_records": count}, f"Slettet {count} poster for godt.")
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
                raise CliError("Bare en teamleder kan slette deltakere for godt.")
            if args.confirm != len(due):
                raise CliError(
                    f"{len(due)} deltaker(e) har noe å slette; bekreft med --confirm {len(due)}."
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
    what = {
        "whole": "alt om deltakeren",
        "work": "jobbspesialistens journal; behandlingsjournalen oppbevares til ",
    }
    lines = [
        f"{line.participant_id}  {line.name[:26]:26} sluttet {line.last_exit:%d.%m.%Y}: "
        + what[line.erase]
        + (f"{line.clinical_until:%d.%m.%Y}" if line.erase == "work" else "")
        for line in due
    ]
    rule = (
        f"jobbspesialistens journal {policy.work_days} dager etter siste avslutning, "
        f"behandlingsjournal {policy.clinical_years} år"
    )
    if not due:
        text = f"Ingenting å slette ({rule})."
    elif args.erase:
        text = "\n".join(lines) + f"\nSlettet for {len(due)} deltaker(e) ({rule})."
    else:
        text = (
            "\n".join(lines) + f"\n{len(due)} deltaker(e) har noe å slette ({rule}); "
            f"slett med 'feltjournal retention --erase --confirm {len(due)}' (teamleder)."
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


def cmd_access_log(args: argparse.Namespace) -> int:
    _, journal = _journal(args)
    try:
        entries = access_log(journal, participant_id=args.participant_id).entries
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
        }
        for e in entries
    ]
    lines = [
        f"{e.at[:19].replace('T', ' ')}  {e.actor:24} {e.action:8} {e.record_id}" for e in entries
    ]
    _emit(args, {"entries": data}, "\n".join(lines) or "Ingen oppføringer.")
    return 0
