"""The GitHub workflows are valid and run the README's commands."""

from __future__ import annotations

from typing import Any

import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def runs(workflow: dict[Any, Any]) -> list[str]:
    return [
        step["run"]
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "run" in step
    ]


def test_every_workflow_has_a_trigger_and_jobs_with_steps() -> None:
    names = sorted(p.name for p in WORKFLOWS.glob("*.yml"))
    assert names == ["publish.yml", "pull-request.yml"]
    for name in names:
        workflow = load(name)
        assert True in workflow or "on" in workflow  # YAML 1.1 reads 'on' as True
        for job in workflow["jobs"].values():
            assert "runs-on" in job
            assert job.get("steps") or job.get("uses"), name
            for step in job.get("steps", []):
                assert ("run" in step) != ("uses" in step), (name, step)


def test_pull_requests_are_checked_with_annotations_on_changed_files() -> None:
    commands = " ".join(runs(load("pull-request.yml")))
    assert "pip install -e ." in commands
    assert "focusbuild check --strict --changed" in commands and "--format github" in commands
    assert "focusbuild build" in commands
    assert "focusbuild status --format html -o output/site/status/index.html" in commands
    assert 'focusbuild diff "origin/${{ github.base_ref }}"' in commands
    assert "--body-file output/diff/samenvatting.md" in commands
    text = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    assert "name: pdf-verschillen\n          path: output/diff/" in text


def test_main_publishes_the_site_but_never_the_leader_guides() -> None:
    workflow = load("publish.yml")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    build = next(
        line.strip() for line in readme.splitlines() if line.rstrip().endswith("focusbuild build")
    )
    assert "pip install -e ." in build
    assert any(command.startswith(build) for command in runs(workflow)), build
    text = (WORKFLOWS / "publish.yml").read_text(encoding="utf-8")
    assert "path: output/site/" in text and "path: output/leiders" not in text
