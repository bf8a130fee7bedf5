"""The search index: Pagefind records made from the model, not from the HTML.

Every public section is its own record (URL = its anchor on its page), with
exact filters for blok, doelgroep and onderdeel. Only public renderings are
fed in, so leader-only text cannot reach the index. Pagefind (the pip
package, a local binary) stems Dutch and writes the index and its search UI.
A record's own title is what Pagefind weighs most (`pagefind_record`).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

from focusbuild.artifacts import HOME, Urls
from focusbuild.artifacts import TRAJECT as TRAJECT_URL
from focusbuild.config import Config
from focusbuild.markdown import WORD_JOINER
from focusbuild.model import Blok, Gesprek, Katern, Section, Site, Source, Traject, song_name
from focusbuild.render.bodies import Renderer
from focusbuild.render.pagefind_merge import UnexpectedPagefind, merged_search

#: A tag: an inline one (a link, emphasis) joins its text to its neighbours, so that a
#: result reads "(Lucas 19)", not "( Lucas 19 )"; a heading's end sets it off from the
#: text after it ("Het verhaal — In de stad"); any other one parts words.
_TAG = re.compile(
    r"<(?:(/?(?:a|b|strong|em|i|span|code|abbr|mark|small|sup|sub|q)\b)|(/h[1-6]\b))?[^>]*>"
)


def plain(html: str) -> str:
    """Readable text of rendered HTML (inline tags go, other tags become spaces), with
    each run of whitespace one space: split and joined, which takes a third of the time of
    a regular expression (`\\s` and `str.split` know the same whitespace)."""
    text = unescape(_TAG.sub(_space_unless_inline, html))
    if WORD_JOINER in text:  # of a time span ("10.00 – 10.20"): no letter
        text = text.replace(WORD_JOINER, "")
    return " ".join(text.split())


def _space_unless_inline(tag: re.Match[str]) -> str:
    return "" if tag.group(1) else " — " if tag.group(2) else " "


@dataclass(frozen=True)
class Record:
    url: str  # site-relative, with anchor
    #: what the record is called, weighed most: a gesprek's title and passage, a section's
    #: title and group
    title: str
    content: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    #: where it stands, shown after the title in a result ("Gebed · Groep 3-5 · Hij zoekt
    #: ons op (blok 1)") but not in its title: else the thirteen records of a gesprek
    #: tie on the gesprek's title, and "gebed" finds every kring's Gebed first
    where: str = ""
    #: more words that find it, after its text: its summary, its passages, the words
    #: readers use for its group
    context: str = ""


#: The meta that holds where a record stands, shown after its title (`Record.where`).
WHERE = "waar"


def pagefind_record(record: Record, language: str) -> dict[str, object]:
    """What Pagefind gets of a record (`AddRecord`): its own title as the title, which
    Pagefind 1.5 weighs by the rarity of its words; its text, then its context, so that
    a result's excerpt starts in the text; where it stands as the meta the search page
    shows after the title. (As a small page with the context weighed 2, `AddFile`, a
    reviewer's 44 searches found one more page among the first three, and Pagefind took
    18 % longer on the large benchmark corpus.)"""
    meta = {"title": record.title}
    if record.where:
        meta[WHERE] = record.where
    return {
        "type": "AddRecord",
        "url": "/" + record.url,
        "content": f"{record.content} {record.context}".strip(),
        "language": language,
        "meta": meta,
        "filters": record.filters,
        "sort": None,
    }


def _container_label(c: Blok | Katern) -> str:
    return f"Blok {c.number}: {c.titel}" if isinstance(c, Blok) else f"Katern {c.titel}"


#: The filter that says where on the site a record is: a blok, a katern, the traject, …
RUBRIEK = "Rubriek"
#: Its values for the traject around the blokken, the news and the agenda.
TRAJECT = "Traject"
NIEUWS = "Nieuws"
AGENDA = "Agenda"


#: The most records one part of the index holds. Pagefind builds a part in memory, at
#: about 140 KB a record (a part of 2,581 records took it 365 MB), so a blok or katern
#: with more is split into parts of whole gesprekken. The shipped bloks hold under 100.
PART_RECORDS = 1000

#: The most text one part holds, in characters of Markdown. An edit renews the whole part
#: that holds it, and Pagefind takes about 1.5 s of CPU per MB of text: on 200 sections
#: of 3,000-6,000 words (a blok 700 KB) one edit took 1.92 s with a part per blok and
#: 1.18 s with parts of 200 KB. The shipped bloks hold under 110 KB: they keep one part.
PART_TEXT = 200_000

#: The search page merges every part, and each is fetched and searched on its own: on a
#: large site the text limit grows, so that there are not many more parts than this.
PART_COUNT = 32

#: Up to this much text (characters of Markdown in the blokken and katernen) the index is
#: one part. Pagefind weighs a word by how rare it is in its own part: in parts per blok,
#: "gebed" was worth nothing in the katern Gebed (every record has it) and the katern
#: came 221st of 249; "blok 3" found blok 5 and blok 2 first (every title in blok 3's
#: part says "blok 3"). On 44 searches of a reviewer, the page wanted was among the first
#: three 14 times with a part per blok, 22 with one index, 28 with one index and the
#: records' own titles (`Record.where` apart). Renewing one index of the shipped content
#: (0.5 MB) takes Pagefind about 0.7 s, beside the pages; a larger site keeps its parts.
SINGLE_TEXT = 1_000_000


def _text(source: Source) -> int:
    return len(source.body)


def bundles(site: Site) -> dict[str, str]:
    """The search index's parts, by the URL prefix of their records, with the name of the
    folder each gets below pagefind/. None while the site has little text (`SINGLE_TEXT`):
    then the index is one. Else one per blok and katern (so that an edit renews only
    its part). A blok or katern with more than `PART_RECORDS` records or more text than
    the limit (`PART_TEXT`, or more on a site with more than `PART_COUNT` times as much)
    gets one part per run of whole gesprekken (`blok1`, `blok1-deel2`, …). Where a part
    ends follows from the records and the lengths of the bodies: an edit that moves an
    end renews the parts on both sides. Everything else (home, pages, traject, news,
    agenda) is in the main part, ""."""
    urls = Urls(site.config)

    def weight(gesprek: Gesprek) -> tuple[int, int]:
        public = [s for s in gesprek.sections if not s.handleiding]
        return 1 + len(public), _text(gesprek.source) + sum(_text(s.source) for s in public)

    weights = {id(g): weight(g) for owner in site.owners for g in owner.gesprekken}
    total = sum(_text(o.source) for o in site.owners) + sum(t for _, t in weights.values())
    found: dict[str, str] = {}
    if total <= SINGLE_TEXT:
        return found  # one index: the best ranking, cheap enough to renew whole
    limit = max(PART_TEXT, total // PART_COUNT)
    for owner in site.owners:
        name = urls.owner(owner).strip("/").replace("/", "-")
        found[urls.owner(owner)] = name
        # the owner's own record is in its first part
        size, text, number, held = 1, _text(owner.source), 1, 0
        for gesprek in owner.gesprekken:
            records, length = weights[id(gesprek)]
            if held and (size + records > PART_RECORDS or text + length > limit):
                size, text, number, held = 0, 0, number + 1, 0
            size, text, held = size + records, text + length, held + 1
            if number > 1:
                found[urls.gesprek(gesprek)] = f"{name}-deel{number}"
    return found


def part_names(parts: dict[str, str]) -> list[str]:
    """Every part's name once, in order (the main part, "", not among them)."""
    return list(dict.fromkeys(parts.values()))


