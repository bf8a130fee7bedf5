"""Markdown that looks fine in the editor but does not come out as the writer meant,
without any error from the parser: each gets a warning at its line and column.

- A link or picture whose address markdown-it refuses (file:, javascript:, vbscript:)
  is printed as its literal text, brackets and all.
- Block quotes and lists nested past the parser's limit (markdown-it's maxNesting, 20
  levels) lose their text: nothing below that depth reaches the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: markdown-it's maxNesting: from this many levels of quotes and lists the text is lost.
MAX_LEVELS = 19
_REFUSED = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?\s*((?:file|javascript|vbscript):)", re.IGNORECASE)
_LEVEL = re.compile(r"[ \t]{0,3}(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])")
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
#: A line as deep as the parser stops at: the first line, or one after a line break. A
#: pattern that starts with the line break is found with a fast scan for it; `^` with
#: MULTILINE is tried at every position (four times slower over a long body).
_DEEP_FIRST = re.compile(rf"(?:{_LEVEL.pattern}){{{MAX_LEVELS}}}")
_DEEP = re.compile(rf"\n(?:{_LEVEL.pattern}){{{MAX_LEVELS}}}")


@dataclass(frozen=True)
class Surprise:
    line: int  # 0-based in the body
    column: int  # 1-based
    message: str


def _outside_code(lines: list[str]) -> Iterator[tuple[int, str]]:
    fence: str | None = None
    for number, text in enumerate(lines):
        marker = _FENCE.match(text)
        if marker is not None and (fence is None or marker.group(1)[0] == fence[0]):
            fence = None if fence is not None else marker.group(1)
            continue
        if fence is None:
            yield number, text


def _depth(text: str) -> int:
    depth, at = 0, 0
    while (m := _LEVEL.match(text, at)) is not None:
        depth, at = depth + 1, m.end()
    return depth


def surprises(body: str) -> list[Surprise]:
    refused = "](" in body and _REFUSED.search(body) is not None
    deep = _DEEP_FIRST.match(body) is not None or _DEEP.search(body) is not None
    if not refused and not deep:  # nearly every body: no closer look
        return []
    found: list[Surprise] = []
    for number, text in _outside_code(body.split("\n")):
        for m in _REFUSED.finditer(text):
            what = "afbeelding" if m.group(1) else "link"
            found.append(
                Surprise(
                    number,
                    m.start() + 1,
                    f"{what} met een '{m.group(2).lower()}'-adres wordt niet gemaakt: de tekst "
                    "komt er letterlijk te staan; zet het bestand in content/ en verwijs ernaar",
                )
            )
        if _depth(text) >= MAX_LEVELS:
            found.append(
                Surprise(
                    number,
                    1,
                    f"citaten en lijsten zijn hier {MAX_LEVELS} of meer lagen diep: de tekst "
                    "vanaf deze diepte komt niet op de pagina",
                )
            )
            break  # one warning per body is enough
    return found
