"""YAML parsed into values that remember where they stood in the file.

PyYAML's composer gives every node a start mark; we keep those marks so that
each diagnostic can name the exact line and column of a key or value.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from focusbuild.diagnostics import Collector, position
from focusbuild.invisible import first_invisible, without_invisible


@dataclass(frozen=True)
class Node:
    """A YAML value with its 1-based position in the file.

    `value` is a plain scalar (str, int, float, bool, None, date), a list of
    Node, or a dict of str to Node. For a mapping, `keys` holds where each key
    stands, so an unknown key can be pointed at.
    """

    value: Any
    line: int
    column: int
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: for an empty value, the comment YAML read where the value was ("titel: # 1 Jezus"):
    #: `Fields.text` warns about it, where a text is expected
    comment: str = ""

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    def plain(self) -> Any:
        """The value without positions (lists and dicts unwrapped)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


_DOCUMENT = (
    "een regel die met '%', '---' of '...' begint hoort niet in het kopje; zet zulke tekst "
    "tussen aanhalingstekens"
)
_PROBLEMS = {
    "mapping values are not allowed here": (
        "hier mag geen ':' staan; zet tekst met een dubbele punt tussen aanhalingstekens"
    ),
    "could not find expected ':'": "':' verwacht na de sleutel",
    "did not find expected key": "sleutel verwacht; klopt de inspringing?",
    "did not find expected '-' indicator": "lijstregel met '-' verwacht; klopt de inspringing?",
    "found unexpected end of stream": "aanhalingsteken of haakje niet afgesloten",
    "found character '\\t' that cannot start any token": ("tab gevonden; spring in met spaties"),
    "found undefined alias": "onbekende verwijzing (*)",
    "did not find expected node content": "waarde verwacht",
    "found unexpected ':'": "onverwachte ':'",
    "did not find expected ',' or ']'": "',' of ']' verwacht",
    "did not find expected ',' or '}'": "',' of '}' verwacht",
    "found duplicate anchor": "dubbel anker (&)",
    "could not determine a constructor for the tag": (
        "onbekend YAML-label (een '!' voor de waarde); zet tekst die met '!' begint tussen "
        "aanhalingstekens"
    ),
    "expected alphabetic or numeric character": (
        "na '&' of '*' hoort een naam; zet tekst met '&' of '*' vooraan tussen aanhalingstekens"
    ),
    "expected chomping or indentation indicators": (
        "na '|' of '>' staat op deze regel niets; zet de tekst op de regels eronder, ingesprongen"
    ),
    "expected escape sequence of": "onbekende \\-code in tekst tussen dubbele aanhalingstekens",
    "expected '<document start>'": _DOCUMENT,
    "found incompatible YAML document": _DOCUMENT,
    "expected a single document": _DOCUMENT,
    "but found another document": _DOCUMENT,
}


def _dutch_problem(problem: str | None) -> str:
    if not problem:
        return "ongeldige YAML"
    for english, dutch in _PROBLEMS.items():
        if problem.startswith(english):
            return dutch
    if problem.startswith("expected ',' or ']'"):
        return "',' of ']' verwacht"
    if problem.startswith("expected ',' or '}'"):
        return "',' of '}' verwacht"
    if problem.startswith("expected <block end>"):
        return "inspringing klopt niet"
    if problem.startswith("found unknown escape character"):
        return "onbekende \\-code in tekst tussen dubbele aanhalingstekens"
    if problem.startswith("found character") and problem.endswith("cannot start any token"):
        return "met dit teken kan geen waarde beginnen; zet de tekst tussen aanhalingstekens"
    # PyYAML's own words are English: a writer gets where, and what usually helps
    return "deze YAML is niet te lezen; zet tekst met bijzondere tekens tussen aanhalingstekens"


