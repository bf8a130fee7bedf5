"""Characters a text never needs, that change what it shows or how it compares.

- control characters: a NUL reached a page's <title>, an escape showed as a box in a PDF;
- bidi overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069): "evil" showed
  as "live";
- a zero-width space or a byte-order mark: a pasted 'woensdag' with U+200B was no weekday.

Allowed: a tab and a line break, a soft hyphen, a no-break space, the word joiner, the
joiners of emoji, and the left-to-right and right-to-left marks that Hebrew or Arabic
names need (they mark a direction; they do not turn text around).

YAML values are refused with them (`yamlnodes.py`); the FocusScan's open answers, typed
by anyone, lose them (`scan/form.py`).
"""

from __future__ import annotations

import re

INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff]"  # half a character ("\ud800" in YAML): no file or page can hold it
)


def first_invisible(text: str) -> str | None:
    """The first such character in `text`, if any."""
    found = INVISIBLE.search(text)
    return found.group() if found is not None else None


def without_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)
