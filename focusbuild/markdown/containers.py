"""The `:::` blocks editors may use: one grammar for rendering, checking and extraction.

- `::: handleiding` — text for the leiding only.
- `::: lied Titel` — a printed song; every line break is kept.
- `::: opdracht Titel` — an activity box in children's and youth material.

A block opens with a line of three or more colons and a name (any case),
and ends with a line of at least as many colons and nothing else. Blocks
nest: an inner block ends at the first closing line that has at least as
many colons as the inner block's own opening line. Code (fenced, or
indented four spaces) hides colon lines, as it hides everything.

`container_rule` is the only code that reads this syntax. The leader parser
turns each block into `container_open` / `container_close` tokens (their
`meta` says the name, whether the block was closed, and how many colons it
used), so the checker walks the same tokens the renderer renders. The public
parser runs the very same rule but skips the lines of every block that is
for the leiding, or that has a name nobody knows: they are never tokenised,
so nothing inside them (not even a footnote or a link definition) can reach
a public page, the search index or a public PDF. A name nobody knows is
also an error, so such a block never goes out as text either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.utils import is_code_block

LEADER = "handleiding"
KNOWN = (LEADER, "lied", "opdracht")
LEADER_LABEL = "Voor de leiding"

_COLONS = re.compile(r":{3,}")
_FENCE = re.compile(r"(`{3,}|~{3,})")


@dataclass(frozen=True)
class Opening:
    """What the first line of a block says."""

    colons: int
    written: str  # the name as written; "" for a line of colons only
    title: str

    @property
    def name(self) -> str:
        """The name that counts: case does not matter."""
        return self.written.casefold()


def _opening(text: str) -> Opening | None:
    """A line (without its indentation) that starts or ends a block, or None."""
    m = _COLONS.match(text)
    if m is None:
        return None
    rest = text[m.end() :].strip()
    name, _, title = rest.partition(" ")
    if "\t" in name:
        name, _, more = name.partition("\t")
        title = (more + " " + title).strip()
    return Opening(len(m.group()), name, title.strip())


def hidden_from_public(name: str) -> bool:
    """Whether a block's text stays out of public output: leader text, or a name we do
    not know (an error, which may well be a misspelt `handleiding`)."""
    return name == LEADER or name not in KNOWN


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _closes(fence: str, marker: str, rest: str) -> bool:
    """Whether a fence line `marker` + `rest` closes the code opened with `fence`."""
    return marker[0] == fence[0] and len(marker) >= len(fence) and not rest.strip()


def _closing_line(state: StateBlock, start: int, end: int, colons: int) -> tuple[int, bool]:
    """The line that closes the block opened at `start`, and whether there is one (else
    the block runs to the end of its parent, `end`). Inner blocks are counted, and lines
    inside fenced code are skipped."""
    inner: list[int] = []  # colons of the inner blocks still open
    fence: str | None = None
    line = start + 1
    while line < end:
        text = _line(state, line)
        if text and state.sCount[line] < state.blkIndent:
            break  # the parent (e.g. a list item) ends here
        if not text or is_code_block(state, line):
            line += 1
            continue
        marker = _FENCE.match(text)
        if fence is not None:
            if marker and _closes(fence, marker.group(), text[marker.end() :]):
                fence = None
            line += 1
            continue
        if marker:
            fence = marker.group()
            line += 1
            continue
        found = _opening(text)
        if found is not None and found.name:
            inner.append(found.colons)
        elif found is not None:  # a closing line
            if inner and found.colons >= inner[-1]:
                inner.pop()
            elif not inner and found.colons >= colons:
                return line, True
        line += 1
    return line, False


def container_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """The block rule for `:::` lines (see the module's docstring)."""
    if is_code_block(state, start):
        return False
    found = _opening(_line(state, start))
    if found is None:
        return False
    if silent:
        return True
    if not found.name:  # a closing line that closes nothing
        token = state.push("container_stray", "", 0)
        token.map = [start, start + 1]
        token.markup = ":" * found.colons
        token.block = True
        state.line = start + 1
        return True
    close, closed = _closing_line(state, start, end, found.colons)
    after = close + 1 if closed else close
    if state.md.options.get("public_only") and hidden_from_public(found.name):
        state.line = after  # not a single line of it is parsed
        return True
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType = "container"
    state.lineMax = close  # no lazy continuation past the closing line
    token = state.push("container_open", "div", 1)
    token.markup = ":" * found.colons
    token.block = True
    token.info = found.title
    token.map = [start, after]
    token.meta = {
        "name": found.name,
        "written": found.written,
        "title": found.title,
        "closed": closed,
    }
    state.md.block.tokenize(state, start + 1, close)
    token = state.push("container_close", "div", -1)
    token.block = True
    token.meta = {"name": found.name}
    state.parentType, state.lineMax = old_parent, old_max
    state.line = after
    return True


def _render_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    name, title = token.meta["name"], escapeHtml(token.meta["title"])
    if name == LEADER:
        return (
            f'<div class="kader handleiding" role="note">'
            f'<p class="kader-label">{LEADER_LABEL}</p>\n'
        )
    if name == "lied":
        caption = f'<p class="lied-titel">{title}</p>\n' if title else ""
        return f'<div class="lied">\n{caption}'
    if name == "opdracht":
        return f'<div class="kader opdracht"><p class="kader-label">{title or "Opdracht"}</p>\n'
    return "<div>\n"  # an unknown name: an error, never published


def _render_close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return "</div>\n"


def _render_nothing(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return ""


def _keep_song_lines(state: StateCore) -> None:
    """Inside `::: lied`, a line break in the source is a line break on the page."""
    songs = 0
    for token in state.tokens:
        if token.type in ("container_open", "container_close") and token.meta["name"] == "lied":
            songs += token.nesting
        elif songs and token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "softbreak":
                    child.type = "hardbreak"


def containers_plugin(md: MarkdownIt, *, public: bool) -> None:
    """The `:::` blocks; with `public`, blocks for the leiding are skipped unread."""
    md.options["public_only"] = public
    md.block.ruler.before(
        "fence",
        "container",
        container_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.add_render_rule("container_open", _render_open)
    md.add_render_rule("container_close", _render_close)
    md.add_render_rule("container_stray", _render_nothing)
    md.core.ruler.push("keep_song_lines", _keep_song_lines)


# -- what the checker needs to know -------------------------------------------------------

#: Colons (or characters that look like them) and a word: where that word is (nearly)
#: `handleiding`, the line looks like the start of a leader block.
_COLONS_AND_WORD = re.compile(r"[:：꞉∶﹕˸ː︰⁚]{2,}\s*(\w+)")


def _looks_leader(text: str) -> int | None:
    """The column (0-based) where a line seems to open a leader block, or None."""
    for m in _COLONS_AND_WORD.finditer(text):
        word = m.group(1).casefold()
        if word == LEADER or get_close_matches(word, [LEADER], n=1, cutoff=0.75):
            return m.start()
    return None


@dataclass(frozen=True)
class Problem:
    line: int  # 0-based line in the Markdown body
    column: int  # 1-based
    message: str


def problems(tokens: list[Token], body: str) -> list[Problem]:
    """What is wrong with the `:::` blocks of a body, from the leader parser's tokens.

    Also every line that looks like the start of a leader block but is none
    (inside code, indented too far, written with look-alike colons): its
    text would otherwise be published.
    """
    found: list[Problem] = []
    openers: set[int] = set()
    lines = body.split("\n")

    def column(line: int) -> int:
        text = lines[line] if line < len(lines) else ""
        return text.find(":") + 1 if ":" in text else 1

    for token in tokens:
        if token.map is None:
            continue
        line = token.map[0]
        if token.type == "container_stray":
            found.append(Problem(line, column(line), "losse ':::' zonder blok dat ermee begint"))
        elif token.type == "container_open":
            openers.add(line)
            name, written = token.meta["name"], token.meta["written"]
            if name not in KNOWN:
                close = get_close_matches(name, KNOWN, n=1)
                hint = f" (bedoelde je '{close[0]}'?)" if close else ""
                found.append(
                    Problem(
                        line,
                        column(line),
                        f"onbekend blok '{token.markup} {written}'{hint}; "
                        f"bekend zijn: {', '.join(KNOWN)}",
                    )
                )
            if not token.meta["closed"]:
                found.append(
                    Problem(
                        line,
                        column(line),
                        f"blok '{token.markup} {written}' is niet afgesloten met een regel "
                        f"'{token.markup}'",
                    )
                )
    for number, text in enumerate(lines):
        at = _looks_leader(text) if ":" in text or not text.isascii() else None
        if at is not None and number not in openers:
            found.append(
                Problem(
                    number,
                    at + 1,
                    "dit lijkt het begin van een blok '::: handleiding', maar is het niet "
                    "(staat het in een codeblok, te ver ingesprongen, of met andere tekens dan "
                    "':'?); de tekst eronder zou dan op de website komen",
                )
            )
    return sorted(found, key=lambda p: (p.line, p.column))
