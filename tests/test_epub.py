"""E-books: one EPUB 3 per werkboek and per katern, valid, public text only, reproducible."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from PIL import Image
from playwright.sync_api import Browser

from focusbuild.check import check_project
from tests.browser_support import java, unavailable
from tests.conftest import GESPREK, REPO, base_files, write_files
from tests.site_support import run_build

CANARY = "KANARIE-leiding-epub"
NAMES = "Łukasz, Nguyễn Thị Hằng en Олена in Київ"  # letters beyond Latin-1
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")


def epubcheck() -> list[str]:
    """How to run Debian's epubcheck (its /usr/bin/epubcheck needs binfmt support)."""
    if EPUBCHECK_JAR.is_file():
        return [java(), "-jar", str(EPUBCHECK_JAR)]
    found = shutil.which("epubcheck")
    if found is None:
        unavailable("epubcheck niet gevonden; installeer Debian's epubcheck")
    return [found]


def picture(format: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (31, 111, 139)).save(out, format=format)
    return out.getvalue()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base project with leader text, a picture in PNG and one in WebP, and a katern."""
    root = tmp_path_factory.mktemp("epub") / "project"
    files: dict[str, str | bytes] = dict(base_files())
    files[f"{GESPREK}/bijbelstudie.md"] = (
        "---\nonderdeel: bijbelstudie\n---\nLees Johannes 1:35-51 en zie [het gebed](gebed.md)."
        f"\n\n![Kaart van Galilea](img/kaart.png)\n\n::: handleiding\nTip: {CANARY}-blok.\n:::\n"
    )
    files[f"{GESPREK}/gebed.md"] = (
        f"---\nonderdeel: gebed\n---\n![Kaars](img/kaars.webp)\n\nBid voor {NAMES}.\n"
    )
    files[f"{GESPREK}/lied.md"] = (
        "---\nonderdeel: lied\nduur: 5\nliederen:\n  - {bundel: Ps, nummer: 42, titel: Psalm 42}\n"
        "  - {bundel: Ps, nummer: 42, vers: '1', titel: Als een hert, doelgroep: groep-3-5}\n"
        "---\nZing samen.\n"
    )
    files[f"{GESPREK}/img/kaart.png"] = picture("PNG")
    files[f"{GESPREK}/img/kaars.webp"] = picture("WEBP")
    files[f"{GESPREK}/achtergrond.md"] = (
        f"---\nonderdeel: bijbelstudie\nhandleiding: true\n---\nAchtergrond {CANARY}-bestand.\n"
    )
    katern = "content/katernen/gebed"
    files[f"{katern}/_katern.md"] = "---\ntitel: Gebed\n---\nOver bidden.\n"
    files[f"{katern}/01-leer-ons-bidden/_gesprek.md"] = (
        "---\ntitel: Leer ons bidden\nbijbelgedeelte: Lucas 11:1-13\n---\nInleiding.\n"
    )
    write_files(root, files)
    return root


@pytest.fixture(scope="module")
def books(project: Path) -> Path:
    result = run_build("-p", str(project), "--only", "epub", "--only", "site")
    assert result.exit_code == 0, result.output
    return project / "output" / "site" / "downloads"


def names(book: Path) -> list[str]:
    with zipfile.ZipFile(book) as archive:
        return archive.namelist()


def text_of(book: Path) -> str:
    with zipfile.ZipFile(book) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xhtml", ".opf", ".svg"))
        )


def test_a_katern_is_called_a_katern_once(books: Path) -> None:
    """The katern's book was "Focus – Katern – Katern: Gebed" in a reader's library, and
    its cover said "KATERN" above the title and "Katern" below it."""
    text = text_of(books / "focus-katern-gebed.epub")
    assert "<dc:title>Focus – Katern: Gebed</dc:title>" in text
    assert "Katern – Katern" not in text and "Katern, katern" not in text
    werkboek = text_of(books / "focus-blok-1-werkboek.epub")
    assert "<dc:title>Focus – Werkboek – Blok 1: Jezus ontmoeten</dc:title>" in werkboek


def test_one_epub_per_werkboek_and_per_katern(books: Path) -> None:
    assert sorted(p.name for p in books.glob("*.epub")) == [
        "focus-blok-1-werkboek.epub",
        "focus-katern-gebed.epub",
    ]


def test_epubs_pass_epubcheck_without_errors_or_warnings(books: Path, tmp_path: Path) -> None:
    """The fixture's books (pictures in PNG and WebP) and the repository's own."""
    result = run_build("-p", str(REPO), "-o", str(tmp_path), "--only", "epub", "-q")
    assert result.exit_code == 0, result.output
    repository = tmp_path / "site" / "downloads"
    checked = [
        *sorted(books.glob("*.epub")),
        repository / "focus-blok-1-werkboek.epub",
        repository / "focus-katern-geloof-en-werk.epub",
    ]
    command = epubcheck()

    def check(book: Path) -> tuple[Path, str]:
        done = subprocess.run([*command, str(book)], capture_output=True, text=True)
        return book, done.stdout + done.stderr

    with ThreadPoolExecutor(max_workers=4) as pool:
        for book, report in pool.map(check, checked):
            assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, (book.name, report)


def test_an_epub_holds_the_public_text_and_no_leader_text(books: Path, project: Path) -> None:
    text = text_of(books / "focus-blok-1-werkboek.epub")
    assert CANARY not in text
    assert "Voor de leiding" not in text
    assert "Lees <a href=" in text  # the Bible reference links to the Bible website
    # a link to another text goes to its page on the website
    assert 'href="https://focus.test/blok1/kom-en-zie/#gebed"' in text
    checked = check_project(project)
    assert checked.site is not None
    gesprek = checked.site.blokken[0].gesprekken[0]
    for section in gesprek.sections_for("kring"):
        assert escape(section.titel, quote=False) in text, section.titel
    assert "<dc:language>nl</dc:language>" in text
    # the colophon gives how recent it is, as the booklet does: "Kenmerk" or "Stand van"
    assert re.search(r"<p>(Kenmerk \S+|Stand van [^<]+ \(kenmerk \S+\))\.<br/>", text)
    # the kring's e-book suggests the kring's songs, not the one meant for groep 3-5
    assert "<b>Psalm 42</b>" in text and "Als een hert" not in text


def test_an_epub_has_a_cover_a_navigation_fonts_and_its_pictures(books: Path) -> None:
    book = books / "focus-blok-1-werkboek.epub"
    inside = names(book)
    assert inside[:3] == ["mimetype", "META-INF/container.xml", "OEBPS/package.opf"]
    with zipfile.ZipFile(book) as archive:
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        package = archive.read("OEBPS/package.opf").decode("utf-8")
        nav = archive.read("OEBPS/nav.xhtml").decode("utf-8")
        kaars = archive.read("OEBPS/media/blok1/01-kom-en-zie/img/kaars.png")
    assert 'properties="cover-image"' in package and 'properties="nav"' in package
    assert re.search(r'<a href="gesprek-01-kom-en-zie.xhtml">1\. Kom en zie</a>', nav)
    assert "OEBPS/media/blok1/01-kom-en-zie/img/kaart.png" in inside
    assert kaars.startswith(b"\x89PNG")  # WebP is stored as PNG, which every reader shows
    assert sum(1 for name in inside if name.endswith(".ttf")) == len(print_faces())


def test_the_navigation_reaches_each_part_of_a_gesprek(books: Path, project: Path) -> None:
    """On a phone, the prayer of gesprek 2 is one tap from the contents, not 15 screens of
    swiping: the navigation lists every section under its gesprek."""
    with zipfile.ZipFile(books / "focus-blok-1-werkboek.epub") as archive:
        nav = archive.read("OEBPS/nav.xhtml").decode("utf-8")
    checked = check_project(project)
    assert checked.site is not None
    gesprek = checked.site.blokken[0].gesprekken[0]
    sections = gesprek.sections_for("kring")
    assert len(sections) >= 3
    for section in sections:
        link = f'<a href="gesprek-01-kom-en-zie.xhtml#{section.slug}">'
        assert link + escape(section.titel, quote=False) + "</a>" in nav, section.titel


def test_boxes_with_a_light_background_set_their_text_colour(books: Path) -> None:
    """A reader's night mode turns the text light; a box that keeps its light background
    must then keep its dark text too, or a psalm's verses all but disappear."""
    with zipfile.ZipFile(books / "focus-blok-1-werkboek.epub") as archive:
        css = "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".css")
        )
    light = []
    for selector, rule in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        found = re.search(r"background(?:-color)?\s*:\s*#([0-9a-fA-F]{6})", rule)
        if found and int(found.group(1)[2:4], 16) > 0xC0:  # a light background
            light.append(selector.strip())
            assert re.search(r"(?<![-\w])color\s*:", rule), selector.strip()
    assert len(light) >= 3, light  # the leader boxes and headings; the songs have none now
    # a psalm's verses have no fill at all: a bright block on a black screen glared
    songs = re.search(r"\.lied \{([^{}]*)\}", css)
    assert songs is not None and "background" not in songs.group(1)


