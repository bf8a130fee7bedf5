"""Doelgroepen, onderdelen and blokken come from focus.yaml only: a new doelgroep needs no code."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from focusbuild.check import check_project
from tests.conftest import GESPREK, REPO, MakeProject
from tests.site_support import run_build

SENIOREN = """\
  - id: senioren
    naam: Senioren
    categorie: ouderen
    aanspreekvorm: u
    omschrijving: "Voor ouderenmiddagen en de gespreksgroep in het verzorgingshuis."
"""
PUBLICATION = """\
  - id: senioren
    naam: Senioren
    per: blok
    doelgroepen: [senioren]
    opmaak: werkboek
    formaat: A5
    bestand: focus-blok-{blok}-senioren.pdf
"""
TEXT = "Praat samen over de eerste keer dat u van Jezus hoorde."


def config_with_senioren(optional: bool = False) -> str:
    text = (REPO / "focus.yaml").read_text(encoding="utf-8")
    extra = SENIOREN + ("    optioneel: true\n" if optional else "")
    last = '    omschrijving: "Een korte opening voor kerkenraad, team of commissie."\n'
    assert last in text  # the last doelgroep
    text = text.replace(last, last + extra, 1)
    return text + PUBLICATION


@pytest.fixture(scope="module")
def senioren_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import base_files, write_files

    root = tmp_path_factory.mktemp("senioren") / "project"
    files = base_files()
    files["focus.yaml"] = config_with_senioren()
    files[f"{GESPREK}/senioren.md"] = (
        f"---\nonderdeel: [bijbelstudie, gebed]\ndoelgroep: senioren\n---\n{TEXT}\n"
    )
    write_files(root, dict(files))
    result = run_build("-p", str(root), "--strict")
    assert result.exit_code == 0, result.output
    return root / "output"


def page(output: Path, url: str) -> str:
    return (output / "site" / url / "index.html").read_text(encoding="utf-8")


def test_a_new_doelgroep_appears_everywhere_without_code(senioren_site: Path) -> None:
    home = page(senioren_site, "")
    assert 'href="doelgroepen/senioren/"' in home and ">Senioren<" in home
    assert "gezinnen, vergaderingen en ouderen" in home  # its category joins the sentence
    assert 'href="senioren/"' in page(senioren_site, "doelgroepen/")
    assert "focus-blok-1-senioren.pdf" in page(senioren_site, "downloads/")
    gesprek = page(senioren_site, "blok1/kom-en-zie/")
    assert 'href="senioren/">Senioren</a>' in gesprek
    assert TEXT in page(senioren_site, "blok1/kom-en-zie/senioren/")
    booklet = senioren_site / "site/downloads/focus-blok-1-senioren.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(booklet).pages)
    assert "Senioren" in text and "eerste keer dat u van Jezus hoorde" in " ".join(text.split())


def test_an_optional_doelgroep_does_not_make_a_gesprek_incomplete(
    make_project: MakeProject,
) -> None:
    required = check_project(make_project({"focus.yaml": config_with_senioren()}))
    assert [d.message for d in required.warnings] == [
        "gesprek 'Kom en zie' heeft geen materiaal voor 'Senioren'"
    ]
    optional = check_project(make_project({"focus.yaml": config_with_senioren(optional=True)}))
    assert optional.diagnostics == ()
