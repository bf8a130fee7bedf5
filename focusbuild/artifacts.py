"""Where every output goes: web addresses, output paths, and who may see a file.

This is the one module that knows the output's layout. Everything a build
writes is an `Artifact`: a path inside one audience's folder of OUTPUT,
`site/` (the public website, with its downloads), `leiders/` (the
handleidingen, for the leiding only), `gemeenten/SLUG/` (one gemeente's
own programme, for that gemeente only) or `nieuwsbrief/JJJJ-MM/` (an edition
of FocusNieuws as e-mail, for the Focusteam to send). Whether a file may go public is
decided by `audience`, here and nowhere else: text for the leiding never
reaches `site/`, and nothing of a gemeente's profile does either.

Web addresses are folder-style and relative to the site root
("blok1/hij-zoekt-ons-op/"); a page is written as `<url>index.html`. Pages
link to each other with relative paths (`relative`), so the site works from
any folder or sub-path. `Urls` gives every page of the model its address; it
needs the configuration for one thing only: the default doelgroep's
material lives on the gesprek's own page, every other doelgroep's on a page
below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from focusbuild.config import Config, Publication
from focusbuild.model import Bijeenkomst, Blok, Gesprek, Katern, Page, Section, Site
from focusbuild.nieuws.model import Event, NewsItem

HOME = ""
DOELGROEPEN = "doelgroepen/"
ONDERDELEN = "onderdelen/"
KATERNEN = "katernen/"
TRAJECT = "traject/"
NIEUWS = "nieuws/"
AGENDA = "agenda/"
ATOM = NIEUWS + "atom.xml"
AGENDA_ICS = AGENDA + "focus-agenda.ics"
#: News items a page of /nieuws/ lists.
NEWS_PER_PAGE = 10
DOWNLOADS = "downloads/"
BIJBELREGISTER = "register/bijbelteksten/"
LIEDREGISTER = "register/liederen/"
ZOEKEN = "zoeken/"
STATIC = "static/"
MEDIA = "media/"
PAGEFIND = "pagefind/"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"

#: First path segments the site itself uses; a free page may not take one.
RESERVED = frozenset(
    {
        "doelgroepen",
        "onderdelen",
        "katernen",
        "traject",
        "nieuws",
        "agenda",
        "nieuwsbrief",
        "downloads",
        "register",
        "zoeken",
        "static",
        "media",
        "pagefind",
        "leiders",
        "admin",  # the browser editor (editor/decap.py)
        NOT_FOUND,
        SITEMAP,
        ROBOTS,
    }
)
_BLOK_FOLDER = re.compile(r"blok\d+")


def reserved(slug: str) -> bool:
    """Whether a free page named `slug` would take an address the site uses itself."""
    return slug in RESERVED or _BLOK_FOLDER.fullmatch(slug) is not None


class Audience(Enum):
    """Who an output file is for, and so the folder of OUTPUT it goes to."""

    PUBLIC = "site"
    LEADERS = "leiders"
    GEMEENTEN = "gemeenten"  # each gemeente's folder: never linked from the site
    NIEUWSBRIEF = "nieuwsbrief"  # FocusNieuws as e-mail, for the Focusteam to send


def audience(*, public: bool, leader_text: bool) -> Audience:
    """The one decision whether a file may be published: only when it is meant to be
    public and holds no text for the leiding."""
    return Audience.PUBLIC if public and not leader_text else Audience.LEADERS


#: The folders of OUTPUT a build writes, one per audience.
ROOTS = tuple(a.value for a in Audience)


@dataclass(frozen=True)
class Artifact:
    """One output file (or, with a path ending in '/', a folder of files only known once
    made, such as the search index), inside its audience's folder."""

    audience: Audience
    path: str

    @property
    def rel(self) -> str:
        """The path relative to OUTPUT."""
        return f"{self.audience.value}/{self.path}"

    @property
    def root(self) -> str:
        return self.audience.value

    @property
    def tree(self) -> bool:
        return self.path.endswith("/")


def page_path(url: str) -> str:
    """The file of a page: a folder URL ("" = home) gets index.html; "404.html" is itself."""
    return url + "index.html" if url.endswith("/") or not url else url


def gemeente(slug: str, name: str) -> Artifact:
    """A file of one gemeente's programme (`gemeenten/SLUG/NAME`)."""
    return Artifact(Audience.GEMEENTEN, f"{slug}/{name}")


def public(path: str) -> Artifact:
    """A file of the website, by its path below the site root."""
    return Artifact(Audience.PUBLIC, path)


def newsletter(editie: str, name: str) -> Artifact:
    """A file of one FocusNieuws edition (`nieuwsbrief/2027-03/NAME`)."""
    return Artifact(Audience.NIEUWSBRIEF, f"{editie}/{name}")


def page(url: str) -> Artifact:
    """The file a site page is written to."""
    return public(page_path(url))


def download(filename: str, *, public: bool, leader_text: bool) -> Artifact:
    """A publication's file: in the site's downloads when public, else for the leiding."""
    where = audience(public=public, leader_text=leader_text)
    return Artifact(where, (DOWNLOADS if where is Audience.PUBLIC else "") + filename)


def publication_file(publication: Publication, filename: str) -> Artifact:
    return download(filename, public=publication.openbaar, leader_text=publication.handleiding)


def booklet_name(name: str) -> str:
    """focus-blok-1-werkboek.pdf → focus-blok-1-werkboek-boekje.pdf (the A4 imposition)"""
    return name.removesuffix(".pdf") + "-boekje.pdf"


