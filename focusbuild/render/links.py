"""Turn the renderer's `focusbuild-link:` markers into links for one page."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote, unquote

from focusbuild import artifacts
from focusbuild.artifacts import SourceUrls
from focusbuild.model import Site
from focusbuild.paths import publishable
from focusbuild.render.bodies import MARKER

_MARKED = re.compile(r'(href|src)="' + re.escape(MARKER) + r'([^"#]*)(#[^"]*)?"')


@dataclass
class Linker:
    """Rewrites markers; records in `media` which content files (pictures) must be copied,
    as paths below the content folder."""

    sources: SourceUrls
    root: Path  # the project
    content: Path  # the content folder; only files below it are published

    @classmethod
    def for_site(cls, site: Site) -> Linker:
        content = site.content_dir or site.config.content_dir.resolve()
        return cls(SourceUrls(site), site.config.root.resolve(), content)

    def source_path(self, rel: str) -> Path:
        """The file a marker names (relative to the project, or absolute)."""
        return (self.root / rel).resolve()

    def publishable(self, rel: str) -> str | None:
        """The path below media/ for a file, or None when it may not be published."""
        path = self.source_path(rel)
        return publishable(path, self.content) if path.is_file() else None

    def substitute(
        self,
        html: str,
        page: Callable[[str], str],
        file: Callable[[str, str, str], str],
    ) -> str:
        """Replace each marker: a page by `page(url)`, a content file by `file(rel, inner, #)`."""
        if MARKER not in html:
            return html

        def replace(m: re.Match[str]) -> str:
            attr, rel, fragment = m.group(1), unquote(m.group(2)), m.group(3) or ""
            href: str | None = None
            if rel.endswith(".md"):
                target = self.sources.get(rel)  # None: leader-only or unknown, reported
                if target is not None:
                    href = page(target if not fragment or "#" in target else target + fragment)
            else:
                inner = self.publishable(rel)  # None: outside content/, reported
                if inner is not None:
                    href = file(rel, inner, fragment)
            return f'{attr}="{escape(href) if href is not None else "#"}"'

        return _MARKED.sub(replace, html)

    def rewrite_for_print(self, html: str, base_url: str) -> str:
        """Markers for print: pages become web addresses, pictures their files."""
        return self.substitute(
            html,
            lambda url: base_url + url,
            lambda rel, _, fragment: self.source_path(rel).as_uri() + fragment,
        )

    def rewrite(self, html: str, page_url: str, media: set[str]) -> str:
        """Markers for a web page at `page_url`; pictures are recorded in `media`."""

        def published(_: str, inner: str, fragment: str) -> str:
            media.add(inner)
            return artifacts.relative(page_url, artifacts.media(quote(inner)) + fragment)

        return self.substitute(html, lambda url: artifacts.relative(page_url, url), published)

    def rewrite_absolute(
        self,
        html: str,
        base_url: str,
        media: set[str] | None = None,
        files: dict[str, Path] | None = None,
    ) -> str:
        """Markers for text read elsewhere (a feed, an e-mail): pages and pictures become
        absolute web addresses; pictures are recorded in `media`, and in `files` each
        picture's address with the file it is."""

        def published(rel: str, inner: str, fragment: str) -> str:
            if media is not None:
                media.add(inner)
            url = base_url + artifacts.media(quote(inner)) + fragment
            if files is not None:
                files[url] = self.source_path(rel)
            return url

        return self.substitute(html, lambda url: base_url + url, published)
