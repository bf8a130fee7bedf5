"""Front matter of each kind of file, turned into model objects."""

from __future__ import annotations

import re

from focusbuild.bible import Reference, parse_reference
from focusbuild.config import Config
from focusbuild.content.frontmatter import Document
from focusbuild.diagnostics import Collector
from focusbuild.fields import Fields, describe
from focusbuild.markdown.typography import smart
from focusbuild.model import Section, Song, Source
from focusbuild.yamlnodes import Node, suggest

SECTION_KEYS = (
    "onderdeel",
    "doelgroep",
    "titel",
    "bijbelgedeelte",
    "liederen",
    "video",
    "partner",
    "land",
    "duur",
    "handleiding",
    "voorbeeld",
    "doel",
    "tijd",
    "benodigdheden",
)
SONG_KEYS = ("bundel", "nummer", "vers", "titel", "doelgroep")
_SONG_HINTS = {
    key: "een lied staat in 'liederen' als {bundel: Ps, nummer: 42, titel: …}"
    for key in ("bundel", "nummer", "vers")
}


def source_of(doc: Document) -> Source:
    return Source(doc.path, doc.rel, doc.body, doc.body_line)


def fields(
    doc: Document, collector: Collector, allowed: tuple[str, ...], required: tuple[str, ...]
) -> Fields:
    return Fields(
        doc.meta,
        doc.rel,
        collector,
        allowed=allowed,
        required=required,
        missing_at=(1, 1),
        hints=_SONG_HINTS,
    )


def references(f: Fields, key: str) -> tuple[Reference, ...]:
    text = f.text(key)
    if text is None:
        return ()
    try:
        return tuple(parse_reference(text))
    except ValueError as exc:
        node = f.node_of(key)
        assert node is not None
        f.error(node, f"'{key}': {exc}")
        return ()


def _terms(f: Fields, key: str, config: Config, *, vocabulary: str) -> tuple[str, ...]:
    vocab = config.onderdelen if vocabulary == "onderdeel" else config.doelgroepen
    found: list[str] = []
    f.empty_list(key, vocabulary)  # the section would be on no page and in no booklet
    for item in f.items(key) or []:
        if not isinstance(item.value, str | int) or isinstance(item.value, bool):
            f.error(item, f"'{key}' moet een {vocabulary} zijn, niet {describe(item.value)}")
            continue
        term = vocab.lookup(str(item.value))
        if term is None:
            hint = vocab.suggestion(str(item.value)) or f"; kies uit {', '.join(vocab.ids)}"
            f.error(
                item,
                f"{'onbekend' if vocabulary == 'onderdeel' else 'onbekende'} {vocabulary} "
                f"'{item.value}'{hint}",
            )
        elif term not in found:
            found.append(term)
    return tuple(found)


#: White space but the no-break spaces (U+00A0, U+2007, U+202F).
_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def prose(f: Fields, key: str) -> str | None:
    """Text a reader sees (a title, a summary): with Dutch quotes, like the bodies, and on
    one line. A value written over several lines (YAML's `|`) reads as one line on the
    page already; a calendar, a mail's subject and a feed's title cannot hold a line break
    at all."""
    value = f.text(key)
    # every run of white space (also U+2028 or a form feed, which mail headers and XML
    # refuse) becomes one space, but a no-break space ("1 Johannes") stays
    return None if value is None else smart(_SPACE.sub(" ", value).strip())


def _texts(f: Fields, key: str) -> tuple[str, ...]:
    """A list of short texts (one text counts as a list of one)."""
    found = []
    for item in f.items(key) or []:
        if isinstance(item.value, str) and item.value.strip():
            found.append(smart(item.value.strip()))
        else:
            f.error(item, f"'{key}' is een lijst van teksten, niet {describe(item.value)}")
    return tuple(found)


def songs(f: Fields, config: Config) -> tuple[Song, ...]:
    found: list[Song] = []
    for item in f.strict_list("liederen") or []:
        song = read_song(item, f.path, f.collector, config, allow_doelgroep=True)
        if song is not None:
            found.append(song)
    return tuple(found)


def read_song(
    item: Node, path: str, collector: Collector, config: Config, *, allow_doelgroep: bool
) -> Song | None:
    if not item.is_mapping:
        collector.error(
            path, item.line, item.column, "een lied is {bundel: …, nummer: …, titel: …}"
        )
        return None
    keys = SONG_KEYS if allow_doelgroep else SONG_KEYS[:4]
    s = Fields(
        item,
        path,
        collector,
        allowed=keys,
        required=("bundel", "nummer", "titel"),
        where=" in een lied",
    )
    ok = True
    bundel_node = s.node_of("bundel")
    bundel: str | None = None
    written = s.text("bundel")  # a list is no name: "'bundel' moet tekst zijn"
    if written is None:
        ok = bundel_node is None or bundel_node.value is None
    elif bundel_node is not None:
        bundel = config.bundels.lookup(written)
        if bundel is None:
            s.error(
                bundel_node,
                f"onbekende liedbundel '{written}'"
                f"{config.bundels.suggestion(written)}; kies uit "
                + "; ".join(f"{t.id}: {t.naam}" for t in config.bundels.terms)
                + " (de bundels staan in focus.yaml)",
            )
            ok = False
    nummer = s.integer("nummer", 1, 9999)  # no bundle has more songs
    nummer_node = s.node_of("nummer")
    if bundel == "Ps" and nummer is not None and nummer > 150 and nummer_node is not None:
        s.error(nummer_node, f"er zijn 150 psalmen, geen psalm {nummer}")
        ok = False
    titel = prose(s, "titel")
    vers = _verses(s)
    doelgroep: str | None = None
    if allow_doelgroep and s.has("doelgroep"):
        groups = _terms(s, "doelgroep", config, vocabulary="doelgroep")
        doelgroep = groups[0] if groups else None
        ok = ok and doelgroep is not None
    if not ok or bundel is None or nummer is None or titel is None:
        return None
    return Song(bundel, nummer, titel, doelgroep, item.line, vers)


