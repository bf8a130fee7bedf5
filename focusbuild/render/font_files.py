"""The house fonts as plain TrueType/OpenType (sfnt) data, and cut to a text's letters.

The fonts in `layouts/` are WOFF2: small in the repository and on the site. WeasyPrint
and HarfBuzz read plain sfnt data, and unpacking WOFF2 with fontTools (pure Python)
takes about 0.15 s a font. So each font is unpacked once per build cache and version
of the layouts, by the hash of the WOFF2 file, and kept there
(`OUTPUT/.cache/fonts/LAYOUTS/HASH.sfnt`, see `folder_for`): the same font WeasyPrint
would have made. The fonts the print stylesheets name are unpacked before the
typesetting workers start, spread over the build's processes (`unpack_all`); a worker
then only reads them.

Importing this module does not import WeasyPrint: the e-books use it in builds that
make no PDF.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import shutil
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from urllib.parse import unquote

from focusbuild.cache.files import write_atomic
from focusbuild.parallel import Workers, fork_safe
from focusbuild.paths import inside

FOLDER = "fonts"  # OUTPUT/.cache/fonts: the unpacked fonts
_UNPACKED: dict[str, bytes] = {}  # this process's fonts, by the hash of their WOFF2


def _kept(packed: bytes, folder: Path) -> tuple[str, Path]:
    key = hashlib.sha256(packed).hexdigest()
    return key, folder / f"{key}.sfnt"


def unpacked(path: Path, folder: Path) -> bytes:
    """A WOFF2 font as the TrueType/OpenType font inside it, unpacked once per cache."""
    packed = path.read_bytes()
    key, kept = _kept(packed, folder)
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


FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.I)
_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""", re.I)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_LINKED = re.compile(
    r"""<link\b[^>]*\brel=["']?stylesheet["']?[^>]*\bhref=["']([^"'{}]+)["']""", re.I
)
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.I)


def named_in_stylesheets(folder: Path, layouts: Path) -> list[Path]:
    """The WOFF2 files inside `layouts` that the @font-face rules of the templates in
    `folder` name: in the templates themselves, in the stylesheets they link and in what
    those @import. Only those: a font file nobody names may share its name and version
    with one in use, and joining takes no original for such a name. A file that cannot
    be read is passed over; WeasyPrint will say what is wrong with it."""
    roots = (layouts.resolve(),)
    found: set[Path] = set()
    seen: set[Path] = set()
    todo: list[Path] = []
    for template in sorted(folder.glob("*.html")):
        text = _text(template)
        todo += [p for href in _LINKED.findall(text) if (p := _local(template, href, roots))]
        found.update(_faces(template, text, roots))
    while todo:
        sheet = todo.pop()
        if sheet in seen:
            continue
        seen.add(sheet)
        text = _text(sheet)
        todo += [p for href in _IMPORT.findall(text) if (p := _local(sheet, href, roots))]
        found.update(_faces(sheet, text, roots))
    return sorted(path for path in found if path.suffix == ".woff2")


def _text(path: Path) -> str:
    """A template or stylesheet without its CSS comments ("" if it cannot be read)."""
    try:
        return _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError):
        return ""


def _local(source: Path, url: str, roots: tuple[Path, ...]) -> Path | None:
    """The file inside `roots` that `url` names, relative to `source`; None otherwise."""
    if ":" in url or url.startswith(("/", "#")):  # another scheme, a data: URI, absolute
        return None
    try:
        path = (source.parent / unquote(url.split("#")[0].split("?")[0])).resolve()
        return path if inside(path, roots) and path.is_file() else None
    except (OSError, ValueError):
        return None


def _faces(source: Path, text: str, roots: tuple[Path, ...]) -> set[Path]:
    """The files that the @font-face rules in `text` name."""
    return {
        path
        for face in FONT_FACE.findall(text)
        for _, url in _URL.findall(face)
        if (path := _local(source, url, roots)) is not None
    }


def unpack_all(paths: Iterable[Path], folder: Path, jobs: int) -> int:
    """Unpack into `folder` each WOFF2 font of `paths` it lacks, spread over `jobs` forked
    processes; how many were unpacked. Called before the typesetting workers start, so
    that a font is unpacked once per build and not once by every worker: in a cold
    build each of the two workers unpacked all seven print fonts, 0.8 s of CPU each
    before its first page."""
    todo = sorted(path for path in paths if _lacks(folder, path))
    if not fork_safe():
        jobs = 1  # no fork from a process that runs threads (serve, after a font changed)

    def unpack(index: int) -> None:
        with suppress(Exception):  # not a font: left to WeasyPrint, which uses another
            unpacked(todo[index], folder)

    with Workers(unpack, len(todo), jobs, minimum=2) as workers:
        workers.map()
    return len(todo)


def _lacks(folder: Path, path: Path) -> bool:
    """Whether `folder` lacks the unpacked font of `path` (False if it cannot be read)."""
    try:
        return not _kept(path.read_bytes(), folder)[1].is_file()
    except OSError:
        return False


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
