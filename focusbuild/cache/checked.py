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
from focusbuild.cache.files import load, save
from focusbuild.config import CONFIG_NAME
from focusbuild.gemeenten.profiles import FOLDER as GEMEENTEN

NAME = "check.pickle"


def _stats(folder: Path, root: Path) -> list[str]:
    found: list[str] = []
    for current, folders, names in os.walk(folder, followlinks=False):
        folders.sort()
        here = Path(current)
        for name in sorted(names) + [f + "/" for f in folders]:
            path = here / name.rstrip("/")
            try:
                link = path.lstat()
                info = path.stat() if os.path.islink(path) else link
            except OSError:
                found.append(f"{path}:missing")
                continue
            rel = os.path.relpath(path, root)
            found.append(f"{rel}:{info.st_size}:{info.st_mtime_ns}:{link.st_mtime_ns}")
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
        stored = load(self.path) if self.reuse else None
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == wanted:
            found: object = stored[1]
            return found
        return None

    def put(self, wanted: str, result: object) -> None:
        save(self.path, (wanted, result))
