"""The shipped curriculum: complete, sizeable and free of repeated text."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest
from click.testing import CliRunner

from focusbuild.check import CheckResult, check_project
from focusbuild.cli import cli
from focusbuild.model import Gesprek, Site, Source
from focusbuild.render.bodies import Renderer
from tests.conftest import REPO

GESPREKKEN_PER_BLOK = {0: 2, 1: 3, 2: 3, 3: 3, 4: 3, 5: 4, 6: 3}
DOELGROEPEN = ("groep-3-5", "groep-6-8", "12-16", "16-plus", "gezin", "vergaderopening")
YOUTH = ("groep-3-5", "groep-6-8", "12-16", "16-plus")
PAGES = (
    "over-focus",
    "kernwaarden",
    "hoe-werkt-het",
    "voortraject-en-opstart",
    "voor-de-kerkenraad",
    "contact",
)


@cache
def checked() -> CheckResult:
    return check_project(REPO, renderer=Renderer)


def site() -> Site:
    result = checked()
    assert result.site is not None, "\n".join(d.human() for d in result.diagnostics)
    return result.site


def words(source: Source) -> int:
    return len(re.findall(r"\w+", source.body))


def all_sources() -> list[Source]:
    s = site()
    sources = [b.source for b in s.blokken] + [k.source for k in s.katernen]
    sources += [p.source for p in s.pages] + ([s.home.source] if s.home else [])
    for gesprek in s.gesprekken():
        sources.append(gesprek.source)
        sources.extend(section.source for section in gesprek.sections)
    return sources


def blok_gesprekken() -> list[Gesprek]:
    return [g for b in site().blokken for g in b.gesprekken]


def test_check_strict_passes_on_the_repository() -> None:
    result = CliRunner().invoke(cli, ["check", "-p", str(REPO), "--strict"])
    assert result.exit_code == 0, result.output


def test_gesprekken_per_blok_and_katern() -> None:
    counts = {b.number: len(b.gesprekken) for b in site().blokken}
    assert counts == GESPREKKEN_PER_BLOK
    katernen = {k.slug: len(k.gesprekken) for k in site().katernen}
    assert katernen["gebed"] == 2
    assert katernen["geloof-en-werk"] in (2, 3)
    assert "Johannes 15:1-8" in [
        str(r) for g in site().blok(6).gesprekken for r in g.bijbelgedeelte
    ]


def test_blokken_follow_the_calendar() -> None:
    expected = {
        0: (0, (11, 12)),  # after the Focusdag (October) and the gemeenteavond
        1: (1, (1, 2, 3)),
        2: (1, (4, 5, 6)),
        3: (1, (9, 10, 11)),
        4: (2, (1, 2, 3)),
        5: (2, (4, 5, 6)),
        6: (2, (9, 10, 11)),
    }
    for blok in site().blokken:
        assert (blok.jaar, blok.maanden) == expected[blok.number], blok.titel
        assert blok.kleur is not None
        assert 150 <= words(blok.source) <= 320, (blok.titel, words(blok.source))


@pytest.mark.parametrize("number", sorted(GESPREKKEN_PER_BLOK))
def test_every_blok_gesprek_is_complete(number: int) -> None:
    onderdelen = site().config.onderdelen.ids
    for gesprek in site().blok(number).gesprekken:
        kring = {o for s in gesprek.sections_for("kring") for o in s.onderdelen}
        assert kring == set(onderdelen), gesprek.titel
        for doelgroep in DOELGROEPEN:
            sections = gesprek.sections_for(doelgroep)
            assert sections, (gesprek.titel, doelgroep)
            if doelgroep in YOUTH:  # a leader can run it: aim, time, materials, a psalm
                for s in sections:
                    assert s.doel and s.tijd and s.benodigdheden, s.source.rel
                    assert [song.bundel for song in s.liederen] == ["Ps"], s.source.rel
        assert gesprek.leader_sections, f"{gesprek.titel}: geen achtergrond voor de leiding"
        evening = gesprek.sections_for("kring")
        assert sum(s.duur or 0 for s in evening) == 90, gesprek.titel  # one kring evening
        (study,) = [s for s in evening if s.onderdeel == "bijbelstudie"]
        assert "::: handleiding" in study.source.body, gesprek.titel
        assert words(study.source) >= 400, (gesprek.titel, words(study.source))
        public = re.sub(r"^::: handleiding.*?^:::$", "", study.source.body, flags=re.M | re.S)
        questions = re.findall(r"^\d+\. ", public, flags=re.MULTILINE)
        assert 4 <= len(questions) <= 6, (gesprek.titel, len(questions))  # sized to 40 minutes
        assert gesprek.samenvatting, gesprek.titel


def test_world_church_story_in_every_blok() -> None:
    for blok in site().blokken:
        stories = [s for g in blok.gesprekken for s in g.sections_of("verhalen-delen") if s.land]
        assert stories, blok.titel


def test_invented_stories_say_so_and_claim_no_film_or_partner() -> None:
    films = re.compile(r"filmportret|\b(in|bekijk|kijk naar) (het|de) film", re.IGNORECASE)
    for _, s in site().sections():
        if s.onderdeel == "verhalen-delen" and not s.handleiding:
            assert s.voorbeeld, s.source.rel  # every shipped testimony is invented
        assert s.partner is None, s.source.rel  # partners are credited for the programme
        assert s.video is None and not films.search(s.source.body), s.source.rel
    for page in site().pages:
        assert not films.search(page.source.body), page.slug


def test_katern_gesprekken_have_the_kring_onderdelen() -> None:
    onderdelen = set(site().config.onderdelen.ids)
    for katern in site().katernen:
        assert words(katern.source) >= 150, katern.titel
        for gesprek in katern.gesprekken:
            kring = {o for s in gesprek.sections_for("kring") for o in s.onderdelen}
            assert kring == onderdelen, gesprek.titel


def test_every_section_has_at_least_120_words() -> None:
    short = [(s.source.rel, words(s.source)) for _, s in site().sections() if words(s.source) < 120]
    assert short == []


def test_free_pages() -> None:
    pages = {p.slug: p for p in site().pages}
    assert set(PAGES) <= set(pages)
    for slug in PAGES:
        least = 150 if slug == "contact" else 300  # contact: the Focusteam's details
        assert least <= words(pages[slug].source) <= 800, (slug, words(pages[slug].source))
    assert site().home is not None and words(site().home.source) >= 200  # type: ignore[union-attr]
    assert site().menu_pages


def test_size_of_the_curriculum() -> None:
    total = sum(words(source) for source in all_sources())
    assert total >= 40_000, total


def test_no_paragraph_appears_twice() -> None:
    paragraphs: Counter[str] = Counter()
    for source in all_sources():
        # Container fences are markup, not text: a printed stanza counts like any paragraph.
        body = re.sub(r"^:::.*$", "", source.body, flags=re.M)
        for block in re.split(r"\n\s*\n", body):
            text = " ".join(block.split())
            if len(text.split()) >= 8 and not text.startswith("#"):
                paragraphs[text] += 1
    repeated = [p[:80] for p, n in paragraphs.items() if n > 1]
    assert repeated == []


def test_songs_are_psalms_with_known_numbers() -> None:
    for song in site().songs:
        assert song.bundel in ("Ps", "LB"), song
        assert 1 <= song.nummer <= 150, song
        # a title is a checked first line, or just the number: never a guess
        assert song.titel == f"Psalm {song.nummer}" or not song.titel.startswith("Psalm"), song
    named = {song.key: song.titel for song in site().songs}
    assert named[("Ps", 68, "10")] == "Geloofd zij God met diep ontzag"


def test_leader_notes_never_reach_the_public_rendering() -> None:
    result = checked()
    assert result.renderer is not None
    markdown = result.renderer.markdown
    compared = 0
    for _, section in site().sections():
        public = result.renderer.render(section.source, leader=False).html
        for note in re.findall(
            r"^::: handleiding\n(.*?)^:::$", section.source.body, flags=re.M | re.S
        ):
            # The note's own paragraphs, rendered as HTML the way they would leak.
            note_html = markdown.render(note, leader=False).html
            for paragraph in re.findall(r"<p>(.*?)</p>", note_html, flags=re.S):
                if len(paragraph.split()) >= 6:
                    assert paragraph not in public, (section.source.rel, paragraph[:60])
                    compared += 1
        assert "Voor de leiding" not in public
    assert compared >= 30
