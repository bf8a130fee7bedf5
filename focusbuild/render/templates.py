"""The Jinja2 environment for site and print layouts: autoescaped, strict, compiled once.

Compiling the templates takes about 0.1 s, as long as rendering the few
pages an edit changes; with a bytecode cache under OUTPUT/.cache/ each
template is compiled once until it is edited (Jinja checks its source).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Jinja2 and babel are loaded when a page is made, not by every command
    from jinja2 import Environment


def environment(
    folders: list[Path],
    compiled: Path | None = None,
    *,
    keep_trailing_newline: bool = False,
    autoescape: bool = True,
    reload: bool = True,
) -> Environment:
    """`autoescape=False` only for plain text (the text part of an e-mail), never HTML.
    `reload=False` for an environment that serves one build: a template is then not
    looked at again for every page that uses it (8 times a page, 8,232 times for the
    2,000-section corpus); a long-running server keeps seeing edited templates."""
    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

    cache = None
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
        cache = FileSystemBytecodeCache(str(compiled))
    env = Environment(
        loader=FileSystemLoader([str(folder) for folder in folders]),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
        bytecode_cache=cache,
        auto_reload=reload,
    )
    env.filters["duur"] = duration
    env.filters["datum"] = dutch_date
    return env


def site_templates(layouts: Path, compiled: Path | None) -> Environment:
    """The website's templates as its pages are rendered with them, before the page's
    globals are added; also what `warm_templates` compiles ahead into `compiled`, so that
    the code it keeps is the code the pages would compile (Jinja keys that code by
    template and source, not by the environment's options)."""
    return environment(
        [layouts / "site", layouts / "shared"], compiled, keep_trailing_newline=True, reload=False
    )


def dutch_date(day: datetime.date, pattern: str = "d MMMM y") -> str:
    """A date as Dutch readers write it: "9 oktober 2027" ("EEEE d MMMM": with the day)."""
    from babel.dates import format_date

    return format_date(day, format=pattern, locale="nl")


def duration(minutes: int) -> str:
    """A duration as a reader says it: "50 minuten", "1½ uur", "2 uur" (to the half hour),
    with a no-break space, so a narrow card never leaves the number on a line of its own."""
    if minutes < 90:
        return f"{minutes}\u00a0minuten"
    halves = round(minutes / 30)
    hours, half = divmod(halves, 2)
    return f"{hours}{'½' if half else ''}\u00a0uur"
