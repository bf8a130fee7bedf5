from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.corpus import MIN_SECTIONS, SHAPES, generate, write_all
from focusbuild.check import check_project
from focusbuild.cli import cli
from tests.conftest import MakeProject


def test_base_project_is_clean(make_project: MakeProject) -> None:
    result = check_project(make_project())
    assert result.diagnostics == ()
    assert result.site is not None


def test_check_reports_counts_in_dutch(make_project: MakeProject) -> None:
    root = make_project()
    out = CliRunner().invoke(cli, ["check", "-p", str(root), "--strict"])
    assert out.exit_code == 0, out.output
    assert "In orde: 1 blok, 0 katernen, 1 gesprek, 13 onderdelen, 1 pagina." in out.output


def test_check_defaults_to_current_directory(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(make_project())
    out = CliRunner().invoke(cli, ["check"])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("In orde:")


def test_commands_find_the_project_from_a_folder_inside_it(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor in content/blok1 runs `check` and `build` there, as git works from
    any folder of its repository: the project is the nearest folder with focus.yaml."""
    root = make_project()
    monkeypatch.chdir(root / "content" / "blok1")
    runner = CliRunner()
    out = runner.invoke(cli, ["check"])
    assert out.exit_code == 0, out.output
    assert out.stdout.startswith("In orde: 1 blok")
    assert out.stderr == f"Projectmap: {root}\n"  # which project, since it is not here
    built = runner.invoke(cli, ["build", "--only", "site", "-q"])
    assert built.exit_code == 0, built.output
    assert (root / "output" / "site" / "index.html").is_file()
    assert not (root / "content" / "blok1" / "output").exists()


def test_a_focus_yaml_of_another_user_above_is_passed_over(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A focus.yaml in a shared folder such as /tmp, which someone else put there, would
    make its layouts run for whoever runs focusbuild below it (as git's CVE-2022-24765)."""
    import os

    from focusbuild import paths

    root = make_project()
    inner = root / "content" / "blok1"
    assert paths.find_project(inner) == root
    mine = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: mine + 1)  # now someone else's
    assert paths.find_project(inner) is None
    assert paths.find_project(root) == root  # here, not above: the user chose it


def test_check_writes_nothing(make_project: MakeProject) -> None:
    """After a build and an edit, a check changes no byte and no time in the project:
    not in content/, not in output/ (nor in the build's cache there)."""
    root = make_project()
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "-p", str(root), "--only", "site"]).exit_code == 0
    assert (root / "output" / ".cache").is_dir()
    (root / "content/blok1/01-kom-en-zie/gebed.md").write_text(
        "---\nonderdeel: gebed\nduur: 10\n---\nBid voor elkaar.\n", encoding="utf-8"
    )

    def snapshot() -> dict[str, tuple[bytes, int]]:
        return {
            p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    before = snapshot()
    for args in (["check"], ["check", "--strict"], ["check", "--format", "github"]):
        assert runner.invoke(cli, [*args, "-p", str(root)]).exit_code == 0
    assert snapshot() == before


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_benchmark_corpus_too_small_for_its_shape_is_refused(shape: str) -> None:
    """The smallest corpus of a shape holds one gesprek in a blok and one in a katern; a
    smaller size is refused with the size it needs (the doelgroepen shape stopped at 20
    sections on an assertion about a negative count)."""
    least = SHAPES[shape].min_sections
    assert generate(least, shape=SHAPES[shape]).sections == least
    with pytest.raises(ValueError, match=f"at least {least} sections"):
        generate(least - 1, shape=SHAPES[shape])


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_benchmark_corpora_pass_the_strict_check(shape: str, tmp_path: Path) -> None:
    """The corpora `benchmarks/` times focusbuild on are what editors give it: they pass
    `check --strict` as the shipped content does (each doelgroep addressed in its own
    form, led material with its aim, time, materials and song, the kring's onderdelen
    filling one evening). A corpus the checks warn about would time a build no editor
    makes, and print a thousand warnings in every timed round."""
    roots = write_all(generate(MIN_SECTIONS * 6, shape=SHAPES[shape]), tmp_path)
    out = CliRunner().invoke(cli, ["check", "--strict", "-p", str(roots["focusbuild"])])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("In orde:"), out.output
