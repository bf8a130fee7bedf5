"""`focusbuild build`: check, then write every product through one staging folder.

This is the only place that knows the order: load and check the whole
project, stop on errors, make the PDFs, render the site (pages, search
index, sitemap), then swap the finished products into the output folder.
Whatever the last build made from the same inputs is reused from
OUTPUT/.cache/ (see `incremental.py`); `cache=False` renders everything.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from focusbuild import fingerprint, urls
from focusbuild.check import CheckResult, check_project
from focusbuild.incremental import (
    CACHE,
    Inputs,
    MarkdownStore,
    Objects,
    TraceStore,
    forget_output,
    output_intact,
    remember_output,
)
from focusbuild.model import Site
from focusbuild.output import Staging
from focusbuild.parallel import Workers, default_jobs
from focusbuild.render.colophon import colophon
from focusbuild.render.imposition import booklet_name
from focusbuild.render.links import Linker
from focusbuild.render.pdfcache import PdfCache
from focusbuild.render.pdfcache import page_count as _page_count
from focusbuild.render.publications import Job, Made, PrintRenderer
from focusbuild.render.publications import jobs as publication_jobs
from focusbuild.render.search import filter_order, records, write_index
from focusbuild.render.site import DOWNLOADS_READ, Download, PageJob, SiteRenderer, page_path
from focusbuild.render.sitemap import robots_txt, sitemap_xml

LAYOUTS = "layouts"
SEARCH = "search"  # the search index among the site's traces

#: Called after each publication: (how many in all, the one just made).
Progress = Callable[[int, Made], None]
TARGETS = ("site", "pdf")


@dataclass
class BuildReport:
    check: CheckResult
    output: Path | None = None
    pages: int = 0
    rendered: list[str] = field(default_factory=list)  # pages made again; the rest was reused
    records: int = 0
    search_indexed: bool = False  # False: the search index was reused
    unchanged: bool = False  # nothing changed since the last build: nothing was written
    publications: list[Made] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def pages_rendered(self) -> int:
        return len(self.rendered)

    @property
    def bodies_rendered(self) -> int:
        """Markdown bodies rendered (not reused from the cache), leader and public apart."""
        renderer = self.check.renderer
        return renderer.renders if renderer is not None else 0

    @property
    def ok(self) -> bool:
        return self.output is not None


def _layouts(root: Path) -> Path:
    """The project's layouts, or focusbuild's own when the project has none."""
    own = root / LAYOUTS
    if (own / "site").is_dir():
        return own
    return Path(__file__).resolve().parent.parent / LAYOUTS


def build(
    root: Path,
    content: Path | None = None,
    output: Path | None = None,
    *,
    targets: tuple[str, ...] = TARGETS,
    strict: bool = False,
    jobs: int | None = None,
    print_ready: bool = False,
    progress: Progress | None = None,
    cache: bool = True,
) -> BuildReport:
    started = time.perf_counter()
    jobs = jobs or default_jobs()
    root = root.resolve()
    output = (output or root / "output").resolve()
    cached = output / CACHE
    store = MarkdownStore(cached / "markdown.pickle", reuse=cache)
    result = check_project(root, content, jobs=jobs, store=store)
    report = BuildReport(result)
    report.seconds["check"] = time.perf_counter() - started
    if not result.ok(strict=strict):
        return report
    site, renderer = result.site, result.renderer
    assert site is not None and renderer is not None
    staging = Staging(output)
    try:
        layouts = _layouts(root)
        inputs = Inputs(
            fingerprint.digest(fingerprint.code(), fingerprint.files(layouts)),
            fingerprint.skeleton(site),
            {source.rel: source.body for source in site.sources()},
        )
        made: list[Made] = []
        stores: list[MarkdownStore | TraceStore] = [store]
        if "pdf" in targets:
            traces = TraceStore(cached / "pdf.traces", inputs, reuse=cache)
            stores.append(traces)
            printer = PrintRenderer(
                site,
                renderer,
                layouts,
                Linker.for_site(site),
                colophon(site.config.root, site.partners()),
                print_ready=print_ready,
            )
            made = _publications(printer, cached, traces, report, jobs, progress)
        if "site" in targets:
            products = ("site", "leiders")
            kept = None if "pdf" in targets else output / "site" / urls.DOWNLOADS
            listed = downloads(site, made, kept)
            inputs.set(
                DOWNLOADS_READ, repr([(d.filename, d.size, d.pages, d.booklet) for d in listed])
            )
            traces = TraceStore(cached / "site.traces", inputs, reuse=cache)
            stores.append(traces)
            plan = _plan_site(SiteRenderer(site, renderer, layouts, listed), traces, cached)
            report.pages, report.rendered = len(plan.jobs), [job.url for job in plan.stale]
            if all(m.reused for m in made) and not plan.stale and plan.search is not None:
                signature = _signature(inputs, targets, traces, plan.media(), made)
                if output_intact(output, products, signature):
                    report.records = plan.search_records
                    report.publications = made
                    report.unchanged = True
                    staging.discard()
                    report.output = output
                    report.seconds["total"] = time.perf_counter() - started
                    return report
            _write_publications(staging, made)
            if kept is not None:
                _keep_downloads(output, staging)
            shown = _write_site("site", staging, plan, report, jobs)
        else:  # PDFs only: the downloads folder is swapped, its page kept
            products = (f"site/{urls.DOWNLOADS.rstrip('/')}", "leiders")
            _write_publications(staging, made)
            _keep_downloads(output, staging, pdfs=False)
        for done in stores:
            done.save()
        forget_output(output)  # until the new output is in place and remembered
        staging.commit(products)
        if "site" in targets:
            remember_output(output, products, _signature(inputs, targets, traces, shown, made))
    except BaseException:
        staging.discard()
        raise
    report.output = output
    report.seconds["total"] = time.perf_counter() - started
    return report


def _signature(
    inputs: Inputs,
    targets: tuple[str, ...],
    traces: TraceStore,
    media: list[Path],
    made: list[Made],
) -> str:
    """What the output of a site build consists of: equal signatures, equal output."""
    parts = [inputs.base, ",".join(targets), *sorted(traces.keys())]
    parts += [item.key for item in made]
    parts += [f"{path}={fingerprint.file(path)}" for path in media]
    return fingerprint.combined(parts)


def _keep_downloads(output: Path, staging: Staging, *, pdfs: bool = True) -> None:
    """Carry over from the last build: its PDFs (`--only site`) or its page (`--only pdf`)."""
    folder = output / "site" / urls.DOWNLOADS
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.is_file() and (path.suffix == ".pdf") == pdfs:
                staging.copy(f"site/{urls.DOWNLOADS}{path.name}", path)


def _publications(
    printer: PrintRenderer,
    cached: Path,
    traces: TraceStore,
    report: BuildReport,
    jobs: int,
    progress: Progress | None,
) -> list[Made]:
    """Every PDF, in the cache: reused by its trace, else its HTML rendered and the PDF
    reused by its key, else typeset by WeasyPrint."""
    started = time.perf_counter()
    todo = publication_jobs(printer.site)
    pdfs = PdfCache(cached / "pdf")
    salt = fingerprint.digest(repr(sorted(printer.colophon.items())), repr(printer.print_ready))

    def product(job: Job) -> str:
        return f"pdf:{job.rel}:{salt}"

    results: list[Made | None] = [None] * len(todo)
    stale = []
    for index, job in enumerate(todo):
        trace = traces.lookup(product(job))
        found = pdfs.stored(trace.payload, job) if trace is not None else None
        results[index] = found
        if found is None:
            stale.append(index)
        elif progress is not None:
            progress(len(todo), found)
    with Workers(lambda i: pdfs.make(printer, todo[stale[i]]), len(stale), jobs, minimum=4) as w:
        for index, item in w.each():
            results[stale[index]] = item
            traces.record(product(item.job), item.inputs, item.key)
            if progress is not None:
                progress(len(todo), item)
    finished = [item for item in results if item is not None]
    pdfs.keep_used(finished)
    report.publications = finished
    report.seconds["pdf"] = time.perf_counter() - started
    return finished


def _write_publications(staging: Staging, made: list[Made]) -> None:
    for item in made:
        staging.link(item.job.rel, item.pdf)
        if item.booklet is not None:
            staging.link(booklet_name(item.job.rel), item.booklet)


def downloads(site: Site, made: list[Made], kept: Path | None = None) -> tuple[Download, ...]:
    """Every public booklet, per blok or katern; size and pages once the PDF exists.

    The PDFs are the ones just made, or (`--only site`) the ones in `kept`.
    """
    by_name = {item.job.filename: item for item in made}
    result = []
    for job in publication_jobs(site):
        if not job.public:
            continue
        item = by_name.get(job.filename)
        booklet = booklet_name(job.filename)
        size = pages = None
        listed: str | None = None
        if item is not None:
            size, pages = item.pdf.stat().st_size, item.pages
            listed = booklet if item.booklet is not None else None
        elif kept is not None and (kept / job.filename).is_file():
            size, pages = (kept / job.filename).stat().st_size, _page_count(kept / job.filename)
            listed = booklet if job.publication.boekje and (kept / booklet).is_file() else None
        result.append(Download(job.publication, job.owner, job.filename, size, pages, listed))
    return tuple(result)


@dataclass
class SitePlan:
    """The site's pages and search index, each reused from the cache or still to make."""

    pages: SiteRenderer
    traces: TraceStore
    objects: Objects
    jobs: list[PageJob]
    reused: list[tuple[PageJob, Path, tuple[str, ...]]]  # job, cached page, its pictures
    stale: list[PageJob]
    search: list[tuple[str, Path]] | None  # the cached index files, if still valid
    search_records: int = 0

    def media(self) -> list[Path]:
        """The content files (pictures) the reused pages show."""
        inner = sorted({m for _, _, media in self.reused for m in media})
        return [self.pages.linker.content / m for m in inner]


