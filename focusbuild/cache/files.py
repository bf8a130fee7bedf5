"""Cache files: written whole in one step, read back only when they are intact.

Every cache file starts with a format line; a file from another version of
focusbuild, a damaged file or a missing one reads as nothing (None), never
as an error: the build then simply makes the product again.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from focusbuild.output import CACHE

#: Bumped when the layout of the cache files changes.
FORMAT = b"focusbuild-cache-2\n"


def folder(output: Path) -> Path:
    """Where a build into `output` keeps what the next build may reuse."""
    return output / CACHE


#: What reading a cache file may raise when it is missing, damaged or from another version.
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError)


def load(path: Path) -> Any:
    """A cache file's contents, or None when it is missing or unreadable."""
    try:
        with path.open("rb") as file:
            if file.read(len(FORMAT)) != FORMAT:
                return None
            return pickle.load(file)
    except _UNREADABLE:
        return None


def load_keyed(path: Path, wanted: str) -> Any:
    """The value `save_keyed` stored under `wanted`, or None. The key is read first and
    the value only when it matches: a build after an edit no longer unpickles the last
    check's model (44 MB for 20,000 sections) only to find that it cannot use it."""
    try:
        with path.open("rb") as file:
            if file.read(len(FORMAT)) != FORMAT:
                return None
            if pickle.load(file) != wanted:
                return None
            return pickle.load(file)
    except _UNREADABLE:
        return None


def save_keyed(path: Path, key: str, value: Any) -> None:
    """Pickle `key`, then `value`, into a cache file, as two pickles (see `load_keyed`)."""

    def write(file: BinaryIO) -> None:
        file.write(FORMAT)
        pickle.dump(key, file, protocol=5)
        pickle.dump(value, file, protocol=5)

    _write_atomic(path, write)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a new file in one step, readable by all like any other output file
    (cached PDFs are linked into the site that a web server serves)."""
    _write_atomic(path, lambda file: file.write(data))


def _write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.fchmod(handle, 0o644)  # mkstemp makes 0600
        with os.fdopen(handle, "wb") as file:
            write(file)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def save(path: Path, value: Any) -> None:
    """Pickle `value` into a cache file, streamed: the pickle of a large site (66 MB for
    the renderings of 20,000 sections) is never held in memory whole."""

    def write(file: BinaryIO) -> None:
        file.write(FORMAT)
        pickle.dump(value, file, protocol=5)

    _write_atomic(path, write)
