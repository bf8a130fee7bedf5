"""One configured Markdown dialect for all of focusbuild.

CommonMark plus tables, footnotes, definition lists and our `:::` blocks;
raw HTML is shown as text; links markdown-it considers unsafe
(`javascript:` …) stay plain text. Two parsers share the configuration and
the one `:::` grammar (`containers.py`): the leader parser keeps the blocks
for the leiding, the public parser skips them unread. The checker walks the
leader parser's tokens (`analyse`); nothing needs HTML to be checked.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from focusbuild.bible import Packed, Reference, unpack
from focusbuild.config import BibleLinks

if TYPE_CHECKING:  # markdown-it is loaded when a body is parsed, not by every command
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

    from focusbuild.markdown.containers import Problem
    from focusbuild.markdown.inline_refs import Found

LinkResolver = Callable[[str], str]


@dataclass(frozen=True)
class Analysis:
    """What the checker needs of a body: what it links to, what is wrong with its Bible
    references and its `:::` blocks; and the references it makes."""

    found: tuple[Found, ...]  # links, pictures and problems (the references are in `refs`)
    problems: tuple[Problem, ...] = ()
    hidden_blocks: int = 0  # `:::` blocks the public parser skips (0 in a public rendering)
    refs: tuple[Packed, ...] = ()  # the Bible references in running text, as `bible.pack`s
    #: A digest of the lines the public parser skips ("" when it skips none): when it is
    #: the same after an edit, the edit made no text leader-only (`serve` may then keep
    #: the last search index a moment longer).
    hidden_digest: str = ""

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(unpack(packed) for packed in self.refs)

    @property
    def public_differs(self) -> bool:
        """Whether the public rendering leaves something out (else both are the same)."""
        return self.hidden_blocks > 0


@dataclass(frozen=True)
class Rendered(Analysis):
    #: The HTML as UTF-8. A build keeps every rendering in memory, and Python holds text
    #: with any character beyond Latin-1 (’) at two bytes a character: as UTF-8 the
    #: renderings of 20,000 sections take half the memory. It also pickles as it is.
    utf8: bytes = b""

    @property
    def html(self) -> str:
        return self.utf8.decode("utf-8")


#: Dutch typographic quotes: “…” and ‘…’; editors type plain quotes.
QUOTES = "“”‘’"


#: A quote that starts a Dutch elision is an apostrophe, not an opening quote:
#: 's HEEREN, 't hert, 'k zal, 'n keer (before the quotes are paired).
_ELISION = re.compile(r"(?<![\w'’])'(?=(?:s|t|k|n)\b)")


def _quoted_texts(state: StateCore) -> Iterator[Token]:
    """The text tokens that still hold a plain single quote (never code)."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            yield from (c for c in token.children if c.type == "text" and "'" in c.content)


def elisions(state: StateCore) -> None:
    """Mark elisions as apostrophes first, so the quote pairing leaves them alone."""
    for text in _quoted_texts(state):
        text.content = _ELISION.sub("’", text.content)


def apostrophes(state: StateCore) -> None:
    """What the quote pairing left is an apostrophe: ’t, ’s, zo’n (never in code)."""
    for text in _quoted_texts(state):
        text.content = text.content.replace("'", "’")


#: What may stand before an opening quote (besides white space and the paragraph's start).
_BEFORE_OPENING = "([{–—-/"


