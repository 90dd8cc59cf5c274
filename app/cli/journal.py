"""The journal commands: participants, employers, indicators, search, access-log, erase and
retention; each runs the same operation (app/operations) as the matching screen."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta

from app.cli.common import CliError, _emit, _journal
from app.domain.access import may_erase, may_write_team_records
from app.domain.schema import NAV_EXCLUDABLE_REASONS, ValidationError
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


# What a figure counts, in bokmål beside it (app.indicators.DEFINITIONS has the English).
DEFINITIONS_NB: dict[str, str] = {
    "rapid_job_search": (
        "Snitt dager fra inntak til første fysiske møte med en arbeidsgiver; den som ikke "
        "har hatt et ennå, teller dagene til periodens slutt"
    ),
    "into_work": (
        "Avslutninger til ordinært arbeid eller utdanning ÷ avslutninger; flyttet og "
        "årsakene teamlederen velger holdes utenfor; ordinært arbeid teller bare med en "
        "ordinær jobb uten lønnstilskudd"
    ),
    "into_work_excluded": "Avslutninger i perioden som holdes utenfor andelen i arbeid",
    "outcome_6m": (
        "Alle som er seks måneder etter jobbstart eller avslutning i perioden; status som "
        "ikke er registrert, telles som mangler"
    ),
    "four_week_rule": (
        "Deltakere med dag 28 etter inntak i perioden: andelen med et fysisk møte med en "
        "arbeidsgiver om en ordinær jobb, eller en jobbstart, innen dag 28"
    ),
    "follow_along": (
        "Fysiske oppfølgingsmøter holdt av dem som var ventet etter hver jobbstart, vurdert "
        "i snitt; stopper ved avslutning, når jobben slutter og når deltakeren ikke vil ha mer"
    ),
}
# The IPS-25 items in bokmål (app.indicators.IPS25_ITEMS).
ITEMS_NB: dict[str, str] = {
    "caseload": "Antall deltakere per jobbspesialist",
    "employment_staff": "Jobbspesialister arbeider bare med jobbstøtte",
    "vocational_generalists": "Jobbspesialisten følger alle faser",
    "team_assignment": "Integrering: jobbspesialist i behandlingsteam",
    "team_contact": "Integrering: hyppig kontakt med behandlingsteamet",
    "nav_collaboration": "Samarbeid mellom jobbspesialist og Nav-veileder",
    "vocational_unit": "Egen jobbspesialistenhet",
    "supervisor_role": "Veileders rolle",
    "zero_exclusion": "Ingen eksklusjonskriterier",
    "agency_focus": "Virksomheten vektlegger ordinært arbeid",
    "executive_support": "Ledelsens støtte til IPS",
    "benefits_planning": "Veiledning om ytelser",
    "disclosure": "Åpenhet om helse",
    "work_based_assessment": "Løpende, arbeidsbasert kartlegging",
    "rapid_job_search": "Rask jobbsøking",
    "individualised_search": "Individuelt tilpasset jobbsøking",
    "job_development": "Jobbutvikling: hyppig arbeidsgiverkontakt",
    "employer_contact_quality": "Jobbutvikling: kvalitet i arbeidsgiverkontakten",
    "diversity_job_types": "Variasjon i jobbtyper",
    "diversity_employers": "Variasjon i arbeidsgivere",
    "competitive_jobs": "Ordinære jobber",
    "individualised_follow_along": "Individuelt tilpasset oppfølging i jobb",
    "follow_along": "Tidsubegrenset oppfølging i jobb",
    "community_based": "Tjenester ute i samfunnet",
    "assertive_engagement": "Oppsøkende arbeid fra teamet",
}


BANDS_NB: dict[str, str] = {
    "exemplary fidelity": "eksemplarisk modelltrofasthet",
    "good fidelity": "god modelltrofasthet",
    "fair fidelity": "akseptabel modelltrofasthet",
    "not supported employment": "ikke IPS",
}


def _percent(value: float) -> str:
    """A share (already 0–100) as "67 %"."""
    return f"{value:.0f} %"


def _items(keys: tuple[str, ...]) -> str:
    return ", ".join(ITEMS_NB.get(k, k) for k in keys) or "–"


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
        f"Periode {period.label}" + (f", {args.job_specialist}" if args.job_specialist else "")
    ]
    for f in figures:
        if f.value is None:
            shown = "–"
        elif f.unit == "%":
            shown = _percent(f.value)
            if f.numerator is not None and f.denominator is not None:
                shown += f" ({f.numerator:.0f} av {f.denominator:.0f})"
        elif f.unit == "count":
            shown = f"{f.value:.0f}"
        else:
            shown = f"{f.value:.1f} {f.unit}"
        score = f"  (skår {f.score})" if f.score is not None else ""
        lines.append(f"  {f.label:58} {shown}{score}")
        if f.key == "outcome_6m" and f.value is not None:
            missing = next((p.value for p in f.parts if p.key == "missing"), 0)
            lines.append(f"      Mangler status: {missing or 0:.0f}")
        if f.key in DEFINITIONS_NB:
            lines.append(f"      Definisjon: {DEFINITIONS_NB[f.key]}")
    lines.append(
        f"Modelltrofasthet (IPS-25): {total.points} poeng over {total.items_scored} av "
        f"{total.items_on_scale} punkter" + (" (delvis)" if total.partial else "")
    )
    if total.band is not None:
        lines.append(f"  Nivå: {BANDS_NB.get(total.band, total.band)}")
    lines.append(f"  Beregnet fra journalen ({len(total.computed)}): {_items(total.computed)}")
    lines.append(f"  Uten data i perioden ({len(total.no_data)}): {_items(total.no_data)}")
    lines.append(f"  Vurdert av teamleder ({len(total.rated)}): {_items(total.rated)}")
    lines.append(f"  Ikke vurdert ennå ({len(total.unrated)}): {_items(total.unrated)}")
    if total.unrated:
        lines.append(
            "  Teamlederen fører dem inn med: feltjournal fidelity-review --score PUNKT=1..5"
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
    "job_specialist_fte": "Jobbspesialistens stillingsandel",
    "team_settings": "Teaminnstillinger",
    "fidelity_review": "Vurdering av modelltrofasthet",
}


def _iso_dmy(iso: str | None) -> str:
    try:
        return _dmy(date.fromisoformat(iso)) if iso else "–"
    except ValueError:
        return iso or "–"


def _parse_scores(texts: list[str]) -> dict[str, int]:
    from app.indicators import RATED_ITEMS

    scores: dict[str, int] = {}
    for text in texts:
        key, sep, value = text.partition("=")
        key = key.strip()
        if not sep or key not in RATED_ITEMS:
            raise CliError(
                f"Ukjent punkt {key!r}: bruk PUNKT=1..5 med ett av " + ", ".join(RATED_ITEMS)
            )
        try:
            number = int(value)
        except ValueError:
            number = 0
        if not 1 <= number <= 5:
            raise CliError(f"Skåren for {key} må være et helt tall fra 1 til 5.")
        scores[key] = number
    return scores


def cmd_fidelity_review(args: argparse.Namespace) -> int:
    from app.indicators import RATED_ITEMS, Period, parse_period
    from app.operations.team_settings import fidelity_reviews, save_fidelity_review

    scores = _parse_scores(args.score or [])
    _, journal = _journal(args)
    try:
        today = journal.today()
        period = (
            parse_period(args.period)
            if args.period
            else Period.quarter(today.year, (today.month - 1) // 3 + 1)
        )
        if scores:
            if not may_write_team_records(journal.role):
                raise CliError("Bare en teamleder kan føre inn vurderinger av modelltrofasthet.")
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
    lines = [f"Vurdering av modelltrofasthet for {period.label}"]
    for key in RATED_ITEMS:
        given = current.scores.get(key) if current else None
        lines.append(f"  {ITEMS_NB.get(key, key):50} {given if given else '–'}  [{key}]")
    if history:
        lines.append("Historikk:")
        for v in history:
            when = v.reviewed.strftime("%d.%m.%Y") if v.reviewed else "–"
            lines.append(
                f"  versjon {v.revision}, {when}, {v.reviewer}: {len(v.scores)} punkter vurdert"
            )
    else:
        lines.append("Ingen vurdering ført inn for perioden ennå.")
    _emit(args, data, "\n".join(lines))
    return 0


def cmd_nav_exclusions(args: argparse.Namespace) -> int:
    from app.operations.team_settings import set_nav_excluded_reasons, team_settings

    _, journal = _journal(args)
    try:
        if args.set is not None or args.clear:
            if not may_write_team_records(journal.role):
                raise CliError("Bare en teamleder kan endre teamets innstillinger.")
            reasons = [] if args.clear else [r.strip() for r in args.set.split(",") if r.strip()]
            wrong = [r for r in reasons if r not in NAV_EXCLUDABLE_REASONS]
            if wrong:
                raise CliError(
                    f"Kan ikke holde {', '.join(wrong)} utenfor; velg blant "
                    + ", ".join(NAV_EXCLUDABLE_REASONS)
                    + " (flyttet holdes alltid utenfor)."
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
        "Holdes utenfor andelen i arbeid: " + ", ".join(reasons),
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
    from app.operations.retention import erase_participant

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
                "Dette sletter deltakeren og alt om dem på alle maskiner, for godt "
                "(en behandlingsjournal oppbevares til oppbevaringstiden er ute). "
                "Skriv navnet for å bekrefte: "
            )
        done = erase_participant(journal, participant_id=args.participant_id, confirm=confirm)
    finally:
        journal.store.lock()
    until = done.clinical_kept_until
    text = f"Slettet {done.erased_records} poster for godt."
    if until is not None:
        text += (
            " Behandlingsjournalen, navnet og forløpene oppbevares etter pasientjournalloven "
            f"til {until:%d.%m.%Y}; 'feltjournal retention --erase' sletter dem da."
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
