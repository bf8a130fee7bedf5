"""The website's templates compiled beside the check, for the page workers to load.

In a cold build every page worker compiled each site template it used (0.17 s a worker,
`parts.html` alone 0.07 s), all workers at the same moment, at the start of the pages:
the stretch of the build in which the pages and the search index already keep every
core busy. While the content loads, the build runs on one core. So, when the bytecode
cache of the site templates is empty, a forked process compiles them then; the workers
load the compiled code (Jinja checks it against the template's source) instead.

The process compiles into a folder in the system's temporary folder, and the build
moves the code into its cache only once the check passed: a build that stops on a
content mistake writes nothing. Forked only from a build without other threads
(forking a process that runs threads is unsafe; `serve` rebuilds in one) and where
fork exists. A template that does not compile is left to the pages, which report it
as they always did.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
from multiprocessing.process import BaseProcess
from pathlib import Path

from focusbuild.parallel import fork_safe
from focusbuild.render.templates import site_templates


class Compiling:
    """The site templates being compiled for the cache folder `target`."""

    def __init__(self, process: BaseProcess | None, folder: Path | None, target: Path) -> None:
        self.process = process
        self.folder = folder
        self.target = target

    def finish(self, *, keep: bool) -> None:
        """Wait for the compiling; with `keep`, put the code in the cache folder (unless a
        build beside this one did so first). The temporary folder goes either way."""
        if self.process is None or self.folder is None:
            return
        self.process.join()
        try:
            if keep and self.process.exitcode == 0 and not _holds_code(self.target):
                self.target.mkdir(parents=True, exist_ok=True)
                for path in sorted(self.folder.iterdir()):
                    shutil.move(path, self.target / path.name)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start(layouts: Path, target: Path) -> Compiling:
    """Compile the site templates in a process of their own when the cache folder `target`
    holds no compiled code yet."""
    if not fork_safe() or _holds_code(target):
        return Compiling(None, None, target)
    folder = Path(tempfile.mkdtemp(prefix="focusbuild-templates-"))
    process = multiprocessing.get_context("fork").Process(
        target=compile_all, args=(layouts, folder), name="focusbuild-templates", daemon=True
    )
    process.start()
    return Compiling(process, folder, target)


def _holds_code(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except OSError:
        return False


def compile_all(layouts: Path, compiled: Path) -> None:
    """Compile every site template into the bytecode cache `compiled`."""
    env = site_templates(layouts, compiled)
    for name in env.list_templates(extensions=["html"]):
        try:
            env.get_template(name)
        except Exception:  # the pages report a template that fails, as they always did
            continue
