"""The website's pages, with the files they need: static files, pictures, sitemap.

Every page is looked up by its trace (see `cache/traces.py`): a page none
of whose inputs changed is reused from OUTPUT/.cache/pages/; the others are
rendered in forked processes. Static files and pictures are copied with
their own modification time, so browsers keep their copies.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache import fingerprint
from focusbuild.diagnostics import count, made_and_reused, seconden
from focusbuild.downloads import describe
from focusbuild.parallel import Workers
from focusbuild.products.base import Outcome, Pending, Placement, Product, Report
from focusbuild.render.news import TODAY_READ
from focusbuild.render.site import (
    DOWNLOADS_READ,
    SEARCH_PARTS_READ,
    PageJob,
    PageOut,
    SiteRenderer,
    downloads_read,
)
from focusbuild.render.sitemap import robots_txt, sitemap_xml


@dataclass
class PagesReport(Report):
    pages: int
    rendered: list[str] = field(default_factory=list)  # the pages made; the rest was reused

    def lines(self, where: str) -> list[str]:
        pages = count(self.pages, "pagina", "pagina's")
        made = made_and_reused(len(self.rendered), self.pages)
        return [f"Website klaar in {seconden(self.seconds)}: {pages} {made} in {where}/site."]


#: Where the site templates' compiled code is kept, below the cache folder.
TEMPLATE_CODE = Path("templates") / "site"


class Pages(Product):
    name = "pages"
    target = "site"
    label = "de website"

    @cached_property
    def renderer(self) -> SiteRenderer:
        build = self.build
        return SiteRenderer(
            build.site,
            build.renderer,
            build.layouts,
            build.downloads,
            build.cached / TEMPLATE_CODE,
            build.today,
        )

    @cached_property
    def jobs(self) -> list[PageJob]:
        return self.renderer.pages()

    def static(self) -> list[tuple[Artifact, Path]]:
        """The layouts' static files (CSS, scripts, fonts, favicons)."""
        folder = self.build.layouts / "static"
        return [
            (artifacts.public(artifacts.static(path.relative_to(folder).as_posix())), path)
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        ]

    def plan(self) -> list[Artifact]:
        found = [artifacts.page(job.url) for job in self.jobs]
        found += [artifact for artifact, _ in self.static()]
        found += [artifacts.public(artifacts.SITEMAP), artifacts.public(artifacts.ROBOTS)]
        return [*found, artifacts.public(artifacts.MEDIA)]

    def make(self) -> Outcome | Pending:
        started = time.perf_counter()
        build = self.build
        build.inputs.set(DOWNLOADS_READ, describe(build.downloads))
        build.inputs.set(TODAY_READ, build.today.isoformat())
        build.inputs.set(SEARCH_PARTS_READ, " ".join(self.renderer.index_parts))
        for owner in self.renderer.download_owners():  # pages that show one owner's
            rows = [row for row in build.downloads if row.owner is owner]
            build.inputs.set(downloads_read(owner.source.rel), describe(rows))
        traces, objects = build.traces(self.name), build.objects(self.name)
        reused, stale = [], []
        for job in self.jobs:
            trace = traces.lookup(job.product)
            stored = objects.file(trace.key, ".html") if trace is not None else None
            if trace is not None and stored is not None:
                reused.append((job, stored, trace))
            else:
                stale.append(job)
        spool = _Spool(self.renderer, stale, objects.folder)
        # forked now, before a later product starts a thread (search)
        rendered = Workers(spool.render, len(stale), build.jobs).background()

        def finish() -> Outcome:
            made = rendered()
            placements: list[Placement] = []
            media: set[str] = set()
            signature = []
            for job, stored, trace in reused:
                placements.append(Placement(artifacts.page(job.url), stored))
                media.update(trace.payload)
                signature.append(trace.key)
            for job, (page, spooled) in zip(stale, made, strict=True):
                trace = traces.record(job.product, page.reads, page.media)
                stored = objects.move_in(trace.key, ".html", spooled)
                placements.append(Placement(artifacts.page(job.url), stored))
                media.update(page.media)
                signature.append(trace.key)
            objects.keep_used()
            placements += [Placement(a, path, copy=True) for a, path in self.static()]
            content = build.linker.content
            for inner in sorted(media):
                source = content / inner
                # the digest before copying: a picture saved meanwhile is not recorded as this
                signature.append(f"{inner}={fingerprint.file(source)}")
                placements.append(
                    Placement(artifacts.public(artifacts.media(inner)), source, copy=True)
                )
            base, urls = build.site.config.basis_url, [job.url for job in self.jobs]
            placements += [
                Placement(artifacts.public(artifacts.SITEMAP), data=_utf8(sitemap_xml(base, urls))),
                Placement(artifacts.public(artifacts.ROBOTS), data=_utf8(robots_txt(base))),
            ]
            report = PagesReport(len(self.jobs), [job.url for job in stale])
            report.seconds = time.perf_counter() - started
            return Outcome(placements, not stale, sorted(signature), report)

        return finish


@dataclass(frozen=True)
class _Spool:
    """Renders pages in the workers and writes each one to a file beside the cache at
    once: only what it read and shows goes back to the main process, not its HTML, so
    no process holds the whole site (20,000 pages are some 1.5 GB of HTML)."""

    renderer: SiteRenderer
    jobs: list[PageJob]
    folder: Path

    def render(self, index: int) -> tuple[PageOut, Path]:
        page = self.renderer.render(self.jobs[index])
        spooled = self.folder / f".tmp-{os.getpid()}-{index}.html"  # pruned if left over
        spooled.write_bytes(_utf8(page.html))
        return replace(page, html=""), spooled


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")
