"""The seam every output plugs into: a product plans its files, makes or reuses them,
and reports what it did.

A product is one class (see `Product`) in a module of its own under
`focusbuild/products/`, registered in `focusbuild/products/__init__.py`.
The build (`build.py`) only loops: it asks every product to `make` what it
writes, then puts the files in place in one staging folder and swaps that
folder in. A product never writes into the output itself: it makes its files
into the cache (where the next build may reuse them) and hands back
`Placement`s; where each file goes is an `Artifact` from `artifacts.py`.

What a product may use lives on `Build`: the model, the renderer (every
Markdown body rendered once per build), the inputs and the trace store for
reuse, the request (what was asked, including what only `serve` asks), and
the list of downloads the publication products made.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from focusbuild.artifacts import Artifact, Urls
from focusbuild.cache import files, fingerprint
from focusbuild.cache.objects import Objects
from focusbuild.cache.traces import Inputs, TraceStore
from focusbuild.downloads import Download
from focusbuild.gemeenten.model import Plan
from focusbuild.model import Site
from focusbuild.render.bodies import Renderer
from focusbuild.render.colophon import colophon
from focusbuild.render.links import Linker
from focusbuild.today import build_date

if TYPE_CHECKING:
    from focusbuild.products.typesetting import Made

#: Called after each publication: (how many in all, the one just made).
Progress = Callable[[int, "Made"], None]


@dataclass(frozen=True)
class Preview:
    """What only `focusbuild serve` asks of a build."""

    defer_search: bool = False  # keep the last search index a moment when it is out of date
    only: frozenset[str] | None = None  # make only the publications with these file names
    on_demand: bool = False  # list every booklet on the site, also those not made yet


@dataclass(frozen=True)
class Request:
    """What a build is asked to make, and how."""

    targets: frozenset[str] | None = None  # the `--only` choices; None: everything
    content: Path | None = None  # another content folder than PROJECT/content
    output: Path | None = None  # default PROJECT/output
    strict: bool = False  # warnings count as errors
    jobs: int | None = None  # processes at once; default every core
    print_ready: bool = False  # PDFs for the printer: bleed and crop marks
    cache: bool = True  # False (--no-cache): make everything again
    progress: Progress | None = None
    preview: Preview = field(default_factory=Preview)
    gemeenten: frozenset[str] | None = None  # with target "gemeenten": these only (None: all)
    datum: datetime.date | None = None  # the build date (--datum); see today.py
    editie: str | None = None  # with target "nieuwsbrief": this edition (None: the newest)
    colophon: tuple[str, str] | None = None  # (version, date) instead of git's (diff)


@dataclass(frozen=True)
class Placement:
    """One file of the output and where its bytes come from: a file in the cache (`link`),
    a file of the project copied with its time (`copy`), or bytes."""

    artifact: Artifact
    source: Path | None = None
    data: bytes | None = None
    copy: bool = False


class Report(ABC):
    """What a product did, for the build report and the command line."""

    seconds: float = 0.0

    @abstractmethod
    def lines(self, where: str) -> list[str]:
        """Dutch lines for the terminal; `where` names the output folder."""


@dataclass
class Outcome:
    """A product's result: its files, and whether any of them had to be made."""

    placements: list[Placement]
    fresh: bool  # nothing was made: every file was reused
    signature: list[str]  # what the files are: equal signatures, equal files
    report: Report


#: `make` may return before its work is done; the build calls this once every product
#: has started, to wait for it.
Pending = Callable[[], Outcome]


class Build:
    """One build in progress: what every product may use."""

    def __init__(
        self,
        root: Path,
        output: Path,
        request: Request,
        site: Site,
        renderer: Renderer,
        layouts: Path,
        inputs: Inputs,
        jobs: int,
        plans: tuple[Plan, ...] = (),
    ) -> None:
        self.root = root
        self.output = output
        self.request = request
        self.preview = request.preview
        self.site = site
        self.renderer = renderer
        self.layouts = layouts
        self.inputs = inputs
        self.jobs = jobs
        self.plans = plans  # the gemeenten's programmes: only their product reads them
        self.today = build_date(request.datum)  # what the agenda counts as upcoming
        self.cached = files.folder(output)
        self.downloads: tuple[Download, ...] = ()  # filled in before the site is made
        self._stores: list[TraceStore] = []

    def traces(self, name: str) -> TraceStore:
        """The traces of one product (kept as OUTPUT/.cache/NAME.traces)."""
        store = TraceStore(self.cached / f"{name}.traces", self.inputs, reuse=self.request.cache)
        self._stores.append(store)
        return store

    def objects(self, name: str) -> Objects:
        """The finished files of one product (kept in OUTPUT/.cache/NAME/)."""
        return Objects(self.cached / name)

    def save(self) -> None:
        for store in self._stores:
            store.save()

    @cached_property
    def print_layouts(self) -> str:
        """The digest of the layouts a PDF reads (`fingerprint.print_layouts`): in every
        PDF's key, and the name of the unpacked fonts' folder. Read once per build."""
        return fingerprint.print_layouts(self.layouts)

    @cached_property
    def fonts(self) -> Path:
        """Where the layouts' fonts are kept unpacked, for this version of the layouts
        (`font_files.folder_for`: the folders of other versions are removed), with the
        fonts the print stylesheets name unpacked there."""
        from focusbuild.render import font_files

        folder = font_files.folder_for(self.cached / font_files.FOLDER, self.print_layouts)
        named = font_files.named_in_stylesheets(self.layouts / "print", self.layouts)
        font_files.unpack_all(named, folder, self.jobs)
        return folder

    @cached_property
    def urls(self) -> Urls:
        return Urls(self.site.config)

    @cached_property
    def linker(self) -> Linker:
        return Linker.for_site(self.site)

    @cached_property
    def colophon(self) -> dict[str, str]:
        """Version and date for the publications' colophon (from git: asked once)."""
        return colophon(self.site.config.root, self.site.partners(), self.request.colophon)

    def kept(self, artifact: Artifact) -> Path:
        """Where the last build put an artifact."""
        return self.output / artifact.rel


class Product(ABC):
    """One output of the build (see the module's docstring)."""

    #: The product's name: its cache files and its report carry it.
    name: ClassVar[str]
    #: The `--only` choice that makes it, and what that choice makes (in Dutch).
    target: ClassVar[str]
    label: ClassVar[str]
    #: Whether the site's pages list what it makes (the downloads), so it is made first.
    listed: ClassVar[bool] = False
    #: Whether a build without `--only` makes it (False: only when asked for).
    default: ClassVar[bool] = True
    #: Whether it typesets PDFs: a build that makes it loads WeasyPrint early.
    typesets: ClassVar[bool] = False

    def __init__(self, build: Build) -> None:
        self.build = build

    @abstractmethod
    def plan(self) -> list[Artifact]:
        """Every file the product writes, without making any. A build that does not make
        this product keeps these files as the last build left them."""

    @abstractmethod
    def make(self) -> Outcome | Pending:
        """Make each file, or reuse it by its trace. A product that must wait for work
        (worker processes, a search indexer) may return a `Pending` instead."""

    def downloads(self, outcome: Outcome | None) -> list[Download]:
        """What the site lists for download from this product: from `outcome`, or, when
        this build does not make it, from what the last build left in the output."""
        return []
