"""Reuse a PDF whose inputs did not change: a cache keyed by a hash of them.

The key (PrintRenderer.key) covers the publication's HTML, the print and
shared layouts, fonts, pictures and the tool versions, so an edit to one
section re-renders only the publications that contain it. The build looks
a publication up by its trace first (`stored`), which needs no HTML at all.
"""

from __future__ import annotations

import time
from pathlib import Path

from focusbuild import fingerprint
from focusbuild.incremental import Objects
from focusbuild.render.imposition import impose
from focusbuild.render.publications import Job, Made, PrintRenderer, pictures


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


class PdfCache:
    """KEY.pdf, KEY.pages (its page count) and, for a booklet, KEY.boekje."""

    def __init__(self, folder: Path, *, reuse: bool = True) -> None:
        self.objects = Objects(folder)
        self.reuse = reuse  # False (--no-cache): typeset every PDF again

    def stored(self, key: str, job: Job, started: float | None = None) -> Made | None:
        """The cached PDF with this key, if every file of it is there, unchanged."""
        started = time.perf_counter() if started is None else started
        pdf, pages_file = self.objects.file(key, ".pdf"), self.objects.file(key, ".pages")
        booklet = self.objects.file(key, ".boekje") if job.publication.boekje else None
        if pdf is None or pages_file is None or (job.publication.boekje and booklet is None):
            return None
        try:
            pages = int(pages_file.read_text(encoding="ascii"))
        except (OSError, ValueError):
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
        # read once, before typesetting: the key and the trace name what the PDF embeds
        digests = tuple((f"file:{path}", fingerprint.file(path)) for path in embedded)
        key = printer.key(html, [digest for _, digest in digests])
        found = self.stored(key, job, started) if self.reuse else None
        if found is not None:
            return Made(
                job,
                found.pdf,
                found.pages,
                True,
                found.seconds,
                key,
                found.booklet,
                inputs,
                digests,
            )
        data, pages = printer.pdf(html)
        booklet = None
        if job.publication.boekje:  # pypdf is slow: cache the booklet too
            booklet = self.objects.put_bytes(key, ".boekje", impose(data))
        pdf = self.objects.put_bytes(key, ".pdf", data)
        self.objects.put_bytes(key, ".pages", str(pages).encode("ascii"))
        seconds = time.perf_counter() - started
        return Made(job, pdf, pages, False, seconds, key, booklet, inputs, digests)

    def keep_used(self, made: list[Made], *, prune: bool = True) -> None:
        """Forget PDFs no publication uses any more (with `prune`)."""
        for item in made:  # made in worker processes: their index entries are not here yet
            self.objects.adopt(item.key, ".pdf")
            self.objects.adopt(item.key, ".pages")
            if item.booklet is not None:
                self.objects.adopt(item.key, ".boekje")
        self.objects.keep_used(prune=prune)
