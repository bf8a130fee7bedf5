"""The registers: Bible passages in canonical order and songs per bundle."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from focusbuild.artifacts import SourceUrls
from focusbuild.bible import Book, Reference
from focusbuild.model import Blok, Gesprek, Section, Site, Song
from focusbuild.render.bodies import Renderer


@dataclass(frozen=True)
class Use:
    """One place where a passage or song is used: a label and a site URL."""

    label: str
    url: str


@dataclass(frozen=True)
class PassageEntry:
    reference: str
    link: str  # the Bible website
    uses: tuple[Use, ...]


@dataclass(frozen=True)
class BookEntry:
    book: Book
    passages: tuple[PassageEntry, ...]


@dataclass(frozen=True)
class SongEntry:
    song: Song
    uses: tuple[Use, ...]


@dataclass(frozen=True)
class BundleEntry:
    id: str
    naam: str
    songs: tuple[SongEntry, ...]


def _label(site: Site, gesprek: Gesprek) -> str:
    owner = site.container(gesprek)
    where = f"Blok {owner.number}" if isinstance(owner, Blok) else f"Katern {owner.titel}"
    return f"{where}, gesprek {gesprek.number}: {gesprek.titel}"


def references(
    item: Gesprek | Section, renderer: Renderer, *, leader: bool = False
) -> list[Reference]:
    """The passages of a gesprek or section: its front matter, then its running text."""
    return [*item.bijbelgedeelte, *renderer.render(item.source, leader=leader).references]


def _url(sources: SourceUrls, item: Gesprek | Section) -> str:
    url = sources.get(item.source.rel)
    assert url is not None, item.source.rel  # only public items are registered
    return url


def _section_label(site: Site, gesprek: Gesprek, section: Section) -> str:
    """Where in the gesprek: the kring's onderdeel ("Lied"), or the doelgroep and its
    title ("Groep 3-5: Zacheüs in de boom"). The title alone misled: under Psalm 23 the
    kring's song section read "(Zingen: Psalm 42)", the title of a section that sings
    both, and a doelgroep's title did not say whose material it was."""
    config = site.config
    default = config.doelgroepen.default
    groups = [config.doelgroepen.name(d) for d in section.doelgroepen if d != default]
    if groups:
        where = f"{', '.join(groups)}: {section.titel}"
    else:
        where = ", ".join(config.onderdelen.name(o) for o in section.onderdelen) or section.titel
    return f"{_label(site, gesprek)} ({where})"


def bible_register(site: Site, renderer: Renderer, sources: SourceUrls) -> tuple[BookEntry, ...]:
    """Every public passage: front matter and references in running text."""
    links = site.config.bijbellink
    uses: dict[str, dict[str, Use]] = defaultdict(dict)
    refs: dict[str, Reference] = {}

    def add(ref: Reference, use: Use) -> None:
        key = str(ref)
        refs.setdefault(key, ref)
        uses[key].setdefault(use.url, use)

    for gesprek in site.gesprekken():
        use = Use(_label(site, gesprek), _url(sources, gesprek))
        for ref in references(gesprek, renderer):
            add(ref, use)
        for section in gesprek.sections:
            if section.handleiding:
                continue
            use = Use(_section_label(site, gesprek, section), _url(sources, section))
            for ref in references(section, renderer):
                add(ref, use)
    by_book: dict[int, list[str]] = defaultdict(list)
    for key, ref in refs.items():
        by_book[ref.book.index].append(key)
    result = []
    for index in sorted(by_book):
        keys = sorted(by_book[index], key=lambda k: (refs[k].sort_key, k))
        passages = tuple(
            PassageEntry(k, refs[k].url(links.chapter, links.verse), tuple(uses[k].values()))
            for k in keys
        )
        result.append(BookEntry(refs[keys[0]].book, passages))
    return tuple(result)


def song_register(site: Site, sources: SourceUrls) -> tuple[BundleEntry, ...]:
    uses: dict[tuple[str, int, str], dict[str, Use]] = defaultdict(dict)
    songs: dict[tuple[str, int, str], Song] = {}
    for song in site.songs:
        songs[song.key] = song
    for gesprek, section in site.sections():
        if section.handleiding:
            continue
        for song in section.liederen:
            key = song.key
            songs.setdefault(key, song)
            url = _url(sources, section)
            uses[key].setdefault(url, Use(_section_label(site, gesprek, section), url))
    result = []
    for term in site.config.bundels.terms:
        entries = tuple(
            SongEntry(songs[key], tuple(uses[key].values()))
            for key in sorted(
                (k for k in songs if k[0] == term.id and uses.get(k)), key=lambda k: songs[k].order
            )
        )
        if entries:
            result.append(BundleEntry(term.id, term.naam, entries))
    return tuple(result)
