"""The news as an Atom 1.0 feed, and the agenda as calendar files.

The feed is made with feedgen: every URL absolute (from `basis_url`), an
entry's id its page's address (stable while the file keeps its name), its
`updated` its date; the feed's `updated` is that of the newest item, never
the clock. A calendar holds one VEVENT per event, with a UID that names the
event, and DTSTAMP from the content's date.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable
from html import escape
from typing import Any

from focusbuild import artifacts
from focusbuild.artifacts import Urls
from focusbuild.model import Site
from focusbuild.nieuws.model import Event, NewsItem
from focusbuild.render import ical
from focusbuild.today import TIMEZONE

#: News items the feed holds: enough for a reader that looks in once a month.
IN_FEED = 20


def _moment(day: datetime.date) -> datetime.datetime:
    """Midnight in the Netherlands: a date as Atom wants it (with a time zone)."""
    return datetime.datetime.combine(day, datetime.time(), zoneinfo.ZoneInfo(TIMEZONE))


def atom(site: Site, body_html: Callable[[NewsItem], str]) -> bytes:
    """The feed; `body_html(item)` gives an item's public HTML with absolute links."""
    from feedgen.feed import FeedGenerator  # loaded only when the feed is made

    config, urls = site.config, Urls(site.config)
    base = config.basis_url
    feed = FeedGenerator()
    feed.id(base + artifacts.NIEUWS)
    feed.title(f"{config.titel}: nieuws")
    feed.subtitle(config.ondertitel or config.titel)
    feed.author({"name": config.organisatie})
    feed.link(href=base + artifacts.ATOM, rel="self", type="application/atom+xml")
    feed.link(href=base + artifacts.NIEUWS, rel="alternate", type="text/html")
    feed.language(config.taal)
    feed.generator("focusbuild")
    items = site.nieuws[:IN_FEED]
    newest = items[0].datum if items else datetime.date(2000, 1, 1)
    feed.updated(_moment(newest))
    for item in items:
        entry = feed.add_entry(order="append")
        url = base + urls.nieuws(item)
        entry.id(url)
        entry.title(item.labelled_title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(_moment(item.datum))
        entry.updated(_moment(item.datum))
        summary, body = item.samenvatting, body_html(item)
        if item.notice:  # a feed reader shows no label: the reader is told in the text
            summary = f"{item.notice} {summary}"
            body = f"<p><strong>Voorbeeld.</strong> {escape(item.notice)}</p>\n{body}"
        entry.summary(summary)
        entry.author({"name": item.auteur or config.organisatie})
        entry.content(body, type="html")
    data: bytes = feed.atom_str(pretty=True)
    return data


def agenda_calendar(
    site: Site, events: tuple[Event, ...], name: str, stamp: datetime.date
) -> bytes:
    """Events as one calendar file (the whole agenda, or one event)."""
    import icalendar

    config = site.config
    urls = Urls(config)
    zone = zoneinfo.ZoneInfo(TIMEZONE)
    book = ical.calendar(config, name)
    for event in events:
        uid = f"agenda-{event.slug}@{ical.host(config)}"
        vevent = ical.stamped(icalendar.Event(), uid, stamp)
        _times(vevent, event, zone)
        # in a reader's own calendar an invented event must say so, in its title and text
        vevent.add("summary", event.labelled_title)
        vevent.add("location", event.plaats)
        url = config.basis_url + urls.event(event)
        about = event.samenvatting or event.titel
        notice = f"{event.notice}\n\n" if event.notice else ""
        vevent.add("description", f"{notice}{about}\n\n{url}")
        vevent.add("url", url)
        vevent.add("categories", ["Focus"])
        book.add_component(vevent)
    return ical.finished(book, [e.datum for e in events], timed=any(e.begin for e in events))


def _times(vevent: Any, event: Event, zone: zoneinfo.ZoneInfo) -> None:
    """Start and end: with a time of day in Dutch time, else whole days (end exclusive)."""
    if event.begin is not None:
        start = datetime.datetime.combine(event.datum, event.begin, zone)
        vevent.add("dtstart", start)
        if event.einde is not None:
            vevent.add("dtend", datetime.datetime.combine(event.last_day, event.einde, zone))
        else:
            vevent.add("duration", datetime.timedelta(hours=2))
    else:
        vevent.add("dtstart", event.datum)
        vevent.add("dtend", event.last_day + datetime.timedelta(days=1))
