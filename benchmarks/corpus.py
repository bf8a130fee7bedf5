"""A deterministic benchmark corpus, written as a focusbuild, a Hugo and a Pelican project.

The text is the repository's own content/ reshuffled: its paragraphs, lists,
song stanzas and Bible passages are drawn with a seeded random generator, so
the same seed and size always give byte-identical files (no network). Every
body is generated once and written three times:

- focusbuild: the full body, with `::: handleiding` blocks and leader-only files;
- Hugo and Pelican: the public body only (no leader blocks, no leader-only
  files), which is exactly what focusbuild publishes on its website.

Usage: python -m benchmarks.corpus OUT [--shape small] [--sections 2000] [--seed 1]

Shapes (`SHAPES`): small (the default: many small sections, as the real
content), large (few large sections), references (many Bible references),
leader (many leader blocks) and doelgroepen (deep doelgroep coverage).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from benchmarks import trash
from focusbuild.config import Config, load_config
from focusbuild.content.style import addressed_as
from focusbuild.diagnostics import Collector

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "content"
DEFAULT_SECTIONS = 2000
DEFAULT_SEED = 1
MIN_SECTIONS = 20
KATERN_SHARE = 0.1  # share of the sections that live in katernen (the real content: ~11 %)
GESPREKKEN_PER_KATERN = 4
BLOK_NUMBERS = range(7)
EPOCH = datetime(2024, 1, 1)  # Pelican articles need a date; one minute apart

# -- the word source ------------------------------------------------------------

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_LIST_ITEM = re.compile(r"^(?:[-*] |\d+\. )")
_UNSAFE = ("](", "[^", "![", "http", "<", ":::", "{", "|")


@dataclass(frozen=True)
class Gesprek:
    slug: str
    titel: str
    bijbelgedeelte: str
    samenvatting: str


@dataclass
class Pool:
    """Everything the generator draws from, harvested from the real content."""

    paragraphs: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    stanzas: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    passages: list[str] = field(default_factory=list)
    titles: dict[str, list[str]] = field(default_factory=dict)  # by doelgroep
    gesprekken: list[Gesprek] = field(default_factory=list)
    blokken: list[dict[str, Any]] = field(default_factory=list)
    songs: list[dict[str, Any]] = field(default_factory=list)
    #: what a led doelgroep's file says at the top (doel, tijd, benodigdheden,
    #: liederen), by doelgroep, from the real files
    leading: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def speaking(self, form: str) -> Pool:
        """This pool with only the texts that address the reader as `form` ("je" or
        "u") or not at all: a section for kinderen does not say "u", as in the real
        content, so the corpus passes `focusbuild check --strict` as that does."""

        def keep(texts: list[str]) -> list[str]:
            return [t for t in texts if addressed_as(t) in ({form}, set())]

        return replace(
            self,
            paragraphs=keep(self.paragraphs),
            lists=keep(self.lists),
            headings=keep(self.headings),
            activities=keep(self.activities),
        )


def split_front(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT.match(text)
    if match is None:
        return {}, text
    front = yaml.safe_load(match.group(1)) or {}
    assert isinstance(front, dict)
    return front, text[match.end() :]


def _blocks(body: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for each blank-line separated block; containers come whole."""
    container: list[str] = []
    block: list[str] = []
    for line in [*body.splitlines(), ""]:
        if container:
            container.append(line)
            if line.strip() == ":::":
                yield container[0].split()[1], "\n".join(container)
                container = []
        elif line.startswith("::: "):
            container = [line]
        elif line.strip():
            block.append(line)
        elif block:
            yield "block", "\n".join(block)
            block = []


def _harvest_body(pool: Pool, body: str) -> None:
    for kind, text in _blocks(body):
        if kind == "lied":
            pool.stanzas.append(text)
        elif kind == "opdracht" and not any(u in text for u in _UNSAFE[:5]):
            pool.activities.append(text)
        elif kind != "block" or any(u in text for u in _UNSAFE):
            continue
        elif "\n" not in text and text.startswith("#"):
            pool.headings.append(text)
        elif _LIST_ITEM.match(text):
            pool.lists.append(text)
        else:
            pool.paragraphs.append(text)


