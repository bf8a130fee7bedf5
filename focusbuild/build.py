"""`focusbuild build`: check, then write every product through one staging folder.

This is the only place that knows the order: load and check the whole
project, stop on errors, make the PDFs, render the site (pages, search
index, sitemap), then swap the finished products into the output folder.
Whatever the last build made from the same inputs is reused from
OUTPUT/.cache/ (see `incremental.py`); `cache=False` renders everything.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from focusbuild import artifacts, build_pdfs, build_site, fingerprint
from focusbuild.build_pdfs import Progress
from focusbuild.check import CheckResult, check_project
from focusbuild.incremental import (
    Inputs,
    MarkdownStore,
    TraceStore,
    cache_folder,
    forget_output,
    output_intact,
    remember_output,
)
from focusbuild.output import Staging
from focusbuild.parallel import default_jobs
from focusbuild.render.colophon import colophon
from focusbuild.render.links import Linker
from focusbuild.render.publications import Made, PrintRenderer
from focusbuild.render.site import DOWNLOADS_READ, Download, SiteRenderer
from focusbuild.rendering import Renderer

LEADERS = artifacts.Audience.LEADERS.value

LAYOUTS = "layouts"
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
    search_deferred: bool = False  # the last search index was kept; build again to renew it
    listed: frozenset[str] = frozenset()  # the PDF file names the downloads page links to
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
    defer_search: bool = False,
    publications: frozenset[str] | None = None,
    pdf_on_demand: bool = False,
) -> BuildReport:
    """Check the project and write the products in `targets`.

    For `serve`: `defer_search` keeps the last search index when it is out
    of date, so an edit is on screen before Pagefind has run (the report
    says so; the next build without it renews the index); `publications`
    makes only the PDFs with these file names (with targets `("pdf",)`),
    keeping the others; `pdf_on_demand` lists every booklet on the site,
    also those not made yet.
    """
    started = time.perf_counter()
    jobs = jobs or default_jobs()
    root = root.resolve()
    output = (output or root / "output").resolve()
    cached = cache_folder(output)
    store = MarkdownStore(cached / "markdown.pickle", reuse=cache)
    result = check_project(
        root, content, jobs=jobs, renderer=lambda config: Renderer(config, store)
    )
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
            pdf_started = time.perf_counter()
            traces = TraceStore(cached / "pdf.traces", inputs, reuse=cache)
            stores.append(traces)
            printer = PrintRenderer(
                site,
                renderer,
                layouts,
                Linker.for_site(site),
                colophon(site.config.root, site.partners()),
                print_ready=print_ready,
                compiled=cached / "templates" / "print",
            )
            todo = build_pdfs.wanted(site, publications)
            every = publications is None
            made = build_pdfs.make(
                printer, todo, cached / "pdf", traces, jobs, progress, prune=every, reuse=cache
            )
            traces.prune = every
            report.publications = made
            report.seconds["pdf"] = time.perf_counter() - pdf_started
        if "site" in targets:
            # a site-only build leaves the leaders' PDFs as they are
            products = ("site", LEADERS) if "pdf" in targets else ("site",)
            kept = None if "pdf" in targets else output / "site" / artifacts.DOWNLOADS
            listed = build_pdfs.downloads(site, made, kept, cached / "pdf", on_demand=pdf_on_demand)
            inputs.set(
                DOWNLOADS_READ,
                repr([(d.filename, d.size, d.pages, d.booklet, d.on_demand) for d in listed]),
            )
            traces = TraceStore(cached / "site.traces", inputs, reuse=cache)
            stores.append(traces)
            pages = SiteRenderer(site, renderer, layouts, listed, cached / "templates" / "site")
            plan = build_site.plan(pages, traces, cached, defer_search=defer_search)
            report.pages, report.rendered = len(plan.jobs), [job.url for job in plan.stale]
            report.search_deferred = plan.search_deferred
            report.listed = frozenset(
                name for d in listed for name in (d.filename, d.booklet) if name is not None
            )
            if (
                all(m.reused for m in made)
                and not plan.stale
                and plan.search is not None
                and not plan.search_deferred
            ):
                signature = _signature(inputs, targets, traces, plan.media(), made)
                if output_intact(output, products, signature):
                    report.records = plan.search_records
                    report.unchanged = True
                    store.save()  # e.g. a leader-only text the site does not show
                    staging.discard()
                    report.output = output
                    report.seconds["total"] = time.perf_counter() - started
                    return report
            staging.recycle(products)
            build_pdfs.place(staging, made)
            if kept is not None:  # --only site: the PDFs of the last build stay
                build_pdfs.keep(site, output, staging, pdfs=True, page=False, leaders=False)
            shown = build_site.write("site", staging, plan, report, jobs)
        else:  # PDFs only: the downloads folder is swapped, its page kept
            products = (f"site/{artifacts.DOWNLOADS.rstrip('/')}", LEADERS)
            staging.recycle((LEADERS,))
            build_pdfs.place(staging, made)
            only_some = publications is not None
            build_pdfs.keep(site, output, staging, pdfs=only_some, page=True, leaders=only_some)
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
    media: list[tuple[Path, str]],
    made: list[Made],
) -> str:
    """What the output of a site build consists of: equal signatures, equal output.

    `media` are the pictures with the digest of what was (or would be) copied.
    """
    parts = [inputs.base, ",".join(targets), *sorted(traces.keys())]
    parts += [item.key for item in made]
    parts += [f"{path}={digest}" for path, digest in media]
    return fingerprint.combined(parts)


__all__ = ["BuildReport", "Download", "Progress", "build"]
