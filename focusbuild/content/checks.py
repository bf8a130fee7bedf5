"""Checks on what is inside the Markdown bodies, and on the curriculum as a whole."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from focusbuild.artifacts import reserved
from focusbuild.config import Publication, Vocabulary
from focusbuild.content.frontmatter import Document
from focusbuild.content.pictures import Unreadable, kind_and_size
from focusbuild.content.surprises import surprises
from focusbuild.diagnostics import Collector, opsomming
from focusbuild.markdown import Analysis
from focusbuild.model import Gesprek, Section, Site, Source
from focusbuild.paths import inside, publishable

if TYPE_CHECKING:
    from focusbuild.markdown.inline_refs import Found

#: The leader parser's view of a body (parsed now, or taken from a rendering).
Analyse = Callable[[Source], Analysis]


def report_found(collector: Collector, source: Source, found: Found, block_line: int) -> bool:
    """Report a problem (an error) or a warning the Markdown found, at its place in
    `source`, searched from `block_line`; whether `found` was one."""
    if found.kind not in ("problem", "warning"):
        return False
    report = collector.error if found.kind == "problem" else collector.warning
    report(source.rel, *locate(source, block_line, found.text), found.message)
    return True


#: Where a link's or picture's address stands after its text: `](addr`, `](<addr>` or a
#: reference definition `]: addr`. Looked for first, so that link text that reads like
#: the address ("[zacheüs.md](zacheüs.md)") is not taken for it.
_ADDRESS_LEADS = ("](", "](<", "]: ")


def locate(source: Source, block_line: int, needle: str) -> tuple[int, int]:
    """File line and column of `needle` (an address, encoded by markdown-it or as written),
    searching from the block where it was found."""
    lines = source.body.split("\n")
    written = [c for c in dict.fromkeys((needle, unquote(needle))) if c]
    shapes = [(lead, c) for c in written for lead in _ADDRESS_LEADS] + [("", c) for c in written]
    for number in range(max(block_line, 0), len(lines)):
        for lead, candidate in shapes:
            place = lines[number].find(lead + candidate)
            if place >= 0:
                return source.body_line + number, place + len(lead) + 1
    return source.body_line + block_line, 1


class BodyChecker:
    def __init__(
        self,
        analyse: Analyse,
        roots: tuple[Path, ...],
        collector: Collector,
        leader_only: set[Path],
    ) -> None:
        self.analyse = analyse
        self.roots = tuple(r.resolve() for r in roots)
        self.collector = collector
        self.leader_only = leader_only
        self._names: dict[Path, frozenset[str] | None] = {}  # a folder's entries, once

    def check(self, doc: Document) -> None:
        source = Source(doc.path, doc.rel, doc.body, doc.body_line)
        analysis = self.analyse(source)
        for problem in analysis.problems:
            self.collector.error(
                doc.rel, doc.body_line + problem.line, problem.column, problem.message
            )
        for surprise in surprises(doc.body):
            say = self.collector.error if surprise.error else self.collector.warning
            say(doc.rel, doc.body_line + surprise.line, surprise.column, surprise.message)
        for found in analysis.found:
            if report_found(self.collector, source, found, found.block_line):
                continue
            if found.kind in ("link", "image"):
                public = not found.leader and source.path.resolve() not in self.leader_only
                self.target(source, found, public=public)

    def target(self, source: Source, found: Found, *, public: bool) -> None:
        href = found.text.strip()
        image = found.kind == "image"
        problem, target = self._problem(source, href, image=image, public=public)
        if problem is not None:
            self.collector.error(source.rel, *locate(source, found.block_line, href), problem)
        elif image and target is not None:
            heavy = _too_heavy(target, href)
            if heavy is not None:
                error, message = heavy
                say = self.collector.error if error else self.collector.warning
                say(source.rel, *locate(source, found.block_line, href), message)

    def _problem(
        self, source: Source, href: str, *, image: bool, public: bool
    ) -> tuple[str | None, Path | None]:
        """What is wrong with a link or picture address, if anything; and the file inside
        the project it names, when it names one and nothing is wrong."""
        what = "afbeelding" if image else "link"
        parts = urlsplit(href)
        if href.startswith("#") or (not image and parts.scheme in ("mailto", "tel")):
            return None, None
        if parts.scheme in ("http", "https") or href.startswith("//"):
            if image:
                return (
                    f"afbeelding van internet ({href}) wordt niet opgehaald; "
                    "zet het bestand in de map img/ en verwijs daarnaar"
                ), None
            return None, None
        if parts.scheme == "data" and image:
            return None, None
        if parts.scheme:
            return f"{what} '{href}' gebruikt een onbekend soort adres", None
        path = unquote(parts.path)
        if not path:
            return None, None
        if "\x00" in path:  # "%00": no file can have it in its name
            return f"{what} '{href}' bevat een ongeldig teken (%00)", None
        if path.startswith("/"):
            return (
                f"{what} '{href}' begint met '/'; gebruik een pad vanaf dit "
                "bestand, zoals '../02-…/bijbelstudie.md'"
            ), None
        written = path.rstrip("/").rsplit("/", 1)[-1]  # resolve() gives a disk's own capitals
        try:
            target = (source.path.parent / path).resolve()
            problem = self._file_problem(
                target, href, what, leader_link=public and not image, written=written
            )
        except OSError as error:  # a name of 5,000 letters: the system will not look it up
            shown = href if len(href) <= 60 else href[:57] + "…"
            reason = "de naam is te lang" if error.errno == errno.ENAMETOOLONG else "onleesbaar"
            return f"{what} '{shown}' kan niet worden opgezocht: {reason}", None
        return problem, target if problem is None else None

    def _names_in(self, folder: Path) -> frozenset[str] | None:
        """The names in `folder` (None if it cannot be read), listed once per check: a
        page of pictures links into one folder again and again."""
        if folder not in self._names:
            try:
                self._names[folder] = frozenset(entry.name for entry in folder.iterdir())
            except OSError:
                self._names[folder] = None
        return self._names[folder]

    def _file_problem(
        self, target: Path, href: str, what: str, *, leader_link: bool, written: str
    ) -> str | None:
        """What is wrong with the file an address names (`written`: its name as the text
        writes it), if anything."""
        if not inside(target, self.roots):
            return f"{what} '{href}' wijst buiten het project"
        actual = _as_named(self._names_in(target.parent), written)
        if actual is not None and actual != written:
            # a disk that ignores capitals (Windows, macOS) found it; the web server will not
            meant = href.rsplit("/", 1)[0] + "/" + actual if "/" in href else actual
            if not target.exists():
                return f"{what} '{href}' bestaat niet; bedoel je '{meant}'? Let op hoofdletters"
            return (
                f"{what} '{href}': het bestand heet '{actual}'; schrijf de naam precies zo, met "
                "dezelfde hoofdletters (de website maakt verschil)"
            )
        if not target.exists():
            return f"{what} '{href}' bestaat niet"
        if not target.is_file():
            return f"{what} '{href}' wijst naar een map; verwijs naar een bestand"
        if target.suffix != ".md" and publishable(target, self.roots[-1]) is None:
            return (
                f"{what} '{href}': alleen bestanden in de map content/ (en niet in een map "
                "of bestand dat met '.' begint) kunnen mee naar de website"
            )
        if target.suffix.lower() in ACTIVE:
            return (
                f"{what} '{href}': een {target.suffix.lower()}-bestand gaat niet mee naar de "
                "website, want een browser voert wat erin staat uit als een pagina of script "
                "van de site zelf; zet de tekst in Markdown, of maak er een pdf van"
            )
        if leader_link and target in self.leader_only:
            return (
                f"link naar '{href}': dat bestand is alleen voor de leiding; "
                "zet de link binnen '::: handleiding'"
            )
        return None


#: Files a browser opens as a page or runs as a script of the site itself: one from
#: content/ (partner text is untrusted) would be copied to the site as it is, with its
#: <script>. SVG is checked for scripts instead (svg.py); a compressed SVG cannot be.
ACTIVE = frozenset(
    {".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".svgz"}
    | {".js", ".mjs", ".wasm", ".swf", ".php"}
)


def _as_named(names: frozenset[str] | None, name: str) -> str | None:
    """The name a file `name` really has among a folder's `names`, if one differs only in
    capitals ("Poster.PNG" for "poster.png"), else `name` itself or None."""
    if names is None:
        return None
    if name in names:
        return name
    wanted = name.casefold()
    return next((name for name in sorted(names) if name.casefold() == wanted), None)


#: A picture larger than this (bytes, or pixels either way) is warned about: it is copied
#: to the site and into every booklet as it is (a 6000 × 4000 photo made a children's
#: booklet of 28 MB, its siblings 55-82 kB).
IMAGE_BYTES = 1_500_000
IMAGE_PIXELS = 2500


#: Pictures a browser and WeasyPrint show, that Pillow reads.
RASTER = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})


def _too_heavy(target: Path, href: str) -> tuple[bool, str] | None:
    """What is wrong with a picture's file, if anything, and whether that is an error: one
    that cannot be shown, or a warning: one too large for a page and a booklet."""
    if target.suffix.lower() == ".svg" or not target.is_file():
        return None  # an SVG has its own limits (svg.py)
    size = target.stat().st_size
    pixels: tuple[int, int] | None = None
    try:
        pixels = kind_and_size(target)[1]
    except Unreadable as error:
        if error.too_many_pixels:
            return True, (
                f"afbeelding '{href}' heeft te veel pixels om te tonen; maak hem kleiner, "
                f"hoogstens {IMAGE_PIXELS} pixels breed en hoog"
            )
        if target.suffix.lower() in RASTER:
            # a text saved as .png: the site showed a broken picture, the booklets none
            return True, (
                f"afbeelding '{href}' is geen leesbare {target.suffix.lower()[1:]}-afbeelding "
                "(beschadigd, of een ander soort bestand met deze naam); sla hem opnieuw op "
                "als png of jpg"
            )
    if size <= IMAGE_BYTES and (pixels is None or max(pixels) <= IMAGE_PIXELS):
        return None
    sizes = []
    if size > IMAGE_BYTES:
        sizes.append(f"{size / 1_000_000:.1f} MB".replace(".", ","))
    if pixels is not None and max(pixels) > IMAGE_PIXELS:
        sizes.append(f"{pixels[0]} × {pixels[1]} pixels")
    what = ", ".join(sizes)
    return False, (
        f"afbeelding '{href}' is groot ({what}) en komt zo op de website en in elk boekje; "
        f"maak hem kleiner, hoogstens {IMAGE_PIXELS} pixels breed en hoog en liefst onder "
        "1 MB (bijvoorbeeld 1600 pixels breed)"
    )


def check_bodies(
    documents: list[Document],
    analyse: Analyse,
    roots: tuple[Path, ...],
    collector: Collector,
    site: Site | None,
) -> None:
    leader_only = site.leader_only_files() if site is not None else set()
    checker = BodyChecker(analyse, roots, collector, leader_only)
    for doc in documents:
        checker.check(doc)


def check_songs(site: Site, collector: Collector) -> None:
    """Every song used should be in liederen.yaml, with the same title."""
    if not site.has_song_index:
        return
    index = {s.key: s for s in site.songs}
    for section in [s for _, s in site.sections()] + list(site.traject_parts()):
        for song in section.liederen:
            known = index.get(song.key)
            rel = section.source.rel
            if known is None:
                collector.warning(
                    rel,
                    song.line,
                    1,
                    f"lied {song.bundel} {song.number} staat niet in content/liederen.yaml; "
                    "voeg het daar toe, met dezelfde bundel, hetzelfde nummer en dezelfde titel",
                )
            elif known.titel != song.titel:
                collector.warning(
                    rel,
                    song.line,
                    1,
                    f"lied {song.bundel} {song.number} heet in content/liederen.yaml "
                    f"'{known.titel}', hier '{song.titel}'",
                )


def check_completeness(site: Site, collector: Collector) -> None:
    """Warnings for a gesprek that lacks an onderdeel for the default doelgroep (the kring),
    or material for a doelgroep that is not optional."""
    config = site.config
    doelgroepen = config.doelgroepen
    default = doelgroepen.default
    who = doelgroepen.term(default).woord
    for gesprek in site.gesprekken():
        rel = gesprek.source.rel
        covered = {o for s in gesprek.sections_for(default) for o in s.onderdelen}
        for term in config.onderdelen.terms:
            if term.id not in covered:
                collector.warning(
                    rel,
                    1,
                    1,
                    f"gesprek '{gesprek.titel}' mist het onderdeel '{term.naam}' voor de {who}",
                )
        _evening(gesprek, default, config.avondduur, who, collector)
        kind = "blok" if gesprek.parent.startswith("blok") else "katern"
        for section in gesprek.sections:
            _leader_info(section, doelgroepen, collector)
            _in_no_book(section, kind, config.publicaties, doelgroepen, collector)
        if not gesprek.parent.startswith("blok"):
            continue
        for term in doelgroepen.others:
            if not term.optioneel and not gesprek.sections_for(term.id):
                collector.warning(
                    rel, 1, 1, f"gesprek '{gesprek.titel}' heeft geen materiaal voor '{term.naam}'"
                )
    for part in site.traject_parts():
        _leader_info(part, doelgroepen, collector)


def _evening(
    gesprek: Gesprek, default: str, minutes: int | None, who: str, collector: Collector
) -> None:
    """The default doelgroep's onderdelen take one kring evening together (`avondduur`)."""
    if minutes is None:
        return
    shown = gesprek.sections_for(default)
    total = sum(s.duur or 0 for s in shown)
    if total != minutes:
        missing = [s.titel for s in shown if s.duur is None]
        hint = f"; zonder 'duur': {', '.join(missing)}" if missing else ""
        collector.warning(
            gesprek.source.rel,
            1,
            1,
            f"de onderdelen voor de {who} duren samen {total} minuten, een kringavond "
            f"{minutes} (avondduur in focus.yaml){hint}",
        )


