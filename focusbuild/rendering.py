"""Render each Markdown body once per build, for every output to reuse."""

from __future__ import annotations

from focusbuild.config import Config
from focusbuild.markdown import LinkResolver, Markdown, Rendered
from focusbuild.model import Source


class Renderer:
    """Caches the leader and public rendering of each source by path."""

    def __init__(
        self,
        config: Config,
        resolve_link: LinkResolver | None = None,
        resolve_image: LinkResolver | None = None,
    ) -> None:
        self.markdown = Markdown(config.bijbellink)
        self.resolve_link = resolve_link
        self.resolve_image = resolve_image
        self._cache: dict[tuple[str, bool], Rendered] = {}
        self.renders = 0  # how many bodies were really rendered (for reports and tests)

    def render(self, source: Source, *, leader: bool) -> Rendered:
        key = (source.rel, leader)
        cached = self._cache.get(key)
        if cached is None:
            self.renders += 1
            cached = self.markdown.render(
                source.body,
                leader=leader,
                resolve_link=self.resolve_link,
                resolve_image=self.resolve_image,
            )
            self._cache[key] = cached
        return cached
