"""Time focusbuild as the README installs it: with its bytecode written.

The README's install ends with `python -m compileall -q focusbuild`. Where
`PYTHONDONTWRITEBYTECODE` is set (as on this machine and in many containers),
Python writes no `.pyc` itself, so every module changed since that step is
compiled again by every process that imports it: 0.1 s or more per build, which
is most of a build with nothing changed (0.37 s against 0.48-0.54 s on the small
shape, 7 December 2026). A benchmark run after a code change would time that
compiling instead of the build, so each benchmark writes the bytecode first.
"""

from __future__ import annotations

import compileall
import importlib.util
from pathlib import Path


def _package() -> Path:
    spec = importlib.util.find_spec("focusbuild")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("focusbuild is not importable here")
    return Path(next(iter(spec.submodule_search_locations)))


def _stale(folder: Path) -> int:
    """Modules whose bytecode is missing or was compiled from another version of their
    source: the header of a `.pyc` holds the source's time and size, and Python compiles
    again on import when either differs (also when the source's time went back)."""
    count = 0
    for source in folder.rglob("*.py"):
        compiled = Path(importlib.util.cache_from_source(str(source)))
        try:
            header = compiled.read_bytes()[:16]
        except OSError:
            count += 1
            continue
        info = source.stat()
        stamp = (int(info.st_mtime) & 0xFFFFFFFF, info.st_size & 0xFFFFFFFF)
        flags = int.from_bytes(header[4:8], "little") if len(header) == 16 else -1
        found = (int.from_bytes(header[8:12], "little"), int.from_bytes(header[12:16], "little"))
        if flags != 0 or found != stamp:
            count += 1
    return count


def compiled() -> str:
    """Write focusbuild's bytecode where it is out of date; what was done, for the header."""
    folder = _package()
    stale = _stale(folder)
    if stale and not compileall.compile_dir(str(folder), quiet=1):
        raise RuntimeError(f"compileall failed on {folder}")
    return f"focusbuild's bytecode written for {stale} changed modules" if stale else "up to date"