def bundle_of(url: str, parts: dict[str, str]) -> str:
    """The part a record with this URL goes into: that of its longest prefix (the prefixes
    are folder URLs, so only the URL's own folders are looked up)."""
    end = len(url)
    while (end := url.rfind("/", 0, end)) >= 0:
        name = parts.get(url[: end + 1])
        if name is not None:
            return name
    return ""


def filter_order(site: Site) -> dict[str, list[str]]:
    """The order in which the search page offers each filter's values."""
    config = site.config
    traject = [TRAJECT] if site.traject is not None else []
    news = [NIEUWS] if site.nieuws else []
    agenda = [AGENDA] if site.agenda else []
    return {
        RUBRIEK: [_container_label(c) for c in site.owners] + traject + news + agenda,
        "Doelgroep": [t.naam for t in config.doelgroepen.terms],
        "Onderdeel": [t.naam for t in config.onderdelen.terms],
    }


def records(
    site: Site, renderer: Renderer, wanted: Callable[[str], bool] = lambda url: True
) -> Iterator[Record]:
    """Every search record, part by part (`bundle_of`): first the main part's (home,
    pages, traject, news, agenda). `wanted` is asked for the URL of the home page, of each
    blok and katern, and of each gesprek: what it declines is not read at all (the search
    index asks only for the parts it renews)."""
    config = site.config
    urls = Urls(config)
    if wanted(HOME):
        yield from _main_records(site, renderer, urls)
    # then each blok and katern with its gesprekken: the records of a part come together
    for c in site.owners:
        if wanted(urls.owner(c)):
            body = plain(renderer.render(c.source, leader=False).html)
            label = _container_label(c)
            yield Record(urls.owner(c), label, body, {RUBRIEK: [label]})
        for gesprek in c.gesprekken:
            if wanted(urls.gesprek(gesprek)):
                yield from _gesprek_records(gesprek, c, renderer, urls, config)


