"""Build the publications of a git ref and of the working tree, and compare them."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from focusbuild.build import BuildReport, Request, build
from focusbuild.cache import files
from focusbuild.cache.pdfs import page_count
from focusbuild.diagnostics import count
from focusbuild.diffs.pages import PageChange, compare
from focusbuild.diffs.worktree import checkout, resolve
from focusbuild.render.colophon import colophon

#: Under OUTPUT/.cache: the base's checkout (removed after use) and its build (kept, so
#: that the next comparison reuses what it typeset).
BASE_SOURCE = "diff/bron"
BASE_OUTPUT = "diff/basis"
_FOLDERS = ("site/downloads", "leiders")


class BuildFailed(Exception):
    """One side does not build; the report has its diagnostics."""

    def __init__(self, side: str, report: BuildReport) -> None:
        super().__init__(side)
        self.side = side
        self.report = report


@dataclass(frozen=True)
class BookletDiff:
    rel: str  # "site/downloads/focus-blok-1-werkboek.pdf"
    kind: str  # "gewijzigd", "nieuw" (only in the working tree) or "weg" (only in the base)
    pages_old: int
    pages_new: int
    changes: tuple[PageChange, ...] = ()

    @property
    def changed(self) -> int:
        """Pages whose content differs (a page that only moved does not count)."""
        if self.kind == "nieuw":
            return self.pages_new
        if self.kind == "weg":
            return self.pages_old
        return sum(1 for c in self.changes if c.kind != "verschoven")

    @property
    def folder(self) -> str:
        """Its page images' folder in the report."""
        return self.rel.removesuffix(".pdf").replace("/", "-")


@dataclass(frozen=True)
class DiffResult:
    ref: str
    booklets: tuple[BookletDiff, ...]  # those that differ
    compared: int
    typeset: tuple[int, int]  # PDFs typeset for the base and for the working tree
    report: Path

    @property
    def pages(self) -> int:
        return sum(b.changed for b in self.booklets)

    @property
    def summary(self) -> str:
        changed = [b for b in self.booklets if b.changed]
        if not changed:
            return f"Geen bladzijden veranderd in de {count(self.compared, 'boekje', 'boekjes')}"
        pages = count(self.pages, "bladzijde", "bladzijden")
        return f"{pages} veranderd in {count(len(changed), 'boekje', 'boekjes')}"


def pdfs(output: Path) -> dict[str, Path]:
    """The publications in a build's output (not the A4 booklets made from them)."""
    found = {}
    for folder in _FOLDERS:
        for path in sorted((output / folder).glob("*.pdf")):
            if not path.name.endswith("-boekje.pdf"):
                found[f"{folder}/{path.name}"] = path
    return found


def diff(
    root: Path, ref: str, output: Path, target: Path, jobs: int | None, layouts: Path
) -> DiffResult:
    """Compare the publications at `ref` with the working tree's; the report goes to
    `target`. Raises DiffError (no git, unknown ref) or BuildFailed."""
    root, output = root.resolve(), output.resolve()
    commit = resolve(root, ref)
    work = build(root, Request(targets=frozenset({"pdf"}), output=output, jobs=jobs))
    if not work.ok:
        raise BuildFailed("de werkmap", work)
    cache = files.folder(output)
    base_output = cache / BASE_OUTPUT
    if not files.folder(base_output).exists():  # start from what the working tree typeset
        shutil.copytree(
            cache,
            files.folder(base_output),
            copy_function=os.link,
            ignore=shutil.ignore_patterns("diff"),
        )
    # both sides show the working tree's colophon, or every page would differ in it
    stamp = colophon(root, [])
    with checkout(root, commit, cache / BASE_SOURCE) as source:
        request = Request(
            targets=frozenset({"pdf"}),
            output=base_output,
            jobs=jobs,
            colophon=(stamp["version"], stamp["date"]),
        )
        base = build(source, request)
    if not base.ok:
        raise BuildFailed(f"de basis ({ref})", base)
    typeset = (_typeset(base), _typeset(work))
    return _compare(ref, pdfs(base_output), pdfs(output), target, typeset, layouts)


def _typeset(report: BuildReport) -> int:
    return sum(1 for made in report.publications if not made.reused)


def _compare(
    ref: str,
    old: dict[str, Path],
    new: dict[str, Path],
    target: Path,
    typeset: tuple[int, int],
    layouts: Path,
) -> DiffResult:
    from focusbuild.diffs.report import write_report

    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=target.parent, prefix=".focusbuild-diff-"))
    try:
        found = []
        for rel in sorted(old.keys() | new.keys()):
            booklet = _booklet(rel, old.get(rel), new.get(rel), scratch)
            if booklet is not None:
                found.append(booklet)
        result = DiffResult(ref, tuple(found), len(old.keys() | new.keys()), typeset, target)
        write_report(result, scratch, layouts)
        _swap(scratch, target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return result


def _booklet(rel: str, old: Path | None, new: Path | None, scratch: Path) -> BookletDiff | None:
    if old is None:
        assert new is not None
        return BookletDiff(rel, "nieuw", 0, page_count(new) or 0)
    if new is None:
        return BookletDiff(rel, "weg", page_count(old) or 0, 0)
    if old.read_bytes() == new.read_bytes():
        return None
    folder = scratch / rel.removesuffix(".pdf").replace("/", "-")
    folder.mkdir(parents=True)
    changes, old_images, new_images = compare(old, new, folder)
    if not changes:
        shutil.rmtree(folder)
        return None
    return BookletDiff(rel, "gewijzigd", len(old_images), len(new_images), tuple(changes))


def _swap(scratch: Path, target: Path) -> None:
    """Put the new report in place of the old in one rename (the old one is removed)."""
    if target.exists():
        old = target.with_name(f".focusbuild-old-{target.name}")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        scratch.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        scratch.rename(target)
