"""Set folders aside while a benchmark measures; delete them when it is done.

On ext4 without a journal (the disk of the 2-vCPU machines these benchmarks run
on: `/sys/fs/ext4/*/journal_task` is `<none>`), the kernel does not hand out an
inode that was freed less than 60 s ago, or 360 s while its inode-table block
is still dirty (`recently_deleted` in fs/ext4/ialloc.c). Every new file then
scans past each recently freed inode. A build that starts right after a large
`rm -rf` (the previous round's output, the old corpus) spends seconds in the
kernel creating its files. Measured on the 2,000-section references corpus,
7 December 2026: focusbuild 1.0-1.2 s of system time with no deletion in the
minutes before, 3.5-3.9 s right after one of 45,000 files (6.6-6.8 s wall
against 8.4-8.8 s); Hugo + Pagefind 3.5-3.6 s wall against 5.6-6.9 s in the
benchmark's rounds. Which tool paid depended on what the other had just
deleted, so every figure carried the previous build's deletion with it.

So nothing the benchmarks made is deleted until the last measurement: an old
folder is renamed into the trash folder `TRASH_NAME` (a rename frees no inode)
and `empty` removes it at the end. A benchmark started within `SETTLE` seconds
of such a deletion first waits (`settle`), so runs one after another do not
measure each other's deletions either.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

TRASH_NAME = ".focusbuild-benchmark-trash"  # a name of its own: never a user's ~/.Trash
EMPTIED = ".focusbuild-benchmark-emptied"  # when a trash beside it was last emptied
SETTLE = 90  # seconds: the freed inodes' table blocks are written back and 60 s old


def set_aside(path: Path, beside: Path) -> None:
    """Move `path` (if it exists) into the trash folder in `beside` (on the same disk);
    where it cannot be moved (another disk, a mount point), delete it now."""
    if not path.exists() and not path.is_symlink():
        return
    trash = beside / TRASH_NAME
    trash.mkdir(parents=True, exist_ok=True)
    holder = Path(tempfile.mkdtemp(dir=trash))  # a new folder per item: no name collides
    try:
        path.rename(holder / path.name)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


def empty(beside: Path) -> None:
    """Delete what was set aside in `beside`: after the last measurement only."""
    trash = beside / TRASH_NAME
    if trash.exists():
        shutil.rmtree(trash, ignore_errors=True)
        beside.mkdir(parents=True, exist_ok=True)
        (beside / EMPTIED).touch()


def settle(*places: Path) -> None:
    """Wait until `SETTLE` seconds have passed since a trash in `places` was emptied."""
    last = 0.0
    for place in places:
        try:
            last = max(last, (place / EMPTIED).stat().st_mtime)
        except OSError:
            continue
    wait = last + SETTLE - time.time()
    if wait > 0:
        print(f"waiting {wait:.0f} s: the last run deleted its folders", file=sys.stderr)
        time.sleep(wait)
