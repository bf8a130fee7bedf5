"""Making PDFs for any product: reused by trace, else by the hash of their HTML, else typeset.

A `PrintJob` names one PDF: its name among the traces, where it goes, and
whether it also gets an A4 booklet. `Typesetter.make` looks each job up by
its trace first (no HTML is rendered when none of the bodies, pictures and
files it read changed), then renders its HTML and looks the PDF up by the
hash of that HTML (`cache/pdfs.py`), and only then typesets it with
WeasyPrint, in forked worker processes.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from functools import partial
from multiprocessing.pool import Pool
from pathlib import Path
from queue import SimpleQueue
from typing import Any

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache import fingerprint
from focusbuild.cache.pdfs import PdfStore, StoredPdf
from focusbuild.cache.traces import TraceStore
from focusbuild.parallel import Workers
from focusbuild.products.base import Build, Placement
from focusbuild.render import warm_typesetter
from focusbuild.render.publications import Job, PrintRenderer, pictures


@dataclass(frozen=True)
class PrintJob:
    product: str  # its name among the traces
    artifact: Artifact
    boekje: bool = False  # also an A4 imposition, to fold and staple
    source: Job | None = None  # the publication it is an edition of, if any
    reads: tuple[str, ...] = ()  # inputs it depends on beyond what its HTML reads

    @property
    def filename(self) -> str:
        return self.artifact.path.rsplit("/", 1)[-1]

    @property
    def rel(self) -> str:
        return self.artifact.rel

    @property
    def booklet(self) -> Artifact | None:
        """Where the A4 imposition goes, beside the PDF."""
        if not self.boekje:
            return None
        return replace(self.artifact, path=artifacts.booklet_name(self.artifact.path))


@dataclass(frozen=True)
class Made:
    """A finished PDF (and A4 booklet) in the cache."""

    job: PrintJob
    pdf: Path
    pages: int
    reused: bool
    seconds: float
    key: str = ""
    booklet: Path | None = None
    inputs: tuple[str, ...] = ()  # what it was made of (bodies, pictures), for the next build
    #: the pictures' digests as they were read before typesetting (a picture saved while
    #: the PDF was made must not be recorded as the one in it)
    digests: tuple[tuple[str, str], ...] = ()


#: Called after each PDF: (how many in all, the one just made).
Progress = Callable[[int, Made], None]


class Typesetter:
    def __init__(
        self,
        build: Build,
        store: PdfStore,
        traces: TraceStore,
        printer: PrintRenderer,
        html: Callable[[PrintJob], str],
        progress: Progress | None = None,
    ) -> None:
        self.build = build
        self.store = store
        self.traces = traces
        self.printer = printer
        self.html = html
        self.progress = progress

    def make(self, todo: list[PrintJob]) -> list[Made]:
        # a font file may have changed since this process last typeset (serve): the next
        # document starts with a new font configuration (WeasyPrint is only imported once
        # a PDF must be made; a build that makes none does not load it for this)
        loaded = sys.modules.get("focusbuild.render.typeset")
        if loaded is not None:
            loaded.forget_fonts()
        results: list[Made | None] = [None] * len(todo)
        stale = []
        for index, job in enumerate(todo):
            trace = self.traces.lookup(job.product)
            found = self._stored(trace.payload, job) if trace is not None else None
            results[index] = found
            if found is None:
                stale.append(index)
            elif self.progress is not None:
                self.progress(len(todo), found)
        if stale:
            _ = self.build.fonts  # the fonts' folder made, and old ones removed, before forking
        for index, typeset in self._each([todo[i] for i in stale]):
            item = replace(typeset, job=todo[stale[index]])
            results[stale[index]] = item
            reads = (*item.inputs, *item.job.reads)
            self.traces.record(item.job.product, reads, item.key, known=dict(item.digests))
            if self.progress is not None:
                self.progress(len(todo), item)
        return [item for item in results if item is not None]

    def _each(self, jobs: list[PrintJob]) -> Iterator[tuple[int, Made]]:
        """(index, made) for every job, as each is done: in workers forked from the warm
        server when it runs, else in workers forked from this process."""
        if jobs and warm_typesetter.running():
            yield from self._warm(jobs)
            return
        with Workers(lambda i: self._typeset(jobs[i]), len(jobs), self.build.jobs, minimum=2) as w:
            yield from w.each()

    def _warm(self, jobs: list[PrintJob]) -> Iterator[tuple[int, Made]]:
        """The HTML is rendered here, one job after another, and each is handed to a warm
        worker at once; the PDFs are stored here as they come back. The workers are asked
        for once the first HTML is ready: the server may still be loading until then."""
        done: SimpleQueue[tuple[int, Any]] = SimpleQueue()
        prepared: dict[int, _Prepared] = {}
        with ExitStack() as stack:
            pool: Pool | None = None
            for index, job in enumerate(jobs):
                ready = prepared[index] = self._prepare(job)
                if ready.found is not None:
                    done.put((index, None))
                    continue
                if pool is None:
                    pool = warm_typesetter.pool(min(self.build.jobs, len(jobs) - index))
                    assert pool is not None  # the server runs
                    stack.enter_context(pool)
                pool.apply_async(
                    warm_typesetter.pdf_of,
                    self._pdf_of(ready),
                    callback=partial(_deliver, done, index),
                    error_callback=partial(_deliver, done, index),
                )
            for _ in jobs:
                index, out = done.get()
                if isinstance(out, BaseException):
                    raise out
                ready = prepared.pop(index)
                yield index, ready.made() if out is None else self._keep(ready, out)

    def _stored(self, key: str, job: PrintJob) -> Made | None:
        started = time.perf_counter()
        found = self.store.get(key, booklet=job.boekje)
        if found is None:
            return None
        return _made(job, found, key, reused=True, seconds=time.perf_counter() - started)

    def _prepare(self, job: PrintJob) -> _Prepared:
        """A job's HTML, what it read, its key, and its PDF when the key is known."""
        started = time.perf_counter()
        printer = self.printer
        with printer.renderer.recorder.recording() as names:
            html = self.html(job)
        embedded = pictures(html)
        inputs = self.build.inputs
        names.update(inputs.file(path) for path in embedded)
        # read once, before typesetting: the key and the trace name what the PDF embeds
        digests = tuple((inputs.file(path), fingerprint.file(path)) for path in embedded)
        key = printer.key(html, [digest for _, digest in digests])
        found = self.store.get(key, booklet=job.boekje) if self.build.request.cache else None
        seconds = time.perf_counter() - started
        return _Prepared(job, html, tuple(sorted(names)), digests, key, found, seconds)

    def _keep(self, ready: _Prepared, typeset: warm_typesetter.Typeset) -> Made:
        """A PDF just typeset, stored by its key; its time is that of preparing it and of
        typesetting it, not the time it waited for a worker."""
        data, pages, imposed, seconds, parts = typeset
        found = self.store.put(ready.key, data, pages, imposed, parts)
        return replace(ready, found=found).made(typesetting=seconds)

    def _typeset(self, job: PrintJob) -> Made:
        """The PDF of a job: its HTML is rendered, the PDF reused when the key is known.
        (Runs in a worker process: what it returns is sent back, so it holds no job.)"""
        ready = self._prepare(job)
        if ready.found is not None:
            return replace(ready.made(), job=_BLANK)
        typeset = warm_typesetter.pdf_of(*self._pdf_of(ready))
        return replace(self._keep(ready, typeset), job=_BLANK)

    def _pdf_of(
        self, ready: _Prepared
    ) -> tuple[str, str, tuple[Path, ...], Path, bool, tuple[Path, str]]:
        """The arguments of `warm_typesetter.pdf_of` for a prepared job, in either worker:
        with the part store and the key of everything but the HTML (`render/parts.py`)."""
        base, roots = self.printer.typesetting()
        salt = self.printer.key("", [digest for _, digest in ready.digests])
        parts = (self.store.parts_folder, salt)
        return ready.html, base, roots, self.build.fonts, ready.job.boekje, parts


