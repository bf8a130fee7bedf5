"""Every output of a build, in the order the build makes them.

Adding an output is one module here with one `Product` class (see `base.py`)
and one line in `PRODUCTS`. The order matters twice: products whose files
the site lists for download (`listed`) come before the site's pages, and a
product that forks worker processes in `make` comes before one that starts a
thread there (everything before the search index).
"""

from __future__ import annotations

from focusbuild.products.base import Build, Outcome, Preview, Product, Request
from focusbuild.products.editor import EditorProduct
from focusbuild.products.epub import Ebooks
from focusbuild.products.feeds import Feeds
from focusbuild.products.gemeenten import Gemeenten
from focusbuild.products.newsletter import Newsletter
from focusbuild.products.pages import Pages
from focusbuild.products.pdf import Publications
from focusbuild.products.search import SearchIndex

PRODUCTS: tuple[type[Product], ...] = (
    Publications,
    Ebooks,
    Gemeenten,
    Pages,
    Feeds,
    EditorProduct,
    Newsletter,
    SearchIndex,
)

#: The choices of `--only`, in the order they are offered, with what each makes.
TARGET_LABELS: dict[str, str] = {}
for _product in PRODUCTS:
    TARGET_LABELS.setdefault(_product.target, _product.label)
TARGETS: tuple[str, ...] = tuple(TARGET_LABELS)
#: What a build without `--only` makes.
DEFAULT_TARGETS: tuple[str, ...] = tuple(dict.fromkeys(p.target for p in PRODUCTS if p.default))

__all__ = [
    "DEFAULT_TARGETS",
    "PRODUCTS",
    "TARGETS",
    "TARGET_LABELS",
    "Build",
    "Outcome",
    "Preview",
    "Product",
    "Request",
]
