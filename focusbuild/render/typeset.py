"""WeasyPrint: a publication's HTML to PDF bytes.

Imported only when a PDF must really be made: loading WeasyPrint takes
0.4 s, more than a whole unchanged rebuild should. WeasyPrint only gets
files from inside the allowed folders (the project, the layouts, the
content) and data: URIs (QR codes); anything else is refused, so a build
never touches the network.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.urls import URLFetcher

from focusbuild.paths import inside


class Fetcher(URLFetcher):  # type: ignore[misc]
    """WeasyPrint's URL fetcher: files inside the allowed folders and data: URIs only."""

    def __init__(self, roots: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=False)
        self.roots = tuple(r.resolve() for r in roots)

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not (inside(path, self.roots) and path.is_file()):
                raise ValueError(f"focusbuild haalt niets op buiten het project: {url}")
        elif not url.startswith("data:"):
            raise ValueError(f"focusbuild haalt niets van internet: {url}")
        return super().fetch(url, headers)


def typeset(html: str, base_url: str, roots: tuple[Path, ...]) -> tuple[bytes, int]:
    """The PDF/UA-1 bytes and the page count."""
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=Fetcher(roots)).render()
    data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=_identifier(html))
    assert data is not None
    return data, len(document.pages)


def _identifier(html: str) -> bytes:
    """The PDF's /ID from its content, not from the clock or chance."""
    return hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()
