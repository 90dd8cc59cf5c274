"""Update the .ts sources from ui/ and build the .qm catalogues; the same for the
command line's gettext catalogue (cli_nb.po → cli_nb.mo, from app/).

    python -m tools.translations          # lupdate + lrelease; cli_nb.po + cli_nb.mo
    python -m tools.translations --check  # exit 1 if any would change a file, or a
                                          # command-line string lacks its bokmål text

The English source strings live in the code; feltjournal_nb.ts carries the
bokmål translations, feltjournal_en.ts the English plural forms. The command line
(app/, no Qt) writes its English texts in tr()/trn()/mark()/mark_plural() of app.words;
cli_nb.po carries their bokmål texts.
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("nb", "en")


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 (it ships the Qt Linguist tools)")
    return found


# Words the window and the command line share, written once without Qt: both catalogues
# take their literals from QT_TRANSLATE_NOOP("Labels", …) there.
SHARED_SOURCES = ("app/domain/exit_reasons.py",)


def sources() -> list[str]:
    found = [str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py")]
    return sorted([*found, *SHARED_SOURCES])


def update(ts_dir: Path) -> None:
    ts_files = [str(ts_dir / f"feltjournal_{lang}.ts") for lang in LANGUAGES]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            *sources(),
            "-ts",
            *ts_files,
        ],
        cwd=ROOT,
        check=True,
    )


def release(ts_dir: Path, qm_dir: Path) -> None:
    for lang in LANGUAGES:
        subprocess.run(
            [
                _tool("pyside6-lrelease"),
                "-silent",
                str(ts_dir / f"feltjournal_{lang}.ts"),
                "-qm",
                str(qm_dir / f"feltjournal_{lang}.qm"),
            ],
            check=True,
        )


def check() -> list[str]:
    """Names of files that lupdate or lrelease would change."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        for lang in LANGUAGES:
            shutil.copy(TS_DIR / f"feltjournal_{lang}.ts", tmp_dir)
        update(tmp_dir)
        release(tmp_dir, tmp_dir)
        changed = []
        for lang in LANGUAGES:
            for ext in ("ts", "qm"):
                name = f"feltjournal_{lang}.{ext}"
                if not (TS_DIR / name).exists() or not filecmp.cmp(
                    TS_DIR / name, tmp_dir / name, shallow=False
                ):
                    changed.append(name)
        return changed


# ------------------------------------------------------------------ the command line's catalogue
#
# app/ prints through app.words (stdlib gettext): tr("English"), trn("one", "many", n) and
# mark("English") for tables. The bokmål texts live in cli_nb.po, compiled to cli_nb.mo.

