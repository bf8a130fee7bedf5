"""WeasyPrint: a publication's HTML to PDF bytes.

Imported only when a PDF must really be made: loading WeasyPrint takes
0.4 s, more than a whole unchanged rebuild should. WeasyPrint only gets
files from inside the allowed folders (the project, the layouts, the
content) and data: URIs (QR codes); anything else is refused, so a build
never touches the network.

WOFF2 fonts reach WeasyPrint already decompressed (`font_files.unpacked`):
WeasyPrint unpacks them with fontTools in pure Python for every document, which
was a fifth of all the time the PDFs took.

One font configuration (fontconfig and Pango's font map, with the @font-face
fonts added once) serves every document a process typesets with the same
fonts, as WeasyPrint allows: with a new one per document, Pango started each
document with cold caches, and a publication typeset in four parts took 1.97 s
against 1.36 s (median of 6, same bytes). "The same fonts" means the same
stylesheets and @font-face rules in the head: a configuration holds every font
it was given, and a document with other @font-face rules could otherwise get
one of them as a fallback. It belongs to the process that made it (a forked
worker makes its own) and is forgotten at each build (`forget_fonts`), so a
font file changed between builds is read again.

The linked stylesheets (print.css, with fonts.css) are parsed once per font
configuration, not once per document: WeasyPrint parsed them, and compiled every
selector, for each of a build's 130-odd documents and parts (7.5 % of the
typesetting time, measured interleaved; the PDFs are the same bytes). So the
head's stylesheets reach WeasyPrint as `stylesheets`, in their order, the
inline ones parsed afresh. WeasyPrint gives those the user's place in the
cascade instead of the author's; all of a document's sheets move together, so
their order among themselves is kept, and none has `!important`.
"""

from __future__ import annotations

import hashlib
import os
import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from focusbuild.paths import inside
from focusbuild.render import font_subset, line_breaks
from focusbuild.render.font_files import FONT_FACE, unpacked
from focusbuild.render.weasyprint_loader import URLFetcher, URLFetcherResponse, weasyprint

font_subset.install()  # HarfBuzz subsets the fonts, also where the system lacks it
line_breaks.install()  # no word alone on a line before a link (a WeasyPrint fault)


class Fetcher(URLFetcher):  # type: ignore[misc]
    """WeasyPrint's URL fetcher: files inside the allowed folders and data: URIs only."""

    def __init__(self, roots: tuple[Path, ...], fonts: Path | None = None) -> None:
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=False)
        self.roots = tuple(r.resolve() for r in roots)
        self.fonts = fonts

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not (inside(path, self.roots) and path.is_file()):
                raise ValueError(f"focusbuild haalt niets op buiten het project: {url}")
            if path.suffix == ".woff2" and self.fonts is not None:
                return URLFetcherResponse(url, unpacked(path, self.fonts))
        elif not url.startswith("data:"):
            raise ValueError(f"focusbuild haalt niets van internet: {url}")
        return super().fetch(url, headers)


_CONFIGS: dict[tuple[int, str], Any] = {}  # by process and fonts (`_fonts_of`)
_SHEETS: dict[tuple[int, str], Any] = {}  # parsed linked stylesheets, by configuration and URL
_LINK = re.compile(r"<link\b[^>]*>", re.I)
#: The head's stylesheets, in order: a linked one (group 1) or an inline one (group 2).
_HEAD_STYLE = re.compile(
    r"<link\s+rel=\"stylesheet\"\s+href=\"([^\"]+)\"\s*/?>|<style>(.*?)</style>", re.S
)


def _font_config(html: str, base_url: str) -> Any:
    key = (os.getpid(), _fonts_of(html, base_url))
    config = _CONFIGS.get(key)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _CONFIGS[key] = FontConfiguration()
    return config


def _fonts_of(html: str, base_url: str) -> str:
    """What decides the fonts a document may use: its base URL, the stylesheets it links
    and the @font-face rules in its head."""
    head = html.split("<body", 1)[0]
    return "\n".join([base_url, *_LINK.findall(head), *FONT_FACE.findall(head)])


def forget_fonts() -> None:
    """Start the next documents with new font configurations (and stylesheets)."""
    _CONFIGS.clear()
    _SHEETS.clear()


def _sheets(html: str, base_url: str, fetcher: Fetcher, config: Any) -> tuple[str, list[Any]]:
    """The document without the stylesheets of its head, and those stylesheets parsed:
    a linked one as this configuration parsed it before."""
    head, opening, rest = html.partition("<body")
    sheets: list[Any] = []
    for found in _HEAD_STYLE.finditer(head):
        if found.group(1) is not None:
            url = urljoin(base_url, unescape(found.group(1)))
            key = (id(config), url)
            if key not in _SHEETS:
                _SHEETS[key] = weasyprint.CSS(url=url, url_fetcher=fetcher, font_config=config)
            sheets.append(_SHEETS[key])
        else:
            sheets.append(
                weasyprint.CSS(
                    string=found.group(2),
                    base_url=base_url,
                    url_fetcher=fetcher,
                    font_config=config,
                )
            )
    links, inline = head.count('rel="stylesheet"'), head.count("<style")
    if not sheets or len(sheets) != links + inline:
        return html, []  # a head written otherwise: WeasyPrint reads it as it is
    return _HEAD_STYLE.sub("", head) + opening + rest, sheets


def typeset(
    html: str, base_url: str, roots: tuple[Path, ...], fonts: Path | None = None
) -> tuple[bytes, int]:
    """The PDF/UA-1 bytes and the page count. `fonts` keeps unpacked WOFF2 fonts."""
    fetcher = Fetcher(roots, fonts)
    config = _font_config(html, base_url)
    bare, sheets = _sheets(html, base_url, fetcher, config)
    source = weasyprint.HTML(string=bare, base_url=base_url, url_fetcher=fetcher)
    document = source.render(font_config=config, stylesheets=sheets)
    data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=_identifier(html))
    assert data is not None
    return data, len(document.pages)


def _identifier(html: str) -> bytes:
    """The PDF's /ID from its content, not from the clock or chance."""
    return hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()
