"""The PDF publications: werkboeken, doelgroep booklets, katernen and the handleidingen.

Which publications exist is set in focus.yaml (`publicaties`); where each
goes (the site's downloads, or `leiders/` when it holds text for the
leiding) is decided in `artifacts.py`. Each publication is looked up by its
trace first (nothing is rendered when none of the bodies and pictures it
showed changed), then by the hash of its HTML (`cache/pdfs.py`), and only
then typeset by WeasyPrint, in parallel processes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache import fingerprint
from focusbuild.cache.pdfs import PdfStore, StoredPdf, page_count
from focusbuild.cache.traces import TraceStore
from focusbuild.diagnostics import count, made_and_reused
from focusbuild.downloads import Download, DownloadFile
from focusbuild.parallel import Workers
from focusbuild.products.base import Outcome, Placement, Product, Report
from focusbuild.render.imposition import impose
from focusbuild.render.publications import Job, PrintRenderer, jobs, pictures


@dataclass(frozen=True)
class Made:
    """A finished publication: its PDF (and A4 booklet) in the cache."""

    job: Job
    pdf: Path
    pages: int
    reused: bool
    seconds: float
    key: str = ""
    booklet: Path | None = None  # the A4 imposition, when the publication asks for one
    inputs: tuple[str, ...] = ()  # what it was made of (bodies, pictures), for the next build
    #: the pictures' digests as they were read before typesetting (a picture saved while
    #: the PDF was made must not be recorded as the one in it)
    digests: tuple[tuple[str, str], ...] = ()


def booklet(job: Job) -> Artifact | None:
    """The A4 imposition of an A5 publication, when focus.yaml asks for one."""
    if not job.publication.boekje:
        return None
    return replace(job.artifact, path=artifacts.booklet_name(job.artifact.path))


@dataclass
class PdfReport(Report):
    made: list[Made]

    def lines(self, where: str) -> list[str]:
        lines = []
        for item in self.made:
            if not item.reused:
                pages = count(item.pages, "bladzijde", "bladzijden")
                lines.append(f"  {item.job.rel}: {pages}, gemaakt in {item.seconds:.1f} s")
        fresh = sum(1 for m in self.made if not m.reused)
        lines.append(
            f"Pdf's klaar in {self.seconds:.1f} s: "
            + count(len(self.made), "publicatie", "publicaties")
            + f" {made_and_reused(fresh, len(self.made))}, "
            + count(sum(m.pages for m in self.made), "bladzijde", "bladzijden")
            + "."
        )
        return lines


class Publications(Product):
    name = "pdf"
    target = "pdf"
    label = "de pdf's"
    listed = True

    @cached_property
    def jobs(self) -> list[Job]:
        return jobs(self.build.site)

    def plan(self) -> list[Artifact]:
        found = []
        for job in self.jobs:
            found.append(job.artifact)
            imposed = booklet(job)
            if imposed is not None:
                found.append(imposed)
        return found

    @cached_property
    def store(self) -> PdfStore:
        return PdfStore(self.build.cached / self.name)

    def printer(self) -> PrintRenderer:
        build = self.build
        return PrintRenderer(
            build.site,
            build.renderer,
            build.layouts,
            build.linker,
            build.colophon,
            print_ready=build.request.print_ready,
            compiled=build.cached / "templates" / "print",
        )

    def wanted(self) -> list[Job]:
        """The publications to make: all, or (serve) the ones asked for by file name."""
        names = self.build.preview.only
        if names is None:
            return self.jobs
        return [j for j in self.jobs if {j.filename, artifacts.booklet_name(j.filename)} & names]

    def make(self) -> Outcome:
        started = time.perf_counter()
        build = self.build
        printer = self.printer()
        todo = self.wanted()
        traces = build.traces(self.name)
        every = build.preview.only is None
        traces.prune = every
        made = self._make(printer, todo, traces)
        self.store.keep_used([(m.key, m.booklet is not None) for m in made], prune=every)
        placements = []
        for item in made:
            placements.append(Placement(item.job.artifact, item.pdf))
            imposed = booklet(item.job)
            if imposed is not None and item.booklet is not None:
                placements.append(Placement(imposed, item.booklet))
        report = PdfReport(made)
        report.seconds = time.perf_counter() - started
        fresh = all(m.reused for m in made)
        return Outcome(placements, fresh, [m.key for m in made], report)

    def _make(self, printer: PrintRenderer, todo: list[Job], traces: TraceStore) -> list[Made]:
        """The PDFs of `todo`: reused by their trace, else their HTML rendered and the PDF
        reused by its key, else typeset."""
        build = self.build
        salt = fingerprint.digest(repr(sorted(printer.colophon.items())), repr(printer.print_ready))

        def product(job: Job) -> str:
            return f"pdf:{job.rel}:{salt}"

        results: list[Made | None] = [None] * len(todo)
        stale = []
        for index, job in enumerate(todo):
            trace = traces.lookup(product(job))
            found = self._stored(trace.payload, job) if trace is not None else None
            results[index] = found
            if found is None:
                stale.append(index)
            elif build.request.progress is not None:
                build.request.progress(len(todo), found)
        task = Workers(
            lambda i: self._typeset(printer, todo[stale[i]]), len(stale), build.jobs, minimum=4
        )
        with task as workers:
            for index, item in workers.each():
                results[stale[index]] = item
                traces.record(product(item.job), item.inputs, item.key, known=dict(item.digests))
                if build.request.progress is not None:
                    build.request.progress(len(todo), item)
        return [item for item in results if item is not None]

    def _stored(self, key: str, job: Job, started: float | None = None) -> Made | None:
        started = time.perf_counter() if started is None else started
        found = self.store.get(key, booklet=job.publication.boekje)
        if found is None:
            return None
        return _made(job, found, key, reused=True, started=started)

    def _typeset(self, printer: PrintRenderer, job: Job) -> Made:
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
        found = (
            self.store.get(key, booklet=job.publication.boekje)
            if self.build.request.cache
            else None
        )
        reused = found is not None
        if found is None:
            data, pages = printer.pdf(html)
            imposed = impose(data) if job.publication.boekje else None  # pypdf is slow: cache it
            found = self.store.put(key, data, pages, imposed)
        return replace(
            _made(job, found, key, reused=reused, started=started), inputs=inputs, digests=digests
        )

    def downloads(self, outcome: Outcome | None) -> list[Download]:
        """Every public booklet: size and pages once the PDF exists. Not made by this build
        (`--only site`), the PDFs the last build left are listed; with `on_demand` (serve),
        a PDF that does not exist yet is listed too: it is made when its link is followed."""
        made = {}
        if outcome is not None:
            assert isinstance(outcome.report, PdfReport)
            made = {item.job.filename: item for item in outcome.report.made}
        counts: dict[tuple[int, int], int] | None = None
        rows = []
        on_demand = self.build.preview.on_demand
        for job in self.jobs:
            if not job.public:
                continue
            item = made.get(job.filename)
            kept = self.build.kept(job.artifact)
            imposed = booklet(job)
            files = []
            if item is not None:
                files.append(DownloadFile("pdf", job.filename, item.pdf.stat().st_size, item.pages))
                if item.booklet is not None:
                    size = item.booklet.stat().st_size
                    files.append(DownloadFile("boekje", artifacts.booklet_name(job.filename), size))
            elif kept.is_file():
                if counts is None:
                    counts = self.store.page_counts()
                info = kept.stat()
                pages = counts.get((info.st_ino, info.st_dev)) or page_count(kept)
                files.append(DownloadFile("pdf", job.filename, info.st_size, pages))
                if imposed is not None and self.build.kept(imposed).is_file():
                    size = self.build.kept(imposed).stat().st_size
                    files.append(DownloadFile("boekje", artifacts.booklet_name(job.filename), size))
            else:
                files.append(DownloadFile("pdf", job.filename, on_demand=on_demand))
                if imposed is not None and on_demand:
                    name = artifacts.booklet_name(job.filename)
                    files.append(DownloadFile("boekje", name, on_demand=True))
            rows.append(Download(job.publication, job.owner, tuple(files)))
        return rows


def _made(job: Job, found: StoredPdf, key: str, *, reused: bool, started: float) -> Made:
    seconds = time.perf_counter() - started
    return Made(job, found.pdf, found.pages, reused, seconds, key, found.booklet)
