"""Pair the pages of two versions of a PDF and mark where their images differ.

Pages are paired by their text (poppler's pdftotext, with numbers left out,
so that a page that only moved still pairs with itself), using difflib's
sequence matcher: a page inserted early then shows as one new page and the
pages after it as moved, not as a booklet full of changes. Paired pages are
rendered with pdftoppm and compared with Pillow's ImageChops; the changed
pixels are gathered into tiles and the tiles into rectangles to mark.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

#: Resolution of the page images (dots per inch): enough to see a changed word.
DPI = 60
#: A difference in a pixel's grey value below this is anti-aliasing noise.
THRESHOLD = 40
#: The side of a tile, in pixels, in which changed pixels are gathered.
TILE = 8
#: The top and bottom share of a page where running heads and page numbers stand.
MARGIN = 0.09

Box = tuple[int, int, int, int]


class ToolMissing(Exception):
    """pdftoppm or pdftotext (poppler-utils) is not installed."""


@dataclass(frozen=True)
class PageChange:
    """One page of a booklet that differs: `old`/`new` are 1-based page numbers."""

    kind: str  # "gewijzigd", "nieuw", "weg" or "verschoven"
    old: int | None
    new: int | None
    regions: tuple[Box, ...] = ()  # in the new page's image (the old one's for "weg")


def _poppler(*args: str) -> bytes:
    try:
        done = subprocess.run(args, capture_output=True, check=False, timeout=600)
    except OSError as error:
        raise ToolMissing(args[0]) from error
    if done.returncode != 0:
        raise ToolMissing(args[0])
    return done.stdout


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, with every number left out and spaces folded."""
    text = _poppler("pdftotext", "-enc", "UTF-8", str(pdf), "-").decode("utf-8", "replace")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [" ".join(re.sub(r"\d+", "#", page).split()) for page in pages]


def page_images(pdf: Path, folder: Path) -> list[Path]:
    """Every page of `pdf` as a PNG in `folder`, in order."""
    prefix = folder / pdf.stem
    _poppler("pdftoppm", "-r", str(DPI), "-png", str(pdf), str(prefix))
    return sorted(folder.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def pairs(old: list[str], new: list[str]) -> Iterator[tuple[int | None, int | None]]:
    """0-based page indexes paired by text; None where a page has no partner."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from zip(range(i1, i2), range(j1, j2), strict=True)
            continue
        both = min(i2 - i1, j2 - j1)
        yield from zip(range(i1, i1 + both), range(j1, j1 + both), strict=True)
        yield from ((i, None) for i in range(i1 + both, i2))
        yield from ((None, j) for j in range(j1 + both, j2))


def regions(old: Image.Image, new: Image.Image) -> list[Box]:
    """Rectangles (in `new`'s pixels) around the places where the two images differ."""
    if old.size != new.size:
        return [(0, 0, new.width, new.height)]
    grey = ImageChops.difference(old.convert("L"), new.convert("L"))
    mask = grey.point(lambda v: 255 if v >= THRESHOLD else 0)
    if mask.getbbox() is None:
        return []
    columns, rows = -(-new.width // TILE), -(-new.height // TILE)
    tiles = mask.resize((columns, rows), Image.Resampling.BOX)
    changed = {(x, y) for y in range(rows) for x in range(columns) if tiles.getpixel((x, y))}
    return [_box(group) for group in _groups(changed)]


def _groups(tiles: set[tuple[int, int]]) -> Iterator[set[tuple[int, int]]]:
    """Tiles that touch (also diagonally, or across one empty tile) form one group."""
    left = set(tiles)
    while left:
        todo = [left.pop()]
        group = set(todo)
        while todo:
            x, y = todo.pop()
            for dx in range(-2, 3):
                for dy in range(-2, 3):
                    near = (x + dx, y + dy)
                    if near in left:
                        left.remove(near)
                        group.add(near)
                        todo.append(near)
        yield group


def _box(group: set[tuple[int, int]]) -> Box:
    xs = [x for x, _ in group]
    ys = [y for _, y in group]
    return (min(xs) * TILE, min(ys) * TILE, (max(xs) + 1) * TILE, (max(ys) + 1) * TILE)


def in_margin(box: Box, height: int) -> bool:
    """Whether a region lies in the band of running heads and page numbers."""
    band = height * MARGIN
    return box[3] <= band or box[1] >= height - band


def compare(old: Path, new: Path, folder: Path) -> tuple[list[PageChange], list[Path], list[Path]]:
    """The changed pages of two versions of a PDF, and the page images of both."""
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        old_dir, new_dir = Path(scratch) / "oud", Path(scratch) / "nieuw"
        old_dir.mkdir()
        new_dir.mkdir()
        old_images, new_images = page_images(old, old_dir), page_images(new, new_dir)
        changes = list(_changes(page_texts(old), page_texts(new), old_images, new_images))
        kept_old, kept_new = _keep(folder, old_images, "oud"), _keep(folder, new_images, "nieuw")
    return changes, kept_old, kept_new


def _keep(folder: Path, images: list[Path], side: str) -> list[Path]:
    kept = []
    for number, image in enumerate(images, 1):
        target = folder / f"{side}-{number}.png"
        image.replace(target)
        kept.append(target)
    return kept


def _changes(
    old_texts: list[str], new_texts: list[str], old_images: list[Path], new_images: list[Path]
) -> Iterator[PageChange]:
    for i, j in pairs(old_texts, new_texts):
        if j is None:
            assert i is not None
            yield PageChange("weg", i + 1, None)
            continue
        if i is None:
            yield PageChange("nieuw", None, j + 1)
            continue
        with Image.open(old_images[i]) as a, Image.open(new_images[j]) as b:
            found = regions(a, b)
            height = b.height
        moved = i != j
        if not found and not moved:
            continue
        if moved and all(in_margin(box, height) for box in found):
            yield PageChange("verschoven", i + 1, j + 1, tuple(found))
        else:
            yield PageChange("gewijzigd", i + 1, j + 1, tuple(found))
