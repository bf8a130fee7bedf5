"""focus.yaml: site settings, vocabularies and publications, frozen and typed."""

from __future__ import annotations

import datetime
import re
import string
from dataclasses import dataclass
from pathlib import Path

from focusbuild.diagnostics import Collector, opsomming
from focusbuild.fields import Fields, is_email
from focusbuild.paths import CONFIG_NAME
from focusbuild.yamlnodes import parse_yaml, suggest

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BUNDLE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: an id for code and URLs, a name for readers."""

    id: str
    naam: str
    omschrijving: str | None = None  # one line for overview pages
    categorie: str | None = None  # doelgroepen: the word running text uses ("kinderen")
    optioneel: bool = False  # doelgroepen: a gesprek without material for it is complete
    aanspreekvorm: str = "je"  # doelgroepen: how its material addresses the reader
    kort: str | None = None  # bundels: the name before a number ("Psalm 68")
    geleid: bool = False  # doelgroepen: led by a leader who needs aim, time and materials
    duur: int | None = None  # onderdelen: its minutes in a kring evening
    leesbaarheid: tuple[int, int] | None = None  # doelgroepen: Flesch-Douma band (status)

    @property
    def woord(self) -> str:
        """How running text names the group: its category, else its name in lower case."""
        return self.categorie or self.naam.lower()


@dataclass(frozen=True)
class Vocabulary:
    terms: tuple[Term, ...]
    default: str = ""  # doelgroepen: the one material is for unless it says otherwise

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.terms)

    @property
    def others(self) -> tuple[Term, ...]:
        """Every term except the default one, in order."""
        return tuple(t for t in self.terms if t.id != self.default)

    def categories(self, terms: tuple[Term, ...] | None = None) -> tuple[str, ...]:
        """The words that name these terms (default: all but the default) in running
        text, each once, in order: ("kinderen", "jongeren", "gezinnen", …)."""
        chosen = self.others if terms is None else terms
        return tuple(dict.fromkeys(t.woord for t in chosen))

    def term(self, term_id: str) -> Term:
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(term_id)

    def name(self, term_id: str) -> str:
        return self.term(term_id).naam

    def index(self, term_id: str) -> int:
        return self.ids.index(term_id)

    def lookup(self, text: str) -> str | None:
        """The id for an id, a display name or a short name ("Psalm" for Ps),
        case-insensitively."""
        wanted = text.strip().casefold()
        for term in self.terms:
            names = (term.id, term.naam, *((term.kort,) if term.kort else ()))
            if wanted in (name.casefold() for name in names):
                return term.id
        return None

    def suggestion(self, text: str) -> str:
        """' (bedoelde je 'x'?)' for a close spelling, or for the one term whose id or name
        holds the text ("6-8" for groep-6-8); else ''."""
        close = suggest(text, [t.id for t in self.terms] + [t.naam for t in self.terms])
        if close:
            return close
        wanted = text.strip().casefold()
        holding = [t for t in self.terms if wanted and wanted in f"{t.id} {t.naam}".casefold()]
        return f" (bedoelde je '{holding[0].id}'?)" if len(holding) == 1 else ""


@dataclass(frozen=True)
class Publication:
    id: str
    naam: str
    per: str  # "blok" or "katern"
    doelgroepen: tuple[str, ...]
    handleiding: bool
    openbaar: bool
    opmaak: str
    formaat: str
    bestand: str
    boekje: bool = False  # also an A4 imposition for folding and stapling (saddle stitch)
    epub: bool = False  # also an e-book (EPUB 3)


@dataclass(frozen=True)
class BibleLinks:
    chapter: str
    verse: str  # "": a verse links to its chapter
    vertaling: str = ""  # the translation the links open, named for readers


@dataclass(frozen=True)
class Blokken:
    """The numbers the blokken of the traject may have: `eerste` … `laatste`."""

    eerste: int
    laatste: int

    @property
    def numbers(self) -> range:
        return range(self.eerste, self.laatste + 1)

    def __contains__(self, number: object) -> bool:
        return number in self.numbers


#: Moveable feasts a calendar window may start or end at.
FEASTS = ("pasen", "pinksteren")
#: What a publication is made for: each blok, each katern, each bijeenkomst of the traject.
PER = ("blok", "katern", "bijeenkomst")


@dataclass(frozen=True)
class Window:
    """When a blok falls, for a gemeente's calendar: from `van` to `tot`, each a day of
    the year ("01-07", month and day) or a feast ("pasen": after Easter as a start,
    before Easter as an end). The year comes from the blok's own `jaar`."""

    blok: int
    van: str
    tot: str