def _plan_site(pages: SiteRenderer, traces: TraceStore, cached: Path) -> SitePlan:
    objects = Objects(cached / "site")
    jobs = pages.pages()
    reused, stale = [], []
    for job in jobs:
        trace = traces.lookup(job.product)
        stored = objects.file(trace.key, ".html") if trace is not None else None
        if trace is not None and stored is not None:
            reused.append((job, stored, tuple(trace.payload)))
        else:
            stale.append(job)
    search = traces.lookup(SEARCH)
    files = objects.tree(search.key) if search is not None else None
    count = search.payload if search is not None and files is not None else 0
    return SitePlan(pages, traces, objects, jobs, reused, stale, files, count)


def _write_site(
    prefix: str, staging: Staging, plan: SitePlan, report: BuildReport, jobs: int
) -> list[Path]:
    """Write the site into the staging folder; the content files (pictures) it shows."""
    pages, traces, objects = plan.pages, plan.traces, plan.objects
    site, renderer = pages.site, pages.renderer
    started = time.perf_counter()
    media: set[str] = set()
    for job, stored, shown in plan.reused:
        staging.link(f"{prefix}/{page_path(job.url)}", stored)
        media.update(shown)
    folder = staging.root / prefix / urls.PAGEFIND.rstrip("/")
    items = None
    if plan.search is not None:
        for inner, path in plan.search:
            staging.link(f"{prefix}/{urls.PAGEFIND}{inner}", path)
        report.records = plan.search_records
    else:
        with renderer.recorder.recording() as reads:
            items = list(records(site, renderer))
        report.records, report.search_indexed = len(items), True
    stale = plan.stale
    # Fork the page workers first, then start the thread that feeds Pagefind:
    # forking a process that runs threads is unsafe.
    with (
        Workers(lambda i: pages.render(stale[i]), len(stale), jobs) as workers,
        ThreadPoolExecutor(max_workers=1) as background,
    ):
        # Pagefind indexes in its own process while we render the pages.
        search = None
        if items is not None:
            order = filter_order(site)
            search = background.submit(write_index, items, site.config.taal, folder, order)
        for job, page in zip(stale, workers.map(), strict=True):
            written = staging.path(f"{prefix}/{page.path}")
            written.write_text(page.html, encoding="utf-8", newline="\n")
            media.update(page.media)
            trace = traces.record(job.product, page.reads, page.media)
            objects.put_file(trace.key, ".html", written)
        report.seconds["pages"] = time.perf_counter() - started
        static = pages.layouts / "static"
        for path in sorted(static.rglob("*")):
            if path.is_file():
                rel = path.relative_to(static).as_posix()
                target = rel if rel.startswith("favicon") else urls.STATIC + rel
                staging.copy(f"{prefix}/{target}", path)
        for inner in sorted(media):
            staging.copy(f"{prefix}/{urls.media(inner)}", pages.linker.content / inner)
        written_urls = [job.url for job in plan.jobs]
        base = site.config.basis_url
        staging.write_text(f"{prefix}/sitemap.xml", sitemap_xml(base, written_urls))
        staging.write_text(f"{prefix}/robots.txt", robots_txt(base))
        if search is not None and items is not None:
            search.result()
            objects.put_tree(traces.record(SEARCH, reads, len(items)).key, folder)
    objects.keep_used()
    report.seconds["site"] = time.perf_counter() - started
    return [pages.linker.content / inner for inner in sorted(media)]


__all__ = ["BuildReport", "Download", "build"]
