"""The project as it is at a git ref, checked out beside it as a git worktree."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from focusbuild.changes import git_quiet


class DiffError(Exception):
    """The base cannot be had: no git, no repository, an unknown ref."""


def _git(root: Path, *args: str) -> None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise DiffError("git is niet gevonden; installeer git om te vergelijken") from error
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1:] or ["onbekende fout"]
        raise DiffError(f"git kan de basis niet ophalen: {reason[0]}")


def resolve(root: Path, ref: str) -> str:
    """The commit `ref` names, or a Dutch DiffError that says what to do."""
    if git_quiet(root, "rev-parse", "--is-inside-work-tree") is None:
        raise DiffError(
            f"{root} is geen git-repository, dus focusbuild diff heeft niets om mee te "
            "vergelijken; haal het project op met git clone"
        )
    commit = git_quiet(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit is None:
        raise DiffError(
            f"'{ref}' is geen tak of versie in deze repository; haal hem eerst op "
            "(git fetch) of noem een andere, zoals: focusbuild diff main"
        )
    return commit.strip()


@contextmanager
def checkout(root: Path, commit: str, place: Path) -> Iterator[Path]:
    """The project folder as it is at `commit`, at `place`; removed afterwards."""
    prefix = (git_quiet(root, "rev-parse", "--show-prefix") or "").strip()
    _remove(root, place)
    place.parent.mkdir(parents=True, exist_ok=True)
    _git(root, "worktree", "add", "--detach", "--force", str(place), commit)
    try:
        yield place / prefix
    finally:
        _remove(root, place)


def _remove(root: Path, place: Path) -> None:
    """Take away a worktree (also one a killed run left behind)."""
    if place.exists():
        git_quiet(root, "worktree", "remove", "--force", str(place))
        shutil.rmtree(place, ignore_errors=True)
    git_quiet(root, "worktree", "prune")
