"""`focusbuild build`: check, let every product make its files, then swap them in.

This is the only place that knows the order: load and check the whole
project and stop on errors; then every registered product (see
`products/__init__.py`) makes its files into the cache, or reuses them;
then the files are put in place in one staging folder, and the folders of
OUTPUT they belong to (`site`, `leiders`) are swapped in at once. What a
build does not make (`--only`, or a product `serve` leaves out) stays as the
last build left it. When nothing changed and the output is as the last build
left it, nothing is written at all.
"""

from __future__ import annotations

import time
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from focusbuild.artifacts import ROOTS, Artifact
from focusbuild.cache import checked, files, fingerprint
from focusbuild.cache.checked import CheckStore
from focusbuild.cache.findings import FindingStore
from focusbuild.cache.markdown import MarkdownStore
from focusbuild.cache.record import forget_output, output_intact, remember_output
from focusbuild.cache.traces import Inputs
from focusbuild.check import CheckResult, check_project
from focusbuild.content.frontmatter import remembering
from focusbuild.downloads import Download, merge
from focusbuild.output import OutputOverlaps, Staging, overlap
from focusbuild.parallel import default_jobs
from focusbuild.paths import layouts_of, project_sources
from focusbuild.products import (
    DEFAULT_TARGETS,
    PRODUCTS,
    TARGETS,
    Build,
    Outcome,
    Preview,
    Product,
    Request,
)
from focusbuild.products.base import Pending, Placement, Report
from focusbuild.products.pages import TEMPLATE_CODE, Pages, PagesReport
from focusbuild.products.pdf import PdfReport
from focusbuild.products.search import SearchReport
from focusbuild.products.typesetting import Made
from focusbuild.render import warm_templates, warm_typesetter
from focusbuild.render.bodies import Renderer
from focusbuild.today import build_date

R = TypeVar("R", bound=Report)


@dataclass
class BuildReport:
    check: CheckResult
    output: Path | None = None
    unchanged: bool = False  # nothing changed since the last build: nothing was written
    reports: dict[str, Report] = field(default_factory=dict)  # per product made
    downloads: tuple[Download, ...] = ()  # what the site lists for download
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.output is not None

    @property
    def bodies_rendered(self) -> int:
        """Markdown bodies rendered (not reused from the cache), leader and public apart."""
        renderer = self.check.renderer
        return renderer.renders if renderer is not None else 0

    def of(self, kind: type[R]) -> R | None:
        """The report of the product that reports with `kind`, if it was made."""
        return next((r for r in self.reports.values() if isinstance(r, kind)), None)

    # -- what serve, the command line and the tests ask most ---------------------------

    @property
    def pages(self) -> int:
        report = self.of(PagesReport)
        return report.pages if report is not None else 0

    @property
    def rendered(self) -> list[str]:
        report = self.of(PagesReport)
        return report.rendered if report is not None else []

    @property
    def pages_rendered(self) -> int:
        return len(self.rendered)

    @property
    def records(self) -> int:
        report = self.of(SearchReport)
        return report.records if report is not None else 0

    @property
    def search_indexed(self) -> bool:
        report = self.of(SearchReport)
        return report is not None and report.indexed

    @property
    def search_deferred(self) -> bool:
        report = self.of(SearchReport)
        return report is not None and report.deferred

    @property
    def publications(self) -> list[Made]:
        report = self.of(PdfReport)
        return report.made if report is not None else []

    @property
    def listed(self) -> frozenset[str]:
        """The file names the downloads page links to."""
        return frozenset(name for row in self.downloads for name in row.names)


def build(root: Path, request: Request | None = None) -> BuildReport:
    """Check the project and make the products `request` asks for."""
    request = request or Request()
    started = time.perf_counter()
    jobs = request.jobs or default_jobs()
    root = root.resolve()
    output = (request.output or root / "output").resolve()
    check_output(root, output, request.content)
    store = MarkdownStore(files.folder(output) / "markdown.pickle", reuse=request.cache)
    result, skeleton = _checked(root, output, request, jobs, store)
    report = BuildReport(result)
    report.seconds["check"] = time.perf_counter() - started
    if not result.ok(strict=request.strict):
        return report
    # saved now, while the build holds the least: pickling 20,000 renderings takes 50 MB
    # for a moment (again at the end only for bodies first rendered after the check)
    store.save()
    site, renderer = result.site, result.renderer
    assert site is not None and renderer is not None
    staging = Staging(output)
    try:
        layouts = layouts_of(root)
        inputs = Inputs(
            fingerprint.digest(fingerprint.code(), fingerprint.files(layouts)),
            skeleton or fingerprint.skeleton(site),
            {source.rel: source.body for source in site.sources()},
            root,
        )
        current = Build(root, output, request, site, renderer, layouts, inputs, jobs, result.plans)
        _run(current, staging, report)
        store.save()
    except BaseException:
        staging.discard()
        raise
    report.output = output
    report.seconds["total"] = time.perf_counter() - started
    return report


def check_output(root: Path, output: Path, content: Path | None = None) -> None:
    """Raise `OutputOverlaps` when `output` cannot be the output folder of the project in
    `root`: a folder the build replaces would be one of the project's own."""
    sources = (*project_sources(root, content), layouts_of(root))
    clash = overlap(output, root, sources, ROOTS)
    if clash is not None:
        raise OutputOverlaps(
            f"uitvoermap {output} kan niet: {clash}; kies een map buiten content/, "
            "layouts/ en gemeenten/ (standaard PROJECT/output)"
        )


