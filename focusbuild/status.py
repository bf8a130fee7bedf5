"""`focusbuild status`: how far the material is, per gesprek, for the redactie.

Per gesprek: whether the six onderdelen for the kring are there, which
doelgroepen have material, whether there is a background for the leiding;
the words; placeholder text still in it; and per doelgroep a readability
figure (Flesch-Douma, the Dutch Flesch reading ease: 206,84 − 0,93 × words
per sentence − 77 × syllables per word), marked when it falls outside the
band focus.yaml sets for that doelgroep (`leesbaarheid: [van, tot]`).

Syllables are counted as groups of vowels (with ij, ie, oe, eu, ui, … as one),
which is how the usual Dutch readability tools count them; a figure is an
indication for a writer, not a grade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from focusbuild.config import Config
from focusbuild.content.style import PLACEHOLDERS
from focusbuild.diagnostics import count
from focusbuild.model import Blok, Gesprek, Section, Site
from focusbuild.render.bodies import Renderer
from focusbuild.render.pagefind import plain
from focusbuild.render.templates import environment

_WORD = re.compile(r"[A-Za-zÀ-ÿ’'-]+")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n\s*\n")
_VOWELS = re.compile(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]+")
#: Words fewer than this in a file: too few for a readability figure.
MIN_WORDS = 40


def syllables(word: str) -> int:
    return max(1, len(_VOWELS.findall(word.lower())))


def flesch_douma(text: str) -> float | None:
    """The readability of `text` (higher is easier; 60–70 is plain Dutch prose)."""
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    per_sentence = len(words) / sentences
    per_word = sum(syllables(w) for w in words) / len(words)
    return 206.84 - 0.93 * per_sentence - 77.0 * per_word


@dataclass(frozen=True)
class FileStatus:
    rel: str
    doelgroep: str
    words: int
    leesbaarheid: float | None
    band: tuple[int, int] | None
    placeholders: int

    @property
    def outside(self) -> bool:
        """Whether its readability falls outside its doelgroep's band."""
        if self.leesbaarheid is None or self.band is None:
            return False
        low, high = self.band
        return not low <= self.leesbaarheid <= high


@dataclass(frozen=True)
class GesprekStatus:
    titel: str
    where: str  # "Blok 1, gesprek 2" or "Katern Gebed, gesprek 1"
    rel: str
    missing_onderdelen: tuple[str, ...]
    doelgroepen: tuple[str, ...]  # with material
    missing_doelgroepen: tuple[str, ...]
    achtergrond: bool
    files: tuple[FileStatus, ...] = field(default_factory=tuple)
    placeholders: int = 0  # in its `_gesprek.md` (the sections' are in `files`)

    @property
    def words(self) -> int:
        return sum(f.words for f in self.files)

    @property
    def unwritten(self) -> int:
        """Pieces of placeholder text left, in the gesprek's own file and its sections."""
        return self.placeholders + sum(f.placeholders for f in self.files)

    @property
    def complete(self) -> bool:
        """Every onderdeel, doelgroep and the background there, and no placeholder text
        left: a gesprek just made by `focusbuild new` is not done."""
        return (
            not self.missing_onderdelen
            and not self.missing_doelgroepen
            and self.achtergrond
            and not self.unwritten
        )


def status(site: Site, renderer: Renderer) -> list[GesprekStatus]:
    config = site.config
    found = []
    for owner in site.owners:
        in_blok = isinstance(owner, Blok)
        label = f"Blok {owner.number}" if isinstance(owner, Blok) else f"Katern {owner.titel}"
        for gesprek in owner.gesprekken:
            where = f"{label}, gesprek {gesprek.number}"
            found.append(_gesprek(config, renderer, gesprek, where, in_blok))
    return found


def _gesprek(
    config: Config, renderer: Renderer, gesprek: Gesprek, where: str, in_blok: bool
) -> GesprekStatus:
    terms = config.doelgroepen
    default = terms.default
    covered = {o for s in gesprek.sections_for(default) for o in s.onderdelen}
    missing = tuple(t.naam for t in config.onderdelen.terms if t.id not in covered)
    present = tuple(t.id for t in terms.others if gesprek.sections_for(t.id))
    needed = [t for t in terms.others if not t.optioneel] if in_blok else []
    absent = tuple(t.naam for t in needed if t.id not in present)
    files = tuple(_file(config, renderer, s) for s in gesprek.sections)
    return GesprekStatus(
        gesprek.titel,
        where,
        gesprek.source.rel,
        missing,
        tuple(terms.name(d) for d in present),
        absent,
        bool(gesprek.leader_sections),
        files,
        _placeholders(gesprek.source.path),
    )