def _harvest_file(pool: Pool, path: Path) -> None:
    front, body = split_front(path.read_text(encoding="utf-8"))
    if path.name == "_gesprek.md":
        slug = path.parent.name.split("-", 1)[1]
        pool.gesprekken.append(
            Gesprek(slug, front["titel"], front["bijbelgedeelte"], front.get("samenvatting", ""))
        )
    elif path.name == "_blok.md":
        pool.blokken.append(front)
    elif isinstance(front.get("titel"), str) and isinstance(front.get("doelgroep"), str):
        pool.titles.setdefault(front["doelgroep"], []).append(front["titel"])
        info = {key: front[key] for key in LEADING if key in front}
        if len(info) == len(LEADING):
            pool.leading.setdefault(front["doelgroep"], []).append(info)
    if isinstance(front.get("bijbelgedeelte"), str):
        pool.passages.append(front["bijbelgedeelte"])
    _harvest_body(pool, body)


def harvest(source: Path = SOURCE) -> Pool:
    pool = Pool()
    for path in sorted(source.rglob("*.md")):
        _harvest_file(pool, path)
    songs = yaml.safe_load((source / "liederen.yaml").read_text(encoding="utf-8"))
    pool.songs = [dict(s) for s in songs if s.get("bundel") == "Ps"]
    pool.passages = sorted(set(pool.passages))
    pool.blokken.sort(key=lambda b: int(b["blok"]))
    return pool


# -- the documents --------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    text: str
    leader: bool = False  # inside `::: handleiding`


@dataclass(frozen=True)
class Doc:
    """One Markdown file, in focusbuild's layout (path relative to content/)."""

    path: str
    kind: str  # home, page, blok, katern, gesprek, section
    title: str
    front: dict[str, Any]
    blocks: tuple[Block, ...]
    leader: bool = False  # the whole file is leader-only (handleiding: true)

    def body(self, *, public: bool) -> str:
        parts: list[str] = []
        for block in self.blocks:
            if block.leader and public:
                continue
            parts.append(f"::: handleiding\n{block.text}\n:::" if block.leader else block.text)
        return "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class Corpus:
    docs: tuple[Doc, ...]
    sections: int
    gesprekken: int
    blokken: int
    katernen: int

    @property
    def words(self) -> int:
        return sum(len(d.body(public=False).split()) for d in self.docs)


def _settings() -> Config:
    """The settings the corpus follows: the real focus.yaml (which the corpus also uses),
    read as focusbuild reads it, with its defaults."""
    config = load_config(REPO, Collector())
    assert config is not None, "focus.yaml does not load"
    return config


SETTINGS = _settings()
#: What a file for a led doelgroep (`geleid` in focus.yaml) names at the top.
LEADING = ("doel", "tijd", "benodigdheden", "liederen")
#: How each doelgroep addresses its reader (`aanspreekvorm`).
FORMS = {t.id: t.aanspreekvorm for t in SETTINGS.doelgroepen.terms}
LED = {t.id for t in SETTINGS.doelgroepen.terms if t.geleid}
#: An onderdeel's usual length: the kring's together fill one evening (`avondduur`).
DUUR = {t.id: t.duur for t in SETTINGS.onderdelen.terms if t.duur is not None}

# (file stem, front matter) of the section files of one gesprek, as in content/blok1/01-…/
KRING = tuple(
    (onderdeel, {"onderdeel": onderdeel, "duur": duur}) for onderdeel, duur in DUUR.items()
)
DOELGROEPEN = (
    ("groep-3-5", {"onderdeel": ["bijbelstudie", "gebed"], "partner": "HGJB"}),
    ("groep-6-8", {"onderdeel": ["bijbelstudie", "gebed"], "partner": "HGJB"}),
    ("12-16", {"onderdeel": ["bijbelstudie", "verhalen-delen"], "partner": "HGJB"}),
    ("16-plus", {"onderdeel": ["bijbelstudie", "verhalen-delen"], "partner": "HGJB"}),
    ("gezin", {"onderdeel": ["bijbelstudie", "gebed"]}),
    ("vergaderopening", {"onderdeel": ["bijbelstudie", "gebed"], "duur": 10}),
)
ACHTERGROND = (
    "achtergrond",
    {"onderdeel": "bijbelstudie", "handleiding": True, "titel": "Achtergrond voor de leiding"},
)
BLOK_FILES = (*KRING, *DOELGROEPEN, ACHTERGROND)
KATERN_FILES = (*KRING, ACHTERGROND)
#: every doelgroep with its own file for every onderdeel of the kring
DEEP_DOELGROEPEN = tuple(
    (f"{stem}-{onderdeel}", {**front, "doelgroep": stem, "onderdeel": onderdeel})
    for stem, front in DOELGROEPEN
    for onderdeel, _ in KRING
)


