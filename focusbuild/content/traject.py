"""`content/traject/`: the bijeenkomsten around the blokken, read into the model.

```
content/traject/
  _traject.md            titel, samenvatting, kleur; body: the introduction
  01-startweekend/
    _bijeenkomst.md      titel, soort, fase, duur, voor, samenvatting, handleiding
    01-programma.md      parts, in the order of their numbers; `#programma` on the page:
                         the keys of a section, with `onderdeel` optional
```

`soort`, `fase` and `voor` come from `traject` in focus.yaml; a fase is one
of its fasen or "blok N". A part without `onderdeel` needs a `titel`. A
bijeenkomst with `handleiding: true` is for the leiding as a whole.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from focusbuild.config import Config, Vocabulary
from focusbuild.content import sections as fm
from focusbuild.content.frontmatter import Document
from focusbuild.fields import Fields
from focusbuild.model import Bijeenkomst, Section, Traject

if TYPE_CHECKING:
    from focusbuild.content.loader import Loader

FOLDER = "traject"
_FOLDER = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
_NUMBER = re.compile(r"^\d+-")  # "01-programma": the number orders, the rest names
_BLOK_FASE = re.compile(r"^blok\s*(\d+)$", re.IGNORECASE)
_KEYS = ("titel", "soort", "fase", "duur", "voor", "samenvatting", "handleiding")


def load_traject(loader: Loader, folder: Path) -> Traject | None:
    config = loader.config
    if config.traject is None:
        loader.collector.error(
            loader.rel(folder), 1, 1, "de map traject/ vraagt om 'traject' in focus.yaml"
        )
        return None
    index = folder / "_traject.md"
    doc = loader.read(index) if index.is_file() else None
    if doc is None:
        if not index.is_file():
            loader.collector.error(loader.rel(folder), 1, 1, "trajectmap zonder _traject.md")
        return None
    f = fm.fields(doc, loader.collector, ("titel", "samenvatting", "kleur"), ("titel",))
    titel, samenvatting, kleur = fm.prose(f, "titel"), fm.prose(f, "samenvatting"), f.color("kleur")
    found = []
    for entry in loader.entries(folder):
        if entry.name == "_traject.md":
            continue
        m = _FOLDER.match(entry.name) if entry.is_dir() else None
        if m is None:
            loader.stray(entry, "geen bijeenkomst (een map als 01-startweekend)")
            continue
        bijeenkomst = _bijeenkomst(loader, entry, int(m.group(1)), m.group(2), kleur)
        if bijeenkomst is not None:
            found.append(bijeenkomst)
    if titel is None:
        return None
    found.sort(key=lambda b: (b.number, b.slug))
    return Traject(fm.source_of(doc), titel, samenvatting, kleur, tuple(found))


def _bijeenkomst(
    loader: Loader, folder: Path, number: int, slug: str, kleur: str | None
) -> Bijeenkomst | None:
    config = loader.config
    assert config.traject is not None
    terms = config.traject
    index, parts = _files(loader, folder)
    if index is None:
        if not (folder / "_bijeenkomst.md").is_file():
            loader.collector.error(
                loader.rel(folder), 1, 1, "bijeenkomst zonder _bijeenkomst.md (titel, soort, …)"
            )
        return None
    f = fm.fields(index, loader.collector, _KEYS, ("titel", "soort", "fase", "voor"))
    soort = _term(f, "soort", terms.soorten)
    voor = _term(f, "voor", terms.voor)
    fase = _fase(f, terms.fasen, config)
    titel, duur = fm.prose(f, "titel"), f.integer("duur", 1, 24 * 60)  # minutes, in a day
    samenvatting, handleiding = fm.prose(f, "samenvatting"), f.boolean("handleiding")
    if None in (titel, soort, fase, voor):
        return None
    assert titel is not None and soort is not None and fase is not None and voor is not None
    return Bijeenkomst(
        fm.source_of(index),
        number,
        slug,
        titel,
        soort,
        fase,
        voor,
        duur,
        samenvatting,
        bool(handleiding),
        parts,
        kleur,
    )


def _files(loader: Loader, folder: Path) -> tuple[Document | None, tuple[Section, ...]]:
    """A bijeenkomst's _bijeenkomst.md and its parts, in the order of their file names."""
    index = None
    parts: dict[str, tuple[str, Section]] = {}  # by slug: the file name and the part
    for entry in loader.entries(folder):
        if entry.name == "_bijeenkomst.md":
            index = loader.read(entry)
        elif entry.suffix == ".md" and entry.is_file():
            doc, slug = loader.read(entry), _NUMBER.sub("", entry.stem)
            part = (
                None
                if doc is None
                else fm.section(doc, slug, loader.config, loader.collector, part=True)
            )
            if part is not None and slug in parts:
                other = parts[slug][0]
                loader.collector.error(
                    part.source.rel, 1, 1, f"'{slug}' bestaat al in deze bijeenkomst ({other})"
                )
            elif part is not None:
                parts[slug] = (entry.name, part)
        elif not (entry.is_dir() and entry.name == "img"):
            loader.stray(entry)
    return index, tuple(part for _, part in sorted(parts.values(), key=lambda p: p[0]))


def _term(f: Fields, key: str, vocabulary: Vocabulary) -> str | None:
    value = f.text(key)
    node = f.node_of(key)
    if value is None or node is None:
        return None
    found = vocabulary.lookup(value)
    if found is None:
        known = ", ".join(vocabulary.ids)
        f.error(node, f"onbekende {key} '{value}'{vocabulary.suggestion(value)}; bekend: {known}")
    return found


def _fase(f: Fields, fasen: Vocabulary, config: Config) -> str | None:
    """A fase of focus.yaml, or a blok: "blok 3" becomes "blok3"."""
    value = f.node_of("fase")
    if value is None or value.value is None:
        return None
    text = str(value.value).strip()
    blok = _BLOK_FASE.match(text)
    if blok is not None and int(blok.group(1)) in config.blokken:
        return f"blok{int(blok.group(1))}"
    found = fasen.lookup(text)
    if found is None:
        numbers = config.blokken
        f.error(
            value,
            f"onbekende fase '{text}'{fasen.suggestion(text)}; een fase is "
            f"{', '.join(fasen.ids)} of blok {numbers.eerste} … blok {numbers.laatste}",
        )
    return found
