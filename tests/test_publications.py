"""The PDF publications: what a kringleider, a printer and a screen reader notice."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from focusbuild.build import Request, build
from focusbuild.render.imposition import sheet_order
from tests.conftest import GESPREK, LED, REPO, MakeProject
from tests.site_support import run_build

CANARY = "KANARIE-leiding-pdf"
VIDEO = "https://focus.example.org/video/anna"


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        reason = f"{name} niet gevonden; installeer Debian's qpdf, poppler-utils en zbar-tools"
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import base_files, write_files

    root = tmp_path_factory.mktemp("pdf") / "project"
    files = base_files()
    files[f"{GESPREK}/bijbelstudie.md"] = (
        "---\nonderdeel: bijbelstudie\n---\nLees Johannes 1:35-51.\n\n"
        "Vergelijk Psalm 23, Lucas 19:1-10, Marcus 1:16-20 en Genesis 12:1-9.\n\n"
        f"1. Wat zoekt u?\n2. Wie nodigt u uit?\n\n::: handleiding\nTip: {CANARY}-blok.\n:::\n"
    )
    files[f"{GESPREK}/achtergrond.md"] = (
        f"---\nonderdeel: bijbelstudie\nhandleiding: true\n---\nAchtergrond {CANARY}-bestand.\n"
    )
    files[f"{GESPREK}/verhalen-delen.md"] = (
        f"---\nonderdeel: verhalen-delen\nvideo: {VIDEO}\n---\nAnna vertelt.\n"
    )
    write_files(root, dict(files))
    result = run_build("-p", str(root), "-o", str(root / "output"))
    assert result.exit_code == 0, result.output
    (root / "output" / "verslag.txt").write_text(result.output, encoding="utf-8")
    return root / "output"


def pdfs(output: Path) -> list[Path]:
    return sorted(output.glob("site/downloads/*.pdf")) + sorted(output.glob("leiders/*.pdf"))


def text(path: Path) -> str:
    """The PDF's text, with words that wrap at a hyphen joined again."""
    raw = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return re.sub(r"-\s*\n", "-", raw)


def test_every_publication_is_made_in_its_place(built: Path) -> None:
    public = sorted(p.name for p in built.glob("site/downloads/*.pdf"))
    assert public == sorted(
        f"focus-blok-1-{kind}.pdf"
        for kind in (
            "werkboek",
            "werkboek-boekje",
            "groep-3-5",
            "groep-6-8",
            "12-16",
            "16-plus",
            "gezin",
            "vergaderopening",
        )
    )
    assert [p.name for p in built.glob("leiders/*.pdf")] == ["focus-blok-1-handleiding.pdf"]
    report = (built / "verslag.txt").read_text(encoding="utf-8")  # what the build said
    assert "site/downloads/focus-blok-1-werkboek.pdf: " in report
    assert (
        "site/downloads/focus-blok-1-werkboek-boekje.pdf: als boekje op A4, om te vouwen en te "
        "nieten"
    ) in report
    downloads = (built / "site/downloads/index.html").read_text(encoding="utf-8")
    assert 'href="focus-blok-1-werkboek.pdf"' in downloads
    assert "handleiding.pdf" not in downloads
    assert re.search(r"pdf, \d+ kB, \d+ blz\.", downloads)


def test_leader_text_is_only_in_the_handleiding(built: Path) -> None:
    guide = text(built / "leiders/focus-blok-1-handleiding.pdf")
    assert f"{CANARY}-blok" in guide and f"{CANARY}-bestand" in guide
    assert "voor de leiding" in guide.lower()
    leaks = [p.name for p in built.glob("site/downloads/*.pdf") if CANARY in text(p)]
    assert leaks == []


def test_pdfs_are_tagged_dutch_and_titled_with_bookmarks(built: Path) -> None:
    # the A4 booklet is a print sheet made from the werkboek, not a document to read
    for path in [p for p in pdfs(built) if not p.name.endswith("-boekje.pdf")]:
        reader = PdfReader(path)
        root: Any = reader.trailer["/Root"]
        assert root["/Lang"] == "nl", path.name
        assert "/StructTreeRoot" in root, path.name
        assert reader.metadata is not None
        assert (reader.metadata.title or "").startswith("Focus – "), path.name
        assert b"pdfuaid:part" in reader.xmp_metadata.stream.get_data()  # type: ignore[union-attr]
        titles = [item.title for item in reader.outline if not isinstance(item, list)]
        assert "Kom en zie" in titles, (path.name, titles)


def test_the_colophon_says_how_recent_the_booklet_is(make_project: MakeProject) -> None:
    """ "Versie ee91f5f, 7 december 2026" meant nothing to a kringlid: the date comes first,
    the commit after it as a reference for the editors."""
    root = make_project()
    request = Request(targets=frozenset({"pdf"}), colophon=("ee91f5f", "2026-12-07"))
    assert build(root, request).ok
    text = " ".join(pdf_text(root / "output/site/downloads/focus-blok-1-werkboek.pdf").split())
    assert "Stand van 7 december 2026 (kenmerk ee91f5f)." in text
    assert "Versie" not in text


def test_table_of_contents_numbers_match_the_pages(built: Path) -> None:
    reader = PdfReader(built / "site/downloads/focus-blok-1-werkboek.pdf")
    contents = next(p.extract_text() for p in reader.pages if "Inhoud" in (p.extract_text() or ""))
    match = re.search(r"1\. Kom en zie[\s.]*(\d+)", contents)
    assert match, contents
    page = reader.pages[int(match.group(1)) - 1].extract_text() or ""
    assert "Kom en zie" in page and "gesprek 1" in page.lower()


def test_each_gesprek_starts_on_a_right_hand_page(built: Path) -> None:
    reader = PdfReader(built / "site/downloads/focus-blok-1-werkboek.pdf")
    pages = [(p.extract_text() or "").lower() for p in reader.pages]
    starts = [i + 1 for i, page in enumerate(pages) if "gesprek 1\nkom en zie" in page]
    assert starts and all(n % 2 == 1 for n in starts)