@dataclass(frozen=True)
class TrajectTerms:
    """The words of the traject around the blokken (`traject` in focus.yaml)."""

    soorten: Vocabulary  # startweekend, focusdag, gemeenteavond, toerusting, kerkenraad
    fasen: Vocabulary  # voortraject, opstart; the blokken follow as "blok N"
    voor: Vocabulary  # gemeente, kerkenraad, kringleiders, jeugdleiders (with aanspreekvorm)

    def naam(self, kind: str, term: str) -> str:
        """The name of a soort, fase or voor ("blok3", a blok as fase: "Blok 3")."""
        if kind == "fase" and term.startswith("blok") and term[4:].isascii() and term[4:].isdigit():
            return f"Blok {term[4:]}"
        return {"soort": self.soorten, "fase": self.fasen, "voor": self.voor}[kind].name(term)


@dataclass(frozen=True)
class Newsletter:
    """`nieuwsbrief` in focus.yaml: how FocusNieuws goes out."""

    afzender: str  # "FocusNieuws <focus@izb.nl>"
    afmelden: str  # the unsubscribe link the mailing tool fills in, such as *|UNSUB|*


@dataclass(frozen=True)
class Editor:
    """`editor` in focus.yaml: the browser editor (Decap CMS) in OUTPUT/site/admin/."""

    repo: str  # "owner/name" on GitHub
    branch: str = "main"
    inloggen: str | None = None  # the OAuth service's address (Decap's base_url)


@dataclass(frozen=True)
class Config:
    root: Path
    titel: str
    ondertitel: str
    organisatie: str
    basis_url: str
    taal: str
    onderdelen: Vocabulary
    doelgroepen: Vocabulary
    bundels: Vocabulary
    bijbellink: BibleLinks
    publicaties: tuple[Publication, ...]
    blokken: Blokken = Blokken(0, 6)
    kalender: tuple[Window, ...] = ()
    avondduur: int | None = None  # minutes of a kring evening: its onderdelen add up to this
    partners: tuple[str, ...] = ()  # the programme's partner organisations, for its credits
    traject: TrajectTerms | None = None
    agenda: Vocabulary | None = None  # whom events are for (kerkenraden, predikanten, …)
    nieuwsbrief: Newsletter | None = None
    editor: Editor | None = None

    @property
    def content_dir(self) -> Path:
        return self.root / "content"


_REQUIRED_KEYS = (
    "titel",
    "basis_url",
    "blokken",
    "onderdelen",
    "doelgroepen",
    "bundels",
    "bijbellink",
)
_TOP_KEYS = (
    "titel",
    "ondertitel",
    "organisatie",
    "basis_url",
    "taal",
    "blokken",
    "kalender",
    "avondduur",
    "partners",
    "traject",
    "agenda",
    "nieuwsbrief",
    "editor",
    "onderdelen",
    "doelgroepen",
    "bundels",
    "bijbellink",
    "publicaties",
)
_PUB_KEYS = (
    "id",
    "naam",
    "per",
    "doelgroepen",
    "handleiding",
    "openbaar",
    "opmaak",
    "formaat",
    "bestand",
    "boekje",
    "epub",
)
_FORMATS = ("A4", "A5")
_NOT_FOUND = (
    "{name} niet gevonden in {root}; geef de projectmap aan met -p MAP, of ga met cd naar de "
    "projectmap of een map daarin"
)


