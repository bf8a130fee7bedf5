"""Reuse the work of the last build: traces of what each product read.

Every product (a page, a publication, the search index) is a function of the
environment, the skeleton (`fingerprint.py`) and the inputs it read while
it was made: the Markdown bodies it rendered, the pictures it embedded, the
download list it showed. While a product is made, a `Recorder` notes those
inputs by name ("body:content/blok1/…/gebed.md", "file:/…/img/kaart.png",
"downloads"). The trace store keeps, per product, the names it read and a
key: a digest of the environment, the skeleton and the current digest of
each name. In the next build the product is reused when the key computed
from today's inputs equals the stored one; a product whose inputs changed
is made again and its new trace recorded. This is the "verifying trace"
of build systems such as Shake and Bazel.

A product reads the same names again as long as the skeleton is unchanged,
since only the skeleton decides what a page or booklet consists of; an
edit to a front matter, a layout or the code changes the skeleton or the
environment and so every key.

All cache files live under OUTPUT/.cache/ and are written by replacing a
file in one step, so a killed build leaves the last complete cache.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focusbuild import fingerprint
from focusbuild.output import CACHE, link_or_copy

#: Bumped when the layout of the cache files changes.
FORMAT = b"focusbuild-cache-1\n"


class Recorder:
    """Collects the names of the inputs read while something is being made."""

    def __init__(self) -> None:
        self._open: list[set[str]] = []

    @contextmanager
    def recording(self) -> Iterator[set[str]]:
        names: set[str] = set()
        self._open.append(names)
        try:
            yield names
        finally:
            # by identity: two open recordings may hold equal sets
            self._open = [open_ for open_ in self._open if open_ is not names]

    def read(self, name: str) -> None:
        for names in self._open:
            names.add(name)


class Inputs:
    """The current digest of every input a product can read, computed on first use."""

    def __init__(self, environment: str, skeleton: str, bodies: dict[str, str]) -> None:
        self.base = fingerprint.digest(environment, skeleton)
        self._bodies = bodies  # rel -> Markdown body
        self._known: dict[str, str] = {}

    def body(self, rel: str) -> str | None:
        return self._bodies.get(rel)

    def set(self, name: str, value: str) -> None:
        """Give an input that is not a file, such as the download list, its digest."""
        self._known[name] = fingerprint.digest(value)

    def digest(self, name: str) -> str:
        known = self._known.get(name)
        if known is None:
            kind, _, what = name.partition(":")
            if kind == "body":
                body = self._bodies.get(what)
                known = fingerprint.body(body) if body is not None else "missing"
            elif kind == "file":
                known = fingerprint.file(Path(what))
            else:
                raise KeyError(f"unknown input {name!r}")  # a bug, not a content mistake
            self._known[name] = known
        return known

    def key(self, product: str, names: Iterable[str], known: dict[str, str] | None = None) -> str:
        """The key of a product that read `names`; `known` gives digests taken earlier."""
        parts = [self.base, product]
        for name in sorted(names):
            parts += [name, known[name] if known and name in known else self.digest(name)]
        return fingerprint.combined(parts)


@dataclass(frozen=True)
class Trace:
    key: str
    names: tuple[str, ...]
    payload: Any  # what the product needs to be reused (e.g. its pictures, its page count)


def _load(path: Path) -> Any:
    """A cache file's contents, or None when it is missing or unreadable."""
    try:
        with path.open("rb") as file:
            if file.read(len(FORMAT)) != FORMAT:
                return None
            return pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write a new file in one step, readable by all like any other output file
    (cached PDFs are linked into the site that a web server serves)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.fchmod(handle, 0o644)  # mkstemp makes 0600
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _save(path: Path, value: Any) -> None:
    write_atomic(path, FORMAT + pickle.dumps(value, protocol=5))


