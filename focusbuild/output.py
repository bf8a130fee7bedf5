"""Write a build into a staging folder, then swap it into place.

A build writes everything under `OUTPUT/.focusbuild-staging-*/`. Only when
every product is complete does `commit` move each product folder (`site`,
`leiders`) into OUTPUT. On Linux the new and the old folder are exchanged in
one atomic step (renameat2 RENAME_EXCHANGE), so a reader or a killed build
sees the old or the new site, never none; elsewhere two renames do it. A
failed or killed build leaves its staging folder behind (removed by the next
build) and the last good output untouched.

The folder a swap takes out is kept as a spare (`OUTPUT/.cache/spare/`) and
the next build starts from it (`recycle`): a file that is already what the
build puts there stays, others are replaced, and what the build does not
claim is removed before the swap. After a small edit only a few files
change, and no folder has to be made again: creating a few hundred folders
costs more than rendering the pages that changed.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from focusbuild.paths import inside

STAGING_PREFIX = ".focusbuild-staging-"
OLD_PREFIX = ".focusbuild-old-"
LOCK_NAME = ".focusbuild.lock"
CACHE = ".cache"  # OUTPUT/.cache: what builds keep for the next one (incremental.py)
SPARE = f"{CACHE}/spare"
#: Output folders never kept as a spare (see `_keep_spare`).
PRIVATE = frozenset({"gemeenten"})


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


def link_or_copy(source: Path | str, target: Path | str) -> None:
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


class OutputOverlaps(RuntimeError):
    """The output folder would put a folder of the output where the project has one."""


def overlap(
    output: Path, root: Path, sources: tuple[Path, ...], roots: tuple[str, ...]
) -> str | None:
    """Why `output` may not be a build's output folder, or None. A build replaces each of
    its folders (`roots`, and its cache) whole: with `-o` set to the project, or into
    content/, one of them was the project's own gemeenten/ or content/nieuwsbrief/, and
    the profiles and editions were gone. So no folder of the output may be, hold or lie
    inside one of the project's `sources` (content, layouts, gemeenten, focus.yaml), nor
    be or hold the project folder itself."""
    output, root = output.resolve(), root.resolve()
    for name in (*roots, CACHE):
        folder = output / name
        if inside(root, (folder,)):
            return f"'{name}/' daarin zou het project zelf vervangen"
        for source in sources:
            source = source.resolve()
            if inside(folder, (source,)) or inside(source, (folder,)):
                return f"'{name}/' daarin valt samen met {source.name} van het project"
    return None


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
        self._base = str(self.root) + "/"
        self._folders: set[str] = set()  # made already: one mkdir per folder, not per file
        self._recycled: list[str] = []  # products started from the spare of the last build

    def recycle(self, products: tuple[str, ...]) -> None:
        """Start these products from the folders the last build swapped out, if kept."""
        for product in products:
            spare = self.output / SPARE / product
            if "/" not in product and spare.is_dir() and not (self.root / product).exists():
                spare.rename(self.root / product)
                self._recycled.append(product)

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

    def _claim(self, rel: str) -> tuple[str, os.stat_result | None]:
        """Claim `rel` (e.g. "site/blok1/index.html"): its path, and what a recycled folder
        already has there. The writers below never write into an existing file (output
        files may be linked to files in the cache): they keep it or replace it. Plain
        strings, not `Path`: this runs for every file of the site on every build."""
        if rel in self._written:
            raise DuplicateOutput(f"twee uitvoerbestanden op één pad: {rel}")
        self._written.add(rel)
        target = f"{self._base}{rel}"
        folder = target.rpartition("/")[0]
        if folder not in self._folders:
            self._make_folder(Path(folder))
            self._folders.add(folder)
        if not self._recycled:
            return target, None
        try:
            return target, os.lstat(target)
        except FileNotFoundError:
            return target, None

    def _make_folder(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            # a recycled file where a folder must come (at any depth): remove it
            for above in reversed((folder, *folder.parents)):
                if above != self.root and self.root in above.parents and above.is_file():
                    above.unlink()
                    break
            folder.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def _clear(target: str, found: os.stat_result | None) -> None:
        if found is None:
            return
        if stat.S_ISDIR(found.st_mode):
            shutil.rmtree(target)
        else:
            os.unlink(target)

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        target, found = self._claim(rel)
        same_size = found is not None and stat.S_ISREG(found.st_mode) and found.st_size == len(data)
        if same_size:
            with open(target, "rb") as file:
                if file.read() == data:
                    return  # the recycled folder has these bytes here already
        self._clear(target, found)
        with open(target, "wb") as file:
            file.write(data)

    def copy(self, rel: str, source: Path) -> None:
        """A copy with the source's modification time, so browsers keep theirs cached."""
        target, found = self._claim(rel)
        if found is not None and stat.S_ISREG(found.st_mode):
            original = os.stat(source)
            same = (found.st_size, found.st_mtime_ns) == (original.st_size, original.st_mtime_ns)
            # and the source has not been replaced since the copy was made (cp -p, rsync -t
            # keep the time but not the change time)
            if same and original.st_ctime_ns <= found.st_ctime_ns:
                return  # the recycled copy is this file already
        self._clear(target, found)
        shutil.copy2(source, target)

    def link(self, rel: str, source: Path) -> None:
        """Put a cached file in place (see `link_or_copy`)."""
        target, found = self._claim(rel)
        if found is not None and stat.S_ISREG(found.st_mode):
            original = os.stat(source)
            if (found.st_ino, found.st_dev) == (original.st_ino, original.st_dev):
                return  # the recycled folder links this very file already
        self._clear(target, found)
        link_or_copy(source, target)

    def _prune(self) -> None:
        """Remove from the recycled folders what this build did not claim."""
        for product in self._recycled:
            top = self.root / product
            for folder, dirs, files in os.walk(top, topdown=False):
                rel = os.path.relpath(folder, self.root).replace(os.sep, "/")
                for name in files:
                    if f"{rel}/{name}" not in self._written:
                        os.unlink(os.path.join(folder, name))
                for name in dirs:
                    path = os.path.join(folder, name)
                    if os.path.islink(path):
                        os.unlink(path)
                    elif not os.listdir(path):
                        os.rmdir(path)

    def _keep_spare(self, product: str) -> None:
        """After a swap the old product is in the staging folder: keep it for the next build
        (only an optimisation: when that fails, it is removed with the staging folder).
        Not the gemeenten' folders: the old one holds the names and contacts of a
        gemeente whose profile may just have been removed."""
        if "/" in product or product in PRIVATE:
            return
        spare = self.output / SPARE
        try:
            spare.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(spare / product, ignore_errors=True)
            (self.root / product).rename(spare / product)
        except OSError:
            pass

    def commit(self, products: tuple[str, ...]) -> None:
        self._prune()
        exchanged = []
        for product in products:
            new = self.root / product
            if not new.exists():
                continue
            current = self.output / product
            current.parent.mkdir(parents=True, exist_ok=True)
            if current.is_dir() and _exchange(new, current):
                exchanged.append(product)  # swapped in one step; the old one is in staging
                continue
            old = None
            if current.exists():
                old = (
                    Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=self.output)) / Path(product).name
                )
                current.rename(old)
            new.rename(current)
            if old is not None:
                shutil.rmtree(old.parent, ignore_errors=True)
        for product in exchanged:  # only once every product is in place
            self._keep_spare(product)
        self.discard()

    def discard(self) -> None:
        # A failed build's half-updated folders go too: the next build starts afresh.
        shutil.rmtree(self.root, ignore_errors=True)
        self._lock.close()  # releases the lock
