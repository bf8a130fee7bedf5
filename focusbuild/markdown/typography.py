"""Dutch typography for front-matter text: the same quotes as in the bodies.

Titles, summaries and song first lines are typed with plain quotes like the
bodies; `smart` runs them through markdown-it's own quote pairing (a parser
with nothing else enabled, so `*` or `[` stay as they are), and what is left
is an apostrophe: “Ziende op Jezus”, ’t Hijgend hert, zo’n.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from focusbuild.markdown import QUOTES, apostrophes, elisions

_QUOTES_ONLY = MarkdownIt("zero", {"typographer": True, "quotes": QUOTES})
_QUOTES_ONLY.enable("smartquotes")
_QUOTES_ONLY.core.ruler.before("smartquotes", "elisions", elisions)
_QUOTES_ONLY.core.ruler.push("apostrophes", apostrophes)


@lru_cache(maxsize=8192)
def smart(text: str) -> str:
    """`text` with Dutch quotes and apostrophes; nothing else changes."""
    if "'" not in text and '"' not in text:
        return text
    tokens = _QUOTES_ONLY.parseInline(text)
    children = tokens[0].children or []
    return "".join("\n" if c.type == "softbreak" else c.content for c in children)
