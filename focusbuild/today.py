"""The day a build is for: what "upcoming" means in the agenda.

`--datum JJJJ-MM-DD` fixes it; otherwise SOURCE_DATE_EPOCH does (as it fixes
the colophon's date), so that a reproducible build gives the same agenda on
any day; otherwise it is today in the Netherlands.
"""

from __future__ import annotations

import datetime
import os
import zoneinfo

TIMEZONE = "Europe/Amsterdam"


def today_nl() -> datetime.date:
    """Today in the Netherlands, whatever the machine's zone: the one "today" of the
    FocusScan (its form, its commands and its report), never a build's fixed date."""
    return datetime.datetime.now(zoneinfo.ZoneInfo(TIMEZONE)).date()


def build_date(given: datetime.date | None = None) -> datetime.date:
    if given is not None:
        return given
    return epoch_date() or today_nl()


class BadEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is no moment a build can have."""


def epoch_date() -> datetime.date | None:
    """The day SOURCE_DATE_EPOCH names (seconds since 1970, UTC), None when it is not
    set. A value that is no such number ("²", a year past 9999) stops the command, as
    reproducible-builds.org asks: a build would otherwise quietly take another date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        return None
    try:
        if not (epoch.isascii() and epoch.isdigit()):
            raise ValueError(epoch)
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise BadEpoch(
            f"SOURCE_DATE_EPOCH='{epoch[:40]}' is geen tijdstip: het moet een aantal seconden "
            "sinds 1970 zijn (zoals 'git log -1 --format=%ct' geeft), vóór het jaar 10000"
        ) from None
