"""`focusbuild serve`: an editor saves a file and sees the page change, or the error."""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from focusbuild.serve import serve
from tests.conftest import GESPREK, REPO, MakeProject, project_config
from tests.site_support import readable_files


@pytest.fixture
def served(make_project: MakeProject) -> Iterator[tuple[Path, str]]:
    root = make_project()
    url, stop = _serve(root)
    yield root, url
    stop()


def test_a_saved_edit_appears_and_an_error_shows_and_recovers(
    served: tuple[Path, str], browser: Browser
) -> None:
    root, url = served
    gebed = root / GESPREK / "gebed.md"
    page = browser.new_page()
    try:
        page.goto(url + "blok1/kom-en-zie/")
        expect(page.locator("#gebed")).to_contain_text("Tekst.")

        gebed.write_text("---\nonderdeel: gebed\n---\nBid voor de buren.\n", encoding="utf-8")
        expect(page.locator("#gebed")).to_contain_text("Bid voor de buren.", timeout=15_000)

        gebed.write_text("---\nonderdeel: gebd\n---\nKapot.\n", encoding="utf-8")
        expect(page.locator("h1")).to_have_text(
            "De website kan niet worden gemaakt", timeout=15_000
        )
        expect(page.locator("li").first).to_contain_text(
            f"{GESPREK}/gebed.md:2:12: fout: onbekend onderdeel 'gebd'"
        )

        gebed.write_text("---\nonderdeel: gebed\n---\nWeer heel.\n", encoding="utf-8")
        expect(page.locator("#gebed")).to_contain_text("Weer heel.", timeout=15_000)
    finally:
        page.close()


def test_an_open_page_takes_an_edit_in_place_and_loads_again_for_a_new_stylesheet(
    make_project: MakeProject, browser: Browser
) -> None:
    """Text edits swap in the page's new body: the reader keeps the place where they were
    reading, and the phone menu still works. A stylesheet edit loads the page again whole,
    so the new style shows (a swapped-in body would keep the old one)."""
    root = make_project()
    shutil.copytree(REPO / "layouts", root / "layouts")  # the project's own, watched
    url, stop = _serve(root)
    page = browser.new_page(viewport={"width": 375, "height": 400})
    try:
        page.goto(url + "blok1/kom-en-zie/")
        expect(page.locator("#gebed")).to_contain_text("Tekst.")
        page.evaluate("window.nietOpnieuwGeladen = true")
        page.locator("#gebed").scroll_into_view_if_needed()
        scrolled = page.evaluate("window.scrollY")
        assert scrolled > 100

        gebed = root / GESPREK / "gebed.md"
        gebed.write_text("---\nonderdeel: gebed\n---\nBid voor de buren.\n", encoding="utf-8")
        expect(page.locator("#gebed")).to_contain_text("Bid voor de buren.", timeout=15_000)

        assert page.evaluate("window.nietOpnieuwGeladen") is True
        assert page.evaluate("window.scrollY") == scrolled
        page.locator(".menu-knop").click()  # the site's script works on the new body
        expect(page.locator("#hoofdmenu")).to_have_class(re.compile(r"\bopen\b"))

        css = root / "layouts/static/site.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n.kop{background:#123456}\n")
        page.wait_for_function("window.nietOpnieuwGeladen === undefined", timeout=15_000)
        expect(page.locator(".kop")).to_have_css("background-color", "rgb(18, 52, 86)")
        # a second save in the same second (the site's copy keeps the file's time): asking
        # the browser whether it changed got 304 and the old stylesheet
        saved = css.stat().st_mtime_ns
        css.write_text(css.read_text(encoding="utf-8") + "\n.kop{background:#654321}\n")
        os.utime(css, ns=(saved, saved))
        expect(page.locator(".kop")).to_have_css(
            "background-color", "rgb(101, 67, 33)", timeout=15_000
        )
    finally:
        page.close()
        stop()