def load_config(root: Path, collector: Collector) -> Config | None:
    """Read focus.yaml; report every problem; None when it cannot be used."""
    path = root / CONFIG_NAME
    if not path.is_file():
        collector.error(CONFIG_NAME, 1, 1, _NOT_FOUND.format(name=CONFIG_NAME, root=root))
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        collector.error(CONFIG_NAME, 1, 1, "bestand is geen UTF-8")
        return None
    node = parse_yaml(text.replace("\r\n", "\n"), CONFIG_NAME, collector)
    if node is None:
        return None
    if not node.is_mapping:
        collector.error(CONFIG_NAME, node.line, node.column, "verwacht een lijst van sleutels")
        return None
    f = Fields(
        node,
        CONFIG_NAME,
        collector,
        allowed=_TOP_KEYS,
        required=_REQUIRED_KEYS,
    )
    titel = f.text("titel") or ""
    basis_url = f.url("basis_url") or ""
    basis_url += "/" if basis_url and not basis_url.endswith("/") else ""
    taal = f.text("taal") or "nl"
    if not _LANGUAGE.fullmatch(taal):
        # it is the pages' lang and the language Pagefind stems: "nederlands" was taken
        _error_at(f, "taal", f"'taal' is een taalcode zoals nl of nl-BE, niet '{taal}'")
        taal = "nl"
    # "NL" is a valid tag, but Pagefind knows its languages in lower case only (with "NL"
    # it wrote an index without Dutch stemming)
    primary, _, rest = taal.partition("-")
    taal = primary.lower() + (f"-{rest}" if rest else "")
    blokken = _blokken(f)
    onderdelen = _vocabulary(f, "onderdelen", _ID, extra=("duur",))
    doelgroepen = _vocabulary(f, "doelgroepen", _ID, extra=_DOELGROEP_KEYS)
    bundels = _vocabulary(f, "bundels", _BUNDLE_ID, extra=("kort",))
    links = _bible_links(f)
    publicaties = _publications(f, doelgroepen)
    if collector.has_errors:
        return None
    return Config(
        root=root,
        titel=titel,
        ondertitel=f.text("ondertitel") or "",
        organisatie=f.text("organisatie") or "",
        basis_url=basis_url,
        taal=taal,
        onderdelen=onderdelen,
        doelgroepen=doelgroepen,
        bundels=bundels,
        bijbellink=links,
        publicaties=publicaties,
        blokken=blokken,
        kalender=_kalender(f, blokken),
        avondduur=f.integer("avondduur", 15, 300),
        partners=tuple(str(n.value) for n in f.items("partners") or []),
        traject=_traject(f),
        agenda=_agenda(f),
        nieuwsbrief=_newsletter(f),
        editor=_editor(f),
    )


_DAY = re.compile(r"^(\d\d)-(\d\d)$")


def _day(entry: Fields, key: str) -> str | None:
    """A window's end: "MM-DD" (a real day) or a feast."""
    value = entry.text(key)
    node = entry.node_of(key)
    if value is None or node is None:
        return None
    m = _DAY.match(value)
    if value.lower() in FEASTS:
        return value.lower()
    if m is None or not _is_day(int(m.group(1)), int(m.group(2))):
        entry.error(node, f"'{key}' is een dag als \"01-07\" (maand-dag), of pasen of pinksteren")
        return None
    return value


def _is_day(month: int, day: int) -> bool:
    try:
        datetime.date(2000, month, day)  # a leap year: 02-29 is a day
    except ValueError:
        return False
    return True


