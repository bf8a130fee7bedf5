"""What the site offers for download: per publication, its files (PDF, A4 booklet, EPUB).

The publication products (`products/pdf.py`, `products/epub.py`) each add
their files; `merge` puts the files of one publication for one blok or
katern in one row, in the order the products are made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass

from focusbuild import artifacts
from focusbuild.config import Publication
from focusbuild.model import Bijeenkomst, Blok, Katern

#: The kinds of file, in the order a row shows them.
KINDS = ("pdf", "boekje", "epub")


@dataclass(frozen=True)
class DownloadFile:
    kind: str  # one of KINDS
    filename: str
    size: int | None = None  # bytes; None while the file is not made
    pages: int | None = None
    on_demand: bool = False  # not made yet; `serve` makes it when the link is followed

    @property
    def url(self) -> str:
        return artifacts.DOWNLOADS + self.filename

    @property
    def available(self) -> bool:
        return self.size is not None or self.on_demand


@dataclass(frozen=True)
class Download:
    """One publication for one blok or katern, with the files a reader can download."""

    publication: Publication
    owner: Blok | Katern | Bijeenkomst
    files: tuple[DownloadFile, ...]

    @property
    def available(self) -> bool:
        return any(f.available for f in self.files)

    def file(self, kind: str) -> DownloadFile | None:
        return next((f for f in self.files if f.kind == kind and f.available), None)

    @property
    def names(self) -> tuple[str, ...]:
        """The file names a reader can follow from this row."""
        return tuple(f.filename for f in self.files if f.available)


def describe(rows: Iterable[Download]) -> str:
    """What a list of downloads shows, as text to take a digest of (not the model)."""
    return repr(
        [
            (row.publication.id, row.owner.source.rel, [astuple(f) for f in row.files])
            for row in rows
        ]
    )


def merge(rows: Iterable[Download]) -> tuple[Download, ...]:
    """One row per publication and owner, its files from every product in kind order."""
    merged: dict[tuple[str, str], Download] = {}
    for row in rows:
        key = (row.publication.id, row.owner.source.rel)
        known = merged.get(key)
        files = (*known.files, *row.files) if known is not None else row.files
        merged[key] = Download(
            row.publication, row.owner, tuple(sorted(files, key=lambda f: KINDS.index(f.kind)))
        )
    return tuple(merged.values())