def test_a_doelgroep_booklet_starts_each_gesprek_on_the_next_page(
    make_project: MakeProject,
) -> None:
    """A club or catechese prints its booklet, often one-sided: a gesprek follows on the
    next page, without a blank page to reach a right-hand one (a quarter of the pages of
    the shipped doelgroep booklets were blank). The werkboek keeps right-hand starts."""
    from tests.conftest import base_files

    files = base_files()
    second = GESPREK.replace("01-kom-en-zie", "02-hij-roept")
    for rel, text in list(files.items()):
        if rel.startswith(GESPREK + "/"):
            files[rel.replace(GESPREK, second)] = text.replace("Kom en zie", "Hij roept")
    root = make_project(files)
    result = run_build("-p", str(root), "--only", "pdf")
    assert result.exit_code == 0, result.output

    def texts(name: str) -> list[str]:
        reader = PdfReader(root / "output/site/downloads" / name)
        return [(page.extract_text() or "").strip() for page in reader.pages]

    def start(pages: list[str], title: str) -> int:
        return next(i + 1 for i, text in enumerate(pages) if f"gesprek {title}" in text.lower())

    booklet = texts("focus-blok-1-12-16.pdf")
    first, following = start(booklet, "1\nkom en zie"), start(booklet, "2\nhij roept")
    assert following == first + 1, booklet  # one page each: the next page, blank or not
    # the inleiding right after the contents (page 3), and gesprek 1 right after it
    inleiding = next(i + 1 for i, text in enumerate(booklet) if text.startswith("Inleiding"))
    assert (inleiding, first) == (4, 5), booklet
    assert booklet.count("") == 1  # the back of the cover, and no other blank page
    werkboek = texts("focus-blok-1-werkboek.pdf")
    assert start(werkboek, "2\nhij roept") % 2 == 1