def test_a_page_that_runs_a_script_of_its_own_loads_again_whole(
    make_project: MakeProject, browser: Browser
) -> None:
    """The browser editor (/admin/) is built by the script in its body; a swapped-in body
    would not run it again and leave the editor blank."""
    root = make_project({"focus.yaml": project_config() + "\neditor:\n  repo: redactie/focus\n"})
    url, stop = _serve(root)
    page = browser.new_page()
    page.route(
        "**/*",
        lambda route: route.abort() if "127.0.0.1" not in route.request.url else route.continue_(),
    )
    try:
        page.goto(url + "admin/")
        page.evaluate("window.nietOpnieuwGeladen = true")
        gebed = root / GESPREK / "gebed.md"
        gebed.write_text("---\nonderdeel: gebed\n---\nBid voor de buren.\n", encoding="utf-8")
        page.wait_for_function("window.nietOpnieuwGeladen === undefined", timeout=15_000)
        assert page.locator("body script[src='decap-cms.js']").count() == 1
    finally:
        page.close()
        stop()


def test_a_file_saved_by_renaming_a_hidden_one_counts_as_changed(tmp_path: Path) -> None:
    """Some editors (gedit) write ".goutputstream-…" and rename it to the file: the
    change was taken for one to a hidden file, and nothing was built."""
    from watchdog.events import FileMovedEvent

    from focusbuild.serve import _Watcher

    touched: list[bool] = []

    class Site:
        def touch(self, *, asset: bool = False) -> None:
            touched.append(asset)

    watcher = _Watcher(Site(), tmp_path / "output")  # type: ignore[arg-type]
    layouts = tmp_path / "layouts/static"
    watcher.on_any_event(
        FileMovedEvent(str(layouts / ".goutputstream-ABC123"), str(layouts / "site.css"))
    )
    watcher.on_any_event(FileMovedEvent(str(layouts / ".swp"), str(layouts / ".swx")))
    assert touched == [True]  # site.css changed, an asset: the page loads whole


def _serve(root: Path, host: str = "127.0.0.1") -> tuple[str, Callable[[], None]]:
    """Serve `root` in a thread: its address, and how to stop it."""
    started = threading.Event()
    state: dict[str, Any] = {}

    def ready(url: str, server: Any, stop: Any) -> None:
        state.update(url=url, server=server)
        started.set()

    thread = threading.Thread(
        target=serve,
        args=(root, root / "output", host, 0),
        kwargs={"pdf": False, "ready": ready},
        daemon=True,
    )
    thread.start()
    assert started.wait(60), "de server start niet"

    def stop() -> None:
        state["server"].shutdown()
        thread.join(10)

    return state["url"], stop


def test_the_server_does_not_leave_the_site_folder(served: tuple[Path, str]) -> None:
    root, url = served
    (root / "output" / "geheim.txt").write_text("niet publiek", encoding="utf-8")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(url + "../geheim.txt")
    assert raised.value.code == 404
    # what a reader of the site would see: its own Dutch page, not http.server's English
    missing = raised.value.read().decode("utf-8")
    assert '<html lang="nl">' in missing and "Error response" not in missing
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url + "%2e%2e/geheim.txt")


def _search_text(root: Path) -> str:
    return "\n".join(text for _, text in readable_files(root / "output/site/pagefind"))


def _ebook_text(root: Path) -> str:
    text = []
    for book in (root / "output/site/downloads").glob("*blok-1*.epub"):
        with zipfile.ZipFile(book) as files:
            text += [files.read(n).decode() for n in files.namelist() if n.endswith("html")]
    return "\n".join(text)


def test_the_search_index_and_the_ebook_follow_an_edit(served: tuple[Path, str]) -> None:
    """The page comes first; the search index and the blok's e-book follow it."""
    root, _ = served
    deadline = time.monotonic() + 20
    while not _ebook_text(root):  # made once the first page was asked for, or soon after
        assert time.monotonic() < deadline, "het e-book is niet gemaakt"
        time.sleep(0.2)
    assert "Zeldzaamwoord" not in _search_text(root) + _ebook_text(root)
    (root / GESPREK / "gebed.md").write_text(
        "---\nonderdeel: gebed\n---\nBid om een Zeldzaamwoord.\n", encoding="utf-8"
    )
    deadline = time.monotonic() + 20
    while "Zeldzaamwoord" not in _search_text(root):
        assert time.monotonic() < deadline, "de zoekindex is niet bijgewerkt"
        time.sleep(0.2)
    while "Zeldzaamwoord" not in _ebook_text(root):
        assert time.monotonic() < deadline, "het e-book is niet bijgewerkt"
        time.sleep(0.2)


