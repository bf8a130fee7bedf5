"""Cached builds: what did not change is not made again, and the result is what a
full build would write, byte for byte."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from focusbuild.build import BuildReport, Preview, Request, build
from focusbuild.output import CACHE
from tests.conftest import GESPREK, REPO, MakeProject, base_files, tiny_png
from tests.site_support import readable_files, run_build, tree

SECOND = "content/blok1/02-volg-mij"
Edit = Callable[[Path], None]


def two_gesprekken() -> dict[str, str | bytes | None]:
    """The base project plus a second gesprek in the same blok, with a picture."""
    files: dict[str, str | bytes | None] = {}
    for rel, text in base_files().items():
        if rel.startswith(GESPREK + "/"):
            files[rel.replace(GESPREK, SECOND)] = text.replace("Kom en zie", "Volg mij")
    files[f"{SECOND}/gebed.md"] = (
        "---\nonderdeel: gebed\n---\nBid samen.\n\n![Kaart](img/kaart.png)\n"
    )
    files[f"{SECOND}/img/kaart.png"] = tiny_png(1)
    return files


def site_build(root: Path, output: Path, *, cache: bool = True) -> BuildReport:
    report = build(root, Request(targets=frozenset({"site"}), output=output, cache=cache))
    assert report.ok, [d.human() for d in report.check.diagnostics]
    return report


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_rebuild_with_nothing_changed_renders_and_writes_nothing(
    make_project: MakeProject,
) -> None:
    root = make_project(two_gesprekken())
    output = root / "output"
    first = site_build(root, output)
    assert first.pages_rendered == first.pages > 0 and first.search_indexed
    files = {p: p.stat().st_mtime_ns for p in (output / "site").rglob("*") if p.is_file()}
    inode = (output / "site").stat().st_ino

    import focusbuild.build

    def check_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the content was checked again, with nothing changed")

    with pytest.MonkeyPatch.context() as patch:  # the last check is reused as it is
        patch.setattr(focusbuild.build, "check_project", check_again)
        again = site_build(root, output)

    assert again.unchanged
    assert (again.bodies_rendered, again.pages_rendered, again.search_indexed) == (0, 0, False)
    assert again.pages == first.pages and again.records == first.records
    assert (output / "site").stat().st_ino == inode  # not swapped for a new folder
    assert {p: p.stat().st_mtime_ns for p in files} == files


def test_an_edited_section_renders_only_the_pages_that_show_it(
    make_project: MakeProject,
) -> None:
    root = make_project(two_gesprekken())
    output = root / "output"
    site_build(root, output)
    other_page = output / "site/blok1/volg-mij/index.html"
    other_before = other_page.read_bytes()

    append(root, f"{GESPREK}/gebed.md", "\nHeer, wij danken U voor deze dag.\n")
    report = site_build(root, output)

    assert not report.unchanged and report.bodies_rendered == 1
    # its gesprek, the page with every prayer, and the Bible register (which reads
    # every text for references) are made again; the 28 other pages are reused
    assert sorted(report.rendered) == [
        "blok1/kom-en-zie/",
        "onderdelen/gebed/",
        "register/bijbelteksten/",
    ], report.rendered
    assert report.search_indexed  # the text is searchable at once
    shown = (output / "site/blok1/kom-en-zie/index.html").read_text(encoding="utf-8")
    assert "Heer, wij danken U voor deze dag." in shown
    assert "Heer, wij danken U" in (output / "site/onderdelen/gebed/index.html").read_text(
        encoding="utf-8"
    )
    assert other_page.read_bytes() == other_before


def _body(root: Path) -> None:
    append(root, f"{GESPREK}/bijbelstudie.md", "\nNieuwe vraag: wat zoekt u?\n")


def _bible_reference(root: Path) -> None:
    append(root, f"{SECOND}/lied.md", "\nZie ook Psalm 23:1-3.\n")


def _title(root: Path) -> None:
    path = root / f"{SECOND}/_gesprek.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Volg mij", "Kom, volg Mij"))


def _new_section(root: Path) -> None:
    write(root, f"{GESPREK}/extra.md", "---\nonderdeel: gebed\ntitel: Avondgebed\n---\nAmen.\n")


def _removed_section(root: Path) -> None:
    (root / f"{SECOND}/gezin.md").unlink()


def _picture(root: Path) -> None:
    (root / f"{SECOND}/img/kaart.png").write_bytes(tiny_png(2))


def _layout(root: Path) -> None:
    shutil.copytree(REPO / "layouts", root / "layouts")
    append(root, "layouts/site/base.html", "<!-- eigen opmaak -->\n")


def _song(root: Path) -> None:
    write(
        root,
        f"{SECOND}/lied.md",
        "---\nonderdeel: lied\nliederen:\n  - {bundel: Ps, nummer: 42, titel: Psalm 42}\n---\n"
        "Zing.\n",
    )


def _leader_block(root: Path) -> None:
    append(root, f"{GESPREK}/gebed.md", "\n::: handleiding\nGeheim voor de leiding.\n:::\n")


#: Each edit, and whether it changes the public site.
EDITS: dict[str, tuple[Edit, bool]] = {
    "body": (_body, True),
    "bible reference": (_bible_reference, True),
    "title": (_title, True),
    "new section": (_new_section, True),
    "removed section": (_removed_section, True),
    "picture": (_picture, True),
    "layout": (_layout, True),
    "song": (_song, True),
    "leader block": (_leader_block, False),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_a_cached_rebuild_writes_what_a_full_build_writes(
    make_project: MakeProject, tmp_path: Path, name: str
) -> None:
    root = make_project(two_gesprekken())
    cached = root / "output"
    site_build(root, cached)
    append(root, "content/index.md", "\nEen eerdere wijziging.\n")
    site_build(root, cached)  # from now on a build starts from the folder the last one replaced
    before = tree(cached / "site")

    edit, visible = EDITS[name]
    edit(root)
    report = site_build(root, cached)
    fresh = tmp_path / "fresh"
    full = site_build(root, fresh, cache=False)

    assert full.pages_rendered == full.pages and full.search_indexed
    assert tree(cached / "site") == tree(fresh / "site")
    assert (tree(cached / "site") != before) == visible
    assert not report.unchanged


def test_no_cache_renders_everything_again(make_project: MakeProject) -> None:
    root = make_project()
    site_build(root, root / "output")
    result = run_build("-p", str(root), "--only", "site", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "31 pagina's (31 gemaakt, 0 hergebruikt)" in result.output, result.output
    assert "(opnieuw gemaakt)" in result.output


def test_the_summary_says_when_nothing_changed(make_project: MakeProject) -> None:
    root = make_project()
    assert run_build("-p", str(root), "--only", "site").exit_code == 0
    result = run_build("-p", str(root), "--only", "site")
    assert result.exit_code == 0
    assert result.output.startswith("Niets veranderd sinds de vorige build"), result.output


def test_a_damaged_output_is_written_again(make_project: MakeProject) -> None:
    root = make_project()
    output = root / "output"
    site_build(root, output)
    home = output / "site/index.html"
    good = home.read_bytes()
    home.write_text("kapot", encoding="utf-8")
    (output / "site/zoeken/index.html").unlink()

    report = site_build(root, output)

    assert not report.unchanged
    assert home.read_bytes() == good
    assert (output / "site/zoeken/index.html").is_file()


def test_a_damaged_cache_is_ignored(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project(two_gesprekken())
    output = root / "output"
    site_build(root, output)
    for path in (output / CACHE).glob("*.*"):
        if path.is_file():
            path.write_bytes(b"geen cache")
    for page in (output / CACHE / "site").glob("*.html"):
        page.unlink()

    report = site_build(root, output)

    assert report.pages_rendered == report.pages and report.bodies_rendered > 0
    site_build(root, tmp_path / "fresh", cache=False)
    assert tree(output / "site") == tree(tmp_path / "fresh/site")


def test_the_cache_keeps_only_what_the_last_build_used(make_project: MakeProject) -> None:
    root = make_project(two_gesprekken())
    output = root / "output"
    site_build(root, output)
    pages = set((output / CACHE / "site").glob("*.html"))
    for n in range(3):
        append(root, f"{GESPREK}/gebed.md", f"\nRegel {n}.\n")
        site_build(root, output)
    now = set((output / CACHE / "site").glob("*.html"))
    assert len(now) == len(pages)  # two pages replaced three times: no pile of old versions


def test_check_after_a_build_still_sees_a_link_whose_target_went_away(
    make_project: MakeProject,
) -> None:
    from click.testing import CliRunner

    from focusbuild.cli import cli

    root = make_project(
        {f"{GESPREK}/gebed.md": "---\nonderdeel: gebed\n---\nZie [het lied](lied.md).\n"}
    )
    site_build(root, root / "output")  # the renderings are now cached
    (root / f"{GESPREK}/lied.md").unlink()  # the linking text itself is unchanged

    result = CliRunner().invoke(cli, ["check", "-p", str(root)])

    assert result.exit_code == 1
    assert f"{GESPREK}/gebed.md:4:16: fout: link 'lied.md' bestaat niet" in result.output


def test_a_katern_deleted_between_builds_is_built_without_it(make_project: MakeProject) -> None:
    """A katern that was built once and then deleted (or renamed, or gone when switching
    branches) leaves inputs in the cache that the next build no longer knows: the build
    makes the site without it, instead of stopping with a traceback."""
    katern = "content/katernen/gastvrijheid"
    root = make_project(
        {
            f"{katern}/_katern.md": '---\ntitel: Gastvrijheid\nkleur: "#35607A"\n---\nOver.\n',
            f"{katern}/01-marta/_gesprek.md": "---\ntitel: Marta en Maria\n"
            "bijbelgedeelte: Lucas 10:38-42\n---\nInleiding.\n",
        }
    )
    output = root / "output"
    assert build(root, Request(output=output)).ok  # with its pdf, on the downloads page
    assert (output / "site/katernen/gastvrijheid/index.html").is_file()
    shutil.rmtree(root / katern)
    assert build(root, Request(output=output)).ok
    assert not (output / "site/katernen/gastvrijheid").exists()
    assert (output / "site/index.html").is_file()


def test_a_failed_build_leaves_nothing_that_spoils_the_next(
    make_project: MakeProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(two_gesprekken())
    output = root / "output"
    site_build(root, output)
    append(root, f"{SECOND}/gebed.md", "\nEerste wijziging.\n")
    site_build(root, output)  # the next build starts from the folder this one replaced
    _removed_section(root)
    append(root, f"{GESPREK}/gebed.md", "\nTweede wijziging.\n")
    crashing = tmp_path / "pagefind"
    crashing.write_text("#!/bin/sh\nhead -c 10 > /dev/null\nexit 3\n", encoding="utf-8")
    crashing.chmod(0o755)
    with monkeypatch.context() as patch:
        patch.setenv("PAGEFIND_BINARY_PATH", str(crashing))
        assert run_build("-p", str(root), "--only", "site").exit_code == 1

    site_build(root, output)

    site_build(root, tmp_path / "fresh", cache=False)
    assert tree(output / "site") == tree(tmp_path / "fresh/site")


def test_serve_renews_the_search_index_at_once_when_text_becomes_leader_only(
    make_project: MakeProject,
) -> None:
    root = make_project(two_gesprekken())
    output = root / "output"
    site_build(root, output)
    (root / f"{GESPREK}/gebed.md").write_text(
        "---\nonderdeel: gebed\n---\n::: handleiding\nTekst.\n:::\nBid samen.\n", encoding="utf-8"
    )
    report = build(
        root,
        Request(targets=frozenset({"site"}), output=output, preview=Preview(defer_search=True)),
    )
    assert report.ok and not report.search_deferred and report.search_indexed

    append(root, f"{SECOND}/gebed.md", "\nGewoon een zin erbij.\n")
    report = build(
        root,
        Request(targets=frozenset({"site"}), output=output, preview=Preview(defer_search=True)),
    )
    assert report.search_deferred  # an ordinary edit may wait for the index


def test_serve_lets_the_index_wait_only_while_the_leader_text_stays_the_same(
    make_project: MakeProject,
) -> None:
    root = make_project(two_gesprekken())
    output = root / "output"
    gebed = root / f"{GESPREK}/gebed.md"
    front = "---\nonderdeel: gebed\n---\n"
    gebed.write_text(front + "::: handleiding\nGeheim.\n:::\nBid samen.\n", encoding="utf-8")
    site_build(root, output)
    index = output / "site/pagefind"
    assert [p for p, text in readable_files(index) if "Bid samen" in text]

    def edited(text: str) -> BuildReport:
        gebed.write_text(front + text, encoding="utf-8")
        request = Request(
            targets=frozenset({"site"}), output=output, preview=Preview(defer_search=True)
        )
        report = build(root, request)
        assert report.ok
        if not report.search_deferred:
            site_build(root, output)  # what serve does next: the index made complete
        return report

    # the public text of a section with a leader block: the page first, the index after
    assert edited("::: handleiding\nGeheim.\n:::\nBid samen. Dank voor de dag.\n").search_deferred
    # a public line moved into the leader block: the old index holds it, so it goes now
    moved = edited("::: handleiding\nGeheim.\nBid samen. Dank voor de dag.\n:::\n")
    assert not moved.search_deferred and moved.search_indexed
    assert not [p for p, text in readable_files(index) if "Dank voor de dag" in text]
    # the leader text itself changed: no wait either
    assert not edited("::: handleiding\nAnders geheim.\n:::\nBid.\n").search_deferred
    # the leader block left as it was, public text added before it
    assert edited("Eerst dit.\n\n::: handleiding\nAnders geheim.\n:::\nBid.\n").search_deferred


def test_under_serve_an_edit_renders_only_the_pages_that_show_it(
    make_project: MakeProject,
) -> None:
    """serve keeps the files it read (frontmatter.remember_parsed); the builds that read
    them from memory must see the same model as the one that read them from disk."""
    import time

    from focusbuild.content.frontmatter import remember_parsed

    remember_parsed()
    root = make_project(two_gesprekken())
    output = root / "output"
    request = Request(
        targets=frozenset({"site"}), output=output, preview=Preview(defer_search=True)
    )
    time.sleep(1.1)  # files saved in the last second are read again every time
    assert build(root, request).pages_rendered > 0  # read from disk, and kept
    append(root, f"{GESPREK}/gebed.md", "\nHeer, wij danken U voor deze dag.\n")
    report = build(root, request)  # the other files from memory
    assert sorted(report.rendered) == [
        "blok1/kom-en-zie/",
        "onderdelen/gebed/",
        "register/bijbelteksten/",
    ], report.rendered
    assert report.search_deferred  # an ordinary edit: the page first, then the index


def test_a_recycled_file_where_a_folder_must_come_is_replaced(tmp_path: Path) -> None:
    from focusbuild.output import SPARE, Staging

    output = tmp_path / "output"
    spare = output / SPARE / "site"
    (spare / "media").mkdir(parents=True)
    (spare / "media" / "bijlage").write_text("was een bestand", encoding="utf-8")
    staging = Staging(output)
    staging.recycle(("site",))
    staging.write_text("site/media/bijlage/x/kaart.txt", "nu een map")
    staging.commit(("site",))
    assert (output / "site/media/bijlage/x/kaart.txt").read_text(encoding="utf-8") == "nu een map"


def test_a_recycled_copy_of_a_replaced_picture_is_copied_again(tmp_path: Path) -> None:
    import os

    from focusbuild.output import SPARE, Staging

    output = tmp_path / "output"
    picture = tmp_path / "kaart.png"
    picture.write_bytes(b"oud")
    staging = Staging(output)
    staging.copy("site/kaart.png", picture)
    staging.commit(("site",))
    staging = Staging(output)  # a second build, so the first site becomes the spare
    staging.copy("site/kaart.png", picture)
    staging.commit(("site",))
    assert (output / SPARE / "site/kaart.png").is_file()

    stamp = picture.stat()
    picture.write_bytes(b"new")  # same size, and the old time put back (as cp -p does)
    os.utime(picture, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    staging = Staging(output)
    staging.recycle(("site",))
    staging.copy("site/kaart.png", picture)
    staging.commit(("site",))
    assert (output / "site/kaart.png").read_bytes() == b"new"


def test_a_site_only_build_keeps_only_pdfs_of_public_booklets(make_project: MakeProject) -> None:
    root = make_project()
    downloads = root / "output/site/downloads"
    site_build(root, root / "output")
    (downloads / "focus-blok-1-gezin.pdf").write_bytes(b"%PDF-1.7 gezin")
    (downloads / "focus-blok-1-handleiding.pdf").write_bytes(b"%PDF-1.7 voor de leiding")

    site_build(root, root / "output")

    assert sorted(p.name for p in downloads.glob("*.pdf")) == ["focus-blok-1-gezin.pdf"]


def test_a_new_werkboek_remakes_only_the_pages_that_list_it(make_project: MakeProject) -> None:
    """A page that shows one blok's downloads is made again when that blok's PDFs
    change, not when another blok's do; the downloads page lists them all."""
    files: dict[str, str | bytes | None] = {}
    for rel, text in base_files().items():
        if rel.startswith("content/blok1/"):
            files[rel.replace("blok1", "blok2")] = text.replace("blok: 1", "blok: 2")
    root = make_project(files)
    output = root / "output"
    full = Request(output=output, targets=frozenset({"site", "pdf"}))
    assert build(root, full).ok

    append(root, f"{GESPREK}/gebed.md", "\nHeer, wij danken U voor deze dag.\n")
    report = build(root, full)

    assert report.ok
    assert "blok1/" in report.rendered and "downloads/" in report.rendered
    assert "blok2/" not in report.rendered and "blok2/kom-en-zie/" not in report.rendered


