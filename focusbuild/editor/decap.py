"""Decap CMS's config.yml, made from focus.yaml and the content tree.

Every collection writes the same front matter keys `focusbuild check` knows
(docs/content.md), so a file saved in the browser checks like one written in
an editor. Decap keeps only the fields its config names, so each form lists
every key its kind of file may have; the choices (onderdeel, doelgroep,
partner, bundel, for whom an event is) come from focus.yaml.

The editorial workflow makes every save a branch and a pull request, which
the pull-request workflow checks and previews like any other.
"""

from __future__ import annotations

from typing import Any

import yaml

from focusbuild.config import Config, Editor, Vocabulary
from focusbuild.model import Blok, Gesprek, Katern, Site

Field = dict[str, Any]

_BODY: Field = {
    "label": "Tekst",
    "name": "body",
    "widget": "markdown",
    "modes": ["raw", "rich_text"],  # raw first: '::: handleiding' stays as it is written
    "editor_components": [],
}
_NEWS_BODY: Field = {**_BODY, "editor_components": ["image"]}
_DATE: Field = {
    "widget": "datetime",
    "format": "YYYY-MM-DD",
    "date_format": "DD-MM-YYYY",
    "time_format": False,
    "picker_utc": True,
}
_MESSAGES = {
    "create": "Nieuw: {{collection}} “{{slug}}”",
    "update": "Bijgewerkt: {{collection}} “{{slug}}”",
    "delete": "Verwijderd: {{collection}} “{{slug}}”",
    "uploadMedia": "Afbeelding toegevoegd: {{path}}",
    "deleteMedia": "Afbeelding verwijderd: {{path}}",
    "openAuthoring": "{{message}}",
}


def text(label: str, name: str, *, required: bool = False, hint: str = "") -> Field:
    field: Field = {"label": label, "name": name, "widget": "string", "required": required}
    if hint:
        field["hint"] = hint
    return field


def choice(label: str, name: str, vocabulary: Vocabulary, **extra: Any) -> Field:
    options = [{"label": term.naam, "value": term.id} for term in vocabulary.terms]
    return {"label": label, "name": name, "widget": "select", "options": options, **extra}


def listing(label: str, name: str, **extra: Any) -> Field:
    """A list: of one `field`, or of records with `fields`."""
    return {"label": label, "name": name, "widget": "list", "required": False, **extra}


def flag(label: str, name: str, hint: str) -> Field:
    return {"label": label, "name": name, "widget": "boolean", "required": False, "hint": hint}


def number(label: str, name: str, *, required: bool = False, hint: str = "", low: int = 1) -> Field:
    field: Field = {
        "label": label,
        "name": name,
        "widget": "number",
        "value_type": "int",
        "min": low,
        "required": required,
    }
    if hint:
        field["hint"] = hint
    return field


def section_fields(config: Config) -> list[Field]:
    """A section: an onderdeel of a gesprek, for the kring or a doelgroep."""
    partners = [{"label": name, "value": name} for name in config.partners]
    bundels = choice("Bundel", "bundel", config.bundels)
    song = [bundels, number("Nummer", "nummer", required=True)]
    song += [
        text("Verzen", "vers", hint="zoals 1, 3 of 1-3"),
        text("Titel", "titel", required=True),
    ]
    return [
        text("Titel", "titel", required=True, hint="wordt ook de bestandsnaam"),
        choice("Onderdeel", "onderdeel", config.onderdelen, multiple=True, min=1),
        choice(
            "Doelgroep",
            "doelgroep",
            config.doelgroepen,
            required=False,
            hint="leeg: voor de kring",
        ),
        number("Duur in minuten", "duur", hint="alleen voor de kring; samen de hele avond"),
        text("Bijbelgedeelte", "bijbelgedeelte", hint="zoals Johannes 1:35-51"),
        listing("Liederen", "liederen", fields=song),
        text("Doel", "doel", hint="voor wie leidt: één zin"),
        text("Tijd", "tijd", hint="zoals: 45 minuten: verhaal 10, gesprek 15, opdracht 20"),
        listing("Benodigdheden", "benodigdheden", field=text("Wat", "wat")),
        {"label": "Partner", "name": "partner", "widget": "select", "options": partners}
        | {"required": False},
        text("Land", "land", hint="bij een verhaal uit de wereldkerk"),
        text("Film", "video", hint="het webadres van een film die bestaat"),
        flag("Voorbeeldverhaal", "voorbeeld", "aan: een verzonnen verhaal, zo aangeduid"),
        flag("Alleen voor de leiding", "handleiding", "aan: komt nooit op de website"),
        _BODY,
    ]