def epub_name(name: str) -> str:
    """focus-blok-1-werkboek.pdf → focus-blok-1-werkboek.epub"""
    return name.removesuffix(".pdf") + ".epub"


def media(inner: str) -> str:
    """The URL of a file from the content folder (its path below that folder)."""
    return MEDIA + inner


def static(inner: str) -> str:
    """The URL of a file from the layouts' static folder; favicons sit at the root."""
    return inner if inner.startswith("favicon") else STATIC + inner


def relative(from_url: str, to_url: str) -> str:
    """A relative link from the page at `from_url` to `to_url` (both site-relative)."""
    path, _, fragment = to_url.partition("#")
    anchor = f"#{fragment}" if fragment else ""
    if path == from_url and anchor:
        return anchor  # on the same page
    base = from_url[: from_url.rfind("/") + 1]
    here = base.split("/")[:-1]  # the page's folders
    there = path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    link = "../" * (len(here) - common) + "/".join(there[common:])
    return (link or "./") + anchor


class Urls:
    """The web address of every page of the model, for code and templates alike."""

    HOME = HOME
    DOELGROEPEN = DOELGROEPEN
    ONDERDELEN = ONDERDELEN
    KATERNEN = KATERNEN
    TRAJECT = TRAJECT
    NIEUWS = NIEUWS
    AGENDA = AGENDA
    ATOM = ATOM
    AGENDA_ICS = AGENDA_ICS
    DOWNLOADS = DOWNLOADS
    BIJBELREGISTER = BIJBELREGISTER
    LIEDREGISTER = LIEDREGISTER
    ZOEKEN = ZOEKEN
    STATIC = STATIC
    MEDIA = MEDIA
    PAGEFIND = PAGEFIND

    def __init__(self, config: Config) -> None:
        self.default = config.doelgroepen.default

    relative = staticmethod(relative)
    media = staticmethod(media)

    def blok(self, b: Blok) -> str:
        return f"{b.slug}/"

    def gesprek(self, g: Gesprek, doelgroep: str | None = None) -> str:
        """A gesprek's page for one doelgroep; the default doelgroep's is the gesprek's own."""
        base = f"{g.parent}/{g.slug}/"
        return base if doelgroep in (None, self.default) else f"{base}{doelgroep}/"

    def katern(self, k: Katern) -> str:
        return f"{KATERNEN}{k.slug}/"

    def page(self, p: Page) -> str:
        return f"{p.slug}/"

    def bijeenkomst(self, b: Bijeenkomst) -> str:
        return f"{TRAJECT}{b.slug}/"

    def nieuws(self, item: NewsItem) -> str:
        return f"{NIEUWS}{item.slug}/"

    def nieuws_page(self, number: int) -> str:
        """Page `number` (1, 2, …) of the news, newest first."""
        return NIEUWS if number == 1 else f"{NIEUWS}pagina/{number}/"

    def event(self, event: Event) -> str:
        return f"{AGENDA}{event.slug}/"

    def event_ics(self, event: Event) -> str:
        """One event as a calendar file, in its page's folder."""
        return f"{self.event(event)}{event.slug}.ics"

    def doelgroep(self, term_id: str) -> str:
        return f"{DOELGROEPEN}{term_id}/"

    def onderdeel(self, term_id: str) -> str:
        return f"{ONDERDELEN}{term_id}/"

    def owner(self, owner: Blok | Katern | Bijeenkomst) -> str:
        if isinstance(owner, Bijeenkomst):
            return self.bijeenkomst(owner)
        return self.blok(owner) if isinstance(owner, Blok) else self.katern(owner)

    def section_home(self, g: Gesprek, s: Section) -> str:
        """The page a section belongs to: its gesprek's, or that of its first doelgroep."""
        where = self.default if s.is_for(self.default) else s.doelgroepen[0]
        return f"{self.gesprek(g, where)}#{s.slug}"

    def download(self, filename: str) -> str:
        return DOWNLOADS + filename


@dataclass
class SourceUrls:
    """Project-relative source path → the public URL that shows it (None: leader-only)."""

    site: Site
    _map: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        site = self.site
        urls = Urls(site.config)
        if site.home is not None:
            self._map[site.home.source.rel] = HOME
        for p in site.pages:
            self._map[p.source.rel] = urls.page(p)
        for owner in site.owners:
            self._map[owner.source.rel] = urls.owner(owner)
        for g in site.gesprekken():
            self._map[g.source.rel] = urls.gesprek(g)
            for s in g.sections:
                self._map[s.source.rel] = None if s.handleiding else urls.section_home(g, s)
        if site.traject is not None:
            self._map[site.traject.source.rel] = TRAJECT
            for b in site.traject.bijeenkomsten:
                public = {part.source.rel for part in b.public_parts}
                self._map[b.source.rel] = None if b.handleiding else urls.bijeenkomst(b)
                for part in b.parts:
                    home = f"{urls.bijeenkomst(b)}#{part.slug}"
                    self._map[part.source.rel] = home if part.source.rel in public else None
        self._map.update({item.source.rel: urls.nieuws(item) for item in site.nieuws})
        self._map.update({event.source.rel: urls.event(event) for event in site.agenda})

    def get(self, rel: str) -> str | None:
        return self._map.get(rel)

    def known(self, rel: str) -> bool:
        return rel in self._map