class TraceStore:
    """The traces of one kind of product (pages, publications, search) in one file.

    `reuse=False` (`--no-cache`) ignores what is stored; new traces are
    still written, so the next build can reuse them.
    """

    def __init__(self, path: Path, inputs: Inputs, *, reuse: bool = True) -> None:
        self.path = path
        self.inputs = inputs
        stored = _load(path) if reuse else None
        self._stored: dict[str, Trace] = stored if isinstance(stored, dict) else {}
        self._current: dict[str, Trace] = {}
        self.prune = True  # False: keep the traces of products this build did not make

    def lookup(self, product: str) -> Trace | None:
        """The stored trace of `product` if none of its inputs changed; else None."""
        trace = self._stored.get(product)
        if trace is None or self.inputs.key(product, trace.names) != trace.key:
            return None
        self._current[product] = trace
        return trace

    def previous(self, product: str) -> Trace | None:
        """The stored trace of `product`, even if its inputs changed."""
        return self._stored.get(product)

    def carry(self, product: str) -> None:
        """Keep the stored trace of `product` although its inputs changed (see `previous`)."""
        self._current[product] = self._stored[product]

    def record(
        self,
        product: str,
        names: Iterable[str],
        payload: Any = None,
        known: dict[str, str] | None = None,
    ) -> Trace:
        """Note what `product` read; `known` has digests of inputs as they were read."""
        names = tuple(sorted(set(names)))
        trace = Trace(self.inputs.key(product, names, known), names, payload)
        self._current[product] = trace
        return trace

    def keys(self) -> set[str]:
        return {t.key for t in self._current.values()}

    def save(self) -> None:
        """Keep the traces of this build's products (and, unless pruning, the others)."""
        keep = self._current if self.prune else {**self._stored, **self._current}
        if keep != self._stored:
            _save(self.path, keep)


class MarkdownStore:
    """Rendered Markdown bodies from earlier builds, by a digest of everything that shaped them."""

    def __init__(self, path: Path, *, reuse: bool = True) -> None:
        self.path = path
        stored = _load(path) if reuse else None
        self._stored: dict[str, Any] = stored if isinstance(stored, dict) else {}
        self._used: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        value = self._stored.get(key)
        if value is not None:
            self._used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self._used[key] = value

    def save(self) -> None:
        if self._used.keys() != self._stored.keys():
            _save(self.path, self._used)


def cache_folder(output: Path) -> Path:
    return output / CACHE


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
        loaded = _load(folder / self.INDEX)
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

    def put_tree(self, key: str, files: list[tuple[str, Path]]) -> None:
        """Store files as one folder: (path inside it, file) for each."""
        if self.tree(key) is not None:
            return
        target = self.folder / key
        temporary = self.folder / f".tmp-{os.getpid()}-{key}"
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.rmtree(target, ignore_errors=True)
        for name, path in files:
            copy = temporary / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(path, copy)
        temporary.mkdir(parents=True, exist_ok=True)
        temporary.rename(target)
        for name, _ in files:
            self._stored(f"{key}/{name}", target / name)
        names = tuple(name for name, _ in files)
        self._index[key + "/"] = self._used[key + "/"] = names

    def keep_used(self, *, prune: bool = True) -> None:
        """Remove everything this build did not use (and leftovers of killed builds);
        without `prune`, only save the index."""
        if not prune:
            _save(self.folder / self.INDEX, self._index)
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
        _save(self.folder / self.INDEX, self._used)


# -- the output as the last build left it ------------------------------------------------

_OUTPUT_RECORD = "output.pickle"


def _tree(output: Path, products: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Every file of the products with its size and modification time."""
    found: dict[str, tuple[int, int]] = {}
    folders = [output / product for product in products]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            else:
                info = entry.stat(follow_symlinks=False)
                found[os.path.relpath(entry.path, output)] = (info.st_size, info.st_mtime_ns)
    return found


def remember_output(output: Path, products: tuple[str, ...], signature: str) -> None:
    """Note what the output now consists of, and how its files look on disk."""
    _save(cache_folder(output) / _OUTPUT_RECORD, (signature, products, _tree(output, products)))


def forget_output(output: Path) -> None:
    (cache_folder(output) / _OUTPUT_RECORD).unlink(missing_ok=True)


def output_intact(output: Path, products: tuple[str, ...], signature: str) -> bool:
    """Whether the output is what a build with `signature` wrote, untouched since.

    A file that was removed, added, replaced or edited in the output shows
    in its size or modification time, and the build then writes everything.
    """
    record = _load(cache_folder(output) / _OUTPUT_RECORD)
    if not isinstance(record, tuple) or record[:2] != (signature, products):
        return False
    return bool(record[2] == _tree(output, products))
