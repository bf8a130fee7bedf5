"""Reuse the work of the last build: traces of what each product read.

Every product (a page, a publication, the search index) is a function of the
environment, the skeleton (`fingerprint.py`) and the inputs it read while
it was made: the Markdown bodies it rendered, the pictures it embedded, the
download list it showed. While a product is made, a `Recorder` notes those
inputs by name ("body:content/blok1/…/gebed.md", "file:content/img/kaart.png",
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

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focusbuild.cache import fingerprint
from focusbuild.cache.files import load, save


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

    def __init__(self, environment: str, skeleton: str, bodies: dict[str, str], root: Path) -> None:
        self.base = fingerprint.digest(environment, skeleton)
        self._bodies = bodies  # rel -> Markdown body
        self._known: dict[str, str] = {}
        self.root = root

    def file(self, path: Path) -> str:
        """The name of a file read: relative to the project where it lies inside it, so
        that a copy of the project elsewhere (a git worktree) reads its own files."""
        try:
            return "file:" + path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return f"file:{path}"

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
                known = fingerprint.file(self.root / what)  # an absolute `what` stays itself
            elif kind == "downloads":
                # the downloads of a blok or katern an earlier build read, since deleted or
                # renamed: gone, so whatever read them is made again
                known = "missing"
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


class TraceStore:
    """The traces of one kind of product (pages, publications, search) in one file.

    `reuse=False` (`--no-cache`) ignores what is stored; new traces are
    still written, so the next build can reuse them.
    """

    def __init__(self, path: Path, inputs: Inputs, *, reuse: bool = True) -> None:
        self.path = path
        self.inputs = inputs
        stored = load(path) if reuse else None
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

    def carry_where(self, wanted: Callable[[str], bool]) -> list[Trace]:
        """Keep the stored traces of the products `wanted` picks that this build did not
        make (a gemeente not asked for this time); the traces carried."""
        carried = []
        for product, trace in self._stored.items():
            if product not in self._current and wanted(product):
                self._current[product] = trace
                carried.append(trace)
        return carried

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
            save(self.path, keep)