def test_a_pdf_is_made_when_its_link_is_followed_and_only_that_one(
    served: tuple[Path, str],
) -> None:
    root, url = served
    downloads = urllib.request.urlopen(url + "downloads/").read().decode("utf-8")
    assert "wordt gemaakt als je erop klikt" in downloads
    assert 'href="focus-blok-1-gezin.pdf"' in downloads
    assert not list((root / "output/site/downloads").glob("*.pdf"))
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(url + "downloads/focus-blok-9-gezin.pdf")
    assert raised.value.code == 404

    pdf = urllib.request.urlopen(url + "downloads/focus-blok-1-gezin.pdf").read()

    assert pdf.startswith(b"%PDF-")
    made = sorted(p.name for p in (root / "output/site/downloads").glob("*.pdf"))
    assert made == ["focus-blok-1-gezin.pdf"]
    assert not (root / "output/leiders").exists() or not list(
        (root / "output/leiders").glob("*.pdf")
    )
    deadline = time.monotonic() + 20  # the downloads page then shows its size
    while "wordt gemaakt" in (listed := _downloads_row(url, "focus-blok-1-gezin.pdf")):
        assert time.monotonic() < deadline, listed
        time.sleep(0.2)
    assert "kB" in listed


def _downloads_row(url: str, name: str) -> str:
    page = str(urllib.request.urlopen(url + "downloads/").read().decode("utf-8"))
    start = page.index(f'href="{name}"')
    return page[start : page.index("</td>", start)]


def _epoch(url: str) -> int:
    with urllib.request.urlopen(url + "__focusbuild/events", timeout=10) as events:
        line = events.readline().decode("ascii")
    assert line.startswith("data: "), line
    return int(line.removeprefix("data: ").split()[0])


def test_an_idle_server_does_not_keep_rebuilding(served: tuple[Path, str]) -> None:
    root, url = served
    first = _epoch(url)
    (root / "content/index.md").write_text("---\ntitel: Focus\n---\nWelkom thuis.\n")
    deadline = time.monotonic() + 20
    while (edited := _epoch(url)) == first:
        assert time.monotonic() < deadline, "de wijziging is niet opgemerkt"
        time.sleep(0.1)
    time.sleep(1.5)  # each build reads every file: reading must not count as a change
    assert _epoch(url) - edited <= 1  # at most the search index, renewed after the edit


