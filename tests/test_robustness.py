"""Broken input of any shape: a Dutch diagnostic and exit 1, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from focusbuild.cli import cli
from tests.conftest import GESPREK, MakeProject

NASTY = [
    "",
    "---",
    "---\n---",
    "\x00\x01\x02",
    "---\nonderdeel: {a: b}\n---\n",
    "---\nonderdeel: [[lied]]\n---\n",
    "---\nonderdeel: lied\nliederen: x\n---\n",
    "---\nonderdeel: lied\nliederen:\n  - {bundel: [Ps], nummer: x, titel: 3}\n---\n",
    "---\nonderdeel: 2024-01-01\n---\n",
    "---\n? [a, b]\n: c\n---\n",
    "---\n&a [*a]\n---\n",
    "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n",
    "---\nonderdeel: lied\ntitel: !!python/object:os.system x\n---\n",
    "---\nonderdeel: lied\nduur: 1e400\n---\n",
    "---\nonderdeel: lied\nvideo: javascript:alert(1)\n---\n",
    "---\nonderdeel: lied\n---\n[x](<>)\n![](#)\n[y](%zz)\n[z](..)\n![](.)\n",
    "---\nonderdeel: lied\n---\n:::\n:::\n::: lied\n",
    "---\nonderdeel: lied\n---\n" + "Joh. 999:999-1:1 " * 5,
    "---\nonderdeel: []\n---\n",
    "---\n1: x\nonderdeel: lied\n---\n",
    '---\nonderdeel: "lied\n---\n',
]
TARGETS = [f"{GESPREK}/gebed.md", "content/blok1/_blok.md", "content/liederen.yaml", "focus.yaml"]


@pytest.mark.parametrize("target", TARGETS)
def test_nasty_input_gives_diagnostics_not_tracebacks(
    make_project: MakeProject, target: str
) -> None:
    for index, text in enumerate(NASTY):
        root = make_project({target: text})
        result = CliRunner().invoke(cli, ["check", "-p", str(root)])
        assert isinstance(result.exception, SystemExit | None), (index, result.exception)
        assert result.exit_code in (0, 1), (index, result.output)
        if result.exit_code == 1:
            assert ": fout: " in result.output, (index, result.output)


def test_symlink_out_of_the_project_is_refused(make_project: MakeProject, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.md"
    secret.write_text("---\nonderdeel: gebed\n---\nGEHEIM\n", encoding="utf-8")
    root = make_project()
    os.symlink(secret, root / GESPREK / "extra.md")
    result = CliRunner().invoke(cli, ["check", "-p", str(root)])
    assert result.exit_code == 1
    assert f"{GESPREK}/extra.md:1:1: fout: snelkoppeling (symlink) wijst buiten het project" in (
        result.output
    )


@pytest.mark.parametrize(
    "command",
    [
        ["build", "--only", "site", "-o", "{file}/uitvoer"],
        ["status", "--format", "html", "-o", "{file}/status.html"],
    ],
    ids=["build", "status"],
)
def test_an_output_path_the_system_refuses_is_a_dutch_error(
    make_project: MakeProject, tmp_path: Path, command: list[str]
) -> None:
    """An output folder inside a file (a typo, a name taken): one Dutch line that names
    the path, exit 1, never a traceback."""
    import subprocess
    import sys

    root = make_project()
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")
    args = [a.replace("{file}", str(blocker)) for a in command]
    done = subprocess.run(
        [sys.executable, "-m", "focusbuild", *args, "-p", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Fout: {blocker}") and "geen map" in done.stderr


def with_epoch(epoch: str, *args: str) -> subprocess.CompletedProcess[str]:
    """focusbuild in a process of its own with SOURCE_DATE_EPOCH set; a command that does
    not stop within a minute fails the test (serve would run until stopped)."""
    return subprocess.run(
        [sys.executable, "-m", "focusbuild", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
        timeout=60,
    )


@pytest.mark.parametrize("epoch", ["²", "99999999999999", "253402300800", "1e9"])
def test_a_source_date_epoch_that_is_no_moment_is_a_dutch_error(
    make_project: MakeProject, epoch: str
) -> None:
    """SOURCE_DATE_EPOCH fixes the build's date for reproducible output. "²" passed
    `isdigit()` and a year past 9999 overflowed: a traceback. Now a Dutch line, exit 1,
    as reproducible-builds.org asks of a malformed value (not a build on another date)."""
    root = make_project()
    done = with_epoch(epoch, "build", "-p", str(root), "--only", "site")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Fout: SOURCE_DATE_EPOCH='{epoch}' is geen tijdstip")
    assert not (root / "output").exists()


def test_a_named_pipe_among_the_texts_is_a_dutch_error_not_a_wait(
    make_project: MakeProject,
) -> None:
    """A named pipe called extra.md made check and build wait for ever, reading it."""
    root = make_project()
    os.mkfifo(root / GESPREK / "extra.md")
    result = CliRunner().invoke(cli, ["check", "-p", str(root)])
    assert result.exit_code == 1, result.output
    assert f"{GESPREK}/extra.md:1:1: fout: dit is geen gewoon bestand" in result.output


def test_serve_says_at_once_that_source_date_epoch_is_no_moment(make_project: MakeProject) -> None:
    """serve builds in a thread beside its web server: there the same mistake was a
    traceback in the terminal and a stuck page. It is said before anything starts."""
    root = make_project()
    done = with_epoch("²", "serve", "-p", str(root), "--port", "0")
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Fout: SOURCE_DATE_EPOCH='²' is geen tijdstip"), done.stderr
