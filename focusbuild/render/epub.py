"""EPUB 3 e-books: a publication's text for e-readers, tablets and phones.

An e-book holds what the publication's PDF holds (for a werkboek: the public
text, never a word for the leiding), as one XHTML document per gesprek with
a cover, an introduction, a table of contents and a colophon, and embeds
its pictures and the print fonts, cut to the letters the book uses: the print
files hold Latin, Vietnamese, Greek and Cyrillic letters (a name such as
"Łukasz" or "Nguyễn" comes in the house font, not the reader's), and the cut
fonts take less room than the site's Latin-only files did. Links to other
pages become web addresses, as in print.

Written by hand, not with a library such as ebooklib: an EPUB is a zip of a
few XML files made from templates (`layouts/epub/`), and its bytes must be
reproducible: ebooklib stamps every zip entry with the current time.
Here the entries come in a fixed order (`mimetype` first, stored), every
entry carries the content's date, and the book's identifier is derived from
its web address.
"""

from __future__ import annotations

import io
import re
import textwrap
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from focusbuild import artifacts
from focusbuild.model import Bijeenkomst, Blok, Gesprek, Site, Source, colour
from focusbuild.paths import inside
from focusbuild.render import font_files
from focusbuild.render.bodies import Renderer
from focusbuild.render.links import Linker
from focusbuild.render.publications import Job, PublicationRenderer, book_names, contents
from focusbuild.render.site import readable_on

MEDIA_TYPES = {
    ".xhtml": "application/xhtml+xml",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".ttf": "font/ttf",
}
_WOFF2 = re.compile(r'url\("(fonts/[^"]+)\.woff2"\)')  # in fonts.css: url("fonts/NAME.woff2")
#: Pictures an EPUB 3.2 reader need not show are converted to PNG (with Pillow).
_CONVERTED = {".webp"}
_NO_DATE = "1980-01-01"
#: Files that are compressed already: stored as they are (deflating them again costs time
#: and gains nothing).
_PACKED = {".png", ".jpg", ".jpeg", ".gif"}  # the earliest date a zip entry can carry


