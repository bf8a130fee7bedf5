"""The house fonts as plain TrueType/OpenType (sfnt) data.

The fonts in `layouts/` are WOFF2: small in the repository and on the site. WeasyPrint
and HarfBuzz read plain sfnt data, and unpacking WOFF2 with fontTools (pure Python)
takes about 0.15 s a font. So each font is unpacked once per build cache, by the hash
of the WOFF2 file, and kept there (`OUTPUT/.cache/fonts/HASH.sfnt`): the same font
WeasyPrint would have made.

Importing this module does not import WeasyPrint.
"""

from __future__ import annotations

import hashlib
import io
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