def _verses(s: Fields) -> str | None:
    """`vers`: a verse or verses, as "10", "1, 2" or "1-3"."""
    node = s.node_of("vers")
    if node is None or node.value is None:
        return None
    text = str(node.value).strip()
    if isinstance(node.value, bool) or not re.fullmatch(r"\d+(?:\s*[-,–]\s*\d+)*", text):
        shown = describe(node.value)
        s.error(node, f"'vers' is een vers of verzen, zoals 10 of \"1, 2\", niet {shown}")
        return None
    for first, last in re.findall(r"(\d+)\s*[-–]\s*(\d+)", text):
        if int(last) < int(first):
            s.error(
                node, f"'vers': {first}-{last} loopt terug; schrijf de verzen van laag naar hoog"
            )
            return None
    return re.sub(r"\s*([,–-])\s*", lambda m: ", " if m.group(1) == "," else "-", text)


_FILE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _name_slips(
    f: Fields, doc: Document, slug: str, doelgroepen: tuple[str, ...], config: Config
) -> None:
    """Warn about a file name that becomes a broken address on the page ("Groep 6-8 Spel
    (kopie).md" made id="Groep 6-8 Spel (kopie)"), and about a file named after one
    doelgroep whose front matter names another (a copied groep-6-8.md that says 16+)."""
    if not _FILE_SLUG.fullmatch(slug):
        from focusbuild.scaffold import ScaffoldError, slugify  # as loader.py suggests names

        try:
            better = slugify(slug)
        except ScaffoldError:
            better = "tekst"
        f.collector.warning(
            doc.rel,
            1,
            1,
            f"de bestandsnaam '{slug}.md' wordt het adres van deze tekst op de pagina; geef "
            f"het bestand een naam met alleen kleine letters, cijfers en '-', zoals "
            f"'{better}.md'",
        )
    named = next(
        (t.id for t in config.doelgroepen.terms if slug == t.id or slug.startswith(t.id + "-")),
        None,
    )
    node = f.node_of("doelgroep")
    if named is not None and node is not None and doelgroepen and named not in doelgroepen:
        said = ", ".join(config.doelgroepen.name(d) for d in doelgroepen)
        f.warning(
            node,
            f"dit bestand heet naar {config.doelgroepen.name(named)}, maar 'doelgroep' zegt "
            f"{said}; klopt de doelgroep, of de bestandsnaam?",
        )


def section(
    doc: Document, slug: str, config: Config, collector: Collector, *, part: bool = False
) -> Section | None:
    """A section of a gesprek, or (`part`) a part of a traject bijeenkomst: then the
    onderdeel may be left out, if the part has a title, and so may the doelgroep."""
    f = fields(doc, collector, SECTION_KEYS, () if part else ("onderdeel",))
    onderdelen = _terms(f, "onderdeel", config, vocabulary="onderdeel")
    if f.has("doelgroep"):
        doelgroepen = _terms(f, "doelgroep", config, vocabulary="doelgroep")
    else:
        doelgroepen = () if part else (config.doelgroepen.default,)
    titel = prose(f, "titel")
    passage = references(f, "bijbelgedeelte")
    liederen = songs(f, config)
    video = f.url("video")
    partner = f.text("partner")
    # a partner of the programme written otherwise ("gzb") would be printed so under the
    # text; another organisation, which focus.yaml does not list, may be credited too
    near = ""
    if partner is not None and partner not in config.partners:  # difflib for these only
        near = suggest(partner, list(config.partners))
    if near:
        node = f.node_of("partner")
        assert node is not None
        f.error(
            node,
            f"partner '{partner}'{near}: schrijf de naam zoals focus.yaml hem noemt "
            f"({', '.join(config.partners)}); hij komt onder de tekst te staan",
        )
        partner = None
    land = f.text("land")
    duur = f.integer("duur", 1, 8 * 60)  # minutes: a morning with a club at most
    handleiding = f.boolean("handleiding")
    voorbeeld = f.boolean("voorbeeld")
    doel, tijd = prose(f, "doel"), prose(f, "tijd")
    benodigdheden = _texts(f, "benodigdheden")
    if part and not onderdelen and titel is None and not f.has("onderdeel"):
        collector.error(doc.rel, 1, 1, "een deel zonder 'onderdeel' heeft een 'titel' nodig")
        return None
    if (not part and not onderdelen) or (not onderdelen and f.has("onderdeel")):
        return None
    if f.has("doelgroep") and not doelgroepen:
        return None
    if titel is None:
        titel = config.onderdelen.name(onderdelen[0])
        if doelgroepen and doelgroepen[0] != config.doelgroepen.default:
            titel += f" – {config.doelgroepen.name(doelgroepen[0])}"
    _name_slips(f, doc, slug, doelgroepen, config)
    return Section(
        source=source_of(doc),
        slug=slug,
        onderdelen=onderdelen,
        doelgroepen=doelgroepen,
        titel=titel,
        bijbelgedeelte=passage,
        liederen=liederen,
        video=video,
        partner=partner,
        land=land,
        duur=duur,
        handleiding=bool(handleiding),
        voorbeeld=bool(voorbeeld),
        doel=doel,
        tijd=tijd,
        benodigdheden=benodigdheden,
    )
