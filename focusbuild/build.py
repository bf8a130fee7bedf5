"""`focusbuild build`: check, then write every product through one staging folder.

This is the only place that knows the order: load and check the whole
project, stop on errors, render the site (pages, search index, sitemap),
then swap the finished products into the output folder.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from focusbuild import urls
from focusbuild.check import CheckResult, check_project
from focusbuild.model import Blok, Katern, Site
from focusbuild.output import Staging
from focusbuild.parallel import Workers, default_jobs
from focusbuild.render.search import filter_order, records, write_index
from focusbuild.render.site import Download, SiteRenderer
from focusbuild.render.sitemap import robots_txt, sitemap_xml

LAYOUTS = "layouts"
TARGETS = ("site", "pdf")


@dataclass
class BuildReport:
    check: CheckResult
    output: Path | None = None
    pages: int = 0
    records: int = 0
    files: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

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
) -> BuildReport:
    started = time.perf_counter()
    jobs = jobs or default_jobs()
    result = check_project(root, content, jobs=jobs)
    report = BuildReport(result)
    report.seconds["check"] = time.perf_counter() - started
    if not result.ok(strict=strict):
        return report
    site, renderer = result.site, result.renderer
    assert site is not None and renderer is not None
    root = root.resolve()
    output = (output or root / "output").resolve()
    staging = Staging(output)
    try:
        if "site" in targets:
            pages = SiteRenderer(site, renderer, _layouts(root), downloads(site, staging))
            _site("site", staging, pages, report, jobs)
        staging.commit(("site",))
    except BaseException:
        staging.discard()
        raise
    report.output = output
    report.seconds["total"] = time.perf_counter() - started
    return report


def downloads(site: Site, staging: Staging) -> tuple[Download, ...]:
    """Every public booklet, per blok or katern; size and pages once the PDF exists."""
    result = []
    owners: list[Blok | Katern] = [*site.blokken, *site.katernen]
    for owner in owners:
        per, key = (
            ("blok", str(owner.number)) if isinstance(owner, Blok) else ("katern", owner.slug)
        )
        for publication in site.config.publicaties:
            if not publication.openbaar or publication.per != per:
                continue
            filename = publication.bestand.replace("{" + per + "}", key)
            made = staging.root / "site" / urls.DOWNLOADS / filename
            size = made.stat().st_size if made.is_file() else None
            result.append(Download(publication, owner, filename, size))
    return tuple(result)


def _site(
    prefix: str, staging: Staging, pages: SiteRenderer, report: BuildReport, jobs: int
) -> None:
    site = pages.site
    started = time.perf_counter()
    todo = pages.pages()
    items = list(records(site, pages.renderer))
    folder = staging.root / prefix / urls.PAGEFIND.rstrip("/")
    # Fork the page workers first, then start the thread that feeds Pagefind:
    # forking a process that runs threads is unsafe.
    with (
        Workers(lambda i: pages.render(todo[i]), len(todo), jobs) as workers,
        ThreadPoolExecutor(max_workers=1) as background,
    ):
        # Pagefind indexes in its own process while we render the pages.
        search = background.submit(write_index, items, site.config.taal, folder, filter_order(site))
        media: set[str] = set()
        for page in workers.map():
            staging.write_text(f"{prefix}/{page.path}", page.html)
            media.update(page.media)
        report.pages = len(todo)
        report.seconds["pages"] = time.perf_counter() - started
        static = pages.layouts / "static"
        for path in sorted(static.rglob("*")):
            if path.is_file():
                rel = path.relative_to(static).as_posix()
                target = rel if rel.startswith("favicon") else urls.STATIC + rel
                staging.copy(f"{prefix}/{target}", path)
        for inner in sorted(media):
            staging.copy(f"{prefix}/{urls.media(inner)}", pages.linker.content / inner)
        written = [job.url for job in todo]
        staging.write_text(f"{prefix}/sitemap.xml", sitemap_xml(site.config.basis_url, written))
        staging.write_text(f"{prefix}/robots.txt", robots_txt(site.config.basis_url))
        search.result()
    report.records = len(items)
    report.seconds["site"] = time.perf_counter() - started


__all__ = ["BuildReport", "Download", "build"]