@dataclass
class Book:
    """The files of one e-book, in the order they go into the zip."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    pictures: dict[str, Path] = field(default_factory=dict)  # inside the book → source

    def add(self, name: str, data: bytes | str) -> None:
        self.files.append((name, data.encode("utf-8") if isinstance(data, str) else data))


class BookRenderer(PublicationRenderer):
    """Makes the EPUB of a publication job."""

    def __init__(
        self,
        site: Site,
        renderer: Renderer,
        layouts: Path,
        linker: Linker,
        colophon: dict[str, str],
        compiled: Path | None = None,
        *,
        fonts: Callable[[], Path],
    ) -> None:
        super().__init__(site, renderer, layouts, linker, colophon, "epub", compiled)
        self.unpacked_fonts = fonts  # where the unpacked fonts are kept (`Build.fonts`)

    def font_faces(self) -> tuple[str, list[Path]]:
        """The print fonts' @font-face rules (`layouts/print/fonts.css`), naming the TTF
        files the book holds, and the WOFF2 files those are cut from: the e-book declares
        and embeds the faces print does."""
        folder = self.layouts / "print"
        try:
            rules = font_files.FONT_FACE.findall((folder / "fonts.css").read_text(encoding="utf-8"))
        except OSError:  # layouts without print fonts: the reader's fonts
            return "", []
        roots = (self.layouts.resolve(),)
        kept: list[str] = []
        files: list[Path] = []
        for rule in rules:
            named = [folder / f"{name}.woff2" for name in _WOFF2.findall(rule)]
            if all(inside(path.resolve(), roots) for path in named):
                kept.append(rule)
                files += named
            # else: a face whose file lies outside the layouts is left out
        return "\n".join(_WOFF2.sub(r'url("\1.ttf")', rule) for rule in kept), sorted(files)

    def make(self, job: Job) -> tuple[bytes, list[Path]]:
        """The EPUB's bytes, and the pictures it embeds."""
        book = Book()
        owner = job.owner
        assert not isinstance(owner, Bijeenkomst)  # focus.yaml allows e-books per blok, katern
        leader = job.publication.handleiding
        chapters = [(_chapter(g), g, groups) for g, groups in contents(job)]
        date = self.colophon.get("date") or _NO_DATE
        url = self.base_url + artifacts.DOWNLOADS + artifacts.epub_name(job.filename)
        context: dict[str, Any] = {
            "job": job,
            "owner": owner,
            "publication": job.publication,
            "is_blok": isinstance(owner, Blok),
            **book_names(owner, job.publication.naam),
            "kleur": colour(owner),
            "kleur_tekst": readable_on(colour(owner)),
            "chapters": chapters,
            "identifier": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}",
            "modified": f"{date}T00:00:00Z",
            "web": self.web,
            "gesprek_url": lambda g: self.base_url + self.urls.gesprek(g),
            "body": lambda source: self._body(book, source, leader=leader),
            "cover_lines": textwrap.wrap(owner.titel, 16) or [owner.titel],
        }
        render = self.env.get_template
        book.add("cover.svg", render("cover.svg").render(context))
        book.add("cover.xhtml", render("cover.xhtml").render(context))
        book.add("nav.xhtml", render("nav.xhtml").render(context))
        book.add("inleiding.xhtml", render("inleiding.xhtml").render(context))
        for name, gesprek, groups in chapters:
            book.add(name, render("gesprek.xhtml").render(context, gesprek=gesprek, groups=groups))
        book.add("colofon.xhtml", render("colofon.xhtml").render(context))
        faces, fonts = self.font_faces()
        book.add("book.css", render("book.css").render(context, font_faces=Markup(faces)))
        texts = [data.decode("utf-8") for _, data in book.files]  # all text so far
        for font in fonts:
            whole = font_files.unpacked(font, self.unpacked_fonts())
            book.add(f"fonts/{font.stem}.ttf", font_files.cut_to_text(whole, texts))
        for inner, source in sorted(book.pictures.items()):
            book.add(inner, _picture(source))
        items = [
            (f"i{number}", name, MEDIA_TYPES[Path(name).suffix.lower()], _properties(name, data))
            for number, (name, data) in enumerate(book.files, start=1)
        ]
        spine = [item for item, _, kind, _ in items if kind == MEDIA_TYPES[".xhtml"]]
        # the package claims descriptions of the pictures only when every one has one
        described = not _UNDESCRIBED.search("".join(texts))
        package = render("package.opf").render(
            context, items=items, spine=spine, described=described
        )
        return _zipped(book, package, date), sorted(set(book.pictures.values()))

    def _body(self, book: Book, source: Source, *, leader: bool) -> Markup:
        html = self.renderer.render(source, leader=leader).html

        def picture(rel: str, inner: str, fragment: str) -> str:
            path = self.linker.source_path(rel)
            name = "media/" + inner
            if path.suffix.lower() in _CONVERTED:
                name = name.rsplit(".", 1)[0] + ".png"
            book.pictures[name] = path
            return quote(name) + fragment

        return Markup(self.linker.substitute(html, lambda u: self.base_url + u, picture))


#: A picture without a description (no alt, or an empty one).
_UNDESCRIBED = re.compile(r'<img\b(?![^>]*\balt="[^"]+")[^>]*>')


def _properties(name: str, data: bytes) -> str:
    """The manifest properties of a file: the navigation, the cover, inline SVG."""
    if name == "nav.xhtml":
        return "nav"
    if name == "cover.svg":
        return "cover-image"
    return "svg" if name.endswith(".xhtml") and b"<svg" in data else ""


def _chapter(gesprek: Gesprek) -> str:
    return f"gesprek-{gesprek.number:02d}-{gesprek.slug}.xhtml"


def _picture(source: Path) -> bytes:
    """A picture's bytes as the book holds them: WebP becomes PNG."""
    if source.suffix.lower() not in _CONVERTED:
        return source.read_bytes()
    from PIL import Image  # Pillow comes with WeasyPrint; needed only for such pictures

    out = io.BytesIO()
    with Image.open(source) as image:
        image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _zipped(book: Book, package: str, date: str) -> bytes:
    """The EPUB container: `mimetype` first and stored, then the rest, all dated `date`."""
    stamp = (*(int(part) for part in date.split("-")), 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:

        def put(name: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        put("mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
        put("META-INF/container.xml", _CONTAINER)
        put("OEBPS/package.opf", package.encode("utf-8"))
        for name, data in book.files:
            packed = Path(name).suffix.lower() in _PACKED
            put(f"OEBPS/{name}", data, zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED)
    return out.getvalue()


_CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
