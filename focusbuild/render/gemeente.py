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
from focusbuild.gemeenten.calendar import feasts, year_of
from focusbuild.gemeenten.model import BlokPlan, Gemeente, Meeting, Plan
from focusbuild.markdown import Markdown
from focusbuild.model import Blok, Site, colour
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
    return template.render(**_context(printer.site, plan), logo=_logo_uri(plan.gemeente))


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
    skipped = []
    for held in plan.blokken:
        for day, name in sorted(feasts(held.van.year).items()):
            if held.van <= day <= held.tot and day.weekday() == gemeente.kringavond:
                skipped.append((day, name))
    nadruk = [
        (config.onderdelen.name(t) if t in config.onderdelen.ids else config.doelgroepen.name(t))
        for t in gemeente.nadruk
    ]
    return {
        "plan": plan,
        "gemeente": gemeente,
        "config": config,
        "years": [(jaar, year_of(gemeente, jaar), items) for jaar, items in sorted(years.items())],
        "skipped": skipped,
        "nadruk": nadruk,
        "contacts": _contacts(gemeente),
        "when": lambda day: when(gemeente, day),
        "span": span,
        "nl_date": nl_date,
        "kleur": colour,
        "kleur_tekst": lambda b: readable_on(colour(b)),
        "refs": refs,
        "not_held": not_held_in,
    }


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
    days = [m.datum for m in plan.meetings]
    return ical.finished(book, days, timed=gemeente.tijd is not None)


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
