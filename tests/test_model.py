"""Queries on the model that every output relies on."""

from __future__ import annotations

from focusbuild.check import check_project
from focusbuild.model import Site
from focusbuild.render.bodies import Renderer
from tests.conftest import GESPREK, MakeProject


def site_of(make_project: MakeProject, files: dict[str, str | bytes | None] | None = None) -> Site:
    result = check_project(make_project(files))
    assert result.site is not None, [d.human() for d in result.diagnostics]
    return result.site


def test_sections_come_in_configured_onderdeel_order(make_project: MakeProject) -> None:
    site = site_of(make_project)
    gesprek = next(site.gesprekken())
    assert [s.onderdeel for s in gesprek.sections_for("kring")] == [
        "lied",
        "bijbelstudie",
        "verhalen-delen",
        "gebed",
        "in-beweging",
        "delen-en-dienen",
    ]
    assert gesprek.sections_for("kring")[0].titel == "Lied"


def test_default_title_names_the_doelgroep(make_project: MakeProject) -> None:
    gesprek = next(site_of(make_project).gesprekken())
    (section,) = gesprek.sections_for("groep-3-5")
    assert section.titel == "Bijbelstudie – Groep 3-5"
    assert section.onderdelen == ("bijbelstudie", "gebed")


def test_leader_only_sections_are_kept_apart(make_project: MakeProject) -> None:
    site = site_of(make_project)
    gesprek = next(site.gesprekken())
    assert [s.slug for s in gesprek.leader_sections] == ["achtergrond"]
    assert "achtergrond" not in [s.slug for s in gesprek.sections_for("kring")]
    assert "achtergrond" in [s.slug for s in gesprek.sections_for("kring", leader=True)]
    assert [s.slug for _, s in site.leader_only()] == ["achtergrond"]
    assert all(not s.handleiding for _, s in site.for_onderdeel("bijbelstudie"))


def test_queries_across_the_curriculum(make_project: MakeProject) -> None:
    site = site_of(
        make_project,
        {
            "content/blok2/_blok.md": "---\nblok: 2\ntitel: Jezus dichtbij\nperiode: P\njaar: 1\n"
            "maanden: [4, 5, 6]\n---\n",
            "content/blok2/01-emmaus/_gesprek.md": "---\ntitel: Emmaüs\n"
            "bijbelgedeelte: Lucas 24:13-35\n---\n",
            "content/blok2/01-emmaus/gebed.md": "---\nonderdeel: gebed\ndoelgroep: [kring, gezin]\n"
            "---\nT\n",
        },
    )
    assert [b.number for b in site.blokken] == [1, 2]
    gezin = [(g.slug, s.slug) for g, s in site.for_doelgroep("gezin")]
    assert gezin == [("kom-en-zie", "gezin"), ("emmaus", "gebed")]
    gebed = [(g.parent, s.slug) for g, s in site.for_onderdeel("gebed")]
    assert ("blok2", "gebed") in gebed and ("blok1", "gebed") in gebed
    assert str(site.blok(2).gesprekken[0].bijbelgedeelte[0]) == "Lucas 24:13-35"


def test_katern_and_pages(make_project: MakeProject) -> None:
    site = site_of(
        make_project,
        {
            "content/katernen/gebed/_katern.md": '---\ntitel: Gebed\nkleur: "#35607A"\n---\n',
            "content/katernen/gebed/01-leer-ons-bidden/_gesprek.md": "---\ntitel: Leer ons bidden\n"
            "bijbelgedeelte: Lucas 11:1-13\n---\n",
            "content/paginas/contact.md": "---\ntitel: Contact\nmenu: true\nvolgorde: 9\n---\n",
            "content/paginas/voortraject.md": "---\ntitel: Voortraject\n---\n",
        },
    )
    (katern,) = site.katernen
    assert (katern.slug, katern.kleur) == ("gebed", "#35607a")
    assert katern.gesprekken[0].parent == "katernen/gebed"
    assert [p.slug for p in site.menu_pages] == ["over-focus", "contact"]
    assert site.home is not None and site.home.titel == "Focus"
    assert site.songs[0].titel == "Psalm 42"


def test_section_markdown_is_rendered_once(make_project: MakeProject) -> None:
    result = check_project(make_project(), renderer=Renderer)
    assert result.renderer is not None and result.site is not None
    before = result.renderer.renders
    gesprek = next(result.site.gesprekken())
    for section in gesprek.sections:
        result.renderer.render(section.source, leader=False)
        result.renderer.render(section.source, leader=True)
    assert result.renderer.renders == before


def test_gesprek_files_may_have_any_name(make_project: MakeProject) -> None:
    site = site_of(
        make_project,
        {
            f"{GESPREK}/gebed.md": None,
            f"{GESPREK}/samen-bidden.md": "---\nonderdeel: Gebed\n---\nT\n",
        },
    )
    gesprek = next(site.gesprekken())
    assert [s.slug for s in gesprek.sections_of("gebed")] == [
        "groep-3-5",
        "groep-6-8",
        "12-16",
        "16-plus",
        "gezin",
        "vergaderopening",
        "samen-bidden",
    ]


def test_a_body_without_leader_text_is_rendered_once(make_project: MakeProject) -> None:
    result = check_project(make_project(), renderer=Renderer)
    assert result.renderer is not None and result.site is not None
    gesprek = next(result.site.gesprekken())
    plain = next(s for s in gesprek.sections if s.slug == "gebed")
    leader = result.renderer.render(plain.source, leader=True)
    assert result.renderer.render(plain.source, leader=False) is leader
    # the base project: 17 Markdown files, none with a "::: handleiding" block
    assert result.renderer.renders == 17