def _flow_problem(
    exc: yaml.MarkedYAMLError, mark: yaml.Mark | None, lines: list[str]
) -> tuple[int, int, str] | None:
    """Where a list in [ ] or a mapping in { } went wrong, and why, in a writer's words:
    a [ not closed on its line was reported on the next key's line ("',' of ']'
    verwacht" at 'liederen:'); a colon inside { } ("titel: Jezus: mijn Herder") got no
    hint about quotes."""
    context = exc.context or ""
    start = exc.context_mark
    if start is None or mark is None or not context.startswith("while parsing a flow"):
        return None
    closing = "]" if "sequence" in context else "}"
    spanned = "\n".join(lines[start.line : mark.line + 1])[start.column :]
    if mark.line > start.line and closing not in spanned:
        return (
            start.line,
            start.column + 1,
            f"deze {'lijst' if closing == ']' else 'opsomming'} begint met "
            f"'{'[' if closing == ']' else '{'}' maar wordt niet gesloten met '{closing}' "
            "(mist er een aan het eind van de regel?)",
        )
    if (exc.problem or "").endswith("but got ':'"):
        return (
            mark.line,
            mark.column + 1,
            f"een dubbele punt binnen {'[ ]' if closing == ']' else '{ }'} scheidt een sleutel "
            "van zijn waarde; staat hij in een tekst, zet die tekst dan tussen "
            'aanhalingstekens ("…")',
        )
    return None


#: A key and a value that opens with a quote: "titel: 'Zo'n speurtocht'".
_QUOTED_VALUE = re.compile(r"\s*(?:-\s+)?[\w-]+:\s+(\S)")


def _quote_problem(line: str) -> str | None:
    """What went wrong with the quotes on the line of a YAML error, in the words a writer
    knows: an apostrophe inside '…' ("zo'n", "Jezus'"), a quote inside "…", or quotes
    from a word processor. Only for a value that is one quoted text from end to end:
    otherwise the error is another one."""
    opened = _QUOTED_VALUE.match(line)
    if opened is None:
        return None
    value = line[opened.start(1) :].strip()
    if len(value) < 2:
        return None
    first, last, inner = value[0], value[-1], value[1:-1]
    if first in "“„‘‚" and last in "”“’":
        return (
            'gebruik rechte aanhalingstekens om de tekst ("…"), geen “…” of ‘…’ uit een '
            "tekstverwerker"
        )
    if first == last == "'" and "'" in inner.replace("''", ""):
        return (
            "de tekst tussen '…' bevat zelf een apostrof (zo'n, Jezus'): zet hem tussen "
            'dubbele aanhalingstekens ("Zo\'n speurtocht")'
        )
    if first == last == '"' and '"' in inner.replace('\\"', ""):
        return (
            'de tekst tussen "…" bevat zelf een ": gebruik binnen de tekst ‘…’, of zet '
            "de tekst tussen enkele aanhalingstekens ('De \"Emmaüs\"-tocht')"
        )
    return None


#: A key whose value is a block of text below it: "voorwoord: |", "tekst: >-".
_BLOCK = re.compile(r"^(\s*)(?:-\s+)?[\w-]+:\s*[|>][-+0-9]*\s*$")


def _closes(quote: str, text: str) -> bool:
    """Whether `text` (what follows an opening quote) holds its closing quote: in "…" a
    backslash escapes the next character, in '…' a doubled quote is one quote."""
    i = 0
    while i < len(text):
        char = text[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return True
        i += 1
    return False


def _unclosed_quote(lines: list[str]) -> tuple[int, int] | None:
    """The line (0-based) and column (1-based) of a value that opens a quote which runs on,
    unclosed, to the line of the error (`lines` are those above it): a forgotten quote.
    A quoted text closed on a later line is valid YAML, and so is a text in a block
    ("voorwoord: |"), whatever quotes it holds: neither is blamed."""
    block: int | None = None  # the indent of the key whose block we are in
    for number, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None:
            if not line.strip() or indent > block:
                continue
            block = None
        opened_block = _BLOCK.match(line)
        if opened_block is not None:
            block = len(opened_block.group(1))
            continue
        opened = _QUOTED_VALUE.match(line)
        if opened is None or opened.group(1) not in "\"'":
            continue
        quote = opened.group(1)
        if _closes(quote, line[opened.start(1) + 1 :]):
            continue
        if any(quote in later for later in lines[number + 1 :]):
            return None  # closed further on (or another quote): not this one
        return number, opened.start(1) + 1
    return None


_FAST: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)
_STR = "tag:yaml.org,2002:str"


