"""Typeset PDFs kept by a hash of everything that decides their bytes.

The key (see `products/pdf.py`) covers a publication's HTML, the print
layouts, fonts, pictures and the typesetting code and libraries, so an edit
to one section typesets again only the publications that contain it. Each
PDF is kept as KEY.pdf with its page count in KEY.pages and, for an A5
publication that is also printed as a folded A4 booklet, KEY.boekje. A
publication typeset part by part (`render/parts.py`) lists its parts in
KEY.parts; the parts themselves lie beside this folder (`parts_folder`) and
are kept as long as a kept PDF lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from focusbuild.cache.files import write_atomic
from focusbuild.cache.objects import Objects


@dataclass(frozen=True)
class StoredPdf:
    pdf: Path
    pages: int
    booklet: Path | None  # the A4 imposition, when asked for


class PdfStore:
    def __init__(self, folder: Path) -> None:
        self.objects = Objects(folder)
        self.parts_folder = folder.parent / f"{folder.name}-delen"

    def get(self, key: str, *, booklet: bool) -> StoredPdf | None:
        """The PDF with this key, if every file of it is there, unchanged."""
        pdf, pages_file = self.objects.file(key, ".pdf"), self.objects.file(key, ".pages")
        imposed = self.objects.file(key, ".boekje") if booklet else None
        if pdf is None or pages_file is None or (booklet and imposed is None):
            return None
        try:
            pages = int(pages_file.read_text(encoding="ascii"))
        except (OSError, ValueError):
            return None
        return StoredPdf(pdf, pages, imposed)

    def put(
        self, key: str, data: bytes, pages: int, booklet: bytes | None, parts: tuple[str, ...] = ()
    ) -> StoredPdf:
        imposed = self.objects.put_bytes(key, ".boekje", booklet) if booklet is not None else None
        if parts:
            self.objects.put_bytes(key, ".parts", "\n".join(parts).encode("ascii"))
        pdf = self.objects.put_bytes(key, ".pdf", data)
        self.objects.put_bytes(key, ".pages", str(pages).encode("ascii"))
        return StoredPdf(pdf, pages, imposed)

    def keep_stored(self, keys: list[str]) -> None:
        """Keep PDFs of earlier builds that this build did not use, as far as they are
        still here unchanged (the PDFs of a gemeente not asked for this time)."""
        for key in keys:
            for suffix in (".pdf", ".pages", ".boekje", ".parts"):
                self.objects.file(key, suffix)

    def keep_used(self, keys: list[tuple[str, bool]], *, prune: bool = True) -> None:
        """Forget PDFs no publication uses any more (with `prune`). `keys` are the PDFs
        of this build, with whether each has a booklet; those made in worker processes
        are taken into the index here."""
        for key, booklet in keys:
            self.objects.adopt(key, ".pdf")
            self.objects.adopt(key, ".pages")
            if (self.objects.folder / f"{key}.parts").is_file():
                self.objects.adopt(key, ".parts")
            if booklet:
                self.objects.adopt(key, ".boekje")
        self.objects.keep_used(prune=prune)
        if prune:
            used: set[str] = set()
            for listed in self.objects.folder.glob("*.parts"):
                used.update(listed.read_text(encoding="ascii").split())
            PartStore(self.parts_folder).keep(used)

    def page_counts(self) -> dict[tuple[int, int], int]:
        """The page count of every PDF here, by its file (inode and device), so the count
        of a PDF linked into the output is known without opening it."""
        found = {}
        for count in self.objects.folder.glob("*.pages"):
            try:
                info = count.with_suffix(".pdf").stat()
                found[(info.st_ino, info.st_dev)] = int(count.read_text(encoding="ascii"))
            except (OSError, ValueError):
                continue
        return found


class PartStore:
    """Typeset parts by key: KEY.pdf, and KEY.voor (the front's page count) by the key of
    a front's HTML without its page numbers. Written whole (renamed into place), so
    workers of one build may share it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str, suffix: str = ".pdf") -> bytes | None:
        try:
            return (self.folder / f"{key}{suffix}").read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes, suffix: str = ".pdf") -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / f"{key}{suffix}", data)

    def keep(self, keys: set[str]) -> None:
        """Remove the parts no kept publication is made of."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name.split(".", 1)[0] not in keys:
                path.unlink(missing_ok=True)


def page_count(path: Path) -> int | None:
    """Pages of a PDF on disk (pypdf), or None when there is no such file or it is damaged."""
    if not path.is_file():
        return None
    from pypdf import PdfReader  # loading pypdf takes 0.07 s; most builds do not need it
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(path).pages)
    except (PyPdfError, OSError, ValueError):
        return None  # a damaged file: listed without a page count
