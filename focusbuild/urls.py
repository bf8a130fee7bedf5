"""Where everything lives on the site: every URL is computed here, once.

URLs are folder-style and relative to the site root ("blok1/hij-zoekt-ons-op/");
each page is written as `<url>index.html`. Pages link to each other with
relative paths (`relative`), so the site works from any folder or sub-path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from focusbuild.model import Blok, Gesprek, Katern, Page, Section, Site

HOME = ""
DOELGROEPEN = "doelgroepen/"
ONDERDELEN = "onderdelen/"
KATERNEN = "katernen/"
DOWNLOADS = "downloads/"
BIJBELREGISTER = "register/bijbelteksten/"
LIEDREGISTER = "register/liederen/"
ZOEKEN = "zoeken/"
STATIC = "static/"
MEDIA = "media/"
PAGEFIND = "pagefind/"

#: First path segments the site itself uses; a free page may not take one.
RESERVED = frozenset(
    {
        "doelgroepen",
        "onderdelen",
        "katernen",
        "downloads",
        "register",
        "zoeken",
        "static",
        "media",
        "pagefind",
        "leiders",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    }
    | {f"blok{n}" for n in range(7)}
)


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


def blok(b: Blok) -> str:
    return f"{b.slug}/"


def gesprek(g: Gesprek, doelgroep: str = "kring") -> str:
    base = f"{g.parent}/{g.slug}/"
    return base if doelgroep == "kring" else f"{base}{doelgroep}/"


def katern(k: Katern) -> str:
    return f"{KATERNEN}{k.slug}/"


def page(p: Page) -> str:
    return f"{p.slug}/"


def doelgroep(term_id: str) -> str:
    return f"{DOELGROEPEN}{term_id}/"


def onderdeel(term_id: str) -> str:
    return f"{ONDERDELEN}{term_id}/"


def section_home(g: Gesprek, s: Section) -> str:
    """The page a section belongs to: its gesprek, or the page of its first doelgroep."""
    where = "kring" if s.is_for("kring") else s.doelgroepen[0]
    return f"{gesprek(g, where)}#{s.slug}"


def media(inner: str) -> str:
    """Where a file from the content folder (path below it) is published."""
    return MEDIA + inner


@dataclass
class SourceUrls:
    """Project-relative source path → the public URL that shows it (None: leader-only)."""

    site: Site
    _map: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        site = self.site
        if site.home is not None:
            self._map[site.home.source.rel] = HOME
        for p in site.pages:
            self._map[p.source.rel] = page(p)
        for b in site.blokken:
            self._map[b.source.rel] = blok(b)
        for k in site.katernen:
            self._map[k.source.rel] = katern(k)
        for g in site.gesprekken():
            self._map[g.source.rel] = gesprek(g)
            for s in g.sections:
                self._map[s.source.rel] = None if s.handleiding else section_home(g, s)

    def get(self, rel: str) -> str | None:
        return self._map.get(rel)

    def known(self, rel: str) -> bool:
        return rel in self._map
