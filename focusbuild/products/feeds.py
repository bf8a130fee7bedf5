"""The site's feeds: the news as Atom (`nieuws/atom.xml`) and the agenda as calendar
files (`agenda/focus-agenda.ics`, and one per event beside its page).

They are reused by their trace (the news bodies they show, the build date and the
skeleton: titles, dates, places); their bytes are their signature, so an unchanged
feed is not written.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache import fingerprint
from focusbuild.diagnostics import count
from focusbuild.nieuws.feeds import agenda_calendar, atom
from focusbuild.nieuws.model import NewsItem
from focusbuild.products.base import Outcome, Placement, Product, Report
from focusbuild.render.news import TODAY_READ


@dataclass
class FeedsReport(Report):
    news: int
    events: int

    def lines(self, where: str) -> list[str]:
        found = []
        if self.news:
            found.append(f"nieuwsfeed met {count(self.news, 'bericht', 'berichten')}")
        if self.events:
            found.append(f"agenda met {count(self.events, 'activiteit', 'activiteiten')} als .ics")
        return [f"Feeds klaar: {', '.join(found)}."] if found else []


COLOPHON_READ = "colofon"


class Feeds(Product):
    name = "feeds"
    target = "site"
    label = "de website"

    def plan(self) -> list[Artifact]:
        site, urls = self.build.site, self.build.urls
        found = [artifacts.public(artifacts.ATOM)] if site.nieuws else []
        if site.agenda:
            found.append(artifacts.public(artifacts.AGENDA_ICS))
            found += [artifacts.public(urls.event_ics(e)) for e in site.agenda]
        return found

    def make(self) -> Outcome:
        started = time.perf_counter()
        build = self.build
        traces = build.traces(self.name)
        # the calendars' DTSTAMP is the colophon's date (from git): an input as well
        build.inputs.set(COLOPHON_READ, repr(sorted(build.colophon.items())))
        trace = traces.lookup(self.name)
        made: dict[str, bytes] | None = trace.payload if trace is not None else None
        if made is None:
            with build.renderer.recorder.recording() as reads:
                made = self._feeds()
            traces.record(self.name, [*reads, TODAY_READ, COLOPHON_READ], made)
        placements = [Placement(artifacts.public(rel), data=data) for rel, data in made.items()]
        signature = [f"{p.artifact.rel}={fingerprint.digest(p.data or b'')}" for p in placements]
        site = build.site
        report = FeedsReport(min(len(site.nieuws), 20), len(site.agenda))
        report.seconds = time.perf_counter() - started
        return Outcome(placements, True, signature, report)

    def _feeds(self) -> dict[str, bytes]:
        """The feeds' files, by their path in the site."""
        build = self.build
        site, urls = build.site, build.urls
        made: dict[str, bytes] = {}
        if site.nieuws:
            made[artifacts.ATOM] = atom(site, self._body)
        if site.agenda:
            stamp = datetime.date.fromisoformat(build.colophon.get("date") or "1980-01-01")
            made[artifacts.AGENDA_ICS] = agenda_calendar(
                site, site.agenda, f"{site.config.titel}: agenda", stamp
            )
            for event in site.agenda:
                one = agenda_calendar(site, (event,), event.labelled_title, stamp)
                made[urls.event_ics(event)] = one
        return made

    def _body(self, item: NewsItem) -> str:
        """A news item's public text, with its picture, every link absolute."""
        build = self.build
        base = build.site.config.basis_url
        html = build.linker.rewrite_absolute(
            build.renderer.render(item.source, leader=False).html, base
        )
        picture = item.afbeelding
        inner = build.linker.publishable(picture.rel) if picture is not None else None
        if picture is None or inner is None:
            return html
        url = escape(base + artifacts.media(quote(inner)))
        return f'<p><img src="{url}" alt="{escape(picture.alt)}"></p>{html}'