def parse_yaml(text: str, path: str, collector: Collector, *, first_line: int = 1) -> Node | None:
    """Parse one YAML document. `first_line` is the file line of the text's first line.

    Returns None (after reporting) on a syntax error; an empty document is a Node
    with value None.
    """
    breaks = _OTHER_BREAK.search(text)
    if breaks is not None:
        # YAML ends a line at these too, so every line after one was told one too low
        collector.error(
            path,
            *position(text, breaks.start(), first_line),
            f"YAML-fout: een onzichtbaar regeleinde (U+{ord(breaks.group()):04X}); typ de "
            "tekst opnieuw zonder te plakken",
        )
        return None
    # libyaml (when PyYAML has it) is several times faster; on any problem we parse
    # again with the pure-Python loader, whose messages we know how to translate.
    if _FAST is not None:
        fast = _FAST(text)
        found = Collector()
        try:
            root = fast.get_single_node()
            node = (
                Node(None, first_line, 1)
                if root is None
                else _Converter(fast, path, found, first_line, text).convert(root)
            )
        except (yaml.YAMLError, ValueError, RecursionError):
            pass  # told below, by the loader whose messages we know
        else:
            collector.extend(found.items)
            return node
        finally:
            fast.dispose()
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:  # the reader refuses control characters up front
        collector.error(
            path,
            *position(text, exc.position, first_line),
            f"YAML-fout: een onzichtbaar stuurteken (U+{exc.character:04X}); typ de tekst "
            "opnieuw zonder te plakken",
        )
        return None
    except yaml.YAMLError as exc:
        collector.error(path, first_line, 1, f"YAML-fout: {_dutch_problem(str(exc))}")
        return None
    try:
        root = loader.get_single_node()
        if root is None:
            return Node(None, first_line, 1)
        return _Converter(loader, path, collector, first_line, text).convert(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        lines = text.split("\n")
        typed = lines[mark.line] if mark and mark.line < len(lines) else ""
        quotes = _quote_problem(typed)
        problem = quotes or _dutch_problem(exc.problem)
        unclosed = _unclosed_quote(lines[: mark.line] if mark else []) if not quotes else None
        flow = _flow_problem(exc, mark, lines)
        if unclosed is not None:
            # a quote left open ran on over the next lines, and the error came far below
            line, column = first_line + unclosed[0], unclosed[1]
            problem = "dit aanhalingsteken wordt op deze regel niet gesloten"
        elif flow is not None:
            line, column, problem = first_line + flow[0], flow[1], flow[2]
        collector.error(path, line, column, f"YAML-fout: {problem}")
        return None
    except yaml.YAMLError as exc:  # e.g. a ReaderError on control characters
        collector.error(path, first_line, 1, f"YAML-fout: {_dutch_problem(str(exc))}")
        return None
    except RecursionError:  # [[[[… a few hundred deep: the scanner recurses
        collector.error(path, first_line, 1, _TOO_DEEP)
        return None
    except ValueError:  # an escape beyond Unicode: "\U00110000"
        collector.error(
            path, first_line, 1, "YAML-fout: een teken met \\U of \\x bestaat niet in Unicode"
        )
        return None
    finally:
        loader.dispose()


_TOO_DEEP = "YAML-fout: lijsten of sleutels zijn te diep in elkaar genest"
#: Line ends other than "\n" that YAML counts (a pasted NEL or line separator).
_OTHER_BREAK = re.compile("[\x85\u2028\u2029]")


class _TooLarge(Exception):
    pass


class _Converter:
    """Nodes to positioned values; refuses alias cycles and alias bombs."""

    LIMIT = 20_000

    def __init__(
        self,
        loader: yaml.SafeLoader | yaml.CSafeLoader,
        path: str,
        collector: Collector,
        first_line: int,
        text: str = "",
    ) -> None:
        self.loader = loader
        self.path = path
        self.collector = collector
        self.first_line = first_line
        self.text = text  # to see what a comment took where a value was
        self.active: set[int] = set()
        self.count = 0

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines, split only for an empty value (most documents have none)."""
        return self.text.split("\n")

    def convert(self, root: yaml.Node) -> Node | None:
        try:
            return self._convert(root)
        except RecursionError:
            self.collector.error(self.path, self.first_line, 1, _TOO_DEEP)
            return None
        except _TooLarge:
            self.collector.error(
                self.path,
                self.first_line,
                1,
                "YAML-fout: te veel waarden (herhaalde verwijzingen met * en &?)",
            )
            return None

    def _convert(self, node: yaml.Node) -> Node:
        self.count += 1
        if self.count > self.LIMIT:
            raise _TooLarge
        line = self.first_line + node.start_mark.line
        column = node.start_mark.column + 1
        if id(node) in self.active:
            self.collector.error(self.path, line, column, "YAML-fout: verwijzing naar zichzelf")
            return Node(None, line, column)
        self.active.add(id(node))
        try:
            return self._convert_inner(node, line, column)
        finally:
            self.active.discard(id(node))

    def _comment_for_value(
        self, key_node: yaml.Node, value: yaml.Node
    ) -> tuple[int, int, str] | None:
        """For `titel: # 1 Jezus`, where YAML reads a '#' after a space as a comment and the
        key as empty: the comment's line, column and text."""
        empty = isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style
        at = key_node.end_mark
        if not empty or at.line >= len(self.lines):
            return None
        rest = re.match(r"\s*:\s+(#.*?)\s*$", self.lines[at.line][at.column :])
        if rest is None:
            return None
        return self.first_line + at.line, at.column + 1 + rest.start(1), rest.group(1)

    def _convert_inner(self, node: yaml.Node, line: int, column: int) -> Node:
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            values: dict[str, Node] = {}
            keys: dict[str, tuple[int, int]] = {}
            for key_node, value_node in node.value:
                key_pos = (
                    self.first_line + key_node.start_mark.line,
                    key_node.start_mark.column + 1,
                )
                if not isinstance(key_node, yaml.ScalarNode):
                    self.collector.error(self.path, *key_pos, "een sleutel moet gewone tekst zijn")
                    continue
                key = str(self.loader.construct_object(key_node, deep=True))
                if key in values:
                    self.collector.error(
                        self.path,
                        *key_pos,
                        f"'{key}' staat twee keer in dezelfde lijst van sleutels",
                    )
                values[key] = self._convert(value_node)
                keys[key] = key_pos
                comment = self._comment_for_value(key_node, value_node)
                if comment is not None:
                    at_line, at_column, text = comment
                    values[key] = Node(None, at_line, at_column, comment=text)
            return Node(values, line, column, keys)
        if isinstance(node, yaml.SequenceNode):
            return Node([self._convert(item) for item in node.value], line, column)
        try:
            # a text is its node's value, as the constructor would give it: most values are
            # texts, and the constructor's bookkeeping was a tenth of reading 2,000 files
            value = (
                node.value
                if node.tag == _STR and isinstance(node, yaml.ScalarNode)
                else self.loader.construct_object(node, deep=True)
            )
        except (ValueError, OverflowError):  # e.g. a date that does not exist: 2028-02-30
            return Node(str(node.value), line, column)
        except (KeyError, AttributeError, TypeError):  # a tag the value does not fit: !!bool x
            kind = str(node.tag).rsplit(":", 1)[-1]
            self.collector.error(
                self.path, line, column, f"YAML-fout: '{node.value}' past niet bij !!{kind}"
            )
            return Node(None, line, column)
        if isinstance(value, str) and (hidden := first_invisible(value)) is not None:
            # every text of every YAML file: a title, a list item, a name in a profile
            self.collector.error(
                self.path,
                line,
                column,
                f"deze tekst bevat een onzichtbaar teken (U+{ord(hidden):04X}) dat de tekst "
                "verandert of omdraait; typ hem opnieuw zonder te plakken",
            )
            value = without_invisible(value)
        return Node(value, line, column)


def suggest(word: str, candidates: list[str]) -> str:
    """' (bedoelde je 'x'?)' for the closest candidate, or ''."""
    lowered: dict[str, str] = {}
    for candidate in candidates:  # the first spelling wins: ids come before names
        lowered.setdefault(candidate.lower(), candidate)
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (bedoelde je '{lowered[match[0]]}'?)" if match else ""
