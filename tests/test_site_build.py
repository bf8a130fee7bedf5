"""`focusbuild build` on small projects: what a reader and an editor would notice."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from focusbuild.output import CACHE, LOCK_NAME, OLD_PREFIX, STAGING_PREFIX, Staging
from tests.conftest import BASE_URL, GESPREK, REPO, MakeProject, project_config, tiny_png
from tests.site_support import readable_files, run_build, tree

CANARY = "KANARIE-alleen-voor-leiding"
GOLDEN = Path(__file__).parent / "golden"


def build(root: Path, *extra: str) -> Path:
    result = run_build("-p", str(root), "--only", "site", *extra)
    assert result.exit_code == 0, result.output
    return root / "output" / "site"


def test_every_page_of_a_small_project_exists(make_project: MakeProject) -> None:
    site = build(make_project())
    expected = [
        "index.html",
        "blok1/index.html",
        "blok1/kom-en-zie/index.html",
        "blok1/kom-en-zie/groep-3-5/index.html",
        "blok1/kom-en-zie/vergaderopening/index.html",
        "doelgroepen/index.html",
        "doelgroepen/gezin/index.html",
        "onderdelen/index.html",
        "onderdelen/gebed/index.html",
        "katernen/index.html",
        "downloads/index.html",
        "register/bijbelteksten/index.html",
        "register/liederen/index.html",
        "zoeken/index.html",
        "over-focus/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "favicon.svg",
        "static/site.css",
        "pagefind/pagefind-ui.js",
    ]
    missing = [rel for rel in expected if not (site / rel).is_file()]
    assert missing == []


def test_leader_text_reaches_no_public_file(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{GESPREK}/bijbelstudie.md": f"""\
                ---
                onderdeel: bijbelstudie
                ---
                Voor iedereen.

                ::: handleiding
                Alleen de leiding: {CANARY}-blok.[^1]

                    :::

                Na een ingesprongen regel: {CANARY}-ingesprongen.

                [^1]: Voetnoot {CANARY}-voetnoot.
                :::
                """,
            f"{GESPREK}/achtergrond.md": "---\nonderdeel: bijbelstudie\nhandleiding: true\n"
            f"---\nAchtergrond {CANARY}-bestand.\n",
            f"{GESPREK}/_gesprek.md": "---\ntitel: Kom en zie\nbijbelgedeelte: Johannes 1:35-51\n"
            f"---\nInleiding.\n\n::: handleiding\nTip {CANARY}-inleiding.\n:::\n",
        }
    )
    site = build(root)
    leaks = [str(p.relative_to(site)) for p, text in readable_files(site) if CANARY in text]
    assert leaks == []
    page = (site / "blok1/kom-en-zie/index.html").read_text(encoding="utf-8")
    assert "Voor iedereen." in page


def test_raw_html_and_javascript_links_are_never_live(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{GESPREK}/gebed.md": """\
                ---
                onderdeel: gebed
                ---
                <script>alert("partner")</script>

                Een [link](javascript:alert(1)) en <img src=x onerror=alert(2)>.
                """
        }
    )
    page = (build(root) / "blok1/kom-en-zie/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page
    assert 'alert("partner")</script>' not in page
    assert "<img src=x" not in page and 'href="javascript:' not in page


def test_content_errors_write_nothing_and_exit_1(make_project: MakeProject) -> None:
    root = make_project({f"{GESPREK}/gebed.md": "---\nonderdeel: gebedd\n---\nTekst.\n"})
    result = run_build("-p", str(root))
    assert result.exit_code == 1
    assert "content/blok1/01-kom-en-zie/gebed.md:2:" in result.output
    assert "er is niets geschreven" in result.output
    assert not (root / "output").exists()


def test_a_failed_build_keeps_the_last_good_site(make_project: MakeProject) -> None:
    root = make_project()
    site = build(root)
    before = tree(site)
    (root / f"{GESPREK}/gebed.md").write_text("---\nonderdeel: [\n---\n", encoding="utf-8")
    assert run_build("-p", str(root)).exit_code == 1
    assert tree(site) == before
    leftovers = [p.name for p in (root / "output").iterdir() if p.name.startswith(".")]
    assert sorted(leftovers) == [CACHE, LOCK_NAME]  # no staging folder left behind


def test_a_killed_build_leaves_the_site_and_is_cleaned_up(make_project: MakeProject) -> None:
    root = make_project()
    site = build(root)
    before = tree(site)
    stale = root / "output" / f"{STAGING_PREFIX}killed"  # what a killed build leaves
    (stale / "site").mkdir(parents=True)
    assert tree(site) == before
    build(root)
    assert not stale.exists()


def test_two_builds_give_the_same_bytes(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project()
    first = tree(build(root, "-o", str(tmp_path / "a")).parent.parent / "a" / "site")
    second = tree(build(root, "-o", str(tmp_path / "b")).parent.parent / "b" / "site")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_links_are_relative_and_assets_local(make_project: MakeProject) -> None:
    site = build(make_project())
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        html = re.sub(r'<link rel="canonical"[^>]*>', "", html)  # named, never fetched
        loaded = re.findall(
            r'<(?:link|script|img|iframe|source)\b[^>]*?(?:href|src)="([^"]*)"', html
        )
        assert [url for url in loaded if ":" in url or url.startswith("/")] == [], path
        links = re.findall(r'<a\b[^>]*?href="([^"]*)"', html)
        assert [url for url in links if url.startswith("/")] == [], path


def test_404_links_from_the_site_root(make_project: MakeProject) -> None:
    html = (build(make_project()) / "404.html").read_text(encoding="utf-8")
    assert 'href="/static/site.css"' in html
    assert 'href="/doelgroepen/"' in html
    # a site in a folder of its host (the shipped www.izb.nl/focus/) links from there
    config = project_config().replace(
        f"basis_url: {BASE_URL}", "basis_url: https://www.izb.nl/focus/"
    )
    html = (build(make_project({"focus.yaml": config})) / "404.html").read_text(encoding="utf-8")
    assert 'href="/focus/static/site.css"' in html and 'href="/focus/doelgroepen/"' in html


def test_sitemap_and_robots_use_the_base_url(make_project: MakeProject) -> None:
    site = build(make_project())
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://focus.test/blok1/kom-en-zie/groep-3-5/</loc>" in sitemap
    assert "404" not in sitemap
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://focus.test/sitemap.xml" in robots


def test_free_page_may_not_take_a_site_address(make_project: MakeProject) -> None:
    root = make_project({"content/paginas/zoeken.md": "---\ntitel: Zoeken\n---\nTekst.\n"})
    result = run_build("-p", str(root))
    assert result.exit_code == 1
    assert "content/paginas/zoeken.md:1:1: fout:" in result.output


def test_video_is_not_loaded_until_asked(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{GESPREK}/verhalen-delen.md": "---\nonderdeel: verhalen-delen\n"
            "video: https://focus.example.org/video/anna\n---\nAnna vertelt.\n"
        }
    )
    page = (build(root) / "blok1/kom-en-zie/index.html").read_text(encoding="utf-8")
    assert 'data-film="https://focus.example.org/video/anna"' in page
    assert "<iframe" not in page


def test_what_a_leader_needs_reads_as_a_list(make_project: MakeProject) -> None:
    """ "Een kinderbijbel, Een blauw laken, Voor elk kind een lege wc-rol": capitals in the
    middle of a sentence. The materials stand apart, as a list does."""
    from tests.conftest import LED

    root = make_project(
        {
            f"{GESPREK}/groep-3-5.md": "---\nonderdeel: bijbelstudie\ndoelgroep: groep-3-5\n"
            + LED.replace("[Bijbel]", "[Een kinderbijbel, Een blauw laken]")
            + "---\nVertel het verhaal.\n"
        }
    )
    page = (build(root) / "blok1/kom-en-zie/groep-3-5/index.html").read_text(encoding="utf-8")
    assert "<dt>Nodig</dt><dd>Een kinderbijbel · Een blauw laken</dd>" in page


@pytest.mark.parametrize(
    ("name", "page"),
    [("gesprek", "blok1/kom-en-zie/index.html"), ("doelgroep", "doelgroepen/gezin/index.html")],
)
def test_golden_pages(make_project: MakeProject, name: str, page: str) -> None:
    """Whole pages compared with a reviewed copy; FOCUSBUILD_GOLDEN=update rewrites them."""
    html = (build(make_project()) / page).read_text(encoding="utf-8")
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("FOCUSBUILD_GOLDEN") == "update":
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")


def test_pictures_are_published_with_the_site(make_project: MakeProject) -> None:
    png = tiny_png()
    root = make_project(
        {
            f"{GESPREK}/gebed.md": "---\nonderdeel: gebed\n---\n![Een kaars](img/kaars.png)\n",
            f"{GESPREK}/img/kaars.png": png,
        }
    )
    site = build(root)
    assert (site / "media/blok1/01-kom-en-zie/img/kaars.png").read_bytes() == png
    page = (site / "blok1/kom-en-zie/index.html").read_text(encoding="utf-8")
    assert '<img src="../../media/blok1/01-kom-en-zie/img/kaars.png" alt="Een kaars"' in page


def test_one_or_more_processes_give_the_same_site(
    make_project: MakeProject, tmp_path: Path
) -> None:
    files: dict[str, str | bytes | None] = {}
    for n in range(2, 40):  # enough pages for the work to be spread over processes
        folder = f"content/blok1/{n:02d}-gesprek-{n}"
        files[f"{folder}/_gesprek.md"] = (
            f"---\ntitel: Gesprek {n}\nbijbelgedeelte: Johannes {n % 21 + 1}:1-5\n"
            f"---\nInleiding {n}.\n"
        )
        files[f"{folder}/gebed.md"] = f"---\nonderdeel: gebed\n---\nBid voor {n}.\n"
    root = make_project(files)
    one = run_build("-p", str(root), "-o", str(tmp_path / "one"), "-j", "1")
    two = run_build("-p", str(root), "-o", str(tmp_path / "two"), "-j", "2")
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    assert tree(tmp_path / "one" / "site") == tree(tmp_path / "two" / "site")


def test_only_pdf_refreshes_the_pdfs_and_leaves_the_pages_alone(make_project: MakeProject) -> None:
    root = make_project()
    site = build(root)
    before = tree(site)
    result = run_build("-p", str(root), "--only", "pdf")
    assert result.exit_code == 0
    assert "Website klaar" not in result.output and "Pdf's klaar" in result.output
    after = tree(site)
    assert {name: after.get(name) for name in before} == before
    assert "downloads/focus-blok-1-werkboek.pdf" in after
    assert (root / "output/leiders/focus-blok-1-handleiding.pdf").is_file()


def test_a_missing_pagefind_is_a_message_not_a_traceback(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    site = build(root)
    before = tree(site)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(root / "geen-pagefind"))
    result = run_build("-p", str(root), "--no-cache")  # the search index must be made again
    assert result.exit_code == 1
    assert "Pagefind" in result.output and "Traceback" not in result.output
    assert tree(site) == before


def test_a_picture_name_cannot_inject_html(make_project: MakeProject) -> None:
    name = 'x" onerror="alert(1).png'
    root = make_project(
        {
            f"{GESPREK}/gebed.md": f"---\nonderdeel: gebed\n---\n![boom](<img/{name}>)\n",
            f"{GESPREK}/img/{name}": tiny_png(),
        }
    )
    page = (build(root) / "blok1/kom-en-zie/index.html").read_text(encoding="utf-8")
    assert 'onerror="alert' not in page
    assert "img/x%22%20onerror%3D%22alert%281%29.png" in page


@pytest.mark.parametrize(
    ("href", "message"),
    [
        ("../../../focus.yaml", "alleen bestanden in de map content/"),
        ("img/.geheim.txt", "alleen bestanden in de map content/"),
        ("../", "wijst naar een map"),
        ("buiten/../../../../../../etc/hostname", "wijst buiten het project"),
    ],
)
def test_only_content_files_can_be_published(
    make_project: MakeProject, href: str, message: str
) -> None:
    root = make_project(
        {
            f"{GESPREK}/gebed.md": f"---\nonderdeel: gebed\n---\nZie [dit]({href}).\n",
            f"{GESPREK}/img/.geheim.txt": "geheim",
        }
    )
    (root / GESPREK / "buiten").symlink_to(root.parent)  # a folder link out of the project
    result = run_build("-p", str(root))
    assert result.exit_code == 1
    assert f"{GESPREK}/gebed.md:4:" in result.output and message in result.output
    assert not (root / "output").exists()


def test_a_build_killed_between_the_renames_gets_its_site_back(make_project: MakeProject) -> None:
    root = make_project()
    site = build(root)
    before = tree(site)
    aside = root / "output" / f"{OLD_PREFIX}killed"
    aside.mkdir()
    site.rename(aside / "site")  # the old site moved aside, the new one not yet in place
    staging = Staging(root / "output")
    staging.discard()
    assert tree(site) == before
    assert not aside.exists()


def test_two_builds_on_one_output_folder_are_refused(make_project: MakeProject) -> None:
    root = make_project()
    site = build(root)
    before = tree(site)
    running = Staging(root / "output")  # another build, still writing
    try:
        result = run_build("-p", str(root))
    finally:
        running.discard()
    assert result.exit_code == 1
    assert "er loopt al een build" in result.output
    assert tree(site) == before


def test_a_crashing_pagefind_is_a_message_not_a_traceback(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nhead -c 10 > /dev/null\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    root = make_project()
    site = build(root)
    before = tree(site)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    edited = root / f"{GESPREK}/gebed.md"  # an edit: the search index must be made again
    edited.write_text(edited.read_text(encoding="utf-8") + "\nNieuw.\n", encoding="utf-8")
    result = run_build("-p", str(root))
    assert result.exit_code == 1
    assert "Pagefind stopte onverwacht" in result.output and "Traceback" not in result.output
    assert tree(site) == before


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_site(
    make_project: MakeProject,
) -> None:
    root = make_project()
    old = tree(build(root))
    (root / f"{GESPREK}/gebed.md").write_text(
        "---\nonderdeel: gebed\n---\nNieuwe tekst.\n", encoding="utf-8"
    )
    seen = set()
    for delay in (0.05, 0.3, 0.6, 0.9, 1.2, 1.6, 2.5):
        process = subprocess.Popen(
            [sys.executable, "-m", "focusbuild", "build", "-p", str(root), "--only", "site"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.kill()
        process.wait()
        now = tree(root / "output" / "site")
        new_text = b"Nieuwe tekst." in now["blok1/kom-en-zie/index.html"]
        if not new_text:
            assert now == old, delay  # the old site, whole
        seen.add(new_text)
        assert (root / "output" / "site" / "index.html").is_file()
    build(root)  # a later build cleans up and finishes the job
    assert b"Nieuwe tekst." in tree(root / "output" / "site")["blok1/kom-en-zie/index.html"]
    assert False in seen  # the kill did interrupt some builds


def test_quiet_build_prints_nothing_when_all_is_well(make_project: MakeProject) -> None:
    root = make_project()
    result = run_build("-p", str(root), "--only", "site", "-q")
    assert result.exit_code == 0 and result.output == ""
    broken = run_build(
        "-p", str(make_project({f"{GESPREK}/gebed.md": "---\nonderdeel: x\n---\n"})), "-q"
    )
    assert broken.exit_code == 1 and "gebed.md:2:" in broken.output


def test_a_search_result_reads_as_text_and_says_whom_it_is_for(make_project: MakeProject) -> None:
    """A search result's excerpt is the text as a reader reads it: a heading set off from
    what follows, no spaces inside "(Lucas 19:1-10)", and the songs after the text as
    readers name them, not "Ps 42 Psalm 42" before it; its title names the doelgroep."""
    from focusbuild.check import check_project
    from focusbuild.render.bodies import Renderer
    from focusbuild.render.pagefind import records

    root = make_project(
        {
            f"{GESPREK}/kinderen.md": "---\nonderdeel: bijbelstudie\ndoelgroep: groep-3-5\n"
            "titel: Zacheüs in de boom\nliederen:\n  - {bundel: Ps, nummer: 42, titel: Psalm 42}\n"
            "---\n### Het verhaal\n\nIn de stad Jericho (Lucas 19:1-10) woonde *Zacheüs*.\n"
            "Van 10.00 – 10.20 uur.\n"
        }
    )
    result = check_project(root, renderer=Renderer)
    assert result.site is not None and result.renderer is not None, result.errors
    found = list(records(result.site, result.renderer))
    # the gesprek's own result names its passage (a title weighs most in the ranking), and
    # where it stands after it
    assert ("Kom en zie · Johannes 1:35-51", "blok 1") in [(r.title, r.where) for r in found]
    (record,) = [r for r in found if "Zacheüs" in r.title]
    assert (record.title, record.where) == ("Zacheüs in de boom · Groep 3-5", "Kom en zie (blok 1)")
    # the words readers use for the group find it too
    assert "kinderen · Voor zondagsschool" in record.context
    assert record.content == (
        "Het verhaal — In de stad Jericho (Lucas 19:1-10) woonde Zacheüs. Van 10.00 – 10.20 uur. "
        "Liederen: Psalm 42"  # the word joiner that keeps a time span on a line is no letter
    )


def test_another_pagefind_is_a_dutch_error_not_a_silent_search() -> None:
    """The merged search replaces one line of Pagefind 1.5's scripts; a version without
    that line must stop the build with a message, not ship the noisy search."""
    from focusbuild.render.pagefind_merge import UnexpectedPagefind, merged_search

    files = {"pagefind.js": b"export async function search() {}", "other.css": b""}
    with pytest.raises(UnexpectedPagefind, match=r"^pagefind\.js$"):
        merged_search(files)


def test_the_song_register_says_where_a_song_is_sung(make_project: MakeProject) -> None:
    """Under a psalm the register named the section by its title: "(Zingen: Psalm 100)"
    under Psalm 42 read as a mistake, and a doelgroep's title did not say whose it was.
    Now the kring's onderdeel, or the doelgroep with its title."""
    root = make_project(
        {
            f"{GESPREK}/lied.md": '---\nonderdeel: lied\ntitel: "Zingen: Psalm 100"\nduur: 10\n'
            "liederen:\n  - {bundel: Ps, nummer: 100, titel: Psalm 100}\n"
            "  - {bundel: Ps, nummer: 42, titel: Psalm 42}\n---\nWe zingen.\n",
            "content/liederen.yaml": "- {bundel: Ps, nummer: 42, titel: Psalm 42}\n"
            "- {bundel: Ps, nummer: 100, titel: Psalm 100}\n",
        }
    )
    page = (build(root) / "register/liederen/index.html").read_text(encoding="utf-8")
    psalm_42 = page[page.index("Psalm 42") : page.index("Psalm 100")]
    uses = re.findall(r"<dd><a [^>]+>([^<]+)</a></dd>", psalm_42)
    assert "Blok 1, gesprek 1: Kom en zie (Lied)" in uses, uses
    assert "Blok 1, gesprek 1: Kom en zie (Groep 3-5: Bijbelstudie – Groep 3-5)" in uses, uses
    assert not [use for use in uses if "Zingen" in use], uses


