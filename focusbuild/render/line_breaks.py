"""A WeasyPrint line-breaking fault, worked around: one word alone on a line.

WeasyPrint 70 fits a text on a line with Pango, then compares the width of
what Pango put on the line, trailing space included, to the room there is
(`split_first_line`, step 2). A text that ends with a space before an inline
element (a Bible reference is a link, a word may be in italics) and that fits
only without that space is taken for a text that cannot be broken earlier:
WeasyPrint then keeps its first word alone on the line and starts the rest on
the next. In the shipped PDFs this gave, among others, "In" alone above
"drie gesprekken kijken we eerst naar Jezus Zelf, ... (Zacheüs," (blok 1,
Inleiding voor wie leidt).

Where WeasyPrint's answer has that shape (a break after the first word of a
text that ends with a space), the text is fitted again without its trailing
spaces; if it fits, the text is laid out whole, as Pango found. The line then
breaks before the inline element that does not fit, as it does after any
other text. Any other answer is WeasyPrint's own.
"""

from __future__ import annotations

from math import inf
from typing import Any

from focusbuild.render.weasyprint_loader import weasyprint_inline

_ORIGINAL: Any = weasyprint_inline.split_first_line


def split_first_line(
    text: str,
    style: Any,
    context: Any,
    max_width: float | None,
    justification_spacing: float,
    is_line_start: bool = True,
    minimum: bool = False,
) -> Any:
    """WeasyPrint's `split_first_line`, without the lone first word (see above)."""
    rest = (justification_spacing, is_line_start, minimum)
    found = _ORIGINAL(text, style, context, max_width, *rest)
    resume = found[2]
    if (
        resume is None
        or max_width is None
        or max_width == inf
        or not text.endswith(" ")
        or style["white_space"] not in ("normal", "pre-line")
    ):
        return found
    first_word = text.lstrip(" ").split(" ", 1)[0]
    if resume > len(text.encode()) - len(text.lstrip(" ").encode()) + len(first_word.encode()) + 1:
        return found  # more than the first word on the line: not this fault
    bare = text.rstrip(" ")
    if " " not in bare.lstrip(" ") or "\n" in bare:
        return found  # one word, or lines of its own (pre-line)
    fits = _ORIGINAL(bare, style, context, max_width, *rest)
    if fits[2] is not None:
        return found  # the text without its space does not fit either: a real break
    return _ORIGINAL(text, style, context, inf, *rest)


def install() -> None:
    """Let WeasyPrint lay out lines with `split_first_line` in this process."""
    weasyprint_inline.split_first_line = split_first_line
