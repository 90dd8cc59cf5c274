"""Synthetic demo data: a realistic, reproducible Norwegian caseload.

:func:`fill_demo` fills a profile with invented participants, employers and
everything that happens around them (referrals, consents, plans, notes,
employer visits, jobs, follow-along and, on a therapist's profile only,
therapy sessions, CBT worksheets and exposure plans). Every record goes
through the :class:`~app.journal.Journal` API, so schema validation, spaces,
role checks and the audit log apply exactly as for records typed by a user.

The same ``seed`` and ``today`` give the same data (names, dates, texts,
counts); only record ids and clock stamps differ. Each participant is
generated from its own random stream, so a therapist's profile and a job
specialist's profile built with one seed hold the same people.

Identity and organisation numbers are generated with valid check digits (the
schema refuses anything else, including the official synthetic test series),
so they may coincide with real people's or companies' numbers: demo data
only, never to be exported anywhere real.

:func:`fill_bulk` builds a LARGE profile for benchmarks (thousands of
participants, ~100k records); it batches writes in transactions and is not
meant for anything but measurements.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final, TypeVar

from faker import Faker

from app import store_settings
from app.domain.access import JOB_SPECIALIST, TEAM_LEAD, THERAPIST
from app.domain.identifiers import identity_check_digits, org_number_check_digit
from app.domain.people import TeamPerson, encode_people
from app.indicators import RATED_ITEMS, Period, add_months
from app.journal import Journal
from app.operations.team import set_fte
from app.operations.team_settings import save_fidelity_review, set_nav_excluded_reasons

__all__ = [
    "DemoSummary",
    "fill_bulk",
    "fill_demo",
    "synthetic_identity_number",
    "synthetic_org_number",
]

# Faker calls bokmål "no_NO" (it has no "nb_NO" locale).
FAKER_LOCALE: Final = "no_NO"

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
_T = TypeVar("_T")


@dataclass(slots=True)
class DemoSummary:
    """What a fill made: records per type, participants, and whether it was cancelled."""

    counts: dict[str, int]
    participants: int
    cancelled: bool = False
    signed: int = 0
    seconds: float = field(default=0.0, compare=False)

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0


# --------------------------------------------------------------- identifiers


def synthetic_identity_number(rng: random.Random, born: date) -> str:
    """An 11-digit fødselsnummer for ``born`` with valid (pre-2032) check digits."""
    if not 1900 <= born.year <= 2039:
        raise ValueError("only birth years 1900-2039 are supported")
    while True:
        individual = rng.randint(0, 499) if born.year < 2000 else rng.randint(500, 999)
        first9 = f"{born.day:02d}{born.month:02d}{born.year % 100:02d}{individual:03d}"
        check = identity_check_digits(first9)
        if check is not None:
            return first9 + check


def synthetic_org_number(rng: random.Random, used: set[str] | None = None) -> str:
    """A 9-digit organisation number (starting with 8 or 9) with a valid mod-11 digit."""
    while True:
        first8 = f"{rng.choice('89')}{rng.randint(0, 9_999_999):07d}"
        check = org_number_check_digit(first8)
        if check is None:
            continue
        number = f"{first8}{check}"
        if used is not None:
            if number in used:
                continue
            used.add(number)
        return number


def _mobile(rng: random.Random) -> str:
    digits = f"{rng.choice('49')}{rng.randint(0, 9_999_999):07d}"
    return f"{digits[:3]} {digits[3:5]} {digits[5:]}"


def _landline(rng: random.Random) -> str:
    digits = f"{rng.choice(('22', '23', '55', '73', '51', '67'))}{rng.randint(0, 999_999):06d}"
    return f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"


# ---------------------------------------------------------------- word lists

NAV_OFFICES: Final = (
    "NAV Grünerløkka",
    "NAV Sagene",
    "NAV Gamle Oslo",
    "NAV Frogner",
    "NAV St. Hanshaugen",
    "NAV Bærum",
    "NAV Drammen",
    "NAV Bergenhus",
    "NAV Trondheim Midtbyen",
    "NAV Stavanger",
    "NAV Tromsø",
    "NAV Lillestrøm",
)

# (pattern, industry, STYRK-08 jobs there)
_EMPLOYER_KINDS: Final = (
    (
        "{last} Bygg AS",
        "Bygg og anlegg",
        (("7126", "Rørleggerassistent"), ("9313", "Hjelpearbeider bygg")),
    ),
    (
        "{city} Lager og Logistikk AS",
        "Transport og lager",
        (("4321", "Lagermedarbeider"), ("9333", "Truckfører")),
    ),
    ("Kafé {first}", "Servering", (("9412", "Kjøkkenassistent"), ("5131", "Servitør"))),
    (
        "{last}s Bakeri",
        "Næringsmiddel",
        (("7512", "Bakerassistent"), ("5223", "Butikkmedarbeider")),
    ),
    ("{city} Renhold AS", "Renhold", (("9112", "Renholder"),)),
    (
        "{last} Regnskap AS",
        "Kontor og administrasjon",
        (("4110", "Kontormedarbeider"), ("4311", "Regnskapsmedarbeider")),
    ),
    (
        "{city} Dagligvare AS",
        "Varehandel",
        (("5223", "Butikkmedarbeider"), ("5230", "Kassemedarbeider")),
    ),
    (
        "{last} Hagesenter",
        "Varehandel",
        (("5223", "Butikkmedarbeider"), ("9214", "Gartneriarbeider")),
    ),
    (
        "{city} Bilverksted AS",
        "Bil og verksted",
        (("7231", "Bilmekanikerlærling"), ("9329", "Verkstedsarbeider")),
    ),
    ("{city} sykehjem", "Helse og omsorg", (("5322", "Helsefagarbeider"), ("9112", "Renholder"))),
    ("{last} Budservice AS", "Transport og lager", (("9621", "Bud"), ("8322", "Varebilsjåfør"))),
    (
        "{city} Bibliotek",
        "Offentlig forvaltning",
        (("4411", "Bibliotekassistent"), ("4110", "Kontormedarbeider")),
    ),
    ("{last} Data AS", "IT", (("3512", "IT-brukerstøtte"), ("4110", "Kontormedarbeider"))),
    ("{city} Hotell", "Overnatting", (("9112", "Romassistent"), ("4224", "Resepsjonist"))),
)

_CONTACT_ROLES: Final = (
    "Daglig leder",
    "HR-rådgiver",
    "Butikksjef",
    "Avdelingsleder",
    "Lagerleder",
    "Kjøkkensjef",
    "Personalleder",
)

_INTERESTS: Final = (
    "Liker å jobbe med hendene, særlig med treverk og enkle reparasjoner.",
    "Interessert i matlaging og har lyst til å jobbe på kafé eller i et storkjøkken.",
    "Glad i dyr; kunne tenke seg jobb i dyrebutikk eller på gård.",
    "Opptatt av data og spill, ønsker å jobbe med brukerstøtte eller på et lager med skanning.",
    "Liker å være ute; parkvedlikehold, gartneri eller budkjøring kan passe.",
    "Interessert i klær og butikk, liker kundekontakt når det ikke er for hektisk.",
    "Trives med faste rutiner og orden, for eksempel varetelling og plukk på lager.",
    "Liker å hjelpe andre og har vurdert å bli assistent i barnehage eller på sykehjem.",
    "Glad i bøker og ro rundt seg; kunne tenke seg bibliotek eller arkiv.",
)

_STRENGTHS: Final = (
    "punktlig og nøyaktig",
    "lærer seg nye systemer raskt",
    "rolig og vennlig i møte med kunder",
    "fysisk sterk og utholdende",
    "kreativ og løsningsorientert",
    "pålitelig, møter opp til avtaler",
    "god i engelsk",
    "har førerkort klasse B",
    "flink med tall",
    "humoristisk og lett å samarbeide med",
)

_EDUCATION: Final = (
    "Fullført videregående skole, studiespesialisering.",
    "Fagbrev som kokk.",
    "Påbegynt bachelor i sykepleie, avbrutt etter to semestre.",
    "Grunnskole; har tatt enkeltfag på voksenopplæringen.",
    "Yrkesfag bygg og anlegg, Vg2.",
    "Fagbrev i salg og service.",
    "Ett år på folkehøgskole etter videregående.",
)

# What someone under 21 can have finished.
_EDUCATION_YOUNG: Final = tuple(
    e for e in _EDUCATION if not e.startswith(("Påbegynt bachelor", "Ett år på folkehøgskole"))
)
FIRST_JOB_AGE: Final = 16  # the earliest age a demo work history starts
# A plan step may still be open this many days after its due date; older ones are settled.
ACTION_LATE_DAYS: Final = 21


def _work_history(
    rng: random.Random, fake: Faker, born: date, today: date, employers: Sequence[_Employer]
) -> str:
    """Work history that fits the age: the first job at 17 at the earliest."""
    job = _pick(rng, _pick(rng, employers).jobs)[1].lower()
    first_year = born.year + FIRST_JOB_AGE + 1
    last = today.year - rng.randint(1, 4)
    if last - first_year < 1:
        return f"Sommerjobber i {fake.city()} kommune ved siden av skolen."
    years = rng.randint(1, min(6, last - first_year))
    start = last - years
    other = _pick(
        rng,
        (
            f"Sommerjobb i {fake.city()} kommune som ungdom.",
            f"Har ikke vært i ordinært arbeid siden {last}.",
            "Avisbud i flere år som ungdom.",
        ),
    )
    return f"{years} år som {job} ({start}–{last}). {other}"


_SUPPORTS: Final = (
    "Vil gjerne ha med jobbspesialisten på det første møtet med arbeidsgiver.",
    "Trenger forutsigbarhet og beskjed i god tid når noe endres.",
    "Har god støtte fra familien, særlig fra en søster.",
    "Går til samtaler hos fastlegen hver måned.",
    "Ønsker skriftlige avtaler og påminnelser på SMS.",
)

_WORK_PREFERENCES: Final = (
    "Deltid 50–60 % i starten, helst dagtid og ikke nattskift.",
    "Arbeidssted innen 30 minutter med kollektivtransport.",
    "Ønsker et lite arbeidsmiljø med få kolleger.",
    "Vil helst jobbe fysisk og ikke sitte stille hele dagen.",
    "Foretrekker faste oppgaver og lite telefon.",
    "Kan jobbe helg, men ikke sene kvelder.",
)

_FEELINGS: Final = ("Angst", "Skam", "Nedstemthet", "Uro", "Irritasjon")

_CBT_SITUATIONS: Final = (
    (
        "Skulle ringe en arbeidsgiver om en ledig stilling.",
        "De kommer til å høre at jeg er nervøs og tenke at jeg ikke er verdt å ansette.",
        "Hjertebank, svetting og klump i magen.",
        "Utsatte samtalen til neste dag.",
        "Det er vanlig å være nervøs; arbeidsgiveren er mest opptatt av om jeg kan gjøre jobben.",
    ),
    (
        "Lunsjpause på jobben, kollegene snakket sammen ved bordet.",
        "Alle merker at jeg ikke har noe å si, de synes jeg er rar.",
        "Varm i ansiktet, anspent i skuldrene.",
        "Spiste raskt og gikk ut før de andre var ferdige.",
        "De fleste er opptatt av sitt eget; jeg kan bidra med et spørsmål eller to.",
    ),
    (
        "Fikk beskjed fra lederen om å gjøre en oppgave på nytt.",
        "Jeg klarer ingenting, det er bare et spørsmål om tid før de gir meg sparken.",
        "Tung i kroppen, trøtt.",
        "Sa ingenting resten av dagen og vurderte å ringe inn syk.",
        "Lederen ga meg en konkret beskjed; det betyr at de regner med at jeg kan lære det.",
    ),
    (
        "Skulle ta bussen til jobbintervju i rushtiden.",
        "Jeg kommer til å få panikk på bussen og må gå av.",
        "Svimmel, rask pust, prikking i fingrene.",
        "Gikk hele veien og kom for sent.",
        "Jeg har klart bussturer før; ubehaget går over hvis jeg blir sittende.",
    ),
)

_EXPOSURE_PLANS: Final = (
    (
        "Bruke telefonen i jobbsammenheng",
        (
            ("Ringe en venn og avtale noe", 20),
            ("Ringe en butikk og spørre om åpningstider", 35),
            ("Ringe en arbeidsgiver og spørre om en stilling", 55),
            ("Ringe og be om et intervju", 70),
            ("Gjennomføre et intervju på telefon", 85),
        ),
    ),
    (
        "Reise kollektivt i rushtiden",
        (
            ("Ta bussen to stopp midt på dagen", 25),
            ("Ta bussen til sentrum midt på dagen", 40),
            ("Ta bussen to stopp i rushtiden", 55),
            ("Ta bussen til sentrum i rushtiden", 70),
            ("Ta t-banen til jobben i rushtiden, alene", 85),
        ),
    ),
    (
        "Være sammen med kolleger i pausene",
        (
            ("Sitte ved lunsjbordet i ti minutter", 30),
            ("Sitte hele lunsjen", 45),
            ("Stille en kollega et spørsmål i pausen", 60),
            ("Fortelle noe om helgen i lunsjen", 75),
            ("Bli med på fredagskaffe etter jobb", 85),
        ),
    ),
)

_ASSESSMENT_ITEMS: Final = (
    "Tro på at jeg kan få en jobb",
    "Motivasjon for arbeid",
    "Søvn og døgnrytme",
    "Sosialt nettverk",
    "Mestring av angst og uro",
)

# Goal → sub-goals → the actions (with their owner) that serve that sub-goal; only ordinary
# work or education, never work training.
_GOALS: Final[tuple[tuple[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]], ...]] = (
    (
        "Få en deltidsjobb i {sector}",
        (
            (
                "Lage en oppdatert CV",
                (
                    ("Skrive utkast til CV", "participant"),
                    ("Gå gjennom CV-en sammen", "job_specialist"),
                ),
            ),
            (
                "Besøke tre arbeidsgivere sammen",
                (
                    ("Kontakte arbeidsgivere om ledige stillinger", "job_specialist"),
                    ("Sjekke reiserute og billettpris", "participant"),
                ),
            ),
        ),
    ),
    (
        "Komme i ordinært arbeid innen et år",
        (
            (
                "Finne ut hvilke bransjer som passer",
                (
                    ("Lage en liste over aktuelle arbeidsgivere", "participant"),
                    ("Avklare arbeidsevnevurdering med Nav", "nav"),
                ),
            ),
            (
                "Søke på stillinger som passer",
                (
                    ("Sende søknad på to stillinger", "participant"),
                    ("Avtale møte med Nav om lønnstilskudd", "job_specialist"),
                    ("Skaffe politiattest", "participant"),
                ),
            ),
        ),
    ),
    (
        "Bedre døgnrytme",
        (
            (
                "Stå opp kl. 08 på hverdager",
                (
                    ("Ta opp søvnvansker med fastlegen", "participant"),
                    ("Føre søvndagbok i to uker", "participant"),
                ),
            ),
        ),
    ),
    (
        "Begynne på utdanning",
        (
            (
                "Undersøke opptakskrav",
                (("Bestille time hos rådgiver på voksenopplæringen", "participant"),),
            ),
            (
                "Søke studieplass innen fristen",
                (("Sende søknad via Samordna opptak", "participant"),),
            ),
        ),
    ),
    (
        "Mestre reisen til jobb",
        (
            (
                "Øve på kollektivreise",
                (
                    ("Sjekke reiserute og billettpris", "participant"),
                    ("Planlegge eksponering for kollektivreise", "therapist"),
                ),
            ),
        ),
    ),
)
# Every sub-goal's actions, for a check that the demo's plans hang together.
GOAL_ACTIONS: Final[dict[str, frozenset[str]]] = {
    sub: frozenset(a for a, _ in actions) for _, subs in _GOALS for sub, actions in subs
}

# Plan steps a summary for NAV, an employer or family never shows (app/domain/sharing.py).
_HEALTH_RELATED: Final = frozenset(
    {
        "Bedre døgnrytme",
        "Ta opp søvnvansker med fastlegen",
        "Planlegge eksponering for kollektivreise",
    }
)


def _health(text: str) -> dict[str, bool]:
    return {"health_related": True} if text in _HEALTH_RELATED else {}


_END_REASONS: Final = (
    "Sa opp selv; for mange timer",
    "Midlertidig stilling gikk ut",
    "Ble syk i en lengre periode",
    "Byttet til ny jobb",
)

_DECLINE_OTHER: Final = ("no_wish_for_work", "moved", "other_service", "other")


def _pick(rng: random.Random, items: Sequence[_T]) -> _T:
    return items[rng.randrange(len(items))]


def _weighted(rng: random.Random, table: Sequence[tuple[_T, float]]) -> _T:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def _day(d: date) -> str:
    return d.isoformat()


def _between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


# ----------------------------------------------------------------- writing


@dataclass(slots=True)
class _Employer:
    id: str
    name: str
    jobs: tuple[tuple[str, str], ...]
    sector: str


class _Writer:
    """Journal calls that count what they made."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.counts: Counter[str] = Counter()
        self.signed = 0

    def participant(self, values: Mapping[str, Any]) -> str:
        pid = self.journal.create_participant(values)
        self.counts["participant"] += 1
        return pid

    def add(
        self,
        record_type: str,
        values: Mapping[str, Any],
        *,
        pid: str | None = None,
        parent: str | None = None,
    ) -> str:
        rid = self.journal.add(record_type, values, participant_id=pid, parent=parent)
        self.counts[record_type] += 1
        return rid

    def sign(self, record_id: str) -> None:
        self.journal.sign(record_id)
        self.signed += 1