def _kalender(f: Fields, blokken: Blokken) -> tuple[Window, ...]:
    """`kalender`: per blok, from when to when a gemeente holds its gesprekken."""
    found: list[Window] = []
    keys = ("blok", "van", "tot")
    shape = "elke regel van 'kalender' heeft blok, van en tot"
    for entry in f.records("kalender", shape, allowed=keys, required=keys):
        blok = entry.integer("blok", blokken.eerste, blokken.laatste)
        van, tot = _day(entry, "van"), _day(entry, "tot")
        if blok is not None and blok in (w.blok for w in found):
            _error_at(entry, "blok", f"blok {blok} staat twee keer in 'kalender'")
        elif blok is not None and van is not None and tot is not None:
            found.append(Window(blok, van, tot))
    return tuple(found)


def _part(f: Fields, key: str, keys: tuple[str, ...], required: int) -> Fields | None:
    """A mapping inside focus.yaml (`traject`, `agenda`, …) with `keys`, the first
    `required` of which it must have; None when the key is absent or broken."""
    node = f.node_of(key)
    if node is None or node.value is None:
        return None
    if not node.is_mapping:
        f.error(node, f"'{key}' heeft {opsomming(repr(k) for k in keys)}")
        return None
    return Fields(
        node, f.path, f.collector, allowed=keys, required=keys[:required], where=f" in '{key}'"
    )


def _traject(f: Fields) -> TrajectTerms | None:
    """`traject`: soorten, fasen and voor, each a vocabulary like the doelgroepen."""
    entry = _part(f, "traject", ("soorten", "fasen", "voor"), 3)
    if entry is None:
        return None
    return TrajectTerms(
        _vocabulary(entry, "soorten", _ID),
        _vocabulary(entry, "fasen", _ID),
        _vocabulary(entry, "voor", _ID, extra=("aanspreekvorm",)),
    )


def _agenda(f: Fields) -> Vocabulary | None:
    """`agenda: {voor: […]}`: whom the events of content/agenda/ are for."""
    entry = _part(f, "agenda", ("voor",), 1)
    return _vocabulary(entry, "voor", _ID, extra=("categorie",)) if entry is not None else None


def _sender(value: str) -> bool:
    """Whether `value` is one mailbox fit for a mail's From header: an address, or a name
    (plain, or in double quotes) and an address in <…>. Printable characters only: any
    line break (also U+2028 or a vertical tab) would start a header of its own, and
    Python's mail headers refuse them. No second address, no group (a ':' in the name)."""
    found = _SENDER.fullmatch(value)
    if found is None or not value.isprintable():
        return False
    return is_email(found.group(1) or found.group(2))


#: A language tag as HTML's lang takes it (BCP 47, the common forms, in any case: tags
#: are case-insensitive): nl, nl-BE, NL, fry.
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", re.IGNORECASE)

#: "Naam <adres>", "\"Naam, met komma\" <adres>" or "adres".
_SENDER = re.compile(r'(?:"[^"\\]*"|[^<>@,;:"]*)\s*<([^<>\s]+)>|([^<>\s,;:"]+)')


def _newsletter(f: Fields) -> Newsletter | None:
    """`nieuwsbrief`: the sender of FocusNieuws and the unsubscribe placeholder."""
    entry = _part(f, "nieuwsbrief", ("afzender", "afmelden"), 2)
    if entry is None:
        return None
    afzender, afmelden = entry.text("afzender"), entry.text("afmelden")
    if afzender is None or afmelden is None:
        return None
    if not _sender(afzender):
        _error_at(
            entry,
            "afzender",
            "'afzender' is één e-mailadres, eventueel met een naam ervoor, op één regel: "
            "zoals FocusNieuws <focus@izb.nl>",
        )
        return None
    found = _unsubscribe(afmelden)
    if found is None:
        _error_at(
            entry,
            "afmelden",
            f"'afmelden' is de code die het mailprogramma invult (zoals *|UNSUB|*), een "
            f"webadres (https://…) of een e-mailadres, niet '{afmelden}'",
        )
        return None
    return Newsletter(afzender, found)


