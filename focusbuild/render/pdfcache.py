"""Reuse a PDF whose inputs did not change: a cache keyed by a hash of them.

The key (PrintRenderer.key) covers the publication's HTML, the print and
shared layouts, fonts, pictures and the tool versions, so an edit to one
section re-renders only the publications that contain it.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from focusbuild.render.imposition import impose
from focusbuild.render.publications import Job, Made, PrintRenderer


def page_count(path: Path) -> int | None:
    """Pages of a PDF on disk (pypdf), or None when there is no such file."""
    if not path.is_file():
        return None
    return len(PdfReader(path).pages)


class PdfCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def make(self, printer: PrintRenderer, job: Job) -> Made:
        started = time.perf_counter()
        html = printer.html(job)
        key = printer.key(job, html)
        pdf, pages_file = self.folder / f"{key}.pdf", self.folder / f"{key}.pages"
        booklet_file = self.folder / f"{key}.boekje" if job.publication.boekje else None
        if (
            pdf.is_file()
            and pages_file.is_file()
            and (booklet_file is None or booklet_file.is_file())
        ):
            data = pdf.read_bytes()
            pages = int(pages_file.read_text(encoding="ascii"))
            booklet = booklet_file.read_bytes() if booklet_file else None
            return Made(job, data, pages, True, time.perf_counter() - started, key, booklet)
        data, pages = printer.pdf(job, html)
        booklet = impose(data) if booklet_file else None  # pypdf is slow: cache it too
        self._write(pdf, data)
        self._write(pages_file, str(pages).encode("ascii"))
        if booklet_file is not None and booklet is not None:
            self._write(booklet_file, booklet)
        return Made(job, data, pages, False, time.perf_counter() - started, key, booklet)

    def _write(self, path: Path, data: bytes) -> None:
        handle, name = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(name, path)

    def keep(self, keys: set[str]) -> None:
        """Forget PDFs no publication uses any more."""
        for path in self.folder.iterdir():
            if path.stem not in keys or path.name.startswith(".tmp-"):
                path.unlink(missing_ok=True)