def _main_records(site: Site, renderer: Renderer, urls: Urls) -> Iterator[Record]:
    """The main part's records: home, pages, traject, news and agenda."""
    if site.home is not None:
        yield Record(
            HOME,
            site.home.titel,
            plain(renderer.render(site.home.source, leader=False).html),
        )
    for p in site.pages:
        body = plain(renderer.render(p.source, leader=False).html)
        yield Record(urls.page(p), p.titel, f"{p.samenvatting or ''} {body}".strip())
    # the overview of each doelgroep and onderdeel: "kinderen" or "club" lands on the page
    # that lists all material for groep 3-5 and 6-8 (a reviewer found none of it)
    config = site.config
    for term in config.doelgroepen.terms:
        yield Record(
            urls.doelgroep(term.id),
            f"{term.naam}: al het materiaal",
            term.omschrijving or "",
            context=term.categorie or "",
        )
    for term in config.onderdelen.terms:
        yield Record(
            urls.onderdeel(term.id), f"{term.naam}: al het materiaal", term.omschrijving or ""
        )
    if site.traject is not None:
        yield from _traject_records(site.traject, renderer, urls)
    for item in site.nieuws:
        text = plain(renderer.render(item.source, leader=False).html)
        where = " ".join(x for x in (item.gemeente, item.auteur) if x)
        yield Record(
            urls.nieuws(item),
            item.titel,
            f"{item.samenvatting} {where} {text}".strip(),
            {RUBRIEK: [NIEUWS]},
        )
    for event in site.agenda:
        text = plain(renderer.render(event.source, leader=False).html)
        yield Record(
            urls.event(event),
            event.titel,
            f"{event.samenvatting or ''} {event.plaats} {text}".strip(),
            {RUBRIEK: [AGENDA]},
        )


