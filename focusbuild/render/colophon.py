"""Version and date for the colophon: from git and the content, never from the clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from focusbuild import __version__
from focusbuild.changes import git_quiet
from focusbuild.render.templates import dutch_date
from focusbuild.today import epoch_date


def _git(root: Path, *args: str) -> str | None:
    """git's answer without its line end, or None when git fails or says nothing."""
    return (git_quiet(root, *args) or "").strip() or None


def content_date(root: Path) -> date | None:
    """SOURCE_DATE_EPOCH if set, else the date of the last commit that touched content/."""
    from_epoch = epoch_date()
    if from_epoch is not None:
        return from_epoch
    stamp = _git(root, "log", "-1", "--format=%cs", "--", "content", "focus.yaml")
    return date.fromisoformat(stamp) if stamp else None


def colophon(
    root: Path, partners: list[str], pinned: tuple[str, str] | None = None
) -> dict[str, str]:
    """The colophon's version, date and partners; `pinned` (version, ISO date) replaces
    what git says, so that two builds of different commits can be compared page by page."""
    if pinned is not None:
        version, stamp = pinned
        when = date.fromisoformat(stamp) if stamp else None
    else:
        when = content_date(root)
        # the last commit that changed what the booklets are made of, not the tool
        changed = _git(root, "log", "-1", "--format=%h", "--", "content", "focus.yaml", "layouts")
        version = changed or __version__
    return {
        "version": version,
        "date": when.isoformat() if when else "",
        "date_nl": dutch_date(when, "long") if when else "",
        "partners": " en ".join(partners),
    }
