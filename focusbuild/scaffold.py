"""`focusbuild new`: a new gesprek or katern with every file, ready to write in.

The files follow the content model (docs/content.md): one file per onderdeel
for the kring, one per doelgroep (blokken only), a leader-only background
file, and front matter filled in. Each body is short Dutch guidance for the
writer, to be replaced.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from focusbuild.config import Config
from focusbuild.yamlnodes import suggest

_NUMBERED = re.compile(r"^(\d{2})-")


class ScaffoldError(Exception):
    """A request the writer can fix (a blok that does not exist, a name in use)."""


@dataclass(frozen=True)
class Created:
    folder: Path
    files: tuple[Path, ...]
    #: what to do next, for the writer
    hint: str = (
        "Vervang in elk bestand de uitleg door je eigen tekst en controleer met 'focusbuild check'."
    )


def slugify(title: str) -> str:
    """'Hoe wij Hem leerden kennen' → 'hoe-wij-hem-leerden-kennen' (accents dropped)."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if not slug:
        raise ScaffoldError(f"van de titel '{title}' kan geen mapnaam worden gemaakt")
    return slug


def _front(fields: dict[str, object]) -> str:
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{text}---\n"


def _next_number(folder: Path, slug: str) -> int:
    numbers = []
    for entry in folder.iterdir() if folder.is_dir() else ():
        m = _NUMBERED.match(entry.name)
        if m and entry.is_dir():
            if entry.name[3:] == slug:
                raise ScaffoldError(
                    f"{entry} bestaat al: er is al een gesprek met deze titel; kies een andere "
                    "titel, of vul dat gesprek verder aan"
                )
            numbers.append(int(m.group(1)))
    return max(numbers, default=0) + 1


#: Ends every explanation: `check` warns about it until the writer has replaced it. In the
#: doelgroep's own address (`aanspreekvorm`), or the house style check warns as well.
_REPLACE = "Vervang deze tekst door je eigen."
_REPLACE_U = "Vervang deze tekst door uw eigen."


def _gesprek_files(
    config: Config, titel: str, bijbelgedeelte: str, doelgroepen: bool
) -> dict[str, str]:
    files = {
        "_gesprek.md": _front({"titel": titel, "bijbelgedeelte": bijbelgedeelte})
        + "\nDe inleiding die aan het begin van het gesprek wordt voorgelezen: waar gaat het "
        f"over, en waarom is het belangrijk voor ons leven van elke dag? {_REPLACE}\n",
    }
    for term in config.onderdelen.terms:
        guidance = term.omschrijving or f"Schrijf hier het onderdeel {term.naam}."
        fields: dict[str, object] = {"onderdeel": term.id}
        if term.duur is not None:
            fields["duur"] = term.duur
        files[f"{term.id}.md"] = _front(fields) + f"\n{guidance} {_REPLACE}\n"
    if doelgroepen:
        for term in config.doelgroepen.others:
            guidance = term.omschrijving or f"Materiaal voor {term.naam}."
            fields = {"onderdeel": ["bijbelstudie", "gebed"], "doelgroep": term.id}
            if term.geleid:
                fields |= {
                    "doel": "Vervang deze tekst: wat ontdekken de deelnemers?",
                    "tijd": "Vervang deze tekst: hoe lang, en hoe is de tijd verdeeld?",
                    "benodigdheden": ["Vervang deze tekst: wat heb je nodig?"],
                    # required for a led group, like the three above: the key stands here
                    # to be filled in, or `check` asks for it after every text is replaced
                    "liederen": [
                        {"bundel": "Ps", "nummer": 23, "titel": "Vervang deze tekst: welk lied?"}
                    ],
                }
            replace = _REPLACE_U if term.aanspreekvorm == "u" else _REPLACE
            files[f"{term.id}.md"] = (
                _front(fields)
                + f"\n{guidance} Bijbelstudie en gebed voor deze groep, bij hetzelfde "
                f"Bijbelgedeelte als de kring. {replace}\n"
            )
    files["achtergrond.md"] = (
        _front(
            {
                "onderdeel": "bijbelstudie",
                "handleiding": True,
                "titel": "Achtergrond voor de leiding",
            }
        )
        + "\nAlleen voor de leiding: uitleg bij het Bijbelgedeelte, tips voor het gesprek en "
        f"antwoorden. Deze tekst komt in de handleiding, niet op de website. {_REPLACE}\n"
    )
    return files


def _write(folder: Path, files: dict[str, str]) -> Created:
    folder.mkdir(parents=True)
    written = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return Created(folder, tuple(written))


def new_gesprek(
    config: Config, content: Path, where: int | str, titel: str, bijbelgedeelte: str
) -> Created:
    """A gesprek in blok `where` (a number) or katern `where` (its folder's name). A
    katern's gesprek has the kring's onderdelen only, as `new katern` makes it."""
    if isinstance(where, int):
        folder = content / f"blok{where}"
        if not (folder / "_blok.md").is_file():
            raise ScaffoldError(f"blok {where} bestaat niet (geen {folder / '_blok.md'})")
    else:
        folder = content / "katernen" / where
        if not (folder / "_katern.md").is_file():
            names = sorted(p.parent.name for p in (content / "katernen").glob("*/_katern.md"))
            known = f"; de katernen zijn: {', '.join(names)}" if names else ""
            raise ScaffoldError(
                f"katern '{where}' bestaat niet{suggest(where, names)}{known} (voor een blok: "
                "het nummer, zoals 2)"
            )
    slug = slugify(titel)
    number = _next_number(folder, slug)
    files = _gesprek_files(config, titel, bijbelgedeelte, isinstance(where, int))
    return _write(folder / f"{number:02d}-{slug}", files)