def _gesprek_records(
    gesprek: Gesprek, container: Blok | Katern, renderer: Renderer, urls: Urls, config: Config
) -> Iterator[Record]:
    doelgroep_naam, onderdeel_naam = config.doelgroepen.name, config.onderdelen.name
    where = _container_label(container)
    short = (
        f"blok {container.number}" if isinstance(container, Blok) else f"katern {container.titel}"
    )
    intro = plain(renderer.render(gesprek.source, leader=False).html)
    passages = "; ".join(str(r) for r in gesprek.bijbelgedeelte)
    # the passage in the title: "Lucas 19" finds the gesprek about it first, and the
    # result says what it reads; the summary names who is in it (Zacheüs, Emmaüs)
    yield Record(
        urls.gesprek(gesprek),
        " · ".join(filter(None, (gesprek.titel, passages))),
        intro,
        {RUBRIEK: [where], "Doelgroep": [doelgroep_naam(urls.default)]},
        where=short,
        context=" · ".join(filter(None, (gesprek.samenvatting, where))),
    )
    for section in gesprek.sections:
        if section.handleiding:
            continue
        body = plain(renderer.render(section.source, leader=False).html)
        refs = "; ".join(str(r) for r in section.bijbelgedeelte)
        # the songs as readers name them, after the text: a result's excerpt starts with
        # the text, not with "Ps 23 Psalm 23 Ps 121 …"
        songs = "; ".join(
            " — ".join(filter(None, song_name(config.bundels, s))) for s in section.liederen
        )
        # whom it is for, unless the kring: a result says "Groep 3-5", and is found by it,
        # and by the words readers use for the group ("kinderen", "club")
        others = [d for d in section.doelgroepen if d != urls.default]
        groups = [doelgroep_naam(d) for d in others]
        words = [_group_words(config, d) for d in others]
        yield Record(
            urls.section_home(gesprek, section),
            " · ".join([section.titel, *groups]),
            " ".join(
                filter(None, (body, _leading(section), f"Liederen: {songs}" if songs else ""))
            ),
            {
                RUBRIEK: [where],
                "Doelgroep": [doelgroep_naam(d) for d in section.doelgroepen],
                "Onderdeel": [onderdeel_naam(o) for o in section.onderdelen],
            },
            where=f"{gesprek.titel} ({short})",
            context=" · ".join(filter(None, (refs, *words))),
        )


def _group_words(config: Config, doelgroep: str) -> str:
    """How readers name a doelgroep besides its name: "kinderen · Voor zondagsschool,
    kindernevendienst en club, ongeveer 6 tot 9 jaar."."""
    term = config.doelgroepen.term(doelgroep)
    return " · ".join(filter(None, (term.categorie, term.omschrijving)))


def _leading(section: Section) -> str:
    """What the page shows whoever leads the section (aim, time, materials): public, so
    a jeugdleider who searches "kinderbijbel" finds it. After the text, so that a
    result's excerpt starts with the text."""
    parts = [
        section.doel and f"Doel: {section.doel}",
        section.tijd and f"Tijd: {section.tijd}",
        section.benodigdheden and "Nodig: " + ", ".join(section.benodigdheden),
    ]
    return " ".join(part for part in parts if part)


def _traject_records(traject: Traject, renderer: Renderer, urls: Urls) -> Iterator[Record]:
    """The traject page, every public bijeenkomst and its public parts."""
    where = {RUBRIEK: [TRAJECT]}
    intro = plain(renderer.render(traject.source, leader=False).html)
    yield Record(TRAJECT_URL, traject.titel, f"{traject.samenvatting or ''} {intro}".strip(), where)
    for b in traject.public:
        text = plain(renderer.render(b.source, leader=False).html)
        yield Record(urls.bijeenkomst(b), b.titel, f"{b.samenvatting or ''} {text}".strip(), where)
        for part in b.public_parts:
            body = plain(renderer.render(part.source, leader=False).html)
            yield Record(
                f"{urls.bijeenkomst(b)}#{part.slug}",
                part.titel,
                " ".join(filter(None, (body, _leading(part)))),
                where,
                where=b.titel,
            )


class PagefindError(RuntimeError):
    pass


def _executable() -> Path | None:
    """Pagefind's binary, looked up in the order of the pip package's own client
    (`pagefind.service.get_executable`), whose module loads asyncio and ssl first: 0.09 s
    on the way of every edit that renews a part of the index."""
    configured = os.environ.get("PAGEFIND_BINARY_PATH")
    if configured is not None:
        return Path(configured)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            module = importlib.import_module(package)
            return Path(module.get_executable())
        except (ImportError, FileNotFoundError):
            continue
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(found) if found is not None else None


