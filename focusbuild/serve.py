"""`focusbuild serve`: build, serve on loopback, rebuild on change, reload the page.

The watcher only marks the tree dirty; a loop waits until edits settle
(debounce), rebuilds through the normal staged build (so a half-built site is
never served), and bumps an epoch. Every HTML page gets a small script that
listens to `/__focusbuild/events` (server-sent events) and reloads when the
epoch changes. A failed build keeps the server running and shows the
diagnostics, in Dutch, in place of the page; the next good build brings the
page back.

An open page takes a rebuilt page in place: the script fetches it and swaps
in its body, so the reader keeps the scroll position and the page does not
flash (nor load its stylesheet, script and fonts again). It loads the page
whole when an edit may have changed what the page loads (a stylesheet, a
script, a picture: a swapped-in body would show the cached one), when the
new page links other stylesheets or scripts or has a script of its own in its
body (the browser editor), and on the search page, which Pagefind's interface
builds in the browser.

Builds are incremental (only pages that show an edited text are rendered),
and the search index and the e-books are renewed just after the page took
the edit rather than before it, so an edit is on screen in a fraction of a
second. A PDF is made when
its download is requested, only that one (or every PDF on each change,
with --pdf).
"""

from __future__ import annotations

import errno
import html
import sys
import threading
import time
import traceback
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from focusbuild import artifacts
from focusbuild.build import BuildReport, Preview, Request, build, check_output
from focusbuild.content.frontmatter import remember_parsed
from focusbuild.diagnostics import Severity
from focusbuild.listening import family, refused, shown