def _person_name(fake: Faker) -> str:
    """First and last name, never a title: Faker's ``name()`` in no_NO adds "Prof." or
    "Dr." now and then."""
    return f"{fake.first_name()} {fake.last_name()}"


def _colleagues(fake: Faker, seed: int) -> tuple[list[str], list[str], list[str]]:
    """(three other job specialists, therapists, GPs) — the same for one seed."""
    fake.seed_instance(seed)
    specialists = [_person_name(fake) for _ in range(3)]
    therapists = [_person_name(fake) for _ in range(2)]
    gps = [f"Dr. {_person_name(fake)}" for _ in range(8)]
    return specialists, therapists, gps


def _make_employers(
    w: _Writer, rng: random.Random, fake: Faker, count: int, today: date, team: list[str]
) -> list[_Employer]:
    used: set[str] = set()
    employers: list[_Employer] = []
    names: set[str] = set()
    for _ in range(count):
        pattern, sector, jobs = _pick(rng, _EMPLOYER_KINDS)
        name = pattern.format(last=fake.last_name(), first=fake.first_name(), city=fake.city())
        while name in names:
            name = f"{name} {fake.city()}"
        names.add(name)
        eid = w.add(
            "employer",
            {
                "org_number": synthetic_org_number(rng, used),
                "name": name,
                "industry": sector,
                "address": f"{fake.street_address()}, {fake.postcode()} {fake.city()}",
                "phone": _landline(rng),
                "notes": (
                    f"{sector}. "
                    + _pick(
                        rng,
                        (
                            "Positiv til å ansette folk som har vært lenge borte fra jobb.",
                            "Har ansatt via oss tidligere; god erfaring.",
                            "Travel i sesongen, best å ta kontakt tidlig på våren.",
                            "Vil helst ha søkere med førerkort.",
                            "Lederen er åpen om egen erfaring med psykisk helse.",
                        ),
                    )
                ),
            },
        )
        employers.append(_Employer(eid, name, jobs, sector.lower()))
        for _ in range(rng.randint(1, 2)):
            first, last = fake.first_name(), fake.last_name()
            local = _ascii(f"{first}.{last}").lower()
            domain = _ascii(name.split()[0]).lower() or "firma"
            w.add(
                "employer_contact_person",
                {
                    "name": f"{first} {last}",
                    "role": _pick(rng, _CONTACT_ROLES),
                    "phone": _mobile(rng),
                    "email": f"{local}@{domain}.example.no",
                },
                parent=eid,
            )
        for _ in range(rng.randint(1, 3)):
            when = today - timedelta(days=rng.randint(1, 720))
            purpose = _weighted(rng, (("job_development", 0.85), ("other", 0.15)))
            w.add(
                "team_employer_contact",
                {
                    "date": _day(when),
                    "mode": _weighted(
                        rng,
                        (("face_to_face", 0.7), ("phone", 0.2), ("email", 0.05), ("video", 0.05)),
                    ),
                    "purpose": purpose,
                    "job_specialist": _pick(rng, team),
                    "minutes": rng.choice((15, 20, 30, 45, 60)),
                    "outcome": _pick(
                        rng,
                        (
                            "Presenterte IPS og hvordan vi følger opp både arbeidstaker og leder.",
                            "Snakket om behov framover; de trenger folk på lager i høst.",
                            "Leder var åpen for å møte kandidater uten formell utdanning.",
                            "Ikke behov nå, men ønsker kontakt igjen om tre måneder.",
                            "Fikk omvisning og hilste på avdelingslederne.",
                        ),
                    ),
                    "next_step": _pick(
                        rng,
                        (
                            "Ringe igjen om en måned",
                            "Sende informasjonsbrosjyre",
                            "Avtale nytt besøk",
                            "",
                        ),
                    ),
                },
                parent=eid,
            )
    return employers


