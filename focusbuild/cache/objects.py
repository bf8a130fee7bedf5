"""Finished files of earlier builds, by key, with a guard against edits in place."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from focusbuild.cache.files import load, save, write_atomic
from focusbuild.output import link_or_copy


class Objects:
    """Finished files of earlier builds, named by their key: a page `KEY.html`, a PDF
    `KEY.pdf`, the search index a folder `KEY/`.

    Cached files may be hard-linked into the output, so an edit made in the
    output in place would also change the cache. The index therefore keeps
    the size and modification time of every file as it was stored; a file
    that no longer matches is not reused. Files are written under a
    temporary name and renamed when complete; the index is written last.
    """

    INDEX = ".index"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        loaded = load(folder / self.INDEX)
        self._index: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
        self._used: dict[str, Any] = {}

    def _valid(self, name: str) -> Path | None:
        path = self.folder / name
        try:
            info = path.stat()
        except OSError:
            return None
        if self._index.get(name) != (info.st_size, info.st_mtime_ns):
            return None
        self._used[name] = self._index[name]
        return path

    def _stored(self, name: str, path: Path) -> None:
        info = path.stat()
        self._index[name] = self._used[name] = (info.st_size, info.st_mtime_ns)

    def adopt(self, key: str, suffix: str) -> None:
        """Take a file that another process of this build stored into the index."""
        self._stored(key + suffix, self.folder / (key + suffix))

    def file(self, key: str, suffix: str) -> Path | None:
        """The stored file, unless it is missing or was changed since."""
        return self._valid(key + suffix)

    def put_file(self, key: str, suffix: str, source: Path) -> Path:
        """Store `source` (linked where possible) and return the stored file."""
        name = key + suffix
        found = self._valid(name)
        if found is not None:
            return found
        target = self.folder / name
        temporary = self.folder / f".tmp-{os.getpid()}-{name}"
        temporary.unlink(missing_ok=True)
        link_or_copy(source, temporary)
        os.replace(temporary, target)
        self._stored(name, target)
        return target

    def move_in(self, key: str, suffix: str, source: Path) -> Path:
        """Store a finished file of this build by renaming it (it must lie in the folder)."""
        name = key + suffix
        target = self.folder / name
        os.replace(source, target)
        self._stored(name, target)
        return target

    def put_bytes(self, key: str, suffix: str, data: bytes) -> Path:
        name = key + suffix
        target = self.folder / name
        write_atomic(target, data)
        self._stored(name, target)
        return target

    def tree(self, key: str) -> list[tuple[str, Path]] | None:
        """The files of a stored folder as (path inside it, file), or None."""
        inner = self._index.get(key + "/")
        if not isinstance(inner, tuple):
            return None
        found = []
        for name in inner:
            path = self._valid(f"{key}/{name}")
            if path is None:
                return None
            found.append((name, path))
        self._used[key + "/"] = inner
        return found

    def move_tree(self, key: str, source: Path, names: list[str]) -> list[tuple[str, Path]]:
        """Store a folder this build wrote beside the cache by renaming it; its files
        (`names`, paths inside it) as (path inside it, stored file)."""
        target = self.folder / key
        shutil.rmtree(target, ignore_errors=True)
        source.rename(target)
        for name in names:
            self._stored(f"{key}/{name}", target / name)
        self._index[key + "/"] = self._used[key + "/"] = tuple(names)
        return [(name, target / name) for name in names]

    def keep_used(self, *, prune: bool = True) -> None:
        """Remove everything this build did not use (and leftovers of killed builds);
        without `prune`, only save the index."""
        if not prune:
            save(self.folder / self.INDEX, self._index)
            return
        folders = {name.split("/", 1)[0] for name in self._used if "/" in name}
        for path in self.folder.iterdir():
            if path.name == self.INDEX:
                continue
            if path.is_dir():
                if path.name not in folders:
                    shutil.rmtree(path, ignore_errors=True)
            elif path.name not in self._used:
                path.unlink(missing_ok=True)
        save(self.folder / self.INDEX, self._used)
