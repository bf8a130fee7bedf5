"""Read and check every profile in `gemeenten/`, and plan its programme.

Every mistake is a diagnostic at the profile's line and column, in Dutch:
an unknown gesprek, weekday, doelgroep or onderdeel (with a suggestion), a
start year outside 2000–2100, a `vrij` period that ends before it starts, a
logo that is missing or outside the project, and a blok that has fewer
kringavonden than the gesprekken chosen for it (saying how many fit).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import unquote

from focusbuild.config import Config
from focusbuild.content.checks import locate, report_found
from focusbuild.content.frontmatter import read_text
from focusbuild.content.pictures import Unreadable, kind_and_size
from focusbuild.content.surprises import surprises
from focusbuild.content.svg import problems as svg_problems
from focusbuild.diagnostics import Collector, count
from focusbuild.fields import YEARS, Fields, describe
from focusbuild.gemeenten.calendar import Evenings, evenings, spread
from focusbuild.gemeenten.model import (
    WEEKDAYS,
    Appointment,
    BlokPlan,
    Contact,
    Gathering,
    Gemeente,
    Meeting,
    Period,
    Plan,
)
from focusbuild.markdown import Markdown
from focusbuild.model import Site, Source
from focusbuild.paths import inside
from focusbuild.yamlnodes import Node, parse_yaml, suggest

FOLDER = "gemeenten"
KEYS = (
    "naam",
    "plaats",
    "startjaar",
    "kringavond",
    "tijd",
    "blokken",
    "doelgroepen",
    "nadruk",
    "vrij",
    "bijeenkomsten",
    "trajectbegeleider",
    "focusgroep",
    "logo",
    "voorwoord",
)
REQUIRED = ("naam", "plaats", "startjaar", "kringavond")
#: The largest profile read, in bytes (the sample is 2 kB, with a long voorwoord).
PROFILE_BYTES = 256 * 1024
LOGO_SUFFIXES = (".svg", ".png")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def profile_files(root: Path) -> list[Path]:
    folder = root / FOLDER
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def load_gemeenten(
    root: Path, config: Config, site: Site | None, collector: Collector
) -> tuple[Plan, ...]:
    """The plan of every profile that checks clean (and, without a site, none)."""
    plans = []
    folder = root / FOLDER
    for other in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        # saved by an editor that prefers .yml: without a word it was no gemeente at all
        collector.warning(
            other.relative_to(root).as_posix(),
            1,
            1,
            f"een profiel eindigt op .yaml: hernoem dit bestand naar {other.stem}.yaml, anders "
            "wordt het overgeslagen",
        )
    for path in profile_files(root):
        rel = path.relative_to(root).as_posix()
        if not _SLUG.match(path.stem):
            collector.error(
                rel,
                1,
                1,
                f"bestandsnaam '{path.name}' mag alleen kleine letters, cijfers en '-' bevatten "
                "(het wordt de naam van de map met de uitvoer)",
            )
            continue
        if path.stat().st_size > PROFILE_BYTES:
            # a profile is a few kB; 50 MB took check 19 s and 737 MB
            collector.error(
                rel,
                1,
                1,
                f"dit profiel is groter dan {PROFILE_BYTES // 1024} kB; een profiel is een paar "
                "kB (staat er een ander bestand onder deze naam?)",
            )
            continue
        text = read_text(path, rel, collector)
        if text is None:
            continue
        node = parse_yaml(text, rel, collector)
        if node is None:
            continue
        if not node.is_mapping:
            collector.error(rel, node.line, node.column, "een profiel is een lijst van sleutels")
            continue
        f = Fields(node, rel, collector, allowed=KEYS, required=REQUIRED, missing_at=(1, 1))
        gemeente = _profile(f, Source(path, rel, text, 1), root, config, site)
        if gemeente is not None and site is not None:
            plan = _plan(gemeente, f, site, config)
            if plan is not None:
                plans.append(plan)
    return tuple(plans)


def _profile(
    f: Fields, profile: Source, root: Path, config: Config, site: Site | None
) -> Gemeente | None:
    """The gemeente of a profile (`profile`: its file and text, as read)."""
    path = profile.path
    errors = f.collector.error_count
    naam, plaats = f.text("naam"), f.text("plaats")
    startjaar = f.integer("startjaar", YEARS.start, YEARS.stop - 1)
    kringavond = _weekday(f)
    voorwoord, voorwoord_line = _voorwoord(f, config, profile)
    doelgroepen = _terms(f, "doelgroepen", config, nadruk=False)
    gemeente = Gemeente(
        slug=path.stem,
        rel=f.path,
        source=path.resolve(),
        naam=naam or "",
        plaats=plaats or "",
        startjaar=startjaar or 0,
        kringavond=kringavond or 0,
        tijd=_time(f, evening=True),
        keuze=_keuze(f, config, site),
        doelgroepen=doelgroepen,
        nadruk=_nadruk(f, config, doelgroepen),
        vrij=_vrij(f, startjaar),
        bijeenkomsten=_bijeenkomsten(f, site, startjaar),
        trajectbegeleider=_contact(f, "trajectbegeleider"),
        focusgroep=_contact(f, "focusgroep"),
        logo=_logo(f, path, root),
        voorwoord=voorwoord,
        voorwoord_line=voorwoord_line,
    )
    return gemeente if f.collector.error_count == errors else None


def _weekday(f: Fields) -> int | None:
    value = f.text("kringavond")
    node = f.node_of("kringavond")
    if value is None or node is None:
        return None
    day = value.lower()
    if day not in WEEKDAYS:
        f.error(node, f"'{value}' is geen dag van de week{suggest(day, list(WEEKDAYS))}")
        return None
    return WEEKDAYS.index(day)


def _time(f: Fields, *, evening: bool) -> datetime.time | None:
    """`tijd` of the profile (the kringavond's, an `evening`) or of a bijeenkomst."""
    node = f.node_of("tijd")
    if node is None or node.value is None:
        return None
    m = _TIME.match(str(node.value)) if isinstance(node.value, str) else None
    if m is None:
        value = node.value
        if isinstance(value, int) and 60 <= value < 24 * 60:  # YAML read 20:00 as 20·60
            hours, minutes = divmod(value, 60)
            f.error(
                node,
                f'zet de tijd tussen aanhalingstekens: tijd: "{hours:02}:{minutes:02}"; zonder '
                f"aanhalingstekens leest YAML {hours}:{minutes:02} als het getal {value}",
            )
            return None
        # 20.00 without quotes is the number 20.0 to YAML
        hint = " (zet de tijd tussen aanhalingstekens)" if isinstance(value, int | float) else ""
        f.error(node, f"'tijd' moet een tijd als \"20:00\" zijn, niet {describe(value)}{hint}")
        return None
    time = datetime.time(int(m.group(1)), int(m.group(2)))
    if evening and time.hour < 9:
        # "8:00" for a kringavond: 20:00 meant; a morning group (9.30, 10.00) is not warned
        # about, so a gemeente with one still checks clean with --strict
        f.warning(
            node,
            f"de kring begint dan 's ochtends om {time:%H:%M}; bedoelde je "
            f'"{time.hour + 12}:{time.minute:02}"?',
        )
    return time


def _keuze(f: Fields, config: Config, site: Site | None) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """`blokken`: per blok, the gesprekken chosen, in order."""
    node = f.node_of("blokken")
    if node is None or node.value is None:
        return ()
    if not node.is_mapping:
        f.error(node, "'blokken' is een lijst van blokken, zoals 1: {gesprekken: [slug, …]}")
        return ()
    found = []
    for key, value in node.value.items():
        at = Node(key, *node.keys[key])
        number = int(key) if key.isascii() and key.isdigit() else None  # not "²"
        if number is None or number not in config.blokken:
            numbers = config.blokken
            f.error(
                at,
                f"blok '{key}' bestaat niet: blokken lopen van {numbers.eerste} tot en met "
                f"{numbers.laatste}",
            )
            continue
        slugs = _slugs(f, value, number, site)
        if slugs is not None:
            found.append((number, slugs))
    return tuple(sorted(found))


def _slugs(f: Fields, value: Node, number: int, site: Site | None) -> tuple[str, ...] | None:
    if value.value is None:
        return None  # the whole blok
    if not value.is_mapping:
        # `1: [slug]` or `2: slug` held the whole blok without a word
        f.error(
            value,
            f"schrijf blok {number} als {number}: {{gesprekken: [slug, …]}}, niet als "
            f"{describe(value.value)}; laat de regel weg voor het hele blok, of schrijf "
            "gesprekken: [] voor geen enkel gesprek",
        )
        return None
    entry = Fields(value, f.path, f.collector, allowed=("gesprekken",), where=f" bij blok {number}")
    items = entry.strict_list("gesprekken")
    if items is None:
        return None
    known = []
    if site is not None:
        blok = next((b for b in site.blokken if b.number == number), None)
        known = [g.slug for g in blok.gesprekken] if blok is not None else []
    slugs: list[str] = []
    for item in items:
        slug = str(item.value)
        if site is not None and slug not in known:
            f.error(item, f"blok {number} heeft geen gesprek '{slug}'{suggest(slug, known)}")
        elif slug in slugs:
            f.error(item, f"gesprek '{slug}' staat twee keer bij blok {number}")
        else:
            slugs.append(slug)
    return tuple(slugs)


def _nadruk(f: Fields, config: Config, chosen: tuple[str, ...]) -> tuple[str, ...]:
    """`nadruk`, warned about where it names a doelgroep the gemeente does not use (of the
    `chosen` doelgroepen, when it chose): that stress reaches no booklet."""
    terms = _terms(f, "nadruk", config, nadruk=True)
    if chosen:
        for item in f.items("nadruk") or []:
            term = config.doelgroepen.lookup(str(item.value))
            if term is not None and term not in chosen:
                f.warning(
                    item,
                    f"'{item.value}' staat bij nadruk, maar niet bij doelgroepen: geen boekje "
                    "van deze gemeente laat die nadruk zien",
                )
    return terms


def _terms(f: Fields, key: str, config: Config, *, nadruk: bool) -> tuple[str, ...]:
    """Doelgroepen (or, for `nadruk`, doelgroepen and onderdelen) by id or name."""
    vocabularies = [config.doelgroepen, config.onderdelen] if nadruk else [config.doelgroepen]
    found: list[str] = []
    for item in f.items(key) or []:
        text = str(item.value)
        term = next((v.lookup(text) for v in vocabularies if v.lookup(text)), None)
        if term is None:
            names = [n for v in vocabularies for t in v.terms for n in (t.id, t.naam)]
            what = "doelgroep of onderdeel" if nadruk else "doelgroep"
            f.error(item, f"onbekende {what} '{text}'{suggest(text, names)}")
        elif term not in found:
            found.append(term)
    return tuple(found)


def _vrij(f: Fields, startjaar: int | None) -> tuple[Period, ...]:
    """The free periods. Warned about: one that overlaps another (it says the same twice,
    or a date is mistyped) and one outside the traject's years (a year mistyped)."""
    found: list[tuple[Period, int]] = []
    shape = "een vrije periode is {van: 2028-02-19, tot: 2028-02-27, reden: voorjaarsvakantie}"
    allowed = ("van", "tot", "reden")
    for entry in f.records("vrij", shape, allowed=allowed, required=("van", "tot")):
        van, tot = entry.date("van"), entry.date("tot")
        node = entry.node_of("van")
        if van is None or tot is None or node is None:
            continue
        if tot < van:
            end = entry.node_of("tot")
            assert end is not None
            entry.error(end, f"deze vrije periode eindigt ({tot}) vóór ze begint ({van})")
            continue
        period = Period(van, tot, entry.text("reden"))
        other = next((line for p, line in found if p.van <= tot and van <= p.tot), None)
        if other is not None:
            entry.warning(
                node, f"deze vrije periode overlapt met de vrije periode op regel {other}"
            )
        if startjaar and (tot.year < startjaar - 1 or van.year > startjaar + 1):
            entry.warning(
                node,
                f"deze vrije periode valt buiten het traject ({startjaar - 1}–{startjaar + 1}); "
                "klopt het jaar?",
            )
        found.append((period, node.line))
    return tuple(p for p, _ in found)


_APPOINTMENT = '{datum: 2027-09-11, tot: 2027-09-12, tijd: "10:00"}'


def _bijeenkomsten(f: Fields, site: Site | None, startjaar: int | None) -> tuple[Appointment, ...]:
    """`bijeenkomsten`: per bijeenkomst of the traject (by its slug), the gemeente's date:
    `startweekend: {datum: …, tot: …}`, or only a date. Warned about: a date outside the
    traject (a year mistyped)."""
    node = f.node_of("bijeenkomsten")
    if node is None or node.value is None:
        return ()
    if not node.is_mapping:
        f.error(
            node,
            "'bijeenkomsten' noemt per bijeenkomst van het traject de datum, zoals "
            f"startweekend: {_APPOINTMENT}",
        )
        return ()
    traject = site.traject if site is not None else None
    known = [b.slug for b in traject.bijeenkomsten] if traject is not None else []
    found: list[Appointment] = []
    for slug, value in node.value.items():
        at = Node(slug, *node.keys[slug])
        if site is not None and slug not in known:
            where = "heeft geen bijeenkomst" if known else "(content/traject/) is leeg: geen"
            f.error(at, f"het traject {where} '{slug}'{suggest(slug, known)}")
            continue
        appointment = _appointment(f, slug, value)
        if appointment is None:
            continue
        if startjaar and not startjaar - 2 <= appointment.van.year <= startjaar + 1:
            f.warning(
                value,
                f"'{slug}' valt buiten het traject ({startjaar - 2}–{startjaar + 1}); klopt "
                "het jaar?",
            )
        found.append(appointment)
    return tuple(sorted(found, key=lambda a: (a.van, a.slug)))


#: The most days a bijeenkomst takes: a weekend, a week of prayer.
MAX_GATHERING_DAYS = 7


def _appointment(f: Fields, slug: str, value: Node) -> Appointment | None:
    """One bijeenkomst's date: a mapping with `datum` (and `tot`, `tijd`), or a date."""
    if not value.is_mapping:
        if value.value is None:
            f.error(value, f"geef '{slug}' een datum, zoals {slug}: {_APPOINTMENT}")
            return None
        # the date alone, checked as the date of a key named after the bijeenkomst
        alone = Node({slug: value}, value.line, value.column, {slug: (value.line, value.column)})
        day = Fields(alone, f.path, f.collector, allowed=(slug,)).date(slug)
        return Appointment(slug, day, day) if day is not None else None
    entry = Fields(
        value,
        f.path,
        f.collector,
        allowed=("datum", "tot", "tijd"),
        required=("datum",),
        where=f" bij '{slug}'",
    )
    van, tot, tijd = entry.date("datum"), entry.date("tot"), _time(entry, evening=False)
    if van is None or (entry.has("tot") and tot is None) or (entry.has("tijd") and tijd is None):
        return None
    end = entry.node_of("tot")
    if tot is not None and end is not None:
        if tot < van:
            entry.error(end, f"'{slug}' eindigt ({tot}) vóór hij begint ({van})")
            return None
        if (tot - van).days >= MAX_GATHERING_DAYS:
            # a year mistyped made a "weekend" of a year, which took every kringavond in it
            entry.error(
                end,
                f"'{slug}' duurt zo {(tot - van).days + 1} dagen ({van} tot en met {tot}); een "
                f"bijeenkomst duurt hoogstens {MAX_GATHERING_DAYS} dagen: klopt 'tot'?",
            )
            return None
    return Appointment(slug, van, tot or van, tijd)


def _contact(f: Fields, key: str) -> Contact | None:
    node = f.node_of(key)
    if node is None or node.value is None:
        return None
    if not node.is_mapping:
        f.error(node, f"'{key}' heeft 'naam' en eventueel 'email' en 'telefoon'")
        return None
    entry = Fields(
        node,
        f.path,
        f.collector,
        allowed=("naam", "email", "telefoon"),
        required=("naam",),
        where=f" in '{key}'",
    )
    naam = entry.text("naam")
    email = entry.email("email")
    telefoon = _phone(entry)
    return Contact(naam, email, telefoon) if naam is not None else None


#: A phone number as people write it: digits, spaces, dashes, brackets, a leading +.
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{6,18}[0-9]$")


def _phone(entry: Fields) -> str | None:
    node = entry.node_of("telefoon")
    if node is not None and isinstance(node.value, int):
        # +31612345678 unquoted is a number to YAML, and loses its +
        entry.error(node, 'zet het telefoonnummer tussen aanhalingstekens: telefoon: "06 …"')
        return None
    value = entry.text("telefoon")
    if value is None or node is None:
        return None
    if not _PHONE.match(value):
        entry.error(
            node, f"'telefoon' moet een telefoonnummer zijn, zoals \"0180 123 456\", niet '{value}'"
        )
        return None
    return value


def _logo(f: Fields, path: Path, root: Path) -> Path | None:
    value = f.text("logo")
    node = f.node_of("logo")
    if value is None or node is None:
        return None
    logo = (path.parent / value).resolve()
    if not inside(logo, (root.resolve(),)):
        f.error(node, f"logo '{value}' ligt buiten het project")
    elif logo.suffix.lower() not in LOGO_SUFFIXES:
        f.error(node, f"logo '{value}' moet een .svg- of .png-bestand zijn")
    elif not logo.is_file():
        f.error(node, f"logo '{value}' bestaat niet (de plek is vanaf de map gemeenten/)")
    elif logo.suffix.lower() == ".svg" and (unsafe := svg_problems(logo)):
        # copied beside the planner, as content's SVGs are to the site: the same rules
        rel = logo.relative_to(root.resolve()).as_posix()
        for problem in unsafe:
            f.collector.error(rel, problem.line, problem.column, problem.message)
    elif logo.suffix.lower() == ".png" and (wrong := _png_problem(logo)):
        f.error(node, f"logo '{value}' {wrong}")
    else:
        return logo
    return None


#: The largest logo, in pixels each way: a print at 300 dpi of 30 cm.
LOGO_PIXELS = 4000


def _png_problem(path: Path) -> str | None:
    """What keeps a .png from being a logo, in words after "logo 'x.png'": a file of
    another kind (it went missing from every booklet without a word) or a picture so
    large that WeasyPrint leaves it out."""
    too_large = f"te groot; maak hem kleiner, hoogstens {LOGO_PIXELS} pixels breed en hoog"
    try:
        kind, (width, height) = kind_and_size(path, whole=True)
    except Unreadable as error:
        if error.too_many_pixels:
            return f"is {too_large}"
        return "is geen png-afbeelding die te lezen is"
    if kind != "PNG":
        return f"is geen png-afbeelding maar {kind or 'iets anders'}; sla hem op als png"
    if max(width, height) > LOGO_PIXELS:
        return f"is {width} × {height} pixels: {too_large}"
    return None


def _voorwoord(f: Fields, config: Config, profile: Source) -> tuple[str | None, int]:
    text = f.text("voorwoord")
    node = f.node_of("voorwoord")
    if text is None or node is None:
        return None, 1
    line = node.line + 1 if text.count("\n") else node.line  # a block scalar starts below
    analysis = Markdown(config.bijbellink).analyse(text)
    for problem in analysis.problems:
        f.collector.error(f.path, line + problem.line, problem.column, problem.message)
    # as content is checked: a reference to a chapter that does not exist, HTML that is
    # printed as it is written ("<br>" in the booklet)
    for found in analysis.found:
        report_found(f.collector, profile, found, line + found.block_line - 1)
    text_lines = text.split("\n")
    for surprise in surprises(text):
        # placed by what stands there ("<br>"), as the references are: a folded block (>)
        # joins its lines, and a quoted voorwoord starts after its quote
        shown = text_lines[surprise.line] if surprise.line < len(text_lines) else ""
        rest = shown[surprise.column - 1 :]
        needle = re.match(r"\S{1,20}", rest)
        at, column = (
            locate(profile, node.line - 1, needle.group())
            if needle is not None
            else (line + surprise.line, surprise.column)
        )
        say = f.collector.error if surprise.error else f.collector.warning
        say(f.path, at, column, surprise.message)
    wrong = [
        found
        for found in analysis.found
        if found.kind in ("link", "image") and not _web_link(found.text, found.kind)
    ]
    # the voorwoord stands in the planner and the booklets, far from any file it could
    # name: a picture or a path would point nowhere (or out of the project). Its place is
    # looked up in the profile's own lines, the block's lines indented.
    for found in wrong:
        at, column = locate(profile, line + found.block_line - 1, found.text)
        written = unquote(found.text)  # as written, not as markdown-it encodes it
        what = (
            "afbeelding"
            if found.kind == "image"
            else "verwijzing naar een plek op de pagina"
            if written.startswith("#")
            else "bestand"
        )
        f.collector.error(
            f.path,
            at,
            column,
            f"in een voorwoord kan alleen een link naar een webadres (https://…) of een "
            f"e-mailadres, geen {what}: '{written}'",
        )
    return text, line


def _web_link(href: str, kind: str) -> bool:
    scheme = href.strip().split(":", 1)[0].lower() if ":" in href else ""
    return kind == "link" and scheme in ("https", "http", "mailto", "tel")


def _plan(gemeente: Gemeente, f: Fields, site: Site, config: Config) -> Plan | None:
    """The dated programme; None (reported) when a blok has too few kringavonden."""
    windows = {w.blok: w for w in config.kalender}
    blokken = []
    ok = True
    for blok in site.blokken:
        chosen = gemeente.chosen(blok.number)
        gesprekken = (
            blok.gesprekken
            if chosen is None
            else tuple(g for slug in chosen for g in blok.gesprekken if g.slug == slug)
        )
        if not gesprekken:
            continue
        window = windows.get(blok.number)
        at = _blok_node(f, blok.number)
        if window is None:
            f.error(at, f"blok {blok.number} heeft geen 'kalender' in focus.yaml")
            ok = False
            continue
        found = evenings(gemeente, window, blok.jaar)
        if len(found.days) < len(gesprekken):
            f.error(at, _too_few(blok.number, len(gesprekken), found, gemeente))
            ok = False
            continue
        dates = spread(len(gesprekken), found.days)
        meetings = tuple(Meeting(blok.number, g, d) for g, d in zip(gesprekken, dates, strict=True))
        blokken.append(BlokPlan(blok.number, found.van, found.tot, meetings))
    if ok and not blokken:
        # a programme without one evening: the planner and booklets have nothing to show
        f.error(
            f.node_of("blokken") or f.node,
            "deze gemeente kiest geen enkel gesprek: laat bij minstens één blok "
            "'gesprekken: []' weg of noem er een gesprek in",
        )
        return None
    if not ok:
        return None
    traject = {b.slug: b for b in site.traject.bijeenkomsten} if site.traject else {}
    gatherings = tuple(Gathering(traject[a.slug], a) for a in gemeente.bijeenkomsten)
    return Plan(gemeente, tuple(blokken), gatherings)


def _blok_node(f: Fields, number: int) -> Node:
    """Where a blok's problem is reported: its line under `blokken`, else the weekday."""
    node = f.node_of("blokken")
    if node is not None and node.is_mapping and str(number) in node.value:
        return Node(str(number), *node.keys[str(number)])
    fallback = f.node_of("kringavond") or f.node
    return fallback


def _too_few(number: int, wanted: int, found: Evenings, gemeente: Gemeente) -> str:
    from babel.dates import format_date  # only for this message

    def nl(day: datetime.date) -> str:
        return format_date(day, "d MMMM y", locale="nl")

    fit = len(found.days)
    # what else takes the evenings away, if the profile has it
    without = ", vrije periode of bijeenkomst" if gemeente.bijeenkomsten else " of vrije periode"
    evenings = f"{gemeente.weekday}avond" if fit == 1 else f"{gemeente.weekday}avonden"
    available = (
        f"is er geen {gemeente.weekday}avond"
        if fit == 0
        else f"{'is' if fit == 1 else 'zijn'} er maar {fit} {evenings}"
    )
    advice = (
        f"kies er hoogstens {fit}, of"
        if fit
        else f"sla dit blok over met blokken: {{{number}: {{gesprekken: []}}}}, of"
    )
    return (
        f"blok {number}: {count(wanted, 'gesprek', 'gesprekken')} gekozen, maar van "
        f"{nl(found.van)} tot en met {nl(found.tot)} {available} zonder feestdag"
        f"{without} ({advice} maak een vrije periode korter)"
    )
