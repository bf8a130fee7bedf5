"""`content/nieuws/`, `content/agenda/` and `content/nieuwsbrief/`, read into the model.

```
content/nieuws/2027-01-15-terugblik-focusdag.md   titel, datum, samenvatting; auteur,
                                                  afbeelding + alt, gemeente, over, voorbeeld
content/nieuws/img/…                              pictures of the news
content/agenda/focusdag-2027.md                   titel, datum (eind, tijd), plaats, voor,
                                                  aanmelden, samenvatting, voorbeeld
content/nieuwsbrief/2027-03.md                    datum (the day it is sent), titel;
                                                  body: the editor's opening
```

A news item's file name starts with its date, which must be its `datum`;
`over` names blokken and gesprekken by their folder (`blok1`,
`blok1/01-hij-zoekt-ons-op`). Everything is checked here, with the line and
column of the value that is wrong.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import TYPE_CHECKING

from focusbuild.content import sections as fm
from focusbuild.content.frontmatter import Document
from focusbuild.fields import Fields
from focusbuild.nieuws.model import Edition, Event, NewsItem, Picture
from focusbuild.paths import inside

if TYPE_CHECKING:
    from focusbuild.content.loader import Loader

NEWS, AGENDA, EDITIONS = "nieuws", "agenda", "nieuwsbrief"
_NEWS_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
_EVENT_FILE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
_EDITION_FILE = re.compile(r"^(\d{4})-(\d{2})\.md$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:\s*[-–]\s*(\d{1,2})[:.](\d{2}))?$")
_IMAGES = {".jpg", ".jpeg", ".png", ".webp", ".svg", ".gif"}
_NEWS_KEYS = (
    "titel",
    "datum",
    "samenvatting",
    "auteur",
    "afbeelding",
    "alt",
    "gemeente",
    "over",
    "voorbeeld",
)
_EVENT_KEYS = (
    "titel",
    "datum",
    "plaats",
    "voor",
    "eind",
    "tijd",
    "aanmelden",
    "samenvatting",
    "voorbeeld",
)
_EMAIL = re.compile(r"^[^@\s/]+@[^@\s/]+\.[a-z]{2,}$", re.IGNORECASE)


def load_news(loader: Loader, folder: Path) -> tuple[NewsItem, ...]:
    """Every news item, newest first."""
    found = []
    for entry in loader.entries(folder):
        if entry.is_dir() and entry.name == "img":
            continue
        m = _NEWS_FILE.match(entry.name) if entry.is_file() else None
        if m is None:
            loader.stray(entry, "geen nieuwsbericht (een bestand als 2027-01-15-onderwerp.md)")
            continue
        doc = loader.read(entry)
        item = _news_item(loader, doc, m.group(1)) if doc is not None else None
        if item is not None:
            found.append(item)
    return tuple(sorted(found, key=lambda n: (n.datum, n.slug), reverse=True))


def _news_item(loader: Loader, doc: Document, named: str) -> NewsItem | None:
    f = fm.fields(doc, loader.collector, _NEWS_KEYS, ("titel", "datum", "samenvatting"))
    titel, samenvatting = fm.prose(f, "titel"), fm.prose(f, "samenvatting")
    datum = f.date("datum")
    node = f.node_of("datum")
    if datum is not None and node is not None and datum.isoformat() != named:
        f.error(node, f"datum {datum} verschilt van de datum in de bestandsnaam ({named})")
        datum = None
    elif datum is not None and node is not None and datum > loader.today:
        loader.collector.warning(
            doc.rel,
            node.line,
            node.column,
            f"dit bericht is gedateerd in de toekomst ({datum}, vandaag is {loader.today}); "
            "het staat toch al op de website en in de feed",
        )
    picture = _picture(loader, f, doc)
    over = _over(loader, f)
    if titel is None or samenvatting is None or datum is None:
        return None
    return NewsItem(
        fm.source_of(doc),
        doc.path.stem,
        datum,
        titel,
        samenvatting,
        fm.prose(f, "auteur"),
        picture,
        fm.prose(f, "gemeente"),
        over,
        bool(f.boolean("voorbeeld")),
    )


def _picture(loader: Loader, f: Fields, doc: Document) -> Picture | None:
    """`afbeelding` (a file next to the item, or in img/) with its required `alt`."""
    value, node = f.text("afbeelding"), f.node_of("afbeelding")
    alt = fm.prose(f, "alt")
    if value is None or node is None:
        if alt is not None and (alt_node := f.node_of("alt")) is not None:
            f.error(alt_node, "'alt' hoort bij een 'afbeelding'")
        return None
    path = (doc.path.parent / value).resolve()
    if not inside(path, (loader.content_dir.resolve(),)):
        # not "missing": it may well exist, but nothing outside content/ is published
        f.error(node, f"afbeelding '{value}' wijst buiten de map met inhoud")
        return None
    if not path.is_file():
        f.error(node, f"afbeelding '{value}' bestaat niet in de map met inhoud")
        return None
    if path.suffix.lower() not in _IMAGES:
        f.error(node, f"afbeelding '{value}' is geen plaatje (jpg, png, webp, svg of gif)")
        return None
    if alt is None:
        f.error(node, "een afbeelding heeft 'alt' nodig: wat erop staat, voor wie hem niet ziet")
        return None
    return Picture(loader.rel(path), alt)


def _over(loader: Loader, f: Fields) -> tuple[str, ...]:
    """`over`: blokken and gesprekken by their folder below content/."""
    found = []
    for item in f.items("over") or []:
        value = str(item.value).strip().strip("/")
        folder = (loader.content_dir / value).resolve()
        index = next(
            (folder / name for name in ("_gesprek.md", "_blok.md") if (folder / name).is_file()),
            None,
        )
        if index is None or not inside(folder, (loader.content_dir.resolve(),)):
            f.error(
                item,
                f"'over': geen blok of gesprek '{value}'; schrijf de map, zoals blok1 of "
                "blok1/01-hij-zoekt-ons-op",
            )
            continue
        found.append(loader.rel(index))
    return tuple(found)


def load_agenda(loader: Loader, folder: Path) -> tuple[Event, ...]:
    """Every event, in the order of its first day."""
    found = []
    for entry in loader.entries(folder):
        if not (entry.is_file() and _EVENT_FILE.match(entry.name)):
            if not (entry.is_dir() and entry.name == "img"):
                loader.stray(entry, "geen activiteit (een bestand als focusdag-2027.md)")
            continue
        doc = loader.read(entry)
        event = _event(loader, doc) if doc is not None else None
        if event is not None:
            found.append(event)
    return tuple(sorted(found, key=lambda e: (e.datum, e.begin or datetime.time(), e.slug)))


def _event(loader: Loader, doc: Document) -> Event | None:
    f = fm.fields(doc, loader.collector, _EVENT_KEYS, ("titel", "datum", "plaats", "voor"))
    titel, plaats = fm.prose(f, "titel"), fm.prose(f, "plaats")
    datum, eind = f.date("datum"), f.date("eind")
    begin, einde = _times(f)
    voor = _voor(loader, f)
    aanmelden = _signup(f)
    if datum is not None and eind is not None and eind < datum:
        _at(f, "eind", f"deze activiteit eindigt ({eind}) vóór ze begint ({datum})")
        return None
    if None in (titel, plaats, datum) or not voor:
        return None
    assert titel is not None and plaats is not None and datum is not None
    return Event(
        fm.source_of(doc),
        doc.path.stem,
        titel,
        datum,
        plaats,
        voor,
        eind if eind != datum else None,
        begin,
        einde,
        aanmelden,
        fm.prose(f, "samenvatting"),
        bool(f.boolean("voorbeeld")),
    )


def _times(f: Fields) -> tuple[datetime.time | None, datetime.time | None]:
    """`tijd`: "10:00" or "10:00-16:00" (a dot works too)."""
    value, node = f.text("tijd"), f.node_of("tijd")
    if value is None or node is None:
        return None, None
    m = _TIME.match(value)
    try:
        begin = datetime.time(int(m.group(1)), int(m.group(2))) if m else None
        einde = datetime.time(int(m.group(3)), int(m.group(4))) if m and m.group(3) else None
    except ValueError:
        begin = None
    if begin is None:
        f.error(node, f"'tijd' is een tijd als \"10:00\" of \"10:00-16:00\", niet '{value}'")
        return None, None
    if einde is not None and einde <= begin:
        f.error(node, f"deze activiteit eindigt ({einde:%H:%M}) vóór ze begint ({begin:%H:%M})")
        return None, None
    return begin, einde


def _voor(loader: Loader, f: Fields) -> tuple[str, ...]:
    terms = loader.config.agenda
    if terms is None:
        if (node := f.node_of("voor")) is not None:
            f.error(node, "'voor' vraagt om 'agenda: {voor: […]}' in focus.yaml")
        return ()
    found = []
    f.empty_list("voor", "groep")  # the event would be left out of the agenda
    for item in f.items("voor") or []:
        value = str(item.value)
        term = terms.lookup(value)
        if term is None:
            known = ", ".join(terms.ids)
            f.error(item, f"onbekend 'voor' '{value}'{terms.suggestion(value)}; bekend: {known}")
        else:
            found.append(term)
    return tuple(found)


def _signup(f: Fields) -> str | None:
    """`aanmelden`: a web address or an e-mail address (which becomes mailto:)."""
    value, node = f.text("aanmelden"), f.node_of("aanmelden")
    if value is None or node is None:
        return None
    if value.startswith("https://") or value.startswith("http://"):
        return f.url("aanmelden")
    if _EMAIL.match(value.removeprefix("mailto:")):
        return "mailto:" + value.removeprefix("mailto:")
    f.error(node, f"'aanmelden' is een webadres (https://…) of een e-mailadres, niet '{value}'")
    return None


#: About how much of a subject an inbox shows.
SUBJECT_LENGTH = 70


def load_editions(loader: Loader, folder: Path) -> tuple[Edition, ...]:
    """Every FocusNieuws edition, oldest first."""
    found = []
    for entry in loader.entries(folder):
        m = _EDITION_FILE.match(entry.name) if entry.is_file() else None
        if m is None or not 1 <= int(m.group(2)) <= 12:
            if entry.is_file() and entry.suffix.lower() == ".md" and entry.name[0] != "_":
                # meant as an edition: skipping it sent last month's edition again
                short = re.match(r"^(\d{4})-(\d)\.md$", entry.name)
                hint = f" (bedoelde je {short[1]}-0{short[2]}.md?)" if short else ""
                loader.collector.error(
                    loader.rel(entry),
                    1,
                    1,
                    "een editie van FocusNieuws is genoemd naar haar maand, zoals "
                    f"2027-03.md{hint} (een bestand dat met _ begint, wordt overgeslagen)",
                )
            else:
                # _concept.md and the like: a draft, kept apart on purpose
                loader.stray(entry, "geen editie van FocusNieuws (een bestand als 2027-03.md)")
            continue
        doc = loader.read(entry)
        if doc is None:
            continue
        f = fm.fields(doc, loader.collector, ("titel", "datum"), ("datum",))
        datum, titel = f.date("datum"), fm.prose(f, "titel")
        title_node = f.node_of("titel")
        if titel and title_node is not None and len(titel) > SUBJECT_LENGTH:
            f.warning(
                title_node,
                f"de titel is het onderwerp van de e-mail: {len(titel)} tekens, waarvan veel "
                f"mailprogramma's er zo'n {SUBJECT_LENGTH} laten zien",
            )
        node = f.node_of("datum")
        month = (int(m.group(1)), int(m.group(2)))
        if datum is not None and node is not None and (datum.year, datum.month) != month:
            # the edition says its month in its heading, and takes the news since the last
            # one by its date: a date in another month sent "januari" in December
            f.error(
                node,
                f"datum {datum} valt niet in de maand van deze editie ({entry.stem}); een "
                "editie wordt verstuurd in de maand van haar bestandsnaam",
            )
        elif datum is not None:
            editie = entry.stem
            found.append(Edition(fm.source_of(doc), editie, datum, titel or ""))
    return tuple(sorted(found, key=lambda e: (e.datum, e.editie)))


def _at(f: Fields, key: str, message: str) -> None:
    node = f.node_of(key)
    if node is not None:
        f.error(node, message)
