"""Where the project's parts are: its layouts, and the boundary no path that content
names may lead outside of."""

from __future__ import annotations

import os
from pathlib import Path

LAYOUTS = "layouts"
CONFIG_NAME = "focus.yaml"


def find_project(start: Path) -> Path | None:
    """The nearest folder with focus.yaml: `start` or one above it, as git finds its
    repository from any folder inside it (an editor in content/blok2 runs `check`
    there); None when there is none. Above `start`, a focus.yaml that another user owns
    is passed over: one in a shared folder such as /tmp would make its layouts run
    (git refuses such a repository for the same reason, CVE-2022-24765)."""
    start = start.absolute()
    for folder in (start, *start.parents):
        config = folder / CONFIG_NAME
        if config.is_file() and (folder == start or _own(config)):
            return folder
    return None


def _own(path: Path) -> bool:
    """Whether the current user owns `path` (always, where there are no owners)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or path.stat().st_uid == getuid()


def project_sources(root: Path, content: Path | None = None) -> tuple[Path, ...]:
    """What of the project (`root`, resolved) a command may never write into or over: the
    content (`content`, or root/content), the layouts, the gemeente profiles and
    focus.yaml."""
    return (
        (content or root / "content").resolve(),
        root / LAYOUTS,
        root / "gemeenten",
        root / CONFIG_NAME,
    )


def layouts_of(root: Path) -> Path:
    """The project's layouts, or focusbuild's own when the project has none."""
    own = root / LAYOUTS
    if (own / "site").is_dir():
        return own
    return Path(__file__).resolve().parent.parent / LAYOUTS


def inside(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether `path` (resolved) is one of `roots` (resolved) or lies below one."""
    return any(path == root or root in path.parents for root in roots)


def publishable(path: Path, content: Path) -> str | None:
    """Where a file (resolved) lies below `content`, if it may be copied to the site.

    Only files inside the content folder are published, and none in a folder
    or with a name starting with '.'.
    """
    if not inside(path, (content,)):
        return None
    inner = path.relative_to(content)
    if any(part.startswith(".") for part in inner.parts):
        return None
    return inner.as_posix()


def relative(name: str, base: str, root: Path | str) -> str:
    """`name` relative to the folder `root`, whose path plus a separator is `base`: by
    that prefix where `name` lies below it (`os.path.relpath` normalises both paths on
    every call, and this runs for every file of the project), else by `os.path.relpath`."""
    if name.startswith(base) and os.sep + ".." not in name:
        return name[len(base) :]
    return os.path.relpath(name, root)
