"""The build's PDFs: made into the cache, then placed in the staging folder.

Each publication is looked up by its trace first (nothing is rendered when
none of the bodies and pictures it showed changed), then by the hash of its
HTML, and only then typeset by WeasyPrint, in parallel processes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from focusbuild import artifacts, fingerprint
from focusbuild.artifacts import booklet_name
from focusbuild.incremental import TraceStore
from focusbuild.model import Site
from focusbuild.output import Staging
from focusbuild.parallel import Workers
from focusbuild.render.pdfcache import PdfCache, page_count
from focusbuild.render.publications import Job, Made, PrintRenderer
from focusbuild.render.publications import jobs as publication_jobs
from focusbuild.render.site import Download

#: Called after each publication: (how many in all, the one just made).
Progress = Callable[[int, Made], None]


def wanted(site: Site, names: frozenset[str] | None) -> list[Job]:
    """The publication jobs, or only those whose PDF (or A4 booklet) is named in `names`."""
    todo = publication_jobs(site)
    if names is None:
        return todo
    return [j for j in todo if j.filename in names or booklet_name(j.filename) in names]


def make(
    printer: PrintRenderer,
    todo: list[Job],
    folder: Path,
    traces: TraceStore,
    jobs: int,
    progress: Progress | None,
    *,
    prune: bool = True,
    reuse: bool = True,
) -> list[Made]:
    """The PDFs of `todo`, in the cache: reused by their trace, else their HTML rendered
    and the PDF reused by its key, else typeset. `prune` forgets every other PDF;
    `reuse=False` (--no-cache) typesets every PDF in `todo`."""
    pdfs = PdfCache(folder, reuse=reuse)
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
            traces.record(product(item.job), item.inputs, item.key, known=dict(item.digests))
            if progress is not None:
                progress(len(todo), item)
    finished = [item for item in results if item is not None]
    pdfs.keep_used(finished, prune=prune)
    return finished


def place(staging: Staging, made: list[Made]) -> None:
    """Put the PDFs (and A4 booklets) where they belong in the output."""
    for item in made:
        staging.link(item.job.rel, item.pdf)
        if item.booklet is not None:
            staging.link(booklet_name(item.job.rel), item.booklet)


def keep(
    site: Site, output: Path, staging: Staging, *, pdfs: bool, page: bool, leaders: bool
) -> None:
    """Carry over from the last build what this build does not make: the public PDFs
    (`pdfs`), the downloads page (`page`), the leaders' PDFs (`leaders`). Only PDFs of
    publications that still exist, and still in the same place, are kept."""
    public: set[str] = set()
    private: set[str] = set()
    for job in publication_jobs(site):
        names = {job.filename, booklet_name(job.filename)}
        (public if job.public else private).update(names)
    downloads = output / artifacts.public(artifacts.DOWNLOADS).rel
    if downloads.is_dir():
        for path in sorted(downloads.iterdir()):
            rel = artifacts.public(artifacts.DOWNLOADS + path.name).rel
            is_pdf = path.suffix == ".pdf"
            wanted = (pdfs and path.name in public) if is_pdf else page
            if path.is_file() and wanted and not staging.claimed(rel):
                staging.link(rel, path)
    leaders_folder = artifacts.Audience.LEADERS.value
    if leaders and (output / leaders_folder).is_dir():
        for path in sorted((output / leaders_folder).iterdir()):
            rel = f"{leaders_folder}/{path.name}"
            if path.is_file() and path.name in private and not staging.claimed(rel):
                staging.link(rel, path)


def _cached_pages(folder: Path) -> dict[tuple[int, int], int]:
    """The page count of every PDF in the cache, by its file (inode and device)."""
    found = {}
    for count in folder.glob("*.pages"):
        try:
            info = count.with_suffix(".pdf").stat()
            found[(info.st_ino, info.st_dev)] = int(count.read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue
    return found


def _pages(path: Path, cached: dict[tuple[int, int], int]) -> int | None:
    """Pages of a kept PDF: from the cache when it is a cached file, else read by pypdf."""
    info = path.stat()
    return cached.get((info.st_ino, info.st_dev)) or page_count(path)


def downloads(
    site: Site,
    made: list[Made],
    kept: Path | None = None,
    cache: Path | None = None,
    *,
    on_demand: bool = False,
) -> tuple[Download, ...]:
    """Every public booklet, per blok or katern; size and pages once the PDF exists.

    The PDFs are the ones just made, or (`--only site`) the ones in `kept`,
    whose page counts come from the PDF cache `cache` where it has them.
    With `on_demand` (serve), a PDF that does not exist yet is listed too:
    it is made when its link is followed.
    """
    by_name = {item.job.filename: item for item in made}
    cached = _cached_pages(cache) if kept is not None and cache is not None else {}
    result = []
    for job in publication_jobs(site):
        if not job.public:
            continue
        item = by_name.get(job.filename)
        booklet = booklet_name(job.filename)
        size = pages = None
        listed: str | None = booklet if on_demand and job.publication.boekje else None
        if item is not None:
            size, pages = item.pdf.stat().st_size, item.pages
            listed = booklet if item.booklet is not None else None
        elif kept is not None and (kept / job.filename).is_file():
            size, pages = (kept / job.filename).stat().st_size, _pages(kept / job.filename, cached)
            listed = booklet if job.publication.boekje and (kept / booklet).is_file() else None
        result.append(
            Download(
                job.publication,
                job.owner,
                job.filename,
                size,
                pages,
                listed,
                on_demand=on_demand and size is None,
            )
        )
    return tuple(result)
