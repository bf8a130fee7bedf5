"""Where a handleiding's registers split into two columns, chosen before typesetting.

With `columns: 2` WeasyPrint balances a list by laying it out again and again,
a little higher each time: the register page cost 0.6–0.8 s of CPU, a fifth of
a 45-page handleiding, and that handleiding is what a rebuild after an edit
waits for. The register's entries are short lines of known text, so the split
is estimated here from their lengths, and the two halves stand side by side
(a grid of two lists, read one after the other): 0.25–0.35 s, and the same
look. A list that might not fit the columns of one page gets no split and
keeps CSS columns, which continue on the next page.
"""

from __future__ import annotations

from collections.abc import Sequence

# characters on a line of one column, and lines in a column that surely fit a
# page, at the register's 9 pt: low, so that an estimate errs towards fitting
_LINE = {"A4": 44, "A5": 34}
_COLUMN = {"A4": 45, "A5": 30}


def split(texts: Sequence[str], formaat: str) -> int | None:
    """How many entries go into the first column, or None for CSS columns."""
    if not texts:
        return None
    width, height = _LINE.get(formaat, _LINE["A5"]), _COLUMN.get(formaat, _COLUMN["A5"])
    lines = [max(1, -(-len(text) // width)) for text in texts]
    total = sum(lines)
    first, best, tallest = 0, 1, total
    for count, entry in enumerate(lines[:-1], start=1):
        first += entry
        if max(first, total - first) <= tallest:  # on a tie the first column is fuller
            best, tallest = count, max(first, total - first)
    return best if tallest <= height else None
