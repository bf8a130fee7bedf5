"""The house fonts as plain TrueType/OpenType (sfnt) data, and cut to a text's letters.

The fonts in `layouts/` are WOFF2: small in the repository and on the site. WeasyPrint
and HarfBuzz read plain sfnt data, and unpacking WOFF2 with fontTools (pure Python)
takes about 0.15 s a font. So each font is unpacked once per build cache and version
of the layouts, by the hash of the WOFF2 file, and kept there
(`OUTPUT/.cache/fonts/LAYOUTS/HASH.sfnt`, see `folder_for`): the same font WeasyPrint
would have made.

Importing this module does not import WeasyPrint: the e-books use it in builds that
make no PDF.
"""

from __future__ import annotations

import hashlib
import html
import io
import shutil
from collections.abc import Iterable
from pathlib import Path

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


def folder_for(root: Path, print_layouts: str) -> Path:
    """Where a build keeps its unpacked fonts: a folder under `root` for this version of
    the layouts print reads (`print_layouts`: `fingerprint.print_layouts`, as in the PDFs'
    keys: a site template edit unpacks nothing again); the folders and files of other
    versions are removed. Joining PDF parts takes the unpacked fonts in the folder as the
    originals of the parts' subsets, by PostScript name and version. A font of an earlier
    version beside one with the same name and version (a font file replaced without a new
    version number; a stylesheet that took the site's Latin file of a face and now the
    print file) made that name ambiguous, and every part kept its own subset."""
    folder = root / print_layouts[:16]
    if root.is_dir():
        for entry in root.iterdir():
            if entry == folder:
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
    return folder


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
        for char in set(html.unescape(text)):  # also what a character reference stands for
            letters.update(ord(c) for c in char + char.upper() + char.lower())
    import uharfbuzz as hb  # type: ignore[import-untyped]  # only for an e-book's fonts

    request = hb.SubsetInput()
    request.unicode_set.update(letters)
    face = hb.subset(hb.Face(hb.Blob(font)), request)
    return font if face is None else bytes(face.blob.data)
