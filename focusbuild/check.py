"""Load, validate and model a project: everything `focusbuild check` does.

A check reads and writes nothing but the project's own files: it parses
every Markdown body once, with the leader parser, and walks its tokens. A
build hands in its `Renderer` instead, so the bodies it checks are rendered
once, for the check and for every output alike.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from focusbuild.config import Config, load_config
from focusbuild.content.checks import (
    check_bodies,
    check_completeness,
    check_page_addresses,
    check_songs,
)
from focusbuild.content.letters import missing_letters
from focusbuild.content.loader import load
from focusbuild.content.style import check_placeholders, check_style
from focusbuild.content.svg import problems as svg_problems
from focusbuild.content.svg import svg_files
from focusbuild.diagnostics import Collector, Diagnostic, Severity
from focusbuild.gemeenten.model import Plan
from focusbuild.gemeenten.profiles import load_gemeenten
from focusbuild.markdown import Analysis, Markdown
from focusbuild.model import Site, Source
from focusbuild.parallel import fork_map
from focusbuild.paths import CONFIG_NAME, layouts_of
from focusbuild.render.bodies import Renderer


@dataclass(frozen=True)
class CheckResult:
    site: Site | None
    diagnostics: tuple[Diagnostic, ...]
    renderer: Renderer | None = None  # the build's renderer, when a build checked
    plans: tuple[Plan, ...] = ()  # the gemeenten's programmes (never part of the site)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    def clean(self, *, strict: bool) -> bool:
        """No errors among the diagnostics (and no warnings, when strict)."""
        return not self.errors and not (strict and self.warnings)

    def ok(self, *, strict: bool) -> bool:
        return self.site is not None and self.clean(strict=strict)


def _parsed(config: Config, sources: list[Source], jobs: int) -> Callable[[Source], Analysis]:
    """Every body parsed once (in `jobs` processes), for the checker to look up."""
    markdown = Markdown(config.bijbellink)
    found = fork_map(lambda i: markdown.analyse(sources[i].body), len(sources), jobs)
    by_rel = {source.rel: analysis for source, analysis in zip(sources, found, strict=True)}
    return lambda source: by_rel[source.rel]


def check_svgs(root: Path, content: Path, collector: Collector) -> None:
    """Every SVG under content/: nothing in it may run code (content/svg.py)."""
    for path in svg_files(content):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        for problem in svg_problems(path):
            collector.error(rel, problem.line, problem.column, problem.message)


def check_project(
    root: Path,
    content_dir: Path | None = None,
    *,
    jobs: int = 1,
    renderer: Callable[[Config], Renderer] | None = None,
    today: datetime.date | None = None,
) -> CheckResult:
    """Everything `focusbuild check` reports. A build passes `renderer`, which makes the
    renderer it goes on to use: the check then reads the bodies' renderings."""
    collector = Collector()
    root = root.resolve()
    config = load_config(root, collector)
    if config is None:
        return CheckResult(None, tuple(collector.items))
    content = (content_dir or config.content_dir).resolve()
    loaded = load(config, content, collector, today)
    sources = [Source(d.path, d.rel, d.body, d.body_line) for d in loaded.documents]
    bodies = renderer(config) if renderer is not None else None
    if bodies is not None:
        bodies.prerender(sources, jobs)
    analyse = bodies.analysis if bodies is not None else _parsed(config, sources, jobs)
    check_bodies(loaded.documents, analyse, (root, content), collector, loaded.site)
    check_svgs(root, content, collector)
    letters = missing_letters(layouts_of(root))
    check_style(loaded.documents, config, loaded.site, collector, letters)
    check_placeholders(root / CONFIG_NAME, CONFIG_NAME, collector)
    if loaded.site is not None:
        check_songs(loaded.site, collector)
        check_page_addresses(loaded.site, collector)
        if not collector.has_errors:  # a broken file would show up again as "missing"
            check_completeness(loaded.site, collector)
    plans = load_gemeenten(root, config, loaded.site, collector)
    site = loaded.site if not collector.has_errors else None
    return CheckResult(site, tuple(collector.items), bodies, plans if site is not None else ())
