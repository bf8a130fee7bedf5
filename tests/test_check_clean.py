import pytest
from click.testing import CliRunner

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
