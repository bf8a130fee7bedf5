"""A gemeente's own programme: its booklets, its planner page, its calendar file.

From a `Plan` (the profile with every gesprek dated), this makes:
- an `Edition` of each werkboek and doelgroep booklet the gemeente uses, for
  the print templates: its name (and logo) on the cover, its voorwoord, only
  its gesprekken in its order, each with its date, its nadruk marked;
- the planner (`index.html`): a page that opens from disk, with the dated
  routekaart, every gesprek with its date and links, and the nadruk;
- the calendar (`.ics`, RFC 5545, with the icalendar library): one event per
  meeting in Europe/Amsterdam time, with a UID that stays the same when a
  date moves, so importing it again updates the events;
- the HTML of the jaarplanning, an A4 overview for the kerkenraad.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from focusbuild.artifacts import Urls, booklet_name
from focusbuild.gemeenten.calendar import DAY, feasts, year_of
from focusbuild.gemeenten.model import BlokPlan, Gathering, Gemeente, Meeting, Plan
from focusbuild.markdown import Markdown
from focusbuild.model import DEFAULT_COLOUR, Blok, Site, colour
from focusbuild.render import ical
from focusbuild.render.publications import Edition, Job, PrintRenderer, jobs, not_held, refs
from focusbuild.render.site import readable_on
from focusbuild.render.templates import dutch_date, environment
from focusbuild.today import TIMEZONE

#: How long a kring evening takes in the calendar when focus.yaml has no `avondduur`.
MEETING_MINUTES = 90


def nl_date(day: datetime.date, pattern: str = "EEEE d MMMM y") -> str:
    return dutch_date(day, pattern)


def when(gemeente: Gemeente, day: datetime.date) -> str:
    """'dinsdag 11 januari 2028, 20.00 uur' (without a time when the profile has none)."""
    time = f", {gemeente.tijd:%H.%M}\u00a0uur" if gemeente.tijd is not None else ""  # one line
    return nl_date(day) + time


def days_of(gathering: Gathering, *, short: bool = False) -> str:
    """'dinsdag 28 september 2027', or 'vrijdag 10 – zaterdag 11 september 2027' for a
    bijeenkomst of several days; `short` for the jaarplanning's column, under a heading
    with the year: 'dinsdag 28 september', 'vr 10 – za 11 september'."""
    van, tot = gathering.when.van, gathering.when.tot
    if van == tot:
        return nl_date(van, "EEEE d MMMM" if short else "EEEE d MMMM y")
    day = "EEE" if short else "EEEE"
    last = nl_date(tot, f"{day} d MMMM" if short else f"{day} d MMMM y")
    if van.year != tot.year and not short:
        return f"{nl_date(van, f'{day} d MMMM y')} – {last}"
    return f"{nl_date(van, f'{day} d' if van.month == tot.month else f'{day} d MMMM')} – {last}"


def time_of(gathering: Gathering) -> str:
    """', 19.45 uur' when the bijeenkomst has a time (', aanvang 19.30 uur' when it lasts
    several days: the time is its first day's), else nothing."""
    tijd = gathering.when.tijd
    if tijd is None:
        return ""
    start = "aanvang " if gathering.when.tot != gathering.when.van else ""
    return f", {start}{tijd:%H.%M}\u00a0uur"


def year_heading(jaar: int, year: int) -> str:
    """A year of the traject as the planner and the jaarplanning head it ("Eerste jaar
    2028"): `jaar` 0 is the autumn of the opstart, before it the voortraject."""
    if jaar < 0:
        return f"Voortraject {year}"
    names = {0: "Opstart", 1: "Eerste jaar", 2: "Tweede jaar"}
    return f"{names[jaar]} {year}" if jaar in names else str(year)


@dataclass(frozen=True)
class Row:
    """One line of the jaarplanning: a kringavond or a bijeenkomst of the traject."""

    day: datetime.date
    meeting: Meeting | None = None
    gathering: Gathering | None = None


@dataclass(frozen=True)
class Group:
    """The rows under one band of the jaarplanning: a blok's, with the bijeenkomsten in
    its weeks, or (`blok` None) bijeenkomsten between the blokken."""

    blok: Blok | None
    held: BlokPlan | None
    rows: tuple[Row, ...]

    @property
    def fase(self) -> str | None:
        """The fase its bijeenkomsten share, if they share one."""
        fasen = {row.gathering.bijeenkomst.fase for row in self.rows if row.gathering}
        return fasen.pop() if len(fasen) == 1 else None

    def band(self, site: Site) -> str:
        """The band over bijeenkomsten between the blokken: their fase when they share
        one that is not a blok's ("Voortraject", "Opstartfase")."""
        traject, fase = site.config.traject, self.fase
        if traject is not None and fase is not None and fase in traject.fasen.ids:
            return traject.fasen.name(fase)
        return "Bijeenkomsten van het traject"


def overview(site: Site, plan: Plan) -> list[tuple[str, list[Group]]]:
    """Both years in the order of their dates, per calendar year under its heading: each
    blok with the bijeenkomsten that fall in its weeks, and the other bijeenkomsten
    grouped between the blokken."""
    blokken = {b.number: b for b in site.blokken}
    inside: set[int] = set()
    entries: list[tuple[datetime.date, Group | Gathering]] = []
    for held in plan.blokken:
        during = [g for g in plan.gatherings if held.van <= g.when.van <= held.tot]
        inside.update(id(g) for g in during)
        rows = [Row(m.datum, meeting=m) for m in held.meetings]
        rows += [Row(g.when.van, gathering=g) for g in during]
        rows.sort(key=lambda r: r.day)
        entries.append((rows[0].day, Group(blokken[held.blok], held, tuple(rows))))
    entries += [(g.when.van, g) for g in plan.gatherings if id(g) not in inside]
    entries.sort(key=lambda e: e[0])
    years: dict[int, list[Group]] = {}
    for day, entry in entries:
        groups = years.setdefault(day.year, [])
        if isinstance(entry, Group):
            groups.append(entry)
        elif (
            groups
            and groups[-1].blok is None
            and (last_row := groups[-1].rows[-1].gathering) is not None
            and last_row.bijeenkomst.fase == entry.bijeenkomst.fase
        ):  # one band for bijeenkomsten of one fase in a row
            last = groups[-1]
            groups[-1] = Group(None, None, (*last.rows, Row(day, gathering=entry)))
        else:
            groups.append(Group(None, None, (Row(day, gathering=entry),)))
    start = plan.gemeente.startjaar
    traject = site.config.traject
    first = traject.fasen.terms[0] if traject is not None and traject.fasen.terms else None
    found = []
    for year, groups in sorted(years.items()):
        heading = year_heading(year - start + 1, year)
        # a voortraject evening in March stood under "Opstart 2027"
        if (
            year == start - 1
            and first is not None
            and any(g.blok is None and g.fase == first.id for g in groups)
        ):
            heading = f"{first.naam} en opstart {year}"
        found.append((heading, groups))
    return found


def span(first: datetime.date, last: datetime.date) -> str:
    """'11 januari – 29 februari 2028', '19 – 27 februari 2028' within one month, or
    with both years when they differ."""
    if first == last:
        return nl_date(first, "d MMMM y")
    if (first.year, first.month) == (last.year, last.month):
        start = nl_date(first, "d")
    else:
        start = nl_date(first, "d MMMM" if first.year == last.year else "d MMMM y")
    return f"{start} – {nl_date(last, 'd MMMM y')}"


@dataclass(frozen=True)
class Booklet:
    """One of a gemeente's booklets: the public publication it is an edition of."""

    job: Job
    edition: Edition


def _voorwoord(site: Site, gemeente: Gemeente) -> Markup | None:
    if gemeente.voorwoord is None:
        return None
    return Markup(
        Markdown(site.config.bijbellink, breaks=False).render(gemeente.voorwoord, leader=False).html
    )


def _contacts(gemeente: Gemeente) -> tuple[tuple[str, object], ...]:
    found: list[tuple[str, object]] = []
    if gemeente.trajectbegeleider is not None:
        found.append(("Trajectbegeleider", gemeente.trajectbegeleider))
    if gemeente.focusgroep is not None:
        found.append(("Focusgroep", gemeente.focusgroep))
    return tuple(found)


def booklets(site: Site, plan: Plan) -> list[Booklet]:
    """Every public per-blok publication the gemeente uses, as its own edition, for the
    blokken it holds: only its gesprekken, in its order, dated."""
    gemeente = plan.gemeente
    by_blok = {b.blok: b for b in plan.blokken}
    voorwoord = _voorwoord(site, gemeente)
    logo = _logo_uri(gemeente)
    found = []
    for job in jobs(site):
        blok = job.owner
        held = by_blok.get(blok.number) if isinstance(blok, Blok) else None
        publication = job.publication
        if held is None or not isinstance(blok, Blok) or not job.public or publication.handleiding:
            continue
        groups = [d for d in publication.doelgroepen if gemeente.uses(d)]
        contents = []
        for meeting in held.meetings:
            chosen = [(d, meeting.gesprek.sections_for(d)) for d in groups]
            shown = [(d, sections) for d, sections in chosen if sections]
            if shown:
                contents.append((meeting.gesprek, shown))
        if not contents:
            continue
        meetings = held.meetings
        edition = Edition(
            gemeente.naam,
            gemeente.plaats,
            span(meetings[0].datum, meetings[-1].datum),
            contents,
            {m.gesprek.source.rel: when(gemeente, m.datum) for m in meetings},
            frozenset(gemeente.nadruk),
            logo,
            voorwoord,
            _contacts(gemeente),
            not_held_in(blok, held),
        )
        found.append(Booklet(job, edition))
    return found


def jaarplanning_html(printer: PrintRenderer, plan: Plan) -> str:
    """The A4 overview of both years, for the kerkenraad."""
    template = printer.env.get_template("jaarplanning.html")
    return template.render(
        **_context(printer.site, plan),
        overview=overview(printer.site, plan),
        band=lambda group: group.band(printer.site),
        traject_kleur=(printer.site.traject and printer.site.traject.kleur) or DEFAULT_COLOUR,
        logo=_logo_uri(plan.gemeente),
    )


def _logo_uri(gemeente: Gemeente) -> str | None:
    """The gemeente's logo for the typesetter, which reads it where it is."""
    return gemeente.logo.as_uri() if gemeente.logo is not None else None


def not_held_in(blok: Blok, held: BlokPlan) -> str:
    """The sentence naming the blok's gesprekken the gemeente does not hold (`not_held`)."""
    holds = {m.gesprek for m in held.meetings}
    return not_held([g for g in blok.gesprekken if g not in holds])


def _context(site: Site, plan: Plan) -> dict[str, object]:
    """What the planner and the jaarplanning show, beyond the plan itself."""
    gemeente = plan.gemeente
    config = site.config
    blokken = {b.number: b for b in site.blokken}
    years: dict[int, list[tuple[Blok, BlokPlan]]] = {}
    for held in plan.blokken:
        blok = blokken[held.blok]
        years.setdefault(blok.jaar, []).append((blok, held))
    skipped = _skipped(plan)
    nadruk = [
        (config.onderdelen.name(t) if t in config.onderdelen.ids else config.doelgroepen.name(t))
        for t in gemeente.nadruk
    ]
    return {
        "plan": plan,
        "gemeente": gemeente,
        "config": config,
        "years": [(jaar, year_of(gemeente, jaar), items) for jaar, items in sorted(years.items())],
        "year_heading": year_heading,
        "gatherings": plan.gatherings,
        "days_of": days_of,
        "time_of": time_of,
        "voor": lambda g: config.traject.naam("voor", g.bijeenkomst.voor) if config.traject else "",
        "skipped": skipped,
        "nadruk": nadruk,
        "contacts": _contacts(gemeente),
        "when": lambda day: when(gemeente, day),
        "span": span,
        "nl_date": nl_date,
        "kleur": colour,
        "kleur_tekst": lambda b: readable_on(colour(b)),
        "leesbaar_op": readable_on,
        "refs": refs,
        "not_held": not_held_in,
    }


def _skipped(plan: Plan) -> list[tuple[datetime.date, str]]:
    """The gemeente's weekdays in its blokken's weeks without a kringavond: the feasts and
    the days of its bijeenkomsten, with their names."""
    gemeente = plan.gemeente
    taken: dict[datetime.date, str] = {}
    for gathering in plan.gatherings:
        day = gathering.when.van
        while day <= gathering.when.tot:
            taken.setdefault(day, gathering.bijeenkomst.titel)
            day += DAY
    for year in {held.van.year for held in plan.blokken}:
        taken.update(feasts(year))  # a feast is named as the feast
    return [
        (day, name)
        for day, name in sorted(taken.items())
        if day.weekday() == gemeente.kringavond
        and any(held.van <= day <= held.tot for held in plan.blokken)
    ]


class Planner:
    """The planner page of one gemeente (`index.html`), opening from disk."""

    def __init__(self, site: Site, layouts: Path, compiled: Path | None = None) -> None:
        self.site = site
        self.urls = Urls(site.config)
        self.base_url = site.config.basis_url.rstrip("/") + "/"
        self.env = environment([layouts / "gemeente", layouts / "shared"], compiled, reload=False)

    def html(self, plan: Plan, made: list[Booklet], logo: str | None, ics: str) -> str:
        config = self.site.config
        by_blok: dict[int, list[Booklet]] = {}
        for booklet in made:
            owner = booklet.job.owner
            if isinstance(owner, Blok):
                by_blok.setdefault(owner.number, []).append(booklet)
        context = _context(self.site, plan)
        return self.env.get_template("planner.html").render(
            **context,
            booklets=by_blok,
            booklet_name=booklet_name,
            logo=logo,
            ics=ics,
            web=lambda url: self.base_url + url,
            urls=self.urls,
            doelgroepen=[t for t in config.doelgroepen.terms if plan.gemeente.uses(t.id)],
            voorwoord=_voorwoord(self.site, plan.gemeente),
        )


def calendar(site: Site, plan: Plan, stamp: datetime.date) -> bytes:
    """The meetings as an iCalendar file (RFC 5545), in Europe/Amsterdam time."""
    import icalendar  # loaded only when a gemeente is built

    gemeente = plan.gemeente
    urls = Urls(site.config)
    base = site.config.basis_url.rstrip("/") + "/"
    zone = zoneinfo.ZoneInfo(TIMEZONE)
    book = ical.calendar(site.config, f"{site.config.titel} – {gemeente.naam}")
    minutes = site.config.avondduur or MEETING_MINUTES
    for meeting in plan.meetings:
        url = base + urls.gesprek(meeting.gesprek)
        uid = f"{gemeente.slug}-blok{meeting.blok}-{meeting.gesprek.slug}@{ical.host(site.config)}"
        event = ical.stamped(icalendar.Event(), uid, stamp)
        book.add_component(_event(event, gemeente, meeting, zone, url, minutes))
    for gathering in plan.gatherings:
        b = gathering.bijeenkomst
        uid = f"{gemeente.slug}-{b.slug}@{ical.host(site.config)}"
        event = ical.stamped(icalendar.Event(), uid, stamp)
        online = None if b.handleiding else base + urls.bijeenkomst(b)
        book.add_component(_gathering(event, site, gathering, zone, online))
    days = [m.datum for m in plan.meetings] + [g.when.van for g in plan.gatherings]
    timed = gemeente.tijd is not None or any(_timed(g) for g in plan.gatherings)
    return ical.finished(book, days, timed=timed)


#: How long a bijeenkomst of one day with a time but no `duur` takes in the calendar.
GATHERING_MINUTES = 120


def _timed(gathering: Gathering) -> bool:
    """Whether a bijeenkomst is an event at a time: one day, with a time. One of several
    days (a weekend) fills whole days, its time in the description."""
    return gathering.when.tijd is not None and gathering.when.van == gathering.when.tot


def _gathering(
    event: Any, site: Site, gathering: Gathering, zone: zoneinfo.ZoneInfo, url: str | None
) -> Any:
    """A bijeenkomst of the traject as a VEVENT, its UID naming the gemeente and the
    bijeenkomst, not the date."""
    b, when = gathering.bijeenkomst, gathering.when
    if _timed(gathering):
        assert when.tijd is not None
        start = datetime.datetime.combine(when.van, when.tijd, zone)
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(minutes=b.duur or GATHERING_MINUTES))
    else:
        event.add("dtstart", when.van)
        event.add("dtend", when.tot + DAY)
    event.add("summary", f"Focus: {b.titel}")
    traject = site.config.traject
    words = [f"Voor {traject.naam('voor', b.voor).lower()}." if traject else ""]
    if when.tijd is not None and not _timed(gathering):
        words.append(f"Aanvang {when.tijd:%H.%M} uur.")
    if b.samenvatting and not b.handleiding:
        words.append(b.samenvatting)
    if url is not None:
        words.append(f"Online: {url}")
        event.add("url", url)
    event.add("description", " ".join(w for w in words if w))
    event.add("categories", ["Focus"])
    return event


def _event(
    event: Any,
    gemeente: Gemeente,
    meeting: Meeting,
    zone: zoneinfo.ZoneInfo,
    url: str,
    minutes: int,
) -> Any:
    """One meeting as a VEVENT (its UID names the gemeente and the gesprek, not the date),
    as long as a kring evening (`avondduur`)."""
    gesprek = meeting.gesprek
    if gemeente.tijd is not None:
        start = datetime.datetime.combine(meeting.datum, gemeente.tijd, zone)
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(minutes=minutes))
    else:
        event.add("dtstart", meeting.datum)
        event.add("dtend", meeting.datum + datetime.timedelta(days=1))
    event.add("summary", f"Focus: {gesprek.titel}")
    event.add(
        "description",
        f"Blok {meeting.blok}, gesprek {gesprek.number}: {gesprek.titel}. "
        f"Bijbelgedeelte: {refs(gesprek.bijbelgedeelte)}. Online: {url}",
    )
    event.add("url", url)
    event.add("categories", ["Focus"])
    return event