def _blok_fields() -> list[Field]:
    return [
        number("Blok", "blok", required=True, low=0),
        text("Titel", "titel", required=True),
        text("Periode", "periode", required=True, hint="zoals: Eerste jaar, januari – maart"),
        number("Jaar", "jaar", required=True, hint="0, 1 of 2", low=0),
        listing("Maanden", "maanden", field=number("Maand", "m")),
        text("Kleur", "kleur", hint="zoals #1f6f8b"),
        _BODY,
    ]


def _owner_fields(owner: Blok | Katern) -> list[Field]:
    if isinstance(owner, Blok):
        return _blok_fields()
    return [
        text("Titel", "titel", required=True),
        text("Samenvatting", "samenvatting"),
        text("Kleur", "kleur"),
        _BODY,
    ]


def _gesprek_fields() -> list[Field]:
    return [
        text("Titel", "titel", required=True),
        text("Bijbelgedeelte", "bijbelgedeelte", required=True, hint="zoals Johannes 1:35-51"),
        text("Samenvatting", "samenvatting"),
        _BODY,
    ]


def _owner_label(owner: Blok | Katern) -> str:
    return f"Blok {owner.number}: {owner.titel}" if isinstance(owner, Blok) else owner.titel


def _folder(rel: str) -> str:
    return rel.rsplit("/", 1)[0]


def _name(folder: str) -> str:
    """A collection's name from its folder: content/katernen/gebed → katernen-gebed."""
    return folder.removeprefix("content/").replace("/", "-")


def owner_collection(owner: Blok | Katern) -> dict[str, Any]:
    """The blok or katern itself and its gesprekken: edited, not created, here."""
    files = [
        {
            "label": "Over " + ("dit blok" if isinstance(owner, Blok) else "dit katern"),
            "name": "intro",
            "file": owner.source.rel,
            "fields": _owner_fields(owner),
        }
    ]
    files += [
        {
            "label": f"Gesprek {g.number}: {g.titel}",
            "name": f"gesprek-{g.number}",
            "file": g.source.rel,
            "fields": _gesprek_fields(),
        }
        for g in owner.gesprekken
    ]
    name = _name(_folder(owner.source.rel))
    return {"name": name, "label": _owner_label(owner), "files": files}


def sections_collection(config: Config, owner: Blok | Katern, gesprek: Gesprek) -> dict[str, Any]:
    """The onderdelen and doelgroep material of one gesprek: edited and created here."""
    folder = _folder(gesprek.source.rel)
    prefix = f"Blok {owner.number}" if isinstance(owner, Blok) else owner.titel
    return folder_collection(
        _name(folder),
        f"{prefix} · {gesprek.number}. {gesprek.titel}",
        "onderdeel",
        folder,
        section_fields(config),
        # most sections have no titel of their own: the file name says what they are
        summary="{{filename}} · {{titel | default('zonder eigen titel')}}",
    )


def folder_collection(
    name: str, label: str, singular: str, folder: str, fields: list[Field], **extra: Any
) -> dict[str, Any]:
    """A folder of Markdown files the editor lists, edits and adds to, named by titel."""
    return {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "identifier_field": "titel",
        "slug": "{{slug}}",
        **extra,
        "fields": fields,
    }


