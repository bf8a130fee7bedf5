"""Long publications are typeset part by part: one edit typesets one gesprek again, and
the joined PDF reads as the one WeasyPrint would make of the whole."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from focusbuild.build import BuildReport, Request, build
from focusbuild.render import parts, typeset, warm_typesetter
from tests.conftest import GESPREK, REPO, MakeProject
from tests.test_incremental import SECOND, append, two_gesprekken
from tests.test_publications import pdfs, tool

PDFS = frozenset({"pdf"})
SPLIT = ("focus-blok-1-werkboek.pdf", "focus-blok-1-handleiding.pdf")
NAMES = dict(zip(SPLIT, ("Werkboek", "Handleiding"), strict=True))


class Recorder:
    """What the build typesets (each document WeasyPrint lays out) and the publications
    it hands to the typesetter, with their arguments."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.documents: list[str] = []
        self.publications: dict[str, tuple[Any, ...]] = {}
        real_typeset, real_pdf_of = typeset.typeset, warm_typesetter.pdf_of

        def typeset_spy(html: str, *args: Any) -> tuple[bytes, int]:
            self.documents.append(html)
            return real_typeset(html, *args)

        def pdf_of_spy(html: str, *args: Any) -> Any:
            self.publications[_name(html)] = (html, *args)
            return real_pdf_of(html, *args)

        monkeypatch.setattr(typeset, "typeset", typeset_spy)
        monkeypatch.setattr(warm_typesetter, "pdf_of", pdf_of_spy)
        # in this process, where the spies are: not in the warm server an earlier test
        # may have started
        monkeypatch.setattr(warm_typesetter, "_started", False)
        monkeypatch.setattr(warm_typesetter, "start", lambda: None)

    def of(self, name: str) -> list[str]:
        """The documents typeset for one publication ("Werkboek", "Handleiding")."""
        return [html for html in self.documents if _name(html) == name]


def _name(html: str) -> str:
    match = re.search(r"<title>[^<]* – ([^<]*) – ", html)
    assert match, html[:300]
    return match.group(1)


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    yield Recorder(monkeypatch)


def pdf_build(root: Path) -> BuildReport:
    # one job: the publications are typeset in this process
    report = build(root, Request(targets=PDFS, jobs=1))
    assert report.ok, [d.human() for d in report.check.diagnostics]
    return report


def remade(report: BuildReport) -> list[str]:
    return sorted(m.job.filename for m in report.publications if not m.reused)


def gesprekken(html: str) -> list[str]:
    return re.findall(r'<article class="gesprek" id="([^"]+)"', html)


