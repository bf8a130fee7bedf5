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
    """Unknown, unclosed and stray containers, and nesting the parser would misread.

    This mirrors how the container plugin reads a body: outside a container a
    code fence hides everything in it; inside one, the first line of at least
    as many colons closes it, fence or not. An inner container therefore
    needs fewer colons than the one around it (`::::` outside, `:::` inside).
    """
    problems: list[ContainerProblem] = []
    stack: list[tuple[int, str, int]] = []  # (line, name, colons)
    in_fence: str | None = None
    fence_line = 0
    for number, line in enumerate(body.split("\n")):
        if not stack:
            fence = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
            if fence:
                marker = fence.group(1)
                if in_fence is None:
                    in_fence, fence_line = marker, number
                elif marker[0] == in_fence[0] and len(marker) >= len(in_fence):
                    in_fence = None
                continue
            if in_fence is not None:
                continue
        closing = _CLOSE.match(line)
        if closing:
            colons = len(closing.group(1))
            if stack and colons >= stack[-1][2]:
                while stack and colons >= stack[-1][2]:
                    stack.pop()
            elif not stack:
                problems.append(
                    ContainerProblem(
                        number, line.index(":") + 1, "losse ':::' zonder blok dat ermee begint"
                    )
                )
            continue
        opening = _OPEN.match(line)
        if opening:
            name = opening.group(2).split()[0]
            column = line.index(":") + 1
            colons = len(opening.group(1))
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
            if stack and colons >= stack[-1][2]:
                outer = stack[-1][1]
                problems.append(
                    ContainerProblem(
                        number,
                        column,
                        f"blok '::: {name}' staat binnen '::: {outer}' met evenveel dubbele "
                        f"punten; geef het buitenste blok er meer ('{':' * (colons + 1)} "
                        f"{outer}' … '{':' * (colons + 1)}')",
                    )
                )
            stack.append((number, name, colons))
    for number, name, _ in stack:
        problems.append(
            ContainerProblem(number, 1, f"blok '::: {name}' is niet afgesloten met een regel ':::'")
        )
    if in_fence is not None:  # it would run to the end, hiding every ':::' after it
        problems.append(
            ContainerProblem(
                fence_line,
                1,
                f"codeblok '{in_fence}' is niet afgesloten met een regel '{in_fence}'",
            )
        )
    return problems


def _skip_leader_blocks(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Public parser: consume a `::: handleiding` block and emit nothing.

    A closing line is recognised as the container plugin recognises it in the
    leader parser (unindented, at least as many colons, nothing else), and
    inner blocks are counted, so the public text hides at least everything
    the leader text puts in the box. Nesting the plugin would read otherwise
    is reported by `scan`.
    """
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    m = re.match(r"^(:{3,})\s*handleiding(\s|$)", state.src[pos : state.eMarks[start]])
    if m is None:
        return False
    if silent:
        return True
    colons = len(m.group(1))
    depth = 1
    nxt = start + 1
    while nxt < end:
        begin, finish = state.bMarks[nxt] + state.tShift[nxt], state.eMarks[nxt]
        if begin < finish and state.sCount[nxt] < state.blkIndent:
            break  # the parent (e.g. a list item) ends here, and so does the block
        text = state.src[begin:finish]
        unindented = state.sCount[nxt] - state.blkIndent < 4
        closing = re.match(r"^(:{3,})\s*$", text)
        if unindented and closing and (depth > 1 or len(closing.group(1)) >= colons):
            depth -= 1
            if depth == 0:
                nxt += 1
                break
        elif unindented and re.match(r"^:{3,}\s*\S", text):
            depth += 1  # an inner block: hide through its end as well (never less)
        nxt += 1
    state.line = nxt
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