def _checked(
    root: Path, output: Path, request: Request, jobs: int, store: MarkdownStore
) -> tuple[CheckResult, str | None]:
    """The check of the project and the digest of its model's skeleton: the last build's,
    when no file it read has changed (cache/checked.py), else new ones, kept for the next
    build. (The skeleton is kept, not computed again: a model read back from the cache
    pickles to other bytes than the one the loader made.)"""
    checks = CheckStore(files.folder(output), reuse=request.cache)
    content = (request.content or root / "content").resolve()
    wanted = checked.key(root, content, build_date(request.datum))
    kept = checks.get(wanted)
    if isinstance(kept, tuple) and isinstance(kept[0], CheckResult) and kept[0].site is not None:
        store.keep_all()  # the bodies did not change: their renderings stay for the next build
        result: CheckResult = kept[0]
        config = kept[0].site.config
        return replace(result, renderer=Renderer(config, store)), str(kept[1])
    targets = request.targets or DEFAULT_TARGETS
    if jobs > 1 and any(p.typesets and p.target in targets for p in PRODUCTS):
        warm_typesetter.start()  # content changed: WeasyPrint loads while the check runs
    code = files.folder(output) / TEMPLATE_CODE
    compiling = warm_templates.Compiling(None, None, code)
    if jobs > 1 and Pages.target in targets:  # the site templates compile beside the check
        compiling = warm_templates.start(layouts_of(root), code)
    findings = FindingStore(
        files.folder(output) / "findings.pickle", fingerprint.code(), reuse=request.cache
    )
    findings.start()
    try:
        result = check_project(
            root,
            request.content,
            jobs=jobs,
            renderer=lambda config: Renderer(config, store),
            today=request.datum,
        )
    except BaseException:
        findings.finish(save=False)
        compiling.finish(keep=False)
        raise
    passed = result.ok(strict=request.strict)
    compiling.finish(keep=passed)
    # serve keeps them in memory: writing them there would only delay each edit; and a
    # first build that stops on a mistake writes nothing, not even an output folder
    findings.finish(save=not remembering() and (passed or files.folder(output).is_dir()))
    if result.site is None:
        return result, None
    skeleton = fingerprint.skeleton(result.site)
    checks.put(wanted, (replace(result, renderer=None), skeleton))
    return result, skeleton


def _run(build: Build, staging: Staging, report: BuildReport) -> None:
    """Make every product asked for, then write the output, unless nothing changed."""
    products = [kind(build) for kind in PRODUCTS]
    asked = build.request.targets
    targets = asked or frozenset(p.target for p in products if p.default)
    running = [p for p in products if p.target in targets]
    outcomes = _make(build, products, running)
    report.downloads = build.downloads
    for product in running:
        report.reports[product.name] = outcomes[product.name].report
        report.seconds[product.name] = outcomes[product.name].report.seconds
    roots = tuple(sorted({p.artifact.root for o in outcomes.values() for p in o.placements}))
    signature = fingerprint.combined(
        [build.inputs.base, ",".join(sorted(targets))]
        + [f"{name}:{','.join(o.signature)}" for name, o in sorted(outcomes.items())]
    )
    if all(o.fresh for o in outcomes.values()) and output_intact(build.output, roots, signature):
        report.unchanged = True
        build.save()
        staging.discard()
        return
    staging.recycle(roots)
    for outcome in outcomes.values():
        for placement in outcome.placements:
            _place(staging, placement)
    for product in products:
        made = product in running
        for artifact in product.plan():
            if artifact.root in roots and not (made and artifact.tree):
                _keep(staging, build, artifact)
    build.save()
    forget_output(build.output)  # until the new output is in place and remembered
    staging.commit(roots)
    remember_output(build.output, roots, signature)


def _make(build: Build, products: list[Product], running: list[Product]) -> dict[str, Outcome]:
    """Every running product's outcome. The downloads are listed before the first product
    that may show them; work a product left running is waited for at the end."""
    outcomes: dict[str, Outcome] = {}
    waiting: list[tuple[str, Pending]] = []
    listed = False
    try:
        for product in running:
            if not product.listed and not listed:
                rows = (
                    row
                    for p in products
                    if p.listed
                    for row in p.downloads(outcomes.get(p.name) if p in running else None)
                )
                build.downloads, listed = merge(rows), True
            made = product.make()
            if isinstance(made, Outcome):
                outcomes[product.name] = made
            else:
                waiting.append((product.name, made))
        while waiting:
            name, finish = waiting.pop(0)
            outcomes[name] = finish()
    finally:
        for _, finish in waiting:  # after an error: let the work end before going on
            with suppress(Exception):
                finish()
    return outcomes


def _place(staging: Staging, placement: Placement) -> None:
    rel = placement.artifact.rel
    if placement.data is not None:
        staging.write_bytes(rel, placement.data)
    elif placement.source is None:
        raise ValueError(f"{rel}: a placement needs bytes or a file")  # a bug
    elif placement.copy:
        staging.copy(rel, placement.source)
    else:
        staging.link(rel, placement.source)


def _keep(staging: Staging, build: Build, artifact: Artifact) -> None:
    """Carry over from the last build's output a file (or folder) this build does not make."""
    old = build.kept(artifact)
    if artifact.tree:
        found = sorted(p for p in old.rglob("*") if p.is_file()) if old.is_dir() else []
        for path in found:
            rel = artifact.rel + path.relative_to(old).as_posix()
            if not staging.claimed(rel):
                staging.link(rel, path)
    elif old.is_file() and not staging.claimed(artifact.rel):
        staging.link(artifact.rel, old)


__all__ = ["TARGETS", "BuildReport", "Preview", "Request", "build"]
