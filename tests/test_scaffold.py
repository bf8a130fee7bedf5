"""`focusbuild new`: a writer gets a complete gesprek or katern that checks clean."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from focusbuild.check import check_project
from focusbuild.cli import cli
from focusbuild.scaffold import slugify
from tests.conftest import MakeProject


def test_new_gesprek_has_every_file_and_checks_clean(make_project: MakeProject) -> None:
    root = make_project()
    result = CliRunner().invoke(
        cli,
        [
            *("new", "gesprek", "1", "Hoe wij Hem leerden kennen", "-p", str(root)),
            *("--bijbelgedeelte", "Johannes 1:35-51"),
        ],
    )
    assert result.exit_code == 0, result.output
    folder = root / "content/blok1/02-hoe-wij-hem-leerden-kennen"
    names = sorted(p.name for p in folder.iterdir())
    kring = ["lied", "bijbelstudie", "verhalen-delen", "gebed", "in-beweging", "delen-en-dienen"]
    groups = ["groep-3-5", "groep-6-8", "12-16", "16-plus", "gezin", "vergaderopening"]
    expected = ["_gesprek", "achtergrond", *kring, *groups]
    assert names == sorted(f"{name}.md" for name in expected)
    assert "bijbelgedeelte: Johannes 1:35-51" in (folder / "_gesprek.md").read_text("utf-8")
    checked = check_project(root)
    assert checked.errors == () and checked.site is not None
    gesprek = checked.site.blok(1).gesprekken[1]
    assert gesprek.titel == "Hoe wij Hem leerden kennen"
    assert sum(s.duur or 0 for s in gesprek.sections_for("kring")) == 90
    # every file still holds its explanation, so the house style check stops a merge
    unwritten = {d.path.rsplit("/", 1)[1][:-3] for d in checked.warnings if "Vervang" in d.message}
    assert unwritten == {*kring, *groups, "achtergrond", "_gesprek"}
    strict = CliRunner().invoke(cli, ["check", "--strict", "-p", str(root)])
    assert strict.exit_code == 1 and "tijdelijke tekst 'Vervang deze tekst'" in strict.output
    # a led group's file has every key its leader needs, to fill in: none is missing
    assert not [d for d in checked.warnings if "mist nog" in d.message]
    # only that: the explanation itself keeps the house style (a vergaderopening says "u")
    assert not [d for d in checked.warnings if "spreekt de lezer" in d.message]
    # and the editors' overview does not count the new gesprek as done
    status = CliRunner().invoke(cli, ["status", "-p", str(root)])
    assert "Blok 1, gesprek 2: Hoe wij Hem leerden kennen (" in status.output
    line = next(x for x in status.output.splitlines() if "Hoe wij Hem leerden kennen" in x)
    assert line.endswith("niet af)") and "1 van 2 gesprekken af" in status.output
    assert "02-hoe-wij-hem-leerden-kennen/_gesprek.md: 1× tijdelijke tekst" in status.output


def test_new_katern_with_a_first_gesprek(make_project: MakeProject) -> None:
    root = make_project()
    result = CliRunner().invoke(
        cli, ["new", "katern", "Geloof & werk", "-p", str(root), "--bijbelgedeelte", "Kol. 3:23"]
    )
    assert result.exit_code == 0, result.output
    checked = check_project(root)
    assert checked.errors == () and checked.site is not None
    assert all("Vervang deze tekst" in d.message for d in checked.warnings)
    katern = checked.site.katernen[0]
    assert (katern.slug, katern.titel, len(katern.gesprekken)) == (
        "geloof-werk",
        "Geloof & werk",
        1,
    )


def test_new_checks_the_passage_and_never_waits_for_input(make_project: MakeProject) -> None:
    root = make_project()
    before = sorted(p.as_posix() for p in (root / "content").rglob("*"))
    wrong = CliRunner().invoke(
        cli, ["new", "gesprek", "1", "Nieuw", "-p", str(root), "--bijbelgedeelte", "Lukas 99:1"]
    )
    assert wrong.exit_code == 2 and "Lucas heeft 24 hoofdstukken, geen hoofdstuk 99" in wrong.output
    silent = CliRunner().invoke(cli, ["new", "gesprek", "1", "Nieuw", "-p", str(root)], input="")
    assert silent.exit_code == 2 and "geef het Bijbelgedeelte met --bijbelgedeelte" in silent.output
    assert sorted(p.as_posix() for p in (root / "content").rglob("*")) == before  # nothing written


def test_new_gesprek_takes_a_blok_as_its_folder_says_it(make_project: MakeProject) -> None:
    """ "blok1" (the folder's name) gave click's English-flavoured "is geen integer"."""
    root = make_project()
    made = CliRunner().invoke(
        cli, ["new", "gesprek", "blok1", "Nieuw", "-p", str(root), "--bijbelgedeelte", "Lucas 1:1"]
    )
    assert made.exit_code == 0, made.output
    assert any(p.name.endswith("-nieuw") for p in (root / "content/blok1").iterdir())
    wrong = CliRunner().invoke(
        cli, ["new", "gesprek", "Blok één", "Nieuw", "-p", str(root), "--bijbelgedeelte", "Lk 1:1"]
    )
    assert wrong.exit_code == 2
    assert "'Blok één' is geen blok of katern; schrijf het nummer van het blok (zoals 2)" in (
        wrong.output
    )
    assert "integer" not in wrong.output


def test_new_gesprek_in_an_existing_katern(make_project: MakeProject) -> None:
    """A partner adds a gesprek to a katern: `new gesprek` took a blok number only."""
    root = make_project()
    runner = CliRunner()
    passage = ("--bijbelgedeelte", "Lucas 11:1-13")
    made = runner.invoke(cli, ["new", "katern", "Gebed", "-p", str(root), *passage])
    assert made.exit_code == 0, made.output
    second = runner.invoke(
        cli, ["new", "gesprek", "gebed", "Volhouden in gebed", "-p", str(root), *passage]
    )
    assert second.exit_code == 0, second.output
    folder = root / "content/katernen/gebed/02-volhouden-in-gebed"
    kring = ["lied", "bijbelstudie", "verhalen-delen", "gebed", "in-beweging", "delen-en-dienen"]
    assert sorted(p.stem for p in folder.iterdir()) == sorted(["_gesprek", "achtergrond", *kring])
    checked = check_project(root)
    assert checked.errors == () and checked.site is not None
    titles = [g.titel for g in checked.site.katernen[0].gesprekken]
    assert titles == ["Eerste gesprek", "Volhouden in gebed"]
    # the folder as written under content/ works too; a typo gets the names there are
    # as a path or with a capital, as a file manager shows it
    for written in ("content/katernen/gebed/", "Gebed"):
        again = runner.invoke(
            cli, ["new", "gesprek", written, f"Vanuit {written}", "-p", str(root), *passage]
        )
        assert again.exit_code == 0, again.output
    also = runner.invoke(
        cli, ["new", "gesprek", "katernen/gebed", "Danken", "-p", str(root), *passage]
    )
    assert also.exit_code == 0, also.output
    typo = runner.invoke(cli, ["new", "gesprek", "gebd", "Danken", "-p", str(root), *passage])
    assert typo.exit_code == 1
    assert "katern 'gebd' bestaat niet (bedoelde je 'gebed'?); de katernen zijn: gebed" in (
        typo.output
    )


def test_new_refuses_a_missing_blok_and_an_existing_gesprek(make_project: MakeProject) -> None:
    root = make_project()
    (root / "content/blok2").mkdir()
    missing = CliRunner().invoke(
        cli, ["new", "gesprek", "2", "Nieuw", "-p", str(root), "--bijbelgedeelte", "Lucas 1:1"]
    )
    assert missing.exit_code == 1 and "blok 2 bestaat niet" in missing.output
    again = CliRunner().invoke(
        cli, ["new", "gesprek", "1", "Kom en zie", "-p", str(root), "--bijbelgedeelte", "Lucas 1:1"]
    )
    assert again.exit_code == 1 and "bestaat al" in again.output
    assert "kies een andere titel" in again.output  # what to do, not only what is wrong


def test_folder_names_from_dutch_titles() -> None:
    assert slugify("Zacheüs: Hij zoekt ons op!") == "zacheus-hij-zoekt-ons-op"


def test_new_asks_again_after_a_typo_in_the_passage(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a terminal, a mistyped passage is asked for again, with what was wrong, instead
    of ending the command with an error about an option the user never typed."""
    from focusbuild import cli as cli_module

    monkeypatch.setattr(cli_module, "_at_terminal", lambda: True)
    root = make_project()
    result = CliRunner().invoke(
        cli, ["new", "gesprek", "1", "Nieuw", "-p", str(root)], input="Lucs 2:1\nLucas 2:1\n"
    )
    assert result.exit_code == 0, result.output
    assert "onbekend bijbelboek 'Lucs' (bedoelde je 'Lucas'?); probeer het nog eens" in (
        result.output
    )
    made = root / "content/blok1/02-nieuw/_gesprek.md"
    assert "bijbelgedeelte: Lucas 2:1" in made.read_text(encoding="utf-8")
