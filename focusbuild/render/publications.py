"""The PDF publications: werkboeken, doelgroep booklets, handleidingen, katernen.

Each publication in focus.yaml, for each blok or katern, is one job: its HTML
comes from `layouts/print/` (Jinja2), WeasyPrint typesets it. WeasyPrint only
gets files from inside the project (fonts, pictures) and data: URIs (QR
codes); anything else is refused, so a build never touches the network. A
PDF is reused from `OUTPUT/.cache/` when the hash of everything that went
into it (HTML, stylesheets, fonts, tool versions) is unchanged.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import segno
import weasyprint
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from weasyprint.urls import URLFetcher

from focusbuild import __version__, urls
from focusbuild.bible import Reference
from focusbuild.config import Publication
from focusbuild.model import Blok, Gesprek, Katern, Section, Site, Song, colour
from focusbuild.paths import inside
from focusbuild.render.links import Linker
from focusbuild.render.registers import references
from focusbuild.rendering import Renderer

PUBLIC = "site"
LEADERS = "leiders"


@dataclass(frozen=True)
class Job:
    publication: Publication
    owner: Blok | Katern
    filename: str

    @property
    def public(self) -> bool:
        return self.publication.openbaar

    @property
    def rel(self) -> str:
        """Where the PDF goes, relative to OUTPUT."""
        if self.public:
            return f"{PUBLIC}/{urls.DOWNLOADS}{self.filename}"
        return f"{LEADERS}/{self.filename}"


@dataclass(frozen=True)
class Made:
    job: Job
    data: bytes
    pages: int
    reused: bool
    seconds: float
    key: str = ""
    booklet: bytes | None = None  # the A4 imposition, when the publication asks for one


def jobs(site: Site) -> list[Job]:
    """Every publication for every blok or katern, in curriculum order."""
    result = []
    for owner in site.owners:
        per, key = (
            ("blok", str(owner.number)) if isinstance(owner, Blok) else ("katern", owner.slug)
        )
        for publication in site.config.publicaties:
            if publication.per == per:
                filename = publication.bestand.replace("{" + per + "}", key)
                result.append(Job(publication, owner, filename))
    return result


def qr_code(url: str) -> Markup:
    """A QR code as an inline SVG image (segno: small, well kept, no dependencies)."""
    data_uri = segno.make(url, error="m").svg_data_uri(border=0, dark="#1d1d22")
    return Markup(f'<img class="qr" src="{data_uri}" alt="QR-code naar {url}">')


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string, safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return Markup(f'"{escaped}"')


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


class PrintRenderer:
    """Renders publication jobs to PDF bytes."""

    def __init__(
        self,
        site: Site,
        renderer: Renderer,
        layouts: Path,
        linker: Linker,
        colophon: dict[str, str],
        *,
        print_ready: bool = False,
    ) -> None:
        self.site = site
        self.renderer = renderer
        self.layouts = layouts
        self.linker = linker
        self.base_url = site.config.basis_url.rstrip("/") + "/"
        self.env = Environment(
            loader=FileSystemLoader([str(layouts / "print"), str(layouts / "shared")]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        config = site.config
        self.env.globals.update(
            site=site,
            config=config,
            onderdeel_naam=config.onderdelen.name,
            doelgroep_naam=config.doelgroepen.name,
            body=self.body,
            web=self.web,
            qr=qr_code,
            css_string=css_string,
            kleur=colour,
            colophon=colophon,
            print_ready=print_ready,
        )
        self.fetcher = Fetcher((site.config.root, layouts, self.linker.content))
        self._layout_files = _layout_files(layouts)  # read once, hashed into every key

    def web(self, url: str) -> str:
        """The absolute web address of a site page (for QR codes and printed links)."""
        return self.base_url + url

    def body(self, source: Any, *, leader: bool) -> Markup:
        html = self.renderer.render(source, leader=leader).html
        return Markup(self.linker.rewrite_for_print(html, self.base_url))

    def contents(self, job: Job) -> list[tuple[Gesprek, list[tuple[str, tuple[Section, ...]]]]]:
        """Per gesprek, per doelgroep of the publication, the sections it prints."""
        leader = job.publication.handleiding
        result = []
        for gesprek in job.owner.gesprekken:
            groups = []
            for doelgroep in job.publication.doelgroepen:
                sections = gesprek.sections_for(doelgroep, leader=leader)
                if sections:
                    groups.append((doelgroep, sections))
            if groups:
                result.append((gesprek, groups))
        return result

    def registers(self, job: Job) -> tuple[list[tuple[str, str]], list[tuple[Song, str]]]:
        """The Bible passages and songs of one publication, with where they are used."""
        leader = job.publication.handleiding
        passages: dict[str, tuple[Reference, list[str]]] = {}
        songs: dict[tuple[str, int], tuple[Song, list[str]]] = {}
        for gesprek, groups in self.contents(job):
            where = f"gesprek {gesprek.number}"
            found = references(gesprek, self.renderer, leader=leader)
            for _, sections in groups:
                for section in sections:
                    found += references(section, self.renderer, leader=leader)
                    for song in section.liederen:
                        entry = songs.setdefault((song.bundel, song.nummer), (song, []))
                        if where not in entry[1]:
                            entry[1].append(where)
            for ref in found:
                entry2 = passages.setdefault(str(ref), (ref, []))
                if where not in entry2[1]:
                    entry2[1].append(where)
        bible = [
            (text, ", ".join(uses))
            for text, (ref, uses) in sorted(
                passages.items(), key=lambda i: (i[1][0].sort_key, i[0])
            )
        ]
        bundles = self.site.config.bundels.ids
        song_list = [
            (song, ", ".join(uses))
            for (bundel, nummer), (song, uses) in sorted(
                songs.items(), key=lambda i: (bundles.index(i[0][0]), i[0][1])
            )
        ]
        return bible, song_list

    def html(self, job: Job) -> str:
        template = self.env.get_template(f"{job.publication.opmaak}.html")
        bible_list, song_list = self.registers(job) if job.publication.handleiding else ([], [])
        return template.render(
            bible_list=bible_list,
            song_list=song_list,
            job=job,
            owner=job.owner,
            publication=job.publication,
            leader=job.publication.handleiding,
            contents=self.contents(job),
            is_blok=isinstance(job.owner, Blok),
            gesprek_url=lambda g: self.web(urls.gesprek(g)),
            refs=_refs,
        )

    def key(self, job: Job, html: str) -> str:
        """A hash of everything that decides the PDF's bytes."""
        digest = hashlib.sha256()
        for part in (html, __version__, weasyprint.__version__, segno.__version__):
            digest.update(part.encode("utf-8") + b"\0")
        digest.update(self._layout_files)
        for match in re.finditer(r'src="(file://[^"]+)"', html):  # pictures
            path = Path(unquote(urlsplit(match.group(1)).path))
            if path.is_file():
                digest.update(path.read_bytes())
        return digest.hexdigest()

    def pdf(self, job: Job, html: str) -> tuple[bytes, int]:
        base = (self.layouts / "print").resolve().as_uri() + "/"
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=self.fetcher).render()
        data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=_identifier(html))
        assert data is not None
        return data, len(document.pages)


def _layout_files(layouts: Path) -> bytes:
    """Names and bytes of the print, shared and static layout files (templates, CSS, fonts)."""
    parts = []
    for folder in (layouts / "print", layouts / "shared", layouts / "static"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                parts.append(path.relative_to(layouts).as_posix().encode() + b"\0")
                parts.append(path.read_bytes())
    return b"".join(parts)


def _identifier(html: str) -> bytes:
    """The PDF's /ID from its content, not from the clock or chance."""
    return hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode()


def _refs(refs: tuple[Reference, ...]) -> str:
    return "; ".join(str(r) for r in refs)