def _ascii(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A", "é": "e"})
    return "".join(c for c in text.translate(table) if c.isascii() and (c.isalnum() or c == "."))


def _make_activities(w: _Writer, rng: random.Random, today: date, team: list[str]) -> None:
    monday = today - timedelta(days=today.weekday())
    for week in range(1, 27):
        start = monday - timedelta(weeks=week)
        for who in team[:2]:
            community = rng.randint(600, 1100)
            office = rng.randint(250, 700)
            w.add(
                "activity",
                {
                    "date": _day(start + timedelta(days=rng.randint(0, 4))),
                    "job_specialist": who,
                    "minutes": community,
                    "location": "community",
                    "description": "Arbeidsgiverbesøk og møter med deltakere ute",
                },
            )
            w.add(
                "activity",
                {
                    "date": _day(start + timedelta(days=rng.randint(0, 4))),
                    "job_specialist": who,
                    "minutes": office,
                    "location": "office",
                    "description": "Dokumentasjon, telefoner og teammøte",
                },
            )


@dataclass(slots=True)
class _Person:
    """What the generator decided about one participant (not stored as such)."""

    pid: str
    first: str
    entry: date
    end: date  # exit date or today
    exited: bool
    exit_reason: str | None
    disclosure: str
    nav_office: str
    nav_counsellor: str
    job_start: date | None = None
    job_employer: _Employer | None = None
    job_id: str | None = None
    job_end: date | None = None
    therapy: bool = False


def _note_body(rng: random.Random, topic: str, p: _Person, employers: list[_Employer]) -> str:
    emp = p.job_employer or _pick(rng, employers)
    job_title = _pick(rng, emp.jobs)[1].lower()
    texts: dict[str, tuple[str, ...]] = {
        "career": (
            f"Samtale om karriereprofilen. {p.first} forteller om tidligere jobber og hva som "
            f"fungerte. Ønsker å prøve seg innen {emp.sector}. Vi ble enige om å se etter "
            "arbeidsplasser med faste rutiner.",
            f"{p.first} har tenkt videre på interessene vi snakket om sist. Vil gjerne jobbe "
            f"som {job_title}. Vi lagde en liste over mulige arbeidsgivere i nærområdet.",
        ),
        "job_search": (
            f"Gikk gjennom stillingsannonser sammen. {p.first} sendte søknad til {emp.name} på "
            f"stilling som {job_title}. Neste steg: følge opp søknaden på telefon om en uke.",
            f"Øvde på jobbintervju. {p.first} var nervøs i starten, men svarte godt på spørsmål "
            "om tidligere erfaring. Vi skrev ned tre gode eksempler å bruke.",
        ),
        "disclosure": (
            f"Snakket om åpenhet overfor arbeidsgiver. {p.first} ønsker ikke å fortelle om "
            "helsen sin nå, og vil at oppfølgingen skjer utenfor arbeidsplassen.",
            f"{p.first} vil være åpen om at hen har hatt en periode med angst, men ikke om "
            "diagnosen. Vi øvde på hva hen kan si hvis noen spør om hullet i CV-en.",
            f"Gikk gjennom samtykket til kontakt med arbeidsgiver. {p.first} er trygg på å "
            "være åpen og vil at jeg blir med på første møte.",
        ),
        "benefits": (
            "Gjennomgang av arbeidsavklaringspenger og hvordan inntekt fra en deltidsjobb "
            f"påvirker utbetalingen. {p.first} var bekymret for å miste ytelsen; vi avtalte å "
            "sjekke med Nav-veileder.",
            f"{p.first} lurer på frikort og skattekort ved jobbstart. Vi fant informasjonen på "
            "nav.no sammen og avtalte å ta det opp i samarbeidsmøtet.",
        ),
        "nav_contact": (
            f"Telefon med Nav-veileder {p.nav_counsellor} ved {p.nav_office}. Orienterte om "
            "framdriften og avtalte tidspunkt for neste samarbeidsmøte.",
            f"Møte hos {p.nav_office} sammen med {p.first}. Vi snakket om muligheten for "
            "lønnstilskudd i en oppstartsperiode.",
        ),
        "follow_along": (
            f"Oppfølgingssamtale etter jobbstart hos {emp.name}. {p.first} opplever "
            "arbeidsdagene som slitsomme, men mestrer oppgavene. Avtalt å justere "
            "arbeidstiden med leder.",
            f"{p.first} trives i jobben og har fått ansvar for varemottaket. Vi møtes "
            "annenhver uke på kafé i nærheten.",
        ),
        "health": (
            f"{p.first} har hatt en tyngre periode med dårlig søvn. Har kontakt med fastlegen. "
            "Vi holder jobbsøkingen i gang, men i roligere tempo.",
            f"{p.first} merker at medisinendringen gjør morgenene tunge. Vi flyttet møtene "
            "til etter lunsj.",
        ),
        "general": (
            f"Møte på kafé i nærheten. Gikk gjennom ukeplanen med {p.first} og hva som har "
            "fungert siden sist.",
            f"{p.first} meldte avbud på grunn av sykdom; ny avtale neste uke.",
        ),
    }
    return _pick(rng, texts[topic])


_NOTE_TITLES: Final = {
    "career": "Karriereprofil",
    "job_search": "Jobbsøking",
    "disclosure": "Åpenhet",
    "benefits": "Ytelser og økonomi",
    "nav_contact": "Kontakt med Nav",
    "follow_along": "Oppfølging i jobb",
    "health": "Helse",
    "general": "Samtale",
}


_FOLLOW_NOTES: Final = (
    "Går greit på jobb. Litt sliten etter lange vakter.",
    "Har fått nye oppgaver og er stolt av det.",
    "Snakket om hvordan si fra når det blir for mye.",
    "Leder er fornøyd; vurderer å øke stillingsprosenten.",
)


def _follow_along(
    w: _Writer,
    rng: random.Random,
    ids: tuple[str, str],
    start: date,
    until: date,
    today: date,
    disclosure: str,
    *,
    ended: bool = False,
) -> None:
    """Follow-along as the scale asks for it, mostly kept: a talk the week before the
    start, one in the first days, weekly in the first month, then about monthly for a
    year, mostly face to face, and one within three days after the job ended (``ended``:
    the job's last day is ``until``). Some participants say after a few months that they
    want no more; the job records the day (and the contacts stop).

    Now and then a contact is missed or made by phone, but a later one in person makes
    up for it: the last contact more than a week ago is always face to face, so only a
    contact of the past week can be owed still (overdue by days, never by months)."""
    pid, job_id = ids
    stop = min(until, start + timedelta(days=365))
    declined = False
    if (stop - start).days > 120 and rng.random() < 0.2:
        on = start + timedelta(days=rng.randint(90, min(200, (stop - start).days)))
        w.journal.update(job_id, {"follow_along_declined": _day(on)})
        stop, declined = on, True
    days = [start - timedelta(days=rng.randint(1, 6)), start + timedelta(days=rng.randint(0, 3))]
    days += [start + timedelta(days=7 * k + rng.randint(0, 5)) for k in range(1, 4)]
    month = 1
    while (when := add_months(start, month) + timedelta(days=rng.randint(0, 27))) <= stop:
        days.append(when)
        month += 1
    days = [d for d in days if d <= min(stop, today)]
    if ended and not declined and (after := until + timedelta(days=rng.randint(0, 3))) <= today:
        days.append(after)
    settled = [d for d in days if d <= today - timedelta(days=7)]
    kept = max(settled) if settled else None
    for when in days:
        missed = rng.random() < 0.12
        mode = _weighted(rng, (("face_to_face", 0.85), ("phone", 0.15)))
        if when == kept:
            missed, mode = False, "face_to_face"
        if missed:
            continue
        w.add(
            "follow_along",
            {
                "job": job_id,
                "date": _day(when),
                "mode": mode,
                "outside_workplace": disclosure == "none" or rng.random() < 0.5,
                "with_employer": disclosure != "none" and rng.random() < 0.3,
                "note": _pick(rng, _FOLLOW_NOTES),
            },
            pid=pid,
        )


def _therapy_body(rng: random.Random, number: int, first: str) -> str:
    agenda = _pick(
        rng,
        (
            "gjennomgang av hjemmeoppgaven og forberedelse til jobbintervju",
            "tanker om å begynne i jobb og frykten for å ikke strekke til",
            "søvn og døgnrytme de siste ukene",
            "erfaringer fra første uke i den nye jobben",
            "tilbakefallsforebygging og veien videre",
        ),
    )
    thought = _pick(
        rng,
        (
            "«de kommer til å se at jeg ikke duger»",
            "«jeg blir aldri frisk nok til å jobbe»",
            "«alle andre klarer dette bedre enn meg»",
            "«hvis jeg gjør en feil, får jeg sparken»",
        ),
    )
    return (
        f"Time {number}. Agenda: {agenda}. {first} beskriver automatiske tanker som {thought}. "
        "Vi undersøkte bevis for og mot tanken og formulerte en mer balansert tanke. "
        + _pick(
            rng,
            (
                "Hjemmeoppgave: registrere tanker i situasjoner knyttet til jobbsøking.",
                "Hjemmeoppgave: gjennomføre første trinn i eksponeringsplanen to ganger.",
                "Hjemmeoppgave: aktivitetsregistrering og planlegging av hyggelige aktiviteter.",
            ),
        )
    )


def _participant(
    w: _Writer,
    index: int,
    seed: int,
    today: date,
    employers: list[_Employer],
    colleagues: tuple[list[str], list[str], list[str]],
    team: list[str],
    state: dict[str, bool],
    fake: Faker,
) -> None:
    journal = w.journal
    rng = random.Random(f"feltjournal-demo:{seed}:{index}")
    fake.seed_instance(seed * 1_000_003 + index)
    _, therapists, gps = colleagues
    other_specialists = [name for name in team if name != journal.user_name]

    female = rng.random() < 0.5
    first = fake.first_name_female() if female else fake.first_name_male()
    name = f"{first} {fake.last_name()}"
    born = today - timedelta(days=rng.randint(19 * 365, 62 * 365))
    age = (today - born).days // 365
    programme = _weighted(rng, (("IPS", 0.5), ("SFJ", 0.3), ("JMO", 0.2)))
    nav_office = _pick(rng, NAV_OFFICES)
    nav_counsellor = _person_name(fake)
    kind = {3: "declined", 11: "referred"}.get(index % 20, "enrolled")

    # Who works with the participant depends on the profile's role; these draws
    # come from their own stream so everything else is the same for every role.
    role_rng = random.Random(f"feltjournal-demo:{seed}:{index}:role")
    therapy = programme in ("SFJ", "JMO") or role_rng.random() < 0.25
    mine = role_rng.random() < 0.85
    colleague = _pick(role_rng, other_specialists)
    other_therapist = _pick(role_rng, therapists)
    if journal.is_therapist:
        job_specialist = colleague
        therapist = journal.user_name if therapy else None
    else:
        job_specialist = journal.user_name if mine else colleague
        therapist = other_therapist if therapy else None

    values: dict[str, Any] = {
        "name": name,
        "birth_date": _day(born),
        "phone": _mobile(rng),
        "programme": programme,
        "job_specialist": job_specialist,
        "therapist": therapist,
        "nav_office": nav_office,
        "nav_counsellor": nav_counsellor,
        "gp": _pick(rng, gps),
    }
    # The wishes for work are the career profile's (the overview shows them).
    rng.sample(_WORK_PREFERENCES, 2)  # drawn as before, so the rest of the demo stays put
    if rng.random() < 0.4:
        values["national_id"] = synthetic_identity_number(rng, born)

    source = (
        "self"
        if index % 7 == 5
        else _weighted(
            rng, (("gp", 0.3), ("nav", 0.45), ("self", 0.1), ("specialist_health", 0.15))
        )
    )

    if kind == "declined":
        received = today - timedelta(days=rng.randint(20, 400))
        reason = "not_ready" if not state.get("not_ready") else _pick(rng, _DECLINE_OTHER)
        state["not_ready"] = True
        pid = w.participant({**values, "status": "exited", "therapist": None})
        w.add(
            "referral",
            {
                "source": source,
                "received": _day(received),
                "decision": "declined",
                "decided": _day(received + timedelta(days=rng.randint(3, 14))),
                "decline_reason": reason,
            },
            pid=pid,
        )
        return
    if kind == "referred":
        pid = w.participant({**values, "status": "referred"})
        w.add(
            "referral",
            {
                "source": source,
                "received": _day(today - timedelta(days=rng.randint(1, 14))),
                "decision": "pending",
            },
            pid=pid,
        )
        return

    # ---- an enrolled participant
    days_in = rng.randint(20, 700)
    entry = today - timedelta(days=days_in)
    exited = days_in > 240 and rng.random() < 0.5
    exit_reason: str | None = None
    end = today
    if exited:
        end = entry + timedelta(days=rng.randint(180, min(days_in - 5, 540)))
        if rng.random() < 0.75:
            exit_reason = _weighted(rng, (("ordinary_work", 0.75), ("education", 0.25)))
        else:
            exit_reason = _pick(rng, ("dropped_out", "health", "moved", "supported_work", "other"))
    status = "exited" if exited else ("paused" if rng.random() < 0.08 else "active")
    disclosure = _weighted(rng, (("open", 0.4), ("partial", 0.3), ("none", 0.3)))
    p = _Person(
        "",
        first,
        entry,
        end,
        exited,
        exit_reason,
        disclosure,
        nav_office,
        nav_counsellor,
        therapy=therapy,
    )
    pid = w.participant({**values, "status": status})
    p.pid = pid

    received = entry - timedelta(days=rng.randint(7, 35))
    w.add(
        "referral",
        {
            "source": source,
            "received": _day(received),
            "decision": "accepted",
            "decided": _day(received + timedelta(days=rng.randint(1, 6))),
        },
        pid=pid,
    )
    w.add(
        "episode",
        {
            "entry": _day(entry),
            "exit": _day(end) if exited else None,
            "exit_reason": exit_reason,
        },
        pid=pid,
    )
    w.add("consent", {"scope": "nav", "given": _day(entry)}, pid=pid)
    if rng.random() < 0.8:
        w.add("consent", {"scope": "gp", "given": _day(entry)}, pid=pid)
    if rng.random() < 0.9:
        w.add("consent", {"scope": "central_reporting", "given": _day(entry)}, pid=pid)
    discussed = min(entry + timedelta(days=rng.randint(7, 30)), end)
    wording = {
        "open": "Kan fortelle at jeg har hatt psykiske helseplager og trenger tilrettelegging.",
        "partial": "Sier at jeg har vært borte fra arbeidslivet en periode på grunn av helse.",
        "none": "Vil ikke at arbeidsgiver skal vite om helse eller om IPS-oppfølgingen.",
    }[disclosure]
    w.add(
        "disclosure_plan",
        {
            "level": disclosure,
            "discussed": _day(discussed),
            "wording": wording,
            "follow_up_outside_workplace": disclosure == "none",
        },
        pid=pid,
    )
    w.add(
        "career_profile",
        {
            "version": 1,
            "updated": _day(min(entry + timedelta(days=rng.randint(7, 21)), end)),
            "interests": _pick(rng, _INTERESTS),
            "strengths": ", ".join(rng.sample(_STRENGTHS, 3)).capitalize() + ".",
            "education": _pick(rng, _EDUCATION if age >= 21 else _EDUCATION_YOUNG),
            "work_history": _work_history(rng, fake, born, today, employers),
            "preferences": " ".join(rng.sample(_WORK_PREFERENCES, 2)),
            "supports": _pick(rng, _SUPPORTS),
        },
        pid=pid,
    )
    targets = rng.sample(employers, min(len(employers), rng.randint(1, 3)))
    strategies = sorted(
        set(rng.sample(("own_network", "own_search", "specialist_contacts", "joint_visits"), 2))
        | {"specialist_contacts"}
    )
    w.add(
        "job_search_plan",
        {
            "strategies": strategies,
            "target_employers": [e.name for e in targets],
            "summary": (
                f"{first} ønsker å søke jobb innen {targets[0].sector}. "
                "Jobbspesialisten tar kontakt med arbeidsgivere; vi går på besøk sammen "
                "når det passer."
            ),
        },
        pid=pid,
    )
    _plan(w, rng, pid, targets[0].sector, entry, today)

    # ---- employer contacts in the first weeks (the four-week rule, met or not): most
    # meet their first employer face to face within weeks; a few who came in lately have
    # had no employer contact yet. Its own stream: the draws below stay the same.
    contact_rng = random.Random(f"feltjournal-demo:{seed}:{index}:contact")
    untouched = days_in <= 45 and contact_rng.random() < 0.4
    first_face = contact_rng.random() < 0.92
    contact_day = entry + timedelta(days=rng.randint(3, 50))
    for n in range(rng.randint(1, 4)):
        if contact_day > end:
            break
        emp = targets[n % len(targets)]
        mode = _weighted(
            rng, (("face_to_face", 0.7), ("phone", 0.2), ("email", 0.05), ("video", 0.05))
        )
        contact: dict[str, Any] = {
            "employer": emp.id,
            "date": _day(contact_day),
            "mode": "face_to_face" if n == 0 and first_face else mode,
            "purpose": "client_specific",
            "job_specialist": job_specialist,
            "participant_present": rng.random() < 0.35,
            "matches_preferences": rng.random() < 0.8,
            # The first meeting is about an ordinary job, as the rule counts it.
            "competitive_job": rng.random() < 0.9 or (n == 0 and first_face),
            "minutes": rng.choice((20, 30, 45, 60, 90)),
            "outcome": _pick(
                rng,
                (
                    f"Presenterte {first}s erfaring uten å nevne helse. Leder var interessert.",
                    "Avtalt intervju for en deltidsstilling neste uke.",
                    "Ingen ledige stillinger nå, men de tar kontakt ved behov.",
                    "Leder ønsker et møte med kandidaten neste uke.",
                )
                if disclosure == "none"
                else (
                    f"Presenterte {first} og hva hen ønsker å jobbe med.",
                    "Avtalt intervju for en deltidsstilling neste uke.",
                    "Ingen ledige stillinger nå, men de tar kontakt ved behov.",
                    "Leder ønsker et møte med kandidaten neste uke.",
                ),
            ),
            "next_step": _pick(rng, ("Følge opp om en uke", "Avtale intervju", "")),
        }
        if not untouched:
            w.add("employer_contact", contact, pid=pid)
        contact_day += timedelta(days=rng.randint(7, 40))

    # ---- a job (most who left for work, about half of the others after a while)
    wants_job = exit_reason == "ordinary_work" or (
        exit_reason is None and days_in > 90 and rng.random() < 0.45
    )
    if wants_job:
        latest = min(end - timedelta(days=7), today - timedelta(days=7))
        start = _between(rng, entry + timedelta(days=40), latest)
        emp = targets[0]
        code, title = _pick(rng, emp.jobs)
        ended = exit_reason is None and rng.random() < 0.15 and (today - start).days > 60
        job_end = _between(rng, start + timedelta(days=30), today) if ended else None
        p.job_start, p.job_employer, p.job_end = start, emp, job_end
        p.job_id = w.add(
            "job",
            {
                "employer": emp.id,
                "title": title,
                "occupation_code": code,
                "start": _day(start),
                "end": _day(job_end) if job_end else None,
                "hours_per_week": rng.choice((10.0, 15.0, 20.0, 22.5, 25.0, 30.0, 37.5)),
                # Leaving for ordinary work means a competitive job, seldom subsidised
                # (the draws come first, so the random stream stays the same).
                "competitive": rng.random() < 0.9 or exit_reason == "ordinary_work",
                "wage_subsidy": rng.random() < 0.25
                and (exit_reason != "ordinary_work" or index % 7 == 0),
                "end_reason": _pick(rng, _END_REASONS) if job_end else None,
            },
            pid=pid,
        )
        _follow_along(
            w,
            random.Random(f"feltjournal-demo:{seed}:{index}:follow"),  # its own stream
            (pid, p.job_id),
            start,
            min(job_end or today, end),
            today,
            disclosure,
            ended=job_end is not None and job_end <= end,
        )
        if disclosure != "none" or rng.random() < 0.3:
            withdraw = not state.get("withdrawn") and (today - start).days > 60
            state["withdrawn"] = state.get("withdrawn", False) or withdraw
            w.add(
                "consent",
                {
                    "scope": "employer",
                    "employer": emp.id,
                    "given": _day(start - timedelta(days=rng.randint(1, 20))),
                    "withdrawn": _day(start + timedelta(days=rng.randint(20, 60)))
                    if withdraw
                    else None,
                },
                pid=pid,
            )

    # ---- case notes
    topics = ["career"] + [
        _pick(rng, ("general", "job_search", "disclosure", "benefits", "nav_contact", "health"))
        for _ in range(rng.randint(3, 7))
    ]
    if p.job_start is not None:
        topics += ["follow_along"] * rng.randint(1, 2)
    dates = sorted(_between(rng, entry, end) for _ in topics)
    if p.job_start is not None:
        n_follow = topics.count("follow_along")
        dates = sorted(dates[: len(dates) - n_follow]) + sorted(
            _between(rng, p.job_start, end) for _ in range(n_follow)
        )
    for topic, when in zip(topics, dates, strict=True):
        w.add(
            "case_note",
            {
                "date": _day(when),
                "topic": topic,
                "title": _NOTE_TITLES[topic],
                "body": _note_body(rng, topic, p, employers),
            },
            pid=pid,
        )

    # ---- still looking: a recent employer contact whose next step has a date
    if status == "active" and p.job_start is None and days_in > 50:
        emp = _pick(rng, targets)
        recent = today - timedelta(days=rng.randint(0, 10))
        w.add(
            "employer_contact",
            {
                "employer": emp.id,
                "date": _day(recent),
                "mode": "face_to_face",
                "purpose": "client_specific",
                "job_specialist": job_specialist,
                "participant_present": rng.random() < 0.5,
                "matches_preferences": True,
                "competitive_job": True,
                "minutes": rng.choice((30, 45, 60)),
                "outcome": f"Leder vil gjerne møte {first}; de trenger folk fra neste måned.",
                "next_step": _pick(rng, ("Avtale intervju", "Ringe leder", "Sende CV")),
                "next_step_date": _day(recent + timedelta(days=rng.randint(3, 12))),
            },
            pid=pid,
        )
        # ... and now and then a job already agreed, starting within the week.
        if index % 10 == 4:
            code, title = _pick(rng, emp.jobs)
            p.job_start, p.job_employer = today + timedelta(days=rng.randint(1, 5)), emp
            p.job_id = w.add(
                "job",
                {
                    "employer": emp.id,
                    "title": title,
                    "occupation_code": code,
                    "start": _day(p.job_start),
                    "hours_per_week": rng.choice((15.0, 20.0, 25.0)),
                    "competitive": True,
                    "wage_subsidy": False,
                },
                pid=pid,
            )

    # ---- collaboration meetings about every three months
    when = entry + timedelta(days=rng.randint(14, 30))
    while when <= end:
        attendees = ["participant", "job_specialist", "nav"]
        if rng.random() < 0.5:
            attendees.append("gp")
        if therapist:
            attendees.append("therapist")
        w.add(
            "meeting",
            {
                "date": _day(when),
                "attendees": attendees,
                "goals": f"{first} ønsker jobb innen {targets[0].sector}, helst deltid i starten.",
                "milestones": _pick(
                    rng,
                    (
                        "CV ferdig, to arbeidsgiverbesøk gjennomført.",
                        "Intervju avtalt hos en arbeidsgiver; Nav vurderer lønnstilskudd.",
                        "Har vært i jobb i en måned, trives.",
                        "Pause i jobbsøkingen på grunn av helse; gjenopptas etter neste møte.",
                    ),
                ),
            },
            pid=pid,
        )
        when += timedelta(days=rng.randint(80, 100))

    # ---- the outcome six months after the first job start or the exit (whichever came
    # first), recorded within two weeks of that day: one due in the last two weeks may not
    # be recorded yet (overdue by days, and "missing" in the report). Its own random
    # stream: the draws above and below stay the same.
    anchors = [d for d in (p.job_start, end if exited else None) if d is not None]
    six = add_months(min(anchors), 6) if anchors else None
    six_rng = random.Random(f"feltjournal-demo:{seed}:{index}:six")
    if six is not None and (recorded := six + timedelta(days=six_rng.randint(0, 14))) <= today:
        in_work = (
            p.job_start is not None
            and p.job_start <= six
            and (p.job_end is None or six <= p.job_end)
        )
        in_school = exit_reason == "education" and end <= six
        if in_work or in_school:
            outcome = "work_or_education"
        elif exit_reason == "supported_work":
            outcome = "supported_work"
        else:
            outcome = "other"
        w.add("outcome_6m", {"date": _day(recorded), "status": outcome}, pid=pid)
    base = [rng.randint(2, 6) for _ in _ASSESSMENT_ITEMS]
    w.add(
        "self_assessment",
        {
            "kind": "start",
            "date": _day(min(entry + timedelta(days=7), end)),
            "scores": [
                {"item": item, "score": s} for item, s in zip(_ASSESSMENT_ITEMS, base, strict=True)
            ],
        },
        pid=pid,
    )
    if exited:
        w.add(
            "self_assessment",
            {
                "kind": "end",
                "date": _day(end),
                "scores": [
                    {"item": item, "score": min(10, s + rng.randint(0, 4))}
                    for item, s in zip(_ASSESSMENT_ITEMS, base, strict=True)
                ],
            },
            pid=pid,
        )

    if journal.is_therapist and p.therapy:
        _clinical(w, random.Random(f"feltjournal-demo:{seed}:{index}:clinical"), p, today)


def _plan(w: _Writer, rng: random.Random, pid: str, sector: str, entry: date, today: date) -> None:
    for order, (title, subs) in enumerate(rng.sample(_GOALS, 2)):
        gid = w.add(
            "goal",
            {"title": title.format(sector=sector), "order": order, **_health(title)},
            pid=pid,
        )
        for sub_order, (sub, actions) in enumerate(subs):
            sid = w.add("goal", {"title": sub, "order": sub_order, "parent_goal": gid}, pid=pid)
            for description, owner in rng.sample(actions, min(len(actions), rng.randint(1, 2))):
                due = entry + timedelta(days=rng.randint(14, 400))
                if due < today - timedelta(days=ACTION_LATE_DAYS):
                    status = _weighted(rng, (("done", 0.93), ("cancelled", 0.07)))
                elif due < today:  # due lately: not all done yet
                    status = _weighted(rng, (("done", 0.5), ("open", 0.5)))
                else:
                    status = "open"
                w.add(
                    "action",
                    {
                        "goal": sid,
                        "description": description,
                        "owner": owner,
                        "due": _day(due),
                        "status": status,
                        **_health(description),
                    },
                    pid=pid,
                )


def _clinical(w: _Writer, rng: random.Random, p: _Person, today: date) -> None:
    # A course of 5-15 planned sessions: weekly at first, then monthly; each session
    # carries the plan, its phase and (the last one held) the next session's date.
    sessions = max(5, min(15, round(rng.gauss(9, 2.5))))
    weekly = min(sessions, max(3, sessions // 2))
    when = p.entry + timedelta(days=rng.randint(7, 21))
    last = min(p.end, today)
    for number in range(1, sessions + 1):
        if when > last:
            break
        phase = "weekly" if number <= weekly else "monthly"
        after = when + timedelta(days=7 if number < weekly else 28)
        values: dict[str, Any] = {
            "date": _day(when),
            "number": number,
            "planned_sessions": sessions,
            "phase": phase,
            "body": _therapy_body(rng, number, p.first),
        }
        # The next appointment, as each note records it (the agenda reads the last one's).
        if number < sessions and (not p.exited or after <= p.end):
            values["next_session"] = _day(after)
        sid = w.add("therapy_session", values, pid=p.pid)
        if (today - when).days > 7 and rng.random() < 0.75:
            w.sign(sid)
        when = after
    for _ in range(rng.randint(1, 3)):
        situation, thought, body, behaviour, alternative = _pick(rng, _CBT_SITUATIONS)
        intensity = rng.randint(55, 95)
        w.add(
            "cbt_worksheet",
            {
                "date": _day(_between(rng, p.entry, last)),
                "situation": situation,
                "thought": thought,
                "feeling": _pick(rng, _FEELINGS),
                "intensity": intensity,
                "bodily_reaction": body,
                "behaviour": behaviour,
                "alternative_thought": alternative,
                "intensity_after": max(0, intensity - rng.randint(20, 50)),
            },
            pid=p.pid,
        )
    if rng.random() < 0.6:
        title, steps = _pick(rng, _EXPOSURE_PLANS)
        attempts: list[dict[str, Any]] = []
        day = _between(rng, p.entry, last)
        for step_index, (_step, expected) in enumerate(steps[: rng.randint(1, 4)]):
            for attempt in range(rng.randint(1, 3)):
                if day > last:
                    break
                peak = max(10, min(100, expected + rng.randint(-10, 15) - attempt * 10))
                attempts.append(
                    {
                        "step": step_index,
                        "date": _day(day),
                        "before": max(0, peak - rng.randint(10, 30)),
                        "peak": peak,
                        "after": max(0, peak - rng.randint(25, 50)),
                    }
                )
                day += timedelta(days=rng.randint(2, 7))
        w.add(
            "exposure_plan",
            {
                "title": title,
                "steps": [{"step": s, "expected_distress": d} for s, d in steps],
                "attempts": attempts,
            },
            pid=p.pid,
        )


# ------------------------------------------------------------------- public


def _remember_demo_team(journal: Journal, team: list[str], therapists: list[str]) -> None:
    """The demo's colleagues as the device directory would name them, so the window
    offers them as job specialists and therapists (app.operations.team); on a team
    lead's profile, one colleague works part time (caseload per FTE uses it)."""
    people = [TeamPerson(n, JOB_SPECIALIST, 1) for n in team if n != journal.user_name]
    people += [TeamPerson(n, THERAPIST, 1) for n in therapists if n != journal.user_name]
    people.append(TeamPerson(journal.user_name, journal.role, 1))
    store_settings.set_team_people(journal.store, encode_people(sorted(people, key=str)))
    if journal.role == TEAM_LEAD and journal.team_space is not None and len(team) > 1:
        set_fte(journal, job_specialist=team[1], fte=0.6)


def fill_demo(
    journal: Journal,
    *,
    participants: int = 40,
    seed: int = 7,
    today: date,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> DemoSummary:
    """Fill ``journal`` with a synthetic caseload; returns what was made.

    Steps: the team's employers (about ``participants / 2``, each with contact
    persons and job-development contacts) and activity log first, then one
    participant at a time with all their records. Each step is one
    transaction, so ``cancel`` (asked before every participant) stops cleanly
    with only whole participants written. ``progress(done, total)`` is called
    after every step; ``total`` is ``participants + 1``.
    """
    started = time.perf_counter()
    w = _Writer(journal)
    total = participants + 1
    # One Faker, re-seeded before each use: making one costs ~15 ms.
    fake = Faker(FAKER_LOCALE)
    colleagues = _colleagues(fake, seed)
    # The job specialists of the team: the user and two colleagues, or (on a
    # therapist's profile) three colleagues; always three, so the random draws
    # and thereby the data are the same whatever the role.
    specialists = colleagues[0]
    team = specialists if journal.is_therapist else [journal.user_name, *specialists[:2]]
    _remember_demo_team(journal, team, colleagues[1])
    if cancel is not None and cancel():
        return DemoSummary({}, 0, cancelled=True, seconds=time.perf_counter() - started)
    team_rng = random.Random(f"feltjournal-demo:{seed}:team")
    fake.seed_instance(seed * 7919 + 1)
    with journal.store.transaction():
        employers = _make_employers(w, team_rng, fake, max(3, participants // 2), today, team)
        _make_activities(w, team_rng, today, team)
    if progress is not None:
        progress(1, total)
    state: dict[str, bool] = {}
    done = 0
    if journal.role == TEAM_LEAD:
        with journal.store.transaction():
            _team_lead_records(journal, team_rng, today)
    cancelled = False
    for index in range(participants):
        if cancel is not None and cancel():
            cancelled = True
            break
        with journal.store.transaction():
            _participant(w, index, seed, today, employers, colleagues, team, state, fake)
        done += 1
        if progress is not None:
            progress(done + 1, total)
    return DemoSummary(
        dict(sorted(w.counts.items())),
        done,
        cancelled=cancelled,
        signed=w.signed,
        seconds=time.perf_counter() - started,
    )


def _team_lead_records(journal: Journal, rng: random.Random, today: date) -> None:
    """A team lead's own records: the last closed quarter's fidelity review, complete
    (the total shows a band), and the current quarter's, half done; and "health" left
    out of the into-work share besides moving away, as some teams agree with NAV."""

    def quarter(d: date) -> Period:
        return Period.quarter(d.year, (d.month - 1) // 3 + 1)

    this = quarter(today)
    last = quarter(this.start - timedelta(days=1))
    save_fidelity_review(
        journal, period=last, scores={k: rng.choice((3, 4, 4, 5)) for k in RATED_ITEMS}
    )
    half = RATED_ITEMS[: len(RATED_ITEMS) // 2]
    save_fidelity_review(journal, period=this, scores={k: rng.choice((3, 4, 5)) for k in half})
    set_nav_excluded_reasons(journal, reasons=["health"])


_BULK_SUFFIXES: Final = ("AS", "Bygg AS", "Lager AS", "Kafé", "Regnskap AS")
_BULK_ACTIONS: Final = tuple(sorted({a for actions in GOAL_ACTIONS.values() for a in actions}))


def _bulk_bodies(rng: random.Random, count: int) -> list[str]:
    """Note bodies of roughly 1 KB of Norwegian text."""
    sentences = [
        *(s for kind in _CBT_SITUATIONS for s in kind),
        *_INTERESTS,
        *_SUPPORTS,
        *_WORK_PREFERENCES,
        "Gikk gjennom stillingsannonser sammen og valgte ut to å søke på.",
        "Telefon med Nav-veileder om lønnstilskudd i oppstarten.",
        "Snakket om åpenhet overfor arbeidsgiver og hva som er greit å fortelle.",
        "Oppfølgingssamtale på kafé etter arbeidstid; trives i jobben.",
        "Gjennomgang av arbeidsavklaringspenger og inntekt fra deltidsjobb.",
    ]
    bodies = []
    for _ in range(count):
        parts: list[str] = []
        while len(" ".join(parts)) < 1000:
            parts.append(_pick(rng, sentences))
        bodies.append(" ".join(parts))
    return bodies


def fill_bulk(
    journal: Journal,
    *,
    participants: int = 2000,
    notes_per_participant: int = 45,
    sessions_per_participant: int = 9,
    seed: int = 7,
    today: date | None = None,
    batch: int = 25,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> DemoSummary:
    """A LARGE synthetic profile for BENCHMARKS only (default ≈ 100k records).

    Per participant: the participant, a referral, an episode, a consent, a
    career profile, a goal with an action, an employer contact and
    ``notes_per_participant`` case notes of about 1 KB each (plus
    ``sessions_per_participant`` therapy sessions on a therapist's profile);
    employers: one per ten participants. Records still go through the
    Journal API (validation, encryption, search index, audit), but ``batch``
    participants share one transaction (savepoints nest inside it), which
    avoids a commit per record. Texts are drawn from a small pool, so the
    data is far less varied than :func:`fill_demo`'s.
    """
    started = time.perf_counter()
    today = today or journal.today()
    rng = random.Random(f"feltjournal-bulk:{seed}")
    fake = Faker(FAKER_LOCALE)
    fake.seed_instance(seed)
    w = _Writer(journal)
    bodies = _bulk_bodies(rng, 300)
    first_names = [fake.first_name() for _ in range(200)]
    last_names = [fake.last_name() for _ in range(200)]
    used: set[str] = set()
    topics = ("general", "career", "job_search", "disclosure", "benefits", "nav_contact")
    employer_ids: list[str] = []
    with journal.store.transaction():
        for _ in range(max(5, participants // 10)):
            employer_ids.append(
                w.add(
                    "employer",
                    {
                        "org_number": synthetic_org_number(rng, used),
                        "name": f"{_pick(rng, last_names)} {_pick(rng, _BULK_SUFFIXES)}",
                        "industry": _pick(rng, [k[1] for k in _EMPLOYER_KINDS]),
                    },
                )
            )
    done = 0
    cancelled = False
    therapist = journal.is_therapist
    while done < participants:
        if cancel is not None and cancel():
            cancelled = True
            break
        with journal.store.transaction():
            for _ in range(min(batch, participants - done)):
                entry = today - timedelta(days=rng.randint(30, 700))
                born = today - timedelta(days=rng.randint(19 * 365, 62 * 365))
                values: dict[str, Any] = {
                    "name": f"{_pick(rng, first_names)} {_pick(rng, last_names)}",
                    "birth_date": _day(born),
                    "programme": _pick(rng, ("IPS", "SFJ", "JMO")),
                    "nav_office": _pick(rng, NAV_OFFICES),
                }
                if therapist:
                    values["therapist"] = journal.user_name
                if rng.random() < 0.3:
                    values["national_id"] = synthetic_identity_number(rng, born)
                pid = w.participant(values)
                received = entry - timedelta(days=rng.randint(7, 30))
                w.add(
                    "referral",
                    {"source": "nav", "received": _day(received), "decision": "accepted"},
                    pid=pid,
                )
                w.add("episode", {"entry": _day(entry)}, pid=pid)
                w.add("consent", {"scope": "nav", "given": _day(entry)}, pid=pid)
                w.add(
                    "career_profile",
                    {
                        "version": 1,
                        "updated": _day(entry),
                        "interests": _pick(rng, _INTERESTS),
                        "work_history": _pick(rng, bodies)[:400],
                    },
                    pid=pid,
                )
                gid = w.add("goal", {"title": "Komme i ordinært arbeid", "order": 0}, pid=pid)
                step = _pick(rng, _BULK_ACTIONS)
                w.add(
                    "action",
                    {
                        "goal": gid,
                        "description": step,
                        "due": _day(entry + timedelta(days=rng.randint(14, 200))),
                        "status": "open",
                        **_health(step),
                    },
                    pid=pid,
                )
                w.add(
                    "employer_contact",
                    {
                        "employer": _pick(rng, employer_ids),
                        "date": _day(entry + timedelta(days=rng.randint(3, 50))),
                        "mode": "face_to_face",
                        "purpose": "client_specific",
                        "minutes": 30,
                    },
                    pid=pid,
                )
                span = max(1, (today - entry).days)
                for n in range(notes_per_participant):
                    topic = _pick(rng, topics)
                    w.add(
                        "case_note",
                        {
                            "date": _day(
                                entry + timedelta(days=n * span // max(1, notes_per_participant))
                            ),
                            "topic": topic,
                            "title": _NOTE_TITLES[topic],
                            "body": _pick(rng, bodies),
                        },
                        pid=pid,
                    )
                if therapist:
                    for n in range(sessions_per_participant):
                        w.add(
                            "therapy_session",
                            {
                                "date": _day(entry + timedelta(days=7 * (n + 1))),
                                "number": n + 1,
                                "body": _pick(rng, bodies),
                            },
                            pid=pid,
                        )
                done += 1
        if progress is not None:
            progress(done, participants)
    return DemoSummary(
        dict(sorted(w.counts.items())),
        done,
        cancelled=cancelled,
        signed=w.signed,
        seconds=time.perf_counter() - started,
    )
