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
    assert "focus.yaml:7:1: fout: onbekende sleutel 'basis_ulr' (bedoelde je 'basis_url'?)" in found


def test_yaml_syntax_error(tmp_path: Path) -> None:
    assert problems(tmp_path, "titel: Focus\nonderdelen: [lied\n") == [
        "focus.yaml:3:1: fout: YAML-fout: ',' of ']' verwacht"
    ]


def test_duplicate_vocabulary_id(tmp_path: Path) -> None:
    text = repo_config_with("  - id: gebed\n", "  - id: lied\n")
    assert "focus.yaml:20:9: fout: id 'lied' staat twee keer in 'onderdelen'" in problems(
        tmp_path, text
    )


def test_doelgroepen_must_contain_kring(tmp_path: Path) -> None:
    text = repo_config_with("  - id: kring\n", "  - id: kringen\n")
    found = problems(tmp_path, text)
    assert any("'doelgroepen' moet 'kring' bevatten" in line for line in found)


def test_bible_link_needs_placeholders(tmp_path: Path) -> None:
    text = repo_config_with("NBV21/{boek}.{hoofdstuk}.{vers}", "NBV21/{boek}.{hoofdstuk}")
    found = problems(tmp_path, text)
    assert any(
        line.startswith("focus.yaml:65:9:") and "de link voor 'vers' mist {vers}" in line
        for line in found
    ), found


def test_publication_shape_is_checked(tmp_path: Path) -> None:
    text = repo_config_with("    per: katern\n", "    per: jaar\n")
    text = text.replace("bestand: focus-blok-{blok}-gezin.pdf", "bestand: gezin.pdf")
    text = text.replace(
        "formaat: A4\n    bestand: focus-blok-{blok}-vergaderopening.pdf",
        "formaat: A3\n    bestand: focus-blok-{blok}-vergaderopening.pdf",
    )
    text = text.replace("doelgroepen: [groep-6-8]", "doelgroepen: [groep-6-9]")
    found = problems(tmp_path, text)
    assert any(": fout: 'per' moet 'blok' of 'katern' zijn, niet 'jaar'" in f for f in found)
    assert any(": fout: 'bestand' moet {blok} bevatten" in f for f in found)
    assert any(": fout: 'formaat' moet A4 of A5 zijn, niet 'A3'" in f for f in found)
    assert any("onbekende doelgroep 'groep-6-9' (bedoelde je 'groep-6-8'?)" in f for f in found)
    assert len(found) == 4, found


def test_missing_config(tmp_path: Path) -> None:
    collector = Collector()
    assert load_config(tmp_path, collector) is None
    assert collector.items[0].message.startswith("focus.yaml niet gevonden")
