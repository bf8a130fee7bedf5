"""`focusbuild check --changed`: a partner's pull request hears only about its own files."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner

from focusbuild.cli import cli
from tests.conftest import GESPREK, MakeProject


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def repository(make_project: MakeProject) -> Path:
    root = make_project({f"{GESPREK}/lied.md": "---\nonderdeel: liedd\n---\nTekst.\n"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    return root


def test_only_problems_in_changed_files_are_reported(make_project: MakeProject) -> None:
    root = repository(make_project)  # lied.md has an old error, not this change's fault
    (root / f"{GESPREK}/gebed.md").write_text("---\nonderdeel: gebd\n---\nTekst.\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["check", "-p", str(root), "--changed", "main", "--format", "github"]
    )
    assert result.exit_code == 1
    assert f"file={GESPREK}/gebed.md,line=2" in result.output
    assert "lied.md" not in result.output


def test_a_clean_change_passes_even_with_old_problems_elsewhere(make_project: MakeProject) -> None:
    root = repository(make_project)
    (root / f"{GESPREK}/gebed.md").write_text("---\nonderdeel: gebed\n---\nBeter.\n", "utf-8")
    result = CliRunner().invoke(cli, ["check", "-p", str(root), "--changed", "main"])
    assert result.exit_code == 0, result.output
    assert "1 melding in bestanden die niet veranderd zijn, niet getoond" in result.output


def test_an_unknown_ref_is_a_usage_error(make_project: MakeProject) -> None:
    root = repository(make_project)
    result = CliRunner().invoke(cli, ["check", "-p", str(root), "--changed", "bestaat-niet"])
    assert result.exit_code == 2
    assert "'bestaat-niet' is geen tak of versie in deze repository" in result.output


def test_a_change_hears_what_it_causes_in_its_gesprek(make_project: MakeProject) -> None:
    """A longer prayer makes the gesprek's evening too long; the warning stands on the
    gesprek's `_gesprek.md`, which the change did not touch. The pull request's check
    reports it, rather than pass and leave the build after the merge to fail on it."""
    root = repository(make_project)
    (root / f"{GESPREK}/lied.md").write_text("---\nonderdeel: lied\nduur: 5\n---\nT.\n", "utf-8")
    git(root, "commit", "-q", "-am", "lied in orde")
    (root / f"{GESPREK}/gebed.md").write_text(
        "---\nonderdeel: gebed\nduur: 25\n---\nTekst.\n", "utf-8"
    )
    result = CliRunner().invoke(
        cli, ["check", "-p", str(root), "--strict", "--changed", "main", "--format", "github"]
    )
    assert result.exit_code == 1, result.output
    assert f"file={GESPREK}/_gesprek.md" in result.output
    # an old problem in another section of the same gesprek is still not this change's
    (root / f"{GESPREK}/gebed.md").write_text(
        "---\nonderdeel: gebed\nduur: 10\n---\nKort.\n", "utf-8"
    )
    git(root, "commit", "-q", "-am", "gebed")
    (root / f"{GESPREK}/lied.md").write_text("---\nonderdeel: liedd\n---\nT.\n", "utf-8")
    git(root, "commit", "-q", "-am", "een oude fout")
    (root / f"{GESPREK}/gebed.md").write_text(
        "---\nonderdeel: gebed\nduur: 10\n---\nBeter.\n", "utf-8"
    )
    clean = CliRunner().invoke(cli, ["check", "-p", str(root), "--changed", "main"])
    assert clean.exit_code == 0, clean.output
    assert "lied.md" not in clean.output and "In orde" not in clean.output
    assert "niet getoond" in clean.output
