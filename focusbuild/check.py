"""Load, validate and model a project: everything `focusbuild check` does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from focusbuild.config import load_config
from focusbuild.content.checks import (
    check_bodies,
    check_completeness,
    check_page_addresses,
    check_songs,
)
from focusbuild.content.loader import load
from focusbuild.diagnostics import Collector, Diagnostic, Severity
from focusbuild.incremental import MarkdownStore
from focusbuild.model import Site, Source
from focusbuild.rendering import Renderer


@dataclass(frozen=True)
class CheckResult:
    site: Site | None
    diagnostics: tuple[Diagnostic, ...]
    renderer: Renderer | None

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


def check_project(
    root: Path,
    content_dir: Path | None = None,
    *,
    jobs: int = 1,
    store: MarkdownStore | None = None,
) -> CheckResult:
    """Everything `focusbuild check` reports; `store` keeps renderings between builds."""
    collector = Collector()
    root = root.resolve()
    config = load_config(root, collector)
    if config is None:
        return CheckResult(None, tuple(collector.items), None)
    content = (content_dir or config.content_dir).resolve()
    loaded = load(config, content, collector)
    renderer = Renderer(config, store)
    if jobs > 1:
        sources = [Source(d.path, d.rel, d.body, d.body_line) for d in loaded.documents]
        renderer.prerender(sources, jobs)
    check_bodies(loaded.documents, renderer, (root, content), collector, loaded.site)
    if loaded.site is not None:
        check_songs(loaded.site, collector)
        check_page_addresses(loaded.site, collector)
        if not collector.has_errors:  # a broken file would show up again as "missing"
            check_completeness(loaded.site, collector)
    site = loaded.site if not collector.has_errors else None
    return CheckResult(site, tuple(collector.items), renderer)