def test_pdfs_pass_qpdf_and_embed_every_font(built: Path) -> None:
    qpdf, pdffonts = tool("qpdf"), tool("pdffonts")
    for path in pdfs(built):
        check = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, (path.name, check.stdout, check.stderr)
        fonts = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True)
        rows = fonts.stdout.splitlines()[2:]
        assert rows and all(re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", r) for r in rows)


def qr_codes(pdf: Path, folder: Path) -> set[str]:
    """What the QR codes on the pages of `pdf` say."""
    pdftoppm, zbarimg = tool("pdftoppm"), tool("zbarimg")
    prefix = folder / pdf.stem
    subprocess.run([pdftoppm, "-r", "200", "-png", str(pdf), str(prefix)], check=True)
    found: set[str] = set()
    for png in sorted(folder.glob(f"{pdf.stem}-*.png")):
        done = subprocess.run([zbarimg, "-q", "--raw", str(png)], capture_output=True, text=True)
        found.update(line for line in done.stdout.splitlines() if line)
    return found


def test_qr_codes_decode_to_the_gesprek_and_the_film(built: Path, tmp_path: Path) -> None:
    found = qr_codes(built / "site/downloads/focus-blok-1-werkboek.pdf", tmp_path)
    assert "https://focus.test/blok1/kom-en-zie/" in found
    assert VIDEO in found
    # a doelgroep's booklet opens that group's page: a parent scanning the gezin booklet
    # landed on the kring's Bijbelstudie
    codes = qr_codes(built / "site/downloads/focus-blok-1-gezin.pdf", tmp_path)
    assert codes == {"https://focus.test/blok1/kom-en-zie/gezin/"}


def test_the_address_under_a_qr_code_breaks_only_between_its_parts(built: Path) -> None:
    """For a reader who types it: the site, then a line per part of the path, never a
    scrap of a word ("op/") on a line of its own."""
    page = PdfReader(built / "site/downloads/focus-blok-1-werkboek.pdf").pages
    lines = [line.strip() for p in page for line in (p.extract_text() or "").splitlines()]
    at = lines.index("focus.test/")
    assert lines[at : at + 3] == ["focus.test/", "blok1/", "kom-en-zie/"]
    film = lines.index("Filmportret")
    assert lines[film + 1 : film + 4] == ["focus.example.org/", "video/", "anna"]


def test_a_long_part_of_the_address_under_a_qr_code_stays_whole() -> None:
    """A caption with "het-koninkrijk-is-" above "dichtbij/" read as a hyphenated word: a
    reader typing the address could not tell whether the hyphen belongs to it."""
    from focusbuild.render.publications import url_lines

    caption = url_lines("https://www.izb.nl/focus/blok5/het-koninkrijk-is-dichtbij/", "")
    header = (
        '<header class="gesprek-kop"><div class="gesprek-titels"><h1 class="gesprek-titel">'
        "Het koninkrijk is dichtbij</h1></div>"
        f'<figure class="qr-blok"><figcaption>{caption}</figcaption></figure></header>'
    )
    text = typeset_with_print_css(header).pages[0].extract_text() or ""
    lines = [line.strip() for line in text.splitlines()]
    assert "het-koninkrijk-is-dichtbij/" in lines, lines


def test_a_second_build_reuses_every_pdf_and_gives_the_same_bytes(built: Path) -> None:
    root = built.parent
    before = {p.name: p.read_bytes() for p in pdfs(built)}
    result = run_build("-p", str(root), "-o", str(built))
    assert result.exit_code == 0
    assert "(0 gemaakt, 8 hergebruikt)" in result.output
    assert {p.name: p.read_bytes() for p in pdfs(built)} == before


def test_an_edit_renders_only_the_publications_with_that_section(
    make_project: MakeProject,
) -> None:
    root = make_project()
    assert run_build("-p", str(root)).exit_code == 0
    (root / f"{GESPREK}/gezin.md").write_text(
        "---\nonderdeel: [bijbelstudie, gebed]\ndoelgroep: gezin\n---\nAndere tekst.\n",
        encoding="utf-8",
    )
    result = run_build("-p", str(root))
    assert result.exit_code == 0
    made = re.findall(r"(\S+\.pdf): \d+ bladzijden?, gemaakt", result.output)
    assert sorted(Path(m).name for m in made) == [
        "focus-blok-1-gezin.pdf",
        "focus-blok-1-handleiding.pdf",
    ]


def test_booklet_imposition_puts_two_pages_per_sheet_in_folding_order() -> None:
    assert sheet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert sheet_order(6) == [(-1, 0), (1, -1), (5, 2), (3, 4)]  # padded with blanks


def test_the_werkboek_also_comes_as_an_a4_booklet(built: Path) -> None:
    werkboek = PdfReader(built / "site/downloads/focus-blok-1-werkboek.pdf")
    booklet = PdfReader(built / "site/downloads/focus-blok-1-werkboek-boekje.pdf")
    assert len(booklet.pages) == -(-len(werkboek.pages) // 4) * 2
    width, height = float(booklet.pages[0].mediabox.width), float(booklet.pages[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    first_sheet = booklet.pages[0].extract_text() or ""
    assert "Werkboek" in first_sheet  # the cover is on the outside of the first sheet
    downloads = (built / "site/downloads/index.html").read_text(encoding="utf-8")
    assert 'href="focus-blok-1-werkboek-boekje.pdf"' in downloads
    assert "Print dat dubbelzijdig, omslaan via de korte kant, op ware grootte" in downloads
    # the print dialog starts right: both sides, turned on the short edge, actual size
    preferences = booklet.root_object["/ViewerPreferences"].get_object()
    assert isinstance(preferences, dict)
    assert preferences["/Duplex"] == "/DuplexFlipShortEdge"
    assert preferences["/PrintScaling"] == "/None"


def test_each_werkboek_page_is_on_its_own_half_sheet_of_the_booklet(built: Path) -> None:
    werkboek = PdfReader(built / "site/downloads/focus-blok-1-werkboek.pdf")
    booklet = PdfReader(built / "site/downloads/focus-blok-1-werkboek-boekje.pdf")
    for side, pair in enumerate(sheet_order(len(werkboek.pages))):
        sheet = booklet.pages[side].extract_text() or ""
        for index in pair:
            lines = (werkboek.pages[index].extract_text() or "").splitlines() if index >= 0 else []
            for line in [line.strip() for line in lines if len(line.strip()) > 8][-2:]:
                assert line in sheet, (side, index, line)


def test_the_booklet_carries_the_fonts_once_not_once_per_sheet(built: Path) -> None:
    werkboek = built / "site/downloads/focus-blok-1-werkboek.pdf"
    booklet = built / "site/downloads/focus-blok-1-werkboek-boekje.pdf"
    assert booklet.stat().st_size < 1.5 * werkboek.stat().st_size


def test_fonts_unpacked_once_give_the_same_pdf(tmp_path: Path) -> None:
    from focusbuild.render.typeset import forget_fonts, typeset

    layouts = Path(__file__).resolve().parent.parent / "layouts"
    font = (layouts / "static/fonts/source-serif-4-latin-400-normal.woff2").as_uri()
    html = (
        "<html lang=nl><head><title>t</title><style>"
        f'@font-face {{ font-family: S; src: url("{font}"); }}'
        "body { font-family: S; }</style></head><body><p>Één zin in Source Serif.</p></body></html>"
    )
    roots = (layouts,)
    # each as in a process of its own: a process fetches each font once
    forget_fonts()
    plain, _ = typeset(html, layouts.as_uri() + "/", roots)
    forget_fonts()
    first, _ = typeset(html, layouts.as_uri() + "/", roots, tmp_path / "fonts")
    forget_fonts()
    again, _ = typeset(html, layouts.as_uri() + "/", roots, tmp_path / "fonts")
    assert plain == first == again
    assert len(list((tmp_path / "fonts").glob("*.sfnt"))) == 1
    resources: Any = PdfReader(io.BytesIO(plain)).pages[0]["/Resources"]
    fonts_used = resources["/Font"].values()
    # the @font-face family, not a system font in its place
    assert [str(font.get_object()["/BaseFont"]).split("+")[1] for font in fonts_used] == ["S"]


def test_a_cold_build_unpacks_each_print_font_once_not_once_per_worker(
    make_project: MakeProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seven print fonts are WOFF2; unpacking one takes 0.1-0.2 s of pure Python.
    Every typesetting worker unpacked all of them before its first page. Now the build
    unpacks them once, spread over its processes, before the workers start."""
    from fontTools.ttLib import woff2  # type: ignore[import-untyped]

    from focusbuild.render import font_files, warm_typesetter

    log = tmp_path / "unpacked.txt"
    decompress = woff2.decompress

    def counted(packed: Any, out: Any) -> None:
        with log.open("a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\n")
        decompress(packed, out)

    # workers forked from this process (not from the warm server) share the counter
    monkeypatch.setattr(warm_typesetter, "start", lambda: None)
    monkeypatch.setattr(warm_typesetter, "_started", False)  # another test may have
    monkeypatch.setattr(woff2, "decompress", counted)
    monkeypatch.setattr(font_files, "_UNPACKED", {})  # as in a new process
    root = make_project()
    report = build(root, Request(targets=frozenset({"pdf"}), jobs=2))
    assert report.ok
    assert len(report.publications) >= 2  # more than one: typeset in forked workers
    fonts = sorted((REPO / "layouts/print").rglob("*.woff2"))
    assert len(fonts) == 7
    assert len(log.read_text(encoding="utf-8").splitlines()) == len(fonts)
    kept = next((root / "output/.cache/fonts").iterdir())
    assert len(list(kept.glob("*.sfnt"))) == len(fonts)


def test_transliterations_and_names_are_typeset_in_the_house_fonts(
    make_project: MakeProject,
) -> None:
    """Letters beyond Latin-1 (Greek and Hebrew transliterated, a Greek word, names from
    the world church in Latin, Vietnamese and Cyrillic letters) come from the print fonts,
    not from a system font, and read back as written."""
    words = "distazō agapē šālôm Łukasz Ştefan Dvořák Nguyễn Thị Hằng αγάπη Київ Олена"
    root = make_project(
        {f"{GESPREK}/gebed.md": f"---\nonderdeel: gebed\nduur: 10\n---\nBid met {words}.\n"}
    )
    report = build(root, Request(targets=frozenset({"pdf"})))
    assert report.ok
    werkboek = next(m.pdf for m in report.publications if m.job.filename.endswith("werkboek.pdf"))
    reader = PdfReader(werkboek)
    assert words in " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    families = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            families.add(str(font.get_object()["/BaseFont"]).split("+")[1].split("-")[0])
    assert families == {"Source"}, families


def test_print_ready_pdfs_have_bleed_and_crop_marks(make_project: MakeProject) -> None:
    root = make_project()
    result = run_build("-p", str(root), "--only", "pdf", "--print-ready")
    assert result.exit_code == 0, result.output
    page = PdfReader(root / "output/site/downloads/focus-blok-1-werkboek.pdf").pages[3]
    bleed = float(page.mediabox.width) - float(page.trimbox.width)
    assert round(bleed / 72 * 25.4) >= 6  # 3 mm on each side, plus room for the marks


def test_progress_is_reported_for_every_publication(make_project: MakeProject) -> None:
    root = make_project()
    seen: list[tuple[int, str]] = []
    report = build(
        root,
        Request(
            targets=frozenset({"pdf"}),
            progress=lambda total, made: seen.append((total, made.job.filename)),
        ),
    )
    assert report.ok
    assert len(seen) == 8 and {total for total, _ in seen} == {8}
    assert sorted(name for _, name in seen) == sorted(m.job.filename for m in report.publications)


def test_pdfs_can_be_read_by_a_web_server(built: Path) -> None:
    for path in pdfs(built):
        assert path.stat().st_mode & 0o044 == 0o044, f"{path.name} is not readable for all"


def test_a_site_only_build_keeps_the_handleidingen(make_project: MakeProject) -> None:
    root = make_project()
    assert run_build("-p", str(root)).exit_code == 0
    edited = root / f"{GESPREK}/gebed.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nNieuw.\n", encoding="utf-8")
    assert run_build("-p", str(root)).exit_code == 0  # the next build starts from the last
    leaders = sorted(p.name for p in (root / "output/leiders").iterdir())
    edited.write_text(edited.read_text(encoding="utf-8") + "\nNog een.\n", encoding="utf-8")

    assert run_build("-p", str(root), "--only", "site").exit_code == 0

    assert sorted(p.name for p in (root / "output/leiders").iterdir()) == leaders
    assert leaders == ["focus-blok-1-handleiding.pdf"]


def test_no_cache_typesets_every_pdf_again(built: Path) -> None:
    result = run_build("-p", str(built.parent), "-o", str(built), "--only", "pdf", "--no-cache")
    assert result.exit_code == 0
    assert "(8 gemaakt, 0 hergebruikt)" in result.output


def test_fonts_are_cut_to_the_glyphs_used_also_without_the_system_harfbuzz(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where the system has no HarfBuzz-Subset library, WeasyPrint falls back to fontTools
    in pure Python, and a full build took 1.4-1.5 times as long. The fonts are cut down by
    HarfBuzz anyway, and the pages look as they do with WeasyPrint's own subsetting."""
    import weasyprint.pdf.fonts as weasyprint_fonts

    from focusbuild.render.font_files import unpacked
    from focusbuild.render.font_subset import WEASYPRINT_SUBSET
    from focusbuild.render.typeset import typeset

    layouts = Path(__file__).resolve().parent.parent / "layouts"
    woff2 = layouts / "static/fonts/source-serif-4-latin-400-normal.woff2"
    html = (
        "<html lang=nl><head><title>t</title><style>"
        f'@font-face {{ font-family: S; src: url("{woff2.as_uri()}"); }}'
        "body { font-family: S; font-size: 14pt; }</style></head>"
        "<body><p>Één gebed voor de ‘kring’ — café en ruïne.</p></body></html>"
    )
    base, roots = layouts.as_uri() + "/", (layouts,)

    def slow(*args: object) -> None:
        raise AssertionError("fontTools subset the font")

    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)
    with monkeypatch.context() as patched:
        patched.setattr(weasyprint_fonts.Font, "_fonttools_subset", slow)
        ours, _ = typeset(html, base, roots)
    with monkeypatch.context() as patched:
        patched.setattr(weasyprint_fonts.Font, "subset", WEASYPRINT_SUBSET)
        theirs, _ = typeset(html, base, roots)

    reader = PdfReader(io.BytesIO(ours))
    assert "café en ruïne" in (reader.pages[0].extract_text() or "")
    resources: Any = reader.pages[0]["/Resources"]
    (font,) = [f.get_object() for f in resources["/Font"].values()]
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    embedded = len(descriptor["/FontFile2"].get_object().get_data())
    assert embedded < len(unpacked(woff2, tmp_path)) / 3

    pdftoppm = tool("pdftoppm")
    looks = []
    for name, data in (("ours", ours), ("theirs", theirs)):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        page = [pdftoppm, "-r", "100", "-png", "-singlefile", str(tmp_path / f"{name}.pdf")]
        subprocess.run([*page, str(tmp_path / name)], check=True)
        looks.append((tmp_path / f"{name}.png").read_bytes())
    assert looks[0] == looks[1]


#: The print layouts, and a document that uses their stylesheet (print.css), for tests that
#: typeset a piece of markup: `body` in a body of the class `opmaak`.
LAYOUTS = Path(__file__).resolve().parent.parent / "layouts"
PRINT_BASE = (LAYOUTS / "print").as_uri() + "/"


def with_print_css(body: str, opmaak: str = "") -> str:
    return (
        '<html lang="nl"><head><title>t</title><link rel="stylesheet" href="print.css">'
        f'</head><body class="{opmaak}">{body}</body></html>'
    )


def laid_out_with_print_css(body: str, opmaak: str = "") -> Any:
    """WeasyPrint's layout of `body` with print.css (a Document: its pages' box trees)."""
    from focusbuild.render.typeset import Fetcher
    from focusbuild.render.weasyprint_loader import weasyprint

    html = weasyprint.HTML(
        string=with_print_css(body, opmaak), base_url=PRINT_BASE, url_fetcher=Fetcher((LAYOUTS,))
    )
    return html.render()


def typeset_with_print_css(body: str, opmaak: str = "") -> PdfReader:
    from focusbuild.render.typeset import typeset

    data, _ = typeset(with_print_css(body, opmaak), PRINT_BASE, (LAYOUTS,))
    return PdfReader(io.BytesIO(data))


def pdf_text(pdf: Path) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def font_names(page: Any) -> list[str]:
    """The names of the fonts a page of a PDF uses, without their subset prefix."""
    return [
        str(f.get_object()["/BaseFont"]).split("+")[1] for f in page["/Resources"]["/Font"].values()
    ]


#: Long Dutch words, which the booklets hyphenate at a line end.
LONG_WORDS = "kerkenraadsvergadering jeugdwerkbegeleiders gemeenteavondvoorbereiding " * 12


def test_a_word_broken_at_the_line_end_keeps_the_house_font(tmp_path: Path) -> None:
    """Hyphenation adds a hyphen the text does not hold: it is set in the house font like
    the word, not in a fallback font (the house fonts lack U+2010)."""
    page = typeset_with_print_css(f"<p>{LONG_WORDS}</p>").pages[0]
    assert re.search("[a-z][-\u2010]\n", page.extract_text() or "")  # a word was broken
    names = font_names(page)
    assert names and all(name.startswith("Source-") for name in names), names


def test_childrens_booklets_break_no_word_at_the_line_end(tmp_path: Path) -> None:
    """Children learning to read (groep 3-5, 6-8) see whole words: the same long words
    that other booklets hyphenate (test above) go to the next line whole."""
    body = f"<p>{LONG_WORDS}</p><ul><li>{LONG_WORDS}</li></ul>"
    reader = typeset_with_print_css(body, "opmaak-kinderen")
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert text.count("kerkenraadsvergadering") == 24, text
    assert not re.search("[a-z][-\u2010]\n", text), text


def test_a_childrens_booklet_on_a4_keeps_its_lines_short_enough_to_read_aloud() -> None:
    """Groep 3-5 is printed on A4 in 13.5pt type: across the page's full width a line held
    80-88 characters. A narrower column keeps it at about 70, still with the running
    heads and page numbers; the other A4 booklets keep their width. A vergaderopening,
    read aloud from A4 at a meeting, is set in 11 pt instead of 10 (still one page each in
    the shipped blokken)."""
    story = (
        "Toen rende hij vooruit en klom in een boom. Nu kon hij alles zien, en niemand zag "
        "hem. Daar kwam Jezus. Precies onder de boom bleef Hij staan en keek omhoog. "
    ) * 8

    def line_lengths(opmaak: str) -> tuple[list[int], str]:
        """The lengths of the story's full lines, shortest first, and the page's text."""
        pages = typeset_with_print_css(f"<h1>Het verhaal</h1><p>{story}</p>", opmaak).pages
        text = pages[0].extract_text() or ""
        return sorted(len(line.strip()) for line in text.splitlines()[1:-2] if len(line) > 30), text

    children, text = line_lengths("opmaak-kinderen formaat-a4")
    assert 60 <= children[len(children) // 2] <= 74, children
    assert re.search(r"^1$", text, re.M), text  # the page number is still there
    werkboek, _ = line_lengths("opmaak-werkboek formaat-a4")
    assert werkboek[len(werkboek) // 2] > 90, werkboek
    # a vergaderopening is read aloud at the meeting table: larger type, shorter lines
    opening, _ = line_lengths("opmaak-vergaderopening formaat-a4")
    assert opening[len(opening) // 2] < werkboek[len(werkboek) // 2] * 0.95, opening


def test_short_words_prayers_and_bible_references_are_not_broken() -> None:
    """A reader does not stumble over "Je-zus", "onli-ne" or "Jo-hannes" (a word of six
    letters or fewer, or a break after two letters), over a prayer's line that runs over
    as "voe-len", or over "Matteüs" at a line end and "5:13-16" on the next."""
    words = "Jezus online voelen HEERE Johannes Timoteüs " * 6
    reference = '<a class="bijbeltekst" href="#">1 Timoteüs 2:1-2</a>'
    body = "".join(
        f'<p style="width: {width}mm">{words} {reference} {words}</p>'
        f'<p class="regels" style="width: {width}mm">{LONG_WORDS[:120]}<br>Amen.</p>'
        for width in range(40, 70, 3)
    )
    lines = [
        line.strip()
        for page in typeset_with_print_css(body).pages
        for line in (page.extract_text() or "").splitlines()
    ]
    ends = [m.group(1) for line in lines if (m := re.search(r"(\w+)[-\u2010]$", line))]
    assert ends and set(ends) <= {"Johan", "Timo"}, ends  # long names still may break
    # and the reference, in every width, on one line
    assert sum("1 Timoteüs 2:1-2" in line for line in lines) == 10


def test_no_word_stands_alone_on_a_line_before_a_link() -> None:
    """WeasyPrint kept only the first word on a line when the text before a link (a Bible
    reference) fitted that line only without its trailing space: "In" alone, above "drie
    gesprekken ... (Zacheüs,". In every width the line is full up to the reference."""
    sentence = (
        "In drie gesprekken kijken we eerst naar Jezus Zelf, die zoekt wat verloren is "
        '(Zacheüs, <a class="bijbeltekst" href="#">Lucas 19</a>). Daarna naar onszelf.'
    )
    widths = [130 + step / 4 for step in range(0, 160)]  # 130-170 mm, a quarter mm apart
    body = "".join(f'<p style="width: {width}mm">{sentence}</p>' for width in widths)
    lines = [
        line.strip()
        for page in typeset_with_print_css(body).pages
        for line in (page.extract_text() or "").splitlines()
    ]
    assert sum(line.startswith("In drie gesprekken") for line in lines) == len(widths), lines
    assert "In" not in lines


def test_a_katerns_background_for_the_leader_has_a_book_of_its_own(
    make_project: MakeProject,
) -> None:
    """A katern's "Achtergrond voor de leiding" (a `handleiding: true` file) was in no
    book: the public katern leaves it out, as it must, and no leader edition existed."""
    katern = "content/katernen/gebed"
    root = make_project(
        {
            f"{katern}/_katern.md": "---\ntitel: Gebed\n---\nOver bidden.\n",
            f"{katern}/01-leer-ons-bidden/_gesprek.md": (
                "---\ntitel: Leer ons bidden\nbijbelgedeelte: Lucas 11:1-13\n---\nInleiding.\n"
            ),
            f"{katern}/01-leer-ons-bidden/gebed.md": "---\nonderdeel: gebed\n---\nBid samen.\n",
            f"{katern}/01-leer-ons-bidden/achtergrond.md": (
                "---\nonderdeel: bijbelstudie\nhandleiding: true\n---\nAchtergrondkennis.\n"
            ),
            # a partner's children's material in a katern, with a tip for the club leader:
            # it was in no book at all, not even the leader edition
            f"{katern}/01-leer-ons-bidden/groep-3-5.md": (
                f"---\nonderdeel: gebed\ndoelgroep: groep-3-5\n{LED}---\nJezus leert bidden.\n\n"
                "::: handleiding\nLaat de kinderen eerst zelf iets noemen.\n:::\n"
            ),
        }
    )
    result = run_build("-p", str(root), "--only", "pdf")
    assert result.exit_code == 0 and "komt in geen pdf" not in result.output, result.output
    leader = root / "output/leiders/focus-katern-gebed-handleiding.pdf"
    public = root / "output/site/downloads/focus-katern-gebed.pdf"
    assert "Achtergrondkennis" in pdf_text(leader)
    assert "Achtergrondkennis" not in pdf_text(public) and "Bid samen" in pdf_text(public)
    assert "Jezus leert bidden" in pdf_text(leader)
    assert "Laat de kinderen eerst zelf iets noemen" in pdf_text(leader)
    assert "Laat de kinderen" not in pdf_text(public)
    # a katern is called so once, not "Katern – Katern: Gebed"
    metadata = PdfReader(public).metadata
    assert metadata is not None and metadata.title == "Focus – Katern: Gebed"


def test_a_family_talks_at_the_table_without_writing_lines() -> None:
    """The werkboek leaves lines to write on under each question; the gezin's questions
    are talked about at the table, so they get none."""

    def lines_under(doelgroep: str) -> int:
        body = (
            f'<div class="doelgroep doelgroep-{doelgroep}"><section class="sectie '
            'sectie-bijbelstudie"><ol><li>Wat zoekt u?</li><li>Wie nodigt u uit?</li></ol>'
            "</section></div>"
        )
        document = laid_out_with_print_css(body, "opmaak-werkboek")
        boxes = [b for p in document.pages for b in p._page_box.descendants()]
        return sum(1 for b in boxes if b.element_tag == "li::after" and b.height > 0)

    assert lines_under("kring") == 2
    assert lines_under("gezin") == 0


def test_a_family_prints_each_week_on_one_a4_page() -> None:
    """On A5 a week took a page and a third: the table prayer stood alone on the back.
    The gezin booklet is on A4 now, each gesprek on one page of its own (every blok of the
    shipped content), in type large enough to read aloud at the table."""
    from focusbuild.check import check_project
    from focusbuild.paths import layouts_of
    from focusbuild.render.bodies import Renderer
    from focusbuild.render.colophon import colophon
    from focusbuild.render.links import Linker
    from focusbuild.render.publications import PrintRenderer, jobs
    from focusbuild.render.typeset import typeset

    result = check_project(REPO, renderer=Renderer)
    site = result.site
    assert site is not None and result.renderer is not None
    printer = PrintRenderer(
        site,
        result.renderer,
        layouts_of(REPO),
        Linker.for_site(site),
        colophon(REPO, site.partners(), ("test", "2026-12-07")),
    )
    gezin = [job for job in jobs(site) if job.publication.doelgroepen == ("gezin",)]
    assert len(gezin) == 7 and all(job.publication.formaat == "A4" for job in gezin)
    for job in gezin:
        data, _ = typeset(printer.html(job), PRINT_BASE, printer.roots)
        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
        starts = [n for n, text in enumerate(pages) if re.search(r"G\s?ESPREK \d", text)]
        end = next(n for n, text in enumerate(pages) if text.lstrip().startswith("Colofon"))
        assert starts and [*starts, end] == list(range(starts[0], end + 1)), (
            job.filename,
            starts,
            end,
        )
        assert float(PdfReader(io.BytesIO(data)).pages[0].mediabox.width) > 590  # A4: 595 pt


def test_emphasis_in_sans_text_prints_in_a_real_italic(tmp_path: Path) -> None:
    """Children's booklets are set in Source Sans 3: an emphasised quiz answer ("Niet
    waar: …") or prayer prints in its italic. Without an italic face, WeasyPrint named a
    font "Oblique" and printed it upright, so the emphasis was lost."""
    body = "<p>Zout maakt eten lekker. <em>Niet waar: het houdt eten goed.</em></p>"
    names = font_names(typeset_with_print_css(body, "opmaak-kinderen").pages[0])
    assert "Source-Sans-3-Italic" in names, names
    assert not [name for name in names if "Oblique" in name], names


def test_loading_weasyprint_runs_no_programs() -> None:
    """Every PDF worker loads WeasyPrint before it typesets. Looking up its libraries ran
    `ldconfig`, `gcc` and `ld` 54 times, 0.6 s a worker, before the first page."""
    import sys

    code = (
        "import subprocess\n"
        "spawned = []\n"
        "start = subprocess.Popen.__init__\n"
        "def spy(self, args, *rest, **named):\n"
        "    spawned.append(args)\n"
        "    start(self, args, *rest, **named)\n"
        "subprocess.Popen.__init__ = spy\n"
        "import focusbuild.render.typeset\n"
        "from weasyprint.text import ffi\n"
        "assert ffi.pango is not None and ffi.harfbuzz is not None\n"
        "print(len(spawned), spawned[:3])\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.split()[0] == "0", found.stdout


def test_the_register_stands_in_two_columns_with_each_passage_once(built: Path) -> None:
    pdftotext = tool("pdftotext")
    handleiding = built / "leiders/focus-blok-1-handleiding.pdf"
    text = subprocess.run(
        [pdftotext, "-layout", str(handleiding), "-"], capture_output=True, text=True, check=True
    ).stdout
    (register,) = [page for page in text.split("\f") if "Bijbelteksten en liederen\n" in page]
    passages = register.split("Liederen")[0]
    assert passages.count("Johannes 1:35-51 — gesprek 1") == 1
    # two entries on one line: the columns stand side by side
    assert any(line.count("— gesprek") == 2 for line in passages.splitlines()), passages


@pytest.mark.parametrize(
    ("lengths", "formaat", "first"),
    [
        ([10] * 9, "A4", 5),  # equal lines: the first column gets the odd one
        ([100, 10, 10, 10, 10], "A4", 2),  # an entry of three lines weighs three
        ([10] * 90, "A4", 45),  # two full columns still fit one A4 page
        ([10] * 61, "A5", None),  # too long for one page: CSS columns continue on the next
        ([], "A4", None),
    ],
)
def test_a_register_splits_where_its_columns_are_equally_high(
    lengths: list[int], formaat: str, first: int | None
) -> None:
    from focusbuild.render.print_columns import split

    assert split(["x" * n for n in lengths], formaat) == first


def test_warm_workers_make_the_same_pdfs_as_forked_ones(make_project: MakeProject) -> None:
    """After an edit the PDFs come from workers that loaded WeasyPrint while the content
    was checked; they are byte for byte the PDFs that workers forked from the build make."""
    from focusbuild.parallel import default_jobs
    from focusbuild.render import warm_typesetter

    root = make_project()
    result = run_build("-p", str(root), "--only", "pdf", "-o", str(root / "warm"))
    assert result.exit_code == 0, result.output
    assert warm_typesetter.running() == (default_jobs() > 1)
    forked = run_build("-p", str(root), "--only", "pdf", "-o", str(root / "forked"), "-j", "1")
    assert forked.exit_code == 0, forked.output
    warm_pdfs = pdfs(root / "warm")
    assert len(warm_pdfs) == 8 + 1  # and the werkboek's A4 booklet
    for path in warm_pdfs:
        twin = root / "forked" / path.relative_to(root / "warm")
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_each_pdf_reports_its_own_time_not_its_wait(make_project: MakeProject) -> None:
    """The report says how long each PDF took. A PDF that waited for a free worker did
    not take that long: with two workers the times add up to at most about twice the
    time all PDFs took, whatever the order they were handed out in."""
    import time

    from focusbuild.parallel import default_jobs

    root = make_project()
    started = time.perf_counter()
    report = build(root, Request(targets=frozenset({"pdf"})))
    seconds = time.perf_counter() - started
    assert report.ok and len(report.publications) == 8
    workers = min(default_jobs(), 8)
    assert sum(made.seconds for made in report.publications) <= (workers + 1) * seconds


def pages_at_every_line(
    markup: str, opmaak: str, lines: range = range(14, 40)
) -> dict[Any, list[int]]:
    """Each element of `markup` and the pages WeasyPrint laid it out on (its layout tree:
    the PDF's text does not show boxes or writing lines), with `markup` typeset after
    each number of `lines` of text, so that it meets the foot of the page at every line."""
    variants = "".join(
        f'<article class="gesprek" style="break-before: page">{"<p>Een regel.</p>" * count}'
        f"{markup}</article>"
        for count in lines
    )
    on_pages: dict[Any, list[int]] = {}
    for number, page in enumerate(laid_out_with_print_css(variants, opmaak).pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and number not in on_pages.setdefault(element, []):
                on_pages[element].append(number)
    return on_pages


def test_headings_labels_and_questions_are_not_left_at_the_foot_of_a_page() -> None:
    """A kringleider turning the page finds no section heading, time line or box label
    alone at the foot of the last page, and no question whose writing lines went over
    to the next. The print markup of a section (base.html, blocks.html and the Markdown
    containers) is typeset after 14 to 39 lines of text, so that it meets the foot of
    the page at every line; each element is then looked up on the pages WeasyPrint laid
    it out on (its layout tree: the PDF's text does not show the writing lines)."""
    section = (
        '<section class="sectie sectie-gebed"><h3 class="sectie-kop">Gebed</h3>'
        '<p class="sectie-meta">ongeveer 10 minuten</p><p>Bid samen.</p>'
        '<div class="kader opdracht"><p class="kader-label">Voetstappen</p>'
        "<p>Knip voetjes uit papier.</p><p>Schrijf erop waar je heen gaat.</p></div></section>"
        '<section class="sectie sectie-bijbelstudie"><ol><li>Wat zoekt u?</li>'
        "<li>Wie nodigt u uit?</li></ol></section>"
        '<section class="sectie sectie-bijbelstudie"><h3 class="sectie-kop">Geheim agent</h3>'
        '<div class="kader leidt"><p class="kader-label">Voor wie leidt</p><dl><dt>Doel</dt>'
        "<dd>Ontdekken dat God zegent.</dd><dt>Tijd</dt><dd>30 minuten</dd></dl></div>"
        '<ul class="liederen"><li>Psalm 117</li><li>Psalm 134</li></ul>'
        "<p>Vertel het verhaal van de verspieders.</p><p>Vraag wat zij zagen.</p></section>"
        '<section class="sectie sectie-gebed"><p>Bid voor elkaar.</p>'
        '<p class="aanloop">Een gebed om samen uit te spreken (2 minuten):</p>'
        '<p class="regels">Heer, wij danken U<br>voor wie wij zijn<br>en voor elkaar.</p>'
        "</section>"
    )
    on_pages = pages_at_every_line(section, "opmaak-werkboek")
    parents = {child: parent for parent in on_pages for child in parent}
    alone, split = [], []
    for element, pages in on_pages.items():
        if element.tag == "li" and len(pages) > 1:
            split.append((element.text, pages))
        if element.get("class") in (
            "sectie-kop",
            "sectie-meta",
            "kader-label",
            "kader leidt",  # what a leader needs, then the lesson itself
            "liederen",
            "aanloop",  # "Een gebed om samen uit te spreken:", then the prayer
        ):
            siblings = list(parents[element])
            following = siblings[siblings.index(element) + 1]
            if on_pages[following][0] != pages[-1]:
                alone.append((element.text, pages[-1]))
    assert not alone, f"alone at the foot of a page: {alone}"
    assert not split, f"questions parted from their writing lines: {split}"


def test_the_colophon_takes_the_next_page_left_or_right() -> None:
    """On a right-hand page it left a blank page before it: the werkboeken of blok 1 and
    2 had 37 pages, and their A4 booklets a tenth sheet with nine blank pages in all."""
    reader = typeset_with_print_css(
        '<article class="gesprek"><h1>Kom en zie</h1><p>Een gesprek.</p></article>'
        '<section class="colofon" id="colofon"><p>Colofon</p></section>',
        "opmaak-werkboek",
    )
    texts = [(page.extract_text() or "").strip() for page in reader.pages]
    assert len(texts) == 2 and "Colofon" in texts[1], texts


def test_a_meetings_qr_code_stands_clear_of_the_next_part() -> None:
    """In 20 traject PDFs the QR code beside the introduction ran 3.5 to 19 pt into the
    song box or the table of the next part, and its address stood on the box's colour."""
    markup = (
        '<section class="inleiding"><h1 class="hoofdstuk">Bezinning</h1><p>Kort.</p>'
        '<figure class="qr-blok qr-los"><img class="qr" src="data:image/svg+xml,'
        "%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E\" alt=\"\">"
        "<figcaption>www.izb.nl/focus/</figcaption></figure></section>"
        '<section class="sectie"><h2 class="sectie-kop">Opening</h2>'
        '<div class="lied"><p>Psalm 126</p></div><table><tr><td>19.30</td></tr></table>'
        "</section>"
    )
    document = laid_out_with_print_css(markup, "opmaak-bijeenkomst")
    boxes: dict[str, Any] = {}
    for box in document.pages[0]._page_box.descendants():
        element = getattr(box, "element", None)
        if element is not None and element.tag in ("figure", "div", "table"):
            boxes.setdefault(element.tag, box)
    qr = boxes["figure"]
    bottom = qr.position_y + qr.margin_height()
    assert boxes["div"].position_y >= bottom and boxes["table"].position_y >= bottom


@pytest.mark.parametrize("opmaak", ["opmaak-kinderen", "opmaak-werkboek"])
def test_the_last_question_of_a_list_does_not_start_a_page_alone(opmaak: str) -> None:
    """In the booklets of groep 6-8 (blok 1) and groep 3-5 (blok 0) the last question stood
    alone at the top of the next page; the one before it now goes along."""
    questions = ["Wat vind je mooi?", "Wie nodigt Jezus uit?", "Waarom mopperen ze?"]
    markup = (
        '<section class="sectie sectie-bijbelstudie"><h3 class="sectie-kop">Praten</h3><ol>'
        + "".join(f"<li>{q}</li>" for q in questions)
        + "<li>Wat zou jij doen als Jezus bij jou kwam eten?</li></ol></section>"
    )
    items = [pages for e, pages in pages_at_every_line(markup, opmaak).items() if e.tag == "li"]
    lists = [items[i : i + 4] for i in range(0, len(items), 4)]
    assert len(lists) == 26
    alone = [n for n, (*_, before, last) in enumerate(lists) if last[0] != before[-1]]
    assert alone == []


def test_a_songs_text_goes_over_alone_rather_than_empty_a_third_of_the_page() -> None:
    """A song's text is never split, so where it does not fit it starts the next page;
    the section's heading and its list of songs stay behind at the foot of the page, so
    the page is not left a third empty (they still never stand there without the list)."""
    verse = "<br>".join(f"Regel {n} van het lied," for n in range(1, 7))
    section = (
        '<section class="sectie sectie-lied"><h3 class="sectie-kop">Zingen: Psalm 89</h3>'
        '<p class="sectie-meta">ongeveer 5 minuten</p>'
        '<ul class="liederen"><li>Psalm 89:7</li><li>Psalm 67</li><li>Psalm 36</li></ul>'
        f'<div class="lied"><p class="lied-titel">Psalm 89:7</p><p class="regels">{verse}</p>'
        "</div><p>Waarom dit lied.</p></section>"
    )
    found = [
        (e.get("class"), pages)
        for e, pages in pages_at_every_line(section, "opmaak-werkboek").items()
    ]
    heading = [pages for name, pages in found if name == "sectie-kop"]
    songs = [pages for name, pages in found if name == "liederen"]
    text = [pages for name, pages in found if name == "lied"]
    assert len(heading) == len(songs) == len(text) == 26
    assert all(h[-1] == s[0] for h, s in zip(heading, songs, strict=True))
    assert any(s[-1] < t[0] for s, t in zip(songs, text, strict=True))
    assert all(len(t) == 1 for t in text)


def test_a_werkboek_lists_only_its_own_songs(make_project: MakeProject) -> None:
    """The kring's werkboek does not suggest the song meant for groep 3-5; the handleiding,
    which has every doelgroep, names it with its group."""
    from focusbuild.check import check_project
    from focusbuild.render.bodies import Renderer
    from focusbuild.render.colophon import colophon
    from focusbuild.render.links import Linker
    from focusbuild.render.publications import PrintRenderer, jobs
    from tests.conftest import REPO

    root = make_project(
        {
            f"{GESPREK}/lied.md": "---\nonderdeel: lied\nduur: 5\nliederen:\n"
            "  - {bundel: Ps, nummer: 42, titel: Psalm 42}\n"
            "  - {bundel: Ps, nummer: 42, vers: '1', titel: Als een hert, doelgroep: groep-3-5}\n"
            "---\nZing samen.\n"
        }
    )
    result = check_project(root, renderer=Renderer)
    assert result.site is not None and result.renderer is not None, result.errors
    printer = PrintRenderer(
        result.site,
        result.renderer,
        REPO / "layouts",
        Linker.for_site(result.site),
        colophon(root, []),
    )
    made = {job.filename: job for job in jobs(result.site)}
    werkboek = printer.html(made["focus-blok-1-werkboek.pdf"])
    handleiding = printer.html(made["focus-blok-1-handleiding.pdf"])
    assert "Psalm 42" in werkboek and "Als een hert" not in werkboek
    assert "Als een hert (Groep 3-5)" in handleiding


def test_a_prayer_and_a_vergaderopening_are_read_without_turning_the_page() -> None:
    """A prayer written line by line is read aloud whole: it is never split over two
    pages. Nor is a vergaderopening in the handleiding, which a scriba prints on its own
    for a meeting (both shorter than a page; the sweep meets the foot at every line)."""
    prayer = "<br>".join(f"Regel {n} van het gebed," for n in range(1, 10))
    markup = (
        f'<section class="sectie sectie-gebed"><p class="regels">{prayer}</p></section>'
        '<div class="doelgroep doelgroep-vergaderopening"><h2 class="doelgroep-kop">'
        "Vergaderopening</h2>"
        + "<p>Een alinea van de opening, die wat langer is dan een regel.</p>" * 12
        + "</div>"
    )
    on_pages = pages_at_every_line(markup, "opmaak-handleiding")
    split = [
        (element.get("class"), pages)
        for element, pages in on_pages.items()
        if element.get("class") in ("regels", "doelgroep doelgroep-vergaderopening")
        and len(pages) > 1
    ]
    assert len([e for e in on_pages if e.get("class") == "regels"]) == 26
    assert split == []


def test_the_running_head_leaves_out_the_page_where_the_gesprek_begins() -> None:
    """The running head names the gesprek on the pages after its first; on the first,
    its title already stands in large type, and the head would say it twice."""
    body = (
        '<article class="gesprek"><h1 class="gesprek-titel">Hij zoekt ons op</h1>'
        + "<p>Een regel tekst die wat langer is dan anders.</p>" * 60
        + "</article>"
    )
    pages = [
        page.extract_text() or "" for page in typeset_with_print_css(body, "opmaak-werkboek").pages
    ]
    assert len(pages) >= 3
    assert pages[0].count("Hij zoekt ons op") == 1  # the title, without a head above it
    assert "Hij zoekt ons op" in pages[2]  # a right-hand page further on has the head


@pytest.mark.parametrize(
    ("url", "lines"),
    [
        (
            "https://www.izb.nl/focus/blok1/hij-zoekt-ons-op/",
            ["www.izb.nl/focus/", "blok1/", "hij-zoekt-ons-op/"],
        ),
        ("https://vimeo.com/123456", ["vimeo.com/", "123456"]),
        ("https://www.youtube.com/watch?v=abc&t=10", ["www.youtube.com/", "watch?v=abc&amp;t=10"]),
        ("https://example.org", ["example.org"]),
    ],
)
def test_a_printed_address_breaks_after_the_site_and_each_part(url: str, lines: list[str]) -> None:
    from focusbuild.render.publications import url_lines

    assert str(url_lines(url, "https://www.izb.nl/focus/")).split("<br>") == lines


def test_a_name_with_a_new_line_stays_one_css_string() -> None:
    """A gemeente's name goes into a page's margin as a CSS string: a new line in it is
    an escape, so the rest of the style sheet is not cut off."""
    from focusbuild.render.publications import css_string

    assert str(css_string('Hervormde "Oosterwaarde"\r\n</style>')) == (
        '"Hervormde \\"Oosterwaarde\\"\\a \\3c /style>"'
    )


def test_a_led_groups_booklet_heads_the_blok_inleiding_for_its_leader(built: Path) -> None:
    """The blok's inleiding is written for adults: in a booklet for children or youth,
    which reaches their leader, its heading says whom it is for; in the werkboek and the
    gezin's booklet it is just the inleiding."""
    downloads = built / "site" / "downloads"
    for led in ("groep-3-5", "groep-6-8", "12-16", "16-plus"):
        assert "Inleiding voor wie leidt" in text(downloads / f"focus-blok-1-{led}.pdf"), led
    for own in ("werkboek", "gezin"):
        found = text(downloads / f"focus-blok-1-{own}.pdf")
        assert "Inleiding" in found and "Inleiding voor wie leidt" not in found, own