#: A mailing tool's placeholder for each subscriber's own unsubscribe link, one word in
#: the markers such tools use: *|UNSUB|* (Mailchimp), {{ unsubscribe }} (Brevo),
#: {{{unsubscribe}}} (SendGrid), {$unsubscribe} (Copernica), [[UNSUB_LINK_NL]] (Mailjet),
#: {% unsubscribe %}, %UNSUBSCRIBELINK%, ::unsubscribeUrl::.
_MERGE_TAG = re.compile(
    r"\*\|\S+\|\*|\{\{\{?\s*\S+?\s*\}\}\}?|\{[$%]\s*\S+?\s*%?\}|\[\[?\S+?\]\]?"
    r"|<?%\S+%>?|::\w+::"
)
_WEB = re.compile(r"https?://[^\s/]+\.\S+")
_ADDRESS = re.compile(r"[^@\s<>():]+@[^@\s<>()]+\.[a-z]{2,}", re.I)
#: The values of `afmelden` that are links (the rest are a mailing tool's code).
LINK_SCHEMES = ("https://", "http://", "mailto:")


def _unsubscribe(value: str) -> str | None:
    """The unsubscribe link as the e-mail gives it; None when it is none of the three
    kinds. A bare e-mail address becomes a mailto: link (the address alone went nowhere)."""
    value = value.strip()
    if _MERGE_TAG.fullmatch(value) or _WEB.fullmatch(value):
        return value
    address = re.sub(r"^mailto:", "", value, flags=re.I)
    if _ADDRESS.fullmatch(address.split("?", 1)[0]):
        return "mailto:" + address
    return None


