"""News items, events and newsletter editions: part of the frozen model (`Site`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from focusbuild.model import Source


@dataclass(frozen=True)
class Picture:
    """A picture from the content folder, with the text that replaces it."""

    rel: str  # relative to the project ("content/nieuws/img/focusdag.jpg")
    alt: str


class MaybeInvented:
    """What an item that may be invented (`voorbeeld: true`) tells its reader, wherever it
    is shown: on its page, in the Atom feed, in the calendar files (which a reader may
    subscribe to) and in FocusNieuws."""

    titel: str
    voorbeeld: bool
    #: The notice of an invented item of this kind.
    NOTICE: ClassVar[str]

    @property
    def notice(self) -> str | None:
        return self.NOTICE if self.voorbeeld else None

    @property
    def labelled_title(self) -> str:
        """The title where no label can stand beside it: "Voorbeeld: …" when invented."""
        return "Voorbeeld: " + self.titel if self.voorbeeld else self.titel


@dataclass(frozen=True)
class NewsItem(MaybeInvented):
    """`content/nieuws/JJJJ-MM-DD-slug.md`: one item of news."""

    NOTICE = (
        "Dit bericht is een voorbeeld, geschreven voor Focus; de gemeente en de personen "
        "erin zijn verzonnen."
    )

    source: Source
    slug: str  # the file name without .md: "2027-01-15-terugblik-focusdag"
    datum: datetime.date
    titel: str
    samenvatting: str
    auteur: str | None = None
    afbeelding: Picture | None = None
    gemeente: str | None = None  # a participating gemeente's experience
    over: tuple[str, ...] = ()  # the blokken and gesprekken it is about (their source rels)
    voorbeeld: bool = False  # an invented item, shown as an example


@dataclass(frozen=True)
class Event(MaybeInvented):
    """`content/agenda/slug.md`: a day, evening or weekend of the programme."""

    #: Said on the site, in the calendar files and in FocusNieuws itself (so it does not
    #: send the reader to FocusNieuws for the real dates).
    NOTICE = "Deze activiteit is een voorbeeld: datum en plaats zijn verzonnen."

    source: Source
    slug: str
    titel: str
    datum: datetime.date
    plaats: str
    voor: tuple[str, ...]  # ids from focus.yaml's agenda.voor
    eind: datetime.date | None = None  # the last day, when it lasts more than one
    begin: datetime.time | None = None  # from `tijd: "10:00"` or `"10:00-16:00"`
    einde: datetime.time | None = None
    aanmelden: str | None = None  # an https URL or a mailto: address
    samenvatting: str | None = None
    voorbeeld: bool = False

    @property
    def last_day(self) -> datetime.date:
        return self.eind or self.datum

    def upcoming(self, today: datetime.date) -> bool:
        """Whether it has not ended yet on `today` (an event today is still upcoming)."""
        return self.last_day >= today


@dataclass(frozen=True)
class Edition:
    """`content/nieuwsbrief/JJJJ-MM.md`: one FocusNieuws, with the editor's opening."""

    source: Source
    editie: str  # "2027-03"
    datum: datetime.date  # the day it is sent: it has the news since the edition before
    titel: str
