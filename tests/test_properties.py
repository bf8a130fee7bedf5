"""Property tests: whatever an editor or a partner writes, focusbuild answers with
diagnostics at `file:line:col`, never with a traceback.

Each property runs 10,000 generated inputs on the function that reads them (the
parsers are fast; a whole `check` per input would not fit in CI time): front
matter of a section (with song lists), the Bible reference parser, the Markdown
plugins, the agenda's date and time fields and a gemeente profile's dates (its vrije
periodes and the dates of its bijeenkomsten).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focusbuild.bible import find_references, pack, parse_reference, unpack
from focusbuild.config import BibleLinks, Config, load_config
from focusbuild.content import sections, style
from focusbuild.content.loader import Loader
from focusbuild.diagnostics import Collector
from focusbuild.gemeenten.profiles import load_gemeenten
from focusbuild.markdown import Markdown
from focusbuild.nieuws.loader import load_agenda
from tests.conftest import REPO

MANY = settings(
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LINKS = BibleLinks("https://b.example.org/{boek}.{hoofdstuk}", "")


@pytest.fixture(scope="module")
def config() -> Config:
    collector = Collector()
    loaded = load_config(REPO, collector)
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """One project folder for all examples: each writes its file and reads it back."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder).resolve()


@pytest.fixture(scope="module")
def project(config: Config, scratch: Path) -> Config:
    """The shipped configuration, for a project in the scratch folder."""
    return replace(config, root=scratch)


def assert_located(collector: Collector, rel: str) -> None:
    """Every diagnostic names the file, and a line and column that exist."""
    for item in collector.items:
        assert item.path.startswith(rel.rsplit("/", 1)[0]), item.human()
        assert item.line >= 1 and item.column >= 1, item.human()
        assert item.message, item.human()


# -- building blocks ----------------------------------------------------------------------

books = st.sampled_from(
    [
        *("Johannes", "Joh.", "Psalm", "Psalmen", "Matteüs", "Mattheüs", "1 Korintiërs", "Ps"),
        *("Jona", "Openbaring", "Genesis", "Richteren", "Rechters", "Judas", "Xyz", "", "3 Joh"),
    ]
)
numbers = st.one_of(st.integers(min_value=0, max_value=200).map(str), st.sampled_from(["", "a"]))
separators = st.sampled_from([":", ",", "-", "–", " ", ";", " en ", ".", "::", ":-"])


@st.composite
def references(draw: st.DrawFn) -> str:
    parts = [draw(books), " ", draw(numbers)]
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        parts += [draw(separators), draw(numbers)]
    return "".join(parts)


#: Values an editor gets wrong: each kind once, drawn cheaply (hypothesis spends its time
#: generating data, not in the parsers, so the pool is fixed and the text short).
TRICKY = [
    None, True, False, 0, -1, 7, 10**12, 1.5, float("nan"), float("inf"), "", " ", "ja",
    "2027-02-30", "2027-13-01", "27-1-2027", "2027-1-5", "10:00", "25:61", "10:00-09:00",
    "10.00", "Johannes 3:16", "Ps 999", "*", "&", "~", "[", "{}", "’", "x" * 300,
]  # fmt: skip
scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=12),
    st.integers(min_value=-5, max_value=3000),
    st.dates().map(str),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.just({"a": 1}))
songs = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "bundel": st.sampled_from(["Ps", "LvK", "Opw", "Psalm", "", "xx"]),
            "nummer": st.one_of(st.integers(min_value=-5, max_value=999), st.text(max_size=4)),
            "vers": st.one_of(st.text(max_size=6), st.integers(), st.sampled_from(["1-3", "3-1"])),
            "titel": st.text(max_size=20),
            "doelgroep": st.sampled_from(["kring", "12-16", "niemand"]),
        },
    ),
    max_size=3,
)
SECTION_KEYS = [
    "onderdeel", "doelgroep", "titel", "bijbelgedeelte", "video", "partner", "land",
    "voorbeeld", "duur", "doel", "tijd", "benodigdheden", "handleiding", "onbekend",
]  # fmt: skip


def front(mapping: dict[str, Any]) -> str:
    return yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False)


raw_front = st.text(
    alphabet=st.sampled_from(list("abc :-[]{}'\"&*!|>#\n\t0123456789é")), max_size=80
)


@st.composite
def section_fronts(draw: st.DrawFn) -> str:
    if draw(st.integers(min_value=0, max_value=4)) == 0:
        return draw(raw_front)  # not even YAML
    mapping: dict[str, Any] = draw(
        st.dictionaries(st.sampled_from(SECTION_KEYS), values, max_size=6)
    )
    if draw(st.booleans()):
        mapping["liederen"] = draw(songs)
    if draw(st.booleans()):
        mapping["bijbelgedeelte"] = draw(references())
    return front(mapping)


# -- the properties -----------------------------------------------------------------------


@MANY
@given(st.one_of(references(), st.text(max_size=40)))
def test_a_bible_reference_is_read_or_refused_with_a_dutch_reason(text: str) -> None:
    try:
        found = parse_reference(text)
    except ValueError as error:
        assert str(error)
    else:
        assert found and all(ref.book for ref in found)
        # a rendering keeps its references packed: they come back the same
        assert all(unpack(pack(ref)) == ref for ref in found)
    for match in find_references(f"Lees {text} samen."):  # in running text: never raises
        assert (match.reference is None) != (match.problem is None)


