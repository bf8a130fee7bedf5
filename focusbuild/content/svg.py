"""SVG pictures are documents a browser runs: a `<script>` in one runs when its address
is opened. Every SVG under content/ is read before it may be published, and one that
can run code or pull in other documents is an error at its line and column.

Read with the standard library's expat parser (the one defusedxml also builds on), with
entity declarations refused outright, so an entity bomb is an error, not a hang. Refused:
the elements script, foreignObject, iframe, embed and object; every `on…` attribute
(event handlers); and a javascript:, vbscript: or data:text/html address in any attribute
(a link, or an animation that sets one).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object"}
_ADDRESS = re.compile(r"(?:javascript|vbscript):|data:text/html", re.IGNORECASE)
#: Larger than any picture a booklet needs; a bigger SVG is refused unread.
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class SvgProblem:
    line: int
    column: int  # 1-based
    message: str


class _Refused(Exception):
    pass


def _local(name: str) -> str:
    """`{namespace} name` or `prefix:name` → name, lower case."""
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].casefold()


def problems(path: Path) -> list[SvgProblem]:
    """What makes an SVG unsafe to publish (empty: it is safe)."""
    if path.stat().st_size > MAX_BYTES:
        return [SvgProblem(1, 1, "SVG groter dan 5 MB; maak het kleiner of gebruik png")]
    parser = expat.ParserCreate(namespace_separator=" ")
    found: list[SvgProblem] = []

    def where() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def start(name: str, attributes: dict[str, str]) -> None:
        element = _local(name)
        if element in _ELEMENTS:
            found.append(SvgProblem(*where(), f"SVG met <{element}>: dat kan code uitvoeren"))
        for key, value in attributes.items():
            attribute = _local(key)
            if attribute.startswith("on"):
                found.append(
                    SvgProblem(*where(), f"SVG met '{attribute}=…': een script bij een gebeurtenis")
                )
            elif _ADDRESS.search("".join(value.split())):
                # in any attribute: an animation sets a link to it (<set attributeName="href"
                # to="javascript:…">, <animate values="…;javascript:…">)
                found.append(
                    SvgProblem(*where(), f"SVG met een link die code uitvoert: {value[:40]}")
                )

    def entity(*_: object) -> None:
        raise _Refused

    parser.StartElementHandler = start
    parser.EntityDeclHandler = entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        with path.open("rb") as file:
            parser.ParseFile(file)
    except _Refused:
        return [SvgProblem(*where(), "SVG met een <!ENTITY>-definitie; die worden geweigerd")]
    except expat.ExpatError as error:
        message = f"geen geldige SVG: {expat.errors.messages.get(error.code, 'onleesbaar')}"
        return [SvgProblem(error.lineno, error.offset + 1, message)]
    return found


def svg_files(content: Path) -> list[Path]:
    """Every .svg under `content`, without following symbolic links to folders."""
    found = []
    for folder, _, names in os.walk(content, followlinks=False):
        found += [Path(folder) / n for n in names if n.lower().endswith(".svg")]
    return sorted(found)
