"""`focusbuild build`: check, then write every product through one staging folder.

This is the only place that knows the order: load and check the whole
project, stop on errors, render the site (pages, search index, sitemap),
then swap the finished products into the output folder.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from focusbuild import urls
from focusbuild.check import CheckResult, check_project
from focusbuild.model import Site
from focusbuild.output import Staging
from focusbuild.parallel import Workers, default_jobs
from focusbuild.render.colophon import colophon
from focusbuild.render.imposition import booklet_name
from focusbuild.render.links import Linker
from focusbuild.render.pdfcache import PdfCache
from focusbuild.render.pdfcache import page_count as _page_count
from focusbuild.render.publications import Made, PrintRenderer
from focusbuild.render.publications import jobs as publication_jobs
from focusbuild.render.search import filter_order, records, write_index
from focusbuild.render.site import Download, SiteRenderer
from focusbuild.render.sitemap import robots_txt, sitemap_xml
from focusbuild.rendering import Renderer

LAYOUTS = "layouts"

#: Called after each publication: (how many in all, the one just made).
Progress = Callable[[int, Made], None]
TARGETS = ("site", "pdf")


@dataclass
class BuildReport:
    check: CheckResult
    output: Path | None = None
    pages: int = 0
    records: int = 0
    publications: list[Made] = field(default_factory=list)
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
    print_ready: bool = False,
    progress: Progress | None = None,
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
        made: dict[str, Made] = {}
        if "pdf" in targets:
            made = _publications(
                site, renderer, _layouts(root), staging, output, report, jobs, print_ready, progress
            )
        if "site" in targets:
            if "pdf" not in targets:
                _keep_downloads(output, staging)
            listed = downloads(site, staging, made)
            pages = SiteRenderer(site, renderer, _layouts(root), listed)
            _site("site", staging, pages, report, jobs)
            staging.commit(("site", "leiders"))
        else:  # PDFs only: the downloads folder is swapped, its page kept
            _keep_downloads(output, staging, pdfs=False)
            staging.commit((f"site/{urls.DOWNLOADS.rstrip('/')}", "leiders"))
    except BaseException:
        staging.discard()
        raise
    report.output = output
    report.seconds["total"] = time.perf_counter() - started
    return report


def _keep_downloads(output: Path, staging: Staging, *, pdfs: bool = True) -> None:
    """Carry over from the last build: its PDFs (`--only site`) or its page (`--only pdf`)."""
    folder = output / "site" / urls.DOWNLOADS
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.is_file() and (path.suffix == ".pdf") == pdfs:
                staging.copy(f"site/{urls.DOWNLOADS}{path.name}", path)


def _publications(
    site: Site,
    renderer: Renderer,
    layouts: Path,
    staging: Staging,
    output: Path,
    report: BuildReport,
    jobs: int,
    print_ready: bool,
    progress: Progress | None,
) -> dict[str, Made]:
    started = time.perf_counter()
    printer = PrintRenderer(
        site,
        renderer,
        layouts,
        Linker.for_site(site),
        colophon(site.config.root, site.partners()),
        print_ready=print_ready,
    )
    todo = publication_jobs(site)
    cache = PdfCache(output / ".cache" / "pdf")
    results: list[Made] = [None] * len(todo)  # type: ignore[list-item]
    with Workers(lambda i: cache.make(printer, todo[i]), len(todo), jobs, minimum=4) as workers:
        for index, item in workers.each():
            results[index] = item
            if progress is not None:
                progress(len(todo), item)
    made = {}
    for item in results:
        staging.write_bytes(item.job.rel, item.data)
        made[item.job.filename] = item
        if item.booklet is not None:
            staging.write_bytes(booklet_name(item.job.rel), item.booklet)
    cache.keep({item.key for item in results})
    report.publications = list(results)
    report.seconds["pdf"] = time.perf_counter() - started
    return made


def downloads(
    site: Site, staging: Staging, made: dict[str, Made] | None = None
) -> tuple[Download, ...]:
    """Every public booklet, per blok or katern; size and pages once the PDF exists."""
    result = []
    folder = staging.root / "site" / urls.DOWNLOADS
    for job in publication_jobs(site):
        if not job.public:
            continue
        file = folder / job.filename
        size = file.stat().st_size if file.is_file() else None
        pages = made[job.filename].pages if made and job.filename in made else _page_count(file)
        booklet = booklet_name(job.filename)
        listed = booklet if job.publication.boekje and (folder / booklet).is_file() else None
        result.append(Download(job.publication, job.owner, job.filename, size, pages, listed))
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
