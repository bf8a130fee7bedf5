"""`content/focusscan.yaml`: the questions of the FocusScan, read and checked.

The file is content like any other: `focusbuild check` reports every
mistake at its line and column. A scan keeps the text of the file as it was
when it was opened, and reads it again with `parse` (the form and the report
always show the questions that scan was opened with).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from focusbuild.content.frontmatter import read_text
from focusbuild.diagnostics import Collector, Severity
from focusbuild.fields import Fields
from focusbuild.yamlnodes import Node, parse_yaml

FILE = "focusscan.yaml"
#: At most this many open questions (the issue's limit: the scan must stay short).
MAX_OPEN = 3
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOP = ("titel", "inleiding", "schaal", "themas", "keuzes", "open", "bespreken")


@dataclass(frozen=True)
class Statement:
    id: str
    tekst: str


@dataclass(frozen=True)
class Theme:
    id: str
    naam: str
    uitleg: str | None
    stellingen: tuple[Statement, ...]


@dataclass(frozen=True)
class Choice:
    id: str
    vraag: str
    opties: tuple[str, ...]
    vergelijken: bool  # the report compares the groups of this question


@dataclass(frozen=True)
class Open:
    id: str
    vraag: str


@dataclass(frozen=True)
class Questionnaire:
    titel: str
    inleiding: str | None
    schaal: tuple[str, ...]  # the five labels of 1 … 5
    themas: tuple[Theme, ...]
    keuzes: tuple[Choice, ...]
    open: tuple[Open, ...]
    bespreken: str  # Markdown: how to discuss the report

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for theme in self.themas for s in theme.stellingen)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every question's id, as the form names its fields."""
        return (
            *(s.id for s in self.statements),
            *(c.id for c in self.keuzes),
            *(o.id for o in self.open),
        )

    @property
    def compared(self) -> Choice | None:
        """The question the report compares groups by (the age group)."""
        return next((c for c in self.keuzes if c.vergelijken), None)


def load(path: Path, rel: str, collector: Collector) -> Questionnaire | None:
    text = read_text(path, rel, collector)
    return parse(text, rel, collector) if text is not None else None


def parse(text: str, rel: str, collector: Collector) -> Questionnaire | None:
    """The questionnaire in `text`; None (with every problem reported) when it has errors."""
    errors = sum(1 for d in collector.items if d.severity is Severity.ERROR)
    node = parse_yaml(text, rel, collector)
    if node is None or not node.is_mapping:
        if node is not None:
            collector.error(rel, node.line, node.column, f"{FILE} is een lijst van sleutels")
        return None
    f = Fields(node, rel, collector, allowed=_TOP, required=("titel", "schaal", "themas"))
    seen: dict[str, Node] = {}
    scale = _scale(f)
    themes = tuple(_themes(f, seen))
    choices = tuple(_choices(f, seen))
    opens = tuple(_opens(f, seen))
    titel = f.text("titel")
    if sum(1 for d in collector.items if d.severity is Severity.ERROR) > errors or titel is None:
        return None
    return Questionnaire(
        titel, f.text("inleiding"), scale, themes, choices, opens, f.text("bespreken") or ""
    )


def _scale(f: Fields) -> tuple[str, ...]:
    items = f.strict_list("schaal") or []
    labels = tuple(str(item.value) for item in items)
    node = f.node_of("schaal")
    if node is not None and len(labels) != 5:
        f.error(
            node,
            f"'schaal' heeft vijf stappen (van helemaal oneens tot helemaal eens), "
            f"niet {len(labels)}",
        )
    return labels


def _id(entry: Fields, seen: dict[str, Node]) -> str | None:
    """An entry's `id`: lower case, unique in the whole file (it names a form field)."""
    value, node = entry.text("id"), entry.node_of("id")
    if value is None or node is None:
        return None
    if not _ID.match(value):
        entry.error(node, f"id '{value}' mag alleen kleine letters, cijfers en '-' bevatten")
        return None
    if value in seen:
        entry.error(
            node,
            f"id '{value}' staat al op regel {seen[value].line}; elke vraag heeft een eigen id",
        )
        return None
    seen[value] = node
    return value


def _themes(f: Fields, seen: dict[str, Node]) -> list[Theme]:
    found = []
    shape = "een thema heeft id, naam en stellingen"
    for entry in f.records(
        "themas",
        shape,
        allowed=("id", "naam", "uitleg", "stellingen"),
        required=("id", "naam", "stellingen"),
    ):
        theme_id, naam = _id(entry, seen), entry.text("naam")
        statements = []
        for item in entry.records(
            "stellingen",
            "een stelling is {id: …, tekst: …}",
            allowed=("id", "tekst"),
            required=("id", "tekst"),
        ):
            statement_id, tekst = _id(item, seen), item.text("tekst")
            if statement_id is not None and tekst is not None:
                statements.append(Statement(statement_id, tekst))
        if theme_id is not None and naam is not None:
            found.append(Theme(theme_id, naam, entry.text("uitleg"), tuple(statements)))
    return found


def _choices(f: Fields, seen: dict[str, Node]) -> list[Choice]:
    found = []
    compared: list[Node] = []  # every `vergelijken: true`, also of a choice with mistakes
    shape = "een keuzevraag heeft id, vraag en opties"
    for entry in f.records(
        "keuzes",
        shape,
        allowed=("id", "vraag", "opties", "vergelijken"),
        required=("id", "vraag", "opties"),
    ):
        vergelijken = bool(entry.boolean("vergelijken"))
        if vergelijken and (at := entry.node_of("vergelijken")) is not None:
            if compared:
                entry.error(
                    at,
                    "het rapport vergelijkt op één keuzevraag; 'vergelijken: true' staat al op "
                    f"regel {compared[0].line}",
                )
            compared.append(at)
        choice_id, vraag = _id(entry, seen), entry.text("vraag")
        options = tuple(str(item.value) for item in entry.strict_list("opties") or [])
        node = entry.node_of("opties")
        if node is not None and isinstance(node.value, list) and len(options) < 2:
            entry.error(
                node, f"een keuzevraag heeft ten minste twee opties, deze heeft er {len(options)}"
            )
        if choice_id is not None and vraag is not None and len(options) >= 2:
            found.append(Choice(choice_id, vraag, options, vergelijken))
    return found


def _opens(f: Fields, seen: dict[str, Node]) -> list[Open]:
    items = list(
        f.records(
            "open",
            "een open vraag is {id: …, vraag: …}",
            allowed=("id", "vraag"),
            required=("id", "vraag"),
        )
    )
    node = f.node_of("open")
    if node is not None and len(items) > MAX_OPEN:
        f.error(
            node, f"hoogstens {MAX_OPEN} open vragen, niet {len(items)}: de scan moet kort blijven"
        )
    found = []
    for entry in items:
        open_id, vraag = _id(entry, seen), entry.text("vraag")
        if open_id is not None and vraag is not None:
            found.append(Open(open_id, vraag))
    return found