def _in_no_book(
    section: Section,
    kind: str,
    publications: tuple[Publication, ...],
    doelgroepen: Vocabulary,
    collector: Collector,
) -> None:
    """Material of a blok or katern that no PDF of that kind takes (focus.yaml makes
    books per katern for the kring only, say): its author expects it in print. Not said
    where focus.yaml makes no books of that kind at all."""
    books = [p for p in publications if p.per == kind]
    if not books:
        return
    takes = [p for p in books if p.handleiding or not section.handleiding]
    if any(d in p.doelgroepen for p in takes for d in section.doelgroepen):
        return
    names = opsomming([doelgroepen.term(d).naam for d in section.doelgroepen])
    where = (
        "en op de website staat het niet: het is alleen voor de leiding"
        if section.handleiding
        else "het staat alleen op de website"
    )
    which = "die doelgroep" if len(section.doelgroepen) == 1 else "een van die doelgroepen"
    collector.warning(
        section.source.rel,
        1,
        1,
        f"dit materiaal voor {names} komt in geen pdf: geen publicatie per {kind} in "
        f"focus.yaml heeft {which} ({where})",
    )


def _leader_info(section: Section, doelgroepen: Vocabulary, collector: Collector) -> None:
    """Material a leader leads (`geleid` doelgroepen) says its aim, time, materials, song."""
    if section.handleiding or not any(doelgroepen.term(d).geleid for d in section.doelgroepen):
        return
    missing = [
        key
        for key, present in (
            ("doel", section.doel),
            ("tijd", section.tijd),
            ("benodigdheden", section.benodigdheden),
            ("liederen", section.liederen),
        )
        if not present
    ]
    if missing:
        collector.warning(
            section.source.rel,
            1,
            1,
            f"wie dit materiaal leidt, mist nog: {', '.join(missing)} "
            "(doel, tijd, benodigdheden en een lied horen bovenin)",
        )


def check_page_addresses(site: Site, collector: Collector) -> None:
    """A free page may not take an address the site itself uses (zoeken/, blok1/, …)."""
    for page in site.pages:
        if reserved(page.slug):
            collector.error(
                page.source.rel,
                1,
                1,
                f"de pagina '{page.slug}' krijgt het adres {page.slug}/, dat de site zelf al "
                "gebruikt; geef het bestand een andere naam",
            )
