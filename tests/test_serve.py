"""`focusbuild serve`: an editor saves a file and sees the page change, or the error."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from focusbuild.serve import serve
from tests.conftest import GESPREK, MakeProject


@pytest.fixture
def served(make_project: MakeProject) -> Iterator[tuple[Path, str]]:
    root = make_project()
    started = threading.Event()
    state: dict[str, Any] = {}

    def ready(url: str, server: Any, stop: Any) -> None:
        state.update(url=url, server=server)
        started.set()

    thread = threading.Thread(
        target=serve,
        args=(root, root / "output", "127.0.0.1", 0),
        kwargs={"pdf": False, "ready": ready},
        daemon=True,
    )
    thread.start()
    assert started.wait(60), "de server start niet"
    yield root, state["url"]
    state["server"].shutdown()
    thread.join(10)


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


def test_the_server_does_not_leave_the_site_folder(served: tuple[Path, str]) -> None:
    root, url = served
    (root / "output" / "geheim.txt").write_text("niet publiek", encoding="utf-8")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(url + "../geheim.txt")
    assert raised.value.code == 404
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url + "%2e%2e/geheim.txt")
