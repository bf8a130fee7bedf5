"""The 66 books of the Protestant canon in Dutch, and a parser for references.

Names and abbreviations follow both the NBV21 and the HSV, so that editors can
write "Matteüs" or "Mattheüs", "Marc." or "Mark.". Chapter counts are the
larger of the two traditions where they differ (Joël: 4 in NBV21, 3 in SV;
Maleachi: 3 in NBV21, 4 in SV), so no correct reference is ever refused.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise


@dataclass(frozen=True)
class Book:
    index: int  # canonical order, 0 = Genesis
    usfm: str
    name: str
    chapters: int
    aliases: tuple[str, ...]


# (USFM, display name, chapters, other names and abbreviations)
_BOOKS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("GEN", "Genesis", 50, ("Gen",)),
    ("EXO", "Exodus", 40, ("Ex", "Exod")),
    ("LEV", "Leviticus", 27, ("Lev",)),
    ("NUM", "Numeri", 36, ("Num",)),
    ("DEU", "Deuteronomium", 34, ("Deut", "Dt")),
    ("JOS", "Jozua", 24, ("Joz",)),
    ("JDG", "Rechters", 21, ("Richteren", "Re", "Recht", "Richt", "Ri")),
    ("RUT", "Ruth", 4, ("Ru",)),
    ("1SA", "1 Samuël", 31, ("1 Sam",)),
    ("2SA", "2 Samuël", 24, ("2 Sam",)),
    ("1KI", "1 Koningen", 22, ("1 Kon",)),
    ("2KI", "2 Koningen", 25, ("2 Kon",)),
    ("1CH", "1 Kronieken", 29, ("1 Kron",)),
    ("2CH", "2 Kronieken", 36, ("2 Kron",)),
    ("EZR", "Ezra", 10, ("Ezr",)),
    ("NEH", "Nehemia", 13, ("Neh",)),
    ("EST", "Ester", 10, ("Esther", "Est")),
    ("JOB", "Job", 42, ()),
    ("PSA", "Psalmen", 150, ("Psalm", "Ps", "Psa")),
    ("PRO", "Spreuken", 31, ("Spr",)),
    ("ECC", "Prediker", 12, ("Pred", "Pr")),
    ("SNG", "Hooglied", 8, ("Hoogl", "Hl")),
    ("ISA", "Jesaja", 66, ("Jes",)),
    ("JER", "Jeremia", 52, ("Jer",)),
    ("LAM", "Klaagliederen", 5, ("Klaagl", "Kl")),
    ("EZK", "Ezechiël", 48, ("Ez", "Ezech")),
    ("DAN", "Daniël", 12, ("Dan",)),
    ("HOS", "Hosea", 14, ("Hos",)),
    ("JOL", "Joël", 4, ()),
    ("AMO", "Amos", 9, ("Am",)),
    ("OBA", "Obadja", 1, ("Ob",)),
    ("JON", "Jona", 4, ()),
    ("MIC", "Micha", 7, ("Mi",)),
    ("NAM", "Nahum", 3, ("Nah",)),
    ("HAB", "Habakuk", 3, ("Hab",)),
    ("ZEP", "Sefanja", 3, ("Zefanja", "Sef", "Zef")),
    ("HAG", "Haggai", 2, ("Hag",)),
    ("ZEC", "Zacharia", 14, ("Zach",)),
    ("MAL", "Maleachi", 4, ("Mal",)),
    ("MAT", "Matteüs", 28, ("Mattheüs", "Matt", "Mat", "Mt")),
    ("MRK", "Marcus", 16, ("Markus", "Marc", "Mark", "Mc", "Mk")),
    ("LUK", "Lucas", 24, ("Lukas", "Luc", "Luk", "Lc", "Lk")),
    ("JHN", "Johannes", 21, ("Joh",)),
    ("ACT", "Handelingen", 28, ("Hand",)),
    ("ROM", "Romeinen", 16, ("Rom",)),
    ("1CO", "1 Korintiërs", 16, ("1 Korinthiërs", "1 Kor")),
    ("2CO", "2 Korintiërs", 13, ("2 Korinthiërs", "2 Kor")),
    ("GAL", "Galaten", 6, ("Gal",)),
    ("EPH", "Efeziërs", 6, ("Ef",)),
    ("PHP", "Filippenzen", 4, ("Fil", "Filip")),
    ("COL", "Kolossenzen", 4, ("Kol",)),
    ("1TH", "1 Tessalonicenzen", 5, ("1 Thessalonicenzen", "1 Tess", "1 Thess", "1 Tes")),
    ("2TH", "2 Tessalonicenzen", 3, ("2 Thessalonicenzen", "2 Tess", "2 Thess", "2 Tes")),
    ("1TI", "1 Timoteüs", 6, ("1 Timotheüs", "1 Tim")),
    ("2TI", "2 Timoteüs", 4, ("2 Timotheüs", "2 Tim")),
    ("TIT", "Titus", 3, ("Tit",)),
    ("PHM", "Filemon", 1, ("Filem", "Flm")),
    ("HEB", "Hebreeën", 13, ("Hebr", "Heb")),
    ("JAS", "Jakobus", 5, ("Jak",)),
    ("1PE", "1 Petrus", 5, ("1 Petr", "1 Pet")),
    ("2PE", "2 Petrus", 3, ("2 Petr", "2 Pet")),
    ("1JN", "1 Johannes", 5, ("1 Joh",)),
    ("2JN", "2 Johannes", 1, ("2 Joh",)),
    ("3JN", "3 Johannes", 1, ("3 Joh",)),
    ("JUD", "Judas", 1, ("Jud",)),
    ("REV", "Openbaring", 22, ("Op", "Openb", "Opb")),
)

BOOKS: tuple[Book, ...] = tuple(
    Book(i, usfm, name, chapters, aliases)
    for i, (usfm, name, chapters, aliases) in enumerate(_BOOKS)
)


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Lookup key: no accents, no dots or spaces, lower case ('1 Kor.' -> '1kor').
    Cached: the same few names come back in every text that cites the Bible."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s.]", "", plain).casefold()


_FULL: dict[str, Book] = {}
_ABBREVIATED: dict[str, Book] = {}
for _book in BOOKS:
    _FULL[_key(_book.name)] = _book
    for _alias in _book.aliases:
        # An alias is a full name when it is a word of its own (Richteren, Psalm);
        # otherwise an abbreviation.
        target = _FULL if len(_alias.split()[-1]) > 5 or _alias == "Psalm" else _ABBREVIATED
        target[_key(_alias)] = _book


def find_book(name: str) -> Book | None:
    key = _key(name)
    return _FULL.get(key) or _ABBREVIATED.get(key)


def is_full_name(name: str) -> bool:
    return _key(name) in _FULL or _key(name) in ("ps",)


def resembling_book(name: str) -> str | None:
    """The display name of the book `name` is probably a misspelling of."""
    key = _key(name)
    if len(key) < 4:
        return None
    match = difflib.get_close_matches(key, list(_FULL), n=1, cutoff=0.8)
    return _FULL[match[0]].name if match else None


@dataclass(frozen=True, order=True)
class Span:
    """chapter:verse to end_chapter:end_verse; verse None = whole chapter(s)."""

    chapter: int
    verse: int | None
    end_chapter: int
    end_verse: int | None


@dataclass(frozen=True)
class Reference:
    book: Book
    spans: tuple[Span, ...]

    @property
    def sort_key(self) -> tuple[int, int, int]:
        first = self.spans[0]
        return (self.book.index, first.chapter, first.verse or 0)

    def __str__(self) -> str:
        """Canonical spelling: 'Johannes 15:1-8', 'Matteüs 28:19,20', 'Psalm 23'."""
        one_psalm = all(s.chapter == s.end_chapter == self.spans[0].chapter for s in self.spans)
        name = "Psalm" if self.book.usfm == "PSA" and one_psalm else self.book.name
        parts: list[str] = []
        previous_chapter: int | None = None
        for span in self.spans:
            if span.verse is None:
                text = str(span.chapter)
                if span.end_chapter != span.chapter:
                    text += f"-{span.end_chapter}"
            else:
                text = (
                    f"{span.verse}"
                    if previous_chapter == span.chapter
                    else f"{span.chapter}:{span.verse}"
                )
                if span.end_chapter != span.chapter:
                    text += f"-{span.end_chapter}:{span.end_verse}"
                elif span.end_verse is not None and span.end_verse != span.verse:
                    text += f"-{span.end_verse}"
            parts.append(text)
            previous_chapter = span.chapter
        return f"{name} {','.join(parts)}"

    def url(self, chapter_template: str, verse_template: str) -> str:
        """The link to the passage: `{boek}` is the USFM code, `{nummer}` the book's number
        in the canon (Genesis 1 … Openbaring 66), `{hoofdstuk}` and `{vers}` numbers."""
        first = self.spans[0]
        parts = {"boek": self.book.usfm, "nummer": self.book.index + 1, "hoofdstuk": first.chapter}
        if first.verse is None or not verse_template:
            return chapter_template.format(**parts)
        return verse_template.format(**parts, vers=first.verse)


#: A reference as plain values: the book's index and each span's four numbers. Renderings
#: keep their references so: a build reads back tens of thousands of them, and plain
#: tuples unpickle at C speed where dataclasses take a Python call each.
Packed = tuple[int, tuple[tuple[int, int | None, int, int | None], ...]]


def pack(reference: Reference) -> Packed:
    spans = tuple((s.chapter, s.verse, s.end_chapter, s.end_verse) for s in reference.spans)
    return reference.book.index, spans


@lru_cache(maxsize=65536)
def unpack(packed: Packed) -> Reference:
    """The reference again (cached: the same passages come back in many sections)."""
    index, spans = packed
    return Reference(BOOKS[index], tuple(Span(*span) for span in spans))


class ReferenceError_(ValueError):
    """A reference that names a real book but a chapter it does not have."""


_DASH = r"\s?[-–]\s?"
# Book: optional 1-3 prefix, a capitalised word (accents allowed), optional dot.
_BOOK = r"(?P<book>(?:[1-3]\s?)?[A-ZÀ-Ý][a-zà-ÿ]+)(?P<dot>\.)?"
_VERSES = (
    r"(?P<chapter>\d{1,3}):(?P<verses>\d{1,3}[ab]?"
    r"(?:" + _DASH + r"\d{1,3}(?::\d{1,3})?[ab]?)?"
    r"(?:\s?,\s?\d{1,3}[ab]?(?:" + _DASH + r"\d{1,3}[ab]?)?(?![\d:])(?!\s[A-ZÀ-Ý]))*)"
)
_CHAPTERS = r"(?P<chapters>\d{1,3}(?:" + _DASH + r"\d{1,3})?)(?![\d:.,]\d)"
PATTERN = re.compile(r"(?<![\w.])" + _BOOK + r"\s?(?:" + _VERSES + r"|" + _CHAPTERS + r")(?![\w])")


@dataclass(frozen=True)
class Match:
    """A reference found in running text, or a problem with something that looked like one."""

    start: int
    end: int
    text: str
    reference: Reference | None
    problem: str | None


def _spans(chapter: int, verses: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for part in re.split(r"\s?,\s?", verses):
        m = re.fullmatch(r"(\d+)[ab]?(?:\s?[-–]\s?(?:(\d+):)?(\d+)[ab]?)?", part)
        if m is None:  # pragma: no cover - the pattern only lets valid parts through
            raise ValueError(part)
        verse = int(m.group(1))
        end_chapter = int(m.group(2)) if m.group(2) else chapter
        end_verse = int(m.group(3)) if m.group(3) else verse
        spans.append(Span(chapter, verse, end_chapter, end_verse))
    return tuple(spans)


#: The groups of a `PATTERN` match that say what it means: book, chapter, verses, chapters.
_Groups = tuple[str | None, str | None, str | None, str | None]


def _groups(m: re.Match[str]) -> _Groups:
    return m.group("book"), m.group("chapter"), m.group("verses"), m.group("chapters")


def _make(book: Book, groups: _Groups) -> Reference:
    _, chapter_text, verses, chapters = groups
    if chapter_text is not None and verses is not None:
        chapter = int(chapter_text)
        spans = _spans(chapter, verses)
    else:
        assert chapters is not None  # the pattern has verses or chapters
        bounds = [int(x) for x in re.split(r"\s?[-–]\s?", chapters)]
        spans = (Span(bounds[0], None, bounds[-1], None),)
    for span in spans:
        for chapter in (span.chapter, span.end_chapter):
            if chapter < 1 or chapter > book.chapters:
                count = "1 hoofdstuk" if book.chapters == 1 else f"{book.chapters} hoofdstukken"
                raise ReferenceError_(f"{book.name} heeft {count}, geen hoofdstuk {chapter}")
        if span.end_chapter < span.chapter or (
            span.end_chapter == span.chapter
            and span.verse is not None
            and span.end_verse is not None
            and span.end_verse < span.verse
        ):
            raise ReferenceError_("het eind van het gedeelte ligt vóór het begin")
        if span.verse == 0:
            raise ReferenceError_("verzen beginnen bij 1")
    return Reference(book, spans)


@dataclass(frozen=True)
class _Meaning:
    """What a match of `PATTERN` means in running text (`find_references`)."""

    reference: Reference | None  # None: a problem, or (with no problem) not a reference
    problem: str | None = None


_NOT_A_REFERENCE = _Meaning(None)


@lru_cache(maxsize=16384)
def _meaning(groups: _Groups) -> _Meaning:
    """Cached by the match's groups: a text that cites the Bible cites the same passages
    again and again (2,000 sections with 15-30 references each: a third of the time
    spent on the Markdown went to reading them again)."""
    name = groups[0]
    assert name is not None
    book = find_book(name)
    has_verse = groups[1] is not None
    if book is None:
        guess = resembling_book(name) if has_verse else None
        if guess:
            return _Meaning(None, f"onbekend bijbelboek '{name}' (bedoelde je '{guess}'?)")
        return _NOT_A_REFERENCE
    if not has_verse and not is_full_name(name):
        return _NOT_A_REFERENCE  # "Op 5 mei": an abbreviation with only a number is not one
    try:
        return _Meaning(_make(book, groups))
    except ReferenceError_ as exc:
        return _Meaning(None, str(exc))


_DIGIT = re.compile(r"\d")


def find_references(text: str) -> list[Match]:
    """Every Bible reference in a piece of running text, with problems found on the way."""
    found: list[Match] = []
    if _DIGIT.search(text) is None:
        return found  # a reference has a number
    position = 0
    while (m := PATTERN.search(text, position)) is not None:
        meaning = _meaning(_groups(m))
        if meaning is _NOT_A_REFERENCE:
            # A word that is not a book ("Lees 2 Kron. 7:14") must not swallow what follows.
            position = m.start() + 1
            continue
        position = m.end()
        found.append(Match(m.start(), m.end(), m.group(0), meaning.reference, meaning.problem))
    return found


def parse_reference(text: str) -> list[Reference]:
    """A whole field such as 'Marcus 1:14-15; Matteüs 13:31-33'.

    Raises ValueError with a Dutch message when any part is not a reference.
    """
    refs: list[Reference] = []
    stripped = text.strip()
    if stripped and stripped[0] in "“„‘‚" and stripped[-1] in "”“’":
        raise ValueError(
            'gebruik rechte aanhalingstekens om de tekst ("…"), geen “…” of ‘…’ uit een '
            "tekstverwerker"
        )
    pieces = [piece.strip() for piece in stripped.split(";")]
    for before, after in pairwise(pieces):
        # "Marcus 10;13-16": verses after a semicolon are no passage of their own
        if re.fullmatch(r"\d{1,3}(?:[-–]\d{1,3})?", after) and re.search(r"\D \d{1,3}$", before):
            named = before.rsplit(" ", 1)[0]
            raise ValueError(
                f"'{after}' is geen bijbeltekst: schrijf '{before}:{after}' voor verzen, of "
                f"'{named} {after}' voor een tweede bijbeltekst"
            )
    for part in re.split(r"\s*;\s*|\s+en\s+(?=\D)", stripped):
        m = PATTERN.fullmatch(part.strip())
        if m is None:
            raise ValueError(
                f"'{part}' is geen bijbeltekst (schrijf bijvoorbeeld 'Johannes 15:1-8')"
            )
        book = find_book(m.group("book"))
        if book is None:
            guess = resembling_book(m.group("book"))
            hint = f" (bedoelde je '{guess}'?)" if guess else ""
            raise ValueError(f"onbekend bijbelboek '{m.group('book')}'{hint}")
        try:
            refs.append(_make(book, _groups(m)))
        except ReferenceError_ as exc:
            raise ValueError(str(exc)) from None
    return refs
