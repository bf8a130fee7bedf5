"""A core rule that links Bible references and records links, images and problems.

It runs after inline parsing, so references inside code spans, and text that
is already a link, are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from focusbuild.bible import Packed, Reference, find_references, pack
from focusbuild.markdown.containers import LEADER


@dataclass(frozen=True)
class Found:
    """Something found in the Markdown: its text and the body line (0-based) of its block."""

    kind: str  # "link", "image", "problem", "warning" (the references go to `refs_in`)
    text: str
    block_line: int
    message: str = ""
    leader: bool = False  # inside a `::: handleiding` block


#: The warning for a picture without a description: a screen reader says its file name.
NO_ALT = (
    "afbeelding zonder beschrijving: zet tussen de [ ] wat erop staat, voor wie hem niet "
    "ziet (![Jongeren rond de Bijbel](img/…))"
)

#: What a reference as written becomes: its link, its canonical spelling, its packed form.
_Linked = tuple[str, str, Packed]


def bible_plugin(md: MarkdownIt, link_for: Callable[[Reference], str]) -> None:
    # the same passages are cited again and again: each is linked and spelled once
    linked: dict[str, _Linked] = {}

    def link_of(text: str, reference: Reference) -> _Linked:
        found = linked.get(text)
        if found is None:
            found = linked[text] = (link_for(reference), str(reference), pack(reference))
        return found

    def rule(state: StateCore) -> None:
        found: list[Found] = state.env.setdefault("found", [])
        refs: list[Packed] = state.env.setdefault("refs", [])
        last_line = 0
        # the lines of the `::: handleiding` blocks: a token is the leiding's when its line
        # lies in one (by line, not by place among the tokens: a footnote written in a
        # block is moved to the end of the tokens, outside it)
        spans = [
            t.map
            for t in state.tokens
            if t.type == "container_open" and t.meta["name"] == LEADER and t.map
        ]
        for token in state.tokens:
            if token.map:
                last_line = token.map[0]
            if token.type != "inline" or not token.children:
                continue
            leader = any(start <= last_line < end for start, end in spans)
            token.children = _walk(token.children, last_line, (found, refs), link_of, leader)

    md.core.ruler.push("bible_refs", rule)


def _walk(
    children: list[Token],
    line: int,
    into: tuple[list[Found], list[Packed]],
    link_of: Callable[[str, Reference], _Linked],
    leader: bool,
) -> list[Token]:
    found = into[0]
    result: list[Token] = []
    in_link = 0
    for child in children:
        if child.type == "link_open":
            in_link += 1
            found.append(Found("link", str(child.attrGet("href") or ""), line, leader=leader))
        elif child.type == "link_close":
            in_link -= 1
        elif child.type == "image":
            src = str(child.attrGet("src") or "")
            found.append(Found("image", src, line, leader=leader))
            if not child.content.strip():  # markdown-it keeps the [text] as the alt
                found.append(Found("warning", src, line, NO_ALT, leader=leader))
        if child.type != "text" or in_link:
            result.append(child)
            continue
        result.extend(_split(child, line, into, link_of, leader))
    return result


def _split(
    token: Token,
    line: int,
    into: tuple[list[Found], list[Packed]],
    link_of: Callable[[str, Reference], _Linked],
    leader: bool,
) -> list[Token]:
    found, refs = into
    text = token.content
    matches = find_references(text)
    if not matches:
        return [token]
    out: list[Token] = []
    position = 0
    for m in matches:
        if m.reference is None:
            found.append(Found("problem", m.text, line, message=m.problem or "", leader=leader))
            continue
        href, canonical, packed = link_of(m.text, m.reference)
        refs.append(packed)
        if m.start > position:
            out.append(_text(text[position : m.start]))
        link = Token("link_open", "a", 1)
        link.attrs = {"href": href, "class": "bijbeltekst"}
        link.meta = {"bible": canonical}
        out.extend([link, _text(_bound(m.text)), Token("link_close", "a", -1)])
        position = m.end
    if position < len(text):
        out.append(_text(text[position:]))
    return out


#: A space in a reference that a line should not break at: before a number ("Lucas 5:16",
#: "3:16, 18") and after a book's leading number ("1 Korintiërs").
_BINDING_SPACE = re.compile(r"(?<=^\d) | (?=\d)")


def _bound(reference: str) -> str:
    """A reference as written, with no-break spaces where it should not break: on a phone
    "(Lucas" stood at a line's end and "5:16)" on the next."""
    return _BINDING_SPACE.sub("\u00a0", reference)


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def found_in(env: dict[str, Any]) -> list[Found]:
    found: list[Found] = env.get("found", [])
    return found


def refs_in(env: dict[str, Any]) -> list[Packed]:
    refs: list[Packed] = env.get("refs", [])
    return refs
