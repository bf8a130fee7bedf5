"""The routekaart: the two-year traject as a row of months, blokken and rest periods."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from focusbuild.model import Blok


@cache
def _month(number: int) -> str:
    """The Dutch name of a month, 1 = januari (babel's locale data, read on first use)."""
    from babel.dates import get_month_names

    return str(get_month_names("wide", locale="nl")[number])


@dataclass(frozen=True)
class Stretch:
    """Consecutive months of one year: a blok, or a rest (blok None)."""

    jaar: int
    maanden: tuple[int, ...]
    blok: Blok | None

    @property
    def period(self) -> str:
        first, last = _month(self.maanden[0]), _month(self.maanden[-1])
        return first if first == last else f"{first} – {last}"


@dataclass(frozen=True)
class Year:
    jaar: int
    stretches: tuple[Stretch, ...]

    @property
    def label(self) -> str:
        return "Opstart" if self.jaar == 0 else f"Jaar {self.jaar}"


def routekaart(blokken: tuple[Blok, ...]) -> tuple[Year, ...]:
    """From the first blok month to the last, every month is a blok or a rest."""
    by_month = {(b.jaar, m): b for b in blokken for m in b.maanden}
    if not by_month:
        return ()
    first, last = min(by_month), max(by_month)
    years = []
    for jaar in range(first[0], last[0] + 1):
        start = first[1] if jaar == first[0] else 1
        end = last[1] if jaar == last[0] else 12
        stretches: list[Stretch] = []
        for month in range(start, end + 1):
            blok = by_month.get((jaar, month))
            if stretches and stretches[-1].blok is blok:
                previous = stretches[-1]
                stretches[-1] = Stretch(jaar, (*previous.maanden, month), blok)
            else:
                stretches.append(Stretch(jaar, (month,), blok))
        years.append(Year(jaar, tuple(stretches)))
    return tuple(years)
