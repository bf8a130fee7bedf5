"""E-books (EPUB 3) of the publications that ask for one in focus.yaml (`epub: true`).

The same public text as the PDF, beside it in the site's downloads
(`focus-blok-1-werkboek.epub`). Each e-book is reused while none of the
texts and pictures it holds changed; making one takes a few milliseconds,
so there is no second cache by content as for the PDFs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import TYPE_CHECKING

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache import fingerprint
from focusbuild.diagnostics import count, made_and_reused, seconden
from focusbuild.downloads import Download, DownloadFile
from focusbuild.products.base import Outcome, Placement, Product, Report
from focusbuild.render.publications import Job, jobs

if TYPE_CHECKING:
    from focusbuild.render.epub import BookRenderer


def ebook(job: Job) -> Artifact:
    """Where a publication's e-book goes: beside its PDF."""
    return replace(job.artifact, path=artifacts.epub_name(job.artifact.path))


@dataclass
class EpubReport(Report):
    books: int
    made: list[str] = field(default_factory=list)

    def lines(self, where: str) -> list[str]:
        books = count(self.books, "e-book", "e-books")
        made = made_and_reused(len(self.made), self.books)
        return [f"E-books klaar in {seconden(self.seconds)}: {books} {made}."]


class Ebooks(Product):
    name = "epub"
    target = "epub"
    label = "de e-books"
    listed = True

    @cached_property
    def jobs(self) -> list[Job]:
        return [job for job in jobs(self.build.site) if job.publication.epub]

    def plan(self) -> list[Artifact]:
        return [ebook(job) for job in self.jobs]

    def make(self) -> Outcome:
        started = time.perf_counter()
        build = self.build
        traces, objects = build.traces(self.name), build.objects(self.name)

        @cache
        def books() -> BookRenderer:
            from focusbuild.render.epub import BookRenderer  # only when a book is made

            return BookRenderer(
                build.site,
                build.renderer,
                build.layouts,
                build.linker,
                build.colophon,
                build.cached / "templates" / "epub",
                fonts=lambda: build.fonts,
            )

        salt = fingerprint.digest(repr(sorted(build.colophon.items())))
        placements, signature, made = [], [], []
        for job in self.jobs:
            product = f"epub:{job.rel}:{salt}"
            trace = traces.lookup(product)
            stored = objects.file(trace.key, ".epub") if trace is not None else None
            if trace is None or stored is None:
                with build.renderer.recorder.recording() as reads:
                    data, pictures = books().make(job)
                reads.update(build.inputs.file(path) for path in pictures)
                trace = traces.record(product, reads)
                stored = objects.put_bytes(trace.key, ".epub", data)
                made.append(job.filename)
            placements.append(Placement(ebook(job), stored))
            signature.append(trace.key)
        objects.keep_used()
        report = EpubReport(len(self.jobs), made)
        report.seconds = time.perf_counter() - started
        return Outcome(placements, not made, signature, report)

    def downloads(self, outcome: Outcome | None) -> list[Download]:
        """The public e-books: those just made, or those the last build left."""
        rows = []
        for job in self.jobs:
            artifact = ebook(job)
            if not job.public:
                continue
            kept = self.build.kept(artifact)
            name = artifacts.epub_name(job.filename)
            size = None
            if outcome is not None:
                placed = next(p for p in outcome.placements if p.artifact == artifact)
                assert placed.source is not None
                size = placed.source.stat().st_size
            elif kept.is_file():
                size = kept.stat().st_size
            rows.append(Download(job.publication, job.owner, (DownloadFile("epub", name, size),)))
        return rows
