"""Walk the content tree and build the Site model, collecting every problem."""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from focusbuild.config import Config
from focusbuild.content import sections as fm
from focusbuild.content.frontmatter import Document, parse_once, read_document, read_text
from focusbuild.content.traject import FOLDER as TRAJECT
from focusbuild.content.traject import load_traject
from focusbuild.diagnostics import Collector
from focusbuild.model import Blok, Gesprek, Katern, Page, Section, Site, Song
from focusbuild.nieuws.loader import AGENDA, EDITIONS, NEWS, load_agenda, load_editions, load_news
from focusbuild.nieuws.model import Edition, Event, NewsItem
from focusbuild.paths import inside, relative
from focusbuild.scan.questions import FILE as SCAN_FILE
from focusbuild.scan.questions import load as load_questionnaire
from focusbuild.today import build_date

GESPREK_DIR = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".svg", ".webp", ".gif"}
ASSET_DIRS = {"img"}


@dataclass
class Loaded:
    """The model plus every Markdown document read (for the body checks)."""

    site: Site | None
    documents: list[Document] = field(default_factory=list)


class Loader:
    def __init__(
        self,
        config: Config,
        content_dir: Path,
        collector: Collector,
        today: datetime.date | None = None,
    ) -> None:
        self.config = config
        self.today = build_date(today)  # news dated after it gets a warning
        self.content_dir = content_dir
        self.collector = collector
        self.documents: list[Document] = []
        self.roots = (config.root.resolve(), content_dir.resolve())
        self._base = os.path.abspath(config.root) + os.sep

    # -- helpers -----------------------------------------------------------
    def rel(self, path: Path) -> str:
        return relative(str(path), self._base, self.config.root).replace(os.sep, "/")

    def read(self, path: Path) -> Document | None:
        doc = read_document(path, self.rel(path), self.collector)
        if doc is not None:
            self.documents.append(doc)
        return doc

    def entries(self, folder: Path) -> list[Path]:
        """The visible entries of a folder, sorted; a link that leaves the project is refused."""
        found: list[Path] = []
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() and not inside(entry.resolve(), self.roots):
                self.collector.error(
                    self.rel(entry), 1, 1, "snelkoppeling (symlink) wijst buiten het project"
                )
                continue
            if entry.is_symlink() and entry.is_dir():  # could make a loop, or show a map twice
                self.collector.error(
                    self.rel(entry),
                    1,
                    1,
                    "snelkoppeling (symlink) naar een map; focusbuild volgt die niet, "
                    "zo ontstaat er nooit een lus: zet de bestanden zelf hier",
                )
                continue
            found.append(entry)
        return found

    def stray(self, path: Path, why: str = "", *, read_here: bool = False) -> None:
        """A file or folder that is skipped. Where Markdown files are read (`read_here`), a
        name focusbuild would read is suggested for "Spel.MD" or a Word file."""
        if not why:
            renamed = _renaming(path) if read_here else None
            why = renamed or "onbekend bestand of onbekende map"
        self.collector.warning(self.rel(path), 1, 1, f"{why}; wordt overgeslagen")

    # -- the tree ----------------------------------------------------------
    def load(self) -> Site | None:
        if not self.content_dir.is_dir():
            self.collector.error(self.rel(self.content_dir), 1, 1, "map met inhoud niet gevonden")
            return None
        blokken: list[Blok] = []
        katernen: list[Katern] = []
        pages: list[Page] = []
        home: Page | None = None
        songs: tuple[Song, ...] = ()
        has_song_index = False
        traject = None
        nieuws: tuple[NewsItem, ...] = ()
        agenda: tuple[Event, ...] = ()
        edities: tuple[Edition, ...] = ()
        for entry in self.entries(self.content_dir):
            name = entry.name
            blok_match = re.fullmatch(r"blok(0|[1-9][0-9]*)", name)
            if entry.is_dir() and blok_match:
                blok = self.blok(entry, int(blok_match.group(1)))
                if blok is not None:
                    blokken.append(blok)
            elif entry.is_dir() and (other := re.fullmatch(r"blok(\d+)", name)):
                # "blok01" beside "blok1" (or "blok١") made two bloks at one address
                self.collector.error(
                    self.rel(entry),
                    1,
                    1,
                    f"mapnaam '{name}': schrijf het nummer zonder voorloopnul en met de cijfers "
                    f"0-9: 'blok{int(other.group(1))}'",
                )
            elif entry.is_dir() and name == "katernen":
                katernen.extend(self.katernen(entry))
            elif entry.is_dir() and name == "paginas":
                pages.extend(self.pages(entry))
            elif entry.is_dir() and name == TRAJECT:
                traject = load_traject(self, entry)
            elif entry.is_dir() and name == NEWS:
                nieuws = load_news(self, entry)
            elif entry.is_dir() and name == AGENDA:
                agenda = load_agenda(self, entry)
            elif entry.is_dir() and name == EDITIONS:
                edities = load_editions(self, entry)
            elif entry.is_dir() and name in ASSET_DIRS:
                continue
            elif entry.is_file() and name == "index.md":
                home = self.page(entry, "index")
            elif entry.is_file() and name == SCAN_FILE:
                load_questionnaire(entry, self.rel(entry), self.collector)  # checked only
            elif entry.is_file() and name == "liederen.yaml":
                index = self.song_index(entry)
                # an index that cannot be read is one error, not a warning per song
                songs, has_song_index = index or (), index is not None
            else:
                self.stray(entry)
        blokken.sort(key=lambda b: b.number)
        return Site(
            self.config,
            tuple(blokken),
            tuple(katernen),
            home,
            tuple(pages),
            songs,
            has_song_index,
            self.content_dir.resolve(),
            traject,
            nieuws,
            agenda,
            edities,
        )

    def blok(self, folder: Path, number: int) -> Blok | None:
        numbers = self.config.blokken
        if number not in numbers:
            self.collector.error(
                self.rel(folder),
                1,
                1,
                f"blok {number} bestaat niet: blokken lopen van {numbers.eerste} tot en met "
                f"{numbers.laatste} (zie 'blokken' in focus.yaml)",
            )
            return None
        index = folder / "_blok.md"
        if not index.is_file():
            self.collector.error(
                self.rel(folder),
                1,
                1,
                "blokmap zonder _blok.md (met blok, titel, periode, jaar, maanden)",
            )
            self.gesprekken(folder, f"blok{number}")  # still check what is inside
            return None
        doc = self.read(index)
        gesprekken = self.gesprekken(folder, f"blok{number}")
        if doc is None:
            return None
        f = fm.fields(
            doc,
            self.collector,
            ("blok", "titel", "periode", "jaar", "maanden", "kleur"),
            ("blok", "titel", "periode", "jaar", "maanden"),
        )
        declared = f.integer("blok", numbers.eerste, numbers.laatste)
        node = f.node_of("blok")
        if declared is not None and declared != number and node is not None:
            f.error(
                node,
                f"'blok: {declared}' hoort niet bij de map blok{number}; "
                f"schrijf 'blok: {number}' of hernoem de map",
            )
        titel = fm.prose(f, "titel")
        periode = fm.prose(f, "periode")
        jaar = f.integer("jaar", 0, 2)
        maanden: list[int] = []
        f.empty_list("maanden", "maand")
        for item in f.strict_list("maanden") or []:
            month = f.check_integer(item, "maanden", 1, 12)
            if month is not None:
                maanden.append(month)
        kleur = f.color("kleur")
        if titel is None or periode is None or jaar is None:
            return None
        return Blok(
            fm.source_of(doc), number, titel, periode, jaar, tuple(maanden), kleur, gesprekken
        )

    def katernen(self, folder: Path) -> list[Katern]:
        found: list[Katern] = []
        for entry in self.entries(folder):
            if not entry.is_dir():
                self.stray(entry)
                continue
            if not SLUG.match(entry.name):
                self.collector.error(
                    self.rel(entry),
                    1,
                    1,
                    f"mapnaam '{entry.name}' mag alleen kleine letters, cijfers "
                    "en '-' bevatten (het wordt een webadres)",
                )
                continue
            index = entry / "_katern.md"
            gesprekken = self.gesprekken(entry, f"katernen/{entry.name}")
            if not index.is_file():
                self.collector.error(self.rel(entry), 1, 1, "katernmap zonder _katern.md")
                continue
            doc = self.read(index)
            if doc is None:
                continue
            f = fm.fields(doc, self.collector, ("titel", "samenvatting", "kleur"), ("titel",))
            titel = fm.prose(f, "titel")
            samenvatting = fm.prose(f, "samenvatting")
            kleur = f.color("kleur")
            if titel is not None:
                found.append(
                    Katern(fm.source_of(doc), entry.name, titel, samenvatting, kleur, gesprekken)
                )
        return found

    def gesprekken(self, folder: Path, parent: str) -> tuple[Gesprek, ...]:
        found: list[Gesprek] = []
        slugs: dict[str, str] = {}
        for entry in self.entries(folder):
            if entry.name in ("_blok.md", "_katern.md"):
                continue
            if entry.is_dir() and entry.name in ASSET_DIRS:
                continue
            if not entry.is_dir():
                if entry.suffix.lower() not in IMAGE_SUFFIXES:
                    self.stray(entry)
                continue
            m = GESPREK_DIR.match(entry.name)
            if m is None:
                self.collector.error(
                    self.rel(entry),
                    1,
                    1,
                    f"mapnaam '{entry.name}' moet de vorm '01-korte-titel' hebben "
                    "(nummer, streepje, kleine letters)",
                )
                continue
            slug = m.group(2)
            if slug in slugs:
                self.collector.error(
                    self.rel(entry),
                    1,
                    1,
                    f"twee gesprekken met de naam '{slug}' in {parent} "
                    f"(ook {slugs[slug]}); geef er één een andere naam",
                )
                # its files are still checked: their mistakes come now, not after the rename
                self.gesprek(entry, int(m.group(1)), slug, parent)
                continue
            slugs[slug] = entry.name
            gesprek = self.gesprek(entry, int(m.group(1)), slug, parent)
            if gesprek is not None:
                found.append(gesprek)
        found.sort(key=lambda g: (g.number, g.slug))
        return tuple(found)

    def gesprek_files(self, folder: Path) -> tuple[list[Section], Document | None, bool]:
        """A gesprek folder's sections, its `_gesprek.md` (if readable) and whether it has one."""
        sections: list[Section] = []
        index_doc: Document | None = None
        has_index = False
        for entry in self.entries(folder):
            if entry.is_dir():
                if entry.name not in ASSET_DIRS:
                    self.stray(entry)
                continue
            if entry.name == "_gesprek.md":
                has_index = True
                index_doc = self.read(entry)
            elif entry.suffix == ".md":
                doc = self.read(entry)
                if doc is not None:
                    section = fm.section(doc, entry.stem, self.config, self.collector)
                    if section is not None:
                        sections.append(section)
            elif entry.suffix.lower() not in IMAGE_SUFFIXES:
                self.stray(entry, read_here=True)
        return sections, index_doc, has_index

    def gesprek(self, folder: Path, number: int, slug: str, parent: str) -> Gesprek | None:
        sections, index_doc, has_index = self.gesprek_files(folder)
        if not has_index:
            self.collector.error(
                self.rel(folder),
                1,
                1,
                "gesprekmap zonder _gesprek.md (met titel en bijbelgedeelte)",
            )
            return None
        if index_doc is None:
            return None
        f = fm.fields(
            index_doc,
            self.collector,
            ("titel", "bijbelgedeelte", "samenvatting"),
            ("titel", "bijbelgedeelte"),
        )
        titel = fm.prose(f, "titel")
        passage = fm.references(f, "bijbelgedeelte")
        samenvatting = fm.prose(f, "samenvatting")
        if titel is None:
            return None
        onderdelen = self.config.onderdelen
        doelgroepen = self.config.doelgroepen
        sections.sort(
            key=lambda s: (
                min(onderdelen.index(o) for o in s.onderdelen),
                min(doelgroepen.index(d) for d in s.doelgroepen),
                s.handleiding,
                s.slug,
            )
        )
        return Gesprek(
            fm.source_of(index_doc),
            number,
            slug,
            parent,
            titel,
            passage,
            samenvatting,
            tuple(sections),
        )

    def pages(self, folder: Path) -> list[Page]:
        found: list[Page] = []
        for entry in self.entries(folder):
            if entry.is_dir() and entry.name in ASSET_DIRS:
                continue
            if entry.suffix != ".md" or not entry.is_file():
                if entry.suffix.lower() not in IMAGE_SUFFIXES:
                    self.stray(entry, read_here=entry.is_file())
                continue
            if not SLUG.match(entry.stem):
                self.collector.error(
                    self.rel(entry),
                    1,
                    1,
                    f"bestandsnaam '{entry.name}' mag alleen kleine letters, "
                    "cijfers en '-' bevatten (het wordt een webadres)",
                )
                continue
            page = self.page(entry, entry.stem)
            if page is not None:
                found.append(page)
        return found

    def page(self, path: Path, slug: str) -> Page | None:
        doc = self.read(path)
        if doc is None:
            return None
        f = fm.fields(
            doc, self.collector, ("titel", "samenvatting", "volgorde", "menu"), ("titel",)
        )
        titel = fm.prose(f, "titel")
        samenvatting = fm.prose(f, "samenvatting")
        volgorde = f.integer("volgorde")
        menu = f.boolean("menu")
        if titel is None:
            return None
        return Page(fm.source_of(doc), slug, titel, samenvatting, volgorde or 0, bool(menu))

    def song_index(self, path: Path) -> tuple[Song, ...] | None:
        """The songs of liederen.yaml; None (reported) when it cannot be read as a list."""
        rel = self.rel(path)
        text = read_text(path, rel, self.collector)
        if text is None:
            return None
        node = parse_once(text, rel, self.collector)
        if node is None:
            return None
        if node.value is None:
            return ()
        if not isinstance(node.value, list):
            self.collector.error(
                rel,
                node.line,
                node.column,
                "liederen.yaml is een lijst van liederen (- bundel: Ps, nummer: 42, titel: …)",
            )
            return None
        found: dict[tuple[str, int, str], Song] = {}
        for item in node.value:
            song = fm.read_song(item, rel, self.collector, self.config, allow_doelgroep=False)
            if song is None:
                continue
            key = song.key
            if key in found:
                self.collector.error(
                    rel,
                    item.line,
                    item.column,
                    f"{song.bundel} {song.number} staat twee keer in de lijst",
                )
                continue
            found[key] = song
        return tuple(found.values())