def _placeholders(path: Path) -> int:
    return len(PLACEHOLDERS.findall(path.read_text(encoding="utf-8-sig")))


def _file(config: Config, renderer: Renderer, section: Section) -> FileStatus:
    text = plain(renderer.render(section.source, leader=True).html)
    doelgroep = section.doelgroepen[0] if section.doelgroepen else config.doelgroepen.default
    term = config.doelgroepen.term(doelgroep)
    return FileStatus(
        section.source.rel,
        term.naam,
        len(_WORD.findall(text)),
        flesch_douma(text),
        term.leesbaarheid,
        _placeholders(section.source.path),
    )


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def grouped(count: int) -> str:
    """A count as Dutch writes it: 94.295."""
    return f"{count:,}".replace(",", ".")


def as_text(found: list[GesprekStatus]) -> str:
    lines = []
    for g in found:
        mark = "af" if g.complete else "niet af"
        lines.append(f"{g.where}: {g.titel} ({grouped(g.words)} woorden, {mark})")
        if g.missing_onderdelen:
            lines.append(f"  mist voor de kring: {', '.join(g.missing_onderdelen)}")
        if g.missing_doelgroepen:
            lines.append(f"  mist materiaal voor: {', '.join(g.missing_doelgroepen)}")
        if not g.achtergrond:
            lines.append("  mist een achtergrond voor de leiding")
        if g.placeholders:
            lines.append(f"  {g.rel}: {g.placeholders}× tijdelijke tekst")
        for f in g.files:
            notes = []
            if f.placeholders:
                notes.append(f"{f.placeholders}× tijdelijke tekst")
            if f.outside and f.band is not None and f.leesbaarheid is not None:
                how = "te moeilijk" if f.leesbaarheid < f.band[0] else "erg eenvoudig"
                notes.append(
                    f"leesbaarheid {number(f.leesbaarheid)}: {how} voor {f.doelgroep.lower()} "
                    f"({f.band[0]}–{f.band[1]}; hoger is makkelijker)"
                )
            if notes:
                lines.append(f"  {f.rel}: {'; '.join(notes)}")
    done = sum(1 for g in found if g.complete)
    words = sum(g.words for g in found)
    outside = sum(1 for g in found for f in g.files if f.outside)
    placeholders = sum(g.unwritten for g in found)
    lines.append(
        f"{done} van {len(found)} gesprekken af; {grouped(words)} woorden; "
        f"{count(outside, 'bestand', 'bestanden')} buiten {'zijn' if outside == 1 else 'hun'} "
        f"leesbaarheid; {placeholders}× tijdelijke tekst."
    )
    return "\n".join(lines) + "\n"


def as_json(found: list[GesprekStatus]) -> dict[str, object]:
    return {
        "gesprekken": [
            {
                "titel": g.titel,
                "waar": g.where,
                "bestand": g.rel,
                "af": g.complete,
                "woorden": g.words,
                "mist_onderdelen": list(g.missing_onderdelen),
                "doelgroepen": list(g.doelgroepen),
                "mist_doelgroepen": list(g.missing_doelgroepen),
                "achtergrond": g.achtergrond,
                "tijdelijke_tekst": g.placeholders,
                "bestanden": [
                    {
                        "bestand": f.rel,
                        "doelgroep": f.doelgroep,
                        "woorden": f.words,
                        "leesbaarheid": None
                        if f.leesbaarheid is None
                        else round(f.leesbaarheid, 1),
                        "band": list(f.band) if f.band else None,
                        "buiten_band": f.outside,
                        "tijdelijke_tekst": f.placeholders,
                    }
                    for f in g.files
                ],
            }
            for g in found
        ]
    }


def as_html(found: list[GesprekStatus], titel: str, layouts: Path) -> str:
    env = environment([layouts / "status"])
    return env.get_template("status.html").render(
        found=found,
        titel=titel,
        number=number,
        grouped=grouped,
        done=sum(1 for g in found if g.complete),
        words=sum(g.words for g in found),
        outside=sum(1 for g in found for f in g.files if f.outside),
        placeholders=sum(g.unwritten for g in found),
    )