def new_katern(config: Config, content: Path, titel: str, bijbelgedeelte: str) -> Created:
    slug = slugify(titel)
    folder = content / "katernen" / slug
    if folder.exists():
        raise ScaffoldError(f"{folder} bestaat al: kies een andere titel voor het katern")
    files = {
        "_katern.md": _front(
            {"titel": titel, "samenvatting": "Waar gaat dit katern over? Eén of twee zinnen."}
        )
        + "\nDe inleiding van het katern: voor wie is het, en hoe gebruik je het?\n"
    }
    created = _write(folder, files)
    gesprek = folder / "01-eerste-gesprek"
    first = _write(gesprek, _gesprek_files(config, "Eerste gesprek", bijbelgedeelte, False))
    return Created(folder, created.files + first.files)


_PROFILE = """\
# Het eigen programma van {naam} voor het Focustraject.
# Maak het met: focusbuild build --gemeente {slug}
# (in output/gemeenten/{slug}/: de planner, de boekjes, de agenda en de jaarplanning).
# Wat hier staat, komt nooit op de openbare website.

# De naam van de gemeente, zoals hij op de boekjes en de planner komt.
naam: {naam_yaml}
# De plaats.
plaats: {plaats_yaml}
# Het jaar waarin blok 1 begint (januari). Blok 0 valt in het najaar ervoor.
startjaar: {startjaar}
# De avond waarop de kringen samenkomen: maandag, dinsdag, … zondag.
kringavond: {kringavond}
# Hoe laat de kringavond begint (tussen aanhalingstekens). Weg laten: geen tijd in de agenda.
tijd: "20:00"

# Welke gesprekken de gemeente houdt, per blok, in de volgorde waarin ze gehouden worden.
# Een blok dat hier niet staat, wordt helemaal gehouden. De namen zijn die uit het
# webadres van het gesprek (blok1/hij-zoekt-ons-op/ → hij-zoekt-ons-op).
# Voorbeeld:
# blokken:
#   1:
#     gesprekken: [hij-zoekt-ons-op, ontmoetingen-om-ons-heen]

# Welke boekjes de gemeente gebruikt (doelgroepen). Weg laten: alle.
# Voorbeeld: doelgroepen: [kring, groep-6-8, 12-16, gezin]

# Waar de gemeente de nadruk op legt: onderdelen en/of doelgroepen.
# Voorbeeld: nadruk: [delen-en-dienen, 12-16]

# Periodes zonder kringavond, bijvoorbeeld de voorjaarsvakantie; 'reden' mag weg.
# Voorbeeld:
# vrij:
#   - {{van: {startjaar}-02-19, tot: {startjaar}-02-27, reden: voorjaarsvakantie}}

# De bijeenkomsten van het traject die de gemeente houdt, met de eigen datum: het
# startweekend, de gemeenteavonden, de toerusting, de bezinningen van de kerkenraad. De
# namen zijn die uit het webadres (traject/startweekend/ → startweekend). Een datum, of
# {{datum, tot, tijd}} ('tot' voor meer dagen, 'tijd' tussen aanhalingstekens). Ze staan in
# de planner, de agenda en de jaarplanning; valt er een op de kringavond, dan is er die
# avond geen kring.
# Voorbeeld:
# bijeenkomsten:
#   startweekend: {{datum: {vorig}-10-02, tot: {vorig}-10-03, tijd: "10:00"}}
#   gemeenteavond-over-focus: {{datum: {vorig}-10-12, tijd: "19:45"}}
#   bezinning-blok-1: {startjaar}-02-14

# De trajectbegeleider en het aanspreekpunt van de Focusgroep (naam, e-mail, telefoon). Ze
# staan in het colofon van elk boekje van de gemeente, in het programma en in de
# jaarplanning; niet op de openbare website. E-mail en telefoon weglaten mag; een
# telefoonnummer tussen aanhalingstekens.
# Voorbeeld:
# trajectbegeleider: {{naam: "…", email: "…"}}
# focusgroep: {{naam: "…", email: "…", telefoon: "0180 123 456"}}

# Het logo van de gemeente: een .svg- of .png-bestand in het project, gezien vanaf deze map.
# Voorbeeld: logo: logo-{slug}.svg

# Een voorwoord van de predikant, in Markdown; het komt voorin elk boekje en op de planner.
# Voorbeeld:
# voorwoord: |
#   Beste gemeenteleden, …
"""


def new_gemeente(root: Path, naam: str, plaats: str, startjaar: int, kringavond: str) -> Created:
    """`gemeenten/SLUG.yaml`: a profile with every key explained, ready to fill in."""
    slug = slugify(naam)
    folder = root / "gemeenten"
    path = folder / f"{slug}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} bestaat al")
    folder.mkdir(parents=True, exist_ok=True)

    def quoted(text: str) -> str:
        return yaml.safe_dump(text, allow_unicode=True, width=1000).removesuffix("\n...\n")

    text = _PROFILE.format(
        naam=naam,
        slug=slug,
        naam_yaml=quoted(naam).strip(),
        plaats_yaml=quoted(plaats).strip(),
        startjaar=startjaar,
        vorig=startjaar - 1,
        kringavond=kringavond,
    )
    path.write_text(text, encoding="utf-8")
    hint = (
        "Vul het profiel aan (bij elke sleutel staat uitleg), controleer met 'focusbuild check' "
        f"en maak het programma met 'focusbuild build --gemeente {slug}'."
    )
    return Created(folder, (path,), hint)