#: The house style's words for the reader, as the style guide defines them.
_READER_WORDS = (
    re.compile(r"\b(?:je|jij|jou|jouw|jezelf)\b", re.IGNORECASE),
    re.compile(r"\b(?:u|uw|uzelf)\b"),
)
_NEAR_WORDS = st.lists(
    st.sampled_from([*"jeJEuUwzlfoi_é1’ .-\n", "jouw", "uzelf", "Uw", "jezelf"]),
    max_size=30,
).map("".join)


@settings(max_examples=3_000, deadline=None)
@given(_NEAR_WORDS)
def test_the_house_style_finds_exactly_the_words_for_the_reader(text: str) -> None:
    """The style check scans for the words with a faster pattern than the guide's `\b…\b`:
    it must find the same words, at the same places, and nothing else."""
    fast = (style._INFORMAL, style._FORMAL)
    for guide, pattern in zip(_READER_WORDS, fast, strict=True):
        expected = [m.span() for m in guide.finditer(text)]
        assert [m.span() for m in style._words(pattern, text)] == expected, text
    both = sorted(m.span() for guide in _READER_WORDS for m in guide.finditer(text))
    assert [m.span() for m in style._words(style._EITHER, text)] == both, text


@MANY
@given(section_fronts(), st.text(max_size=40))
def test_front_matter_gives_located_diagnostics(
    project: Config, scratch: Path, front_matter: str, body: str
) -> None:
    config = project
    content = scratch / "content"
    path = content / "blok1" / "01-kom-en-zie" / "gebed.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front_matter}---\n{body}", encoding="utf-8")
    collector = Collector()
    loader = Loader(config, content, collector)
    doc = loader.read(path)
    if doc is not None:
        sections.section(doc, "gebed", config, collector)
    assert_located(collector, "content/blok1/01-kom-en-zie/gebed.md")


fragments = st.sampled_from(
    [
        "::: handleiding", ":::", "::::", "::: lied Psalm 42", "::: opdracht", "::: onbekend",
        "> ", "- ", "1. ", "    ", "\t", "```", "~~~", "[^1]", "[^1]: noot", "Johannes 3:16",
        "Psalm 68:10", "Joh. 99:1", "[a](b.md)", "![x](img/a.png)", "![x](file:///x)", "<b>",
        "*", "_", "`", "|a|b|", "|-|-|", "# Kop", "\n", "\n\n", "tekst", "’", "\"", "&amp;",
    ]
)  # fmt: skip


@MANY
@given(st.lists(fragments, max_size=30).map("".join))
def test_the_markdown_plugins_never_raise_and_locate_their_problems(text: str) -> None:
    markdown = Markdown(LINKS)
    leader = markdown.render(text, leader=True)
    markdown.render(text, leader=False)
    lines = text.count("\n") + 1
    for problem in leader.problems:
        assert 0 <= problem.line < lines and problem.column >= 1, (text, problem)


event_values = st.one_of(scalars, st.lists(scalars, max_size=3))


@MANY
@given(
    st.fixed_dictionaries(
        {
            "titel": st.just("Focusdag"),
            "plaats": st.just("Amersfoort"),
            "voor": st.just(["iedereen"]),
        },
        optional={"datum": event_values, "eind": event_values, "tijd": event_values},
    )
)
def test_agenda_dates_and_times_give_located_diagnostics(
    project: Config, scratch: Path, mapping: dict[str, Any]
) -> None:
    config = project
    folder = scratch / "content" / "agenda"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "focusdag.md").write_text(f"---\n{front(mapping)}---\nTekst.\n", encoding="utf-8")
    collector = Collector()
    load_agenda(Loader(config, scratch / "content", collector), folder)
    assert_located(collector, "content/agenda/focusdag.md")


@MANY
@given(
    st.fixed_dictionaries(
        {"naam": st.just("Gemeente"), "plaats": st.just("Plaats")},
        optional={
            "startjaar": event_values,
            "kringavond": st.one_of(st.sampled_from(["dinsdag", "Dinsdag", "dins"]), scalars),
            "tijd": event_values,
            "vrij": st.lists(
                st.fixed_dictionaries({}, optional={"van": event_values, "tot": event_values}),
                max_size=3,
            ),
            # a date alone, or a day with an end and a time, or anything else
            "bijeenkomsten": st.one_of(
                st.dictionaries(
                    st.sampled_from(["startweekend", "gemeenteavond", "x"]),
                    st.one_of(
                        event_values,
                        st.fixed_dictionaries(
                            {},
                            optional={
                                "datum": event_values,
                                "tot": event_values,
                                "tijd": event_values,
                                "plaats": scalars,
                            },
                        ),
                    ),
                    max_size=3,
                ),
                values,
            ),
        },
    )
)
def test_a_gemeente_profile_gives_located_diagnostics(
    project: Config, scratch: Path, mapping: dict[str, Any]
) -> None:
    config = project
    folder = scratch / "gemeenten"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "proef.yaml").write_text(front(mapping), encoding="utf-8")
    collector = Collector()
    load_gemeenten(scratch, config, None, collector)
    assert_located(collector, "gemeenten/proef.yaml")