def pages_collection() -> dict[str, Any]:
    return folder_collection(
        "paginas",
        "Pagina's",
        "pagina",
        "content/paginas",
        [
            text("Titel", "titel", required=True),
            text("Samenvatting", "samenvatting"),
            number("Volgorde in het menu", "volgorde"),
            flag("In het menu", "menu", "aan: de pagina staat in het menu bovenaan"),
            _BODY,
        ],
    )


def news_collection() -> dict[str, Any]:
    return folder_collection(
        "nieuws",
        "Nieuws",
        "nieuwsbericht",
        "content/nieuws",
        [
            text("Titel", "titel", required=True),
            text("Samenvatting", "samenvatting", required=True),
            {"label": "Datum", "name": "datum", **_DATE},
            text("Auteur", "auteur"),
            text("Gemeente", "gemeente", hint="de gemeente wier ervaring het is"),
            {"label": "Afbeelding", "name": "afbeelding", "widget": "image", "required": False},
            text("Wat de afbeelding laat zien", "alt", hint="verplicht bij een afbeelding"),
            listing(
                "Over",
                "over",
                hint="mappen van blokken en gesprekken, zoals blok1/01-hij-zoekt-ons-op",
                field=text("Map", "map"),
            ),
            flag("Voorbeeld", "voorbeeld", "aan: een verzonnen bericht, zo aangeduid"),
            _NEWS_BODY,
        ],
        slug="{{year}}-{{month}}-{{day}}-{{slug}}",
        sortable_fields=["datum", "titel"],
    )


def agenda_collection(config: Config) -> dict[str, Any]:
    voor: Field = text("Voor wie", "voor", required=True)
    if config.agenda is not None:
        voor = choice("Voor wie", "voor", config.agenda, multiple=True, min=1)
    return folder_collection(
        "agenda",
        "Agenda",
        "activiteit",
        "content/agenda",
        [
            text("Titel", "titel", required=True),
            {"label": "Datum", "name": "datum", **_DATE},
            {"label": "Laatste dag", "name": "eind", "required": False, **_DATE},
            text("Tijd", "tijd", hint="zoals 10:00 of 10:00-16:00"),
            text("Plaats", "plaats", required=True),
            voor,
            text("Aanmelden", "aanmelden", hint="een https://-adres of een e-mailadres"),
            text("Samenvatting", "samenvatting"),
            flag("Voorbeeld", "voorbeeld", "aan: een verzonnen activiteit, zo aangeduid"),
            _BODY,
        ],
    )


def collections_of(site: Site) -> list[dict[str, Any]]:
    """What the editor offers, in the order of the site."""
    config = site.config
    collections: list[dict[str, Any]] = []
    for owner in site.owners:
        collections.append(owner_collection(owner))
        collections += [sections_collection(config, owner, g) for g in owner.gesprekken]
    collections.append(pages_collection())
    if site.nieuws:
        collections.append(news_collection())
    if site.agenda:
        collections.append(agenda_collection(config))
    return collections


def config_of(site: Site, editor: Editor, *, backend: dict[str, Any] | None = None) -> str:
    """config.yml; `backend` replaces GitHub (the tests use Decap's in-memory test-repo)."""
    config = site.config
    collections = collections_of(site)
    github: dict[str, Any] = {"name": "github", "repo": editor.repo, "branch": editor.branch}
    if editor.inloggen:
        github["base_url"] = editor.inloggen
    github["commit_messages"] = _MESSAGES
    document = {
        "backend": backend or github,
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "site_url": config.basis_url,
        "display_url": config.basis_url,
        # pictures go beside the news (content/nieuws/img/); a picture in a gesprek is
        # added with git or GitHub, so the section forms offer none
        "media_folder": "content/nieuws/img",
        "public_folder": "img",
        "collections": collections,
    }
    header = "# Gemaakt door focusbuild uit focus.yaml en content/; niet met de hand bewerken.\n"
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
