"""The house style (docs/huisstijl.md), as far as `check` enforces it and the outputs show it.

Placeholder text, the way a text addresses its reader, a kring evening that
adds up, what a leader of children's material needs; and what a reader sees:
Dutch quotes, "Voorbeeldverhaal", songs by their first line, Bible links to
the Statenvertaling, the partners credited for the programme.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from focusbuild.check import check_project
from focusbuild.cli import cli
from tests.conftest import GESPREK, LED, REPO, MakeProject
from tests.site_support import run_build

G = GESPREK


def warnings(root: Path) -> list[str]:
    result = check_project(root)
    assert result.errors == (), result.errors
    return [f"{d.path}:{d.line}:{d.column}: {d.message}" for d in result.warnings]


def test_placeholder_text_is_a_warning_that_strict_refuses(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{G}/gebed.md": "---\nonderdeel: gebed\nduur: 10\n---\nBid samen.\n\n"
            "Schrijf naar Postbus 1234, 9999 ZZ Voorbeeldstad of [mail](https://example.org/x).\n",
        }
    )
    found = warnings(root)
    assert (
        f"{G}/gebed.md:7:14: tijdelijke tekst 'Postbus 1234': vervang die door echte " in (found[0])
    )
    assert [w.split(": ")[1].split("'")[1] for w in found] == [
        "Postbus 1234",
        "Voorbeeldstad",
        "example.org",
    ]
    strict = CliRunner().invoke(cli, ["check", "--strict", "-p", str(root)])
    assert strict.exit_code == 1


def test_the_shipped_address_is_no_placeholder(make_project: MakeProject) -> None:
    config = (make_project() / "focus.yaml").read_text(encoding="utf-8")
    root = make_project({"focus.yaml": config.replace("focus.test", "focus.example.org")})
    assert [w for w in warnings(root) if w.startswith("focus.yaml:")] != []


def test_letters_the_print_fonts_lack_are_a_warning_where_they_stand(
    make_project: MakeProject,
) -> None:
    """Hebrew and an emoji would print in another font or as an empty box: a warning at
    each run, with line and column; names in Latin, Vietnamese or Cyrillic letters and a
    soft hyphen are fine."""
    root = make_project(
        {
            f"{G}/gebed.md": "---\nonderdeel: gebed\nduur: 10\n---\nBid voor Łukasz, "
            "Nguyễn en Олена.\n\nHet woord שָׁלוֹם betekent vrede. Amen \U0001f64f\u00ad.\n",
        }
    )
    found = warnings(root)
    assert [w.split(" staat niet")[0] for w in found] == [
        f"{G}/gebed.md:7:11: 'שָׁלוֹם' (hebrew letter shin, …)",
        f"{G}/gebed.md:7:40: '\U0001f64f' (person with folded hands)",
    ], found
    assert "in de pdf's en e-books komt het uit een ander lettertype" in found[0]
    strict = CliRunner().invoke(cli, ["check", "-p", str(root), "--strict"])
    assert strict.exit_code == 1


def test_the_list_of_letters_matches_the_print_fonts() -> None:
    """letters.txt lists exactly the characters every print font has."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    from focusbuild.content.letters import FILE, missing_letters

    layouts = REPO / "layouts"
    fonts = sorted((layouts / "print/fonts").glob("*.woff2"))
    assert len(fonts) == (layouts / "print/fonts.css").read_text("utf-8").count("@font-face")
    common = set.intersection(*(set(TTFont(f, lazy=True).getBestCmap()) for f in fonts))
    listed: set[int] = set()
    for raw in (layouts / FILE).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            first, _, last = line.partition("-")
            listed.update(range(int(first, 16), int(last or first, 16) + 1))
    assert listed == common
    pattern = missing_letters(layouts)
    assert pattern is not None
    drawn = "".join(chr(c) for c in sorted(common) if not chr(c).isspace())
    assert pattern.search(drawn) is None and pattern.search("א") is not None


