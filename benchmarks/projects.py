"""Helpers the benchmarks that build the shipped content share: a copy of the project
to build, and one timed `focusbuild build` of it in its own process."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import trash


def copy_project(source: Path, work: Path) -> Path:
    """A fresh copy of a project's content, layouts and focus.yaml in `work/project`."""
    project = work / "project"
    trash.set_aside(work, work.parent)  # deleted after the measurements (trash.py)
    project.mkdir(parents=True)
    for name in ("content", "layouts"):
        if (source / name).is_dir():
            shutil.copytree(source / name, project / name)
    shutil.copy(source / "focus.yaml", project / "focus.yaml")
    return project


def timed_build(project: Path, output: Path, *args: str) -> tuple[float, str]:
    """Seconds and report of `focusbuild build` (this interpreter); exits when it fails."""
    command = [sys.executable, "-m", "focusbuild", "build", "-p", str(project), "-o", str(output)]
    started = time.perf_counter()
    done = subprocess.run([*command, *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return seconds, done.stdout
