"""The last build's check, reused while no file it read has changed.

A check reads every file of the project (2,000 sections: about 0.7 s of YAML
and Markdown); a build with nothing changed must not. The key is what make and
Hugo look at: the name, size and modification time of every file and folder
the check reads (`focus.yaml`, `content/`, `gemeenten/`), plus the code, the
content folder and the build date (news and agenda depend on it). Symbolic
links are stat-ed as links and as what they point to. When the key is the same
the stored result (the model and the diagnostics) is used as it is; any change
makes a full check, so reusing it never hides a mistake.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from focusbuild.cache import fingerprint
from focusbuild.cache.files import load_keyed, save_keyed
from focusbuild.gemeenten.profiles import FOLDER as GEMEENTEN
from focusbuild.paths import CONFIG_NAME, relative

NAME = "check.pickle"


def _stats(folder: Path, root: Path) -> list[str]:
    """Every file and folder below `folder`, folder by folder in name order, with its size
    and times. Plain strings and `os.scandir`, not `Path` and `os.path.relpath`: this runs
    for every file on every build (a third of a build with nothing changed went to it)."""
    found: list[str] = []
    base = str(root) + os.sep

    def rel(path: str) -> str:
        return relative(path, base, root)

    todo = [str(folder)]
    while todo:
        current = todo.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            found.append(f"{rel(current)}:unreadable")
            continue
        below = []
        for entry in entries:
            try:
                link = entry.stat(follow_symlinks=False)
                info = os.stat(entry.path) if entry.is_symlink() else link
            except OSError:
                found.append(f"{rel(entry.path)}:missing")
                continue
            found.append(f"{rel(entry.path)}:{info.st_size}:{info.st_mtime_ns}:{link.st_mtime_ns}")
            if entry.is_dir(follow_symlinks=False):  # a link to a folder is not followed
                below.append(entry.path)
        todo += reversed(below)
    return found


def key(root: Path, content: Path, today: datetime.date) -> str:
    """What the check read, as it is now."""
    parts = [fingerprint.code(), str(root), str(content), today.isoformat()]
    config = root / CONFIG_NAME
    try:
        info = config.stat()
        parts.append(f"{CONFIG_NAME}:{info.st_size}:{info.st_mtime_ns}")
    except OSError:
        parts.append(f"{CONFIG_NAME}:missing")
    for folder in (content, root / GEMEENTEN):
        parts += _stats(folder, root) if folder.is_dir() else [f"{folder}:none"]
    return fingerprint.combined(parts)


class CheckStore:
    """The check of the last build in OUTPUT/.cache/check.pickle, under its key."""

    def __init__(self, folder: Path, *, reuse: bool = True) -> None:
        self.path = folder / NAME
        self.reuse = reuse

    def get(self, wanted: str) -> object | None:
        found: object = load_keyed(self.path, wanted) if self.reuse else None
        return found

    def put(self, wanted: str, result: object) -> None:
        save_keyed(self.path, wanted, result)
