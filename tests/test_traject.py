"""The traject around the blokken: bijeenkomsten in content/traject/, on the site and in print.

A bijeenkomst is read like a gesprek: parts with front matter, ordered by the
number in their file name. What is for the leiding (a part or a bijeenkomst
with `handleiding: true`, a `::: handleiding` block) reaches the leaders'
booklet and nothing public.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from focusbuild.check import check_project
from focusbuild.cli import cli
from focusbuild.model import Site
from focusbuild.render.bodies import Renderer
from focusbuild.render.colophon import colophon
from focusbuild.render.links import Linker
from focusbuild.render.pagefind import records
from focusbuild.render.publications import PrintRenderer, jobs
from focusbuild.render.site import SiteRenderer
from focusbuild.render.templates import duration
from tests.conftest import REPO, MakeProject, base_files, write_files
from tests.site_support import indexed_text, readable_files, run_build

T = "content/traject"
AVOND = f"{T}/02-gemeenteavond"

TRAJECT = {
    f"{T}/_traject.md": "---\ntitel: Het traject\n---\nRond de blokken.\n",
    f"{AVOND}/_bijeenkomst.md": (
        "---\ntitel: Gemeenteavond over Focus\nsoort: gemeenteavond\nfase: opstart\n"
        "voor: gemeente\nduur: 120\n---\nEen avond voor de hele gemeente.\n"
    ),
    f"{AVOND}/01-programma.md": "---\ntitel: Het programma\n---\nWelkom om kwart voor acht.\n",
    f"{AVOND}/02-tafelgesprekken.md": (
        "---\ntitel: Tafelgesprekken\n---\nPraat aan tafel.\n\n"
        "::: handleiding\nGEHEIM-BLOK voor de gespreksleiders.\n:::\n"
    ),
    f"{AVOND}/03-slotgebed.md": "---\nonderdeel: gebed\n---\nWij danken U.\n",
    f"{AVOND}/04-kritiek.md": (
        "---\ntitel: Omgaan met kritiek\nhandleiding: true\n---\nGEHEIM-DEEL voor de leiding.\n"
    ),
    f"{T}/03-kerkenraadsweekend/_bijeenkomst.md": (
        "---\ntitel: Handleiding kerkenraadsweekend\nsoort: kerkenraad\nfase: blok 0\n"
        "voor: kerkenraad\nhandleiding: true\n---\nGEHEIM-WEEKEND voor de begeleider.\n"
    ),
    f"{T}/03-kerkenraadsweekend/01-opzet.md": "---\ntitel: Opzet\n---\nGEHEIM-OPZET.\n",
}


def _outputs(root: Path) -> tuple[Site, Renderer, SiteRenderer, PrintRenderer]:
    result = check_project(root, renderer=Renderer)
    assert not result.errors, result.errors
    site, renderer = result.site, result.renderer
    assert site is not None and renderer is not None
    pages = SiteRenderer(site, renderer, REPO / "layouts")
    printer = PrintRenderer(
        site, renderer, REPO / "layouts", Linker.for_site(site), colophon(root, [])
    )
    return site, renderer, pages, printer


def test_a_bijeenkomst_page_shows_its_parts_in_file_order(make_project: MakeProject) -> None:
    _, _, pages, _ = _outputs(make_project(TRAJECT))
    html = {job.url: pages.render(job).html for job in pages.pages()}
    page = html["traject/gemeenteavond/"]
    anchors = re.findall(r'<section class="sectie[^"]*" id="([a-z-]+)"', page)
    assert anchors == ["programma", "tafelgesprekken", "slotgebed"]
    assert "Voor de gemeente · ongeveer 2\u00a0uur" in page
    index = html["traject/"]
    assert "Gemeenteavond over Focus" in index and "Opstartfase" in index
    assert 'href="/traject/"' in html[""] or "Traject" in html[""]  # in the main navigation


def test_a_bijeenkomst_page_leads_on_to_the_next_one(make_project: MakeProject) -> None:
    """A long page on a phone ends with where to go next, as a gesprek does: the previous
    and next public bijeenkomst and the whole traject, never a leader-only one."""
    start = {
        f"{T}/01-startweekend/_bijeenkomst.md": (
            "---\ntitel: Startweekend\nsoort: startweekend\nfase: opstart\nvoor: gemeente\n---\n"
            "Een weekend voor iedereen.\n"
        ),
        f"{T}/01-startweekend/01-programma.md": "---\ntitel: Programma\n---\nWelkom.\n",
    }
    _, _, pages, _ = _outputs(make_project({**TRAJECT, **start}))
    html = {job.url: pages.render(job).html for job in pages.pages()}
    avond, weekend = html["traject/gemeenteavond/"], html["traject/startweekend/"]
    assert re.search(
        r'rel="prev"><span class="vv-label">Vorige bijeenkomst</span> '
        r'<span class="vv-titel">Startweekend</span>',
        avond,
    )
    assert 'rel="next"' not in avond  # the kerkenraadsweekend after it is for the leader
    assert "Handleiding kerkenraadsweekend" not in avond
    assert re.search(
        r'rel="next"><span class="vv-label">Volgende bijeenkomst</span> '
        r'<span class="vv-titel">Gemeenteavond over Focus</span>',
        weekend,
    )
    assert ">Het hele traject</a>" in avond and ">Het hele traject</a>" in weekend


def test_a_heading_is_not_read_with_its_label_twice(make_project: MakeProject) -> None:
    """A part titled "Gebed: om vernieuwing" under the label "Gebed" would be read to a
    screen reader as "Gebed Gebed: om vernieuwing": the label is hidden from it then; a
    part that has only the label as its heading keeps it."""
    extra = {
        f"{AVOND}/05-vernieuwing.md": (
            '---\ntitel: "Gebed: om vernieuwing"\nonderdeel: gebed\n---\nHeer.\n'
        )
    }
    _, _, pages, _ = _outputs(make_project({**TRAJECT, **extra}))
    page = next(pages.render(j).html for j in pages.pages() if j.url == "traject/gemeenteavond/")
    assert '<span class="sectie-soort" aria-hidden="true">Gebed</span>' in page
    assert '<span class="sectie-soort">Gebed</span>' in page  # the slotgebed: label only


def test_leader_text_of_the_traject_never_reaches_public_output(make_project: MakeProject) -> None:
    site, renderer, pages, printer = _outputs(make_project(TRAJECT))
    rendered = {job.url: pages.render(job).html for job in pages.pages()}
    assert "traject/kerkenraadsweekend/" not in rendered
    for url, html in rendered.items():
        assert "GEHEIM" not in html, url
        assert "Handleiding kerkenraadsweekend" not in html, url
    for record in records(site, renderer):
        assert "GEHEIM" not in indexed_text(record), record.url
    made = {job.filename: job for job in jobs(site)}
    public = made["focus-traject-gemeenteavond.pdf"]
    assert public.public and "GEHEIM" not in printer.html(public)
    assert "focus-traject-kerkenraadsweekend.pdf" not in made  # no public parts
    leaders = printer.html(made["focus-traject-gemeenteavond-leiding.pdf"])
    assert not made["focus-traject-gemeenteavond-leiding.pdf"].public
    assert "GEHEIM-BLOK" in leaders and "GEHEIM-DEEL" in leaders
    weekend = printer.html(made["focus-traject-kerkenraadsweekend-leiding.pdf"])
    assert "GEHEIM-WEEKEND" in weekend and "GEHEIM-OPZET" in weekend


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("traject") / "project"
    write_files(root, {**base_files(), **TRAJECT})
    result = run_build("-p", str(root), "-o", str(root / "output"))
    assert result.exit_code == 0, result.output
    return root / "output"


def test_the_built_site_and_its_pdfs_hold_no_leader_text(built: Path) -> None:
    for path, text in readable_files(built / "site"):
        if path.suffix == ".pdf":
            text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        assert "GEHEIM" not in text, path
    public = built / "site/downloads/focus-traject-gemeenteavond.pdf"
    assert "Welkom om kwart voor acht" in "".join(
        page.extract_text() or "" for page in PdfReader(public).pages
    )
    leaders = sorted(p.name for p in (built / "leiders").glob("focus-traject-*"))
    assert leaders == [
        "focus-traject-gemeenteavond-leiding.pdf",
        "focus-traject-kerkenraadsweekend-leiding.pdf",
    ]
    guide = "".join(p.extract_text() or "" for p in PdfReader(built / "leiders" / leaders[0]).pages)
    assert "GEHEIM-BLOK" in guide and "GEHEIM-DEEL" in guide


def test_a_bijeenkomst_download_is_for_its_audience(built: Path) -> None:
    page = (built / "site/traject/gemeenteavond/index.html").read_text(encoding="utf-8")
    row = re.search(r"<td[^>]*>Bijeenkomst</td>\s*<td[^>]*>([^<]*)</td>", page)
    assert row is not None and row.group(1) == "De gemeente"
    assert 'href="../../downloads/focus-traject-gemeenteavond.pdf"' in page


def test_the_shipped_leader_parts_stay_off_the_site() -> None:
    """Every sentence of the repository's leader-only traject files, and of its
    `::: handleiding` blocks, is absent from every page and search record."""
    site, renderer, pages, printer = _outputs(REPO)
    assert site.traject is not None
    secrets: list[str] = []
    for bijeenkomst in site.traject.bijeenkomsten:
        for part in bijeenkomst.parts:
            leader_only = bijeenkomst.handleiding or part.handleiding
            text = part.source.path.read_text(encoding="utf-8").split("---", 2)[2]
            blocks = re.findall(r"^::: handleiding\n(.*?)^:::$", text, re.M | re.S)
            for chunk in [text] if leader_only else blocks:
                secrets += [s for s in re.findall(r"[A-Z][a-z][^.?!*\n|]{40,}", chunk)][:3]
    assert len(secrets) > 20
    public_html = [pages.render(job).html for job in pages.pages()]
    owners = site.traject.bijeenkomsten
    public_html += [printer.html(j) for j in jobs(site) if j.public and j.owner in owners]
    search = [indexed_text(record) for record in records(site, renderer)]
    for secret in secrets:
        plain = secret.replace("'", "’")
        assert not any(plain in html or secret in html for html in public_html), secret
        assert not any(secret in text or plain in text for text in search), secret


def test_mistakes_in_the_traject_are_diagnostics(make_project: MakeProject) -> None:
    bad = dict(TRAJECT)
    bad[f"{AVOND}/_bijeenkomst.md"] = (
        "---\ntitel: Avond\nsoort: gemeenteavnd\nfase: blok 9\nvoor: gemeente\n---\nTekst.\n"
    )
    bad[f"{AVOND}/05-zonder-titel.md"] = "---\nduur: 5\n---\nTekst.\n"
    bad[f"{AVOND}/06-programma.md"] = "---\ntitel: Nog een programma\n---\nTekst.\n"
    root = make_project(bad)
    result = CliRunner().invoke(cli, ["check", "-p", str(root)])
    assert result.exit_code == 1
    out = result.output
    assert (
        f"{AVOND}/_bijeenkomst.md:3:8: fout: onbekende soort 'gemeenteavnd' "
        "(bedoelde je 'gemeenteavond'?)" in out
    )
    assert f"{AVOND}/_bijeenkomst.md:4:7: fout: onbekende fase 'blok 9'" in out
    assert "of blok 0 … blok 6" in out
    no_title = "fout: een deel zonder 'onderdeel' heeft een 'titel' nodig"
    assert f"{AVOND}/05-zonder-titel.md:1:1: {no_title}" in out
    assert f"{AVOND}/06-programma.md:1:1: fout: 'programma' bestaat al in deze bijeenkomst" in out
    assert "Traceback" not in out


def test_a_traject_folder_needs_its_vocabulary(make_project: MakeProject) -> None:
    config = (REPO / "focus.yaml").read_text(encoding="utf-8")
    start = config.index("\ntraject:")
    end = config.index("\n\n", config.index("voor:", start))
    root = make_project({**TRAJECT, "focus.yaml": config[:start] + config[end:]})
    result = CliRunner().invoke(cli, ["check", "-p", str(root)])
    assert result.exit_code == 1
    assert "content/traject:1:1: fout: de map traject/ vraagt om 'traject' in focus.yaml" in (
        result.output
    )


def test_durations_read_as_people_say_them() -> None:
    # with a no-break space: "2" and "uur" never part at the end of a line
    assert [duration(m) for m in (45, 90, 120, 150)] == [
        "45\u00a0minuten",
        "1½\u00a0uur",
        "2\u00a0uur",
        "2½\u00a0uur",
    ]
