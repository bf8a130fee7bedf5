"""The build's website: each page and the search index reused from the cache or made.

`plan` looks every page up by its trace (see `incremental.py`); `write`
links the reused pages into the staging folder, renders the others in
forked processes while Pagefind indexes in its own process, and adds the
static files, pictures, sitemap and robots.txt.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from focusbuild import artifacts, fingerprint
from focusbuild.incremental import Inputs, Objects, Trace, TraceStore
from focusbuild.output import Staging
from focusbuild.parallel import Workers
from focusbuild.render.search import filter_order, make_index, records
from focusbuild.render.site import PageJob, SiteRenderer
from focusbuild.render.sitemap import robots_txt, sitemap_xml
from focusbuild.rendering import Renderer

SEARCH = "search"  # the search index among the site's traces


class Report(Protocol):
    records: int
    search_indexed: bool
    seconds: dict[str, float]


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
    search_deferred: bool = False  # `search` is the last index, out of date

    def media(self) -> list[tuple[Path, str]]:
        """The content files (pictures) the reused pages show, with their digests."""
        inner = sorted({m for _, _, media in self.reused for m in media})
        files = [self.pages.linker.content / m for m in inner]
        return [(path, fingerprint.file(path)) for path in files]


def plan(
    pages: SiteRenderer, traces: TraceStore, cached: Path, *, defer_search: bool = False
) -> SitePlan:
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
    deferred = False
    if search is None and defer_search:
        previous = traces.previous(SEARCH)
        if previous is not None and _may_defer(previous, traces.inputs, pages.renderer):
            search, deferred = previous, True
    files = objects.tree(search.key) if search is not None else None
    if deferred and files is not None:
        traces.carry(SEARCH)  # the old index stays in use, so it stays in the cache
    state = search.payload if search is not None and files is not None else None
    count = state.records if isinstance(state, SearchState) else 0
    return SitePlan(
        pages, traces, objects, jobs, reused, stale, files, count, deferred and files is not None
    )


@dataclass(frozen=True)
class SearchState:
    """What the search index's trace keeps: its size, and what it was made from."""

    records: int
    base: str  # environment and skeleton
    digests: tuple[str, ...]  # of the trace's names, in order


def _may_defer(previous: Trace, inputs: Inputs, renderer: Renderer) -> bool:
    """Whether the last index may stay in use a moment longer (`serve`).

    Not when the skeleton changed (e.g. `handleiding: true` was added), nor when
    an edited text has a `::: handleiding` block: the old index could hold
    text that has just become leader-only.
    """
    state = previous.payload
    if not isinstance(state, SearchState) or state.base != inputs.base:
        return False
    for name, digest in zip(previous.names, state.digests, strict=True):
        if inputs.digest(name) != digest:
            kind, _, rel = name.partition(":")
            rendered = renderer.rendered(rel) if kind == "body" else None
            if rendered is None or rendered.public_differs:
                return False
    return True


def write(
    prefix: str, staging: Staging, planned: SitePlan, report: Report, jobs: int
) -> list[tuple[Path, str]]:
    """Write the site into the staging folder; the pictures it shows, with their digests."""
    pages, traces, objects = planned.pages, planned.traces, planned.objects
    site, renderer = pages.site, pages.renderer
    started = time.perf_counter()
    media: set[str] = set()
    for job, stored, shown in planned.reused:
        staging.link(f"{prefix}/{artifacts.page_path(job.url)}", stored)
        media.update(shown)
    folder = staging.root / prefix / artifacts.PAGEFIND.rstrip("/")
    items = None
    if planned.search is not None:
        for inner, path in planned.search:
            staging.link(f"{prefix}/{artifacts.PAGEFIND}{inner}", path)
        report.records = planned.search_records
    else:
        with renderer.recorder.recording() as reads:
            items = list(records(site, renderer))
        report.records, report.search_indexed = len(items), True
    stale = planned.stale
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
            search = background.submit(make_index, items, site.config.taal, order)
        for job, page in zip(stale, workers.map(), strict=True):
            staging.write_text(f"{prefix}/{page.path}", page.html)
            written = staging.root / prefix / page.path
            media.update(page.media)
            trace = traces.record(job.product, page.reads, page.media)
            objects.put_file(trace.key, ".html", written)
        report.seconds["pages"] = time.perf_counter() - started
        static = pages.layouts / "static"
        for path in sorted(static.rglob("*")):
            if path.is_file():
                rel = path.relative_to(static).as_posix()
                staging.copy(f"{prefix}/{artifacts.static(rel)}", path)
        copied = []
        for inner in sorted(media):
            source = pages.linker.content / inner
            copied.append((source, fingerprint.file(source)))  # before copying: see _signature
            staging.copy(f"{prefix}/{artifacts.media(inner)}", source)
        written_urls = [job.url for job in planned.jobs]
        base = site.config.basis_url
        staging.write_text(f"{prefix}/sitemap.xml", sitemap_xml(base, written_urls))
        staging.write_text(f"{prefix}/robots.txt", robots_txt(base))
        if search is not None and items is not None:
            index: list[tuple[str, Path]] = []
            for inner, data in search.result().items():
                staging.write_bytes(f"{prefix}/{artifacts.PAGEFIND}{inner}", data)
                index.append((inner, folder / inner))
            names = sorted(reads)
            state = SearchState(
                len(items), traces.inputs.base, tuple(traces.inputs.digest(n) for n in names)
            )
            objects.put_tree(traces.record(SEARCH, names, state).key, index)
    objects.keep_used()
    report.seconds["site"] = time.perf_counter() - started
    return copied
