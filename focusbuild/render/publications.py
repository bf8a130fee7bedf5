"""The PDF publications: werkboeken, doelgroep booklets, handleidingen, katernen.

Each publication in focus.yaml, for each blok or katern, is one job: its HTML
comes from `layouts/print/` (Jinja2), WeasyPrint typesets it. WeasyPrint only
gets files from inside the project (fonts, pictures) and data: URIs (QR
codes); anything else is refused, so a build never touches the network
(`typeset.py`). A PDF is reused from `OUTPUT/.cache/` when the hash of
everything that went into it (HTML, stylesheets, fonts, pictures, tool
versions) is unchanged, and its HTML is not even rendered when none of the
bodies and pictures it showed last time changed (`incremental.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from focusbuild import artifacts
from focusbuild.artifacts import Artifact, Audience, Urls
from focusbuild.bible import Reference
from focusbuild.cache import fingerprint
from focusbuild.config import Publication
from focusbuild.gemeenten.model import names_place
from focusbuild.model import (
    Bijeenkomst,
    Blok,
    Gesprek,
    Katern,
    Section,
    Site,
    Song,
    colour,
    song_name,
)
from focusbuild.render import print_columns
from focusbuild.render.bodies import Renderer
from focusbuild.render.links import Linker
from focusbuild.render.registers import references
from focusbuild.render.templates import environment


@dataclass(frozen=True)
class Job:
    publication: Publication
    owner: Blok | Katern | Bijeenkomst
    filename: str

    @property
    def artifact(self) -> Artifact:
        """Where the PDF goes: the site's downloads, or the leiding's folder."""
        return artifacts.publication_file(self.publication, self.filename)

    @property
    def public(self) -> bool:
        return self.artifact.audience is Audience.PUBLIC

    @property
    def rel(self) -> str:
        """Where the PDF goes, relative to OUTPUT."""
        return self.artifact.rel


def jobs(site: Site) -> list[Job]:
    """Every publication for every blok, katern and bijeenkomst, in curriculum order. A
    bijeenkomst for the leiding as a whole has no public booklet."""
    owners: list[tuple[str, str, Blok | Katern | Bijeenkomst]] = [
        ("blok", str(o.number), o) if isinstance(o, Blok) else ("katern", o.slug, o)
        for o in site.owners
    ]
    if site.traject is not None:
        owners += [("bijeenkomst", b.slug, b) for b in site.traject.bijeenkomsten]
    result = []
    for per, key, owner in owners:
        for publication in site.config.publicaties:
            if publication.per != per:
                continue
            if isinstance(owner, Bijeenkomst) and not _printed(owner, publication):
                continue
            filename = publication.bestand.replace("{" + per + "}", key)
            result.append(Job(publication, owner, filename))
    return result


def _printed(bijeenkomst: Bijeenkomst, publication: Publication) -> bool:
    """Whether a bijeenkomst has this publication: a public booklet needs public parts."""
    return publication.handleiding or bool(bijeenkomst.public_parts)


Contents = list[tuple[Gesprek, list[tuple[str, tuple[Section, ...]]]]]


def not_held(gesprekken: Sequence[Gesprek]) -> str:
    """The sentence that says which of a blok's gesprekken a gemeente does not hold, so a
    reader of its booklet or planner does not look for the missing number (and knows why
    the other gesprekken refer to it): "Gesprek 2 (Kom en zie) slaan wij over." """
    if not gesprekken:
        return ""
    parts = [f"gesprek {g.number} ({g.titel})" for g in gesprekken]
    named = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
    return f"{named[0].upper()}{named[1:]} slaan wij over."


@dataclass(frozen=True)
class Edition:
    """One gemeente's own edition of a publication: what its templates ask of `gemeente`.
    Public publications have none; nothing of a gemeente reaches them."""

    naam: str
    plaats: str
    period: str  # when the blok's gesprekken are held, in words
    contents: Contents  # only the gemeente's gesprekken, in its order
    dates: dict[str, str]  # a gesprek's source → its date in words
    nadruk: frozenset[str] = frozenset()  # onderdelen to stress
    logo: str | None = None  # a file URI
    voorwoord: Markup | None = None
    contacts: tuple[tuple[str, Any], ...] = ()  # (role, Contact)
    not_held: str = ""  # the blok's gesprekken the gemeente skips (`not_held`), if any

    def date(self, gesprek: Gesprek) -> str:
        return self.dates.get(gesprek.source.rel, "")

    @property
    def place_in_name(self) -> bool:
        return names_place(self.naam, self.plaats)

    def stresses(self, section: Section) -> bool:
        return any(o in self.nadruk for o in section.onderdelen)


def contents(job: Job) -> Contents:
    """Per gesprek, per doelgroep of the publication, the sections it holds."""
    leader = job.publication.handleiding
    result: Contents = []
    if isinstance(job.owner, Bijeenkomst):
        return result  # no gesprekken: its parts are printed by `bijeenkomst.html`
    for gesprek in job.owner.gesprekken:
        groups = []
        for doelgroep in job.publication.doelgroepen:
            sections = gesprek.sections_for(doelgroep, leader=leader)
            if sections:
                groups.append((doelgroep, sections))
        if groups:
            result.append((gesprek, groups))
    return result


@lru_cache(maxsize=1024)
def qr_code(url: str) -> Markup:
    """A QR code as an inline SVG image (segno: small, well kept, no dependencies). Kept
    per address: a gesprek's code is in its werkboek and in its handleiding, and segno
    takes 4 ms a code (it tries all eight masks, as the standard asks)."""
    import segno  # loaded only when a publication's HTML is made

    data_uri = segno.make(url, error="m").svg_data_uri(border=0, dark="#1d1d22")
    return Markup(f'<img class="qr" src="{data_uri}" alt="QR-code naar {url}">')


def url_lines(url: str, home: str) -> Markup:
    """A web address as printed under a QR code, for a reader to type: without its
    scheme, the site's own address (`home`) on the first line and then a line for each
    part of the path, so a narrow caption never leaves a scrap such as "op/" on a line of
    its own. A part too long for the caption still wraps at its hyphens."""
    text, home = (re.sub(r"^https?://", "", u) for u in (url, home))
    if not text.startswith(home):
        host, slash, _ = text.partition("/")
        home = host + slash
    lines = [home, *re.findall(r"[^/]+/?", text[len(home) :])]
    return Markup("<br>").join(line for line in lines if line)


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string, safe inside a <style> element."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("<", "\\3c ")
        .replace("\r", "")
        .replace("\n", "\\a ")  # a new line in a CSS string is an escape, never raw
    )
    return Markup(f'"{escaped}"')


def book_names(owner: Blok | Katern, naam: str) -> dict[str, str]:
    """How a blok's or katern's book names itself, in print and e-book alike: its owner
    ("Blok 1", "Katern"), its kind unless that only says the owner again ("Werkboek", but
    "" for the katern's own book "Katern"), and the two phrases built from them for the
    description ("Werkboek bij katern") and the colophon ("Werkboek, katern")."""
    label = f"Blok {owner.number}" if isinstance(owner, Blok) else "Katern"
    soort = naam if naam.lower() != label.lower() else ""
    named = label if isinstance(owner, Blok) else label.lower()
    return {
        "owner_label": label,
        "soort": soort,
        "soort_bij": f"{soort} bij {named}" if soort else label,
        "soort_van": f"{soort}, {named}" if soort else label,
    }


class PublicationRenderer:
    """What a publication's renderer (print or e-book) starts from: the model, the
    renderings, the layouts of one kind, and the globals every such template uses."""

    def __init__(
        self,
        site: Site,
        renderer: Renderer,
        layouts: Path,
        linker: Linker,
        colophon: dict[str, str],
        kind: str,
        compiled: Path | None = None,
    ) -> None:
        self.site = site
        self.renderer = renderer
        self.layouts = layouts
        self.linker = linker
        self.colophon = colophon
        self.base_url = site.config.basis_url.rstrip("/") + "/"
        self.urls = Urls(site.config)
        self.env = environment([layouts / kind, layouts / "shared"], compiled, reload=False)
        config = site.config
        self.env.globals.update(
            site=site,
            config=config,
            onderdeel_naam=config.onderdelen.name,
            doelgroep_naam=config.doelgroepen.name,
            colophon=colophon,
            refs=refs,
            lied_naam=lambda song: song_name(config.bundels, song),
        )

    def web(self, url: str) -> str:
        """The absolute web address of a site page (for QR codes and printed links)."""
        return self.base_url + url


class PrintRenderer(PublicationRenderer):
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
        compiled: Path | None = None,
        layouts_digest: str | None = None,
    ) -> None:
        """`layouts_digest`: `fingerprint.print_layouts(layouts)`, when the caller has it."""
        super().__init__(site, renderer, layouts, linker, colophon, "print", compiled)
        self.print_ready = print_ready
        self.env.globals.update(
            body=self.body,
            web=self.web,
            qr=qr_code,
            url_regels=lambda url: url_lines(url, self.base_url),
            css_string=css_string,
            kleur=colour,
            print_ready=print_ready,
        )
        self.roots = (site.config.root, layouts, self.linker.content)
        # read once per build, hashed into every key
        self._layout_files = layouts_digest or fingerprint.print_layouts(layouts)

    def body(self, source: Any, *, leader: bool) -> Markup:
        html = self.renderer.render(source, leader=leader).html
        return Markup(self.linker.rewrite_for_print(html, self.base_url))

    def registers(self, job: Job) -> tuple[list[tuple[str, str]], list[tuple[Song, str]]]:
        """The Bible passages and songs of one publication, with where they are used."""
        leader = job.publication.handleiding
        passages: dict[str, tuple[Reference, list[str]]] = {}
        songs: dict[tuple[str, int, str], tuple[Song, list[str]]] = {}
        for gesprek, groups in contents(job):
            where = f"gesprek {gesprek.number}"
            found = references(gesprek, self.renderer, leader=leader)
            for _, sections in groups:
                for section in sections:
                    found += references(section, self.renderer, leader=leader)
                    for song in section.liederen:
                        entry = songs.setdefault(song.key, (song, []))
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
            for song, uses in sorted(
                songs.values(), key=lambda i: (bundles.index(i[0].bundel), i[0].order)
            )
        ]
        return bible, song_list

    def html(self, job: Job, edition: Edition | None = None) -> str:
        """A publication's print HTML; with `edition`, one gemeente's own edition of it."""
        template = self.env.get_template(f"{job.publication.opmaak}.html")
        bible_list, song_list = self.registers(job) if job.publication.handleiding else ([], [])
        formaat = job.publication.formaat
        return template.render(
            gemeente=edition,
            bible_list=bible_list,
            bible_split=print_columns.split([f"{r} — {w}" for r, w in bible_list], formaat),
            song_list=song_list,
            song_split=print_columns.split([self._song_line(s, w) for s, w in song_list], formaat),
            job=job,
            owner=job.owner,
            publication=job.publication,
            leader=job.publication.handleiding,
            contents=edition.contents if edition is not None else contents(job),
            is_blok=isinstance(job.owner, Blok),
            gesprek_url=lambda g: self.web(self._page_of(g, job.publication)),
            **self._names(job),
        )

    def _page_of(self, g: Gesprek, publication: Publication) -> str:
        """The page a booklet's QR code opens: for a booklet of one doelgroep (gezin,
        groep 3-5) that group's page of the gesprek, where a parent scanning the gezin
        booklet landed on the kring's Bijbelstudie."""
        default = self.site.config.doelgroepen.default
        only = publication.doelgroepen
        if len(only) == 1 and only[0] != default and g.sections_for(only[0]):
            return self.urls.gesprek(g, only[0])
        return self.urls.gesprek(g)

    def _song_line(self, song: Song, where: str) -> str:
        """A song's entry in the register as text, as the template prints it."""
        number, title = song_name(self.site.config.bundels, song)
        return f"{number} — {title} ({where})" if title else f"{number} ({where})"

    def _names(self, job: Job) -> dict[str, Any]:
        """How the book names itself (`book_names`); for a bijeenkomst's booklet, its parts
        and its words instead."""
        owner = job.owner
        if not isinstance(owner, Bijeenkomst):
            return book_names(owner, job.publication.naam)
        terms = self.site.config.traject
        assert terms is not None
        return {
            "parts": owner.parts if job.publication.handleiding else owner.public_parts,
            "soort": terms.naam("soort", owner.soort),
            "fase": terms.naam("fase", owner.fase),
            "voor": terms.naam("voor", owner.voor),
            "page_url": self.web(self.urls.bijeenkomst(owner)) if not owner.handleiding else None,
        }

    def key(self, html: str, pictures: list[str]) -> str:
        """A hash of everything that decides the PDF's bytes: the HTML, the layouts
        (templates, CSS, fonts), the pictures (their digests), and the typesetting code
        and versions."""
        parts = [self._relative(html), fingerprint.typesetting(), self._layout_files]
        parts += pictures
        return fingerprint.combined(parts)

    def _relative(self, html: str) -> str:
        """The HTML with the project's folders named by their place among the roots, not
        by where the project lies: the bytes of a PDF do not depend on that, so a copy of
        the project elsewhere (`focusbuild diff` builds the base in a git worktree) reuses
        its PDFs."""
        named = [(root.resolve(), f"ROOT{i}") for i, root in enumerate(self.roots)]
        for root, token in sorted(named, key=lambda item: -len(str(item[0]))):
            html = html.replace(root.as_uri(), token).replace(str(root), token)
        return html

    def typesetting(self) -> tuple[str, tuple[Path, ...]]:
        """What WeasyPrint needs beside the HTML: the base URL and the allowed folders."""
        return (self.layouts / "print").resolve().as_uri() + "/", self.roots


def pictures(html: str) -> list[Path]:
    """The files a publication's HTML embeds (its pictures), in order."""
    found = (unquote(urlsplit(m.group(1)).path) for m in _FILE_SRC.finditer(html))
    return [Path(p) for p in dict.fromkeys(found)]


_FILE_SRC = re.compile(r'src="(file://[^"]+)"')


def refs(found: tuple[Reference, ...]) -> str:
    """Bible references as text: "Lucas 19:1-10; Johannes 1:35-51"."""
    return "; ".join(str(r) for r in found)