@dataclass(frozen=True)
class Shape:
    """What a corpus looks like, beyond its size: how long its sections are, and how
    many Bible references, leader blocks and doelgroep files they have."""

    name: str
    about: str
    sections: int = DEFAULT_SECTIONS  # the default size for this shape
    words: tuple[int, int] = (80, 380)  # filler words per section
    leader_share: float = 0.2  # share of sections with leader blocks
    leader_blocks: tuple[int, int] = (1, 1)  # how many, when they have them
    references: tuple[int, int] = (0, 0)  # extra Bible references per section
    doelgroepen: tuple[tuple[str, dict[str, Any]], ...] = DOELGROEPEN

    @property
    def blok_files(self) -> tuple[tuple[str, dict[str, Any]], ...]:
        return (*KRING, *self.doelgroepen, ACHTERGROND)

    @property
    def min_sections(self) -> int:
        """The smallest corpus of this shape: one blok gesprek and one katern gesprek."""
        return max(MIN_SECTIONS, len(self.blok_files) + len(KATERN_FILES))


SHAPES = {
    shape.name: shape
    for shape in (
        Shape("small", "many small sections (80-380 words), as the real content"),
        Shape("large", "few large sections (3,000-6,000 words)", 200, words=(3000, 6000)),
        Shape("references", "15-30 extra Bible references in every section", references=(15, 30)),
        Shape(
            "leader",
            "leader blocks in 90 % of the sections, 2-4 each",
            leader_share=0.9,
            leader_blocks=(2, 4),
        ),
        Shape(
            "doelgroepen",
            "every doelgroep with a file for every onderdeel",
            doelgroepen=DEEP_DOELGROEPEN,
        ),
    )
}
DEFAULT_SHAPE = SHAPES["small"]
NAMES = {
    "lied": "Lied",
    "bijbelstudie": "Bijbelstudie",
    "verhalen-delen": "Verhalen delen",
    "gebed": "Gebed",
    "in-beweging": "In beweging",
    "delen-en-dienen": "Delen & dienen",
}