@pytest.mark.parametrize(
    ("file", "front", "text", "expected"),
    [
        (  # the kring reads "je": a lower-case "u" addresses the reader, so it is flagged,
            # with the capital a prayer to God needs ("dank u" was taken for the reader)
            "gebed.md",
            "onderdeel: gebed\nduur: 10",
            "Bid voor je buren. Wat vraagt u van God?",
            "8:31: deze tekst spreekt de lezer aan met 'u', maar voor Kring schrijven we 'je'; "
            "bedoel je God, schrijf dan U met een hoofdletter",
        ),
        (  # a vergaderopening reads "u"
            "vergaderopening.md",
            "onderdeel: gebed\ndoelgroep: vergaderopening",
            "Wij openen met gebed. Wat heb je deze week gezien?",
            "8:31: deze tekst spreekt de lezer aan met 'je', maar voor Vergaderopening "
            "schrijven we 'u'",
        ),
    ],
)
def test_a_text_addresses_its_reader_as_its_doelgroep_does(
    make_project: MakeProject, file: str, front: str, text: str, expected: str
) -> None:
    root = make_project({f"{G}/{file}": f"---\n{front}\n---\nInleiding.\n\n\n{text}\n"})
    assert [w for w in warnings(root) if "spreekt de lezer" in w] == [
        f"{G}/{file}:{expected} (zie de huisstijl)"
    ]


def test_god_quotations_and_titles_do_not_count_as_addressing(make_project: MakeProject) -> None:
    body = (
        'Wij danken U voor Uw trouw. Jezus zegt: "Volg Mij, en Ik zal u vissers maken."\n\n'
        "> Zo zegt de HEERE tot u.\n\nLees wat je vindt in *Kom en zie*.\n"
    )
    root = make_project({f"{G}/gebed.md": f"---\nonderdeel: gebed\nduur: 10\n---\n{body}"})
    assert [w for w in warnings(root) if "spreekt de lezer" in w] == []


def test_a_free_page_may_choose_but_not_mix(make_project: MakeProject) -> None:
    page = "---\ntitel: Over Focus\n---\nHier lees je meer.\n\nWij helpen u graag.\n"
    root = make_project({"content/paginas/over-focus.md": page})
    assert [w for w in warnings(root) if "spreekt" in w] == [
        "content/paginas/over-focus.md:6:12: deze tekst spreekt de lezer eerst aan met 'je' en "
        "hier met 'u'; kies één van beide (zie de huisstijl)"
    ]


def test_serve_says_a_style_warning_on_every_check_until_it_is_mended(
    make_project: MakeProject,
) -> None:
    import os
    import time

    from focusbuild.content.frontmatter import remember_parsed

    remember_parsed()  # as serve does: unchanged files come from memory
    page = "---\ntitel: Over Focus\n---\nHier lees je meer.\n\nWij helpen u graag.\n"
    root = make_project({"content/paginas/over-focus.md": page})
    path = root / "content/paginas/over-focus.md"
    old = time.time_ns() - 5_000_000_000
    os.utime(path, ns=(old, old))
    time.sleep(1.1)  # so that it is kept: files changed in the last second are not
    mixed = "content/paginas/over-focus.md:6:12: deze tekst spreekt de lezer eerst aan"
    for _ in range(3):  # read from disk, then twice from memory
        assert [w for w in warnings(root) if w.startswith(mixed)], warnings(root)
    path.write_text(page.replace("Wij helpen u", "We helpen je"), encoding="utf-8")
    assert [w for w in warnings(root) if "spreekt" in w] == []


def test_a_kring_evening_adds_up(make_project: MakeProject) -> None:
    root = make_project({f"{G}/gebed.md": "---\nonderdeel: gebed\n---\nBid samen.\n"})
    assert warnings(root) == [
        f"{G}/_gesprek.md:1:1: de onderdelen voor de kring duren samen 80 minuten, een "
        "kringavond 90 (avondduur in focus.yaml); zonder 'duur': Gebed"
    ]


