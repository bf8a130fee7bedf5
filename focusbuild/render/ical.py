"""Calendar files (RFC 5545) for a gemeente's meetings and for the agenda.

Both are made with the icalendar library, in Europe/Amsterdam time, with a
UID that names the thing (the gesprek, the event), never its date: when a
date moves, importing the file again moves the event instead of adding one.
DTSTAMP is the content's date, not the clock, so the files are reproducible.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from focusbuild.config import Config
from focusbuild.today import TIMEZONE


def calendar(config: Config, name: str) -> Any:
    """An empty VCALENDAR named `name`, published by the organisation."""
    import icalendar  # loaded only when a calendar is made

    book = icalendar.Calendar()
    book.add("prodid", f"-//{config.organisatie}//focusbuild//NL")
    book.add("version", "2.0")
    book.add("calscale", "GREGORIAN")
    book.add("method", "PUBLISH")
    book.add("x-wr-calname", name)
    book.add("x-wr-timezone", TIMEZONE)
    return book


def host(config: Config) -> str:
    """The host name UIDs end in (`…@www.izb.nl`)."""
    return urlsplit(config.basis_url).hostname or "focus"


def stamped(event: Any, uid: str, stamp: datetime.date) -> Any:
    event.add("uid", uid)
    event.add("dtstamp", datetime.datetime.combine(stamp, datetime.time(), datetime.UTC))
    return event


def finished(book: Any, days: Iterable[datetime.date], timed: bool) -> bytes:
    """The file's bytes; with times of day, the time zone for the years they fall in."""
    found = sorted(days)
    if timed and found:
        book.add_missing_timezones(
            datetime.date(found[0].year, 1, 1), datetime.date(found[-1].year + 1, 1, 1)
        )
    data: bytes = book.to_ical()
    return data