def readout(pdf: bytes | Path) -> dict[str, Any]:
    """What a reader sees of a PDF: each page's text, the bookmarks with their pages, the
    link targets with their pages, and whether it is tagged."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)

    def bookmarks(items: list[Any]) -> list[Any]:
        page = reader.get_destination_page_number
        return [bookmarks(i) if isinstance(i, list) else (i.title, page(i)) for i in items]

    root: Any = reader.trailer["/Root"]
    return {
        "pages": [page.extract_text() for page in reader.pages],
        "bookmarks": bookmarks(reader.outline),
        "links": {
            name: reader.get_destination_page_number(dest)
            for name, dest in reader.named_destinations.items()
        },
        "tagged": "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"],
        "lang": root["/Lang"],
    }


def test_an_edit_to_one_gesprek_typesets_only_that_gesprek_again(
    make_project: MakeProject, recorder: Recorder
) -> None:
    root = make_project(two_gesprekken())
    pdf_build(root)
    werkboek = recorder.of("Werkboek")
    # the inleiding with the first gesprek, the second with the colofon, then the front
    # (cover and contents), which needs the others' pages
    assert [gesprekken(html) for html in werkboek] == [["g-kom-en-zie"], ["g-volg-mij"], []]
    assert 'id="inleiding"' in werkboek[0] and 'id="colofon"' in werkboek[1]
    assert 'class="omslag"' in werkboek[2]

    recorder.documents.clear()
    append(root, f"{SECOND}/bijbelstudie.md", "\nWat zou jij Hem willen vragen?\n")
    report = pdf_build(root)

    assert set(SPLIT) <= set(remade(report))
    for name in ("Werkboek", "Handleiding"):
        assert [gesprekken(html) for html in recorder.of(name)] == [["g-volg-mij"]], name


def published(output: Path, name: str) -> Path:
    """A publication in the output (not the copy the cache keeps)."""
    return next(path for path in pdfs(output) if path.name == name)


def test_after_an_edit_the_pdfs_are_those_of_a_build_from_scratch(
    make_project: MakeProject, tmp_path: Path
) -> None:
    """An edit that makes the first gesprek longer moves every later page: the PDFs joined
    from stored and new parts are byte for byte those of a build with an empty cache."""
    root = make_project(two_gesprekken())
    pdf_build(root)
    output = root / "output"
    pages = {name: len(PdfReader(published(output, name)).pages) for name in SPLIT}
    append(root, f"{GESPREK}/bijbelstudie.md", "\n" + "Wie zoekt Jezus, en waarom? " * 400 + "\n")
    pdf_build(root)
    fresh = tmp_path / "fresh"
    report = build(root, Request(targets=PDFS, jobs=1, output=fresh))
    assert report.ok
    for name in SPLIT:
        edited, scratch = published(output, name), published(fresh, name)
        assert len(PdfReader(edited).pages) > pages[name], name  # later pages did move
        assert edited.read_bytes() == scratch.read_bytes(), name


def images(pdf: bytes | Path, folder: Path) -> list[bytes]:
    """Each page as a PNG (poppler), to compare what a reader sees, glyph for glyph."""
    source = folder / "in.pdf"
    source.write_bytes(pdf if isinstance(pdf, bytes) else pdf.read_bytes())
    subprocess.run(
        [tool("pdftoppm"), "-r", "40", "-png", str(source), str(folder / "p")], check=True
    )
    return [path.read_bytes() for path in sorted(folder.glob("p-*.png"))]


def test_a_publication_joined_from_parts_reads_as_the_whole_one(
    make_project: MakeProject, recorder: Recorder, tmp_path: Path
) -> None:
    root = make_project(two_gesprekken())
    # accents in one gesprek and not the other: each part's subset of the serif font has
    # other glyphs, and the joined PDF must still draw every one of them right
    append(root, f"{GESPREK}/bijbelstudie.md", "\nCrème, café en één kopje thee.\n")
    append(root, f"{SECOND}/bijbelstudie.md", "\nRuïne, coöperatie en België, zó ver weg.\n")
    report = pdf_build(root)
    for made in report.publications:
        if made.job.filename not in SPLIT:
            continue
        html, base, roots, fonts, *_ = recorder.publications[NAMES[made.job.filename]]
        whole, _ = typeset.typeset(html.replace(parts.MARK, ""), base, roots, fonts)
        joined = readout(made.pdf)
        assert joined == readout(whole), made.job.filename
        assert joined["tagged"] and joined["lang"] == "nl"
        assert made.pages == len(joined["pages"])
        folders = [tmp_path / f"{made.job.filename}-{kind}" for kind in ("whole", "joined")]
        for folder in folders:
            folder.mkdir()
        assert images(made.pdf, folders[1]) == images(whole, folders[0]), made.job.filename
        # one subset of each font, not one per part: the download stays as small
        assert made.pdf.stat().st_size < 1.1 * len(whole), made.job.filename


def test_the_front_is_retypeset_when_its_length_was_guessed_wrong(
    make_project: MakeProject, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The contents' page numbers depend on the front's length, which is only known once it
    is typeset: a wrong guess costs a round, never a wrong number."""
    monkeypatch.setattr(parts, "FRONT_GUESS", 2)
    root = make_project(two_gesprekken())
    report = pdf_build(root)
    made = next(m for m in report.publications if m.job.filename == SPLIT[0])
    reader = PdfReader(made.pdf)
    texts = [page.extract_text() for page in reader.pages]
    contents = next(text for text in texts if "Inhoud" in text)
    for title in ("Kom en zie", "Volg mij"):
        match = re.search(rf"{title}[\s.]*(\d+)", contents)
        assert match, contents
        assert title in texts[int(match.group(1)) - 1], title


def test_parts_of_a_pdf_that_was_reused_whole_are_kept_for_the_next_edit(
    make_project: MakeProject, recorder: Recorder
) -> None:
    root = make_project(two_gesprekken())
    pdf_build(root)
    # a doelgroep's text: the handleiding is made again, the werkboek is reused whole
    append(root, f"{GESPREK}/groep-3-5.md", "\nTeken wat je ziet.\n")
    between = pdf_build(root)
    assert SPLIT[0] not in remade(between) and SPLIT[1] in remade(between)

    recorder.documents.clear()
    append(root, f"{GESPREK}/gebed.md", "\nDank U voor deze avond.\n")
    pdf_build(root)
    assert [gesprekken(html) for html in recorder.of("Werkboek")] == [["g-kom-en-zie"]]


def fonts_by_name(pdf: Path) -> dict[str, set[int]]:
    """The embedded font objects of a PDF by font name (without the subset tag)."""
    found: dict[str, set[int]] = {}
    for page in PdfReader(pdf).pages:
        resources: Any = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            name = str(ref.get_object()["/BaseFont"]).split("+")[1]
            found.setdefault(name, set()).add(ref.idnum)
    return found


