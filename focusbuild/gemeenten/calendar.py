"""When a gemeente holds each gesprek: blok windows, feasts, and an even spread.

Every blok has a window in `focus.yaml` (`kalender`): from a day of the year
or a feast, to a day or a feast, in the year its `_blok.md` names (`jaar: 0`
is the autumn before the traject, `jaar: 1` the profile's `startjaar`).
Within the window, the kringavonden are the days on the gemeente's weekday,
except its `vrij` periods and the days on which no kring meets (`feasts`):
the feasts, the evenings the church holds a service (Biddag and Dankdag for
gewas en arbeid, Witte Donderdag, Kerstavond, Oudejaarsavond) and the
national days that take the evening (Koningsdag, Dodenherdenking on 4 May at
eight). Nor does a kring meet on the days of a bijeenkomst of the traject that the
gemeente gave a date (a gemeenteavond, a toerusting, the kerkenraad's bezinning): the
gemeente, its leaders or its elders are there. The blok's gesprekken are spread
evenly over those evenings: the k-th of n gesprekken on evening floor(k·m/n) of m,
so the first is on the first evening and the gaps differ by at most one week.

Easter comes from python-dateutil (`easter`), the well-kept implementation of
the Western computus; Pentecost is Easter + 49 days.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.easter import easter

from focusbuild.config import Window
from focusbuild.gemeenten.model import Gemeente

DAY = datetime.timedelta(days=1)


def pentecost(year: int) -> datetime.date:
    return easter(year) + datetime.timedelta(days=49)


def _wednesday(year: int, month: int, nth: int) -> datetime.date:
    """The nth Wednesday of a month."""
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(2 - first.weekday()) % 7 + 7 * (nth - 1))


def feasts(year: int) -> dict[datetime.date, str]:
    """The days of one year on which no kring meets, with their Dutch names."""
    pasen, pinksteren = easter(year), pentecost(year)
    koningsdag = datetime.date(year, 4, 27)
    if koningsdag.weekday() == 6:  # on a Sunday it is kept the day before
        koningsdag -= DAY
    return {
        datetime.date(year, 1, 1): "Nieuwjaarsdag",
        _wednesday(year, 3, 2): "Biddag voor gewas en arbeid",
        pasen - 3 * DAY: "Witte Donderdag",
        pasen - 2 * DAY: "Goede Vrijdag",
        pasen: "Eerste Paasdag",
        pasen + DAY: "Tweede Paasdag",
        koningsdag: "Koningsdag",
        datetime.date(year, 5, 4): "Dodenherdenking",
        pasen + 39 * DAY: "Hemelvaartsdag",
        pinksteren: "Eerste Pinksterdag",
        pinksteren + DAY: "Tweede Pinksterdag",
        _wednesday(year, 11, 1): "Dankdag voor gewas en arbeid",
        datetime.date(year, 12, 24): "Kerstavond",
        datetime.date(year, 12, 25): "Eerste Kerstdag",
        datetime.date(year, 12, 26): "Tweede Kerstdag",
        datetime.date(year, 12, 31): "Oudejaarsavond",
    }


def _start(value: str, year: int) -> datetime.date:
    """The first day of a window: a day, or the day after a feast (Easter Monday is a
    feast itself, so the first kringavond is after it)."""
    if value == "pasen":
        return easter(year) + DAY
    if value == "pinksteren":
        return pentecost(year) + DAY
    month, day = (int(part) for part in value.split("-"))
    return datetime.date(year, month, day)


def _end(value: str, year: int) -> datetime.date:
    """The last day of a window: a day, the day before Easter, or Whit Monday."""
    if value == "pasen":
        return easter(year) - DAY
    if value == "pinksteren":
        return pentecost(year) + DAY
    month, day = (int(part) for part in value.split("-"))
    return datetime.date(year, month, day)


@dataclass(frozen=True)
class Evenings:
    """A blok's window in one gemeente's calendar, and the kringavonden in it."""

    van: datetime.date
    tot: datetime.date
    days: tuple[datetime.date, ...]


def year_of(gemeente: Gemeente, jaar: int) -> int:
    """The calendar year of a blok's `jaar` (0: the autumn before `startjaar`)."""
    return gemeente.startjaar - 1 + jaar


def evenings(gemeente: Gemeente, window: Window, jaar: int) -> Evenings:
    year = year_of(gemeente, jaar)
    van, tot = _start(window.van, year), _end(window.tot, year)
    skipped = feasts(year)
    days = []
    day = van + datetime.timedelta(days=(gemeente.kringavond - van.weekday()) % 7)
    while day <= tot:
        if (
            day not in skipped
            and not any(day in period for period in gemeente.vrij)
            and not any(day in held for held in gemeente.bijeenkomsten)
        ):
            days.append(day)
        day += 7 * DAY
    return Evenings(van, tot, tuple(days))


def spread(count: int, days: tuple[datetime.date, ...]) -> tuple[datetime.date, ...]:
    """`count` of the days, evenly apart, the first day first."""
    if count > len(days):
        raise ValueError(f"{count} gesprekken op {len(days)} avonden")
    return tuple(days[k * len(days) // count] for k in range(count))
