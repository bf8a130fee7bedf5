"""The `:::` containers editors may use, and a scan that checks them.

- `::: handleiding` — leader-only text. The public parser skips these blocks
  before anything inside them is tokenised, so nothing (not even a footnote
  defined inside) can reach a public page or PDF.
- `::: lied Titel` — a printed song; every line break is kept.
- `::: opdracht Titel` — an activity box in children's and youth material.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

KNOWN = ("handleiding", "lied", "opdracht")
LEADER_LABEL = "Voor de leiding"

_OPEN = re.compile(r"^ {0,3}(:{3,})\s*(\S.*?)\s*$")
_CLOSE = re.compile(r"^ {0,3}(:{3,})\s*$")


@dataclass(frozen=True)
class ContainerProblem:
    line: int  # 0-based line in the Markdown body
    column: int
    message: str


def scan(body: str) -> list[ContainerProblem]:
    """Unknown container names and containers that are never closed."""
    problems: list[ContainerProblem] = []
    stack: list[tuple[int, str, int]] = []  # (line, name, colons)
    in_fence: str | None = None
    for number, line in enumerate(body.split("\n")):
        fence = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if fence:
            marker = fence.group(1)
            if in_fence is None:
                in_fence = marker
            elif marker[0] == in_fence[0] and len(marker) >= len(in_fence):
                in_fence = None
            continue
        if in_fence is not None:
            continue
        closing = _CLOSE.match(line)
        if closing and stack:
            if len(closing.group(1)) >= stack[-1][2]:
                stack.pop()
            continue
        opening = _OPEN.match(line)
        if opening:
            name = opening.group(2).split()[0]
            column = line.index(":") + 1
            if name not in KNOWN:
                lowered = name.lower()
                hint = f" (bedoelde je '{lowered}'?)" if lowered in KNOWN else ""
                problems.append(
                    ContainerProblem(
                        number,
                        column,
                        f"onbekend blok '::: {name}'{hint}; bekend zijn: {', '.join(KNOWN)}",
                    )
                )
            stack.append((number, name, len(opening.group(1))))
    for number, name, _ in stack:
        problems.append(
            ContainerProblem(number, 1, f"blok '::: {name}' is niet afgesloten met een regel ':::'")
        )
    return problems


def _skip_leader_blocks(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Public parser: consume a `::: handleiding` block and emit nothing."""
    pos = state.bMarks[start] + state.tShift[start]
    line = state.src[pos : state.eMarks[start]]
    m = re.match(r"^(:{3,})\s*handleiding(\s|$)", line)
    if m is None or state.sCount[start] - state.blkIndent >= 4:
        return False
    if silent:
        return True
    depth = 1
    colons = len(m.group(1))
    nxt = start + 1
    while nxt < end:
        text = state.src[state.bMarks[nxt] + state.tShift[nxt] : state.eMarks[nxt]]
        if re.match(r"^:{3,}\s*\S", text):
            depth += 1
        elif re.match(r"^:{3,}\s*$", text) and (depth > 1 or len(text.strip()) >= colons):
            depth -= 1
            if depth == 0:
                break
        nxt += 1
    state.line = min(nxt + 1, end)
    return True


def _title(tokens: list[Token], idx: int, name: str) -> str:
    return escapeHtml(tokens[idx].info.strip()[len(name) :].strip())


def _render_handleiding(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    if tokens[idx].nesting == 1:
        return (
            f'<div class="kader handleiding" role="note">'
            f'<p class="kader-label">{LEADER_LABEL}</p>\n'
        )
    return "</div>\n"


def _render_lied(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    if tokens[idx].nesting == 1:
        title = _title(tokens, idx, "lied")
        caption = f'<p class="lied-titel">{title}</p>\n' if title else ""
        return f'<div class="lied">\n{caption}'
    return "</div>\n"


def _render_opdracht(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    if tokens[idx].nesting == 1:
        title = _title(tokens, idx, "opdracht") or "Opdracht"
        return f'<div class="kader opdracht"><p class="kader-label">{title}</p>\n'
    return "</div>\n"


def _keep_song_lines(state: Any) -> None:
    """Inside `::: lied`, a line break in the source is a line break on the page."""
    depth = 0
    for token in state.tokens:
        if token.type == "container_lied_open":
            depth += 1
        elif token.type == "container_lied_close":
            depth -= 1
        elif depth and token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "softbreak":
                    child.type = "hardbreak"


def containers_plugin(md: MarkdownIt, *, leader: bool) -> None:
    if leader:
        container_plugin(md, "handleiding", render=_render_handleiding)
    else:
        md.block.ruler.before(
            "fence",
            "skip_handleiding",
            _skip_leader_blocks,
            {"alt": ["paragraph", "reference", "blockquote", "list"]},
        )
    container_plugin(md, "lied", render=_render_lied)
    container_plugin(md, "opdracht", render=_render_opdracht)
    md.core.ruler.push("keep_song_lines", _keep_song_lines)
