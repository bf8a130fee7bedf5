"""Dutch typography for front-matter text: the same quotes as in the bodies.

Titles, summaries and song first lines are typed with plain quotes like the
bodies; `smart` runs them through markdown-it's own quote pairing (a parser
with nothing else enabled, so `*` or `[` stay as they are), and what is left
is an apostrophe: “Ziende op Jezus”, ’t Hijgend hert, zo’n.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

from focusbuild.markdown import QUOTES, apostrophes, elisions, unpaired_quotes

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@cache
def _quotes_only() -> MarkdownIt:
    """The parser, made on first use (a build that reads no front matter needs none)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"typographer": True, "quotes": QUOTES})
    md.enable("smartquotes")
    md.core.ruler.before("smartquotes", "elisions", elisions)
    md.core.ruler.push("apostrophes", apostrophes)
    md.core.ruler.after("smartquotes", "unpaired_quotes", unpaired_quotes)
    return md


@lru_cache(maxsize=8192)
def smart(text: str) -> str:
    """`text` with Dutch quotes and apostrophes; nothing else changes."""
    if "'" not in text and '"' not in text:
        return text
    tokens = _quotes_only().parseInline(text)
    children = tokens[0].children or []
    return "".join("\n" if c.type == "softbreak" else c.content for c in children)
