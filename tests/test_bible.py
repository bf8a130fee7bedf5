"""The Dutch canon and the reference parser."""

from __future__ import annotations

import pytest

from focusbuild.bible import BOOKS, Span, find_book, find_references, parse_reference


def refs(text: str) -> list[str]:
    return [str(m.reference) if m.reference else f"!{m.problem}" for m in find_references(text)]


def test_canon_has_66_books_in_order() -> None:
    assert len(BOOKS) == 66
    assert [b.usfm for b in BOOKS[:3]] == ["GEN", "EXO", "LEV"]
    assert BOOKS[-1].usfm == "REV"
    assert len({b.usfm for b in BOOKS}) == 66
    assert sum(b.chapters for b in BOOKS) == 1190  # with Joël 4 and Maleachi 4


@pytest.mark.parametrize(
    ("name", "usfm"),
    [
        ("Matteüs", "MAT"),
        ("Mattheüs", "MAT"),
        ("Matt.", "MAT"),
        ("Mt", "MAT"),
        ("Marcus", "MRK"),
        ("Mark.", "MRK"),
        ("Lukas", "LUK"),
        ("Luc.", "LUK"),
        ("Joh.", "JHN"),
        ("1 Joh.", "1JN"),
        ("1Joh", "1JN"),
        ("Hand.", "ACT"),
        ("2 Kron.", "2CH"),
        ("Richteren", "JDG"),
        ("Rechters", "JDG"),
        ("Ezechiël", "EZK"),
        ("Ezechiel", "EZK"),
        ("1 Korinthiërs", "1CO"),
        ("1 Kor.", "1CO"),
        ("Hebr.", "HEB"),
        ("Op.", "REV"),
        ("Openb.", "REV"),
        ("Psalm", "PSA"),
        ("Ps.", "PSA"),
        ("Pred.", "ECC"),
        ("1 Thess.", "1TH"),
        ("1 Tess.", "1TH"),
        ("Filem.", "PHM"),
    ],
)
def test_names_and_abbreviations(name: str, usfm: str) -> None:
    book = find_book(name)
    assert book is not None and book.usfm == usfm


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lees 2 Kron. 7:14 samen.", ["2 Kronieken 7:14"]),
        ("Hand.1:8", ["Handelingen 1:8"]),
        ("Matt.28:19,20", ["Matteüs 28:19,20"]),
        ("Joh. 15:1-8", ["Johannes 15:1-8"]),
        ("Psalm 23", ["Psalm 23"]),
        ("Openbaring 2:1-7", ["Openbaring 2:1-7"]),
        ("Joh. 1:1-2:11", ["Johannes 1:1-2:11"]),
        ("Ezra 1-3", ["Ezra 1-3"]),
        ("Ps. 23:1-3,6", ["Psalm 23:1-3,6"]),
        ("Joh. 3:16, 1 Johannes 4:8", ["Johannes 3:16", "1 Johannes 4:8"]),
        ("Joh. 3:16a", ["Johannes 3:16"]),
        ("Lucas 24:13–35", ["Lucas 24:13-35"]),
    ],
)
def test_references_in_running_text(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Om 19:30 begint de kring.",
        "Op 5 mei is het Bevrijdingsdag.",
        "Rom 8 is een abbreviation without a verse.",
        "In 2024 waren er 12 kringen.",
        "Zaterdag 10:00 bij Jan.",
    ],
)
def test_not_references(text: str) -> None:
    assert refs(text) == []


def test_spans_for_lists_and_cross_chapter_ranges() -> None:
    (matt,) = parse_reference("Matt. 28:19,20")
    assert matt.spans == (Span(28, 19, 28, 19), Span(28, 20, 28, 20))
    (joh,) = parse_reference("Joh. 1:1-2:11")
    assert joh.spans == (Span(1, 1, 2, 11),)
    (ezra,) = parse_reference("Ezra 1-3")
    assert ezra.spans == (Span(1, None, 3, None),)


def test_problems() -> None:
    assert refs("Jona 5") == ["!Jona heeft 4 hoofdstukken, geen hoofdstuk 5"]
    assert refs("Judas 2:1") == ["!Judas heeft 1 hoofdstuk, geen hoofdstuk 2"]
    assert refs("Joh. 3:16-2:1") == ["!het eind van het gedeelte ligt vóór het begin"]
    assert refs("Johanes 3:16") == ["!onbekend bijbelboek 'Johanes' (bedoelde je 'Johannes'?)"]


def test_field_with_several_passages() -> None:
    found = parse_reference("Marcus 1:14-15; Matteüs 13:31-33")
    assert [str(r) for r in found] == ["Marcus 1:14-15", "Matteüs 13:31-33"]
    with pytest.raises(ValueError, match="geen bijbeltekst"):
        parse_reference("het verhaal van Zacheüs")


def test_link_templates() -> None:
    (ref,) = parse_reference("Joh. 15:1-8")
    assert ref.url("c/{boek}.{hoofdstuk}", "v/{boek}.{hoofdstuk}.{vers}") == "v/JHN.15.1"
    (ps,) = parse_reference("Psalm 23")
    assert ps.url("c/{boek}.{hoofdstuk}", "v/{boek}.{hoofdstuk}.{vers}") == "c/PSA.23"


def test_canonical_sort_order() -> None:
    found = [
        parse_reference(t)[0]
        for t in ("Openbaring 2:1", "Genesis 1:1", "Johannes 3:16", "Johannes 1:1")
    ]
    assert [str(r) for r in sorted(found, key=lambda r: r.sort_key)] == [
        "Genesis 1:1",
        "Johannes 1:1",
        "Johannes 3:16",
        "Openbaring 2:1",
    ]
