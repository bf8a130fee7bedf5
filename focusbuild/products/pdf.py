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
from dataclasses import dataclass
from functools import cached_property

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache.pdfs import PdfStore, page_count
from focusbuild.diagnostics import count, made_and_reused, seconden
from focusbuild.downloads import Download, DownloadFile
from focusbuild.products.base import Outcome, Product, Report
from focusbuild.products.typesetting import Made, PrintJob, Typesetter, placements, salt
from focusbuild.render.publications import Job, PrintRenderer, jobs


def print_job(job: Job, salted: str) -> PrintJob:
    return PrintJob(f"pdf:{job.rel}:{salted}", job.artifact, job.publication.boekje, job)


def booklet(job: Job) -> Artifact | None:
    """Where a publication's A4 booklet goes, if it has one."""
    return print_job(job, "").booklet


@dataclass
class PdfReport(Report):
    made: list[Made]

    def lines(self, where: str) -> list[str]:
        lines = []
        for item in self.made:
            if not item.reused:
                pages = count(item.pages, "bladzijde", "bladzijden")
                lines.append(f"  {item.job.rel}: {pages}, gemaakt in {seconden(item.seconds)}")
                folded = item.job.booklet
                if folded is not None and item.booklet is not None:
                    lines.append(f"  {folded.rel}: als boekje op A4, om te vouwen en te nieten")
        fresh = sum(1 for m in self.made if not m.reused)
        lines.append(
            f"Pdf's klaar in {seconden(self.seconds)}: "
            + count(len(self.made), "publicatie", "publicaties")
            + f" {made_and_reused(fresh, len(self.made))}, "
            + count(sum(m.pages for m in self.made), "bladzijde", "bladzijden")
            + "."
        )
        return lines


class Publications(Product):
    name = "pdf"
    target = "pdf"
    typesets = True
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
            layouts_digest=build.print_layouts,
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
        traces = build.traces(self.name)
        every = build.preview.only is None
        traces.prune = every
        salted = salt(printer)
        todo = [print_job(job, salted) for job in self.wanted()]

        def html(job: PrintJob) -> str:
            assert job.source is not None
            return printer.html(job.source)

        typesetter = Typesetter(build, self.store, traces, printer, html, build.request.progress)
        made = typesetter.make(todo)
        self.store.keep_used([(m.key, m.booklet is not None) for m in made], prune=every)
        report = PdfReport(made)
        report.seconds = time.perf_counter() - started
        fresh = all(m.reused for m in made)
        return Outcome(placements(made), fresh, [m.key for m in made], report)

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