CLI_LANGUAGE = "nb"
CLI_PO = TS_DIR / f"cli_{CLI_LANGUAGE}.po"
CLI_MO = TS_DIR / f"cli_{CLI_LANGUAGE}.mo"
CLI_CALLS = {"tr": 1, "mark": 1, "trn": 2, "mark_plural": 2}
# Command-line modules whose every bokmål literal must go through the catalogue.
CLI_STRICT = ("app/cli",)
PLACEHOLDER_NAMES = re.compile(r"\{(\w*)\}")
# argparse's own texts (app/cli/argwords.py) keep its %-placeholders: %(name)s, %s.
PERCENT_PLACEHOLDERS = re.compile(r"%\((\w+)\)[sr]|%[sr]")
PO_HEADER = (
    "Content-Type: text/plain; charset=UTF-8\n"
    f"Language: {CLI_LANGUAGE}\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


@dataclass(frozen=True)
class CliMessage:
    msgid: str
    plural: str | None
    where: str


def cli_sources() -> list[Path]:
    return sorted(p for p in (ROOT / "app").rglob("*.py"))


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def cli_messages() -> tuple[list[CliMessage], list[str]]:
    """Every tr/trn/mark text in app/, and the problems found (see :func:`scan_source`)."""
    found: list[CliMessage] = []
    problems: list[str] = []
    for path in cli_sources():
        more, wrong = scan_source(path.relative_to(ROOT).as_posix(), path.read_text("utf-8"))
        found += more
        problems += wrong
    return found, problems


def scan_source(rel: str, source: str) -> tuple[list[CliMessage], list[str]]:
    """The tr/trn/mark texts of one module, and its problems: a mark() or trn() without
    literal English texts, and in a command-line module (app/cli) a bokmål literal
    outside the catalogue. tr() of a variable translates a text mark() put there."""
    found: list[CliMessage] = []
    problems: list[str] = []
    tree = ast.parse(source)
    inside: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        if node.func.id == "QT_TRANSLATE_NOOP" and rel in SHARED_SOURCES:
            text = _literal(node.args[1]) if len(node.args) == 2 else None
            if text:
                found.append(CliMessage(text, None, rel))
            else:
                problems.append(f"{rel}:{node.lineno}: QT_TRANSLATE_NOOP() needs literal texts")
            continue
        count = CLI_CALLS.get(node.func.id)
        if count is None:
            continue
        texts = [_literal(a) for a in node.args[:count]]
        if not node.func.id.startswith("mark") and texts and texts[0] is None:
            continue  # tr(TABLE[key]): a text mark() put in the catalogue
        if len(texts) < count or any(not t for t in texts):
            problems.append(
                f"{rel}:{node.lineno}: {node.func.id}() needs its English text as a literal"
            )
            continue
        found.append(CliMessage(str(texts[0]), texts[1] if count == 2 else None, rel))
        for arg in node.args[:count]:
            inside.add(id(arg))
    if rel.startswith(CLI_STRICT):
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef)
            and n.body
            and isinstance(n.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            text = _literal(node) if isinstance(node, ast.expr) else None
            if text and re.search("[æøåÆØÅ]", text) and id(node) not in inside | docstrings:
                problems.append(
                    f"{rel}:{getattr(node, 'lineno', 0)}: bokmål text {text[:40]!r} "
                    "lacks its English text: write it in English inside tr() and "
                    f"translate it in {CLI_PO.name}"
                )
    return found, problems


def _po_quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _po_unquote(text: str) -> str:
    body = text.strip()[1:-1]
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append({"n": "\n", "t": "\t"}.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


@dataclass
class PoEntry:
    msgid: str
    plural: str | None = None
    forms: list[str] = field(default_factory=list)


def read_po(path: Path) -> dict[str, PoEntry]:
    """The entries of a .po file by msgid (the header entry left out)."""
    entries: dict[str, PoEntry] = {}
    if not path.exists():
        return entries
    current: PoEntry | None = None
    target: tuple[str, int] | None = None

    def close() -> None:
        if current is not None and current.msgid:
            entries[current.msgid] = current

    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            close()
            current = PoEntry(_po_unquote(line[6:]))
            target = ("msgid", 0)
        elif line.startswith("msgid_plural ") and current is not None:
            current.plural = _po_unquote(line[13:])
            target = ("plural", 0)
        elif line.startswith("msgstr") and current is not None:
            index = int(line[7]) if line.startswith("msgstr[") else 0
            while len(current.forms) <= index:
                current.forms.append("")
            current.forms[index] = _po_unquote(line.split(" ", 1)[1])
            target = ("msgstr", index)
        elif line.startswith('"') and current is not None and target is not None:
            more = _po_unquote(line)
            kind, index = target
            if kind == "msgid":
                current.msgid += more
            elif kind == "plural":
                current.plural = (current.plural or "") + more
            else:
                current.forms[index] += more
    close()
    return entries


def render_po(messages: list[CliMessage], old: dict[str, PoEntry]) -> str:
    """The .po for ``messages``, keeping what ``old`` had: grouped by the file a text
    first appears in, then in alphabetical order (so moving code within a file changes
    nothing)."""
    lines = ['msgid ""', 'msgstr ""']
    lines += [_po_quote(h + "\n") for h in PO_HEADER.splitlines()]
    first: dict[str, CliMessage] = {}
    for m in messages:
        first.setdefault(m.msgid, m)
    for m in sorted(first.values(), key=lambda m: (m.where, m.msgid)):
        before = old.get(m.msgid)
        forms = list(before.forms) if before else []
        lines.append("")
        lines.append(f"#: {m.where}")
        lines.append(f"msgid {_po_quote(m.msgid)}")
        if m.plural is not None:
            lines.append(f"msgid_plural {_po_quote(m.plural)}")
            forms = [*forms, "", ""][:2]
            lines += [f"msgstr[{i}] {_po_quote(f)}" for i, f in enumerate(forms)]
        else:
            lines.append(f"msgstr {_po_quote(forms[0] if forms else '')}")
    return "\n".join(lines) + "\n"


def compile_mo(entries: dict[str, PoEntry]) -> bytes:
    """A GNU .mo catalogue (what gettext.GNUTranslations reads) of the translated entries."""
    pairs: dict[bytes, bytes] = {b"": PO_HEADER.encode("utf-8")}
    for e in entries.values():
        if not all(e.forms) or not e.forms:
            continue
        key = e.msgid if e.plural is None else f"{e.msgid}\0{e.plural}"
        pairs[key.encode("utf-8")] = "\0".join(e.forms).encode("utf-8")
    keys = sorted(pairs)
    values = [pairs[k] for k in keys]
    count = len(keys)
    ids_at = 7 * 4 + 16 * count
    strs_at = ids_at + sum(len(k) + 1 for k in keys)
    table: list[int] = []
    for texts, at in ((keys, ids_at), (values, strs_at)):
        for text in texts:
            table += [len(text), at]
            at += len(text) + 1
    header = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    return (
        header
        + struct.pack(f"<{4 * count}I", *table)
        + b"".join(k + b"\0" for k in keys)
        + b"".join(v + b"\0" for v in values)
    )


def cli_problems(messages: list[CliMessage], entries: dict[str, PoEntry]) -> list[str]:
    """Strings without a bokmål text, or whose bokmål text lost a {placeholder}."""
    problems = []
    for m in messages:
        e = entries.get(m.msgid)
        forms = e.forms if e else []
        wanted = 1 if m.plural is None else 2
        if len(forms) < wanted or not all(f.strip() for f in forms[:wanted]):
            problems.append(f"{m.where}: {m.msgid!r} lacks its bokmål text in {CLI_PO.name}")
            continue
        names = _placeholders(m.msgid) | _placeholders(m.plural or "")
        for form in forms[:wanted]:
            if _placeholders(form) != names:
                problems.append(f"{m.where}: {m.msgid!r}: bokmål {form!r} has other placeholders")
    return problems


def _placeholders(text: str) -> set[str]:
    """{name}, and argparse's %(name)s / %s (as "%"): the conversion may differ."""
    return set(PLACEHOLDER_NAMES.findall(text)) | {
        name or "%" for name in PERCENT_PLACEHOLDERS.findall(text)
    }


def with_shared(messages: list[CliMessage], entries: dict[str, PoEntry]) -> dict[str, PoEntry]:
    """``entries`` with the bokmål of the shared words taken from the window's .ts, so that
    the two catalogues cannot come to say them differently."""
    ts = ElementTree.parse(TS_DIR / f"feltjournal_{CLI_LANGUAGE}.ts").getroot()
    window: dict[str, str] = {}
    for context in ts.iter("context"):
        if context.findtext("name") != "Labels":
            continue
        for message in context.iter("message"):
            text = message.find("translation")
            if text is not None and text.get("type") is None and text.text:
                window[message.findtext("source") or ""] = text.text
    shared = {
        m.msgid: PoEntry(m.msgid, None, [window.get(m.msgid, "")])
        for m in messages
        if m.where in SHARED_SOURCES
    }
    return {**entries, **shared}


def update_cli(po: Path, mo: Path) -> None:
    messages, _ = cli_messages()
    po.write_text(render_po(messages, with_shared(messages, read_po(po))), "utf-8")
    mo.write_bytes(compile_mo(read_po(po)))


def check_cli() -> list[str]:
    """What is wrong with the command line's catalogue (empty when nothing)."""
    messages, problems = cli_messages()
    entries = with_shared(messages, read_po(CLI_PO))
    problems += cli_problems(messages, entries)
    if not CLI_PO.exists() or CLI_PO.read_text("utf-8") != render_po(messages, entries):
        problems.append(f"out of date: {CLI_PO.name} (run python -m tools.translations)")
    if not CLI_MO.exists() or CLI_MO.read_bytes() != compile_mo(entries):
        problems.append(f"out of date: {CLI_MO.name} (run python -m tools.translations)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        changed = check()
        problems = check_cli()
        if changed:
            print("out of date: " + ", ".join(changed))
        for problem in problems:
            print(problem)
        return 1 if changed or problems else 0
    TS_DIR.mkdir(parents=True, exist_ok=True)
    update(TS_DIR)
    release(TS_DIR, TS_DIR)
    update_cli(CLI_PO, CLI_MO)
    problems = cli_problems(cli_messages()[0], read_po(CLI_PO)) + cli_messages()[1]
    for problem in problems:
        print(problem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
