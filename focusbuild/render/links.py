"""Turn the renderer's `focusbuild-link:` markers into links for one page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote, unquote

from focusbuild import urls
from focusbuild.paths import inside
from focusbuild.rendering import MARKER

_MARKED = re.compile(r'(href|src)="' + re.escape(MARKER) + r'([^"#]*)(#[^"]*)?"')


@dataclass
class Linker:
    """Rewrites markers; records in `media` which content files (pictures) must be copied,
    as paths below the content folder."""

    sources: urls.SourceUrls
    root: Path  # the project
    content: Path  # the content folder; only files below it are published

    def source_path(self, rel: str) -> Path:
        """The file a marker names (relative to the project, or absolute)."""
        return (self.root / rel).resolve()

    def publishable(self, rel: str) -> str | None:
        """The path below media/ for a file, or None when it may not be published."""
        path = self.source_path(rel)
        if not inside(path, (self.content,)) or not path.is_file():
            return None
        inner = path.relative_to(self.content).as_posix()
        if any(part.startswith(".") for part in inner.split("/")):
            return None
        return inner

    def rewrite_for_print(self, html: str, base_url: str) -> str:
        """Markers for print: pages become web addresses, pictures their files."""
        if MARKER not in html:
            return html

        def replace(m: re.Match[str]) -> str:
            attr, rel, fragment = m.group(1), unquote(m.group(2)), m.group(3) or ""
            if rel.endswith(".md"):
                target = self.sources.get(rel)
                if target is None:
                    return f'{attr}="#"'
                return f'{attr}="{escape(base_url + target)}"'
            if self.publishable(rel) is None:
                return f'{attr}="#"'
            return f'{attr}="{escape(self.source_path(rel).as_uri() + fragment)}"'

        return _MARKED.sub(replace, html)

    def rewrite(self, html: str, page_url: str, media: set[str]) -> str:
        if MARKER not in html:
            return html

        def replace(m: re.Match[str]) -> str:
            attr, rel, fragment = m.group(1), unquote(m.group(2)), m.group(3) or ""
            if rel.endswith(".md"):
                target = self.sources.get(rel)
                if target is None:  # leader-only or unknown: the check reports it
                    return f'{attr}="#"'
                if fragment and "#" not in target:
                    target += fragment
            else:
                published = self.publishable(rel)
                if published is None:  # outside content/: the check reports it
                    return f'{attr}="#"'
                media.add(published)
                target = urls.MEDIA + quote(published) + fragment
            return f'{attr}="{escape(urls.relative(page_url, target))}"'

        return _MARKED.sub(replace, html)
