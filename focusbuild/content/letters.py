"""Letters the house fonts lack: a warning where a text uses them.

The PDFs and e-books are set in the print fonts (`layouts/print/fonts/`). A letter
that one of them lacks (Hebrew, an emoji, Greek with breathings in the serif) comes
from another font on the machine that typesets or reads it, or prints as an empty
box. `focusbuild check` warns at each run of such letters, at its line and column,
so an editor or a partner sees it before a kringleider does on paper.

Which characters every print font has is listed in `layouts/print/fonts/letters.txt`
(made from the fonts' character maps, and kept in step with them by a test): the
check reads that small text file instead of the fonts. Layouts without it are not
checked.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from focusbuild.diagnostics import Finding, position

FILE = "print/fonts/letters.txt"
#: Never drawn with a glyph: white space, control and format characters (soft hyphen,
#: zero-width joiners, direction marks, the byte order mark) and variation selectors.
_UNDRAWN = r"\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufe00-\ufe0f\ufeff"
#: At most this many warnings per text: a whole Hebrew paragraph is one problem.
MAX_PER_TEXT = 5


def missing_letters(layouts: Path) -> re.Pattern[str] | None:
    """A pattern that finds a run of characters the print fonts lack, or None when the
    layouts do not list the fonts' characters."""
    path = layouts / FILE
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    return _pattern(path, stamp)


@cache
def _pattern(path: Path, stamp: int) -> re.Pattern[str] | None:
    ranges = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        first, _, last = line.partition("-")
        try:
            low, high = int(first, 16), int(last or first, 16)
        except ValueError:
            return None  # not a list this understands: no check rather than a wrong one
        ranges.append(re.escape(chr(low)) + ("-" + re.escape(chr(high)) if high > low else ""))
    if not ranges:
        return None
    return re.compile(f"[^{_UNDRAWN}{''.join(ranges)}]+")


@cache
def _covers_latin1(pattern: re.Pattern[str]) -> bool:
    """Whether the fonts have every character of Latin-1 that is drawn."""
    return pattern.search("".join(map(chr, range(256)))) is None


def letters_warnings(text: str, pattern: re.Pattern[str], first_line: int = 1) -> list[Finding]:
    """The runs of letters the fonts lack in `text`, whose first line is `first_line`."""
    if _covers_latin1(pattern):
        try:
            text.encode("latin-1")  # most texts: a test in C, 30 times faster than the scan
            return []
        except UnicodeEncodeError:
            pass
    found: list[Finding] = []
    for m in pattern.finditer(text):
        if len(found) == MAX_PER_TEXT:
            break
        run = m.group()
        first = run[0]
        name = unicodedata.name(first, f"U+{ord(first):04X}").lower()
        found.append(
            (
                *position(text, m.start(), first_line),
                f"'{run[:20]}' ({name}{', …' if len(run) > 1 else ''}) staat niet in de "
                "letters van Focus: in de pdf's en e-books komt het uit een ander "
                "lettertype of als leeg hokje (zie de huisstijl: namen en woorden uit "
                "andere talen)",
            )
        )
    return found
