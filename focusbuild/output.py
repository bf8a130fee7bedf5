"""Write a build into a staging folder, then swap it into place.

A build writes everything under `OUTPUT/.focusbuild-staging-*/`. Only when
every product is complete does `commit` move each product folder (`site`,
`leiders`) into OUTPUT. On Linux the new and the old folder are exchanged in
one atomic step (renameat2 RENAME_EXCHANGE), so a reader or a killed build
sees the old or the new site, never none; elsewhere two renames do it. A
failed or killed build leaves its staging folder behind (removed by the next
build) and the last good output untouched.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import sys
import tempfile
from pathlib import Path

STAGING_PREFIX = ".focusbuild-staging-"
OLD_PREFIX = ".focusbuild-old-"
LOCK_NAME = ".focusbuild.lock"


_RENAME_EXCHANGE = 2  # from linux/fs.h


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100
    done = renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(done == 0)


def link_or_copy(source: Path, target: Path) -> None:
    """Put a file in a second place without copying its bytes (a hard link), else copy it.

    Output and cache may share files: no build writes into a file that is
    already there, every build writes new files.
    """
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


class OutputBusy(RuntimeError):
    """Another build is writing to the same output folder."""


class DuplicateOutput(RuntimeError):
    """Two outputs claimed one path: a bug in focusbuild, never a content mistake."""


class Staging:
    def __init__(self, output: Path) -> None:
        self.output = output
        output.mkdir(parents=True, exist_ok=True)
        # One build per output folder at a time; the lock goes with the process.
        self._lock = (output / LOCK_NAME).open("a")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            self._lock.close()
            raise OutputBusy(f"er loopt al een build die in {output} schrijft") from error
        self._recover()
        self.root = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output))
        self._written: set[str] = set()
        self._folders: set[Path] = set()  # made already: one mkdir per folder, not per file

    def _recover(self) -> None:
        """Clean up after a killed build; put back a product it had moved aside."""
        for stale in sorted(self.output.iterdir()):
            if not stale.is_dir():
                continue
            if stale.name.startswith(OLD_PREFIX):
                for product in stale.iterdir():  # killed between the two renames
                    if not (self.output / product.name).exists():
                        product.rename(self.output / product.name)
                shutil.rmtree(stale, ignore_errors=True)
            elif stale.name.startswith(STAGING_PREFIX):
                shutil.rmtree(stale, ignore_errors=True)

    def claimed(self, rel: str) -> bool:
        return rel in self._written

    def path(self, rel: str) -> Path:
        """Claim `rel` (e.g. "site/blok1/index.html") and return where to write it."""
        if rel in self._written:
            raise DuplicateOutput(f"twee uitvoerbestanden op één pad: {rel}")
        self._written.add(rel)
        target = self.root / rel
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        return target

    def write_text(self, rel: str, text: str) -> None:
        self.path(rel).write_text(text, encoding="utf-8", newline="\n")

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.path(rel).write_bytes(data)

    def copy(self, rel: str, source: Path) -> None:
        shutil.copyfile(source, self.path(rel))

    def link(self, rel: str, source: Path) -> None:
        """Put a cached file in place (see `link_or_copy`)."""
        link_or_copy(source, self.path(rel))

    def commit(self, products: tuple[str, ...]) -> None:
        for product in products:
            new = self.root / product
            if not new.exists():
                continue
            current = self.output / product
            current.parent.mkdir(parents=True, exist_ok=True)
            if current.is_dir() and _exchange(new, current):
                continue  # swapped in one step; the old product is now in staging
            old = None
            if current.exists():
                old = (
                    Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=self.output)) / Path(product).name
                )
                current.rename(old)
            new.rename(current)
            if old is not None:
                shutil.rmtree(old.parent, ignore_errors=True)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self._lock.close()  # releases the lock
