"""A gemeente's profile and the programme planned from it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from focusbuild.model import Bijeenkomst, Gesprek

#: The days of the week as a profile names them, Monday first (datetime's weekday()).
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def names_place(naam: str, plaats: str) -> bool:
    """Whether a gemeente's name says its place ("Hervormde gemeente 's-Gravenzande"): then
    the place is not said again after it ("… 's-Gravenzande in 's-Gravenzande"). As a
    word: "Hoornaar" does not say "Hoorn", nor "Vredeskerk" "Ede"."""
    found = re.search(rf"(?<!\w){re.escape(plaats.casefold())}(?!\w)", naam.casefold())
    return found is not None


@dataclass(frozen=True)
class Contact:
    naam: str
    email: str | None = None
    telefoon: str | None = None  # as written ("06 1234 5678", "+31 (0)180 123 456")

    @property
    def reach(self) -> str:
        """How to reach the contact, as the booklets print it: "a@b.nl, 06 1234 5678"."""
        return ", ".join(part for part in (self.email, self.telefoon) if part)

    @property
    def tel_uri(self) -> str | None:
        """The number as a phone dials it from a link: "tel:+31180123456"."""
        if self.telefoon is None:
            return None
        number = self.telefoon.replace("(0)", "")
        return "tel:" + "".join(c for c in number if c.isdigit() or c == "+")


class _Days:
    """Days from `van` to `tot`, both included: `day in period`."""

    van: datetime.date
    tot: datetime.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.van <= day <= self.tot


@dataclass(frozen=True)
class Period(_Days):
    """A period without meetings, both days included."""

    van: datetime.date
    tot: datetime.date
    reden: str | None = None  # what it is, for the planning ("voorjaarsvakantie")

    @property
    def label(self) -> str:
        return self.reden or "vrije periode"


@dataclass(frozen=True)
class Appointment(_Days):
    """When the gemeente holds one bijeenkomst of the traject (`bijeenkomsten:`): a day,
    or several days (a weekend), both included."""

    slug: str  # the bijeenkomst's folder name without its number
    van: datetime.date
    tot: datetime.date
    tijd: datetime.time | None = None  # when it starts (on its first day)


@dataclass(frozen=True)
class Gemeente:
    slug: str
    rel: str  # the profile, relative to the project
    source: Path  # the profile file
    naam: str
    plaats: str
    startjaar: int  # the year blok 1 starts
    kringavond: int  # a weekday, 0 = maandag
    tijd: datetime.time | None = None
    #: per blok that the profile lists: the gesprek slugs, in the order they are held
    keuze: tuple[tuple[int, tuple[str, ...]], ...] = ()
    doelgroepen: tuple[str, ...] = ()  # empty: all
    nadruk: tuple[str, ...] = ()  # onderdelen and doelgroepen to stress
    vrij: tuple[Period, ...] = ()
    bijeenkomsten: tuple[Appointment, ...] = ()  # in the order of their dates
    trajectbegeleider: Contact | None = None
    focusgroep: Contact | None = None
    logo: Path | None = None  # resolved, inside the project
    voorwoord: str | None = None  # Markdown
    voorwoord_line: int = 1  # where the voorwoord's text starts in the profile

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.kringavond]

    @property
    def place_in_name(self) -> bool:
        return names_place(self.naam, self.plaats)

    def chosen(self, blok: int) -> tuple[str, ...] | None:
        """The gesprekken of a blok the profile chose, or None: the whole blok."""
        return dict(self.keuze).get(blok)

    def uses(self, doelgroep: str) -> bool:
        return not self.doelgroepen or doelgroep in self.doelgroepen


@dataclass(frozen=True)
class Meeting:
    blok: int
    gesprek: Gesprek
    datum: datetime.date


@dataclass(frozen=True)
class BlokPlan:
    blok: int
    van: datetime.date  # the window
    tot: datetime.date
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True)
class Gathering:
    """A bijeenkomst of the traject on the gemeente's own date."""

    bijeenkomst: Bijeenkomst
    when: Appointment


@dataclass(frozen=True)
class Plan:
    """A gemeente's programme: per blok its window and its dated gesprekken, and the
    bijeenkomsten of the traject it gave a date."""

    gemeente: Gemeente
    blokken: tuple[BlokPlan, ...]
    gatherings: tuple[Gathering, ...] = ()  # in the order of their dates

    @property
    def meetings(self) -> tuple[Meeting, ...]:
        return tuple(m for b in self.blokken for m in b.meetings)

    def date_of(self, gesprek: Gesprek) -> datetime.date | None:
        return next((m.datum for m in self.meetings if m.gesprek is gesprek), None)