def _deliver(done: SimpleQueue[tuple[int, Any]], index: int, out: Any) -> None:
    """A warm worker's result (or error), handed from the pool's thread to the build's."""
    done.put((index, out))


@dataclass(frozen=True)
class _Prepared:
    """A job with its HTML rendered: what the PDF needs and what its trace records."""

    job: PrintJob
    html: str
    names: tuple[str, ...]
    digests: tuple[tuple[str, str], ...]
    key: str
    found: StoredPdf | None
    seconds: float  # to render the HTML and look the PDF up

    def made(self, *, typesetting: float | None = None) -> Made:
        """The finished PDF: reused by its key, or typeset in `typesetting` seconds."""
        assert self.found is not None
        seconds = self.seconds + (typesetting or 0.0)
        made = _made(self.job, self.found, self.key, reused=typesetting is None, seconds=seconds)
        return replace(made, inputs=self.names, digests=self.digests)


_BLANK = PrintJob("", artifacts.public(""))


def _made(job: PrintJob, found: StoredPdf, key: str, *, reused: bool, seconds: float) -> Made:
    return Made(job, found.pdf, found.pages, reused, seconds, key, found.booklet)


def placements(made: list[Made]) -> list[Placement]:
    """Each PDF where it goes, and its A4 booklet beside it."""
    found = []
    for item in made:
        found.append(Placement(item.job.artifact, item.pdf))
        booklet = item.job.booklet
        if booklet is not None and item.booklet is not None:
            found.append(Placement(booklet, item.booklet))
    return found


def salt(printer: PrintRenderer) -> str:
    """What, beyond its inputs, decides every PDF of a build: the colophon, print-ready."""
    return fingerprint.digest(repr(sorted(printer.colophon.items())), repr(printer.print_ready))