def print_faces() -> list[str]:
    """The faces print uses (layouts/print/fonts.css), which an e-book embeds too."""
    return re.findall("@font-face", (REPO / "layouts/print/fonts.css").read_text("utf-8"))


def test_the_fonts_of_an_epub_hold_every_letter_of_its_text(books: Path) -> None:
    """Names from the world church come in the house fonts, not in a font of the reader's,
    and the fonts, cut to the book's letters, take less room than the site's Latin fonts."""
    book = books / "focus-blok-1-werkboek.epub"
    assert NAMES in text_of(book)
    letters = {ord(c) for c in text_of(book) if not c.isspace()}
    site_fonts = sorted((REPO / "layouts/static/fonts").glob("*-latin-[0-9]*.woff2"))
    assert len(site_fonts) == 6
    with zipfile.ZipFile(book) as archive:
        fonts = [i for i in archive.infolist() if i.filename.startswith("OEBPS/fonts/")]
        assert len(fonts) == len(print_faces())
        for info in fonts:
            cmap = TTFont(io.BytesIO(archive.read(info))).getBestCmap()
            missing = "".join(sorted(chr(c) for c in letters - set(cmap)))
            assert not missing, f"{info.filename} mist {missing}"
    # the faces the site has too (all but print's Sans italic), against its Latin files
    on_site = {font.name.replace("-latin-", "-").replace(".woff2", ".ttf") for font in site_fonts}
    compared = [info for info in fonts if info.filename.split("/")[-1] in on_site]
    assert len(on_site) == len(compared) == 6
    packed = sum(info.compress_size for info in compared)
    assert packed < sum(font.stat().st_size for font in site_fonts) * 0.9


