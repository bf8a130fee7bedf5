"""Each gemeente's own programme, in `OUTPUT/gemeenten/SLUG/`, built on request.

`focusbuild build --gemeente SLUG` (or `--gemeenten` for all) makes, per
profile in `gemeenten/`:
- its werkboeken and doelgroep booklets (`focus-blok-1-werkboek.pdf`, …):
  editions of the public publications with the gemeente's name on the cover,
  its voorwoord, only its gesprekken in its order, each dated, its nadruk
  marked;
- `jaarplanning.pdf`, an A4 overview for the kerkenraad;
- `focus-SLUG.ics`, every meeting as a calendar event;
- `index.html`, the planner, which opens from disk.

Nothing of a profile reaches `OUTPUT/site`: this product is the only one that
sees the profiles, and it writes to the gemeente's own folder only
(`artifacts.Audience.GEMEENTEN`). Its PDFs are reused like the public ones: by
their trace (the texts they show and the profile), else by their HTML. The
cache keeps the PDFs of this build and those the other gemeenten's last builds
used; a removed profile's PDFs (its name, its contacts) go with it.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache import fingerprint
from focusbuild.cache.pdfs import PdfStore
from focusbuild.cache.traces import Inputs
from focusbuild.diagnostics import count, made_and_reused, seconden
from focusbuild.gemeenten.model import Plan
from focusbuild.gemeenten.profiles import FOLDER
from focusbuild.products.base import Outcome, Placement, Product, Report
from focusbuild.products.pdf import Publications
from focusbuild.products.typesetting import Made, PrintJob, Typesetter, placements, salt
from focusbuild.render.gemeente import Booklet, Planner, booklets, calendar, jaarplanning_html

PLANNER = "index.html"
JAARPLANNING = "jaarplanning.pdf"


def ics_name(plan: Plan) -> str:
    return f"focus-{plan.gemeente.slug}.ics"


def logo_name(plan: Plan) -> str | None:
    logo = plan.gemeente.logo
    return f"logo{logo.suffix.lower()}" if logo is not None else None


@dataclass
class GemeentenReport(Report):
    gemeenten: list[str] = field(default_factory=list)
    made: list[Made] = field(default_factory=list)

    def lines(self, where: str) -> list[str]:
        fresh = sum(1 for m in self.made if not m.reused)
        names = ", ".join(self.gemeenten)
        return [
            f"Gemeenten klaar in {seconden(self.seconds)}: {names} in {where}/{FOLDER}; "
            + count(len(self.made), "pdf", "pdf's")
            + f" {made_and_reused(fresh, len(self.made))}."
        ]


class Gemeenten(Product):
    name = "gemeenten"
    target = "gemeenten"
    typesets = True
    label = "de programma's per gemeente (met --gemeente alleen die; anders elke gemeente)"
    default = False

    @cached_property
    def booklets(self) -> dict[str, list[Booklet]]:
        return {plan.gemeente.slug: booklets(self.build.site, plan) for plan in self.build.plans}

    def chosen(self) -> list[Plan]:
        """The gemeenten this build makes: those asked for, or all."""
        wanted = self.build.request.gemeenten
        return [p for p in self.build.plans if wanted is None or p.gemeente.slug in wanted]

    def plan(self) -> list[Artifact]:
        found = []
        for plan in self.build.plans:
            slug = plan.gemeente.slug
            names = [PLANNER, JAARPLANNING, ics_name(plan)]
            logo = logo_name(plan)
            if logo is not None:
                names.append(logo)
            for booklet in self.booklets[slug]:
                names.append(booklet.job.filename)
                if booklet.job.publication.boekje:
                    names.append(artifacts.booklet_name(booklet.job.filename))
            found += [artifacts.gemeente(slug, name) for name in names]
        return found

    def make(self) -> Outcome:
        started = time.perf_counter()
        build = self.build
        printer = Publications(build).printer()
        traces = build.traces(self.name)
        store = PdfStore(build.cached / self.name)
        salted = salt(printer)
        todo: list[PrintJob] = []
        editions = {}
        for plan in self.chosen():
            slug = plan.gemeente.slug
            reads = _reads(plan, build.inputs)
            for booklet in self.booklets[slug]:
                artifact = artifacts.gemeente(slug, booklet.job.filename)
                job = PrintJob(
                    _product(artifact, salted),
                    artifact,
                    booklet.job.publication.boekje,
                    booklet.job,
                    reads,
                )
                editions[job.product] = booklet
                todo.append(job)
            artifact = artifacts.gemeente(slug, JAARPLANNING)
            todo.append(PrintJob(_product(artifact, salted), artifact, reads=reads))
        plans = {p.gemeente.slug: p for p in self.chosen()}

        def html(job: PrintJob) -> str:
            edition = editions.get(job.product)
            if edition is not None:
                return printer.html(edition.job, edition.edition)
            return jaarplanning_html(printer, plans[job.artifact.path.split("/", 1)[0]])

        made = Typesetter(build, store, traces, printer, html, build.request.progress).make(todo)
        # the PDFs of the gemeenten not asked for stay for their next build; the cache
        # forgets the rest, and so does not grow with every edit
        others = {p.gemeente.slug for p in build.plans} - plans.keys()
        carried = traces.carry_where(lambda product: _gemeente_of(product) in others)
        store.keep_stored([str(trace.payload) for trace in carried])
        store.keep_used([(m.key, m.booklet is not None) for m in made])
        found = placements(made) + self._pages(plans.values())
        report = GemeentenReport(list(plans), made)
        report.seconds = time.perf_counter() - started
        signature = [m.key for m in made] + [
            f"{p.artifact.rel}={fingerprint.digest(p.data)}" for p in found if p.data is not None
        ]
        return Outcome(found, all(m.reused for m in made), signature, report)

    def _pages(self, plans: Iterable[Plan]) -> list[Placement]:
        """Per gemeente: the planner, the calendar and the logo (cheap: always made)."""
        build = self.build
        planner = Planner(build.site, build.layouts, build.cached / "templates" / "gemeente")
        stamp = datetime.date.fromisoformat(build.colophon.get("date") or "1980-01-01")
        found = []
        for plan in plans:
            slug = plan.gemeente.slug
            logo = logo_name(plan)
            html = planner.html(plan, self.booklets[slug], logo, ics_name(plan))
            found.append(Placement(artifacts.gemeente(slug, PLANNER), data=html.encode("utf-8")))
            ics = calendar(build.site, plan, stamp)
            found.append(Placement(artifacts.gemeente(slug, ics_name(plan)), data=ics))
            if logo is not None:
                found.append(
                    Placement(artifacts.gemeente(slug, logo), plan.gemeente.logo, copy=True)
                )
        return found


def _product(artifact: Artifact, salted: str) -> str:
    """The name a gemeente's PDF has among the traces (`_gemeente_of` reads it back)."""
    return f"gemeente:{artifact.path}:{salted}"


def _gemeente_of(product: str) -> str:
    """The slug of the gemeente a PDF's trace belongs to (see `_product`)."""
    return product.split(":", 2)[1].split("/", 1)[0]


def _reads(plan: Plan, inputs: Inputs) -> tuple[str, ...]:
    """What a gemeente's PDFs depend on besides the texts they show: the profile, the logo."""
    gemeente = plan.gemeente
    names = [inputs.file(gemeente.source)]
    if gemeente.logo is not None:
        names.append(inputs.file(gemeente.logo))
    return tuple(names)
