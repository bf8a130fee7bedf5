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

from focusbuild.cache import fingerprint
from focusbuild.cache.markdown import MarkdownStore
from focusbuild.cache.traces import Recorder
from focusbuild.config import Config
from focusbuild.markdown import Analysis, Markdown, Rendered
from focusbuild.model import Source
from focusbuild.parallel import fork_map

MARKER = "focusbuild-link:"


def _doc_id(rel: str) -> str:
    """A footnote prefix unique per source, so footnotes of two sections never collide."""
    return re.sub(r"[^a-z0-9]+", "-", rel.lower().removesuffix(".md")).strip("-")


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
        if cached is None and not self._from_store(source):
            pair = self._both(source)
            self._keep(source, pair)
        return self._cache[key]

    def rendered(self, rel: str) -> Rendered | None:
        """The leader rendering of a body rendered in this build, if there is one."""
        return self._cache.get((rel, True))

    def analysis(self, source: Source) -> Analysis:
        """What the checker needs: the leader rendering carries it."""
        return self.render(source, leader=True)

    def _both(self, source: Source) -> tuple[Rendered, Rendered]:
        """The leader and the public rendering; one object when they are the same."""
        leader = self._render(source, leader=True)
        if not leader.public_differs:
            return leader, leader
        return leader, self._render(source, leader=False)

    def _keep(self, source: Source, pair: tuple[Rendered, Rendered]) -> None:
        self._cache[(source.rel, True)], self._cache[(source.rel, False)] = pair
        self.renders += 1 if pair[0] is pair[1] else 2
        if self.store is not None:
            self.store.put(self._stored_key(source), pair)

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
            return self._both(todo[index])

        for source, pair in zip(todo, fork_map(both, len(todo), jobs), strict=True):
            self._keep(source, pair)

    def local_target(self, folder: Path, href: str) -> str:
        """A marker for a relative path inside the project; any other href unchanged."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
            return href
        if "\x00" in unquote(parts.path):
            return href  # no file's name (the check says so)
        target = (folder / unquote(parts.path)).resolve()  # as the checker resolves it
        try:
            rel = target.relative_to(self.root).as_posix()
        except ValueError:
            rel = target.as_posix()  # e.g. a --content folder outside the project
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return MARKER + quote(rel) + fragment
