"""The repository's own site: every part of the curriculum has its page."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from focusbuild.build import Request, build
from focusbuild.check import check_project
from focusbuild.model import Site
from tests.conftest import REPO, repo_urls

urls = repo_urls()


@cache
def built(tmp: Path) -> Path:
    report = build(REPO, Request(targets=frozenset({"site"}), output=tmp))
    assert report.ok
    return tmp / "site"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("repo-site"))


@pytest.fixture(scope="module")
def site() -> Site:
    result = check_project(REPO)
    assert result.site is not None
    return result.site


def expected_pages(site: Site) -> list[str]:
    config = site.config
    pages = [urls.HOME, urls.DOELGROEPEN, urls.ONDERDELEN, urls.KATERNEN, urls.DOWNLOADS]
    pages += [urls.blok(b) for b in site.blokken]
    pages += [urls.katern(k) for k in site.katernen]
    pages += [urls.doelgroep(d) for d in config.doelgroepen.ids]
    pages += [urls.onderdeel(o) for o in config.onderdelen.ids]
    pages += [urls.page(p) for p in site.pages]
    for gesprek in site.gesprekken():
        for doelgroep in config.doelgroepen.ids:
            if gesprek.sections_for(doelgroep):
                pages.append(urls.gesprek(gesprek, doelgroep))
    return pages


def test_every_part_of_the_curriculum_has_a_page(site: Site, site_dir: Path) -> None:
    pages = expected_pages(site)
    assert len(pages) > 150
    assert [p for p in pages if not (site_dir / p / "index.html").is_file()] == []


def test_every_public_section_is_on_its_gesprek_page(site: Site, site_dir: Path) -> None:
    missing = []
    for gesprek, section in site.sections():
        if section.handleiding:
            continue
        page, _, anchor = urls.section_home(gesprek, section).partition("#")
        html = (site_dir / page / "index.html").read_text(encoding="utf-8")
        if f'id="{anchor}"' not in html:
            missing.append(section.source.rel)
    assert missing == []


def test_the_bible_register_is_in_canonical_order(site_dir: Path) -> None:
    html = (site_dir / urls.BIJBELREGISTER / "index.html").read_text(encoding="utf-8")
    order = [html.index(f'id="{book}"') for book in ("ezr", "psa", "mat", "jhn", "rev")]
    assert order == sorted(order)


def test_the_song_register_lists_psalms_in_number_order(site_dir: Path) -> None:
    html = (site_dir / urls.LIEDREGISTER / "index.html").read_text(encoding="utf-8")
    found = re.findall(r"<dt><b>Psalm (\d+)(?::(\d+)[^<]*)?</b>", html)
    numbers = [(int(n), int(v or 0)) for n, v in found]
    assert len(numbers) > 20
    assert numbers == sorted(numbers)
    # a verse is named with its first line, as the house style asks
    assert "<b>Psalm 68:10</b> — Geloofd zij God met diep ontzag" in html