def test_after_a_change_to_the_fonts_a_joined_pdf_has_one_subset_per_font(
    make_project: MakeProject,
) -> None:
    """Fonts that share a PostScript name and version in the cache, from an earlier
    version of the layouts, must not make a joined PDF keep a subset per part: after an
    upgrade that moved print from the site's Latin file of a face to the print file (the
    old unpacked font stayed in the cache beside the new one), and after a font file was
    replaced by one with the same name and version."""
    root = make_project(two_gesprekken())
    shutil.copytree(REPO / "layouts", root / "layouts")
    css = root / "layouts/print/fonts.css"
    serif = root / "layouts/print/fonts/source-serif-4-400-normal.woff2"
    latin = REPO / "layouts/static/fonts/source-serif-4-latin-400-normal.woff2"
    new_css = css.read_text(encoding="utf-8")
    old_css = new_css.replace(f'url("fonts/{serif.name}")', f'url("../static/fonts/{latin.name}")')
    assert old_css != new_css
    for stylesheet, font in ((old_css, serif), (new_css, serif), (new_css, latin)):
        css.write_text(stylesheet, encoding="utf-8")
        serif.write_bytes(font.read_bytes())
        report = pdf_build(root)
        werkboek = next(m.pdf for m in report.publications if m.job.filename == SPLIT[0])
        fonts = fonts_by_name(werkboek)
        assert "Source-Serif-4," in fonts  # the regular face, as Pango names it
        assert all(len(objects) == 1 for objects in fonts.values()), fonts


def test_only_the_fonts_the_print_stylesheets_name_are_unpacked_ahead(tmp_path: Path) -> None:
    """The fonts named by @font-face rules in the print templates, the stylesheets they
    link and what those import. Not a font file nobody names (it may share its name and
    version with one in use), nor one in a comment, in a stylesheet no template links, or
    outside the layouts; and a file that cannot be read stops nothing."""
    from focusbuild.render.font_files import named_in_stylesheets

    layouts = tmp_path / "layouts"
    fonts = layouts / "print/fonts"
    fonts.mkdir(parents=True)
    names = ("used", "quoted", "inline", "commented", "unlinked", "unused", "odd")
    for name in names:
        (fonts / f"{name}.woff2").write_bytes(b"wOF2")
    (tmp_path / "outside.woff2").write_bytes(b"wOF2")
    print_folder = layouts / "print"
    (print_folder / "base.html").write_text(
        '<link rel="stylesheet" href="print.css">\n'
        '<style>@font-face { font-family: I; src: url("fonts/inline.woff2"); }</style>\n',
        encoding="utf-8",
    )
    (print_folder / "print.css").write_text(
        '@import url("fonts.css");\n/* @font-face { src: url("fonts/commented.woff2"); } */\n',
        encoding="utf-8",
    )
    (print_folder / "fonts.css").write_text(
        '@font-face { font-family: A; src: url("fonts/used.woff2"); }\n'
        "@font-face { font-family: B; src: url('fonts/quoted.woff2') format('woff2'); }\n"
        '@font-face { font-family: C; src: url("../../outside.woff2"); }\n'
        '@font-face { font-family: D; src: url("data:font/woff2;base64,AAAA"); }\n'
        '@font-face { font-family: E; src: url("fonts/odd%00.woff2"); }\n'
        'body { background: url("fonts/unused.woff2"); }\n',
        encoding="utf-8",
    )
    (print_folder / "old.css").write_text(
        '@font-face { font-family: F; src: url("fonts/unlinked.woff2"); }\n', encoding="utf-8"
    )
    (print_folder / ".#print.css").symlink_to("root@host.1234:1")  # an editor's lock file
    found = named_in_stylesheets(print_folder, layouts)
    assert [path.name for path in found] == ["inline.woff2", "quoted.woff2", "used.woff2"]


def test_a_broken_print_font_does_not_stop_the_build(make_project: MakeProject) -> None:
    """The fonts are unpacked before the typesetting starts; one that cannot be is left to
    WeasyPrint, which typesets that face in another font, as it did before."""
    root = make_project(two_gesprekken())
    shutil.copytree(REPO / "layouts", root / "layouts")
    (root / "layouts/print/fonts/source-serif-4-600-normal.woff2").write_bytes(b"wOF2 broken")
    report = pdf_build(root)
    assert report.ok
    assert any(m.job.filename == SPLIT[0] for m in report.publications)


def test_fonts_are_unpacked_without_forking_while_threads_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve builds from a thread beside its web server: forking there is unsafe, so the
    fonts are then unpacked in the build's own process."""
    import threading

    from focusbuild.parallel import Workers
    from focusbuild.render import font_files

    fonts = sorted((REPO / "layouts/print/fonts").glob("*.woff2"))[:2]
    asked: list[int] = []
    workers = Workers

    def counted(task: Any, count: int, jobs: int, *, minimum: int = 64) -> Any:
        asked.append(jobs)
        return workers(task, count, jobs, minimum=minimum)

    monkeypatch.setattr(font_files, "Workers", counted)
    stop = threading.Event()
    beside = threading.Thread(target=stop.wait)
    beside.start()
    try:
        assert font_files.unpack_all(fonts, tmp_path / "a", 2) == 2
    finally:
        stop.set()
        beside.join()
    # as in a build's own process (the test run may have threads of its own, a browser's)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert font_files.unpack_all(fonts, tmp_path / "b", 2) == 2
    assert asked == [1, 2]
    assert len(list((tmp_path / "a").glob("*.sfnt"))) == 2
