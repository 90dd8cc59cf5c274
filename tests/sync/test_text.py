"""Tests for the text CRDT wrapper, with Norwegian text."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycrdt import Doc, Text

from sync.text import BadTextUpdate, TextDoc, byte_to_char_offset, char_to_byte_offset

KARI = "Kari møtte arbeidsgiveren på kafé i Tromsø 🎉"
NOTE = (
    "Kari møtte arbeidsgiveren på kafé i Tromsø 🎉\n"
    "Hun ønsker deltid på lager, helst nær Ørsta.\n"
    "Neste samarbeidsmøte: Åse (Nav-veileder) og fastlegen."
)
ALPHABET = "aæøåÆØÅ 🎉e\u0301\n"

slow_ok = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def replica(state: bytes | None = None) -> TextDoc:
    return TextDoc.load(state)


def doc_with(text: str) -> TextDoc:
    doc = TextDoc.load()
    doc.edit_to(text)
    assert doc.text == text
    return doc


# --- the byte/character adapter ----------------------------------------------


def test_pycrdt_still_counts_text_positions_in_utf8_bytes() -> None:
    # The premise of the adapter: if pycrdt switches to code points, this fails first.
    doc: Doc[Text] = Doc()
    doc["t"] = text = Text("æøå")
    text.insert(2, "X")
    assert str(text) == "æXøå"
    assert len(text) == 7


@pytest.mark.parametrize(
    ("text", "index", "offset"),
    [
        ("", 0, 0),
        ("abc", 2, 2),
        ("æøå", 0, 0),
        ("æøå", 1, 2),
        ("æøå", 2, 4),
        ("æøå", 3, 6),
        ("ÆØÅ", 3, 6),
        ("a🎉b", 1, 1),
        ("a🎉b", 2, 5),  # the emoji is four bytes
        ("a🎉b", 3, 6),
        ("kafe\u0301 i", 4, 4),  # e + combining acute: two code points, 1 + 2 bytes
        ("kafe\u0301 i", 5, 6),
        ("Tromsø 🎉", 8, 12),
    ],
)
def test_char_to_byte_offset_table(text: str, index: int, offset: int) -> None:
    assert char_to_byte_offset(text, index) == offset
    assert byte_to_char_offset(text, offset) == index


@pytest.mark.parametrize(("text", "index"), [("æøå", -1), ("æøå", 4), ("", 1)])
def test_char_to_byte_offset_out_of_range(text: str, index: int) -> None:
    with pytest.raises(IndexError):
        char_to_byte_offset(text, index)


@pytest.mark.parametrize(("text", "offset"), [("æ", 1), ("a🎉", 2), ("a🎉", 3), ("a🎉", 4)])
def test_byte_offset_inside_a_character_is_refused(text: str, offset: int) -> None:
    with pytest.raises(ValueError, match="inside a multi-byte character"):
        byte_to_char_offset(text, offset)


@pytest.mark.parametrize(("text", "offset"), [("æ", -1), ("æ", 3)])
def test_byte_offset_out_of_range(text: str, offset: int) -> None:
    with pytest.raises(IndexError):
        byte_to_char_offset(text, offset)


@given(st.text(), st.data())
def test_offsets_round_trip(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(text)))
    offset = char_to_byte_offset(text, index)
    assert offset == len(text[:index].encode("utf-8"))
    assert byte_to_char_offset(text, offset) == index


# --- edit_to -----------------------------------------------------------------


@pytest.mark.parametrize(
    "new",
    [
        "I dag: " + KARI,  # insert at start
        KARI + " – det gikk bra",  # insert at end
        KARI.replace("på kafé", "på en kafé"),  # insert in the middle
        KARI.replace("møtte", "møtte igjen"),  # insert right after ø
        KARI.replace("Tromsø", "Tromsøya"),  # insert right after ø at a word end
        KARI.replace("på", "påå"),  # insert next to å
        KARI.replace(" 🎉", " 🎉🎉"),  # insert next to the emoji
        KARI.replace("🎉", "🎉 ✔"),
        KARI.replace("🎉", ""),  # delete the emoji
        KARI.replace("Kari ", ""),  # delete at start
        KARI.replace("møtte ", ""),  # delete in the middle
        KARI[:-1],  # delete the last (4-byte) character
        KARI.replace("ø", "o"),  # replace every ø
        KARI.replace("kafé", "kafe\u0301"),  # precomposed é to e + combining accent
        KARI.replace("arbeidsgiveren", "Åse fra Nav"),  # replace a word
        "Ærlig talt: ÆØÅ æøå",  # whole replacement
        "",  # to empty
    ],
)
def test_edit_to_round_trips(new: str) -> None:
    doc = doc_with(KARI)
    base = doc.state()
    update = doc.edit_to(new)
    assert update is not None
    assert doc.text == new
    other = replica(base)
    other.apply(update)
    assert other.text == new
    assert replica(doc.state()).text == new


def test_edit_from_empty() -> None:
    doc = TextDoc.load()
    assert doc.text == ""
    update = doc.edit_to(KARI)
    assert update is not None
    other = TextDoc.load()
    other.apply(update)
    assert other.text == KARI


def test_edit_to_same_text_returns_none() -> None:
    doc = doc_with(NOTE)
    assert doc.edit_to(NOTE) is None
    assert TextDoc.load().edit_to("") is None


def test_edit_to_many_successive_edits_keeps_every_replica_in_step() -> None:
    doc = doc_with(NOTE)
    other = replica(doc.state())
    rng = random.Random(4)
    for _ in range(60):
        text = doc.text
        at = rng.randrange(len(text) + 1)
        new = text[:at] + rng.choice(["æ", "ø", "å", "🎉", "e\u0301", " ord ", "\n"]) + text[at:]
        if len(new) > 20 and rng.random() < 0.4:
            cut = rng.randrange(len(new) - 5)
            new = new[:cut] + new[cut + rng.randint(1, 5) :]
        update = doc.edit_to(new)
        assert update is not None
        other.apply(update)
        assert doc.text == other.text == new


def test_edit_update_is_a_small_delta_not_the_whole_state() -> None:
    doc = doc_with(NOTE * 20)
    for i in range(30):
        doc.edit_to(doc.text.replace("Ørsta", f"Ørsta {i}", 1))
    update = doc.edit_to(doc.text + " Ny linje.")
    assert update is not None
    assert len(update) < 100 < len(doc.state())


def test_lone_surrogate_is_refused_before_anything_changes() -> None:
    doc = doc_with(KARI)
    with pytest.raises(UnicodeEncodeError):
        doc.edit_to(KARI + "\ud800")
    assert doc.text == KARI


@slow_ok
@given(st.text(alphabet=ALPHABET, max_size=40), st.text(alphabet=ALPHABET, max_size=40))
def test_edit_to_any_pair_of_texts(a: str, b: str) -> None:
    doc = TextDoc.load()
    doc.edit_to(a)
    assert doc.text == a
    base = doc.state()
    update = doc.edit_to(b)
    assert doc.text == b
    other = replica(base)
    assert other.text == a
    if a == b:
        assert update is None
    else:
        assert update is not None
        other.apply(update)
    assert other.text == b
    assert replica(doc.state()).text == b


@slow_ok
@given(st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=8))
def test_a_chain_of_edits_through_stored_states(texts: list[str]) -> None:
    doc = TextDoc.load()
    follower = TextDoc.load()
    for text in texts:
        update = doc.edit_to(text)
        if update is not None:
            follower.apply(update)
        doc = replica(doc.state())  # every edit in its own session, as in the app
        assert doc.text == follower.text == text


# --- apply: concurrency, order, duplicates -----------------------------------


def exchange(a: TextDoc, ua: bytes, b: TextDoc, ub: bytes, *, a_first: bool) -> None:
    if a_first:
        b.apply(ua)
        a.apply(ub)
    else:
        a.apply(ub)
        b.apply(ua)


@pytest.mark.parametrize("a_first", [True, False])
def test_concurrent_edits_to_different_paragraphs(a_first: bool) -> None:
    base = doc_with(NOTE).state()
    a, b = replica(base), replica(base)
    ua = a.edit_to(NOTE.replace("kafé i Tromsø", "kafé i Tromsø sentrum"))
    ub = b.edit_to(NOTE.replace("nær Ørsta.", "nær Ørsta eller Volda."))
    assert ua is not None and ub is not None
    exchange(a, ua, b, ub, a_first=a_first)
    assert a.text == b.text
    assert "Tromsø sentrum 🎉" in a.text
    assert "nær Ørsta eller Volda." in a.text


@pytest.mark.parametrize("a_first", [True, False])
def test_concurrent_edits_to_the_same_sentence_keep_both_words(a_first: bool) -> None:
    base = doc_with(KARI).state()
    a, b = replica(base), replica(base)
    ua = a.edit_to(KARI.replace("møtte", "møtte endelig"))
    ub = b.edit_to(KARI.replace("på kafé", "på koselig kafé"))
    assert ua is not None and ub is not None
    exchange(a, ua, b, ub, a_first=a_first)
    assert a.text == b.text == "Kari møtte endelig arbeidsgiveren på koselig kafé i Tromsø 🎉"


@pytest.mark.parametrize("a_first", [True, False])
def test_concurrent_inserts_at_the_same_place_both_survive(a_first: bool) -> None:
    base = doc_with(KARI).state()
    a, b = replica(base), replica(base)
    ua = a.edit_to(KARI + " Åse var med.")
    ub = b.edit_to(KARI + " Øyvind var med.")
    assert ua is not None and ub is not None
    exchange(a, ua, b, ub, a_first=a_first)
    assert a.text == b.text
    assert "Åse var med." in a.text and "Øyvind var med." in a.text
    assert a.text.startswith(KARI)


@pytest.mark.parametrize("a_first", [True, False])
def test_insert_inside_a_concurrently_deleted_sentence_survives(a_first: bool) -> None:
    base = doc_with(NOTE).state()
    a, b = replica(base), replica(base)
    first_line = NOTE.split("\n")[0] + "\n"
    ua = a.edit_to(NOTE.replace(first_line, ""))
    ub = b.edit_to(NOTE.replace("på kafé", "på kafé «Ærlig»"))
    assert ua is not None and ub is not None
    exchange(a, ua, b, ub, a_first=a_first)
    assert a.text == b.text
    assert "«Ærlig»" in a.text
    assert "arbeidsgiveren" not in a.text


def test_duplicates_and_any_order_give_the_same_text() -> None:
    base = doc_with(NOTE).state()
    writers = [replica(base) for _ in range(3)]
    updates = []
    for i, (writer, word) in enumerate(zip(writers, ["æble", "øye", "ål"], strict=True)):
        lines = writer.text.split("\n")
        lines[i] += f" {word}"
        update = writer.edit_to("\n".join(lines))
        assert update is not None
        updates.append(update)
    texts = set()
    rng = random.Random(9)
    for _ in range(12):
        order = updates + rng.choices(updates, k=4)
        rng.shuffle(order)
        reader = replica(base)
        for update in order:
            reader.apply(update)
        texts.add(reader.text)
    assert len(texts) == 1
    (text,) = texts
    assert all(word in text for word in [" æble", " øye", " ål"])


def test_update_arriving_before_its_predecessor_survives_a_reload() -> None:
    # yrs leaves an update that waits for a missing earlier one out of get_update();
    # state() must keep it, or saving and reloading in between loses it for good.
    writer = TextDoc.load()
    u1 = writer.edit_to("Kari møtte ")
    u2 = writer.edit_to("Kari møtte arbeidsgiveren")
    assert u1 is not None and u2 is not None
    reader = TextDoc.load()
    reader.apply(u2)
    assert reader.text == ""
    assert reader.has_pending_updates
    reader = replica(reader.state())
    assert reader.has_pending_updates
    reader.apply(u1)
    assert reader.text == "Kari møtte arbeidsgiveren"
    assert not reader.has_pending_updates
    assert replica(reader.state()).text == "Kari møtte arbeidsgiveren"


def test_deletion_arriving_before_the_text_it_deletes_survives_a_reload() -> None:
    writer = TextDoc.load()
    u1 = writer.edit_to("Kari møtte arbeidsgiveren i Tromsø")
    u2 = writer.edit_to("Kari møtte arbeidsgiveren")
    assert u1 is not None and u2 is not None
    reader = TextDoc.load()
    reader.apply(u2)
    assert reader.has_pending_updates
    reader = replica(reader.state())
    reader.apply(u1)
    assert reader.text == "Kari møtte arbeidsgiveren"
    assert not reader.has_pending_updates


def test_state_round_trip_and_state_vector() -> None:
    doc = doc_with(NOTE)
    copy = replica(doc.state())
    assert copy.text == NOTE
    assert copy.state_vector() == doc.state_vector()
    assert TextDoc.load().state_vector() == b"\x00"


def test_state_is_compacted_after_deletes() -> None:
    # pycrdt collects deleted text by default: a long note cut down to a word
    # is stored as the word plus the ids of what was deleted.
    doc = doc_with("Kari møtte arbeidsgiveren. " * 200)
    long_state = len(doc.state())
    doc.edit_to("Kari")
    assert len(doc.state()) < 100 < long_state
    again = replica(doc.state())
    assert again.text == "Kari"
    assert again.state() == doc.state()


def test_each_loaded_doc_edits_under_its_own_client_id() -> None:
    # Two sessions opened from the same stored state: if they shared a Yjs client
    # id, their concurrent inserts would collide and one would be lost.
    base = doc_with(KARI).state()
    a, b = replica(base), replica(base)
    ua = a.edit_to(KARI + " A")
    ub = b.edit_to(KARI + " B")
    assert ua is not None and ub is not None
    a.apply(ub)
    b.apply(ua)
    assert a.text == b.text
    assert " A" in a.text and " B" in a.text
    assert a.state_vector() != replica(base).state_vector()


# --- bad input ---------------------------------------------------------------


SECRET = "Hemmelig: Kari har angst og tar medisin"


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x00",
        b"garbage",
        b"\xff" * 8,
        b"\x01\x01\x05\x00\x04",
        "æøå".encode(),
    ],
)
def test_garbage_update_raises_bad_text_update(garbage: bytes) -> None:
    doc = doc_with(KARI)
    before = doc.state()
    with pytest.raises(BadTextUpdate):
        doc.apply(garbage)
    assert doc.text == KARI
    assert doc.state() == before
    assert doc.edit_to(KARI + "!") is not None  # still usable


def test_bad_update_message_reveals_no_text() -> None:
    source = doc_with(SECRET)
    update = source.state()
    truncated = update[: len(update) - 4]
    with pytest.raises(BadTextUpdate) as info:
        TextDoc.load(truncated)
    error = info.value
    assert isinstance(error, ValueError)
    message = str(error)
    for word in ["Hemmelig", "Kari", "angst", "medisin"]:
        assert word not in message
    assert str(len(truncated)) in message
    assert error.__cause__ is None and error.__suppress_context__


def test_load_of_garbage_state_raises_bad_text_update() -> None:
    with pytest.raises(BadTextUpdate):
        TextDoc.load(b"\x07\x07\x07")


# --- three replicas, random schedules ----------------------------------------


BASE = "Kari møtte arbeidsgiveren på kafé i Tromsø 🎉\nØyvind og Åse ble med.\n"


def marker(serial: int) -> str:
    # Characters from the private-use area, two per marker and never reused: a diff
    # cannot build a marker out of text that was already there, so a marker only
    # breaks when an edit deletes or splits it on the replica that makes the edit.
    return chr(0xE000 + 2 * serial) + chr(0xE001 + 2 * serial)


edit_step = st.tuples(
    st.just("edit"),
    st.integers(min_value=0, max_value=2),  # replica
    st.sampled_from(["insert", "delete", "replace"]),
    st.floats(min_value=0, max_value=1),  # where
    st.integers(min_value=1, max_value=12),  # how much to delete
)
deliver_step = st.tuples(
    st.just("deliver"),
    st.integers(min_value=0, max_value=2),  # replica
    st.floats(min_value=0, max_value=1),  # which update
    st.booleans(),  # save and reload the replica afterwards
    st.just(0),
)


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(edit_step, deliver_step), max_size=40), st.randoms())
def test_three_replicas_converge_under_any_schedule(
    steps: list[tuple[str, int, object, object, int]], rng: random.Random
) -> None:
    base = doc_with(BASE).state()
    replicas = [replica(base) for _ in range(3)]
    updates: list[bytes] = []
    # Like the sync engine, deliver each update to a replica once by cursor, plus
    # stray duplicates: a replica that dropped an early arrival is not healed later.
    delivered: list[set[int]] = [set(), set(), set()]
    inserted: set[str] = set()
    broken: set[str] = set()
    for kind, who, a, b, c in steps:
        doc = replicas[who]
        if kind == "edit":
            assert isinstance(a, str) and isinstance(b, float)
            text = doc.text
            at = int(b * len(text))
            word = marker(len(inserted))
            if a == "insert":
                new = text[:at] + f" {word} " + text[at:]
            elif a == "delete":
                new = text[:at] + text[at + c :]
            else:
                new = text[:at] + word + text[at + c :]
            if a != "delete":
                inserted.add(word)
            broken |= {m for m in inserted if m in text and m not in new}
            update = doc.edit_to(new)
            assert doc.text == new
            if update is not None:
                delivered[who].add(len(updates))
                updates.append(update)
        elif updates:
            assert isinstance(a, float) and isinstance(b, bool)
            index = min(int(a * len(updates)), len(updates) - 1)
            doc.apply(updates[index])
            delivered[who].add(index)
            if b:
                replicas[who] = replica(doc.state())

    for i, doc in enumerate(replicas):
        order = [updates[k] for k in range(len(updates)) if k not in delivered[i]]
        if updates:
            order += rng.choices(updates, k=len(updates) // 2)
        rng.shuffle(order)
        for update in order:
            doc.apply(update)
            if rng.random() < 0.3:
                doc = replica(doc.state())
        replicas[i] = replica(doc.state())

    texts = {doc.text for doc in replicas}
    assert len(texts) == 1, "replicas diverged"
    (final,) = texts
    assert not any(doc.has_pending_updates for doc in replicas)
    for word in inserted - broken:
        assert word in final, "an inserted word that no edit removed was lost"

    states = [doc.state() for doc in replicas]
    for doc in replicas:
        for update in updates:
            doc.apply(update)
    assert all(doc.text == final for doc in replicas)
    assert [doc.state() for doc in replicas] == states


@pytest.mark.parametrize("a_first", [True, False])
def test_two_rewrites_of_one_sentence_both_survive_whole(a_first: bool) -> None:
    """A minimal character diff would keep the letters the two wordings share and lose
    them to the other rewrite ("etnærheller …"); a rewrite replaces its sentence whole."""
    note = "Første møte.\n\nKari vil jobbe på lager i Tromsø.\n\nNeste møte om to uker."
    base = doc_with(note).state()
    a, b = replica(base), replica(base)
    mine = "Kari ønsker deltid på et lager nær Tromsø sentrum."
    theirs = "Kari vil heller jobbe i butikk på Åsgårdstrand."
    ua = a.edit_to(note.replace("Kari vil jobbe på lager i Tromsø.", mine))
    ub = b.edit_to(note.replace("Kari vil jobbe på lager i Tromsø.", theirs))
    assert ua is not None and ub is not None
    exchange(a, ua, b, ub, a_first=a_first)
    assert a.text == b.text
    assert mine in a.text and theirs in a.text
    assert "jobbe på lager i Tromsø" not in a.text
    assert a.text.startswith("Første møte.\n\n") and a.text.endswith("Neste møte om to uker.")


def test_edits_in_other_sentences_stay_where_they_are() -> None:
    from sync.text import _diff

    note = "Første møte.\n\nKari vil jobbe på lager.\n\nNeste møte om to uker."
    edited = note.replace("vil jobbe", "vil gjerne jobbe").replace("om to", "om tre")
    ops = _diff(note, edited)
    # The insertion stays an insertion; the rewrite replaces only its own sentence.
    assert (1, "gjerne ") in ops
    assert (-1, "Neste møte om to uker.") in ops and (1, "Neste møte om tre uker.") in ops
    assert all(not (op == -1 and "Første" in chunk) for op, chunk in ops)
