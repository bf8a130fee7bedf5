"""The project boundary: no path that content names may lead outside it."""

from __future__ import annotations

from pathlib import Path


def inside(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether `path` (resolved) is one of `roots` (resolved) or lies below one."""
    return any(path == root or root in path.parents for root in roots)