def test_a_cold_build_compiles_each_site_template_once_not_once_per_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page worker compiled the site templates it used: with two workers, base.html
    and parts.html twice (0.17 s a worker), at the start of the pages, when the pages and
    the search index keep every core busy. They are now compiled once, beside the check,
    and the workers load that code. The pages are the same."""
    import threading

    import jinja2

    from focusbuild.build import build
    from focusbuild.products.base import Request

    log = tmp_path / "compiled.txt"
    compile_template = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: Any, name: Any = None, *args: Any) -> Any:
        with log.open("a", encoding="utf-8") as file:
            file.write(f"{os.getpid()} {name}\n")
        return compile_template(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    # as in a build's own process (the test run may have threads of its own, a browser's)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    cold = build(REPO, Request(targets=frozenset({"site"}), output=tmp_path / "out", jobs=2))
    assert cold.ok and cold.pages_rendered > 100  # enough for both workers to render
    compiled = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    names = [name for _, name in compiled]
    assert {"base.html", "parts.html", "gesprek.html"} <= set(names)
    assert len(names) == len(set(names)), sorted(names)
    assert len({pid for pid, _ in compiled}) == 1  # in one process
    alone = build(REPO, Request(targets=frozenset({"site"}), output=tmp_path / "alone", jobs=1))
    assert alone.ok
    assert tree(tmp_path / "out/site") == tree(tmp_path / "alone/site")


def test_an_output_folder_that_would_replace_project_folders_is_refused(tmp_path: Path) -> None:
    """`-o` set to the project made `--only gemeenten` replace the project's gemeenten/
    (its profiles and logos gone); `nieuwsbrief -o content` moved the editions out of
    content/nieuwsbrief/; `-o content/blok1` wrote a site/ folder into the content. Such
    an output folder is now refused with a Dutch message, before anything is written."""
    import shutil

    from focusbuild.cli import cli

    root = tmp_path / "project"
    for name in ("content", "layouts", "gemeenten"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "focus.yaml", root / "focus.yaml")
    before = tree(root)
    profile = next((root / "gemeenten").glob("*.yaml")).stem
    runs = [
        ["build", "-p", str(root), "-o", str(root), "--only", "gemeenten", "--gemeente", profile],
        ["nieuwsbrief", "-p", str(root), "-o", str(root / "content")],
        ["build", "-p", str(root), "-o", str(root / "content/blok1"), "--only", "site"],
        ["serve", "-p", str(root), "-o", str(root / "gemeenten"), "--port", "0"],
    ]
    for args in runs:
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, (args, result.output)
        assert "uitvoermap" in result.output and "kan niet" in result.output, result.output
        assert "er is niets geschreven" in result.output, result.output
        assert tree(root) == before, args
    # a folder beside the project is fine
    elsewhere = run_build("-p", str(root), "-o", str(tmp_path / "elders"), "--only", "site")
    assert elsewhere.exit_code == 0, elsewhere.output
