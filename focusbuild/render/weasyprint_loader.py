"""WeasyPrint, imported without asking the C compiler where its libraries are.

WeasyPrint finds Pango, HarfBuzz and the others by trying several names per
library, Windows and macOS names first. cffi hands each name that fails to
`ctypes.util.find_library`, which on Linux runs `ldconfig`, then `gcc` and `ld`
as subprocesses: 54 of them, 0.6 s of the 1.1 s that `import weasyprint` took
here, in every process that typesets (each PDF worker, on the critical path of
a rebuild). On Linux the last names WeasyPrint tries are the sonames
(`libpango-1.0.so.0`), which the dynamic loader resolves itself, with
LD_LIBRARY_PATH and the system's library cache. So during the import the
search is skipped: a name that is not a file the loader can open fails at
once, and WeasyPrint goes on to the next name, as it would after a search that
found nothing. Elsewhere the search is cheap and is left alone.
"""

from __future__ import annotations

import ctypes.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def _loader_only() -> Iterator[None]:
    if not sys.platform.startswith("linux"):
        yield
        return
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


with _loader_only():
    import weasyprint
    from weasyprint.layout import inline as weasyprint_inline
    from weasyprint.pdf import fonts as weasyprint_fonts
    from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = [
    "URLFetcher",
    "URLFetcherResponse",
    "weasyprint",
    "weasyprint_fonts",
    "weasyprint_inline",
]
