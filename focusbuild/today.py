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
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return today_nl()
