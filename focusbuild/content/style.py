"""The house style, as far as a machine can check it (docs/huisstijl.md).

- **Placeholder text** never ships: an example.org address, "Vervang deze
  tekst", "Postbus 1234", "Voorbeeldstad", lorem ipsum. A warning, so
  `--strict` (and CI) fails on it.
- **One way of addressing the reader per text.** Material for a doelgroep
  addresses the reader as that doelgroep's `aanspreekvorm` in focus.yaml says
  (je for kring, jongeren, gezin and kinderen; u for vergaderopeningen); a
  text without a doelgroep (a free page) may choose, but not mix. God is
  addressed with capitals (U, Uw), so a lower-case "u" or "uw" is always the
  reader. Quotations (between quote marks), songs and block quotes are not
  counted: a Statenvertaling text says "u" whatever the style.
- **Letters the print fonts lack** (Hebrew, emoji): a warning at each run of them
  (`letters.py`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from focusbuild.cache import fingerprint
from focusbuild.config import Config, Vocabulary
from focusbuild.content.frontmatter import Document, remembering
from focusbuild.content.letters import letters_warnings
from focusbuild.diagnostics import Collector, Finding, position
from focusbuild.model import Section, Site

PLACEHOLDERS = re.compile(
    r"\bexample\.(?:org|com|net)\b|vervang deze tekst|postbus 1234|voorbeeldstad|lorem ipsum",
    re.IGNORECASE,
)
_PLACEHOLDER_WORDS = ("example.", "vervang deze tekst", "postbus 1234", "voorbeeldstad", "lorem")
#: The ways of addressing the reader: je, jij, jou, jouw, jezelf; u, uw, uzelf. Each
#: pattern starts with its first letter, not with `\b`: the regex engine finds a leading
#: letter with a fast scan, but tries a leading `\b` at every position, ten times slower
#: over a long body. `_words` adds the word boundary in front.
_INFORMAL = re.compile(r"j(?:ezelf|ouw|ou|ij|e)\b", re.IGNORECASE)
_FORMAL = re.compile(r"u(?:zelf|w)?\b")  # lower case: the reader, never God
_EITHER = re.compile(f"(?i:{_INFORMAL.pattern})|{_FORMAL.pattern}")
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|„[^”\n]*”|‘[^’\n]*’')
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Address:
    form: str  # "je" or "u"
    line: int  # 0-based in the body
    column: int  # 1-based


def _addresses(body: str, names: re.Pattern[str] | None = None, only: str = "") -> list[Address]:
    """Every way the text addresses the reader, outside quotations, songs, code and
    `names` (the titles of blokken and gesprekken: "Jezus in jouw wereld" is a name).

    `only` ("je" or "u"): look for that form alone. A text whose form is known is only
    searched for the other one, which is rare: one scan of the whole body finds the
    lines that hold it, and only those are looked at closely."""
    pairs = [(p, f) for p, f in ((_INFORMAL, "je"), (_FORMAL, "u")) if only in ("", f)]
    lines = body.split("\n")
    hits = _lines_with(_EITHER if len(pairs) == 2 else pairs[0][0], body, lines)
    if not hits:
        return []
    found = []
    song = fence = False
    for number, line in enumerate(lines):
        stripped = line.strip()
        if _FENCE.match(line):
            fence = not fence
            continue
        if stripped.startswith(":::"):
            song = stripped.lower().startswith("::: lied")
            continue
        if number not in hits or fence or song or stripped.startswith(">"):
            continue
        text = _QUOTED.sub(lambda m: " " * len(m.group()), line)
        if names is not None:
            text = names.sub(lambda m: " " * len(m.group()), text)
        for pattern, form in pairs:
            found += [Address(form, number, m.start() + 1) for m in _words(pattern, text)]
    return sorted(found, key=lambda a: (a.line, a.column))


def addressed_as(text: str) -> set[str]:
    """The ways ("je", "u") in which a text addresses its reader, as the house-style
    check counts them: none for a text that addresses no one."""
    return {address.form for address in _addresses(text)}


def _words(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` that begin a word, as a `\b` in front would demand."""
    for m in pattern.finditer(text):
        start = m.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            yield m


def _lines_with(pattern: re.Pattern[str], body: str, lines: list[str]) -> set[int]:
    """The (0-based) numbers of the lines in which `pattern` matches."""
    matches = list(_words(pattern, body))
    if not matches:
        return set()
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    return {bisect.bisect_right(starts, m.start()) - 1 for m in matches}


def _expected(config: Config, site: Site | None) -> dict[str, tuple[str, str]]:
    """Per file: the form its readers are addressed with, and for whom."""
    if site is None:
        return {}
    terms = config.doelgroepen
    default = terms.term(terms.default)
    found = {}
    for owner in site.owners:
        found[owner.source.rel] = (default.aanspreekvorm, default.naam)
    for gesprek in site.gesprekken():
        found[gesprek.source.rel] = (default.aanspreekvorm, default.naam)
        for section in gesprek.sections:
            found.update(_section_form(terms, section))
    if site.traject is not None and config.traject is not None:
        voor = config.traject.voor
        for bijeenkomst in site.traject.bijeenkomsten:
            audience = voor.term(bijeenkomst.voor)
            found[bijeenkomst.source.rel] = (audience.aanspreekvorm, audience.naam.lower())
            for part in bijeenkomst.parts:
                found[part.source.rel] = (audience.aanspreekvorm, audience.naam.lower())
                found.update(_section_form(terms, part))
    return found


