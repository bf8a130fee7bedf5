"""Shared fixtures: small projects written inline in a test."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from focusbuild.artifacts import Urls
from focusbuild.config import load_config
from focusbuild.diagnostics import Collector

REPO = Path(__file__).resolve().parent.parent

_ONDERDELEN = ("lied", "bijbelstudie", "verhalen-delen", "gebed", "in-beweging", "delen-en-dienen")
_DOELGROEPEN = ("groep-3-5", "groep-6-8", "12-16", "16-plus", "gezin", "vergaderopening")
GESPREK = "content/blok1/01-kom-en-zie"
_DUUR = {
    "lied": 5,
    "bijbelstudie": 40,
    "verhalen-delen": 15,
    "gebed": 10,
    "in-beweging": 10,
    "delen-en-dienen": 10,
}
_GELEID = ("groep-3-5", "groep-6-8", "12-16", "16-plus")
LED = (
    "doel: Samen ontdekken wie Jezus is.\ntijd: 30 minuten\nbenodigdheden: [Bijbel]\n"
    "liederen:\n  - {bundel: Ps, nummer: 42, titel: Psalm 42}\n"
)


#: Test projects live at their own address, not the shipped one.
BASE_URL = "https://focus.test/"


def project_config() -> str:
    """The repository's focus.yaml, with the test projects' basis_url."""
    text = (REPO / "focus.yaml").read_text(encoding="utf-8")
    return re.sub(r"(?m)^basis_url: .*$", f"basis_url: {BASE_URL}", text)


def base_files() -> dict[str, str]:
    """A tiny project that checks clean: one blok, one complete gesprek, one page."""
    files = {
        "focus.yaml": project_config(),
        "content/index.md": "---\ntitel: Focus\n---\nWelkom.\n",
        "content/paginas/over-focus.md": "---\ntitel: Over Focus\nmenu: true\nvolgorde: 1\n---\n"
        "Over ons.\n",
        "content/liederen.yaml": "- {bundel: Ps, nummer: 42, titel: Psalm 42}\n",
        "content/blok1/_blok.md": "---\nblok: 1\ntitel: Jezus ontmoeten\n"
        'periode: Eerste jaar\njaar: 1\nmaanden: [1, 2, 3]\nkleur: "#1f6f8b"\n---\nIntro.\n',
        f"{GESPREK}/_gesprek.md": "---\ntitel: Kom en zie\nbijbelgedeelte: Johannes 1:35-51\n"
        "---\nInleiding.\n",
    }
    for onderdeel in _ONDERDELEN:  # the durations of one 90-minute kring evening
        files[f"{GESPREK}/{onderdeel}.md"] = (
            f"---\nonderdeel: {onderdeel}\nduur: {_DUUR[onderdeel]}\n---\nTekst.\n"
        )
    for doelgroep in _DOELGROEPEN:
        led = LED if doelgroep in _GELEID else ""
        files[f"{GESPREK}/{doelgroep}.md"] = (
            f"---\nonderdeel: [bijbelstudie, gebed]\ndoelgroep: {doelgroep}\n{led}---\nTekst.\n"
        )
    files[f"{GESPREK}/achtergrond.md"] = (
        "---\nonderdeel: bijbelstudie\nhandleiding: true\n---\nAlleen voor de leiding.\n"
    )
    return files


MakeProject = Callable[..., Path]


def tiny_png(shade: int = 0) -> bytes:
    """A real 2 × 2 picture (the check reads every picture it is shown); another `shade`
    gives another file."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), (shade, shade, shade)).save(out, format="PNG")
    return out.getvalue()


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write a project's files below `root` (text as UTF-8, bytes as they are)."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def repo_urls() -> Urls:
    """The web addresses of the repository's own site."""
    config = load_config(REPO, Collector())
    assert config is not None
    return Urls(config)


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Write a project: the clean base, with `files` added, replaced or (None) removed.

    Text is dedented, so tests can write front matter indented in place.
    Bytes are written as they are (for encoding tests).
    """

    def make(files: dict[str, str | bytes | None] | None = None, *, base: bool = True) -> Path:
        root = tmp_path / "project"
        all_files: dict[str, str | bytes | None] = dict(base_files()) if base else {}
        all_files.update(files or {})
        for rel, text in all_files.items():
            if text is None:
                continue
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Debian Chromium for every browser test (Playwright's sync API allows one loop)."""
    from tests.browser_support import CHROMIUM_ARGS, chromium

    executable = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield launched
        launched.close()
