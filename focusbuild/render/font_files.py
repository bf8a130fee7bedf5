"""The house fonts as plain TrueType/OpenType (sfnt) data, and cut to a text's letters.

The fonts in `layouts/` are WOFF2: small in the repository and on the site. WeasyPrint
and HarfBuzz read plain sfnt data, and unpacking WOFF2 with fontTools (pure Python)
takes about 0.15 s a font. So each font is unpacked once per build cache, by the hash
of the WOFF2 file, and kept there (`OUTPUT/.cache/fonts/HASH.sfnt`): the same font
WeasyPrint would have made.

Importing this module does not import WeasyPrint: the e-books use it in builds that
make no PDF.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

import uharfbuzz as hb  # type: ignore[import-untyped]

from focusbuild.cache.files import write_atomic

FOLDER = "fonts"  # OUTPUT/.cache/fonts: the unpacked fonts
_UNPACKED: dict[str, bytes] = {}  # this process's fonts, by the hash of their WOFF2


def unpacked(path: Path, folder: Path) -> bytes:
    """A WOFF2 font as the TrueType/OpenType font inside it, unpacked once per cache."""
    packed = path.read_bytes()
    key = hashlib.sha256(packed).hexdigest()
    kept = folder / f"{key}.sfnt"
    font = _UNPACKED.get(key)
    if font is None:
        try:
            font = kept.read_bytes()
        except OSError:
            from fontTools.ttLib import woff2  # type: ignore[import-untyped]  # WeasyPrint uses it

            out = io.BytesIO()
            woff2.decompress(io.BytesIO(packed), out)
            font = out.getvalue()
        _UNPACKED[key] = font
    if not kept.is_file():  # also when this process unpacked it for another cache
        write_atomic(kept, font)  # another worker may be writing the same bytes
    return font


def keep_current(folder: Path, layouts: Path) -> None:
    """Remove the unpacked fonts of WOFF2 files that are no longer in the layouts. Joining
    PDF parts takes the unpacked fonts as the originals of the parts' subsets, by
    PostScript name and version; an old file of a font replaced by one with the same name
    and version (a font updated without a new version number, or focusbuild's own fonts
    after an upgrade) made that name ambiguous, and every part kept its own subset."""
    current = {hashlib.sha256(p.read_bytes()).hexdigest() for p in layouts.rglob("*.woff2")}
    for kept in folder.glob("*.sfnt"):
        if kept.stem not in current:
            kept.unlink(missing_ok=True)


#: Letters every cut keeps besides the text's own: Basic Latin, the no-break space, the
#: soft hyphen and the general punctuation (dashes, quotation marks, the ellipsis), which
#: a reader's hyphenation and typography may add. Not all of Latin-1: its letters would
#: add a third to each font.
_ALWAYS = frozenset([*range(0x20, 0x7F), 0xA0, 0xAD, *range(0x2010, 0x2028)])


def cut_to_text(font: bytes, texts: Iterable[str]) -> bytes:
    """The font with only the glyphs the texts need (and their capitals and small letters:
    a stylesheet may change the case), its kerning and ligatures kept. The font whole
    when HarfBuzz cannot cut it."""
    letters = set(_ALWAYS)
    for text in texts:
        for char in set(text):
            letters.update(ord(c) for c in char + char.upper() + char.lower())
    request = hb.SubsetInput()
    request.unicode_set.update(letters)
    face = hb.subset(hb.Face(hb.Blob(font)), request)
    return font if face is None else bytes(face.blob.data)
