"""The website: every page, rendered from the finished Site with Jinja2.

Navigation, URLs, registers and previous/next are computed once here; each
page is then one template call. A page's HTML goes through the Linker, which
turns the Markdown renderer's link markers into links relative to that page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from focusbuild import artifacts
from focusbuild.artifacts import Urls
from focusbuild.bible import Reference
from focusbuild.diagnostics import opsomming
from focusbuild.downloads import Download
from focusbuild.model import (
    DEFAULT_COLOUR,
    Bijeenkomst,
    Blok,
    Gesprek,
    Katern,
    Site,
    Source,
    Traject,
    colour,
    song_name,
)
from focusbuild.nieuws.model import Event
from focusbuild.render.bodies import MARKER, Renderer
from focusbuild.render.links import Linker
from focusbuild.render.news import (
    ON_HOME,
    aanmeld_link,
    news_and_agenda,
    upcoming,
    voor_namen,
    when,
)
from focusbuild.render.pagefind import bundles, part_names
from focusbuild.render.registers import bible_register, song_register
from focusbuild.render.routekaart import routekaart
from focusbuild.render.templates import site_templates
from focusbuild.today import build_date

if TYPE_CHECKING:  # Jinja2 is loaded when the first page is made
    from jinja2 import Environment
    from jinja2.runtime import Context

#: The input name of the download list (sizes and page counts), see incremental.py.
DOWNLOADS_READ = "downloads"


#: The input name of the search index's parts, which the search page merges: where a part
#: ends follows from the lengths of the bodies, so an edit may add or remove one.
SEARCH_PARTS_READ = "zoekdelen"


def downloads_read(rel: str) -> str:
    """The input a page reads when it shows the downloads of the owner defined in `rel`."""
    return f"{DOWNLOADS_READ}:{rel}"


@dataclass(frozen=True)
class Deferred:
    """A value of a page's context that is computed when the page is rendered, not when
    the pages are listed: a build that reuses the page never computes it (the Bible
    register reads every body)."""

    make: Callable[[], Any]

    def __call__(self) -> Any:
        return self.make()


@dataclass(frozen=True)
class PageJob:
    template: str
    url: str
    context: dict[str, Any]
    reads: frozenset[str] = frozenset()  # inputs read to compute the context (registers)

    @property
    def product(self) -> str:
        """The page's name among the build's traces."""
        return f"page:{self.template}:{self.url}"


@dataclass(frozen=True)
class PageOut:
    url: str  # site-relative folder URL ("" = home) or a file name ("404.html")
    html: str
    media: tuple[str, ...] = ()  # content files (pictures) this page shows
    reads: tuple[str, ...] = ()  # inputs read while rendering (bodies, downloads)

    @property
    def path(self) -> str:
        return artifacts.page_path(self.url)


T = TypeVar("T")


@dataclass(frozen=True)
class Neighbours(Generic[T]):
    previous: T | None
    next: T | None


def in_series(items: Sequence[T]) -> Iterator[tuple[T, Neighbours[T]]]:
    """Each item of a series with the one before and after it (a gesprek's, a
    bijeenkomst's previous and next page)."""
    for i, item in enumerate(items):
        yield (
            item,
            Neighbours(
                items[i - 1] if i > 0 else None, items[i + 1] if i + 1 < len(items) else None
            ),
        )


@dataclass
class SiteRenderer:
    site: Site
    renderer: Renderer
    layouts: Path
    downloads: tuple[Download, ...] = ()
    compiled: Path | None = None  # where compiled templates are kept between builds
    day: datetime.date | None = None  # the build date (today.py): what is upcoming
    linker: Linker = field(init=False)

    def __post_init__(self) -> None:
        site = self.site
        self.today = build_date(self.day)
        self.linker = Linker.for_site(site)
        self.sources = self.linker.sources
        self.urls = Urls(site.config)
        self._neighbours = self._compute_neighbours()

    @cached_property
    def env(self) -> Environment:
        """The templates' environment, made when the first page is rendered: a build that
        renders no page does not load Jinja2."""
        from jinja2 import pass_context

        site, config = self.site, self.site.config
        env = site_templates(self.layouts, self.compiled)
        env.globals.update(
            search_parts=self.search_parts,
            site=site,
            config=config,
            link=pass_context(_link),
            urls=self.urls,
            opsomming=opsomming,
            body=self.body,
            bible_link=self.bible_link,
            onderdeel_naam=lambda term: config.onderdelen.name(term) if term else "",
            doelgroep_naam=config.doelgroepen.name,
            container=site.container,
            neighbours=self._neighbours.__getitem__,
            doelgroepen_of=self.doelgroepen_of,
            downloads_of=self.downloads_of,
            download_owners=self.download_owners,
            traject_naam=self.traject_naam,
            nav=self._nav(),
            menu_current=self.menu_current,
            kleur_stijl=self.kleur_stijl,
            partners=site.partners(),
            lied_naam=lambda song: song_name(config.bundels, song),
            bijbel_site=urlsplit(config.bijbellink.chapter).hostname or "",
            wanneer=when,
            marker=lambda rel: MARKER + quote(rel),
            source_title=self.source_title,
            voor_namen=self.voor_namen,
            aanmeld_link=aanmeld_link,
        )
        return env

    # ---- helpers the templates call -------------------------------------------------

    def body(self, source: Source) -> Markup:
        return Markup(self.renderer.render(source, leader=False).html)

    def bible_link(self, ref: Reference) -> str:
        links = self.site.config.bijbellink
        return ref.url(links.chapter, links.verse)

    def kleur(self, thing: Blok | Katern | Gesprek | Bijeenkomst | None) -> str:
        if isinstance(thing, Gesprek):
            thing = self.site.container(thing)
        return colour(thing) if thing is not None else DEFAULT_COLOUR

    def kleur_stijl(self, thing: Blok | Katern | Gesprek | Bijeenkomst | None) -> str:
        """CSS custom properties: the colour and a text colour readable on it."""
        colour = self.kleur(thing)
        return f"--kleur: {colour}; --kleur-tekst: {readable_on(colour)}"

    def doelgroepen_of(self, gesprek: Gesprek) -> tuple[str, ...]:
        """The doelgroepen other than the default with public material in this gesprek."""
        return tuple(
            t.id for t in self.site.config.doelgroepen.others if gesprek.sections_for(t.id)
        )

    def voor_namen(self, event: Event, *, in_zin: bool = False) -> str:
        """Whom an event is for: "Kerkenraden, Focusgroepen", or in a sentence (`in_zin`)
        "kerkenraden, Focusgroepen" (each term's `categorie`)."""
        return voor_namen(self.site.config, event, in_zin=in_zin)

    def source_title(self, rel: str) -> str:
        """How a blok or gesprek is named where news links to it (by its source file)."""
        for blok in self.site.blokken:
            if blok.source.rel == rel:
                return f"Blok {blok.number}: {blok.titel}"
        for gesprek in self.site.gesprekken():
            if gesprek.source.rel == rel:
                owner = self.site.container(gesprek)
                where = f"blok {owner.number}" if isinstance(owner, Blok) else owner.titel
                return f"{gesprek.titel} ({where})"
        return rel

    def traject_naam(self, kind: str, term: str) -> str:
        """The name of a soort, fase or voor of the traject ("blok3": "Blok 3")."""
        terms = self.site.config.traject
        assert terms is not None
        return terms.naam(kind, term)

    def downloads_of(self, owner: Blok | Katern | Bijeenkomst) -> tuple[Download, ...]:
        """One owner's downloads: a page that shows only these is made again only when
        they change, not when another blok's werkboek does."""
        self.renderer.recorder.read(downloads_read(owner.source.rel))
        return tuple(d for d in self.downloads if d.owner is owner)

    @cached_property
    def index_parts(self) -> list[str]:
        return part_names(bundles(self.site))

    def search_parts(self) -> list[str]:
        """The search index's parts besides the main one, which the search page merges."""
        self.renderer.recorder.read(SEARCH_PARTS_READ)
        return self.index_parts

    def listed_downloads(self) -> tuple[Download, ...]:
        self.renderer.recorder.read(DOWNLOADS_READ)
        return self.downloads

    @cached_property
    def _menu(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """The main menu, by address: its label, and the addresses its part of the site
        starts with (Blokken is an anchor on the home page; its part is the blokken)."""
        urls, site = self.urls, self.site
        items = [
            *([("Traject", urls.TRAJECT)] if site.traject is not None else []),
            ("Doelgroepen", urls.DOELGROEPEN),
            ("Katernen", urls.KATERNEN),
            ("Downloads", urls.DOWNLOADS),
            *([("Nieuws", urls.NIEUWS)] if site.nieuws else []),
            *([("Agenda", urls.AGENDA)] if site.agenda else []),
            *((p.titel, urls.page(p)) for p in site.menu_pages),
        ]
        blokken = tuple(urls.blok(b) for b in site.blokken)
        return {
            urls.HOME + "#blokken": ("Blokken", blokken),
            **{target: (label, (target,)) for label, target in items},
        }

    def _nav(self) -> dict[str, Any]:
        return {"menu": [(label, target) for target, (label, _) in self._menu.items()]}

    def menu_current(self, target: str, page_url: str) -> str | None:
        """The menu item's `aria-current`: "page" on its own page, "true" on a page in its
        part of the site (a gesprek is in Blokken, a news item in Nieuws), else None."""
        if target == page_url:
            return "page"
        return "true" if page_url.startswith(self._menu[target][1]) else None

    def _compute_neighbours(self) -> dict[str, Neighbours[Gesprek]]:
        """Previous/next run through all blokken in order; a katern is its own series."""
        series: list[list[Gesprek]] = [[g for b in self.site.blokken for g in b.gesprekken]]
        series += [list(k.gesprekken) for k in self.site.katernen]
        return {g.source.rel: around for items in series for g, around in in_series(items)}

    # ---- pages -----------------------------------------------------------------------

    def page(self, template: str, url: str, **context: Any) -> PageJob:
        return PageJob(template, url, context)

    def render(self, job: PageJob) -> PageOut:
        with self.renderer.recorder.recording() as reads:
            context = {k: v() if isinstance(v, Deferred) else v for k, v in job.context.items()}
            html = self.env.get_template(job.template).render(page_url=job.url, **context)
        media: set[str] = set()
        html = self.linker.rewrite(html, job.url, media)
        return PageOut(job.url, html, tuple(sorted(media)), tuple(sorted(reads | job.reads)))

    def pages(self) -> list[PageJob]:
        """Every page to write, computed once (navigation, registers) and rendered later.

        What a job's context read (the Bible register reads every body) is
        noted on the job, like what its template reads while rendering.
        """
        result: list[PageJob] = []
        jobs = self._pages()
        while True:
            with self.renderer.recorder.recording() as reads:
                job = next(jobs, None)
            if job is None:
                return result
            result.append(replace(job, reads=frozenset(reads)))

    def _pages(self) -> Iterator[PageJob]:
        site, urls = self.site, self.urls
        config = site.config
        default = config.doelgroepen.default
        yield self.page(
            "home.html",
            urls.HOME,
            routekaart=routekaart(site.blokken),
            nieuws=site.nieuws[:ON_HOME],
            agenda=upcoming(self)[:ON_HOME],
        )
        for blok in site.blokken:
            yield self.page("container.html", urls.blok(blok), c=blok)
        for gesprek in site.gesprekken():
            yield from self._gesprek_pages(gesprek)
        yield self.page("doelgroepen.html", urls.DOELGROEPEN)
        for term in config.doelgroepen.terms:
            yield self.page(
                "doelgroep.html", urls.doelgroep(term.id), term=term, groups=self.groups(term.id)
            )
        yield self.page("onderdelen.html", urls.ONDERDELEN)
        for term in config.onderdelen.terms:
            items = site.for_onderdeel(term.id)
            yield self.page(
                "onderdeel.html",
                urls.onderdeel(term.id),
                term=term,
                default_groups=[
                    (container, list(found))
                    for container, found in groupby(
                        ((g, s) for g, s in items if s.is_for(default)),
                        key=lambda item: site.container(item[0]),
                    )
                ],
                other_items=[(g, s) for g, s in items if not s.is_for(default)],
            )
        yield self.page("katernen.html", urls.KATERNEN)
        for katern in site.katernen:
            yield self.page("container.html", urls.katern(katern), c=katern)
        if site.traject is not None:
            yield self.page("traject.html", urls.TRAJECT, fasen=self.fasen(site.traject))
            for b, around in in_series(site.traject.public):
                yield self.page(
                    "bijeenkomst.html",
                    urls.bijeenkomst(b),
                    b=b,
                    vorige=around.previous,
                    volgende=around.next,
                )
        yield from news_and_agenda(self)
        yield self.page("downloads.html", urls.DOWNLOADS, downloads=self.listed_downloads())
        yield self.page(
            "bijbelregister.html",
            urls.BIJBELREGISTER,
            books=Deferred(partial(bible_register, site, self.renderer, self.sources)),
        )
        yield self.page(
            "liedregister.html", urls.LIEDREGISTER, bundles=song_register(site, self.sources)
        )
        yield self.page("zoeken.html", urls.ZOEKEN)
        for p in site.pages:
            yield self.page("pagina.html", urls.page(p), pagina=p)
        # A 404 page is served at any depth, so its links start from the site's root path.
        yield self.page(
            "404.html", artifacts.NOT_FOUND, absolute_root=urlsplit(config.basis_url).path
        )

    def _gesprek_pages(self, gesprek: Gesprek) -> Iterator[PageJob]:
        """A gesprek's own page (the default doelgroep's), then one per other doelgroep."""
        default = self.site.config.doelgroepen.default
        for doelgroep in (default, *self.doelgroepen_of(gesprek)):
            yield self.page(
                "gesprek.html",
                self.urls.gesprek(gesprek, doelgroep),
                gesprek=gesprek,
                doelgroep=doelgroep,
                sections=gesprek.sections_for(doelgroep),
            )

    def fasen(self, traject: Traject) -> list[tuple[str, str | None, list[Bijeenkomst]]]:
        """The public bijeenkomsten per fase, in the traject's order: the fasen of
        focus.yaml (voortraject, opstart), then the blokken."""
        terms = self.site.config.traject
        assert terms is not None
        order = [(t.id, t.naam, t.omschrijving) for t in terms.fasen.terms]
        order += [(b.slug, f"Blok {b.number}: {b.titel}", b.periode) for b in self.site.blokken]
        result = []
        for fase, naam, omschrijving in order:
            held = [b for b in traject.public if b.fase == fase]
            if held:
                result.append((naam, omschrijving, held))
        return result

    def download_owners(self) -> tuple[Blok | Katern | Bijeenkomst, ...]:
        """Everything with downloads: the blokken, the katernen, the traject's bijeenkomsten."""
        traject = self.site.traject.public if self.site.traject is not None else ()
        return (*self.site.owners, *traject)

    def groups(self, doelgroep: str) -> list[tuple[Blok | Katern, list[Gesprek]]]:
        """Per blok and katern, the gesprekken with public material for one doelgroep."""
        result: list[tuple[Blok | Katern, list[Gesprek]]] = []
        for c in self.site.owners:
            shown = [g for g in c.gesprekken if g.sections_for(doelgroep)]
            if shown:
                result.append((c, shown))
        return result


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def readable_on(colour: str) -> str:
    """White or near-black, whichever has the higher WCAG contrast on `colour`."""
    lum = _luminance(colour)
    white = 1.05 / (lum + 0.05)
    dark = (lum + 0.05) / (_luminance("#1d1d22") + 0.05)
    return "#ffffff" if white >= dark else "#1d1d22"


def _link(context: Context, to: str) -> str:
    """A link from the page being rendered to a site-relative URL."""
    root = context.get("absolute_root")
    if root is not None:
        return str(root) + to
    return artifacts.relative(str(context["page_url"]), to)
