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

import html
import re
import unicodedata
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
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

#: What is not a plain letter or white space: what shows nothing (a soft hyphen, a
#: zero-width space) and a hyphen then no longer split a word.
_NOT_ASCII_LETTER = re.compile(r"[^a-z\s]+")
#: A character reference ("&colon;") or any one character.
_REFERENCE_OR_CHARACTER = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|\w{1,32});|.", re.S)
#: Markup and sentence signs that may stand before a word ("## Handleiding", "**Handleiding**",
#: "- [Handleiding](…)", "…, handleiding"); any other sign before it counts as a colon.
_MARKUP = "#*_>+-=~`|[](){}<>.,;!?'\"‘’“”„«»/\\–—…"
_LATIN = "A-Za-z0-9À-ÖØ-öø-ɏḀ-ỿ"
_SIGN = f"[^{_LATIN}\\s{re.escape(_MARKUP)}]"
#: Two or more signs (neither a Latin letter, a digit, white space nor markup: colons,
#: look-alikes, invisible characters) on one line with nothing but spaces and markup
#: between them; or a character reference. Where a body has neither, no line of it looks like the
#: start of a block: one fast scan of the body instead of a look at every line.
# possessive: signs and what may stand between them never overlap, and a line of 20 MB of
# colons took 6.4 s with backtracking kept for every colon (0.6 s without)
_SIGNS = re.compile(f"{_SIGN}(?:(?:[^\\S\\n]|[{re.escape(_MARKUP)}])*+{_SIGN})++|&#?\\w+;")
#: Letters that show nothing (Hangul and halfwidth fillers, the braille blank).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
#: Letters of other scripts that look like those of `handleiding` (Cyrillic, Greek,
#: Latin small capital and script forms), read as the letter they look like.
_LOOK_ALIKE_LETTERS = str.maketrans(
    {
        "\u0430": "a",  # Cyrillic а
        "\u0251": "a",  # Latin alpha ɑ
        "\u03b1": "a",  # Greek α
        "\u0501": "d",  # Cyrillic ԁ
        "\u0435": "e",  # Cyrillic е
        "\u03b5": "e",  # Greek ε
        "\u0261": "g",  # Latin script ɡ
        "\u04bb": "h",  # Cyrillic һ
        "\u0570": "h",  # Armenian հ
        "\u0456": "i",  # Cyrillic і
        "\u03b9": "i",  # Greek ι
        "\u0131": "i",  # dotless ı
        "\u04cf": "l",  # Cyrillic ӏ
        "\u0578": "n",  # Armenian ո
        "\u03b7": "n",  # Greek η
    }
)


def _shown(text: str) -> list[tuple[str, int]]:
    """What a line shows, with the column each character was typed at: a character
    reference becomes its character, compatibility forms their plain letter (NFKC: "："
    is ":", "ｈ" is "h"), a letter of another script that looks like a Latin one that
    letter, and what shows nothing is left out (a zero-width space, a joiner, a soft
    hyphen, a combining mark on nothing, a filler)."""
    shown: list[tuple[str, int]] = []
    for m in _REFERENCE_OR_CHARACTER.finditer(text):
        typed = m.group()
        plain = unicodedata.normalize("NFKC", html.unescape(typed) if len(typed) > 1 else typed)
        for character in plain.translate(_LOOK_ALIKE_LETTERS):
            if unicodedata.category(character) in ("Cf", "Mn", "Me", "Cc"):
                continue
            if character not in _BLANK_LETTERS:
                shown.append((character, m.start()))
    return shown


def _is_word_character(character: str) -> bool:
    """A letter or digit of the Latin script, as `handleiding` and the words around it
    are written ("ꓽ", a Lisu letter, counts as a sign)."""
    if character.isascii():
        return character.isalnum()
    return character.isdigit() or unicodedata.name(character, "").startswith("LATIN")


@lru_cache(maxsize=16384)  # the same words come back text after text
def _like_leader(word: str) -> bool:
    """Whether a word is `handleiding`, or nearly (a typo)."""
    return word == LEADER or bool(get_close_matches(word, [LEADER], n=1, cutoff=0.75))


def _looks_leader(text: str) -> int | None:
    """The column (0-based) where a line seems to open a leader block, or None: a word
    that is (nearly) `handleiding` with at least two signs right before it that are not
    markup, read as the line shows (look-alike colons, invisible characters between
    them, `&colon;`): a reviewer reads such a line as a block for the leiding."""
    plain = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    words = set(_NOT_ASCII_LETTER.sub("", plain.casefold()).split())
    if not any(_like_leader(word) for word in words if 6 < len(word) < 19):
        return None  # no word like it in plain letters: not read character by character
    shown = _shown(text)
    characters = "".join(c for c, _ in shown)
    at = 0
    while at < len(characters):
        if not _is_word_character(characters[at]):
            at += 1
            continue
        end = at
        # a hyphen or dash inside the word ("hand-leiding") joins its parts
        while end < len(characters) and (
            _is_word_character(characters[end])
            or (
                characters[end] in "-‐‑–"
                and end + 1 < len(characters)
                and _is_word_character(characters[end + 1])
            )
        ):
            end += 1
        if _like_leader(re.sub("[-‐‑–]", "", characters[at:end]).casefold()):
            start = at
            while start > 0 and not _is_word_character(characters[start - 1]):
                start -= 1
            signs = [c for c in characters[start:at] if not c.isspace() and c not in _MARKUP]
            if len(signs) >= 2:
                first = next(i for i in range(start, at) if not characters[i].isspace())
                return shown[first][1]
        at = end
    return None


def _names_leader(title: str) -> bool:
    """Whether a block's title reads as the start of a leader block ("::: handleiding"),
    or is the word `handleiding` alone: the writer meant a block for the leiding."""
    if _looks_leader(title) is not None:
        return True
    return _like_leader("".join(c for c, _ in _shown(title)).strip().casefold())


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
            title = token.meta["title"]
            if name != LEADER and name in KNOWN and _names_leader(title):
                found.append(
                    Problem(
                        line,
                        column(line),
                        f"blok '{token.markup} {written}' met als titel '{title}' is een "
                        "openbaar blok; een blok voor de leiding begint met een eigen regel "
                        "'::: handleiding'",
                    )
                )
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
    looked: set[int] = set(openers)
    number, counted = 0, 0  # the line of the last match, and where it was counted to
    for m in _SIGNS.finditer(body):  # a fast scan: most bodies have no such signs
        number += body.count("\n", counted, m.start())
        counted = m.start()
        if number in looked:
            continue
        looked.add(number)
        at = _looks_leader(lines[number])
        if at is not None:
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