def test_epubs_are_reproducible(project: Path, tmp_path: Path) -> None:
    """The same bytes from a build in this process and one in a process of its own (with
    its own hash seed, and the fonts unpacked and cut again)."""
    first, second = tmp_path / "a", tmp_path / "b"
    result = run_build("-p", str(project), "-o", str(first), "--only", "epub", "--no-cache")
    assert result.exit_code == 0, result.output
    command = [sys.executable, "-m", "focusbuild", "build", "-p", str(project), "-o", str(second)]
    other = subprocess.run(
        [*command, "--only", "epub", "--no-cache"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        check=False,
    )
    assert other.returncode == 0, other.stdout + other.stderr
    assert sorted(first.glob("site/downloads/*.epub"))
    for book in sorted((first / "site/downloads").glob("*.epub")):
        assert book.read_bytes() == (second / "site/downloads" / book.name).read_bytes()


def test_the_downloads_pages_list_the_epubs(books: Path) -> None:
    site = books.parent
    for page in ("downloads/index.html", "blok1/index.html", "katernen/gebed/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'href="[./]*(downloads/)?focus-[a-z0-9-]+\.epub" download>', html), page
        assert "e-book (epub), " in html, page


def test_a_chapter_fits_a_phone_at_double_size(
    books: Path, tmp_path: Path, browser: Browser
) -> None:
    """A reader with large type on a phone: the web address under a gesprek ran off the
    screen ("www.izb.nl/focus/katernen/geb…"), and so did long Dutch words."""
    with zipfile.ZipFile(books / "focus-blok-1-werkboek.epub") as archive:
        archive.extractall(tmp_path / "boek")
    chapters = sorted((tmp_path / "boek/OEBPS").glob("*kom-en-zie*.xhtml"))
    assert chapters, sorted(p.name for p in (tmp_path / "boek/OEBPS").iterdir())
    page = browser.new_page(viewport={"width": 375, "height": 667})
    try:
        page.goto(chapters[0].as_uri())
        assert "Ook online" in page.content()
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        # a long Dutch compound, as the shipped katern geloof-en-werk has several
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend', "
            "'<p>De kerkenraadsvergaderingsvoorbereidingscommissie.</p>')"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        page.close()


def test_the_book_claims_described_pictures_only_when_every_picture_is(
    books: Path, tmp_path: Path
) -> None:
    """The package said "afbeeldingen hebben een beschrijving" (alternativeText) for every
    book, also one with a picture written without words: ![](kaart.png)."""
    assert "alternativeText" in text_of(books / "focus-blok-1-werkboek.epub")
    root = tmp_path / "project"
    files: dict[str, str | bytes] = dict(base_files())
    files[f"{GESPREK}/bijbelstudie.md"] = (
        "---\nonderdeel: bijbelstudie\n---\nLees Johannes 1:35-51.\n\n![](img/kaart.png)\n"
    )
    files[f"{GESPREK}/img/kaart.png"] = picture("PNG")
    write_files(root, files)
    result = run_build("-p", str(root), "--only", "epub")
    assert result.exit_code == 0, result.output
    package = text_of(root / "output/site/downloads/focus-blok-1-werkboek.epub")
    assert "alternativeText" not in package and "accessModeSufficient" not in package
    assert "afbeeldingen hebben een beschrijving" not in package
