"""The fonts of a PDF cut down to the glyphs it uses, by HarfBuzz on every machine.

WeasyPrint subsets each font of each PDF. It uses the system's HarfBuzz-Subset
library when it finds one, and otherwise fontTools in pure Python, which
decompiles the layout tables of every font for every PDF: 0.07–0.2 s a font,
six fonts a publication. The library is not part of Pango, so a machine that has
what WeasyPrint needs to run often lacks it (Debian's `libharfbuzz-subset0`);
there a cold full build took 1.4–1.5 times as long.

uharfbuzz (a wheel from PyPI, HarfBuzz built in) does the same work in C. It is
used on every machine, also where the system library exists, so a PDF does not
depend on which libraries a machine happens to have. The steps are WeasyPrint's
own HarfBuzz steps: keep the used glyphs at their ids, drop the tables a PDF
viewer does not read, then drop the unused glyphs after the last used one.
"""

from __future__ import annotations

from typing import Any

import uharfbuzz as hb  # type: ignore[import-untyped]

from focusbuild.render.weasyprint_loader import weasyprint_fonts

# tables a PDF does not need: the same list as WeasyPrint's HarfBuzz path
_DROPPED = tuple(
    int.from_bytes(tag, "big")
    for tag in (
        b"BASE",
        b"DSIG",
        b"EBDT",
        b"EBLC",
        b"EBSC",
        b"GPOS",
        b"GSUB",
        b"JSTF",
        b"LTSH",
        b"PCLT",
        b"SVG ",
    )
)


def subset(font: Any, to_unicode: dict[int, str], hinting: bool) -> None:
    """Replace `font.file_content` (a WeasyPrint `Font`) by the subset that keeps
    the glyph ids in `to_unicode`; the font is left whole when HarfBuzz fails."""
    if not to_unicode:
        return
    found = cut(font.file_content, font.index, sorted(to_unicode), bool(font.missing), hinting)
    if found is not None:
        font.file_content = found


def cut(content: bytes, index: int, used: list[int], notdef: bool, hinting: bool) -> bytes | None:
    """The font `content` with only the glyphs `used` (sorted ids, kept at their ids) and
    what they are made of; None when HarfBuzz fails. `notdef` keeps the outline of the
    glyph shown for a missing character."""
    outline = hb.SubsetFlags.NOTDEF_OUTLINE if notdef else hb.SubsetFlags.DEFAULT
    request = hb.SubsetInput()
    request.glyph_set.update(used)
    request.sets(hb.SubsetInputSets.DROP_TABLE_TAG).update(_DROPPED)
    request.flags = (
        hb.SubsetFlags.RETAIN_GIDS
        | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED
        | hb.SubsetFlags.DESUBROUTINIZE
        | outline
    )
    face = hb.subset(hb.Face(hb.Blob(content), index), request)
    if face is None:
        return None
    # the ids are kept, so the glyphs after the last used one can go
    request.glyph_set.update(range(used[-1] + 1))
    request.flags = (
        hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED
        | hb.SubsetFlags.DESUBROUTINIZE
        | (hb.SubsetFlags.DEFAULT if hinting else hb.SubsetFlags.NO_HINTING)
        | outline
    )
    face = hb.subset(face, request)
    return None if face is None else bytes(face.blob.data)


WEASYPRINT_SUBSET = weasyprint_fonts.Font.subset  # WeasyPrint's own, for comparison


def install() -> None:
    """Let WeasyPrint subset fonts with `subset` in this process."""
    weasyprint_fonts.Font.subset = subset
