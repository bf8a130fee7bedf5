"""Dutch for click's own messages ("Usage:", "No such option", …).

click marks its messages with gettext but ships no Dutch catalogue. Each of
its modules imported `gettext` as `_` (and `ngettext`); we point those names
at a small table, so that an editor never meets an English error.
"""

from __future__ import annotations

import importlib

import click

_TEXT = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Typ '{command} {option}' voor hulp.",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing {param_type}": "Ontbrekend: {param_type}",
    "Missing parameter: {param_name}": "Ontbrekende parameter: {param_name}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such option: {name}": "Onbekende optie: {name}",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Missing command.": "Geef een opdracht.",
    "Aborted!": "Afgebroken.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{value} is not in the range {range}.": "{value} valt buiten het bereik ({range}).",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "default: {default}": "standaard: {default}",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "integer": "geheel getal",
    "integer range": "geheel getal",
    "text": "tekst",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen {number_type}.",
    "deprecated": "verouderd",
    "required": "verplicht",
}

_PLURAL = {
    "Got unexpected extra argument ({args})": (
        "Onverwacht extra argument ({args})",
        "Onverwachte extra argumenten ({args})",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} is niet {choice}.",
        "{value!r} is niet een van {choices}.",
    ),
    "Option {name!r} requires an argument.": (
        "Optie {name!r} heeft een waarde nodig.",
        "Optie {name!r} heeft {nargs} waarden nodig.",
    ),
    # click.DateTime; every date option of focusbuild takes one form, JJJJ-MM-DD
    "{value!r} does not match the format {format}.": (
        "{value!r} is geen datum als JJJJ-MM-DD (bijvoorbeeld 2027-03-01).",
        "{value!r} is geen datum als JJJJ-MM-DD (bijvoorbeeld 2027-03-01).",
    ),
    "Did you mean {possibility}?": (
        "Bedoelde je {possibility}?",
        "(Bedoelde je een van: {possibilities}?)",
    ),
}


def gettext(message: str) -> str:
    return _TEXT.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if singular in _PLURAL:
        one, many = _PLURAL[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


def install() -> None:
    for name in (
        "core",
        "exceptions",
        "formatting",
        "decorators",
        "types",
        "parser",
        "termui",
        "utils",
    ):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


class Getal(click.IntRange):
    """A whole number in a range, described in Dutch ("vanaf 1", "van 0 tot en met 65535")
    where click writes "x>=1" and "0<=x<=65535"."""

    name = "geheel getal"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "GETAL"

    def _describe_range(self) -> str:
        if self.min is not None and self.max is not None:
            return f"van {self.min} tot en met {self.max}"
        if self.min is not None:
            return f"vanaf {self.min}"
        return f"tot en met {self.max}"
