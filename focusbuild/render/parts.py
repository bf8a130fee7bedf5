"""A long publication typeset part by part, so one edit typesets one gesprek again.

WeasyPrint takes 50–80 ms a page, and a build that changed one sentence
waited for the whole 45-page handleiding of its blok (3 s). The print
templates mark where a publication may be cut (`MARK`): after the table of
contents and between the gesprekken (the inleiding goes with the first
gesprek, the register and colofon with the last). Each part starts on a
right-hand page, so its layout does not depend on what comes before it:
only its page numbers do. A part is typeset as a document of its own, with
the page counter starting where the part starts, and kept by the hash of
its HTML and that start (`PartStore`); the parts are then joined
(`joining.py`).

The front part (cover and table of contents) comes last: its table of
contents needs the page of every anchor it links to, which the other
parts' PDFs give. The others need the front's page count, which is
guessed (what the last build found for the same front, else 4: the cover,
its blank back, the contents and a blank page) and checked; a wrong guess
costs one more round. After an edit to one gesprek every other part, the
front included, is found in the store: only that gesprek is typeset.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from focusbuild.cache import fingerprint
from focusbuild.cache.pdfs import PartStore
from focusbuild.render import joining

MARK = "<!--focusbuild:deel-->"
FRONT_GUESS = 4
ROUNDS = 3  # guesses of the front's length before the publication is typeset whole


@dataclass(frozen=True)
class Split:
    head: str  # the HTML up to and including <body ...>
    parts: tuple[str, ...]  # the body cut at each mark: the front first
    end: str  # </body></html>


def split(html: str) -> Split | None:
    """The publication cut at its marks, or None when it has none."""
    if MARK not in html:
        return None
    head, found, rest = html.partition("<body")
    opening, _, body = rest.partition(">")
    content, _, end = body.rpartition("</body>")
    if not found or not end:
        return None
    parts = tuple(content.split(MARK))
    return Split(f"{head}<body{opening}>", parts, f"</body>{end}")


_TOC_LINK = re.compile(r'<a href="#([^"]+)">')


def part_html(cut: Split, index: int, first_page: int, pages: dict[str, int]) -> str:
    """One part as a document of its own. Its page counter starts at `first_page`. The
    front part's table of contents gets the pages of its targets (`pages`) as text, and
    its links carry their targets' names, so WeasyPrint makes them links all the same
    (the joined PDF points them at the real targets)."""
    body = cut.parts[index]
    style = f"@page :first {{ counter-reset: page {first_page}; }}"
    if index == 0:
        targets = dict.fromkeys(_TOC_LINK.findall(body))
        body = _TOC_LINK.sub(lambda m: f'<a href="#{m[1]}" id="{m[1]}">', body)
        for target in targets:
            number = pages.get(target)
            content = f'leader(dotted) " {number}"' if number is not None else "none"
            style += f' .inhoud a[href="#{target}"]::after {{ content: {content}; }}'
    head = cut.head.replace("</head>", f"<style>{style}</style>\n</head>", 1)
    return head + body + cut.end


#: Typesets one document: its HTML to (PDF bytes, page count).
Typeset = Callable[[str], tuple[bytes, int]]


@dataclass(frozen=True)
class Joined:
    pdf: bytes
    pages: int
    keys: tuple[str, ...]  # the parts it was made of, and the front's page count


def typeset_in_parts(
    cut: Split,
    typeset: Typeset,
    store: PartStore,
    salt: str,
    fonts: Callable[[], dict[str, bytes]] | None = None,
) -> Joined | None:
    """The publication typeset part by part and joined; None when the front's length
    could not be settled or the parts not joined (the caller then typesets it whole).
    `fonts` gives the original fonts by name and version, once the parts are typeset
    (see `joining.join`)."""
    guess_key = fingerprint.digest(salt, "voor", cut.parts[0])
    remembered = store.get(guess_key, ".voor")
    front_pages = int(remembered) if remembered and remembered.isdigit() else FRONT_GUESS
    for _ in range(ROUNDS):
        keys = [guess_key]
        pieces: list[tuple[bytes, int]] = []
        pages: dict[str, int] = {}
        start = front_pages + 1
        for index in range(1, len(cut.parts)):
            key, pdf, count, anchors = _part(cut, index, start, {}, typeset, store, salt)
            keys.append(key)
            pieces.append((pdf, count))
            pages.update({name: start + page for name, page in anchors.items()})
            start += count + count % 2
        key, front, count, _ = _part(cut, 0, 1, pages, typeset, store, salt)
        keys.append(key)
        if count + count % 2 == front_pages:
            parts = [(front, count), *pieces]
            last = len(parts) - 1
            pieces_in_order = [
                joining.Part(pdf, n % 2 == 1 and i < last) for i, (pdf, n) in enumerate(parts)
            ]
            try:
                joined = joining.join(pieces_in_order, fonts() if fonts is not None else None)
            except Exception:
                # parts the joiner cannot read (a structure WeasyPrint did not write before)
                # must not fail the build: the caller typesets the publication whole
                return None
            total = sum(n + n % 2 for _, n in parts[:-1]) + parts[-1][1]
            return Joined(joined, total, tuple(keys))
        front_pages = count + count % 2
        store.put(guess_key, str(front_pages).encode("ascii"), ".voor")
    return None


def _part(
    cut: Split,
    index: int,
    first_page: int,
    pages: dict[str, int],
    typeset: Typeset,
    store: PartStore,
    salt: str,
) -> tuple[str, bytes, int, dict[str, int]]:
    """(key, PDF, page count, anchors) of one part: from the store, else typeset and
    stored (also when the stored one cannot be read)."""
    html = part_html(cut, index, first_page, pages)
    key = fingerprint.digest(salt, html)
    found = store.get(key)
    read = joining.layout(found) if found is not None else None
    if found is not None and read is not None:
        return key, found, *read
    pdf, _ = typeset(html)
    store.put(key, pdf)
    read = joining.layout(pdf)
    if read is None:
        raise ValueError(f"WeasyPrint wrote a PDF that cannot be read: part {index}")
    return key, pdf, *read