def _names(site: Site | None) -> re.Pattern[str] | None:
    """The titles of the blokken, katernen and gesprekken that address someone."""
    if site is None:
        return None
    titles = [o.titel for o in site.owners] + [g.titel for g in site.gesprekken()]
    # by length, then by name: a set's order changes with the hash seed, and the pattern
    # is part of the key of the findings kept for the next build
    named = sorted({t for t in titles if next(_words(_EITHER, t), None)}, key=lambda t: (len(t), t))
    if not named:
        return None
    return re.compile("|".join(re.escape(t) for t in reversed(named)), re.IGNORECASE)


def _section_form(terms: Vocabulary, section: Section) -> dict[str, tuple[str, str]]:
    """A section's form, when all its doelgroepen agree on one."""
    forms = {terms.term(d).aanspreekvorm for d in section.doelgroepen}
    if len(forms) != 1:
        return {}
    return {section.source.rel: (forms.pop(), terms.term(section.doelgroepen[0]).naam)}


#: What a text's house style check found, by a digest of the text and of what the check
#: depends on. Under serve (`frontmatter.remember_parsed`) each text is looked at once:
#: after an edit the other files' warnings come from memory. A build keeps them for the
#: next one (`keep_findings`, cache/findings.py): after an edit to one of 228 long
#: sections the check looked at all 5.3 MB again, 0.12 s of a 0.87 s rebuild.
_SEEN: dict[str, list[Finding]] = {}
_SEEN_MAX = 50_000
_keeping = False  # this build keeps its findings (`keep_findings`)
_used: set[str] = set()  # the digests this keeping build looked up or added


def keep_findings(kept: dict[str, list[Finding]]) -> None:
    """From now until `kept_findings`: reuse the findings `kept` (from the last build)
    and keep every new one."""
    global _keeping
    _keeping = True
    _used.clear()
    for key, found in kept.items():
        _SEEN.setdefault(key, found)


def kept_findings() -> dict[str, list[Finding]]:
    """The findings of every text checked since `keep_findings`; keeping stops, and unless
    serve remembers them they are let go."""
    global _keeping
    found = {key: _SEEN[key] for key in sorted(_used) if key in _SEEN}
    _keeping = False
    _used.clear()
    if not remembering():
        _SEEN.clear()
    return found


def check_style(
    documents: list[Document],
    config: Config,
    site: Site | None,
    collector: Collector,
    letters: re.Pattern[str] | None,
) -> None:
    """Warnings for the house style; `letters` finds letters the print fonts lack
    (`letters.missing_letters`)."""
    expected = _expected(config, site)
    names = _names(site)
    remember = remembering() or _keeping
    if len(_SEEN) >= _SEEN_MAX:
        _SEEN.clear()
    shapes = (names.pattern if names else "", letters.pattern if letters else "")
    for doc in documents:
        form, who = expected.get(doc.rel, ("", ""))
        # what the findings depend on: the text, its place, the form it should address its
        # reader in, and the names and letters the check knows
        key = ""
        if remember:
            key = fingerprint.digest(doc.rel, form, who, *shapes, doc.head, doc.body)
        found = _SEEN.get(key) if remember else None
        if found is None:
            found = _style_of(doc, form, who, names, letters)
            if remember:
                _SEEN[key] = found
        if _keeping:
            _used.add(key)
        for line, column, message in found:
            collector.warning(doc.rel, line, column, message)


def _style_of(
    doc: Document,
    form: str,
    who: str,
    names: re.Pattern[str] | None,
    letters: re.Pattern[str] | None,
) -> list[Finding]:
    """What is wrong with one text's house style."""
    # the front matter and the body apart: joined, every file would be copied once more
    found = _placeholders(doc.head) + _placeholders(doc.body, doc.body_line)
    if letters is not None:
        found += letters_warnings(doc.head, letters) + letters_warnings(
            doc.body, letters, doc.body_line
        )
    other_form = {"je": "u", "u": "je"}.get(form, "")
    addresses = _addresses(doc.body, names, only=other_form)
    if not addresses:
        return found
    if form:
        wrong = addresses[0]
        # a prayer's "dank u" meant God: then it is a capital U
        god = "; bedoel je God, schrijf dan U met een hoofdletter" if wrong.form == "u" else ""
        found.append(
            (
                doc.body_line + wrong.line,
                wrong.column,
                f"deze tekst spreekt de lezer aan met '{wrong.form}', maar voor {who} "
                f"schrijven we '{form}'{god} (zie de huisstijl)",
            )
        )
    elif len({a.form for a in addresses}) > 1:
        first = addresses[0].form
        other = next(a for a in addresses if a.form != first)
        found.append(
            (
                doc.body_line + other.line,
                other.column,
                f"deze tekst spreekt de lezer eerst aan met '{first}' en hier met "
                f"'{other.form}'; kies één van beide (zie de huisstijl)",
            )
        )
    return found


def check_placeholders(path: Path, rel: str, collector: Collector) -> None:
    """Warn at every piece of placeholder text in a file read on its own (focus.yaml; the
    content's texts are looked at in `check_style`)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return  # reported when the file was read
    for line, column, message in _placeholders(text):
        collector.warning(rel, line, column, message)


def _placeholders(text: str, first_line: int = 1) -> list[Finding]:
    """The placeholder text in `text`, whose first line is line `first_line` of its file."""
    low = text.lower()
    if not any(word in low for word in _PLACEHOLDER_WORDS):
        return []  # the usual case, found by plain substring search (no regex over the file)
    found = []
    for m in PLACEHOLDERS.finditer(text):
        found.append(
            (
                *position(text, m.start(), first_line),
                f"tijdelijke tekst '{m.group()}': vervang die door echte inhoud "
                "(een voorbeeldadres of opvultekst mag niet mee naar de website)",
            )
        )
    return found
