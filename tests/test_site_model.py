"""Unit tests of the site's building blocks: URLs, links, the routekaart, colours."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from focusbuild import artifacts
from focusbuild.check import check_project
from focusbuild.downloads import Download, DownloadFile
from focusbuild.paths import LAYOUTS
from focusbuild.render.bodies import MARKER, Renderer
from focusbuild.render.links import Linker
from focusbuild.render.routekaart import routekaart
from focusbuild.render.site import SiteRenderer, readable_on
from tests.conftest import GESPREK, REPO, MakeProject, tiny_png


@pytest.mark.parametrize(
    ("page", "target", "link"),
    [
        ("", "blok1/", "blok1/"),
        ("blok1/", "blok1/kom-en-zie/", "kom-en-zie/"),
        ("blok1/kom-en-zie/", "blok2/", "../../blok2/"),
        ("blok1/kom-en-zie/", "", "../../"),
        ("blok1/kom-en-zie/", "blok1/kom-en-zie/#gebed", "#gebed"),
        ("blok1/kom-en-zie/groep-3-5/", "blok1/kom-en-zie/#gebed", "../#gebed"),
        ("doelgroepen/gezin/", "static/site.css", "../../static/site.css"),
        ("", "", "./"),
    ],
)
def test_links_between_pages_are_relative(page: str, target: str, link: str) -> None:
    assert artifacts.relative(page, target) == link


def test_routekaart_has_the_rest_months_as_gaps() -> None:
    result = check_project(REPO)
    assert result.site is not None
    years = routekaart(result.site.blokken)
    shown = [
        (year.label, [(s.period, s.blok.number if s.blok else None) for s in year.stretches])
        for year in years
    ]
    assert shown == [
        ("Opstart", [("november – december", 0)]),  # after the Focusdag and gemeenteavond
        (
            "Jaar 1",
            [
                ("januari – maart", 1),
                ("april – juni", 2),
                ("juli – augustus", None),
                ("september – november", 3),
                ("december", None),
            ],
        ),
        (
            "Jaar 2",
            [
                ("januari – maart", 4),
                ("april – juni", 5),
                ("juli – augustus", None),
                ("september – november", 6),
            ],
        ),
    ]


def test_md_links_become_page_links_from_every_depth(make_project: MakeProject) -> None:
    root = make_project(
        {f"{GESPREK}/gebed.md": "---\nonderdeel: gebed\n---\nLees [de studie](bijbelstudie.md).\n"}
    )
    result = check_project(root, renderer=Renderer)
    assert result.site is not None and result.renderer is not None
    gesprek = next(result.site.gesprekken())
    gebed = next(s for s in gesprek.sections if s.slug == "gebed")
    html = result.renderer.render(gebed.source, leader=False).html
    assert MARKER in html  # one rendering, resolved per page
    linker = Linker.for_site(result.site)
    assert 'href="#bijbelstudie"' in linker.rewrite(html, "blok1/kom-en-zie/", set())
    assert 'href="../../../blok1/kom-en-zie/#bijbelstudie"' in linker.rewrite(
        html, "onderdelen/gebed/x/", set()
    )


def test_pictures_are_copied_under_media(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project(
        {
            f"{GESPREK}/gebed.md": "---\nonderdeel: gebed\n---\n![Kaars](img/kaars.png)\n",
            f"{GESPREK}/img/kaars.png": tiny_png(),
        }
    )
    result = check_project(root, renderer=Renderer)
    assert result.site is not None and result.renderer is not None
    gebed = next(s for s in next(result.site.gesprekken()).sections if s.slug == "gebed")
    linker = Linker.for_site(result.site)
    media: set[str] = set()
    html = result.renderer.render(gebed.source, leader=False).html
    html = linker.rewrite(html, "blok1/x/", media)
    assert 'src="../../media/blok1/01-kom-en-zie/img/kaars.png"' in html
    assert media == {"blok1/01-kom-en-zie/img/kaars.png"}


@pytest.mark.parametrize(
    ("colour", "text"),
    [
        ("#1f6f8b", "#ffffff"),
        ("#5b4a8b", "#ffffff"),
        ("#f4e27a", "#1d1d22"),
        ("#ffffff", "#1d1d22"),
    ],
)
def test_text_on_a_blok_colour_stays_readable(colour: str, text: str) -> None:
    assert readable_on(colour) == text


def test_every_relative_link_resolves_to_its_target() -> None:
    pages = ["", "blok1/", "blok1/kom-en-zie/", "blok1/kom-en-zie/groep-3-5/", "404.html"]
    targets = [*pages, "blok2/x/", "static/site.css", "blok1/kom-en-zie/#gebed", "#top"]
    base = "https://example.org/sub/site/"
    for page in pages:
        for target in targets:
            link = artifacts.relative(page, target)
            assert urljoin(base + page, link) == base + target, (page, target, link)


def test_a_made_pdf_is_listed_with_size_and_pages(make_project: MakeProject) -> None:
    result = check_project(make_project(), renderer=Renderer)
    assert result.site is not None and result.renderer is not None
    blok = result.site.blokken[0]
    werkboek = next(p for p in result.site.config.publicaties if p.id == "werkboek")
    pdf = DownloadFile("pdf", "focus-blok-1-werkboek.pdf", size=1_572_864, pages=36)
    made = Download(werkboek, blok, (pdf,))
    pages = SiteRenderer(result.site, result.renderer, REPO / LAYOUTS, (made,))
    job = next(j for j in pages.pages() if j.url == artifacts.DOWNLOADS)
    html = pages.render(job).html
    assert 'href="focus-blok-1-werkboek.pdf"' in html
    assert "pdf, 1,5 MB, 36 blz." in html