_REPO = re.compile(r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")


def _editor(f: Fields) -> Editor | None:
    """`editor`: the GitHub repository the browser editor writes to, and its login."""
    entry = _part(f, "editor", ("repo", "branch", "inloggen"), 1)
    if entry is None:
        return None
    repo = entry.text("repo")
    if repo is None:
        return None
    if not _REPO.match(repo):
        _error_at(entry, "repo", "'repo' is de repository op GitHub: eigenaar/naam")
        return None
    inloggen = entry.url("inloggen")
    return Editor(repo, entry.text("branch") or "main", inloggen)


def _band(entry: Fields) -> tuple[int, int] | None:
    """`leesbaarheid: [van, tot]`: the Flesch-Douma figures a doelgroep's texts aim at."""
    node = entry.node_of("leesbaarheid")
    if node is None or node.value is None:
        return None
    values = [
        entry.check_integer(item, "leesbaarheid", 0, 130)
        for item in entry.strict_list("leesbaarheid") or []
    ]
    low, high = values if len(values) == 2 else (None, None)
    if len(values) != 2 or (low is not None and high is not None and low >= high):
        entry.error(
            node, "'leesbaarheid' is [van, tot], twee getallen van 0 tot en met 130, zoals [60, 80]"
        )
        return None
    return (low, high) if low is not None and high is not None else None


def _form(entry: Fields) -> str:
    """`aanspreekvorm`: je (the default) or u."""
    value = entry.text("aanspreekvorm")
    node = entry.node_of("aanspreekvorm")
    if value is None or node is None:
        return "je"
    if value.lower() not in FORMS:
        entry.error(node, f"'aanspreekvorm' is je of u, niet '{value}'")
        return "je"
    return value.lower()


def _blokken(f: Fields) -> Blokken:
    """`blokken: {eerste: 0, laatste: 6}`: the numbers blok folders may have."""
    node = f.node_of("blokken")
    if node is None or not node.is_mapping:
        if node is not None:
            f.error(
                node, "'blokken' heeft 'eerste' en 'laatste', bijvoorbeeld {eerste: 0, laatste: 6}"
            )
        return Blokken(0, -1)
    entry = Fields(
        node,
        f.path,
        f.collector,
        allowed=("eerste", "laatste"),
        required=("eerste", "laatste"),
        where=" in 'blokken'",
    )
    eerste = entry.integer("eerste", 0, 99)
    laatste = entry.integer("laatste", 0, 99)
    if eerste is None or laatste is None:
        return Blokken(0, -1)
    if laatste < eerste:
        at = entry.node_of("laatste")
        assert at is not None
        entry.error(at, f"'laatste' ({laatste}) komt vóór 'eerste' ({eerste})")
    return Blokken(eerste, laatste)


#: What a doelgroep may say beyond id, naam and omschrijving.
_DOELGROEP_KEYS = (
    "standaard",
    "optioneel",
    "categorie",
    "aanspreekvorm",
    "geleid",
    "leesbaarheid",
)
FORMS = ("je", "u")


def _vocabulary(
    f: Fields, key: str, id_pattern: re.Pattern[str], *, extra: tuple[str, ...] = ()
) -> Vocabulary:
    terms: list[Term] = []
    defaults: list[str] = []
    shape = f"elke regel van '{key}' heeft 'id' en 'naam'"
    allowed = ("id", "naam", "omschrijving", *extra)
    for entry in f.records(key, shape, allowed=allowed, required=("id", "naam")):
        term_id = entry.text("id")
        naam = entry.text("naam")
        if term_id is None or naam is None:
            continue
        id_node = entry.node_of("id")
        assert id_node is not None
        if not id_pattern.match(term_id):
            entry.error(
                id_node, f"id '{term_id}' mag alleen kleine letters, cijfers en '-' bevatten"
            )
            continue
        if term_id in (t.id for t in terms):
            entry.error(id_node, f"id '{term_id}' staat twee keer in '{key}'")
            continue
        if entry.boolean("standaard"):
            defaults.append(term_id)
        terms.append(
            Term(
                term_id,
                naam,
                entry.text("omschrijving"),
                categorie=entry.text("categorie"),
                optioneel=bool(entry.boolean("optioneel")),
                aanspreekvorm=_form(entry),
                kort=entry.text("kort"),
                duur=entry.integer("duur", 1, 300),
                geleid=bool(entry.boolean("geleid")),
                leesbaarheid=_band(entry),
            )
        )
    node = f.node_of(key)
    if node is not None and isinstance(node.value, list) and not terms:
        assert node is not None
        f.error(node, f"'{key}' is leeg")
    if len(defaults) > 1:
        assert node is not None
        f.error(
            node,
            f"'standaard: true' staat bij {len(defaults)} {key} ({', '.join(defaults)}); "
            "het mag bij één",
        )
    # without `standaard: true`, the first term is the default
    default = defaults[0] if defaults else (terms[0].id if terms else "")
    return Vocabulary(tuple(terms), default)


def _bible_links(f: Fields) -> BibleLinks:
    node = f.node_of("bijbellink")
    if node is None or not node.is_mapping:
        if node is not None:
            f.error(node, "'bijbellink' heeft 'hoofdstuk' en eventueel 'vers' en 'vertaling'")
        return BibleLinks("", "")
    entry = Fields(
        node,
        f.path,
        f.collector,
        allowed=("hoofdstuk", "vers", "vertaling"),
        required=("hoofdstuk",),
        where=" in 'bijbellink'",
    )
    result: dict[str, str] = {}
    for key, needed in (("hoofdstuk", {"hoofdstuk"}), ("vers", {"hoofdstuk", "vers"})):
        template = entry.url(key)
        result[key] = template or ""
        value_node = entry.node_of(key)
        if template is None or value_node is None:
            continue
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        unknown = names - {"boek", "nummer", "hoofdstuk", "vers"}
        if unknown:
            entry.error(
                value_node,
                f"onbekende plek '{{{sorted(unknown)[0]}}}' in de link; "
                "gebruik {boek} of {nummer}, {hoofdstuk} en {vers}",
            )
        elif not needed <= names or not names & {"boek", "nummer"}:
            missing = sorted(needed - names) or ["boek"]
            entry.error(value_node, f"de link voor '{key}' mist {{{missing[0]}}}")
    return BibleLinks(result["hoofdstuk"], result["vers"], entry.text("vertaling") or "")


def _publications(f: Fields, doelgroepen: Vocabulary) -> tuple[Publication, ...]:
    found: list[Publication] = []
    shape = "elke publicatie is een lijst van sleutels (id, naam, per, …)"
    required = ("id", "naam", "per", "doelgroepen", "bestand")
    for p in f.records("publicaties", shape, allowed=_PUB_KEYS, required=required):
        publication = _publication(p, doelgroepen)
        if publication is None:
            continue
        if publication.id in (x.id for x in found):
            _error_at(p, "id", f"publicatie '{publication.id}' staat twee keer in de lijst")
            continue
        found.append(publication)
    return tuple(found)


def _error_at(p: Fields, key: str, message: str) -> None:
    node = p.node_of(key)
    assert node is not None
    p.error(node, message)


def _publication(p: Fields, doelgroepen: Vocabulary) -> Publication | None:
    """One entry of `publicaties`, or None (reported) when it cannot be used."""
    pub_id, naam, per, bestand = p.text("id"), p.text("naam"), p.text("per"), p.text("bestand")
    ok = None not in (pub_id, naam, per, bestand)
    if per is not None and per not in PER:
        _error_at(p, "per", f"'per' moet blok, katern of bijeenkomst zijn, niet '{per}'")
        ok = False
    formaat = p.text("formaat") or "A5"
    if formaat not in _FORMATS:
        _error_at(p, "formaat", f"'formaat' moet A4 of A5 zijn, niet '{formaat}'")
        ok = False
    groups: list[str] = []
    for g in p.items("doelgroepen") or []:
        if not isinstance(g.value, str | int):
            p.error(g, "een doelgroep is tekst")
            ok = False
            continue
        found_id = doelgroepen.lookup(str(g.value))
        if found_id is None:
            p.error(g, f"onbekende doelgroep '{g.value}'{doelgroepen.suggestion(str(g.value))}")
            ok = False
        else:
            groups.append(found_id)
    if bestand is not None and per in PER:
        ok = _file_name(p, bestand, per) and ok
    handleiding, openbaar, boekje = (
        p.boolean("handleiding"),
        p.boolean("openbaar"),
        p.boolean("boekje"),
    )
    if boekje and formaat != "A5":
        _error_at(
            p, "boekje", "'boekje: true' kan alleen bij formaat A5 (twee bladzijden op een A4)"
        )
        ok = False
    epub = bool(p.boolean("epub"))
    if epub and per == "bijeenkomst":
        _error_at(
            p,
            "epub",
            "'epub: true' kan alleen bij een publicatie per blok of katern: een e-boek volgt "
            "de gesprekken, en een bijeenkomst heeft die niet",
        )
        ok = False
    if handleiding and openbaar:
        node = p.node_of("openbaar")
        assert node is not None
        p.collector.warning(
            p.path,
            node.line,
            node.column,
            "deze publicatie bevat tekst voor de leiding ('handleiding: true') en komt daarom "
            "nooit op de website, alleen in output/leiders",
        )
    if not ok or pub_id is None or naam is None or per is None or bestand is None:
        return None
    return Publication(
        id=pub_id,
        naam=naam,
        per=per,
        doelgroepen=tuple(groups),
        handleiding=bool(handleiding),
        openbaar=True if openbaar is None else openbaar,
        opmaak=p.text("opmaak") or "werkboek",
        formaat=formaat,
        bestand=bestand,
        boekje=bool(boekje),
        epub=epub,
    )


def _file_name(p: Fields, bestand: str, per: str) -> bool:
    """Whether `bestand` names one PDF per blok or katern; else reported."""
    if not bestand.endswith(".pdf") or "/" in bestand or "\\" in bestand:
        _error_at(p, "bestand", "'bestand' is een bestandsnaam op .pdf, zonder map")
        return False
    if "{" + per + "}" not in bestand:
        _error_at(
            p,
            "bestand",
            f"'bestand' moet {{{per}}} bevatten, anders krijgen alle pdf's dezelfde naam",
        )
        return False
    return True
