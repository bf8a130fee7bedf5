"""The output as the last build left it: what it consists of, and how its files look.

A build that would write exactly what is there already (equal signature)
writes nothing, unless a file was removed, added, replaced or edited in the
output since: that shows in its size or modification time.
"""

from __future__ import annotations

import os
from pathlib import Path

from focusbuild.cache.files import folder, load, save

_OUTPUT_RECORD = "output.pickle"


def _tree(output: Path, products: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Every file of the products with its size and modification time."""
    found: dict[str, tuple[int, int]] = {}
    base = len(str(output)) + 1  # the folders below are output/…: their paths start with it
    folders = [str(output / product) for product in products]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            else:
                info = entry.stat(follow_symlinks=False)
                found[entry.path[base:]] = (info.st_size, info.st_mtime_ns)
    return found


def remember_output(output: Path, products: tuple[str, ...], signature: str) -> None:
    """Note what the output now consists of, and how its files look on disk."""
    save(folder(output) / _OUTPUT_RECORD, (signature, products, _tree(output, products)))


def forget_output(output: Path) -> None:
    (folder(output) / _OUTPUT_RECORD).unlink(missing_ok=True)


def output_intact(output: Path, products: tuple[str, ...], signature: str) -> bool:
    """Whether the output is what a build with `signature` wrote, untouched since.

    A file that was removed, added, replaced or edited in the output shows
    in its size or modification time, and the build then writes everything.
    """
    record = load(folder(output) / _OUTPUT_RECORD)
    if not isinstance(record, tuple) or record[:2] != (signature, products):
        return False
    return bool(record[2] == _tree(output, products))
