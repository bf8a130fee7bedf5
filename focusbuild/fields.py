"""Typed reading of YAML mappings, reporting every problem in Dutch.

Used for focus.yaml, liederen.yaml and every front matter block, so that a
wrong type reads the same everywhere: "'handleiding' moet true of false zijn".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from typing import Any

from focusbuild.diagnostics import Collector
from focusbuild.yamlnodes import Node, suggest

#: The years a date in the content may lie in (a gemeente's `startjaar` likewise).
YEARS = range(2000, 2101)

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_email(value: str) -> bool:
    """Whether `value` looks like one e-mail address (name@domein.nl)."""
    return bool(_EMAIL.match(value))


def describe(value: Any) -> str:
    """How a YAML value reads back to the editor."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "leeg"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een lijst van sleutels"
    if isinstance(value, bytes):
        return "binaire gegevens (!!binary)"
    return repr(str(value)) if isinstance(value, str) else str(value)


class Fields:
    """The keys of one mapping, checked against what is allowed and required."""

    def __init__(
        self,
        node: Node,
        path: str,
        collector: Collector,
        *,
        allowed: Iterable[str],
        required: Iterable[str] = (),
        where: str = "",
        missing_at: tuple[int, int] | None = None,
        hints: dict[str, str] | None = None,
    ) -> None:
        """`hints`: for a key that belongs elsewhere, what to say instead of a suggestion."""
        self.node = node
        self.path = path
        self.collector = collector
        self.values: dict[str, Node] = node.value if isinstance(node.value, dict) else {}
        allowed_list = list(allowed)
        for key in self.values:
            if key not in allowed_list:
                line, column = node.keys[key]
                collector.error(
                    path,
                    line,
                    column,
                    f"onbekende sleutel '{key}'{where}"
                    + (f"; {hints[key]}" if hints and key in hints else suggest(key, allowed_list)),
                )
        at = missing_at or (node.line, node.column)
        for key in required:
            if key not in self.values or self.values[key].value is None:
                collector.error(path, *at, f"verplichte sleutel '{key}' ontbreekt{where}")

    def has(self, key: str) -> bool:
        return key in self.values and self.values[key].value is not None

    def node_of(self, key: str) -> Node | None:
        return self.values.get(key)

    def error(self, node: Node, message: str) -> None:
        self.collector.error(self.path, node.line, node.column, message)

    def warning(self, node: Node, message: str) -> None:
        self.collector.warning(self.path, node.line, node.column, message)

    def text(self, key: str) -> str | None:
        node = self.values.get(key)
        if node is not None and node.value is None and node.comment:
            # the text was lost without a word: YAML read it as a comment
            self.warning(
                node,
                f"'{key}' is leeg: YAML leest '{node.comment}' als een notitie. Is het de "
                f'tekst? Zet hem dan tussen aanhalingstekens: {key}: "{node.comment}"',
            )
        if node is None or node.value is None:
            return None
        if isinstance(node.value, str):
            if not node.value.strip():
                self.error(node, f"'{key}' is leeg")
                return None
            return node.value.strip()
        hint = (
            " (zet de waarde tussen aanhalingstekens)"
            if not isinstance(node.value, list | dict)
            else ""
        )
        self.error(node, f"'{key}' moet tekst zijn, niet {describe(node.value)}{hint}")
        return None

    def integer(self, key: str, low: int | None = None, high: int | None = None) -> int | None:
        node = self.values.get(key)
        if node is None or node.value is None:
            return None
        return self.check_integer(node, key, low, high)

    def check_integer(
        self, node: Node, key: str, low: int | None = None, high: int | None = None
    ) -> int | None:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(node, f"'{key}' moet een heel getal zijn, niet {describe(value)}")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"van {low} tot en met {high}" if high is not None else f"vanaf {low}"
            self.error(node, f"'{key}' moet een getal {span} zijn, niet {value}")
            return None
        return value

    def boolean(self, key: str) -> bool | None:
        node = self.values.get(key)
        if node is None:
            return None
        if node.value is None:
            # "handleiding:" left empty (or "handleiding: # true") read as false published
            # a leader-only text: an empty switch is a mistake, never a silent no
            said = f" (YAML leest '{node.comment}' als een notitie)" if node.comment else ""
            self.error(node, f"'{key}' is leeg{said}; schrijf true of false")
            return None
        if isinstance(node.value, bool):
            return node.value
        self.error(node, f"'{key}' moet true of false zijn, niet {describe(node.value)}")
        return None

    def color(self, key: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        if not _COLOR.match(value):
            self.error(
                self.values[key], f"'{key}' moet een kleur als \"#1f6f8b\" zijn, niet '{value}'"
            )
            return None
        return value.lower()

    def url(self, key: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        if not re.match(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$", value):
            self.error(self.values[key], f"'{key}' moet een webadres zijn (https://…)")
            return None
        return value

    def date(self, key: str) -> datetime.date | None:
        """A calendar date, written as 2028-02-19, in the years a traject can have
        (`YEARS`): the feeds, calendars and newsletters count days and months from it."""
        node = self.values.get(key)
        if node is None or node.value is None:
            return None
        value = node.value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:  # quoted, as "20:00" must be: the same date
                value = datetime.date.fromisoformat(value)
            except ValueError:
                self.error(node, f"'{key}': de datum {value} bestaat niet")
                return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            if value.year not in YEARS:
                self.error(
                    node,
                    f"'{key}': {value.isoformat()} ligt niet tussen {YEARS.start} en "
                    f"{YEARS.stop - 1}",
                )
                return None
            return value
        self.error(node, f"'{key}' moet een datum zijn, zoals 2028-02-19, niet {describe(value)}")
        return None

    def email(self, key: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        if not is_email(value):
            self.error(self.values[key], f"'{key}' moet een e-mailadres zijn, niet '{value}'")
            return None
        return value

    def items(self, key: str) -> list[Node] | None:
        """A list value; a single scalar counts as a list of one."""
        node = self.values.get(key)
        if node is None or node.value is None:
            return None
        if isinstance(node.value, list):
            return list(node.value)
        if isinstance(node.value, dict):
            self.error(node, f"'{key}' moet een waarde of een lijst zijn")
            return None
        return [node]

    def records(
        self, key: str, shape: str, *, allowed: Iterable[str], required: Iterable[str] = ()
    ) -> Iterator[Fields]:
        """Each entry of the list `key`, a mapping checked like this one ("in 'key'");
        an entry that is no mapping is an error that says the `shape` it should have."""
        allowed, required = tuple(allowed), tuple(required)
        for item in self.strict_list(key) or []:
            if not item.is_mapping:
                self.error(item, shape)
                continue
            yield Fields(
                item,
                self.path,
                self.collector,
                allowed=allowed,
                required=required,
                where=f" in '{key}'",
            )

    def empty_list(self, key: str, what: str) -> None:
        """Report `key` written as an empty list (`[]`) as an error: where a list says
        where something goes (a section's onderdeel, an event's 'voor'), an empty one made
        it vanish without a word."""
        node = self.values.get(key)
        if node is not None and node.value == []:
            self.error(node, f"'{key}' is een lege lijst: noem ten minste één {what}")

    def strict_list(self, key: str) -> list[Node] | None:
        node = self.values.get(key)
        if node is None or node.value is None:
            return None
        if not isinstance(node.value, list):
            self.error(node, f"'{key}' moet een lijst zijn, niet {describe(node.value)}")
            return None
        return list(node.value)
