"""Markdown fixtures (input → expected HTML), in the style of markdown-it-py's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from focusbuild.bible import unpack
from focusbuild.config import BibleLinks
from focusbuild.markdown import Markdown

FIXTURES = Path(__file__).parent / "fixtures" / "markdown.md"
LINKS = BibleLinks(
    "https://b.example.org/{boek}.{hoofdstuk}", "https://b.example.org/{boek}.{hoofdstuk}.{vers}"
)


def read_fixtures(path: Path) -> list[tuple[str, str, str]]:
    """Cases as 'title / . / input / . / expected / .' blocks."""
    cases: list[tuple[str, str, str]] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title = lines[i]
        assert lines[i + 1] == ".", title
        j = lines.index(".", i + 2)
        k = lines.index(".", j + 1)
        cases.append(
            (title, "\n".join(lines[i + 2 : j]) + "\n", "\n".join(lines[j + 1 : k]) + "\n")
        )
        i = k + 1
    return cases


CASES = read_fixtures(FIXTURES)


@pytest.mark.parametrize(("title", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fixture(title: str, source: str, expected: str) -> None:
    markdown = Markdown(LINKS)
    leader = not title.startswith("public:")
    assert markdown.render(source, leader=leader).html == expected
    if not title.startswith(("leader:", "public:")):
        # Outside handleiding blocks, leaders and the public read the same.
        assert markdown.render(source, leader=False).html == expected


def test_fixture_file_has_cases() -> None:
    assert len(CASES) >= 12


def test_canary_never_in_public_rendering() -> None:
    markdown = Markdown(LINKS)
    source = "Open.\n\n::: handleiding\nKANARIE-7731 [^k]\n\n[^k]: KANARIE-7731 ook\n:::\n"
    assert "KANARIE-7731" in markdown.render(source, leader=True).html
    public = markdown.render(source, leader=False)
    assert "KANARIE-7731" not in public.html
    assert all("KANARIE" not in f.text for f in public.found)


def test_time_spans_keep_to_one_line_but_code_and_bible_references_stay_as_written() -> None:
    """On a phone "10.00 – 10.20" took three lines of a programme's table cell. A time span
    and "… uur" are joined by no-break spaces and, after the dash (which allows a break
    even before a no-break space), a word joiner."""
    source = (
        "| tijd | onderdeel |\n| --- | --- |\n| 10.00 – 10.20 | Inloop |\n\n"
        "Van 19:45 - 21:45 uur, om 20.00 uur koffie. Lees Johannes 1:35-2:11 en "
        "Lucas 19:1 - 10; `10.00 – 10.20` blijft code.\n"
    )
    html = Markdown(LINKS).render(source, leader=False).html
    assert "<td>10.00\u00a0–\u2060\u00a010.20</td>" in html
    assert "Van 19:45\u00a0–\u2060\u00a021:45\u00a0uur, om 20.00\u00a0uur koffie" in html
    assert ">Johannes 1:35-2:11</a>" in html.replace("\u00a0", " ")
    assert "19:1 - 10" in html.replace("\u00a0", " ")
    # a passage whose verses look like times is still the whole passage
    found = Markdown(LINKS).render("Lees Lucas 15:11 - 15:32.\n", leader=False)
    assert [str(unpack(r)) for r in found.refs] == ["Lucas 15:11-32"]
    assert 'href="https://b.example.org/LUK.15.11"' in found.html
    assert "<code>10.00 – 10.20</code>" in html


def test_a_paragraph_that_ends_in_a_colon_is_marked_as_leading_into_the_next() -> None:
    """Print keeps it with what it introduces (a prayer that was overleaf)."""
    source = "Een gebed om samen uit te spreken (2 minuten):\n\nHeer, wij danken U.\n"
    html = Markdown(LINKS).render(source, leader=False).html
    assert html.startswith('<p class="aanloop">Een gebed om samen uit te spreken')
    assert "<p>Heer, wij danken U.</p>" in html