EVENTS = "/__focusbuild/events"
#: What `serve` makes on every change before the open pages take it: the site, with the
#: last search index if the new one would make them wait (Preview.defer_search). Once the
#: page is back, the search index and the e-books follow (SITE_TARGETS); the PDFs (unless
#: --pdf), which take seconds each, are made when their link is followed.
PAGE_TARGETS = frozenset({"site"})
SITE_TARGETS = frozenset({"site", "epub"})
#: Changes only. On Linux watchdog can also report every file being opened and read,
#: which each build does; those events would start a new build, and handling them
#: slows the build down.
_CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
#: How long the search index waits after a rebuild for an open page to come back.
RELOAD_GRACE = 1.0
#: Files a page loads beside its HTML: after an edit to one, open pages load again whole.
ASSETS = frozenset(
    {".css", ".js", ".mjs", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico"}
    | {".woff", ".woff2", ".ttf", ".otf"}
)
#: Each event says "EPOCH WHOLE": the page was built at epoch `e`; it loads again whole
#: if an asset changed after it (WHOLE > e), else it swaps in the rebuilt page's body,
#: runs the head's scripts again for the new body, and keeps its scroll position.
_SCRIPT = (
    "<script>(function(){var e=%d,s=new EventSource('" + EVENTS + "');"
    "function a(d){return [].map.call(d.head.querySelectorAll('link[rel=stylesheet],"
    "script[src]'),function(x){return x.getAttribute('href')||x.getAttribute('src')})"
    ".join(' ')}"
    "s.onmessage=function(m){var p=m.data.split(' '),n=+p[0];if(n===e)return;"
    "var w=+p[1]>e;e=n;window.focusbuildAsked=Date.now();"
    "if(w||document.getElementById('zoeken')){location.reload();return}"
    "fetch(location.href,{cache:'no-store'}).then(function(r){return r.text()})"
    ".then(function(t){if(n!==e)return;"
    "var d=new DOMParser().parseFromString(t,'text/html');"
    "if(a(d)!==a(document)||d.body.querySelectorAll('script').length>1){location.reload();return}"
    "document.title=d.title;document.body.replaceWith(document.adoptNode(d.body));"
    "[].forEach.call(document.head.querySelectorAll('script[src]'),function(o){"
    "var c=document.createElement('script');c.setAttribute('src',o.getAttribute('src'));"
    "o.replaceWith(c)})})"
    ".catch(function(){location.reload()})};})();</script>"
)


def stuck(error: Exception) -> str:
    """What the preview says when focusbuild itself failed, not the content; the
    traceback goes to the terminal, for whoever reports the fault."""
    traceback.print_exception(error, file=sys.stderr)
    return (
        f"focusbuild liep vast ({type(error).__name__}: {error}). Sla een bestand opnieuw "
        "op om het nog eens te proberen; helpt dat niet, stop 'focusbuild serve' en bouw "
        "één keer met 'focusbuild build --no-cache'."
    )


class LiveSite:
    """The build state the server shows: an epoch and, after a failed build, the errors."""

    def __init__(
        self,
        project: Path,
        output: Path,
        *,
        pdf: bool,
        content: Path | None = None,
        tell: Callable[[list[str], bool], None] | None = None,
    ) -> None:
        self.project = project
        self.output = output
        self.pdf = pdf
        self.content = content  # another content folder than PROJECT/content
        self.tell = tell  # also says a build's content errors and warnings in the terminal
        self.told: list[str] = []
        self.epoch = 0
        self.whole = 0  # the last epoch after which open pages load again whole
        self.assets_changed = False  # since the last rebuild, see ASSETS
        self.errors: list[str] = []
        self.changed = threading.Condition()
        self.dirty_since: float | None = None
        self.dirty = threading.Event()  # set by every change, to wake the rebuild loop
        self.lock = threading.Lock()
        # set when a page has come back since the last rebuild, or a file changed: the
        # search index waits for either before it is renewed
        self.wake_renewal = threading.Event()

        self.renewal_pending = False  # the last rebuild left the search index or e-books
        self.listed: frozenset[str] = frozenset()  # the PDFs the downloads page links to
        remember_parsed()  # every rebuild reads the front matter of the files not edited

    def _build(
        self, targets: frozenset[str] | None, preview: Preview, *, whole: bool = False
    ) -> BuildReport | None:
        """Build, one build at a time; a fault of focusbuild itself (not of the content) is
        shown in the open pages and the terminal, and the server keeps watching (None)."""
        request = Request(
            targets=targets, output=self.output, preview=preview, content=self.content
        )
        try:
            with self.lock:
                return build(self.project, request)
        except Exception as error:
            self._show([stuck(error)], failed=True, whole=whole)
            return None

    def rebuild(self) -> None:
        """Build what an edit changed and reload the open pages; the search index and the
        e-books follow (see `renew`)."""
        with self.changed:  # `touch` sets it from the watcher's thread
            whole, self.assets_changed = self.assets_changed, False
        targets = None if self.pdf else PAGE_TARGETS  # everything with --pdf
        preview = Preview(defer_search=True, on_demand=not self.pdf)
        report = self._build(targets, preview, whole=whole)
        if report is None:
            return
        self.renewal_pending = report.ok and (report.search_deferred or not self.pdf)
        if report.ok:
            self.listed = report.listed
        diagnostics = [d.human() for d in report.check.diagnostics]
        # the open page shows what stops the build; the terminal every warning too
        errors = [d.human() for d in report.check.diagnostics if d.severity is Severity.ERROR]
        self._show(diagnostics, failed=not report.ok, whole=whole, page=errors)

    def _show(
        self,
        messages: list[str],
        *,
        failed: bool,
        whole: bool = False,
        page: list[str] | None = None,
    ) -> None:
        """Tell the terminal (once) and reload the open pages, with the errors if any (the
        `page` ones, else all `messages`); `whole`: they load again whole (an asset
        changed), else they take the new body."""
        if self.tell is not None and messages != self.told:
            self.tell(messages, failed)  # warnings too: a pull request fails on them
            self.told = messages
        with self.changed:
            self.errors = (messages if page is None else page) if failed else []
            self.epoch += 1
            if whole:
                self.whole = self.epoch
            self.wake_renewal.clear()
            self.changed.notify_all()

    def renew(self) -> None:
        """Make the search index the last build kept, and the e-books; the pages stay."""
        self.renewal_pending = False
        self._build(None if self.pdf else SITE_TARGETS, Preview(on_demand=not self.pdf))

    def make_pdf(self, name: str) -> None:
        """Make the one PDF (or A4 booklet) `name`, then list its size on the site."""
        if name not in self.listed:
            return  # not a booklet of this site: the request gets its 404
        made = self._build(frozenset({"pdf"}), Preview(only=frozenset({name})))
        if made is not None and made.ok and made.publications:
            self.rebuild()

    def touch(self, *, asset: bool = False) -> None:
        """A file changed; `asset`: one a page loads beside its HTML (see ASSETS)."""
        if asset:
            with self.changed:
                self.assets_changed = True
        self.dirty_since = time.monotonic()
        self.dirty.set()
        self.wake_renewal.set()  # a new edit is built first, not after the wait

    def settle_and_rebuild(self, stop: threading.Event, quiet: float = 0.03) -> None:
        """Rebuild once no file changed for `quiet` seconds (an editor's save is a burst
        of events within a few milliseconds); woken by the change, not by polling."""
        while not stop.is_set():
            since = self.dirty_since
            if since is None:
                if self.renewal_pending:
                    # the open pages load first: Pagefind would take the CPU from them
                    self.wake_renewal.wait(RELOAD_GRACE)
                    if self.dirty_since is None:
                        self.renew()
                    continue
                self.dirty.wait(0.1)  # until a file changes (or to look at `stop`)
                self.dirty.clear()
                continue
            left = quiet - (time.monotonic() - since)
            if left > 0:
                stop.wait(left)
                continue
            self.dirty_since = None
            self.rebuild()


class _Watcher(FileSystemEventHandler):
    def __init__(self, preview: LiveSite, output: Path) -> None:
        self.preview = preview
        self.output = output.resolve()

    def on_any_event(self, event: FileSystemEvent) -> None:
        # a move counts by either end: an editor that saves to ".goutputstream-…" and
        # renames it to site.css changed site.css
        paths = [Path(str(p)).resolve() for p in (event.src_path, event.dest_path) if p]
        changed = [p for p in paths if not self._ignored(p)]
        if changed:
            self.preview.touch(asset=any(p.suffix.lower() in ASSETS for p in changed))

    def _ignored(self, path: Path) -> bool:
        """The output itself, hidden files and backups (an editor's swap and lock files)."""
        inside_output = path == self.output or self.output in path.parents
        return inside_output or path.name.startswith(".") or path.name.endswith("~")


class _Handler(SimpleHTTPRequestHandler):
    preview: LiveSite
    #: The browser editor's settings (`admin/config.yml`) are YAML, not a download.
    extensions_map = {  # noqa: RUF012 - the class attribute http.server reads
        **SimpleHTTPRequestHandler.extensions_map,
        ".yml": "text/yaml; charset=utf-8",
        ".yaml": "text/yaml; charset=utf-8",
    }

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A page that is not there gets the site's own Dutch 404 page, as the host does,
        not http.server's English one (a broken link shows what a reader would see)."""
        page = Path(self.directory) / "404.html"
        if code == HTTPStatus.NOT_FOUND and page.is_file():
            return self._send_html(page.read_text(encoding="utf-8"), HTTPStatus.NOT_FOUND)
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self.revalidate = False
        path = self.path.split("?", 1)[0]
        if path == EVENTS:
            return self._events()
        if self.preview.errors and (path.endswith("/") or path.endswith(".html")):
            return self._send_html(self._error_page(), HTTPStatus.OK)
        if path.startswith("/" + artifacts.DOWNLOADS) and path.endswith(".pdf"):
            target = Path(self.translate_path(path))
            if not target.is_file():
                self.preview.make_pdf(target.name)  # only this one; cached ones are reused
        if path.endswith("/") or path.endswith(".html"):
            target = Path(self.translate_path(path))
            page = target / "index.html" if target.is_dir() else target
            if page.is_file():
                text = page.read_text(encoding="utf-8")
                return self._send_html(text, HTTPStatus.OK)
        self.revalidate = True
        return super().do_GET()

    revalidate = False

    def end_headers(self) -> None:
        """Files (a stylesheet, a picture) are sent again on every load: a browser kept
        them by their age (http.server gives no cache header), and asking whether one
        changed is answered by its time to the second, which two saves can share."""
        if self.revalidate:
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _send_html(self, text: str, status: HTTPStatus) -> None:
        script = _SCRIPT % self.preview.epoch
        body = text.replace("</body>", script + "</body>") if "</body>" in text else text + script
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)
        self.preview.wake_renewal.set()  # a page has come back: the search index may follow

    def _error_page(self) -> str:
        items = "".join(
            f"<li><code>{html.escape(line)}</code></li>" for line in self.preview.errors
        )
        return (
            '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
            "<title>Fout in de inhoud · Focus</title>"
            "<style>body{font:18px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
            "padding:0 1rem;color:#1d1d22}h1{color:#a3412b}code{white-space:pre-wrap}"
            "li{margin:.5rem 0}</style></head><body>"
            "<h1>De website kan niet worden gemaakt</h1>"
            "<p>Hieronder staat wat er misging. Sla na het verbeteren het bestand op; deze "
            "pagina laadt dan vanzelf opnieuw.</p>"
            f"<ul>{items}</ul></body></html>"
        )

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.preview
        seen = -1
        try:
            while True:
                with preview.changed:
                    if preview.epoch == seen:
                        preview.changed.wait(timeout=15)
                    epoch, whole = preview.epoch, preview.whole
                message = f"data: {epoch} {whole}\n\n" if epoch != seen else ": wacht\n\n"
                seen = epoch
                self.wfile.write(message.encode("ascii"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


class CannotWatch(Exception):
    """`serve` cannot follow the project's folders for changes, for `reason`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _watch_reason(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EMFILE):  # inotify's watches or instances
        return (
            "het systeem volgt al zo veel mappen als het mag (inotify); verhoog de grens, "
            "bijvoorbeeld met: sudo sysctl fs.inotify.max_user_watches=524288"
        )
    return error.strerror or str(error)


def _server_for(host: str) -> type[ThreadingHTTPServer]:
    """The server class for `host`'s address family (IPv6 with a ':' in it)."""
    return type("ThreadingHTTPServer", (ThreadingHTTPServer,), {"address_family": family(host)})


def serve(
    project: Path,
    output: Path,
    host: str,
    port: int,
    *,
    pdf: bool,
    ready: Any = None,
    content: Path | None = None,
    tell: Callable[[list[str], bool], None] | None = None,
) -> None:
    """Serve until interrupted. `ready(url)` is called once the server listens (tests);
    `tell(messages, failed)` whenever the content's errors and warnings change (an empty
    list: all fixed; `failed`: there are errors, and the page shows them)."""
    project = project.resolve()
    check_output(project, output.resolve(), content)  # before anything listens or builds
    preview = LiveSite(project, output, pdf=pdf, content=content, tell=tell)
    site = output / "site"
    handler = type("Handler", (_Handler,), {"preview": preview})
    # listening first: a port in use is told at once, not after the first build (a
    # browser that asks meanwhile waits for the server, which answers after the build)
    try:
        server = _server_for(host)((host, port), partial(handler, directory=str(site)))
    except OSError as error:
        raise refused(host, port, error) from error
    try:
        server.daemon_threads = True
        preview.rebuild()
        site.mkdir(parents=True, exist_ok=True)
        url = f"http://{shown(host)}:{server.server_address[1]}/"
        _serve(server, url, preview, project, output, content, ready)
    finally:
        server.server_close()


def _serve(
    server: ThreadingHTTPServer,
    url: str,
    preview: LiveSite,
    project: Path,
    output: Path,
    content: Path | None,
    ready: Any,
) -> None:
    """Watch the project and answer requests until interrupted."""
    stop = threading.Event()
    observer = Observer()
    watcher = _Watcher(preview, output)
    try:
        for folder in (content or project / "content", project / "layouts"):
            if folder.is_dir():
                observer.schedule(watcher, str(folder), recursive=True, event_filter=_CHANGES)
        observer.schedule(watcher, str(project), recursive=False, event_filter=_CHANGES)
        observer.start()
    except OSError as error:  # e.g. the system's limit of watched folders (inotify)
        raise CannotWatch(_watch_reason(error)) from error
    loop = threading.Thread(target=preview.settle_and_rebuild, args=(stop,), daemon=True)
    loop.start()
    if ready is not None:
        ready(url, server, stop)
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        stop.set()
        observer.stop()
        observer.join(timeout=5)
