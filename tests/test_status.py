"""`focusbuild status`: an editor sees what is missing, unfinished or too hard to read."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import Browser

from focusbuild.cli import cli
from focusbuild.status import flesch_douma
from tests.conftest import GESPREK, MakeProject

#: Long sentences of long words: far too hard for children of 6 to 9.
HARD = (
    "De eschatologische dimensie van de verkondiging impliceert een fundamentele "
    "heroriëntatie van de individuele levensbeschouwing, waarbij de theologische "
    "reflectie op de soteriologische implicaties van de incarnatie onvermijdelijk de "
    "aandacht opeist van iedere catechisant die zich intellectueel verantwoordelijk weet. "
) * 2
#: Short sentences of short words, as a children's text is written.
EASY = (
    "Jezus ziet je. Hij kent je naam. Hij roept je. Kom maar mee. "
    "Hij is goed voor jou. Hij is er als je bang bent. Hij blijft bij je. "
) * 3


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["status", "-p", str(root), *args])
    return result.exit_code, result.output


def test_readability_is_higher_for_short_sentences_of_short_words() -> None:
    easy, hard = flesch_douma(EASY), flesch_douma(HARD)
    assert easy is not None and hard is not None
    assert easy > 90 and hard < 30
    assert flesch_douma("Te kort om iets over te zeggen.") is None


def test_a_complete_gesprek_is_reported_done(make_project: MakeProject) -> None:
    code, output = run(make_project())
    assert code == 0, output
    assert "Blok 1, gesprek 1: Kom en zie" in output and ", af)" in output
    assert "1 van 1 gesprekken af" in output
    assert "mist" not in output


def test_missing_onderdelen_doelgroepen_and_background_are_named(
    make_project: MakeProject,
) -> None:
    root = make_project(
        {
            f"{GESPREK}/gebed.md": None,
            f"{GESPREK}/gezin.md": None,
            f"{GESPREK}/achtergrond.md": None,
        }
    )
    code, output = run(root)
    assert code == 0, output
    assert "niet af" in output and "0 van 1 gesprekken af" in output
    assert "mist voor de kring: Gebed" in output
    assert "mist materiaal voor: Gezin" in output
    assert "mist een achtergrond voor de leiding" in output


def test_placeholder_text_and_hard_text_are_marked_per_file(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{GESPREK}/gebed.md": "---\nonderdeel: gebed\nduur: 10\n---\nVervang deze tekst.\n",
            f"{GESPREK}/groep-3-5.md": "---\nonderdeel: bijbelstudie\ndoelgroep: groep-3-5\n"
            "doel: Leren.\ntijd: 30 minuten\nbenodigdheden: [Bijbel]\n"
            "liederen:\n  - {bundel: Ps, nummer: 42, titel: Psalm 42}\n---\n" + HARD + "\n",
            f"{GESPREK}/gezin.md": "---\nonderdeel: gebed\ndoelgroep: gezin\n---\n" + EASY + "\n",
        }
    )
    code, output = run(root)
    assert code == 0, output
    assert f"{GESPREK}/gebed.md: 1× tijdelijke tekst" in output
    hard_line = next(line for line in output.splitlines() if "groep-3-5.md" in line)
    assert ": te moeilijk voor groep 3-5 (80–130; hoger is makkelijker)" in hard_line
    assert "gezin.md" not in output  # easy enough for a family: not marked
    assert "1 bestand buiten zijn leesbaarheid; 1× tijdelijke tekst" in output


def test_json_gives_every_file_with_its_figure_and_band(make_project: MakeProject) -> None:
    gezin = "---\nonderdeel: gebed\ndoelgroep: gezin\n---\n" + EASY
    root = make_project({f"{GESPREK}/gezin.md": gezin})
    code, output = run(root, "--format", "json")
    assert code == 0, output
    data = json.loads(output)
    (gesprek,) = data["gesprekken"]
    assert gesprek["titel"] == "Kom en zie" and gesprek["af"] is True
    files = {f["bestand"].rsplit("/", 1)[1]: f for f in gesprek["bestanden"]}
    assert files["gezin.md"]["band"] == [75, 130] and files["gezin.md"]["buiten_band"] is False
    assert files["gezin.md"]["leesbaarheid"] > 90
    assert files["gezin.md"]["woorden"] == len(EASY.split())
    assert files["gebed.md"]["leesbaarheid"] is None  # "Tekst.": too short to measure


def test_html_report_is_written_to_a_file_with_the_marks(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{GESPREK}/_gesprek.md": "---\ntitel: Kom <en> zie\nbijbelgedeelte: Johannes 1:35-51\n"
            "---\nInleiding.\n",
            f"{GESPREK}/gebed.md": None,
        }
    )
    target = root / "output/status/index.html"
    code, output = run(root, "--format", "html", "-o", str(target))
    assert code == 0, output
    assert "output/status/index.html" in output
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and 'lang="nl"' in html
    assert "Kom &lt;en&gt; zie" in html and "<en>" not in html
    assert "Gebed" in html and "niet af" in html


def test_a_bad_band_in_focus_yaml_is_a_diagnostic(make_project: MakeProject) -> None:
    root = make_project()
    config = (root / "focus.yaml").read_text(encoding="utf-8")
    (root / "focus.yaml").write_text(
        config.replace("leesbaarheid: [80, 130]", "leesbaarheid: [90, 20]"), encoding="utf-8"
    )
    code, output = run(root)
    assert code == 1
    assert "focus.yaml:" in output and "'leesbaarheid' is [van, tot]" in output
    assert "Traceback" not in output


def test_the_html_report_fits_a_phone(make_project: MakeProject, browser: Browser) -> None:
    """An editor reads the overview on a phone: each gesprek a labelled card, nothing
    sideways (its five-column table was 628 px wide at 375)."""
    root = make_project({f"{GESPREK}/gebed.md": None})
    target = root / "output/status/index.html"
    code, output = run(root, "--format", "html", "-o", str(target))
    assert code == 0, output
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(target.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    label = page.evaluate(
        "getComputedStyle(document.querySelector('td[data-label=\"Ontbreekt\"]'), "
        "'::before').content"
    )
    assert "Ontbreekt" in label
    assert "mist Gebed" in page.locator("tbody tr").first.inner_text()
    context.close()


def test_the_report_is_never_written_over_a_file_of_the_project(make_project: MakeProject) -> None:
    """`status --format html -o focus.yaml` replaced the project's settings with the
    report, and every command failed after it. A report into focus.yaml, content/,
    layouts/ or gemeenten/ is refused (exit 2), and nothing changes."""
    root = make_project()
    settings = (root / "focus.yaml").read_bytes()
    for target in ("focus.yaml", "content/stand.html", "layouts/stand.html"):
        result = CliRunner().invoke(
            cli, ["status", "-p", str(root), "--format", "html", "-o", str(root / target)]
        )
        assert result.exit_code == 2, result.output
        assert "hoort bij het project" in result.output, result.output
    assert (root / "focus.yaml").read_bytes() == settings
    assert not (root / "content/stand.html").exists()
    assert not (root / "layouts/stand.html").exists()
    beside = CliRunner().invoke(cli, ["status", "-p", str(root), "-o", str(root / "stand.txt")])
    assert beside.exit_code == 0, beside.output
