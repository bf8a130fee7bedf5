"""Which files a pull request changed: `focusbuild check --changed [REF]`."""

from __future__ import annotations

import subprocess
from pathlib import Path


class ChangesError(Exception):
    """git could not say what changed (not a repository, unknown ref)."""


def git_quiet(root: Path, *args: str) -> str | None:
    """git's output, or None when it fails (or is missing)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def changed_files(root: Path, ref: str) -> set[str]:
    """Paths relative to the project that differ from `ref` (committed, staged or not),
    plus new files git does not ignore."""

    def git(*args: str) -> list[str]:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *args],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except OSError as error:
            raise ChangesError("git is niet gevonden") from error
        if done.returncode != 0:
            reason = done.stderr.strip().splitlines()[-1:] or ["onbekende fout"]
            raise ChangesError(f"git kan niet vergelijken met '{ref}': {reason[0]}")
        return [line for line in done.stdout.splitlines() if line]

    if git_quiet(root, "rev-parse", "--is-inside-work-tree") is None:
        raise ChangesError(
            f"{root} is geen git-repository, dus --changed kan niets vergelijken; "
            "controleer zonder --changed"
        )
    if git_quiet(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is None:
        raise ChangesError(
            f"'{ref}' is geen tak of versie in deze repository; haal hem eerst op "
            f"(git fetch) of noem een andere, zoals --changed main"
        )
    changed = git("diff", "--name-only", "--relative", ref, "--")
    changed += git("ls-files", "--others", "--exclude-standard")
    return set(changed)


def concerns(path: str, changed: set[str]) -> bool:
    """Whether a diagnostic at `path` is the change's business: the file changed, or it
    is a folder's own file (`_gesprek.md`, `_blok.md`, …) and a file in that folder
    changed. A gesprek's durations that no longer add up to an evening, or a doelgroep
    it now lacks, are reported on its `_gesprek.md`; a partner who changed a section of
    that gesprek must hear it before the build after the merge fails on it."""
    if path in changed:
        return True
    folder, _, name = path.rpartition("/")
    if not name.startswith("_"):
        return False
    prefix = folder + "/" if folder else ""
    return any(other.startswith(prefix) for other in changed)
