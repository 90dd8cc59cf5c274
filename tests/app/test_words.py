"""The field's words, the same on the screen, in the CSV import and in the README."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from app.portability import import_employer_contacts_csv
from tests.app.conftest import JournalFactory

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "resources" / "translations" / "feltjournal_nb.ts"


def _bokmal(context: str) -> dict[str, str]:
    tree = ET.parse(NB)
    out: dict[str, str] = {}
    for ctx in tree.getroot().iter("context"):
        if ctx.findtext("name") != context:
            continue
        for msg in ctx.iter("message"):
            out[msg.findtext("source") or ""] = msg.findtext("translation") or ""
    return out


def test_the_window_says_the_field_s_words() -> None:
    labels = _bokmal("Labels")
    assert labels["Action"] == "Steg"  # "tiltak" is NAV's word for labour-market measures
    assert labels["Case note"] == "Notat"
    assert labels["Self"] == "Selvhenvist"
    text = NB.read_text("utf-8")
    translations = re.findall(r"<translation>([^<]*)</translation>", text)
    assert [t for t in translations if re.search(r"troskap|tiltak", t, re.I)] == []
    assert any("modelltrofasthet" in t.lower() for t in translations)


def test_readme_csv_words_are_the_window_s_and_import(
    make_profile_journal: JournalFactory,
) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    modes = re.search(r"kontaktform ([^,;]+?), as the window", readme)
    purposes = re.search(r"formål ([a-zæøå]+), ([a-zæøå]+)", readme)
    assert modes is not None and purposes is not None
    face_to_face, *others = modes.group(1).split("/")
    labels = _bokmal("Labels")
    # The README's words are the window's, lower-cased.
    assert face_to_face == labels["Face to face"].lower() == "fysisk møte"
    assert purposes.group(2) == labels["Client specific"].lower() == "deltakerrettet"
    assert others == ["telefon", "e-post", "video"]
    csv = (
        "dato;organisasjonsnummer;arbeidsgiver;kontaktform;formål\n"
        f"03.11.2026;974760673;Bakeriet AS;{face_to_face};{purposes.group(2)}\n"
        "04.11.2026;974760673;Bakeriet AS;oppmøte;klientspesifikk\n"  # the old words
    )
    j = make_profile_journal()
    report = import_employer_contacts_csv(j, csv.encode("utf-8"))
    assert report.ok, report.messages()
    contacts = j.team_records("team_employer_contact")
    assert {(c.fields["mode"], c.fields["purpose"]) for c in contacts} == {
        ("face_to_face", "client_specific")
    }
    assert len(contacts) == 2
