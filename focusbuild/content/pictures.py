"""A picture's kind and size as Pillow reads them, for the checks of content pictures
and gemeente logos: one place that tells a file Pillow cannot read from one with too
many pixels to show (Pillow's guard against a decompression bomb)."""

from __future__ import annotations

from pathlib import Path


class Unreadable(Exception):
    """Pillow cannot read the picture; `too_many_pixels`: because it has more pixels
    than Pillow will decode (WeasyPrint then leaves it out)."""

    def __init__(self, *, too_many_pixels: bool) -> None:
        super().__init__("too many pixels" if too_many_pixels else "unreadable")
        self.too_many_pixels = too_many_pixels


def kind_and_size(path: Path, *, whole: bool = False) -> tuple[str | None, tuple[int, int]]:
    """The picture's format ("PNG") and its width and height; with `whole`, the whole file
    is read too (a cut-off PNG has a good header). `Unreadable` if it cannot be."""
    from PIL import Image  # only for a project with pictures

    try:
        with Image.open(path) as picture:
            found = picture.format, picture.size
            if whole:
                picture.verify()
    except Image.DecompressionBombError as error:
        raise Unreadable(too_many_pixels=True) from error
    except (OSError, ValueError) as error:
        raise Unreadable(too_many_pixels=False) from error
    return found
