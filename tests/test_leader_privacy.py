"""Text for the leiding never reaches public output, however the `:::` block is written.

Random documents put `::: handleiding` blocks in lists, block quotes, tables,
footnotes and fenced code; with and without closing lines, in upper case,
indented and with tabs; with footnotes, link definitions and inner blocks
inside. Every secret word stands only inside such a block. For each document
either the checker refuses it (an error: the build writes nothing) or no
public rendering holds a secret: not the page, not the search record, not the
print HTML of a werkboek. And nothing raises.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusbuild.check import check_project
from focusbuild.config import BibleLinks
from focusbuild.markdown import Markdown
from focusbuild.render.bodies import Renderer
from focusbuild.render.colophon import colophon
from focusbuild.render.links import Linker
from focusbuild.render.pagefind import records
from focusbuild.render.publications import PrintRenderer, jobs
from focusbuild.render.site import SiteRenderer
from tests.conftest import GESPREK, REPO, MakeProject
from tests.site_support import indexed_text

SECRET = "GEHEIM"
LINKS = BibleLinks(
    "https://b.example.org/{boek}.{hoofdstuk}", "https://b.example.org/{boek}.{hoofdstuk}.{vers}"
)

names = st.sampled_from(["handleiding", "Handleiding", "HANDLEIDING", "handleidng", "hAndleiding"])
colons = st.integers(min_value=3, max_value=5).map(lambda n: ":" * n)
space = st.sampled_from(["", " ", "  ", "\t"])
indent = st.sampled_from(["", " ", "  ", "   ", "    ", "\t"])


@st.composite
def secret_lines(draw: st.DrawFn, number: int) -> list[str]:
    """What a leader block holds: text, a footnote, a link definition, an inner block."""
    word = f"{SECRET}{number}"
    kinds = draw(
        st.lists(
            st.sampled_from(["text", "footnote", "reference", "inner", "list", "heading"]),
            min_size=1,
            max_size=4,
        )
    )
    lines: list[str] = []
    for kind in kinds:
        if kind == "text":
            lines.append(f"{word} in de tekst.")
        elif kind == "footnote":
            lines += [f"Zie noot[^n{number}].", "", f"[^n{number}]: {word} in een voetnoot."]
        elif kind == "reference":
            lines += [f"[r{number}]: https://example.org/{word}", ""]
        elif kind == "inner":
            lines += ["::: opdracht Binnen", f"{word} binnenin.", ":::"]
        elif kind == "list":
            lines += [f"- {word} in een lijst", f"- nog {word}"]
        else:
            lines.append(f"### {word} als kop")
        lines.append("")
    return lines


@st.composite
def leader_block(draw: st.DrawFn, number: int) -> list[str]:
    fence = draw(colons)
    opener = draw(indent) + fence + draw(space) + draw(names)
    if draw(st.booleans()):
        opener += f" {SECRET}{number} als titel"
    lines = [opener, *draw(secret_lines(number))]
    if draw(st.integers(0, 4)) > 0:  # mostly closed, sometimes not
        lines.append(draw(indent) + fence + draw(st.sampled_from(["", ":", " "])))
    return lines


def wrap(kind: str, lines: list[str]) -> list[str]:
    """Put a block inside another construct, the way an editor might."""
    if kind == "list":
        return ["- " + lines[0], *("  " + line if line else "" for line in lines[1:])]
    if kind == "ordered":
        return ["1. " + lines[0], *("   " + line if line else "" for line in lines[1:])]
    if kind == "quote":
        return ["> " + line for line in lines]
    if kind == "lazy-quote":
        return ["> " + lines[0], *lines[1:]]
    if kind == "table":
        return ["| Kop | Kop |", "| --- | --- |", *(f"| {line} | x |" for line in lines if line)]
    if kind == "footnote":
        return ["[^f]: " + lines[0], *("    " + line if line else "" for line in lines[1:])]
    if kind == "fence":
        return ["```", *lines, "```"]
    if kind == "unclosed-fence":
        return ["~~~", *lines]
    return lines


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts: list[str] = ["Openbare inleiding.", ""]
    for number in range(draw(st.integers(1, 3))):
        block = draw(leader_block(number))
        for kind in draw(
            st.lists(
                st.sampled_from(
                    [
                        "plain",
                        "list",
                        "ordered",
                        "quote",
                        "lazy-quote",
                        "table",
                        "footnote",
                        "fence",
                        "unclosed-fence",
                    ]
                ),
                max_size=2,
            )
        ):
            block = wrap(kind, block)
        parts += [*block, ""]
        parts += [f"Openbaar na blok {number}, zie [r{number}] en noot[^n{number}].", ""]
    if draw(st.booleans()):
        parts.append("Zie ook de voetnoot[^f].")
    return "\n".join(parts) + "\n"


@settings(max_examples=1500, deadline=None)
@given(documents())
def test_public_renderings_never_hold_leader_text(document: str) -> None:
    markdown = Markdown(LINKS)
    leader = markdown.render(document, leader=True)  # nothing raises
    analysis = markdown.analyse(document)
    assert analysis.problems == leader.problems
    if analysis.problems:
        return  # an error: the build stops and writes nothing
    public = markdown.render(document, leader=False)
    assert SECRET not in public.html, document
    assert all(SECRET not in found.text for found in public.found), document


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(documents())
def test_page_search_and_werkboek_never_hold_leader_text(
    make_project: MakeProject, document: str
) -> None:
    root = make_project({f"{GESPREK}/gebed.md": "---\nonderdeel: gebed\n---\n" + document})
    result = check_project(root, renderer=Renderer)
    if result.errors:
        return  # the build writes nothing
    site, renderer = result.site, result.renderer
    assert site is not None and renderer is not None
    pages = SiteRenderer(site, renderer, REPO / "layouts")
    for job in pages.pages():
        assert SECRET not in pages.render(job).html, job.url
    for record in records(site, renderer):
        assert SECRET not in indexed_text(record)  # all that Pagefind gets
    printer = PrintRenderer(
        site, renderer, REPO / "layouts", Linker.for_site(site), colophon(root, [])
    )
    for publication in jobs(site):
        if publication.public:
            assert SECRET not in printer.html(publication), publication.filename


def test_a_leader_block_in_every_construct_is_hidden(tmp_path: Path) -> None:
    """The plain cases, one by one, so a failure reads at once."""
    markdown = Markdown(LINKS)
    block = ["::: handleiding", f"{SECRET} tekst.", ":::"]
    for kind in ("plain", "list", "ordered", "quote", "footnote"):
        document = "\n".join(["Open.", "", *wrap(kind, block), "", "Zie [^f]."]) + "\n"
        assert not markdown.analyse(document).problems, kind
        assert SECRET in markdown.render(document, leader=True).html, kind
        assert SECRET not in markdown.render(document, leader=False).html, kind