def load(
    config: Config, content_dir: Path, collector: Collector, today: datetime.date | None = None
) -> Loaded:
    loader = Loader(config, content_dir, collector, today)
    site = loader.load()
    return Loaded(site, loader.documents)


def _renaming(path: Path) -> str | None:
    """Why a writer's file is skipped when another name would be read: "Spel.MD" (which
    should be "spel.md"), "spel.txt" or a Word file."""
    suffix = path.suffix.lower()
    if suffix not in (".md", ".txt", ".docx", ".doc", ".odt", ".pages", ".rtf"):
        return None
    if suffix == ".md" and path.suffix == ".md":
        return None
    from focusbuild.scaffold import ScaffoldError, slugify

    stem = path.stem  # "spel.md.txt" (an editor that added its own ending): "spel.md"
    stem = stem[:-3] if stem.lower().endswith(".md") else stem
    try:
        name = ("_" if stem.startswith("_") else "") + slugify(stem) + ".md"
    except ScaffoldError:
        name = "naam.md"
    if suffix in (".md", ".txt"):
        lower = " (kleine letters)" if suffix == ".md" else ""
        return (
            f"'{path.name}' eindigt niet op '.md'{lower}, dus focusbuild leest het "
            f"niet; hernoem het, bijvoorbeeld naar '{name}'"
        )
    return (
        f"'{path.name}' is geen Markdown: zet de tekst in een bestand dat op '.md' eindigt, "
        f"bijvoorbeeld '{name}' (zie docs/redactie.md)"
    )
