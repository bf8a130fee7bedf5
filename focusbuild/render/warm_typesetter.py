"""A process that loads WeasyPrint while the build still checks the content.

A worker process that typesets first loads WeasyPrint (0.5 s) and then, on its
first publication, Pango, fontconfig, the Dutch hyphenation patterns and
WeasyPrint's own stylesheet (0.3–0.4 s more). After one edit the build waits
for its slowest PDF, so that second of loading was on the critical path of
every rebuild. Here a server process (`multiprocessing`'s "forkserver") is
started as soon as the build knows that content changed; it loads all this
once, on another core, while the build checks the content and renders the
publications' HTML. The workers are forked from it when there is something to
typeset, warm. They get HTML and return PDF bytes: the model stays in the build.

Where the forkserver start method is missing (Windows, macOS spawns), or with
one job, the build typesets in forked workers as before (`parallel.Workers`).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from multiprocessing.pool import Pool
from pathlib import Path

_SERVER = "forkserver"
#: What the server loads before it forks a worker: the entry script's module (each
#: worker runs the script, as spawned processes do; `focusbuild.entry` imports nothing),
#: then what typesets, then a page.
_PRELOAD = [
    "focusbuild.entry",
    "focusbuild.render.imposition",
    "focusbuild.render.parts",
    "pikepdf",
    "focusbuild.render.typeset",
    "focusbuild.render.warm_up",
]
_started = False


def start() -> None:
    """Start loading WeasyPrint beside this process, once; a no-op where it cannot be."""
    global _started
    if _started or _SERVER not in multiprocessing.get_all_start_methods():
        return
    from multiprocessing import forkserver  # here: a build with nothing changed needs none

    context = multiprocessing.get_context(_SERVER)
    context.set_forkserver_preload(_PRELOAD)
    # The server imports these from its working folder first (`python -c`; Python 3.11
    # sets the build's sys.path only afterwards), so it starts in the folder that holds
    # this focusbuild: a project folder with its own `focusbuild/` (an older checkout)
    # or a module named like a library must not be what the server loads.
    here = os.getcwd()
    os.chdir(Path(__file__).resolve().parents[2])
    try:
        forkserver.ensure_running()
    finally:
        os.chdir(here)
    _started = True


def running() -> bool:
    """Whether this process started the warm server."""
    return _started


def pool(processes: int) -> Pool | None:
    """Workers forked from the warm server, or None when it was not started."""
    if not _started:
        return None
    return multiprocessing.get_context(_SERVER).Pool(processes)


#: What typesetting one publication gives: the PDF bytes, its page count, the A4
#: booklet if asked, the seconds it took, and the stored parts it was joined from.
Typeset = tuple[bytes, int, bytes | None, float, tuple[str, ...]]


def pdf_of(
    html: str,
    base: str,
    roots: tuple[Path, ...],
    fonts: Path | None,
    booklet: bool,
    parts: tuple[Path, str] | None = None,
) -> Typeset:
    """A publication typeset, in whichever worker runs it: a warm one, or one forked
    from the build. The seconds are its own, not the time it waited for a worker. With
    `parts` (the part store's folder and the key of everything but the HTML), a
    publication the templates marked is typeset part by part (`render/parts.py`)."""
    from focusbuild.cache.pdfs import PartStore
    from focusbuild.render import parts as cutting
    from focusbuild.render.imposition import impose
    from focusbuild.render.joining import originals_of
    from focusbuild.render.typeset import typeset

    started = time.perf_counter()
    joined = None
    if parts is not None and (cut := cutting.split(html)) is not None:
        folder, salt = parts
        joined = cutting.typeset_in_parts(
            cut,
            lambda h: typeset(h, base, roots, fonts),
            PartStore(folder),
            salt,
            (lambda: originals_of(fonts)) if fonts is not None else None,
        )
    if joined is not None:
        data, pages, keys = joined.pdf, joined.pages, joined.keys
    else:
        data, pages = typeset(html, base, roots, fonts)
        keys = ()
    imposed = impose(data) if booklet else None
    return data, pages, imposed, time.perf_counter() - started, keys