def test_a_copy_of_the_project_elsewhere_reuses_its_pdfs_but_reads_its_own_pictures(
    make_project: MakeProject, tmp_path: Path
) -> None:
    """focusbuild diff builds the base in a git worktree with the project's cache: what
    did not change there must not be typeset again, and a picture that differs must be."""
    root = make_project(two_gesprekken())
    pdfs = frozenset({"pdf"})
    first = build(root, Request(targets=pdfs))
    assert first.ok and all(not made.reused for made in first.publications)
    copy = tmp_path / "elders"
    shutil.copytree(root, copy)
    again = build(copy, Request(targets=pdfs))
    assert again.ok and all(made.reused for made in again.publications)
    (copy / SECOND / "img/kaart.png").write_bytes(tiny_png(2))
    changed = build(copy, Request(targets=pdfs))
    remade = sorted(made.pdf.name for made in changed.publications if not made.reused)
    assert remade and len(remade) < len(changed.publications)


def test_a_mistake_made_after_a_build_with_nothing_changed_is_still_found(
    make_project: MakeProject,
) -> None:
    """The check is reused while no file changed; any edit makes a new check."""
    root = make_project()
    for _ in range(2):
        assert site_build(root, root / "output").ok
    assert site_build(root, root / "output").unchanged
    append(root, f"{GESPREK}/gebed.md", "\n::: handleidng\nGeheim.\n:::\n")
    report = build(root, Request(targets=frozenset({"site"})))
    assert not report.ok
    assert any("onbekend blok" in d.message for d in report.check.diagnostics)
    gezin = root / GESPREK / "gezin.md"
    gezin.unlink()  # a file that goes away is a change as well
    (root / GESPREK / "gebed.md").write_text(
        "---\nonderdeel: gebed\nduur: 10\n---\nTekst.\n", encoding="utf-8"
    )
    report = build(root, Request(targets=frozenset({"site"})))
    assert report.ok and not report.unchanged
    assert any("Gezin" in d.message for d in report.check.diagnostics), [
        d.message for d in report.check.diagnostics
    ]


