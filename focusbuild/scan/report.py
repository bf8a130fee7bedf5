"""The FocusScan report, for the gemeenteavond and the kerkenraad: HTML and PDF.

What it shows, from the answers of one scan:
- how many people answered;
- per theme and per statement: how the answers fall on the scale (an SVG bar,
  drawn here, no browser needed) and the average (1 = helemaal oneens, 5 =
  helemaal eens);
- the themes per group of the compared question (the age group), for groups
  of at least `MIN_GROUP` people: a smaller group could be recognised. When
  the groups left out (with those who did not answer the question) number 1
  to 4 people together, the smallest groups shown are left out as well: their
  figures, taken from the totals, would give away those few people's answers.
  A group without figures gets no size either; the report says only how many
  people are in no group with figures (at least `MIN_GROUP`, or none). The same
  holds per theme, counting the people who answered that theme;
- the open answers (with a letter or a digit) of a question that at least
  `MIN_OPEN` people answered,
  sorted alphabetically, each question on its own: never next to the same
  person's other answers;
- the guide "hoe bespreekt u dit" from content/focusscan.yaml.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from pathlib import Path

from markupsafe import Markup

from focusbuild.config import Config
from focusbuild.markdown import Markdown
from focusbuild.render.publications import css_string
from focusbuild.render.templates import dutch_date, environment
from focusbuild.scan.questions import Choice, Open, Questionnaire, Statement, Theme
from focusbuild.scan.store import Answer, Scan
from focusbuild.today import today_nl

MIN_OPEN = 5
_SANS = "&quot;Source Sans 3&quot;, sans-serif"  # the charts' labels: the house font in the PDF
MIN_GROUP = 5
#: The scale's colours, from helemaal oneens to helemaal eens (ColorBrewer RdBu: readable
#: for the colour-blind, and in grey print the order stays clear).
COLOURS = ("#b2182b", "#ef8a62", "#cccccc", "#67a9cf", "#2166ac")


@dataclass(frozen=True)
class StatementResult:
    statement: Statement
    counts: tuple[int, ...]  # per step of the scale, 1 … 5
    mean: float | None

    @property
    def n(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ThemeResult:
    theme: Theme
    statements: tuple[StatementResult, ...]
    mean: float | None  # over every answer to its statements


@dataclass(frozen=True)
class GroupRow:
    label: str
    n: int
    means: tuple[float | None, ...] | None  # per theme; None when the group is left out
    #: per theme, how many of the group answered it (a theme's figure needs `MIN_GROUP`)
    answered: tuple[int, ...] = ()

    @property
    def size(self) -> str:
        """How many people, as the report prints it: not for a group without figures, whose
        size the total minus the others would otherwise tell (see `Results.unshown`)."""
        return str(self.n) if self.n == 0 or self.means is not None else "–"


@dataclass(frozen=True)
class ChoiceResult:
    choice: Choice
    counts: tuple[int, ...]  # per option


@dataclass(frozen=True)
class OpenResult:
    question: Open
    answers: tuple[str, ...] | None  # sorted; None when fewer than MIN_OPEN answered
    n: int


@dataclass(frozen=True)
class Results:
    scan: Scan
    questions: Questionnaire
    responses: int
    themes: tuple[ThemeResult, ...]
    choices: tuple[ChoiceResult, ...]
    compared: Choice | None
    groups: tuple[GroupRow, ...]
    opens: tuple[OpenResult, ...]
    partial: int = 0  # submissions that answered fewer than half of the statements
    ungrouped: int = 0  # submissions that did not answer the compared question

    @property
    def unshown(self) -> int:
        """The people in no group with figures: in a group without them, or in none. The
        report gives this one number, never the size of a small group."""
        return _outside(self.groups, self.ungrouped)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def results(scan: Scan, questions: Questionnaire, answers: list[dict[str, Answer]]) -> Results:
    themes = tuple(_theme(theme, answers) for theme in questions.themas)
    choices = tuple(
        ChoiceResult(
            c,
            tuple(sum(1 for a in answers if a.get(c.id) == i) for i in range(1, len(c.opties) + 1)),
        )
        for c in questions.keuzes
    )
    compared = questions.compared
    groups: tuple[GroupRow, ...] = ()
    ungrouped = 0
    if compared is not None:
        groups = tuple(
            _group(label, [a for a in answers if a.get(compared.id) == i], questions.themas)
            for i, label in enumerate(compared.opties, start=1)
        )
        ungrouped = len(answers) - sum(g.n for g in groups)
        groups = _without_leaks(groups, ungrouped)
        groups = _without_theme_leaks(groups, questions.themas, answers)
    opens = tuple(_open(o, answers) for o in questions.open)
    statements = [s.id for s in questions.statements]
    partial = sum(
        1 for a in answers if 2 * sum(1 for key in statements if key in a) < len(statements)
    )
    return Results(
        scan, questions, len(answers), themes, choices, compared, groups, opens, partial, ungrouped
    )


def _outside(groups: Sequence[GroupRow], ungrouped: int) -> int:
    """How many people are in no group with figures."""
    return ungrouped + sum(g.n for g in groups if g.means is None)


def _still_shown(sizes: Sequence[int], shown: Sequence[bool], total: int) -> list[bool]:
    """Which figures may stay shown so that no one outside them can be worked out: the
    total minus the figures shown gives the answers of everyone else (`total` people in
    all; `sizes`, how many people each figure holds), so those others must be none, or
    at least `MIN_GROUP`. The smallest figures shown are left out until they are."""
    keep = list(shown)
    while True:
        kept = [i for i, k in enumerate(keep) if k]
        hidden = total - sum(sizes[i] for i in kept)
        if not kept or not 0 < hidden < MIN_GROUP:
            return keep
        keep[min(kept, key=lambda i: sizes[i])] = False


def _without_leaks(groups: tuple[GroupRow, ...], ungrouped: int) -> tuple[GroupRow, ...]:
    """The groups with figures such that no one outside them (the groups left out and who
    did not answer the question) can be worked out (`_still_shown`)."""
    total = ungrouped + sum(g.n for g in groups)
    keep = _still_shown([g.n for g in groups], [g.means is not None for g in groups], total)
    return tuple(
        g if k else GroupRow(g.label, g.n, None, g.answered)
        for g, k in zip(groups, keep, strict=True)
    )


def _answered_theme(answer: dict[str, Answer], theme: Theme) -> bool:
    return any(isinstance(answer.get(s.id), int) for s in theme.stellingen)


def _without_theme_leaks(
    groups: tuple[GroupRow, ...], themes: tuple[Theme, ...], answers: list[dict[str, Answer]]
) -> tuple[GroupRow, ...]:
    """The same rule per theme, over the people who answered it: a group's figure for a
    theme that fewer than `MIN_GROUP` of its people answered is left out (four forms that
    answer only the age question made a group of five around one young person's answers),
    and so is the smallest figure shown for a theme while the other people who answered
    it, taken from the theme's total, number 1 to 4."""
    rows = [list(g.means) if g.means is not None else None for g in groups]
    for t, theme in enumerate(themes):
        total = sum(1 for a in answers if _answered_theme(a, theme))
        sizes = [g.answered[t] for g in groups]
        shown = [
            m is not None and m[t] is not None and sizes[i] >= MIN_GROUP for i, m in enumerate(rows)
        ]
        for means, keep in zip(rows, _still_shown(sizes, shown, total), strict=True):
            if means is not None and not keep:
                means[t] = None
    return tuple(
        GroupRow(g.label, g.n, tuple(m) if m is not None else None, g.answered)
        for g, m in zip(groups, rows, strict=True)
    )


def _values(answers: list[dict[str, Answer]], key: str) -> list[int]:
    return [v for a in answers if isinstance(v := a.get(key), int)]


def _theme(theme: Theme, answers: list[dict[str, Answer]]) -> ThemeResult:
    found = []
    every: list[int] = []
    for s in theme.stellingen:
        values = _values(answers, s.id)
        every += values
        counts = tuple(values.count(step) for step in range(1, 6))
        found.append(StatementResult(s, counts, _mean(values)))
    return ThemeResult(theme, tuple(found), _mean(every))


def _group(label: str, members: list[dict[str, Answer]], themes: tuple[Theme, ...]) -> GroupRow:
    answered = tuple(sum(1 for m in members if _answered_theme(m, t)) for t in themes)
    if len(members) < MIN_GROUP:
        return GroupRow(label, len(members), None, answered)
    means = tuple(
        _mean([v for s in theme.stellingen for v in _values(members, s.id)]) for theme in themes
    )
    return GroupRow(label, len(members), means, answered)


def _open(question: Open, answers: list[dict[str, Answer]]) -> OpenResult:
    # an answer has a letter or a digit: four answers "-" made one real answer readable
    texts = [
        v
        for a in answers
        if isinstance(v := a.get(question.id), str) and any(c.isalnum() for c in v)
    ]
    shown = tuple(sorted(texts, key=_alphabetical)) if len(texts) >= MIN_OPEN else None
    return OpenResult(question, shown, len(texts))


def _alphabetical(text: str) -> tuple[str, str]:
    """As a Dutch reader looks a text up: accents and capitals aside ("ämbt" before
    "Bijbelkring"), then as written, so the order is the same every time."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return bare.casefold(), text


# ---- drawing ------------------------------------------------------------------------


def number(value: float | None) -> str:
    """A mean as Dutch readers write it: "3,8"; "–" when there is none. Rounded half up,
    as a calculator and Excel do (13/4 is 3,3, not 3,2), from the shortest decimal that
    is the float (43/20 is 2,15 there, where its binary value lies just below)."""
    if value is None:
        return "–"
    rounded = Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return str(rounded).replace(".", ",")


def distribution_svg(counts: tuple[int, ...], scale: tuple[str, ...]) -> Markup:
    """One stacked bar: the share of each step of the scale, labelled with its count."""
    total = sum(counts)
    width, height = 480, 26
    described = ", ".join(f"{label}: {n}" for label, n in zip(scale, counts, strict=True))
    parts = [
        f'<svg class="verdeling" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" xmlns="http://www.w3.org/2000/svg"><title>{escape(described)}</title>'
    ]
    if total == 0:
        parts.append(f'<rect width="{width}" height="{height}" fill="#f2f2f2"/>')
    x = 0.0
    for n, colour in zip(counts, COLOURS, strict=True):
        if n == 0:
            continue
        w = width * n / total
        parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{colour}"/>')
        if w >= 18:
            ink = "#ffffff" if colour in (COLOURS[0], COLOURS[4]) else "#1d1d22"
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="17" text-anchor="middle" font-size="12" '
                f'font-family="{_SANS}" fill="{ink}">{n}</text>'
            )
        x += w
    parts.append("</svg>")
    return Markup("".join(parts))


def counts_line(counts: tuple[int, ...], scale: tuple[str, ...]) -> str:
    """The bar's counts in words, for print in black and white, where the colours of
    "oneens" and "eens" look alike: "Helemaal oneens 1 · Oneens 3 · Eens 3"."""
    return " · ".join(f"{label} {n}" for label, n in zip(scale, counts, strict=True) if n)


def means_svg(rows: list[tuple[str, float | None]]) -> Markup:
    """The themes' averages as bars on the scale from 1 to 5."""
    left, width, row = 300, 220, 30
    height = row * len(rows) + 24
    parts = [
        f'<svg class="gemiddelden" viewBox="0 0 {left + width + 40} {height}" '
        f'width="{left + width + 40}" height="{height}" role="img" '
        'xmlns="http://www.w3.org/2000/svg"><title>Het gemiddelde per thema, van 1 (helemaal '
        "oneens) tot 5 (helemaal eens)</title>"
    ]
    for step in range(1, 6):
        x = left + width * (step - 1) / 4
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 18}" stroke="#d9d3c7"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle" font-size="11" '
            f'font-family="{_SANS}" fill="#4a4a55">{step}</text>'
        )
    for i, (label, value) in enumerate(rows):
        y = i * row + 4
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'font-family="{_SANS}" fill="#1d1d22">{escape(label)}</text>'
        )
        if value is not None:
            w = width * (value - 1) / 4
            parts.append(
                f'<rect x="{left}" y="{y + 3}" width="{max(w, 2):.1f}" height="16" fill="#2b2d42"/>'
            )
            parts.append(
                f'<text x="{left + max(w, 2) + 6:.1f}" y="{y + 15}" font-size="12" '
                f'font-family="{_SANS}" fill="#1d1d22">{number(value)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def report_html(
    found: Results,
    config: Config,
    layouts: Path,
    *,
    for_pdf: bool = False,
    made: datetime.date | None = None,
) -> str:
    """The report as one HTML document (its CSS inside; the PDF also gets the fonts).
    `made`: the day it is made (default: today), which says whether answers can
    still come in."""
    env = environment([layouts / "scan"])
    guide = Markup(
        Markdown(config.bijbellink, breaks=False)
        .render(found.questions.bespreken, leader=False)
        .html
    )
    fonts = (layouts / "print" / "fonts.css").resolve().as_uri() if for_pdf else None
    day = made or today_nl()
    return env.get_template("rapport.html").render(
        r=found,
        config=config,
        guide=guide,
        fonts=fonts,
        colours=COLOURS,
        number=number,
        distribution=distribution_svg,
        counts_line=counts_line,
        means=means_svg,
        tot=dutch_date(found.scan.tot),
        made=dutch_date(day),
        still_open=found.scan.open_on(day),
        overview=[(t.theme.naam, t.mean) for t in found.themes],
        min_group=MIN_GROUP,
        min_open=MIN_OPEN,
        css_string=css_string,
    )
