"""`focusbuild diff`: a reviewer sees which printed pages a change alters."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from focusbuild.cli import cli
from tests.conftest import GESPREK, MakeProject

WERKBOEK = "site/downloads/focus-blok-1-werkboek.pdf"
#: About a page and a half of prayer: the werkboek grows, the pages after it move.
LONG = (
    "Wie bidt, staat niet alleen. Jezus zelf bidt voor ons bij de Vader, "
    "en de Geest helpt ons in onze zwakheid. "
) * 60


def git(root: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "user.name=Redactie",
            "-c",
            "user.email=r@focus.test",
            *args,
        ],
        check=True,
        capture_output=True,
    )


def committed(make_project: MakeProject) -> Path:
    root = make_project()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Eerste versie")
    return root


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["diff", "main", "-p", str(root), *args])
    return result.exit_code, result.output


def test_a_longer_section_shows_new_and_moved_pages_not_a_changed_booklet(
    make_project: MakeProject,
) -> None:
    root = committed(make_project)
    gebed = root / GESPREK / "gebed.md"
    gebed.write_text(gebed.read_text(encoding="utf-8") + "\n" + LONG + "\n", encoding="utf-8")
    code, output = run(root)
    assert code == 0, output
    line = next(line for line in output.splitlines() if WERKBOEK in line)
    # the section grew by pages; the colophon after it only moved
    assert "bladzijden erbij" in line and "1 bladzijde verschoven" in line, line
    # moved pages are named but not counted: the total is what changed or was added
    counted = sum(int(n) for n in re.findall(r"(\d+) bladzijden? (?:veranderd|erbij) \(", output))
    assert f"{counted} bladzijden veranderd in 2 boekjes" in output  # werkboek, handleiding
    report = root / "output/diff"
    html = (report / "index.html").read_text(encoding="utf-8")
    assert "Was: blz." in html and "Wordt: blz." in html and "nieuwe bladzijde" in html
    summary = (report / "samenvatting.md").read_text(encoding="utf-8")
    assert summary.startswith(f"**{counted} bladzijden veranderd in 2 boekjes**")
    assert f"`{WERKBOEK}`" in summary
    # a changed page is in the report as it was and as it becomes, the change framed in red
    folder = report / "site-downloads-focus-blok-1-werkboek"
    both = [
        p for p in folder.glob("nieuw-*.png") if (folder / p.name.replace("nieuw", "oud")).exists()
    ]
    assert both
    with Image.open(both[0]) as image:
        colours = image.convert("RGB").getcolors(1_000_000) or []
    assert any(colour == (179, 38, 30) for _, colour in colours)
    # the booklets of the doelgroepen do not show the gebed for the kring: not reported
    assert "12-16" not in summary


def test_only_what_changed_is_typeset_and_a_second_run_typesets_nothing(
    make_project: MakeProject,
) -> None:
    root = committed(make_project)
    first = CliRunner().invoke(cli, ["build", "--only", "pdf", "-p", str(root)])
    assert first.exit_code == 0, first.output
    made = len(list((root / "output/site/downloads").glob("*.pdf")))
    gebed = root / GESPREK / "gebed.md"
    gebed.write_text(gebed.read_text(encoding="utf-8") + "\nNog één zin.\n", encoding="utf-8")
    code, output = run(root)
    assert code == 0, output
    # the working tree typesets the two booklets with the kring's gebed, and the base,
    # starting from the working tree's cache, typesets its own two versions of them
    assert "(vergeleken met main; 2 + 2 pdf's gezet" in output, output
    assert made > 4
    code, output = run(root)
    assert "(vergeleken met main; 0 + 0 pdf's gezet" in output, output


def test_no_change_says_no_pages_changed(make_project: MakeProject) -> None:
    root = committed(make_project)
    code, output = run(root)
    assert code == 0, output
    assert "Geen bladzijden veranderd in de" in output


def test_outside_git_and_an_unknown_ref_are_explained_in_dutch(
    make_project: MakeProject,
) -> None:
    root = make_project()
    code, output = run(root)
    assert code == 1 and "geen git-repository" in output
    assert not (root / "output").exists()
    git(root, "init", "-q", "-b", "main")
    result = CliRunner().invoke(cli, ["diff", "origin/main", "-p", str(root)])
    assert result.exit_code == 1
    assert "'origin/main' is geen tak of versie" in result.output
    assert "Traceback" not in result.output
