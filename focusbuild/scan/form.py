"""What a submitted scan form says, checked on the server before anything is stored.

A form's fields are the question ids of the scan, plus its nonce. Anything
else is refused: an unknown question, a value off the scale or outside a
question's options, an open answer that is too long, the same question twice.
Every problem is said in Dutch, so the form can be shown again with them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from focusbuild.invisible import without_invisible
from focusbuild.scan.questions import Questionnaire
from focusbuild.scan.store import Answer

#: The longest open answer, in characters.
MAX_TEXT = 2000


@dataclass(frozen=True)
class Problem:
    field: str | None  # the question it is about, if one
    message: str


@dataclass(frozen=True)
class Submission:
    nonce: str  # what is stored to take the form once (see nonce.py)
    answers: dict[str, Answer]


def read_form(
    questions: Questionnaire,
    fields: list[tuple[str, str]],
    nonce_of: Callable[[str], str | None],
) -> Submission | list[Problem]:
    """The submission in a form's fields, or every problem with it. `nonce_of` gives what
    is stored of the form's nonce, or None when the server did not hand it out."""
    statements = {s.id: s for s in questions.statements}
    choices = {c.id: c for c in questions.keuzes}
    opens = {o.id: o for o in questions.open}
    answers: dict[str, Answer] = {}
    problems: list[Problem] = []
    nonce = ""
    for key, raw in fields:
        value = raw.strip()
        if key == "nonce":
            nonce = value
        elif key in answers:
            problems.append(Problem(key, f"de vraag '{key}' staat twee keer in het formulier"))
        elif not value and (key in statements or key in choices):
            continue  # left open: no answer
        elif key in statements:
            number = _number(value, 5)
            if number is None:
                problems.append(
                    Problem(
                        key, f"bij '{statements[key].tekst}': kies een antwoord van 1 tot en met 5"
                    )
                )
            else:
                answers[key] = number
        elif key in choices:
            options = choices[key].opties
            number = _number(value, len(options))
            if number is None:
                problems.append(
                    Problem(
                        key,
                        f"bij '{choices[key].vraag}': kies een van de {len(options)} antwoorden",
                    )
                )
            else:
                answers[key] = number
        elif key in opens:
            # A browser sends a line break in a text box as CR LF but counts it as one
            # character for `maxlength`: counted the same way, what fits there fits here.
            # what the YAML of content refuses, an answer loses (invisible.py)
            value = without_invisible(value.replace("\r\n", "\n").replace("\r", "\n"))
            if len(value) > MAX_TEXT:
                problems.append(
                    Problem(
                        key,
                        f"uw antwoord op '{opens[key].vraag}' is te lang: hoogstens {MAX_TEXT} "
                        f"tekens, dit zijn er {len(value)}",
                    )
                )
            elif value:
                answers[key] = value
        else:
            problems.append(Problem(None, f"onbekende vraag '{key[:40]}' in het formulier"))
    stored = nonce_of(nonce)
    if stored is None:
        problems.append(
            Problem(
                None,
                "dit formulier komt niet van deze scan, of is te lang geleden geopend; "
                "verstuur het opnieuw",
            )
        )
    if not answers and not problems:
        # also when every statement says "Weet ik niet": that is no answer either
        problems.append(
            Problem(
                None,
                "u hebt nog geen enkele vraag beantwoord (‘Weet ik niet’ telt niet als antwoord)",
            )
        )
    return problems or Submission(stored or "", answers)


def _number(value: str, highest: int) -> int | None:
    """An answer from 1 to `highest`; an empty value means no answer (None too)."""
    if not (value.isascii() and value.isdigit()) or len(value) > 2:  # not "²" or "３"
        return None
    number = int(value)
    return number if 1 <= number <= highest else None