def test_serve_outside_a_project_says_so_and_writes_nothing(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from focusbuild.cli import cli

    result = CliRunner().invoke(cli, ["serve", "-p", str(tmp_path)])
    assert result.exit_code == 2
    assert "is geen Focus-project: focus.yaml ontbreekt" in result.output
    assert list(tmp_path.iterdir()) == []  # no output/ made


def test_serve_on_a_port_in_use_says_so_at_once_and_suggests_a_free_one(
    make_project: MakeProject,
) -> None:
    """Before building anything: a second `serve` in another terminal learns at once
    that the port is taken, and which one it could use."""
    import socket

    from click.testing import CliRunner

    from focusbuild.cli import cli

    root = make_project()
    with socket.socket() as taken, socket.socket() as next_one:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        try:  # the port after it is taken too, when it can be: the suggestion skips it
            next_one.bind(("127.0.0.1", port + 1))
            skipped = 1
        except OSError:
            skipped = 0
        result = CliRunner().invoke(cli, ["serve", "-p", str(root), "--port", str(port)])
    assert result.exit_code == 1, result.output
    assert f"kan niet luisteren op 127.0.0.1:{port}: die poort is al in gebruik" in result.output
    suggested = re.search(r"probeer --port (\d+)", result.output)
    assert suggested is not None, result.output
    assert port + skipped < int(suggested.group(1)) <= port + 20
    assert not (root / "output" / "site").exists()  # nothing was built first


def test_serve_at_the_systems_limit_of_watched_folders_says_so(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """inotify's limit gives ENOSPC: that was told as "de schijf is vol"."""
    import errno

    from click.testing import CliRunner

    from focusbuild import serve as serve_module
    from focusbuild.cli import cli

    class Full:
        def schedule(self, *args: Any, **kwargs: Any) -> None:
            raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(serve_module, "Observer", Full)
    root = make_project()
    result = CliRunner().invoke(cli, ["serve", "-p", str(root), "--port", "0"])
    assert result.exit_code == 1, result.output
    assert "kan de map niet volgen op wijzigingen" in result.output
    assert "fs.inotify.max_user_watches" in result.output and "schijf" not in result.output


def test_serve_listens_on_ipv6_loopback(make_project: MakeProject) -> None:
    """`--host ::1` said "onbekend adres": the server spoke IPv4 only."""
    import socket

    from click.testing import CliRunner

    from focusbuild.cli import cli

    root = make_project()
    url, stop = _serve(root, host="::1")
    try:
        assert url.startswith("http://[::1]:")
        assert "<html" in urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
    finally:
        stop()
    with socket.socket(socket.AF_INET6) as taken:  # and a taken port there gets a free one
        taken.bind(("::1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            cli, ["serve", "-p", str(root), "--host", "::1", "--port", str(port)]
        )
    assert result.exit_code == 1 and "die poort is al in gebruik" in result.output
    assert re.search(r"probeer --port \d+", result.output), result.output


def test_serve_says_content_errors_in_the_terminal_too(make_project: MakeProject) -> None:
    from focusbuild.serve import LiveSite

    root = make_project({f"{GESPREK}/gebed.md": "---\nonderdeel: gebd\nduur: 10\n---\nT\n"})
    told: list[tuple[list[str], bool]] = []
    site = LiveSite(root, root / "output", pdf=False, tell=lambda m, f: told.append((m, f)))
    site.rebuild()
    assert len(told) == 1 and told[0][1] and "onbekend onderdeel 'gebd'" in told[0][0][0]
    site.rebuild()  # the same errors again: not said twice
    assert len(told) == 1
    # a warning (placeholder text) builds the site, but fails a pull request: said too
    (root / GESPREK / "gebed.md").write_text(
        "---\nonderdeel: gebed\nduur: 10\n---\nVervang deze tekst.\n"
    )
    site.rebuild()
    messages, failed = told[-1]
    assert not failed and len(messages) == 1 and "tijdelijke tekst" in messages[0]
    assert not site.errors  # the page shows the site, not an error page
    (root / GESPREK / "gebed.md").write_text("---\nonderdeel: gebed\nduur: 10\n---\nT\n")
    site.rebuild()
    assert told[-1] == ([], False)  # fixed


def test_serve_shows_a_fault_of_its_own_and_keeps_watching(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault in focusbuild itself (not in the content) used to end the rebuild thread:
    the browser kept the old page and no edit appeared any more. Now the page and the
    terminal say what went wrong, and the next save builds again."""
    from focusbuild import serve

    root = make_project({})
    told: list[tuple[list[str], bool]] = []
    site = serve.LiveSite(root, root / "output", pdf=False, tell=lambda m, f: told.append((m, f)))

    def broken(*args: object) -> object:
        raise KeyError("unknown input 'downloads:content/katernen/weg/_katern.md'")

    monkeypatch.setattr("focusbuild.serve.build", broken)
    site.renewal_pending = True  # the last good build left the search index to renew
    site.rebuild()
    assert site.errors and site.errors[0].startswith("focusbuild liep vast (KeyError: ")
    assert "focusbuild build --no-cache" in site.errors[0]
    assert told[-1][1] is True
    # the loop that renews the search index meets the same fault, and keeps going
    stop = threading.Event()
    loop = threading.Thread(target=site.settle_and_rebuild, args=(stop,))
    site.renewal_pending = True
    loop.start()
    time.sleep(1.5)  # past the grace an open page gets before the index is renewed
    assert loop.is_alive() and not site.renewal_pending
    stop.set()
    loop.join(5)
    monkeypatch.undo()  # focusbuild works again
    site.rebuild()
    assert site.errors == [] and told[-1] == ([], False)


def test_the_one_error_among_warnings_comes_first_and_alone_on_the_page(
    make_project: MakeProject,
) -> None:
    """A partner's new gesprek had 28 warnings about placeholder text and one error (a
    doelgroep misspelt): the error stood 25th, in the terminal and on the page alike."""
    from focusbuild.serve import LiveSite

    placeholder = "---\nonderdeel: {}\nduur: 10\n---\nVervang deze tekst.\n"
    root = make_project(
        {
            f"{GESPREK}/gebed.md": placeholder.format("gebed"),
            f"{GESPREK}/lied.md": placeholder.format("lied"),
            f"{GESPREK}/zz-spel.md": "---\nonderdeel: gebed\ndoelgroep: groep-68\n---\nT\n",
        }
    )
    told: list[tuple[list[str], bool]] = []
    site = LiveSite(root, root / "output", pdf=False, tell=lambda m, f: told.append((m, f)))
    site.rebuild()
    messages, failed = told[-1]
    assert failed and len(messages) >= 3
    assert "onbekende doelgroep 'groep-68'" in messages[0]  # before the warnings of a–l
    assert all("waarschuwing" in m for m in messages[1:]), messages
    assert len(site.errors) == 1 and "groep-68" in site.errors[0]  # the page: the error
    code, lines, _ = _check_lines(root)
    assert code == 1 and "groep-68" in lines[0] and "waarschuwing" in lines[-1]


def _check_lines(root: Path) -> tuple[int, list[str], str]:
    from click.testing import CliRunner

    from focusbuild.cli import cli

    result = CliRunner().invoke(cli, ["check", "-p", str(root)])
    return result.exit_code, result.stdout.splitlines(), result.output


def test_serve_sums_up_errors_and_warnings_in_dutch() -> None:
    from focusbuild.cli import summary_line

    assert summary_line(["a"], True) == (
        "1 probleem in de inhoud; de pagina in de browser toont het ook. Opslaan na het "
        "verbeteren is genoeg."
    )
    assert summary_line(["a", "b"], False) == (
        "2 waarschuwingen: de website is gemaakt, maar bij een pull request (--strict) tellen "
        "ze als fout."
    )


def test_serve_reads_a_file_again_whenever_it_may_have_changed(make_project: MakeProject) -> None:
    """serve keeps the files it read; a save must never show the text from before it."""
    import os

    from focusbuild.check import check_project
    from focusbuild.content.frontmatter import remember_parsed

    root = make_project()
    gebed = root / GESPREK / "gebed.md"

    def prayer() -> str:
        result = check_project(root)
        assert result.site is not None
        gesprek = result.site.blok(1).gesprekken[0]
        return next(s.source.body for s in gesprek.sections if s.onderdeel == "gebed")

    remember_parsed()
    # two saves of the same size right after each other: within one tick of the file clock
    gebed.write_text("---\nonderdeel: gebed\n---\nBid voor A.\n", encoding="utf-8")
    assert "Bid voor A." in prayer()
    gebed.write_text("---\nonderdeel: gebed\n---\nBid voor B.\n", encoding="utf-8")
    assert "Bid voor B." in prayer()

    # a save of the same size with its old time put back (as `cp -p` does)
    old = gebed.stat().st_mtime_ns - 5_000_000_000
    os.utime(gebed, ns=(old, old))
    time.sleep(1.1)  # files changed in the last second are not kept at all
    assert "Bid voor B." in prayer()  # read now, and kept
    gebed.write_text("---\nonderdeel: gebed\n---\nBid voor C.\n", encoding="utf-8")
    os.utime(gebed, ns=(old, old))
    assert "Bid voor C." in prayer()


def test_an_edit_is_built_at_once_while_the_search_index_waits_for_the_page(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    import focusbuild.serve as serving
    from focusbuild.serve import LiveSite

    monkeypatch.setattr(serving, "RELOAD_GRACE", 60.0)  # no page comes back in this test
    root = make_project()
    gebed = root / GESPREK / "gebed.md"
    original = gebed.read_text(encoding="utf-8")
    site = LiveSite(root, root / "output", pdf=False)
    site.rebuild()
    gebed.write_text(original + "Bid voor de stad.\n", encoding="utf-8")
    site.rebuild()
    assert site.renewal_pending  # the index waits for the page, which never comes
    stop = threading.Event()
    loop = threading.Thread(target=site.settle_and_rebuild, args=(stop,), daemon=True)
    loop.start()
    try:
        time.sleep(0.3)  # the loop is waiting now
        epoch = site.epoch
        gebed.write_text(original + "Bid voor het dorp.\n", encoding="utf-8")
        site.touch()  # what the watcher does
        deadline = time.monotonic() + 20
        while site.epoch == epoch:
            assert time.monotonic() < deadline, "de wijziging wacht op de zoekindex"
            time.sleep(0.05)
    finally:
        stop.set()
        site.wake_renewal.set()
        loop.join(10)
