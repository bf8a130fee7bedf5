"""focus.yaml: typed, and every problem reported with its line."""

from __future__ import annotations

from pathlib import Path

from focusbuild.config import load_config
from focusbuild.diagnostics import Collector
from tests.conftest import REPO


def problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "focus.yaml").write_text(text, encoding="utf-8")
    collector = Collector()
    load_config(tmp_path, collector)
    return [d.human() for d in collector.items]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of focus.yaml on which `needle` starts."""
    return text[: text.index(needle)].count("\n") + 1


def repo_config_with(old: str, new: str) -> str:
    text = (REPO / "focus.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_repository_config_loads() -> None:
    collector = Collector()
    config = load_config(REPO, collector)
    assert collector.items == []
    assert config is not None
    assert config.onderdelen.ids == (
        "lied",
        "bijbelstudie",
        "verhalen-delen",
        "gebed",
        "in-beweging",
        "delen-en-dienen",
    )
    assert config.doelgroepen.ids[0] == "kring"
    assert config.doelgroepen.lookup("16+") == "16-plus"
    assert config.onderdelen.lookup("delen & dienen") == "delen-en-dienen"
    assert {"OTH", "Ps", "LB"} <= set(config.bundels.ids)
    werkboek = config.publicaties[0]
    assert (werkboek.per, werkboek.formaat, werkboek.openbaar) == ("blok", "A5", True)
    handleiding = next(p for p in config.publicaties if p.id == "handleiding")
    assert handleiding.handleiding and not handleiding.openbaar


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    text = repo_config_with("basis_url:", "basis_ulr:")
    found = problems(tmp_path, text)
    line = line_of(text, "basis_ulr")
    assert (
        f"focus.yaml:{line}:1: fout: onbekende sleutel 'basis_ulr' (bedoelde je 'basis_url'?)"
        in found
    )


def test_yaml_syntax_error(tmp_path: Path) -> None:
    """A list left open is reported where it opens, not where the file ends."""
    assert problems(tmp_path, "titel: Focus\nonderdelen: [lied\n") == [
        "focus.yaml:2:13: fout: YAML-fout: deze lijst begint met '[' maar wordt niet gesloten "
        "met ']' (mist er een aan het eind van de regel?)"
    ]


def test_duplicate_vocabulary_id(tmp_path: Path) -> None:
    text = repo_config_with("  - id: gebed\n", "  - id: lied\n")
    line = line_of(text, "  - id: lied\n    naam: Gebed")
    assert f"focus.yaml:{line}:9: fout: id 'lied' staat twee keer in 'onderdelen'" in problems(
        tmp_path, text
    )


def test_the_default_doelgroep_comes_from_the_config(tmp_path: Path) -> None:
    text = repo_config_with("    naam: Kring\n    standaard: true\n", "    naam: Kring\n")
    text = text.replace("    naam: Gezin\n", "    naam: Gezin\n    standaard: true\n")
    (tmp_path / "focus.yaml").write_text(text, encoding="utf-8")
    config = load_config(tmp_path, Collector())
    assert config is not None and config.doelgroepen.default == "gezin"
    # without `standaard: true` the first doelgroep is the default
    text = text.replace("    naam: Gezin\n    standaard: true\n", "    naam: Gezin\n")
    (tmp_path / "focus.yaml").write_text(text, encoding="utf-8")
    config = load_config(tmp_path, Collector())
    assert config is not None and config.doelgroepen.default == "kring"


def test_only_one_doelgroep_is_the_default(tmp_path: Path) -> None:
    text = repo_config_with("    naam: Gezin\n", "    naam: Gezin\n    standaard: true\n")
    found = problems(tmp_path, text)
    assert found == [
        f"focus.yaml:{line_of(text, 'doelgroepen:') + 1}:3: fout: 'standaard: true' staat bij "
        "2 doelgroepen (kring, gezin); het mag bij één"
    ]


def test_the_blok_numbers_come_from_the_config(tmp_path: Path) -> None:
    text = repo_config_with("blokken: {eerste: 0, laatste: 6}", "blokken: {eerste: 1, laatste: 9}")
    (tmp_path / "focus.yaml").write_text(text, encoding="utf-8")
    config = load_config(tmp_path, Collector())
    assert config is not None and list(config.blokken.numbers) == list(range(1, 10))
    wrong = repo_config_with("blokken: {eerste: 0, laatste: 6}", "blokken: {eerste: 6, laatste: 0}")
    assert problems(tmp_path, wrong) == [
        f"focus.yaml:{line_of(wrong, 'blokken:')}:31: fout: 'laatste' (0) komt vóór 'eerste' (6)"
    ]


def test_bible_link_needs_placeholders(tmp_path: Path) -> None:
    chapter = "teksthbgr.php?tgbb={nummer}&tghf={hoofdstuk}"
    text = repo_config_with(chapter, "teksthbgr.php?tgbb={nummer}")
    found = problems(tmp_path, text)
    assert found == [
        f"focus.yaml:{line_of(text, '  hoofdstuk: https')}:14: fout: de link voor "
        "'hoofdstuk' mist {hoofdstuk}"
    ]
    text = repo_config_with(chapter, "teksthbgr.php?tgbb={boeknummer}&tghf={hoofdstuk}")
    assert [p.split(": fout: ")[1] for p in problems(tmp_path, text)] == [
        "onbekende plek '{boeknummer}' in de link; gebruik {boek} of {nummer}, {hoofdstuk} "
        "en {vers}"
    ]


def test_publication_shape_is_checked(tmp_path: Path) -> None:
    text = repo_config_with("    per: katern\n", "    per: jaar\n")
    text = text.replace("bestand: focus-blok-{blok}-gezin.pdf", "bestand: gezin.pdf")
    text = text.replace(
        "formaat: A4\n    bestand: focus-blok-{blok}-vergaderopening.pdf",
        "formaat: A3\n    bestand: focus-blok-{blok}-vergaderopening.pdf",
    )
    text = text.replace("doelgroepen: [groep-6-8]", "doelgroepen: [groep-6-9]")
    found = problems(tmp_path, text)
    wrong_per = ": fout: 'per' moet blok, katern of bijeenkomst zijn, niet 'jaar'"
    assert any(wrong_per in f for f in found)
    assert any(": fout: 'bestand' moet {blok} bevatten" in f for f in found)
    assert any(": fout: 'formaat' moet A4 of A5 zijn, niet 'A3'" in f for f in found)
    assert any("onbekende doelgroep 'groep-6-9' (bedoelde je 'groep-6-8'?)" in f for f in found)
    assert len(found) == 4, found


def test_an_ebook_is_only_for_a_blok_or_katern(tmp_path: Path) -> None:
    """A bijeenkomst has no gesprekken for an e-book to follow: asking for one is an error
    at the key, not a book called "Bijeenkomst – Katern" with nothing in it."""
    old = "    bestand: focus-traject-{bijeenkomst}.pdf\n"
    text = repo_config_with(old, "    epub: true\n" + old)
    found = problems(tmp_path, text)
    line = line_of(text, "    epub: true\n    bestand: focus-traject-{bijeenkomst}.pdf")
    assert found == [
        f"focus.yaml:{line}:11: fout: 'epub: true' kan alleen bij een publicatie per blok of "
        "katern: een e-boek volgt de gesprekken, en een bijeenkomst heeft die niet"
    ]


def test_the_language_is_a_language_code(tmp_path: Path) -> None:
    """'taal' is the pages' lang and Pagefind's language: "nederlands" passed, and a value
    with quotes in it stopped Pagefind with no file or line."""
    for wrong in ("nederlands", '"nl\\"><script>"'):
        text = repo_config_with("taal: nl\n", f"taal: {wrong}\n")
        found = problems(tmp_path, text)
        line = line_of(text, "taal: ")
        assert len(found) == 1 and found[0].startswith(
            f"focus.yaml:{line}:7: fout: 'taal' is een taalcode zoals nl of nl-BE, niet "
        ), found


def test_a_language_code_in_capitals_is_read_in_lower_case(tmp_path: Path) -> None:
    """ "NL" is a valid tag, but Pagefind knows "nl" only: with "NL" the index lost its
    Dutch stemming (249 results for "gebed" became 195)."""
    (tmp_path / "focus.yaml").write_text(repo_config_with("taal: nl\n", "taal: NL-be\n"))
    collector = Collector()
    config = load_config(tmp_path, collector)
    assert collector.items == [] and config is not None
    assert config.taal == "nl-be"


def test_missing_config(tmp_path: Path) -> None:
    collector = Collector()
    assert load_config(tmp_path, collector) is None
    assert collector.items[0].message.startswith("focus.yaml niet gevonden")
