"""Markdown that looks fine in the editor but does not come out as the writer meant,
without any error from the parser: each gets a warning at its line and column.

- A link or picture whose address markdown-it refuses (file:, javascript:, vbscript:)
  is printed as its literal text, brackets and all.
- Block quotes and lists nested past the parser's limit (markdown-it's maxNesting, 20
  levels) lose their text: nothing below that depth reaches the page.
- HTML (a tag such as <b> or <iframe>, or a <!-- note -->) is not rendered: partner text
  is untrusted, so it is shown as it was typed, the note for everyone to read. A note is
  an error, not a warning: its writer meant it hidden, and `build` and `serve` (which do
  not fail on warnings) published it, as a misspelt `::: handleiding` would.
- A picture or link whose address has a space ("img/kaart emmaus.png") is no picture or
  link at all: its Markdown is printed as it was typed.
- A paragraph indented with a tab or four spaces (a habit from Word) becomes a block of
  code, in a typewriter font that runs off a phone's screen.
- A passage typed with a semicolon for the colon ("Marcus 10;13-16") links the chapter
  alone, the verses after it as plain text.
- A footnote mark without a footnote text ("[^2]" and no "[^2]: …") is printed as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

#: markdown-it's maxNesting: from this many levels of quotes and lists the text is lost.
MAX_LEVELS = 19
_REFUSED = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?\s*((?:file|javascript|vbscript):)", re.IGNORECASE)
_LEVEL = re.compile(r"[ \t]{0,3}(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])")
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
#: A line as deep as the parser stops at: the first line, or one after a line break. A
#: pattern that starts with the line break is found with a fast scan for it; `^` with
#: MULTILINE is tried at every position (four times slower over a long body).
_DEEP_FIRST = re.compile(rf"(?:{_LEVEL.pattern}){{{MAX_LEVELS}}}")
_DEEP = re.compile(rf"\n(?:{_LEVEL.pattern}){{{MAX_LEVELS}}}")
#: The tags a writer from a word processor or a web page might type; "<naam>" is not one.
_HTML_TAGS = (
    "a|b|i|u|s|em|strong|br|p|div|span|font|center|iframe|img|video|audio|embed|object|"
    "script|style|table|tr|td|th|ul|ol|li|h[1-6]|sup|sub|small|big|hr|blockquote|pre|code|"
    "mark|del|ins|strike|form|input|button|details|summary"
)
#: A tag is followed by a space, ">" or "/>": "<img/kaart.png>" is an address, not a tag.
_HTML = re.compile(rf"<!--|</?(?:{_HTML_TAGS})(?=\s|/?>)", re.IGNORECASE)
#: Inline code: a run of backticks, anything, and a run of the same length.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")
#: "](" then an address, spaces, and then neither a title (in quotes or brackets) nor
#: the closing bracket: "img/kaart emmaus.png" is no address
_SPACED = re.compile(r"(!?)\[[^\]\n]*\]\(\s*([^\s()<>\"']+)[ \t]+(?![ \t\"'()])[^)\n]*\)")
_INDENTED = re.compile(r"(?:\t| {4})[ \t]*\S")
#: What an indented line may continue: a list item, a footnote, a definition.
_CONTINUED = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,9}[.)]|:)[ \t]|[ \t]{0,3}\[\^[^\]]+\]:")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
#: A book, a chapter, a semicolon and a verse or range: "Marcus 10;13-16". Looked for
#: only in a line with a digit, a semicolon and a digit (`_digit_semicolon`, a fast scan):
#: over a whole body the book's letters are tried at every position, 25 times slower.
_SEMICOLON_DIGIT = re.compile(r";\d")  # starts with a character: re scans for it fast


def _digit_semicolon(text: str) -> bool:
    """Whether the text has a digit, a semicolon and a digit ("10;13")."""
    return any(m.start() and text[m.start() - 1].isdigit() for m in _SEMICOLON_DIGIT.finditer(text))


_SEMICOLON = re.compile(r"((?:[1-3] ?)?[A-ZÀ-Þ][a-zß-ÿ]*\.?) (\d{1,3});(\d{1,3}(?:[-–]\d{1,3})?)\b")


@dataclass(frozen=True)
class Surprise:
    line: int  # 0-based in the body
    column: int  # 1-based
    message: str
    error: bool = False  # text meant hidden would be published: stop the build


def _outside_code(lines: list[str]) -> Iterator[tuple[int, str]]:
    fence: str | None = None
    for number, text in enumerate(lines):
        marker = _FENCE.match(text)
        if marker is not None and (fence is None or marker.group(1)[0] == fence[0]):
            fence = None if fence is not None else marker.group(1)
            continue
        if fence is None:
            yield number, text


def _depth(text: str) -> int:
    depth, at = 0, 0
    while (m := _LEVEL.match(text, at)) is not None:
        depth, at = depth + 1, m.end()
    return depth


#: A footnote's mark in the text, and its text ("[^1]: …" at a line's start).
_FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_TEXT = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)


def _footnotes(outside: list[tuple[int, str]], body: str) -> list[Surprise]:
    """A footnote mark without a footnote text is printed as it is typed: "[^2]"."""
    defined = {label.casefold() for label in _FOOTNOTE_TEXT.findall(body)}
    found = []
    for number, line in outside:
        text = _CODE_SPAN.sub(lambda c: " " * len(c.group()), line) if "`" in line else line
        for m in _FOOTNOTE_MARK.finditer(text):
            if m.group(1).casefold() not in defined:
                found.append(
                    Surprise(
                        number,
                        m.start() + 1,
                        f"voetnoot '{m.group()}' heeft geen tekst: hij komt er letterlijk te "
                        f"staan; schrijf onderaan '{m.group()}: …' of haal hem weg",
                    )
                )
    return found


def surprises(body: str) -> list[Surprise]:
    linked = "](" in body
    refused = linked and _REFUSED.search(body) is not None
    deep = _DEEP_FIRST.match(body) is not None or _DEEP.search(body) is not None
    html = "<" in body and _HTML.search(body) is not None
    spaced = linked and _SPACED.search(body) is not None
    indented = "\n\t" in body or "\n    " in body or body.startswith(("\t", "    "))
    semicolon = _digit_semicolon(body)
    noted = "[^" in body
    if not (refused or deep or html or spaced or indented or semicolon or noted):
        return []  # nearly every body
    found: list[Surprise] = []
    lines = body.split("\n")
    outside = list(_outside_code(lines))
    code: set[int] = set()
    if indented:
        found += _code_by_indent(outside, code)
    if noted:
        found += _footnotes([(n, t) for n, t in outside if n not in code], body)
    for number, line in outside:
        if number in code:
            continue
        # what a code span holds is shown as it is typed, as it should be
        text = _CODE_SPAN.sub(lambda c: " " * len(c.group()), line) if "`" in line else line
        if html and (m := _HTML.search(text)):
            note = m.group() == "<!--"
            found.append(Surprise(number, m.start() + 1, _html_message(m.group()), note))
        if semicolon and _digit_semicolon(text):
            found += _semicolons(number, text)
        if spaced:
            found += _linked(
                number,
                text,
                _SPACED,
                lambda what, _: (
                    f"deze {what} wordt niet gemaakt: het adres heeft een spatie, "
                    "dus de tekst komt er letterlijk te staan; geef het bestand een naam zonder "
                    "spaties (kaart-emmaus.png) of zet het adres tussen < en >"
                ),
            )
        if refused:
            found += _linked(
                number,
                text,
                _REFUSED,
                lambda what, m: (
                    f"{what} met een '{m.group(2).lower()}'-adres wordt niet gemaakt: de tekst "
                    "komt er letterlijk te staan; zet het bestand in content/ en verwijs ernaar"
                ),
            )
        if _depth(text) >= MAX_LEVELS:
            found.append(
                Surprise(
                    number,
                    1,
                    f"citaten en lijsten zijn hier {MAX_LEVELS} of meer lagen diep: de tekst "
                    "vanaf deze diepte komt niet op de pagina",
                )
            )
            break  # one warning per body is enough
    return sorted(found, key=lambda s: (s.line, s.column))


def _semicolons(number: int, text: str) -> list[Surprise]:
    """A passage with a semicolon where the colon goes, when the word before is a book."""
    from focusbuild.bible import find_book

    found = []
    for m in _SEMICOLON.finditer(text):
        book, chapter, verses = m.groups()
        if find_book(book) is None:
            continue
        found.append(
            Surprise(
                number,
                m.start() + 1,
                f"'{m.group()}': bedoel je '{book} {chapter}:{verses}'? Met een ; wordt alleen "
                f"'{book} {chapter}' een bijbeltekst; verzen staan na een dubbele punt",
            )
        )
    return found


def _html_message(tag: str) -> str:
    if tag == "<!--":
        return (
            "een notitie <!-- … --> wordt niet verborgen maar komt er letterlijk te staan, voor "
            "wie deze tekst leest; haal hem weg (een notitie voor de leiding hoort in "
            "'::: handleiding')"
        )
    return (
        f"HTML ({tag}>) wordt niet uitgevoerd maar komt er letterlijk te staan; opmaak gaat "
        "met Markdown (**vet**, *schuin*, ### kopje), een afbeelding met ![…](…), een film "
        "met 'video:' bovenin"
    )


def _linked(
    number: int,
    text: str,
    pattern: re.Pattern[str],
    explain: Callable[[str, re.Match[str]], str],
) -> list[Surprise]:
    """A surprise for each picture or link `pattern` finds in a line (its group 1 is the
    picture's "!")."""
    return [
        Surprise(number, m.start() + 1, explain("afbeelding" if m.group(1) else "link", m))
        for m in pattern.finditer(text)
    ]


def _code_by_indent(outside: list[tuple[int, str]], code: set[int]) -> list[Surprise]:
    """The first line of each paragraph that an indent makes a block of code: indented
    after a blank line or a heading, and not continuing a list item, a footnote or a
    definition. The block's lines go into `code`."""
    found: list[Surprise] = []
    continued = False  # in a list item, footnote or definition: an indent is fine
    in_code = False
    previous = ""
    last = -2
    for number, text in outside:
        if number != last + 1:
            previous, continued, in_code = "", False, False  # after a fenced block
        last = number
        if not text.strip():
            previous = ""
            continue
        if in_code and _INDENTED.match(text):
            code.add(number)
            previous = text
            continue
        in_code = False
        opens = not previous.strip() or _HEADING.match(previous) is not None
        if _INDENTED.match(text) and opens and not continued:
            found.append(
                Surprise(
                    number,
                    1,
                    "deze alinea begint met een tab of vier spaties en wordt daardoor een "
                    "blok code (in een typemachineletter, breder dan een telefoon); haal het "
                    "inspringen weg",
                )
            )
            code.add(number)
            in_code = True
        elif _CONTINUED.match(text):
            continued = True
        elif text[:1] not in " \t" and not previous.strip():
            continued = False  # a new paragraph at the margin ends a list
        previous = text
    return found
