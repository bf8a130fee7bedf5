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
folder is renamed into `TRASH` (a rename frees no inode) and `empty` removes
them all at the end.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

TRASH_NAME = ".trash"
_count = itertools.count()


def set_aside(path: Path, work: Path) -> None:
    """Move `path` (if it exists) into the trash folder of `work` (on the same disk)."""
    if not path.exists() and not path.is_symlink():
        return
    trash = work / TRASH_NAME
    trash.mkdir(parents=True, exist_ok=True)
    path.rename(trash / f"{os.getpid()}-{next(_count)}-{path.name}")


def empty(work: Path) -> None:
    """Delete what was set aside: after the last measurement only."""
    shutil.rmtree(work / TRASH_NAME, ignore_errors=True)
