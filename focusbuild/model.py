"""The finished, immutable model of the curriculum that every output consumes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from focusbuild.bible import Reference
from focusbuild.config import Config, Vocabulary
from focusbuild.nieuws.model import Edition, Event, NewsItem


@dataclass(frozen=True)
class Source:
    """A Markdown file: where it is, and where its body starts."""

    path: Path  # absolute
    rel: str  # relative to the project, with '/'
    body: str
    body_line: int  # 1-based file line of the body's first line

    def __reduce__(self) -> tuple[Any, ...]:
        # The body goes into a pickle (the check cache) as UTF-8 bytes: pickling a str
        # makes Python keep a UTF-8 copy inside it for as long as it lives, which for
        # text that is not ASCII (’, é) doubled the bodies in memory.
        return (_source, (self.path, self.rel, self.body.encode("utf-8"), self.body_line))


def _source(path: Path, rel: str, body: bytes, body_line: int) -> Source:
    return Source(path, rel, body.decode("utf-8"), body_line)


@dataclass(frozen=True)
class Song:
    bundel: str
    nummer: int
    titel: str  # the song's title, or its first line
    doelgroep: str | None = None
    line: int = field(default=1, compare=False)  # where it stands in its file
    vers: str | None = None  # which verses: "10", "1, 2", "1-3"

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.bundel, self.nummer, self.vers or "")

    @property
    def order(self) -> tuple[int, int]:
        """Its place in its bundle: the number, then the first verse."""
        first = re.match(r"\d+", self.vers or "")
        return (self.nummer, int(first.group()) if first else 0)

    @property
    def number(self) -> str:
        """ "68:10", or "68" for the whole song."""
        return f"{self.nummer}:{self.vers}" if self.vers else str(self.nummer)


def song_name(bundels: Vocabulary, song: Song) -> tuple[str, str]:
    """How a song is named: ("Psalm 68:10", "Geloofd zij God met diep ontzag"). The title
    is "" when it only repeats the number ("Psalm 68")."""
    term = bundels.term(song.bundel)
    number = f"{term.kort or term.id} {song.number}"
    plain = {number.casefold(), f"{term.kort or term.id} {song.nummer}".casefold()}
    return number, "" if song.titel.casefold() in plain else song.titel


@dataclass(frozen=True)
class Section:
    source: Source
    slug: str
    onderdelen: tuple[str, ...]
    doelgroepen: tuple[str, ...]
    titel: str
    bijbelgedeelte: tuple[Reference, ...] = ()
    liederen: tuple[Song, ...] = ()
    video: str | None = None
    partner: str | None = None
    land: str | None = None
    duur: int | None = None
    handleiding: bool = False
    voorbeeld: bool = False  # an invented story or testimony, shown as a sample
    doel: str | None = None  # for whoever leads children's or youth material
    tijd: str | None = None  # the time plan, in words
    benodigdheden: tuple[str, ...] = ()

    @property
    def onderdeel(self) -> str:
        """The main (first) onderdeel; "" for traject material without one."""
        return self.onderdelen[0] if self.onderdelen else ""

    @property
    def leidt(self) -> bool:
        """Whether the section says what whoever leads it needs to know."""
        return bool(self.doel or self.tijd or self.benodigdheden)

    def is_for(self, doelgroep: str) -> bool:
        return doelgroep in self.doelgroepen


@dataclass(frozen=True)
class Gesprek:
    source: Source
    number: int  # from the folder prefix
    slug: str
    parent: str  # "blok3" or "katernen/gebed"
    titel: str
    bijbelgedeelte: tuple[Reference, ...]
    samenvatting: str | None
    sections: tuple[Section, ...]  # in configured onderdeel, then doelgroep order

    def sections_for(self, doelgroep: str, *, leader: bool = False) -> tuple[Section, ...]:
        """The sections for one doelgroep, in onderdeel order; leader-only ones only if asked."""
        return tuple(
            s for s in self.sections if s.is_for(doelgroep) and (leader or not s.handleiding)
        )

    @property
    def public_doelgroepen(self) -> frozenset[str]:
        """The doelgroepen with public material in this gesprek."""
        return frozenset(d for s in self.sections if not s.handleiding for d in s.doelgroepen)

    def sections_of(self, onderdeel: str, *, leader: bool = False) -> tuple[Section, ...]:
        return tuple(
            s for s in self.sections if onderdeel in s.onderdelen and (leader or not s.handleiding)
        )

    @property
    def leader_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.handleiding)


@dataclass(frozen=True)
class Blok:
    source: Source
    number: int
    titel: str
    periode: str
    jaar: int
    maanden: tuple[int, ...]
    kleur: str | None
    gesprekken: tuple[Gesprek, ...]

    @property
    def slug(self) -> str:
        return f"blok{self.number}"


@dataclass(frozen=True)
class Katern:
    source: Source
    slug: str
    titel: str
    samenvatting: str | None
    kleur: str | None
    gesprekken: tuple[Gesprek, ...]


@dataclass(frozen=True)
class Bijeenkomst:
    """A meeting of the traject around the blokken: a startweekend, a gemeenteavond, …"""

    source: Source
    number: int  # from the folder prefix
    slug: str
    titel: str
    soort: str  # an id from focus.yaml's traject.soorten
    fase: str  # an id from traject.fasen, or "blokN"
    voor: str  # an id from traject.voor
    duur: int | None
    samenvatting: str | None
    handleiding: bool  # the whole meeting is for the leiding
    parts: tuple[Section, ...]  # in the order of their file names
    kleur: str | None = None

    @property
    def public_parts(self) -> tuple[Section, ...]:
        return () if self.handleiding else tuple(s for s in self.parts if not s.handleiding)


@dataclass(frozen=True)
class Traject:
    """`content/traject/`: the meetings around the blokken, from voortraject to blok 6."""

    source: Source
    titel: str
    samenvatting: str | None
    kleur: str | None
    bijeenkomsten: tuple[Bijeenkomst, ...]

    @property
    def public(self) -> tuple[Bijeenkomst, ...]:
        return tuple(b for b in self.bijeenkomsten if not b.handleiding)


@dataclass(frozen=True)
class Page:
    source: Source
    slug: str
    titel: str
    samenvatting: str | None
    volgorde: int
    menu: bool


#: The accent colour of a blok or katern without `kleur`.
DEFAULT_COLOUR = "#4a4a4a"


def colour(owner: Blok | Katern | Bijeenkomst) -> str:
    """The accent colour of a blok, katern or bijeenkomst."""
    return owner.kleur or DEFAULT_COLOUR


@dataclass(frozen=True)
class Site:
    config: Config
    blokken: tuple[Blok, ...]
    katernen: tuple[Katern, ...]
    home: Page | None
    pages: tuple[Page, ...]
    songs: tuple[Song, ...]  # the song index from liederen.yaml
    has_song_index: bool = False  # whether liederen.yaml exists (then every song must be in it)
    content_dir: Path | None = None  # resolved; pictures are published relative to it
    traject: Traject | None = None
    nieuws: tuple[NewsItem, ...] = ()  # newest first
    agenda: tuple[Event, ...] = ()  # by first day
    edities: tuple[Edition, ...] = ()  # FocusNieuws, oldest first

    @property
    def owners(self) -> tuple[Blok | Katern, ...]:
        """Every blok, then every katern: what gesprekken and publications belong to."""
        return (*self.blokken, *self.katernen)

    def gesprekken(self) -> Iterator[Gesprek]:
        for owner in self.owners:
            yield from owner.gesprekken

    def sections(self) -> Iterator[tuple[Gesprek, Section]]:
        for gesprek in self.gesprekken():
            for section in gesprek.sections:
                yield gesprek, section

    def sources(self) -> Iterator[Source]:
        """Every Markdown file of the model."""
        for page in (self.home, *self.pages):
            if page is not None:
                yield page.source
        for owner in self.owners:
            yield owner.source
        for gesprek in self.gesprekken():
            yield gesprek.source
            for section in gesprek.sections:
                yield section.source
        if self.traject is not None:
            yield self.traject.source
            for bijeenkomst in self.traject.bijeenkomsten:
                yield bijeenkomst.source
                yield from (part.source for part in bijeenkomst.parts)
        yield from (item.source for item in self.nieuws)
        yield from (event.source for event in self.agenda)
        yield from (edition.source for edition in self.edities)

    def for_doelgroep(self, doelgroep: str) -> list[tuple[Gesprek, Section]]:
        """Everything public for one doelgroep, in curriculum order."""
        return [(g, s) for g, s in self.sections() if s.is_for(doelgroep) and not s.handleiding]

    def for_onderdeel(self, onderdeel: str) -> list[tuple[Gesprek, Section]]:
        """Every public section of one onderdeel (e.g. every Gebed), in curriculum order."""
        return [
            (g, s) for g, s in self.sections() if onderdeel in s.onderdelen and not s.handleiding
        ]

    def traject_parts(self) -> Iterator[Section]:
        """Every part of every bijeenkomst of the traject, public or not."""
        if self.traject is not None:
            for bijeenkomst in self.traject.bijeenkomsten:
                yield from bijeenkomst.parts

    def leader_only_files(self) -> set[Path]:
        """Every file whose text is for the leiding as a whole (resolved paths)."""
        found = {s.source.path.resolve() for _, s in self.leader_only()}
        if self.traject is not None:
            for b in self.traject.bijeenkomsten:
                public = {part.source.rel for part in b.public_parts}
                if b.handleiding:
                    found.add(b.source.path.resolve())
                found |= {p.source.path.resolve() for p in b.parts if p.source.rel not in public}
        return found

    def leader_only(self) -> list[tuple[Gesprek, Section]]:
        """The sections that are leader-only as a whole (`handleiding: true`)."""
        return [(g, s) for g, s in self.sections() if s.handleiding]

    def container(self, gesprek: Gesprek) -> Blok | Katern:
        """The blok or katern a gesprek belongs to."""
        for blok in self.blokken:
            if blok.slug == gesprek.parent:
                return blok
        for katern in self.katernen:
            if f"katernen/{katern.slug}" == gesprek.parent:
                return katern
        raise KeyError(gesprek.parent)

    def partners(self) -> list[str]:
        """The programme's partners (focus.yaml), then those credited in public sections,
        in order of appearance. A leader-only section's partner is not public."""
        credited = (s.partner for _, s in self.sections() if s.partner and not s.handleiding)
        return list(dict.fromkeys((*self.config.partners, *credited)))

    def blok(self, number: int) -> Blok:
        for blok in self.blokken:
            if blok.number == number:
                return blok
        raise KeyError(number)

    #: More loose pages than this, and the footer lists only the menu's pages: a footer
    #: that lists every page makes each page as long as the site (quadratic growth).
    FOOTER_PAGES = 12

    @property
    def footer_pages(self) -> tuple[Page, ...]:
        return self.pages if len(self.pages) <= self.FOOTER_PAGES else self.menu_pages

    @property
    def menu_pages(self) -> tuple[Page, ...]:
        return tuple(sorted((p for p in self.pages if p.menu), key=lambda p: (p.volgorde, p.slug)))