@pytest.fixture
def parted(monkeypatch: pytest.MonkeyPatch) -> None:
    """A site with little text has one search index (`SINGLE_TEXT`); these tests are about
    a site large enough for parts."""
    from focusbuild.render import pagefind

    monkeypatch.setattr(pagefind, "SINGLE_TEXT", 0)


def test_search_parts_wait_for_a_free_thread_instead_of_piling_up_in_memory(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records are made five times as fast as Pagefind indexes them. Handed over at once,
    every part's records waited in the threads' queue: a build of 20,000 sections held
    48 MB of records at its peak. A part is handed over when at most one waits."""
    import threading
    import time
    from concurrent.futures import Future, ThreadPoolExecutor

    from focusbuild.products import search
    from focusbuild.render import pagefind

    monkeypatch.setattr(pagefind, "SINGLE_TEXT", 0)
    monkeypatch.setattr(pagefind, "PART_TEXT", 0)  # a part per gesprek: six parts
    files = two_gesprekken()
    for number in range(3, 7):
        for rel, text in base_files().items():
            if rel.startswith(GESPREK + "/") and isinstance(text, str):
                files[rel.replace(GESPREK, f"content/blok1/0{number}-gesprek-{number}")] = text
    root = make_project(files)
    waiting: list[Future[Any]] = []
    most = 0
    lock = threading.Lock()

    class Counting(ThreadPoolExecutor):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            nonlocal most

            def slow() -> Any:  # Pagefind on a large part
                time.sleep(0.2)
                return fn(*args, **kwargs)

            future = super().submit(slow)
            with lock:
                waiting.append(future)
                most = max(most, sum(not f.done() for f in waiting))
            return future

    monkeypatch.setattr(search, "ThreadPoolExecutor", Counting)
    report = build(root, Request(targets=frozenset({"site"}), jobs=2))
    assert report.ok
    made = report.of(search.SearchReport)
    assert made is not None and made.parts >= 7
    # a part per thread (a thread per core and one more), and one waiting
    assert len(waiting) == made.parts and most <= 2 + 1 + 1


def test_an_edit_checks_the_house_style_of_the_edited_text_only(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The house style check looked at every text again after an edit (0.12 s of a 0.87 s
    rebuild on 228 long sections). Its findings for the texts that did not change come
    from the last build, and are still reported."""
    from focusbuild.content import style

    files = two_gesprekken()
    files[f"{GESPREK}/gebed.md"] = "---\nonderdeel: gebed\n---\nVervang deze tekst.\n"
    root = make_project(files)
    output = root / "output"
    placeholder = f"{GESPREK}/gebed.md"

    def warned(report: BuildReport) -> bool:
        return any(
            d.path == placeholder and "tijdelijke tekst" in d.message
            for d in report.check.diagnostics
        )

    assert warned(site_build(root, output))
    checked: list[str] = []
    real = style._style_of

    def counting(doc: Any, *args: Any) -> Any:
        checked.append(doc.rel)
        return real(doc, *args)

    monkeypatch.setattr(style, "_style_of", counting)
    append(root, f"{SECOND}/gebed.md", "\nDank voor het brood.\n")
    assert warned(site_build(root, output))
    assert checked == [f"{SECOND}/gebed.md"]
    # what the check depends on beyond the text: the vergaderopening's form of address
    config = (root / "focus.yaml").read_text(encoding="utf-8")
    (root / "focus.yaml").write_text(config.replace("aanspreekvorm: u", "aanspreekvorm: je", 1))
    checked.clear()
    site_build(root, output)
    assert sorted(checked) == [f"{GESPREK}/vergaderopening.md", f"{SECOND}/vergaderopening.md"]


def test_the_house_style_findings_are_kept_across_processes(make_project: MakeProject) -> None:
    """Each build is a process of its own, with its own hash seed: the findings' key once
    held the titles that address the reader in set order (the same-length ones in any
    order), so a new process checked every text again."""
    import subprocess
    import sys

    from focusbuild.cache import fingerprint
    from focusbuild.cache.files import load_keyed

    files = two_gesprekken()
    for number, title in enumerate(("Zie jij Hem", "Kom jij ook", "Ga jij mee", "Bid jij nu"), 3):
        folder = f"content/blok1/0{number}-gesprek-{number}"
        for rel, text in base_files().items():
            if rel.startswith(GESPREK + "/") and isinstance(text, str):
                files[rel.replace(GESPREK, folder)] = text.replace("Kom en zie", title)
    root = make_project(files)
    stored = root / "output" / CACHE / "findings.pickle"
    kept: list[set[str]] = []
    for seed in ("1", "2", "3"):
        append(root, f"{SECOND}/gebed.md", f"\nRonde {seed}.\n")
        done = subprocess.run(
            [sys.executable, "-m", "focusbuild", "build", "-p", str(root), "--only", "site"],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        found = load_keyed(stored, fingerprint.code())
        assert isinstance(found, dict)
        kept.append(set(found))
    # each build after the first: the edited text's old findings out, its new ones in
    assert len(kept[0] ^ kept[1]) == 2 and len(kept[1] ^ kept[2]) == 2


def test_a_site_with_little_text_has_one_search_index(make_project: MakeProject) -> None:
    """Pagefind weighs a word by its rarity in its own part: per blok, the katern Gebed came
    221st for "gebed". The shipped content has one index, renewed whole after an edit."""
    from focusbuild.products.search import SearchReport

    root = make_project(two_gesprekken())
    output = root / "output"
    first = site_build(root, output).of(SearchReport)
    assert first is not None and (first.parts, first.made) == (1, 1)
    search = (output / "site/zoeken/index.html").read_text(encoding="utf-8")
    assert "data-parts='[]'" in search
    assert not any(
        p.is_dir() and p.name.startswith("blok") for p in (output / "site/pagefind").iterdir()
    )
    append(root, f"{SECOND}/gebed.md", "\nDank voor het brood.\n")
    after = site_build(root, output).of(SearchReport)
    assert after is not None and (after.parts, after.made) == (1, 1)
    assert after.lines("output") == [f"Zoekindex: {after.records} items (opnieuw gemaakt)."]


def test_a_site_that_grows_past_or_shrinks_below_one_index_keeps_every_record(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main part of an index in parts holds home, pages and traject only; when a site
    shrank below `SINGLE_TEXT` that part was reused as the whole index (serve too): a
    search found 15 of 42 records, none of a blok, until the home page changed."""
    import json

    from focusbuild.products.search import SearchReport
    from focusbuild.render import pagefind

    root = make_project(two_gesprekken())
    output = root / "output"

    def indexed() -> int:
        entry = json.loads((output / "site/pagefind/pagefind-entry.json").read_bytes())
        count: int = entry["languages"]["nl"]["page_count"]
        return count

    whole = site_build(root, output).of(SearchReport)
    assert whole is not None and whole.parts == 1
    everything = indexed()
    monkeypatch.setattr(pagefind, "SINGLE_TEXT", 0)  # the site grows past one index
    parted = site_build(root, output).of(SearchReport)
    assert parted is not None and parted.parts == 2 and indexed() < everything
    monkeypatch.undo()  # and shrinks below it again
    again = site_build(root, output).of(SearchReport)
    assert again is not None and again.parts == 1 and again.made == 1
    assert indexed() == everything


@pytest.mark.usefixtures("parted")
def test_an_edit_renews_only_the_search_index_part_that_holds_it(
    make_project: MakeProject,
) -> None:
    """A part per blok and katern: one edited section renews its blok's part only."""
    from focusbuild.products.search import SearchReport

    root = make_project(two_gesprekken())
    output = root / "output"
    first = site_build(root, output).of(SearchReport)
    assert first is not None and (first.parts, first.made) == (2, 2)
    append(root, f"{SECOND}/gebed.md", "\nDank voor het brood.\n")
    after = site_build(root, output).of(SearchReport)
    assert after is not None and (after.parts, after.made) == (2, 1)
    assert after.records == first.records > 0
    line = f"Zoekindex: {after.records} items (1 van 2 delen opnieuw gemaakt)."
    assert after.lines("output") == [line]
    index = (output / "site/pagefind/blok1/pagefind-entry.json").read_text(encoding="utf-8")
    assert '"nl"' in index
    append(root, "content/paginas/over-focus.md", "\nMeer over ons.\n")
    page = site_build(root, output).of(SearchReport)
    assert page is not None and page.made == 1


@pytest.mark.usefixtures("parted")
def test_a_merged_search_part_carries_its_index_only(make_project: MakeProject) -> None:
    """The search page loads Pagefind's interface and search code from the main part; the
    parts it merges hold only their index, not another copy of them."""
    root = make_project(two_gesprekken())
    output = root / "output"
    site_build(root, output)
    main, part = output / "site/pagefind", output / "site/pagefind/blok1"
    shipped = {p.name for p in main.iterdir() if p.is_file()}
    assert {"pagefind-ui.js", "pagefind.js", "pagefind-worker.js"} <= shipped
    assert any(name.startswith("wasm.") for name in shipped), shipped
    kept = sorted(p.relative_to(part).as_posix() for p in part.rglob("*") if p.is_file())
    assert "pagefind-entry.json" in kept
    assert all(
        name == "pagefind-entry.json"
        or name.endswith(".pf_meta")
        or name.split("/")[0] in ("index", "fragment", "filter")
        for name in kept
    ), [name for name in kept if "/" not in name]


def test_the_search_index_services_end_with_their_build(tmp_path: Path) -> None:
    """The parts share a Pagefind process per thread; it ends when the index is made, and
    also when a failed build drops it (`serve` runs on, and must not collect processes)."""
    import gc

    from focusbuild.render.pagefind import Indexer, Record, make_index

    indexer = Indexer()
    records = [Record("blok1/", "Blok 1", "Bid samen om brood.", {})]
    make_index(records, "nl", tmp_path / "a", indexer=indexer, interface=False)
    service = indexer.service()
    make_index(records, "nl", tmp_path / "b", indexer=indexer, interface=False)
    assert indexer.service() is service  # one process for both parts
    assert (tmp_path / "b/pagefind-entry.json").is_file()
    indexer.close()
    assert service.process.poll() is not None
    dropped = Indexer()
    process = dropped.service().process
    del dropped
    gc.collect()
    assert process.wait(timeout=10) is not None


@pytest.mark.usefixtures("parted")
def test_a_blok_too_large_for_one_search_part_is_split_by_whole_gesprekken(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind builds a part in memory: a blok with more records than a part holds gets
    a part per run of whole gesprekken, the search page merges them all, and an edit
    renews only the part of its gesprek."""
    from focusbuild.products.search import SearchReport
    from focusbuild.render import pagefind

    root = make_project(two_gesprekken())
    output = root / "output"
    monkeypatch.setattr(pagefind, "PART_RECORDS", 4)  # each gesprek has more than 3
    first = site_build(root, output).of(SearchReport)
    assert first is not None and (first.parts, first.made) == (3, 3)
    search = (output / "site/zoeken/index.html").read_text(encoding="utf-8")
    assert """data-parts='["blok1", "blok1-deel2"]'""" in search
    second = json.loads((output / "site/pagefind/blok1-deel2/pagefind-entry.json").read_bytes())
    first_part = json.loads((output / "site/pagefind/blok1/pagefind-entry.json").read_bytes())
    assert second["languages"]["nl"]["page_count"] > 0
    assert first_part["languages"]["nl"]["page_count"] > 0
    append(root, f"{SECOND}/gebed.md", "\nDank voor het brood.\n")
    after = site_build(root, output).of(SearchReport)
    assert after is not None and (after.parts, after.made) == (3, 1)
    assert after.records == first.records


@pytest.mark.usefixtures("parted")
def test_a_blok_whose_text_outgrows_a_search_part_is_split_and_the_search_page_follows(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit renews the whole part that holds it, so a part holds a limited amount of
    text. An edit that makes a blok outgrow one part splits it by whole gesprekken: the
    new part is made, and the search page, which merges the parts, lists it."""
    from focusbuild.products.search import SearchReport
    from focusbuild.render import pagefind

    root = make_project(two_gesprekken())
    output = root / "output"
    monkeypatch.setattr(pagefind, "PART_TEXT", 5_000)
    first = site_build(root, output).of(SearchReport)
    assert first is not None and (first.parts, first.made) == (2, 2)
    search = output / "site/zoeken/index.html"
    assert """data-parts='["blok1"]'""" in search.read_text(encoding="utf-8")
    append(root, f"{SECOND}/gebed.md", "\n" + "Wij danken U voor het brood van elke dag. " * 150)
    after = site_build(root, output)
    index = after.of(SearchReport)
    # the first gesprek's part lost the second; the second gesprek has a new part
    assert index is not None and (index.parts, index.made) == (3, 2)
    assert """data-parts='["blok1", "blok1-deel2"]'""" in search.read_text(encoding="utf-8")
    entry = json.loads((output / "site/pagefind/blok1-deel2/pagefind-entry.json").read_bytes())
    assert entry["languages"]["nl"]["page_count"] > 0
    assert index.records == first.records


@pytest.mark.usefixtures("parted")
def test_the_text_a_search_part_holds_grows_with_a_large_site(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search page fetches and searches every part: on a site with much text the
    limit per part grows, so that the parts stay few."""
    from focusbuild.render import pagefind

    root = make_project(two_gesprekken())
    site = site_build(root, root / "output").check.site
    assert site is not None
    monkeypatch.setattr(pagefind, "PART_TEXT", 1)  # every gesprek would get its own part
    monkeypatch.setattr(pagefind, "PART_COUNT", 1)
    assert pagefind.part_names(pagefind.bundles(site)) == ["blok1"]
    monkeypatch.setattr(pagefind, "PART_COUNT", 1_000)
    assert pagefind.part_names(pagefind.bundles(site)) == ["blok1", "blok1-deel2"]


def test_renderings_kept_whole_are_merged_with_new_ones(tmp_path: Path) -> None:
    from focusbuild.cache.markdown import MarkdownStore

    path = tmp_path / "markdown.pickle"
    first = MarkdownStore(path)
    first.put("a", "eerste")
    first.save()
    kept = MarkdownStore(path)  # a build whose check was reused keeps every rendering
    kept.keep_all()
    kept.save()
    assert MarkdownStore(path).get("a") == "eerste"
    more = MarkdownStore(path)
    more.keep_all()
    more.put("b", "tweede")  # and adds one rendered since
    more.save()
    again = MarkdownStore(path)
    assert (again.get("a"), again.get("b")) == ("eerste", "tweede")