@dataclass(frozen=True)
class Plan:
    """How many gesprekken go where, so that the section count is exactly `sections`."""

    blok_gesprekken: int
    katern_gesprekken: int
    extra: int  # additional bijbelstudie files in blok gesprekken, to make up the count

    @classmethod
    def for_sections(cls, sections: int, shape: Shape = DEFAULT_SHAPE) -> Plan:
        if sections < shape.min_sections:
            raise ValueError(f"the {shape.name} shape needs at least {shape.min_sections} sections")
        blok_files = len(shape.blok_files)
        katern = max(1, round(sections * KATERN_SHARE / len(KATERN_FILES)))
        rest = sections - katern * len(KATERN_FILES)
        blok = max(1, rest // blok_files)
        return cls(blok, katern, rest - blok * blok_files)


class Writer:
    """Draws bodies from the pool; one instance generates one corpus."""

    def __init__(self, pool: Pool, seed: int, shape: Shape = DEFAULT_SHAPE) -> None:
        self.pool = pool
        self.rng = random.Random(seed)
        self.used: dict[str, int] = {}
        self.shape = shape
        self.voices = {form: pool.speaking(form) for form in sorted(set(FORMS.values()))}

    def paragraphs(self, low: int, high: int, form: str = "je") -> list[Block]:
        found = self.voices[form].paragraphs
        return [Block(p) for p in self.rng.sample(found, self.rng.randint(low, high))]

    def filler(self, words: int, form: str) -> list[Block]:
        """Paragraphs and lists (some after a heading) until about `words` words."""
        pool = self.voices[form]
        blocks: list[Block] = []
        total = 0
        while total < words:
            if self.rng.random() < 0.3:
                blocks.append(Block(self.rng.choice(pool.headings)))
            if self.rng.random() < 0.25:
                text = self.rng.choice(pool.lists)
            else:
                text = self.rng.choice(pool.paragraphs)
            blocks.append(Block(text))
            total += len(text.split())
        return blocks

    def footnote(self, blocks: list[Block]) -> None:
        """Give the last plain paragraph a footnote with a Bible reference."""
        for i in range(len(blocks) - 1, -1, -1):
            text = blocks[i].text
            if (
                not blocks[i].leader
                and not text.startswith(("#", ":::"))
                and not _LIST_ITEM.match(text)
            ):
                blocks[i] = Block(text + "[^1]")
                passage = self.rng.choice(self.pool.passages)
                blocks.append(Block(f"[^1]: Vergelijk {passage} en lees het in zijn verband."))
                return

    def section_blocks(self, stem: str, passage: str, form: str) -> list[Block]:
        rng = self.rng
        pool = self.voices[form]
        blocks: list[Block] = []
        if stem == "lied":
            blocks.append(Block(rng.choice(self.pool.stanzas)))
        blocks.append(Block(f"Lees {passage} samen, eerst hardop en daarna nog eens in stilte."))
        shape = self.shape
        blocks.extend(self.filler(rng.randint(*shape.words), form))
        if stem.startswith("groep-") and pool.activities:
            blocks.insert(rng.randint(1, len(blocks)), Block(rng.choice(pool.activities)))
        if rng.random() < shape.leader_share:
            low, high = shape.leader_blocks  # (1, 1) draws nothing: the small shape stays as it was
            for _ in range(low if low == high else rng.randint(low, high)):
                blocks.insert(rng.randint(1, len(blocks)), Block(rng.choice(pool.paragraphs), True))
        if rng.random() < 0.2:
            self.footnote(blocks)
        if shape.references != (0, 0):
            for _ in range(rng.randint(*shape.references)):
                passage = rng.choice(self.pool.passages)
                blocks.insert(rng.randint(1, len(blocks)), Block(f"Lees ook {passage}."))
        return blocks

    def songs(self) -> list[dict[str, Any]]:
        return [dict(s) for s in self.rng.sample(self.pool.songs, self.rng.randint(1, 3))]

    def section(self, folder: str, stem: str, front: dict[str, Any], passage: str) -> Doc:
        front = dict(front)
        doelgroep = front.get("doelgroep", stem)
        if doelgroep in dict(DOELGROEPEN):
            titel = self.rng.choice(self.pool.titles[doelgroep])
            front = {**front, "doelgroep": doelgroep, "titel": titel}
        if doelgroep in LED:
            front = {**front, **self.rng.choice(self.pool.leading[doelgroep])}
        if stem == "lied":
            songs = self.songs()
            front = {**front, "titel": f"Zingen: {songs[0]['titel']}", "liederen": songs}
        if stem == "bijbelstudie":
            front = {**front, "bijbelgedeelte": passage}
        title = front.get("titel") or NAMES[str(front["onderdeel"])]
        blocks = tuple(self.section_blocks(stem, passage, FORMS.get(doelgroep, "je")))
        leader = bool(front.get("handleiding"))
        return Doc(f"{folder}/{stem}.md", "section", title, front, blocks, leader)

    def gesprek_info(self) -> Gesprek:
        g = self.rng.choice(self.pool.gesprekken)
        n = self.used[g.slug] = self.used.get(g.slug, 0) + 1
        if n == 1:
            return g
        return Gesprek(f"{g.slug}-{n}", f"{g.titel} ({n})", g.bijbelgedeelte, g.samenvatting)

    def gesprek(
        self, parent: str, number: int, files: Sequence[tuple[str, dict[str, Any]]], extra: int = 0
    ) -> list[Doc]:
        g = self.gesprek_info()
        folder = f"{parent}/{number:02d}-{g.slug}"
        front = {
            "titel": g.titel,
            "bijbelgedeelte": g.bijbelgedeelte,
            "samenvatting": g.samenvatting,
        }
        docs = [
            Doc(f"{folder}/_gesprek.md", "gesprek", g.titel, front, tuple(self.paragraphs(2, 4)))
        ]
        docs += [self.section(folder, stem, fm, g.bijbelgedeelte) for stem, fm in files]
        for k in range(1, extra + 1):
            fm = {"onderdeel": "bijbelstudie", "titel": f"Verder lezen {k}"}
            passage = self.rng.choice(self.pool.passages)
            docs.append(self.section(folder, f"verder-lezen-{k}", fm, passage))
        return docs

    def blok(self, number: int, extras: Sequence[int]) -> list[Doc]:
        """Blok `number` with one gesprek per entry of `extras` (its extra section files)."""
        real = self.pool.blokken[number % len(self.pool.blokken)]
        front = {**real, "blok": number}
        docs = [Doc(f"blok{number}/_blok.md", "blok", real["titel"], front, self._intro())]
        for i, extra in enumerate(extras):
            docs += self.gesprek(f"blok{number}", i + 1, self.shape.blok_files, extra)
        return docs

    def katern(self, number: int, gesprekken: int) -> list[Doc]:
        first = self.rng.choice(self.pool.gesprekken)
        titel = f"Thema {number}: {first.titel}"
        front = {"titel": titel, "samenvatting": first.samenvatting, "kleur": "#35607a"}
        folder = f"katernen/thema-{number:02d}"
        docs = [Doc(f"{folder}/_katern.md", "katern", titel, front, self._intro())]
        for i in range(gesprekken):
            docs += self.gesprek(folder, i + 1, KATERN_FILES)
        return docs

    def _intro(self) -> tuple[Block, ...]:
        return tuple(self.paragraphs(3, 4))

    def pages(self) -> list[Doc]:
        home_front = {"titel": "Focus", "samenvatting": "Het materiaal van het Focustraject."}
        docs = [Doc("index.md", "home", "Focus", home_front, self._intro())]
        for i, (slug, titel) in enumerate(PAGES):
            front = {"titel": titel, "volgorde": i + 1, "menu": True}
            docs.append(Doc(f"paginas/{slug}.md", "page", titel, front, self._intro()))
        return docs


PAGES = (("over-focus", "Over Focus"), ("kernwaarden", "Kernwaarden"), ("contact", "Contact"))


def _spread(total: int, bins: int) -> list[int]:
    return [total // bins + (1 if i < total % bins else 0) for i in range(bins)]


def generate(
    sections: int = DEFAULT_SECTIONS, seed: int = DEFAULT_SEED, shape: Shape = DEFAULT_SHAPE
) -> Corpus:
    plan = Plan.for_sections(sections, shape)
    writer = Writer(harvest(), seed, shape)
    docs = writer.pages()
    blokken = min(len(BLOK_NUMBERS), plan.blok_gesprekken)
    extras = _spread(plan.extra, plan.blok_gesprekken)
    start = 0
    for number, count in zip(BLOK_NUMBERS, _spread(plan.blok_gesprekken, blokken), strict=False):
        docs += writer.blok(number, extras[start : start + count])
        start += count
    katernen = -(-plan.katern_gesprekken // GESPREKKEN_PER_KATERN)
    for i, count in enumerate(_spread(plan.katern_gesprekken, katernen)):
        docs += writer.katern(i + 1, count)
    n_sections = sum(1 for d in docs if d.kind == "section")
    assert n_sections == sections, (n_sections, sections)
    gesprekken = plan.blok_gesprekken + plan.katern_gesprekken
    return Corpus(tuple(docs), n_sections, gesprekken, blokken, katernen)


# -- writing the three projects -----------------------------------------------


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_focusbuild(corpus: Corpus, root: Path) -> None:
    shutil.copyfile(REPO / "focus.yaml", root / "focus.yaml")
    _write(root / "content" / "liederen.yaml", (SOURCE / "liederen.yaml").read_text("utf-8"))
    for doc in corpus.docs:
        _write(
            root / "content" / doc.path, f"---\n{_yaml(doc.front)}---\n\n{doc.body(public=False)}"
        )


HUGO_CONFIG = """\
baseURL = "https://focus.example.org/"
locale = "nl"
title = "Focus"
disableKinds = ["taxonomy", "term", "rss"]
enableRobotsTXT = true
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
</header>
<main data-pagefind-body>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}<article>
{{ with .Parent }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>{{ end }}
""",
    "list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
}

_HUGO_INDEX = {"_blok.md", "_katern.md", "_gesprek.md"}


def _hugo_path(doc: Doc) -> str:
    if doc.path == "index.md":
        return "_index.md"
    folder, _, name = doc.path.rpartition("/")
    return f"{folder}/_index.md" if name in _HUGO_INDEX else doc.path


def write_hugo(corpus: Corpus, root: Path) -> None:
    _write(root / "hugo.toml", HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        _write(root / "layouts" / name, text)
    _write(root / "content" / "katernen" / "_index.md", "---\ntitle: Katernen\n---\n")
    for weight, doc in enumerate(corpus.docs, start=1):
        if doc.leader:
            continue
        front = _yaml({"title": doc.title, "weight": weight})
        _write(root / "content" / _hugo_path(doc), f"---\n{front}---\n\n{doc.body(public=True)}")


PELICAN_CONFIG = """\
AUTHOR = "IZB"
SITENAME = "Focus"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
RELATIVE_URLS = True
"""


def _category(doc: Doc) -> str:
    top = doc.path.split("/")[0]
    if top == "katernen":
        return "Katern " + doc.path.split("/")[1]
    return f"Blok {top.removeprefix('blok')}"


def _pelican_file(doc: Doc, number: int) -> tuple[str, str]:
    """(path under content/, text) of one Pelican article or page."""
    slug = doc.path.removesuffix(".md").replace("/_", "/").replace("/", "-")
    meta = [f"Title: {doc.title}", f"Slug: {slug}"]
    if doc.kind in ("home", "page"):
        path = f"pages/{slug}.md"
    else:
        date = EPOCH + timedelta(minutes=number)
        meta += [f"Date: {date:%Y-%m-%d %H:%M}", f"Category: {_category(doc)}"]
        path = f"articles/{doc.path.replace('/_', '/')}"
    return path, "\n".join(meta) + "\n\n" + doc.body(public=True)


def write_pelican(corpus: Corpus, root: Path) -> None:
    _write(root / "pelicanconf.py", PELICAN_CONFIG)
    for number, doc in enumerate(corpus.docs):
        if not doc.leader:
            path, text = _pelican_file(doc, number)
            _write(root / "content" / path, text)


def write_all(corpus: Corpus, out: Path, *, aside: Path | None = None) -> dict[str, Path]:
    """Write the three projects under `out` (emptied first); their roots by tool. With
    `aside`, an old `out` is set aside there (trash.py), not deleted."""
    if aside is not None:
        trash.set_aside(out, aside)
    elif out.exists():
        shutil.rmtree(out)
    roots = {name: out / name for name in ("focusbuild", "hugo", "pelican")}
    for root in roots.values():
        root.mkdir(parents=True)
    write_focusbuild(corpus, roots["focusbuild"])
    write_hugo(corpus, roots["hugo"])
    write_pelican(corpus, roots["pelican"])
    return roots


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def describe(corpus: Corpus) -> str:
    blokken = _count(corpus.blokken, "blok", "blokken")
    katernen = _count(corpus.katernen, "katern", "katernen")
    return (
        f"{corpus.sections} section files in {corpus.gesprekken} gesprekken "
        f"({blokken}, {katernen}); {len(corpus.docs)} Markdown files, {corpus.words:,} words"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder for focusbuild/, hugo/ and pelican/")
    parser.add_argument("--shape", choices=sorted(SHAPES), default=DEFAULT_SHAPE.name)
    parser.add_argument("--sections", type=int, help="default: the shape's size")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    shape = SHAPES[args.shape]
    corpus = generate(args.sections or shape.sections, args.seed, shape)
    write_all(corpus, args.out)
    print(describe(corpus))


if __name__ == "__main__":
    main()