def unpaired_quotes(state: StateCore) -> None:
    """A double quote the pairing left: opening after a space or at the paragraph's start,
    else closing. A quotation of several paragraphs opens in each and closes in the last
    ("Na mijn scheiding … / … blijft staan."), and its quotes stood straight."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        before = " "  # the start of the paragraph
        for child in token.children:
            if child.type in ("softbreak", "hardbreak"):
                before = " "
            elif child.type == "text" and '"' in child.content:
                out = []
                for char in child.content:
                    if char == '"':
                        opening = before.isspace() or before in _BEFORE_OPENING
                        char = QUOTES[0] if opening else QUOTES[1]
                    out.append(char)
                    before = char
                child.content = "".join(out)
            elif child.type in ("text", "text_special", "code_inline") and child.content:
                before = child.content[-1]  # an escape or entity is kept as the author wrote it


#: A time span ("10.00 – 10.20", "19:45 - 21:45") and a time with its "uur": kept on one
#: line. The dash allows a break after it even before a no-break space, so a word joiner
#: follows it: in a programme table on a phone "10.00", "–" and "10.20" stood on three lines.
_TIME = r"\d{1,2}[.:]\d{2}"
_TIME_SPAN = re.compile(rf"(?<![\d.:])({_TIME})[ \t]+[–-][ \t]+({_TIME})(?!\d|[.:]\d)")
_TIME_UUR = re.compile(rf"(?<![\d.:])({_TIME}) uur\b")
#: The word joiner: no break on either side, and no letter (plain text leaves it out).
WORD_JOINER = "\u2060"
#: What joins the two times of a span: no-break space, en dash, word joiner, no-break space.
SPAN_DASH = f"\u00a0–{WORD_JOINER}\u00a0"


def unbroken_times(text: str) -> str:
    """`text` with its time spans and "… uur" kept on one line (see `_TIME_SPAN`)."""
    if "." not in text and ":" not in text:
        return text
    text = _TIME_SPAN.sub(lambda m: m[1] + SPAN_DASH + m[2], text)
    return _TIME_UUR.sub(lambda m: m[1] + "\u00a0uur", text)


#: Whether a body holds a time span or "… uur" at all: one search of the whole body, so
#: the tokens of nearly every body are not walked (walking them cost 17 % of rendering).
_ANY_TIME = re.compile(r"[.:]\d\d(?:[ \t]+[–-][ \t]+\d| uur\b)")  # [.:] first: faster


def time_spans(state: StateCore) -> None:
    """Keep time spans on one line in the text (never in code)."""
    if not _ANY_TIME.search(state.src):
        return
    for token in state.tokens:
        # a paragraph (inline token) without one is passed by, children and all
        if token.type == "inline" and token.children and _ANY_TIME.search(token.content):
            for child in token.children:
                if child.type == "text":
                    child.content = unbroken_times(child.content)


#: The class of a paragraph written line by line (a prayer, a letter, a poem): print and
#: e-books keep it on one page, as it is read aloud without turning the page.
LINES = "regels"


#: The class of a paragraph that leads into what follows ("Een gebed om samen uit te
#: spreken (2 minuten):"): print keeps it on the page of what it introduces.
LEAD_IN = "aanloop"


def line_paragraphs(state: StateCore) -> None:
    """Mark a paragraph with line breaks of its own (`breaks`: every new line is one), and
    one that ends in a colon, leading into what follows."""
    breaks = ("softbreak", "hardbreak") if state.md.options.get("breaks") else ("hardbreak",)
    for token, inline in pairwise(state.tokens):
        if token.type != "paragraph_open" or token.hidden:
            continue
        if any(child.type in breaks for child in inline.children or ()):
            token.attrJoin("class", LINES)
        if inline.content.rstrip().endswith(":"):
            token.attrJoin("class", LEAD_IN)


def _make(links: BibleLinks, *, leader: bool, breaks: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    from focusbuild.markdown.containers import containers_plugin
    from focusbuild.markdown.inline_refs import bible_plugin

    options = {"html": False, "typographer": True, "quotes": QUOTES, "breaks": breaks}
    md = MarkdownIt("commonmark", options)
    md.enable(["table", "smartquotes"])
    md.core.ruler.before("smartquotes", "elisions", elisions)
    md.core.ruler.push("apostrophes", apostrophes)
    # before text_join: an escaped \" or &quot; is still its own token, and stays straight
    md.core.ruler.after("smartquotes", "unpaired_quotes", unpaired_quotes)
    md.core.ruler.push("line_paragraphs", line_paragraphs)
    md.use(footnote_plugin)
    md.use(deflist_plugin)
    containers_plugin(md, public=not leader)

    def link_for(ref: Reference) -> str:
        return ref.url(links.chapter, links.verse)

    bible_plugin(md, link_for)
    # after the references are found: "Lucas 15:11 - 15:32" is a passage, not a time span
    md.core.ruler.push("time_spans", time_spans)
    _resolving_links(md)
    return md


def _resolving_links(md: MarkdownIt) -> None:
    """Let the caller rewrite link targets (`.md` paths become page URLs)."""
    from markdown_it.renderer import RendererHTML

    renderer = md.renderer
    assert isinstance(renderer, RendererHTML)
    default_link = renderer.rules.get("link_open")
    default_image = renderer.rules.get("image")

    def link_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        resolve: LinkResolver | None = env.get("resolve_link")
        if resolve is not None and "bible" not in (token.meta or {}):
            token.attrSet("href", resolve(str(token.attrGet("href") or "")))
        if default_link is not None:
            return str(default_link(tokens, idx, options, env))
        return str(self.renderToken(tokens, idx, options, env))

    def image(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        resolve: LinkResolver | None = env.get("resolve_image")
        if resolve is not None:
            token.attrSet("src", resolve(str(token.attrGet("src") or "")))
        assert default_image is not None
        return str(default_image(tokens, idx, options, env))

    def table_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        # a table is as wide as its longest words: on a phone with large text it scrolls
        # in its own box, not the page (site.js lets a keyboard reach a box that scrolls)
        return '<div class="tabel-rol">\n' + str(self.renderToken(tokens, idx, options, env))

    def table_close(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return str(self.renderToken(tokens, idx, options, env)) + "</div>\n"

    md.add_render_rule("link_open", link_open)
    md.add_render_rule("image", image)
    md.add_render_rule("table_open", table_open)
    md.add_render_rule("table_close", table_close)


class Markdown:
    """The leader and public parsers for one configuration.

    `breaks`: a line break inside a paragraph stays one on the page. Content files are
    written a paragraph to a line; where an editor starts a new line inside a paragraph, it
    is meant: the lines of a prayer, an interview's question above its answer, a letter's
    greeting above the name (96 such paragraphs in the shipped content, none of them
    wrapped prose). Markdown kept in YAML (a gemeente's voorwoord, the FocusScan's
    guidance) is written as wrapped `|` blocks: there `breaks=False` joins the lines."""

    def __init__(self, links: BibleLinks, *, breaks: bool = True) -> None:
        self.links = links
        self.breaks = breaks

    @cached_property
    def _leader(self) -> MarkdownIt:  # made on first use: a build with nothing new parses nothing
        return _make(self.links, leader=True, breaks=self.breaks)

    @cached_property
    def _public(self) -> MarkdownIt:
        return _make(self.links, leader=False, breaks=self.breaks)

    def render(
        self,
        text: str,
        *,
        leader: bool,
        resolve_link: LinkResolver | None = None,
        resolve_image: LinkResolver | None = None,
        doc_id: str | None = None,
    ) -> Rendered:
        env: dict[str, Any] = {}
        if doc_id is not None:
            env["docId"] = doc_id  # prefixes footnote ids
        if resolve_link is not None:
            env["resolve_link"] = resolve_link
        if resolve_image is not None:
            env["resolve_image"] = resolve_image
        md = self._leader if leader else self._public
        tokens = md.parse(text, env)
        html = md.renderer.render(tokens, md.options, env)
        if not leader:
            from focusbuild.markdown.inline_refs import found_in, refs_in

            found = tuple(found_in(env))
            return Rendered(found, refs=tuple(refs_in(env)), utf8=html.encode("utf-8"))
        return Rendered(*_analysis(tokens, env, text), utf8=html.encode("utf-8"))

    def analyse(self, text: str) -> Analysis:
        """The leader parser's view of a body, without making any HTML."""
        env: dict[str, Any] = {}
        tokens = self._leader.parse(text, env)
        return Analysis(*_analysis(tokens, env, text))


def _analysis(
    tokens: list[Token], env: dict[str, Any], text: str
) -> tuple[tuple[Found, ...], tuple[Problem, ...], int, tuple[Packed, ...], str]:
    from focusbuild.markdown.containers import hidden_from_public, problems
    from focusbuild.markdown.inline_refs import found_in, refs_in

    hidden = [
        t for t in tokens if t.type == "container_open" and hidden_from_public(t.meta["name"])
    ]
    digest = ""
    if hidden:
        lines = text.split("\n")
        spans = (t.map or [0, len(lines)] for t in hidden)  # no place: the whole body
        skipped = "\n\x00".join("\n".join(lines[start:end]) for start, end in spans)
        digest = hashlib.blake2b(skipped.encode("utf-8"), digest_size=16).hexdigest()
    found, refs = tuple(found_in(env)), tuple(refs_in(env))
    return found, tuple(problems(tokens, text)), len(hidden), refs, digest
