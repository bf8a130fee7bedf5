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

from focusbuild import fingerprint
from focusbuild.config import Config
from focusbuild.incremental import MarkdownStore, Recorder
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
    """Caches the leader and public rendering of each source by path.

    With a `store`, renderings from earlier builds are reused when the body,
    its place and the Markdown settings are unchanged. Every call to
    `render` is reported to `recorder`, so a page or publication knows which
    bodies it shows.
    """

    def __init__(self, config: Config, store: MarkdownStore | None = None) -> None:
        self.root = config.root.resolve()
        self.markdown = Markdown(config.bijbellink)
        self._settings = fingerprint.digest(fingerprint.code(), repr(config.bijbellink))
        self._cache: dict[tuple[str, bool], Rendered] = {}
        self.store = store
        self.recorder = Recorder()
        self.renders = 0  # how many bodies were really rendered (for reports and tests)

    def _stored_key(self, source: Source) -> str:
        return fingerprint.digest(
            self._settings, str(self.root), str(source.path), source.rel, source.body
        )

    def _from_store(self, source: Source) -> bool:
        """Fill the cache from the store; whether the store had this source."""
        if self.store is None:
            return False
        found = self.store.get(self._stored_key(source))
        if found is None:
            return False
        self._cache[(source.rel, True)], self._cache[(source.rel, False)] = found
        return True

    def render(self, source: Source, *, leader: bool) -> Rendered:
        self.recorder.read("body:" + source.rel)
        key = (source.rel, leader)
        cached = self._cache.get(key)
        if cached is None and self._from_store(source):
            cached = self._cache[key]
        if cached is None:
            twin = self._cache.get((source.rel, not leader))
            if twin is not None and not has_leader_text(source.body):
                cached = twin  # without leader blocks both variants are the same
            else:
                self.renders += 1
                cached = self._render(source, leader=leader)
            self._cache[key] = cached
            twin = self._cache.get((source.rel, not leader))
            if self.store is not None and twin is not None:
                pair = (cached, twin) if leader else (twin, cached)
                self.store.put(self._stored_key(source), pair)
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
        todo = [
            s
            for s in sources
            if (s.rel, True) not in self._cache
            and (s.rel, False) not in self._cache
            and not self._from_store(s)
        ]

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
            if self.store is not None:
                self.store.put(self._stored_key(source), (leader, public))

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
