"""Diagnostics: one problem an editor can fix, with its place in a file."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

#: A problem found in a text before it has a file: line, column and message.
Finding = tuple[int, int, str]


def position(text: str, index: int, first_line: int = 1) -> tuple[int, int]:
    """The line (counted from `first_line`, the text's first line in its file) and the
    1-based column of `text[index]`."""
    return text.count("\n", 0, index) + first_line, index - text.rfind("\n", 0, index)


class Severity(enum.Enum):
    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at `path:line:column` (1-based; path relative to the project)."""

    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    message: str

    def human(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message}"

    def github(self) -> str:
        kind = "error" if self.severity is Severity.ERROR else "warning"
        return (
            f"::{kind} file={_gh_property(self.path)},line={self.line},col={self.column}"
            f"::{_gh_data(self.message)}"
        )


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


class Collector:
    """Gathers every diagnostic of a run; nothing stops at the first problem."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def error(self, path: str, line: int, column: int, message: str) -> None:
        self._items.append(Diagnostic(path, max(line, 1), max(column, 1), Severity.ERROR, message))

    def warning(self, path: str, line: int, column: int, message: str) -> None:
        self._items.append(
            Diagnostic(path, max(line, 1), max(column, 1), Severity.WARNING, message)
        )

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self._items.extend(items)

    @property
    def items(self) -> list[Diagnostic]:
        """Each once, the errors first (what stops the build), then the warnings, each by
        file and place: a partner's one error stood among 28 warnings about placeholder
        text of a new gesprek."""
        return sorted(set(self._items), key=lambda d: (d.severity is not Severity.ERROR, d))

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self._items)

    @property
    def error_count(self) -> int:
        return sum(1 for d in self._items if d.severity is Severity.ERROR)


def count(n: int, one: str, many: str) -> str:
    """'1 fout', '2 fouten'."""
    return f"{n} {one if n == 1 else many}"


def made_and_reused(made: int, total: int) -> str:
    """'(3 gemaakt, 186 hergebruikt)': what a build made again and what it reused."""
    return f"({made} gemaakt, {total - made} hergebruikt)"


def seconden(value: float) -> str:
    """A duration as Dutch readers write it: "37,4 s" (a decimal comma)."""
    return f"{value:.1f}".replace(".", ",") + " s"


def opsomming(words: Iterable[str]) -> str:
    """Words as Dutch lists them: "a", "a en b", "a, b en c"."""
    items = list(words)
    return " en ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def summary(items: Iterable[Diagnostic]) -> str:
    """A Dutch closing line: '2 fouten, 1 waarschuwing'."""
    items = list(items)
    errors = sum(1 for d in items if d.severity is Severity.ERROR)
    return ", ".join(
        [
            count(errors, "fout", "fouten"),
            count(len(items) - errors, "waarschuwing", "waarschuwingen"),
        ]
    )
