"""Turn the renderer's `focusbuild-link:` markers into links for one page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from focusbuild import urls
from focusbuild.rendering import MARKER

_MARKED = re.compile(r'(href|src)="' + re.escape(MARKER) + r'([^"#]*)(#[^"]*)?"')


@dataclass
class Linker:
    """Rewrites markers; records in `media` which content files (pictures) must be copied."""

    sources: urls.SourceUrls

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
                media.add(rel)
                target = urls.media(rel) + fragment
            return f'{attr}="{urls.relative(page_url, target)}"'

        return _MARKED.sub(replace, html)