class _Service:
    """A pipelining client for `pagefind --service` (base64 JSON messages ending in ',').

    The pip package's own async client waits 0.1 s per reply, which makes a
    few thousand records take minutes; this one writes all requests from a
    thread while reading the replies, so the binary is never idle.
    """

    def __init__(self) -> None:
        binary = _executable()
        if binary is None:
            raise PagefindError("Pagefind ontbreekt: installeer het pakket 'pagefind[bin]'")
        try:
            self.process = subprocess.Popen(
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise PagefindError(
                f"Pagefind kan niet starten: {binary} ontbreekt of is niet uitvoerbaar"
            ) from error
        self.next_id = 0
        self.buffer = bytearray()

    def _message(self, payload: dict[str, object]) -> bytes:
        self.next_id += 1
        request = {"message_id": self.next_id, "payload": payload}
        return base64.b64encode(json.dumps(request).encode("utf-8")) + b","

    def _reply(self) -> dict[str, object]:
        """The next reply. A part's files come as one reply of some 20 MB (base64 JSON in
        base64): only the new bytes are searched for the end, and the message is decoded
        from the buffer itself, which is then let go before the JSON is read."""
        assert self.process.stdout is not None
        end = self.buffer.find(b",")
        while end < 0:
            chunk = os.read(self.process.stdout.fileno(), 1 << 20)
            if not chunk:
                raise PagefindError("Pagefind stopte onverwacht")
            found = chunk.find(b",")
            if found >= 0:
                end = len(self.buffer) + found
            self.buffer += chunk
        with memoryview(self.buffer) as view:
            raw = base64.b64decode(view[:end])
        del self.buffer[: end + 1]
        reply = json.loads(raw)
        del raw
        payload = reply.get("payload", {})
        if payload.get("type") == "Error":
            raise PagefindError(f"Pagefind: {payload.get('message')}")
        return dict(payload)

    def run(self, payloads: Iterable[dict[str, object]], count: int) -> list[dict[str, object]]:
        """Send `count` payloads and return their replies, in order. Each message is made
        and written in turn: a part's records are never held as messages all at once."""
        assert self.process.stdin is not None
        stdin = self.process.stdin

        def write() -> None:
            try:
                for payload in payloads:
                    stdin.write(self._message(payload))
                stdin.flush()
            except OSError:
                pass  # Pagefind stopped; the reader reports it

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        try:
            replies = [self._reply() for _ in range(count)]
        except BaseException:
            self.process.kill()  # unblocks the writer, whatever state the service is in
            writer.join()
            raise
        writer.join()
        return replies

    def close(self) -> None:
        """End the service; kill it if it does not stop by itself."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


_SIGNATURE = b"pagefind_dcd"


def _load(data: bytes) -> Any:
    import cbor2  # only when an index is made

    raw = gzip.decompress(data)
    assert raw.startswith(_SIGNATURE)
    return cbor2.loads(raw[len(_SIGNATURE) :])


def _dump(obj: Any) -> tuple[bytes, str]:
    """Pagefind's framing (signature + CBOR, gzipped without a timestamp) and a content hash."""
    import cbor2

    data = _SIGNATURE + cbor2.dumps(obj, canonical=True)
    return gzip.compress(data, mtime=0), hashlib.sha256(data).hexdigest()


def _make_stable(files: dict[str, bytes], order: dict[str, list[str]]) -> None:
    """Give Pagefind's filter files a fixed order, so equal input gives equal bytes.

    Pagefind 1.5 writes filter values in hash-map order, which differs from run
    to run (Pagefind/pagefind#638). We sort the values in curriculum order
    (unknown values last, by name), rename the files after their new content
    and point the language's meta file, and pagefind-entry.json, at them.
    """
    entry = json.loads(files["pagefind-entry.json"])
    for language, info in entry["languages"].items():
        meta = _load(files.pop(f"pagefind.{info['hash']}.pf_meta"))
        filters = []
        for name, file_hash in meta[3]:
            content = _load(files.pop(f"filter/{file_hash}.pf_filter"))
            wanted = order.get(name, [])
            content[1].sort(
                key=lambda v: (wanted.index(v[0]) if v[0] in wanted else len(wanted), v[0])
            )
            data, digest = _dump(content)
            new_hash = f"{language}_{digest[:7]}"
            files[f"filter/{new_hash}.pf_filter"] = data
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        data, digest = _dump(meta)
        info["hash"] = f"{language}_{digest[:10]}"
        files[f"pagefind.{info['hash']}.pf_meta"] = data
    files["pagefind-entry.json"] = json.dumps(
        entry, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


#: Pagefind's other interfaces; the site uses the default UI only.
_UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.")
#: What a merged part of the index is read from. The interface, its scripts and the search
#: code (wasm) come from the main part only: a part without them is 650 KB smaller.
_PART_FOLDERS = ("index/", "fragment/", "filter/")


def _in_part(path: str) -> bool:
    return (
        path == "pagefind-entry.json" or path.endswith(".pf_meta") or path.startswith(_PART_FOLDERS)
    )


class Indexer:
    """Pagefind services for the threads that index, one each, kept from part to part: a
    new service costs a process, and its first index costs more than the next (30 small
    parts: 42 ms of CPU each in their own service, 21 ms in one)."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._started: list[_Service] = []
        self._lock = threading.Lock()
        # also when a build that failed elsewhere drops it unclosed (`serve` goes on)
        self._closer = weakref.finalize(self, _close_all, self._started, self._lock)

    def service(self) -> _Service:
        """This thread's service; a new one if it has none or the last one stopped."""
        service: _Service | None = getattr(self._local, "service", None)
        if service is None or service.process.poll() is not None:
            service = _Service()
            self._local.service = service
            with self._lock:
                self._started.append(service)
        return service

    def close(self) -> None:
        self._closer()


def _close_all(started: list[_Service], lock: threading.Lock) -> None:
    with lock:
        services = list(started)
        started.clear()
    for service in services:
        service.close()


def make_index(
    items: list[Record],
    language: str,
    folder: Path,
    order: dict[str, list[str]] | None = None,
    *,
    interface: bool = True,
    indexer: Indexer | None = None,
) -> list[str]:
    """Write Pagefind's index and its UI files into `folder` (emptied first); their paths
    in it, as in the site's pagefind/ folder.

    `order` gives, per filter, the order its values should be offered in. Without
    `interface` only the index is written: a part that the main part's search merges.
    With an `indexer` the index is made by its service for this thread, and let go after.
    """
    own = indexer or Indexer()
    service = own.service()
    try:
        (created,) = service.run([{"type": "NewIndex", "config": {"force_language": language}}], 1)
        index_id = created["index_id"]
        service.run(
            ({**pagefind_record(record, language), "index_id": index_id} for record in items),
            len(items),
        )
        # GetFiles, not WriteFiles: the service answers WriteFiles before every file is
        # on disk, and leaves files half written when it is told to stop after that.
        reply, _ = service.run(
            [
                {"type": "GetFiles", "index_id": index_id},
                {"type": "DeleteIndex", "index_id": index_id},
            ],
            2,
        )
    finally:
        if indexer is None:
            own.close()
    files_list: Any = reply.pop("files")
    files = {
        f["path"]: base64.b64decode(f.pop("content"))
        for f in files_list
        if not f["path"].startswith(_UNUSED) and (interface or _in_part(f["path"]))
    }
    del files_list
    _make_stable(files, order or {})
    try:
        merged_search(files, order)
    except UnexpectedPagefind as error:
        raise PagefindError(
            f"Pagefind: {error} is anders dan deze versie van focusbuild verwacht; "
            "installeer pagefind[bin] 1.5 (zie pyproject.toml)"
        ) from error
    shutil.rmtree(folder, ignore_errors=True)
    names = sorted(files)
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files.pop(name))
    return names
