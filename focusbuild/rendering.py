"""Render each Markdown body once per build, for every output to reuse.

Local links and images cannot be written as final URLs here: one section
appears on several pages at different depths (its gesprek, its onderdeel
page, a doelgroep page), and in PDFs. So a local target is rendered as a
marker, `focusbuild-link:` plus its path relative to the project, and each
output rewrites the markers for the page it writes (`render/links.py`).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from focusbuild.config import Config
from focusbuild.markdown import Markdown, Rendered
from focusbuild.model import Source
from focusbuild.parallel import fork_map

MARKER = "focusbuild-link:"


def _doc_id(rel: str) -> str:
    """A footnote prefix unique per source, so footnotes of two sections never collide."""
    return re.sub(r"[^a-z0-9]+", "-", rel.lower().removesuffix(".md")).strip("-")


def has_leader_text(body: str) -> bool:
    """Whether a body may hold a `::: handleiding` block (else both variants are equal)."""
    return "handleiding" in body.casefold()


class Renderer:
    """Caches the leader and public rendering of each source by path."""

    def __init__(self, config: Config) -> None:
        self.root = config.root.resolve()
        self.markdown = Markdown(config.bijbellink)
        self._cache: dict[tuple[str, bool], Rendered] = {}
        self.renders = 0  # how many bodies were really rendered (for reports and tests)

    def render(self, source: Source, *, leader: bool) -> Rendered:
        key = (source.rel, leader)
        cached = self._cache.get(key)
        if cached is None:
            twin = self._cache.get((source.rel, not leader))
            if twin is not None and not has_leader_text(source.body):
                cached = twin  # without leader blocks both variants are the same
            else:
                self.renders += 1
                cached = self._render(source, leader=leader)
            self._cache[key] = cached
        return cached

    def _render(self, source: Source, *, leader: bool) -> Rendered:
        folder = source.path.parent

        def local(href: str) -> str:
            return self.local_target(folder, href)

        return self.markdown.render(
            source.body,
            leader=leader,
            resolve_link=local,
            resolve_image=local,
            doc_id=_doc_id(source.rel),
        )

    def prerender(self, sources: list[Source], jobs: int) -> None:
        """Render every source in both variants, spread over `jobs` processes."""
        todo = [s for s in sources if (s.rel, True) not in self._cache]

        def both(index: int) -> tuple[Rendered, Rendered]:
            source = todo[index]
            leader = self._render(source, leader=True)
            if not has_leader_text(source.body):
                return leader, leader
            return leader, self._render(source, leader=False)

        for source, (leader, public) in zip(todo, fork_map(both, len(todo), jobs), strict=True):
            self._cache[(source.rel, True)] = leader
            self._cache[(source.rel, False)] = public
            self.renders += 1 if leader is public else 2

    def local_target(self, folder: Path, href: str) -> str:
        """A marker for a relative path inside the project; any other href unchanged."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
            return href
        target = (folder / unquote(parts.path)).resolve()  # as the checker resolves it
        try:
            rel = target.relative_to(self.root).as_posix()
        except ValueError:
            rel = target.as_posix()  # e.g. a --content folder outside the project
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return MARKER + quote(rel) + fragment
