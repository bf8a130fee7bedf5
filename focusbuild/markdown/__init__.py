"""One configured Markdown dialect for all of focusbuild.

CommonMark plus tables, footnotes, definition lists and our containers; raw
HTML is shown as text; links markdown-it considers unsafe (`javascript:` …)
stay plain text. Two parsers share the configuration: the leader parser keeps
`::: handleiding` blocks, the public parser never sees them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from focusbuild.bible import Reference
from focusbuild.config import BibleLinks
from focusbuild.markdown.containers import containers_plugin
from focusbuild.markdown.inline_refs import Found, bible_plugin, found_in

LinkResolver = Callable[[str], str]


@dataclass(frozen=True)
class Rendered:
    html: str
    found: tuple[Found, ...]

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(f.reference for f in self.found if f.reference is not None)


def _make(links: BibleLinks, *, leader: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table")
    md.use(footnote_plugin)
    md.use(deflist_plugin)
    containers_plugin(md, leader=leader)

    def link_for(ref: Reference) -> str:
        return ref.url(links.chapter, links.verse)

    bible_plugin(md, link_for)
    _resolving_links(md)
    return md


def _resolving_links(md: MarkdownIt) -> None:
    """Let the caller rewrite link targets (`.md` paths become page URLs)."""
    renderer = md.renderer
    assert isinstance(renderer, RendererHTML)
    default_link = renderer.rules.get("link_open")
    default_image = renderer.rules.get("image")

    def link_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        resolve: LinkResolver | None = env.get("resolve_link")
        if resolve is not None and "bible" not in (token.meta or {}):
            token.attrSet("href", resolve(str(token.attrGet("href") or "")))
        if default_link is not None:
            return str(default_link(tokens, idx, options, env))
        return str(self.renderToken(tokens, idx, options, env))

    def image(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        resolve: LinkResolver | None = env.get("resolve_image")
        if resolve is not None:
            token.attrSet("src", resolve(str(token.attrGet("src") or "")))
        assert default_image is not None
        return str(default_image(tokens, idx, options, env))

    md.add_render_rule("link_open", link_open)
    md.add_render_rule("image", image)


class Markdown:
    """The leader and public parsers for one configuration."""

    def __init__(self, links: BibleLinks) -> None:
        self._leader = _make(links, leader=True)
        self._public = _make(links, leader=False)

    def render(
        self,
        text: str,
        *,
        leader: bool,
        resolve_link: LinkResolver | None = None,
        resolve_image: LinkResolver | None = None,
        doc_id: str | None = None,
    ) -> Rendered:
        env: dict[str, Any] = {}
        if doc_id is not None:
            env["docId"] = doc_id  # prefixes footnote ids
        if resolve_link is not None:
            env["resolve_link"] = resolve_link
        if resolve_image is not None:
            env["resolve_image"] = resolve_image
        md = self._leader if leader else self._public
        html = md.render(text, env)
        return Rendered(html, tuple(found_in(env)))