def test_material_a_leader_leads_says_what_it_needs(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{G}/groep-3-5.md": "---\nonderdeel: gebed\ndoelgroep: groep-3-5\n"
            "doel: Bidden.\n---\nT\n"
        }
    )
    assert warnings(root) == [
        f"{G}/groep-3-5.md:1:1: wie dit materiaal leidt, mist nog: tijd, benodigdheden, "
        "liederen (doel, tijd, benodigdheden en een lied horen bovenin)"
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import base_files, write_files

    root = tmp_path_factory.mktemp("stijl") / "project"
    files = base_files()
    files["content/liederen.yaml"] = (
        "- {bundel: Ps, nummer: 42, titel: Psalm 42}\n"
        '- {bundel: Ps, nummer: 68, vers: "10", titel: "Geloofd zij God met diep ontzag"}\n'
    )
    files[f"{G}/lied.md"] = (
        "---\nonderdeel: lied\nduur: 5\nliederen:\n"
        '  - {bundel: Ps, nummer: 68, vers: "10", titel: "Geloofd zij God met diep ontzag"}\n'
        "---\nZing samen.\n"
    )
    files[f"{G}/verhalen-delen.md"] = (
        "---\nonderdeel: verhalen-delen\nduur: 15\nvoorbeeld: true\n"
        "titel: \"Anna's 'nieuwe' werk\"\n---\n"
        "Anna zegt: \"Ik wist het niet.\" Het is zo'n dag, 't regent.\n"
    )
    files[f"{G}/groep-3-5.md"] = (
        f"---\nonderdeel: gebed\ndoelgroep: groep-3-5\n{LED}---\nBid met de kinderen.\n"
    )
    files[f"{G}/achtergrond.md"] = (
        "---\nonderdeel: bijbelstudie\nhandleiding: true\npartner: GEHEIMEPARTNER\n---\nLeiding.\n"
    )
    write_files(root, dict(files))
    result = run_build("-p", str(root), "--only", "site", "--strict")
    assert result.exit_code == 0, result.output
    return root / "output" / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_readers_see_dutch_quotes_and_the_sample_label(site: Path) -> None:
    html = page(site, "blok1/kom-en-zie")
    assert "Anna zegt: “Ik wist het niet.” Het is zo’n dag, ’t regent." in html
    assert "Anna’s ‘nieuwe’ werk" in html  # the title too
    # it stands above the whole onderdeel, its questions too: it names the story in it
    assert "<b>Voorbeeldverhaal</b> Het verhaal in dit onderdeel is een voorbeeld" in html


def test_a_song_is_named_by_its_verse_and_first_line(site: Path) -> None:
    box = page(site, "blok1/kom-en-zie")
    assert "<b>Psalm 68:10</b> — Geloofd zij God met diep ontzag" in box
    register = page(site, "register/liederen")
    assert "<b>Psalm 68:10</b> — Geloofd zij God met diep ontzag" in register
    assert "Ps 68 Psalm 68" not in register


def test_a_leader_sees_aim_time_and_materials(site: Path) -> None:
    html = page(site, "blok1/kom-en-zie/groep-3-5")
    assert "Voor wie leidt" in html and "Samen ontdekken wie Jezus is." in html
    assert "30 minuten" in html and "Bijbel" in html


def test_bible_links_open_the_statenvertaling(site: Path) -> None:
    html = page(site, "blok1/kom-en-zie")
    assert 'href="https://statenvertaling.nl/tekst/teksthbgr.php?tgbb=43&amp;tghf=1"' in html


def test_partners_are_credited_for_the_programme_only_where_public(site: Path) -> None:
    home = page(site, "")
    assert "Een traject van de IZB, in samenwerking met HGJB en GZB." in home
    for path in site.rglob("*.html"):
        assert "GEHEIMEPARTNER" not in path.read_text(encoding="utf-8"), path
