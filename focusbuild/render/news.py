"""The news and agenda pages of the site, and how an event's date and time read.

The news is paged (`NEWS_PER_PAGE` items, newest first). Which events are
upcoming depends on the build date (`today.py`): the pages that show it read
the input `TODAY_READ`, so they are made again on another day and only then.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote

from focusbuild.artifacts import NEWS_PER_PAGE
from focusbuild.config import Config
from focusbuild.markdown import SPAN_DASH
from focusbuild.nieuws.model import Event, NewsItem
from focusbuild.render.templates import dutch_date

if TYPE_CHECKING:
    from focusbuild.render.site import PageJob, SiteRenderer

#: The input name of the build date (see products/pages.py).
TODAY_READ = "vandaag"

#: How many news items and upcoming events the home page shows.
ON_HOME = 3


def _clock(time: datetime.time) -> str:
    return f"{time.hour}.{time.minute:02d}"


def when(event: Event) -> str:
    """ "zaterdag 9 oktober 2027, 10.00 – 16.00 uur"; "vrijdag 22 – zaterdag 23 januari 2027"."""
    first = event.datum
    if event.eind is not None:
        same_month = (first.year, first.month) == (event.eind.year, event.eind.month)
        start = dutch_date(first, "EEEE d" if same_month else "EEEE d MMMM")
        text = f"{start} – {dutch_date(event.eind, 'EEEE d MMMM y')}"
    else:
        text = dutch_date(first, "EEEE d MMMM y")
    if event.begin is not None:
        # one line: on a phone "10.00 –" ended a line and "16.00 uur" began the next
        hours = _clock(event.begin) + (f"{SPAN_DASH}{_clock(event.einde)}" if event.einde else "")
        text += f", {hours}\u00a0uur"
    return text


def voor_namen(config: Config, event: Event, *, in_zin: bool = False) -> str:
    """Whom an event is for: its `voor` terms, by name or as words in a sentence."""
    terms = config.agenda
    if terms is None:
        return ", ".join(event.voor)
    return ", ".join(terms.term(v).woord if in_zin else terms.name(v) for v in event.voor)


def aanmeld_link(event: Event) -> str:
    """Where to sign up: a mail address gets the event's name and day as its subject, so
    the inbox that receives it can tell which event it is about."""
    address = event.aanmelden or ""
    if address.startswith("mailto:") and "?" not in address:
        subject = f"Aanmelding: {event.titel} ({dutch_date(event.datum, 'd MMMM y')})"
        return f"{address}?subject={quote(subject)}"
    return address


def pages_of_news(items: tuple[NewsItem, ...]) -> list[tuple[NewsItem, ...]]:
    """The news in pages of `NEWS_PER_PAGE`; one (empty) page when there is none."""
    pages = [items[i : i + NEWS_PER_PAGE] for i in range(0, len(items), NEWS_PER_PAGE)]
    return pages or [()]


def news_and_agenda(pages: SiteRenderer) -> Iterator[PageJob]:
    """/nieuws/ (paged), a page per item, /agenda/ and a page per event."""
    site, urls = pages.site, pages.urls
    if site.nieuws:
        paged = pages_of_news(site.nieuws)
        for number, items in enumerate(paged, start=1):
            yield pages.page(
                "nieuws.html",
                urls.nieuws_page(number),
                items=items,
                number=number,
                last=len(paged),
            )
        for item in site.nieuws:
            yield pages.page("nieuwsbericht.html", urls.nieuws(item), item=item)
    if site.agenda:
        yield pages.page("agenda.html", urls.AGENDA, upcoming=upcoming(pages), past=past(pages))
        for event in site.agenda:
            pages.renderer.recorder.read(TODAY_READ)
            yield pages.page(
                "activiteit.html",
                urls.event(event),
                event=event,
                over=not event.upcoming(pages.today),
            )


def upcoming(pages: SiteRenderer) -> tuple[Event, ...]:
    """The events that have not ended on the build date, first one first."""
    pages.renderer.recorder.read(TODAY_READ)
    return tuple(e for e in pages.site.agenda if e.upcoming(pages.today))


def past(pages: SiteRenderer) -> tuple[Event, ...]:
    """The events that have ended, most recent first."""
    pages.renderer.recorder.read(TODAY_READ)
    return tuple(reversed([e for e in pages.site.agenda if not e.upcoming(pages.today)]))
