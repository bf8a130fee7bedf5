"""Reuse a PDF whose inputs did not change: a cache keyed by a hash of them.

The key (PrintRenderer.key) covers the publication's HTML, the print and
shared layouts, fonts, pictures and the tool versions, so an edit to one
section re-renders only the publications that contain it. The build looks
a publication up by its trace first (`stored`), which needs no HTML at all.
"""

from __future__ import annotations

import time
from pathlib import Path

from focusbuild.incremental import write_atomic
from focusbuild.render.imposition import impose
from focusbuild.render.publications import Job, Made, PrintRenderer, pictures


def page_count(path: Path) -> int | None:
    """Pages of a PDF on disk (pypdf), or None when there is no such file."""
    if not path.is_file():
        return None
    from pypdf import PdfReader  # loading pypdf takes 0.07 s; most builds do not need it

    return len(PdfReader(path).pages)


class PdfCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _files(self, key: str, job: Job) -> tuple[Path, Path, Path | None]:
        booklet = self.folder / f"{key}.boekje" if job.publication.boekje else None
        return self.folder / f"{key}.pdf", self.folder / f"{key}.pages", booklet

    def stored(self, key: str, job: Job, started: float | None = None) -> Made | None:
        """The cached PDF with this key, if every file of it is there."""
        started = time.perf_counter() if started is None else started
        pdf, pages_file, booklet = self._files(key, job)
        try:
            pages = int(pages_file.read_text(encoding="ascii"))
        except (OSError, ValueError):
            return None
        if not pdf.is_file() or (booklet is not None and not booklet.is_file()):
            return None
        return Made(job, pdf, pages, True, time.perf_counter() - started, key, booklet)

    def make(self, printer: PrintRenderer, job: Job) -> Made:
        """The PDF of a job: its HTML is rendered, the PDF reused when the key is known."""
        started = time.perf_counter()
        with printer.renderer.recorder.recording() as names:
            html = printer.html(job)
        embedded = pictures(html)
        names.update("file:" + str(path) for path in embedded)
        inputs = tuple(sorted(names))
        key = printer.key(html, embedded)
        found = self.stored(key, job, started)
        if found is not None:
            return Made(
                job, found.pdf, found.pages, True, found.seconds, key, found.booklet, inputs
            )
        pdf, pages_file, booklet = self._files(key, job)
        data, pages = printer.pdf(html)
        if booklet is not None:
            write_atomic(booklet, impose(data))  # pypdf is slow: cache it too
        write_atomic(pdf, data)
        write_atomic(pages_file, str(pages).encode("ascii"))  # last: it marks the entry whole
        return Made(job, pdf, pages, False, time.perf_counter() - started, key, booklet, inputs)

    def keep(self, keys: set[str]) -> None:
        """Forget PDFs no publication uses any more."""
        for path in self.folder.iterdir():
            if path.stem not in keys or path.name.startswith(".tmp-"):
                path.unlink(missing_ok=True)
