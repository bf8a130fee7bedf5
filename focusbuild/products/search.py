"""The search index: Pagefind's index of every public text, and its search UI.

Its records come from the model (`render/pagefind.py`), never from the
pages, so only public renderings are indexed. The index is reused while
none of the texts it read changed. Pagefind runs in its own process, fed
from a thread while the pages are rendered in theirs.

For `serve` the last index may stay in use a moment after an edit
(`Preview.defer_search`), so the page is on screen before Pagefind has run;
never when the edit may have made text leader-only.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache.objects import Objects
from focusbuild.cache.search import SearchState
from focusbuild.cache.traces import Inputs, Trace, TraceStore
from focusbuild.diagnostics import count
from focusbuild.products.base import Build, Outcome, Pending, Placement, Product, Report
from focusbuild.render.bodies import Renderer
from focusbuild.render.pagefind import (
    Indexer,
    Record,
    bundle_of,
    bundles,
    filter_order,
    make_index,
    part_names,
    records,
)

INDEX = "search"  # the index's name among the traces


@dataclass
class SearchReport(Report):
    records: int
    indexed: bool  # False: the last index was reused
    deferred: bool = False  # the last index was kept although out of date (serve)
    parts: int = 1  # the index's parts (main, and on a large site one per blok and katern)
    made: int = 0  # parts made again

    def lines(self, where: str) -> list[str]:
        items = count(self.records, "item", "items")
        how = "hergebruikt"
        if self.indexed:
            how = (
                "opnieuw gemaakt"
                if self.made == self.parts
                else (f"{self.made} van {self.parts} delen opnieuw gemaakt")
            )
        if self.deferred:
            how = "wordt zo vernieuwd"
        return [f"Zoekindex: {items} ({how})."]


#: The main part's name among the traces when it is the whole index (`pagefind.bundles`
#: gives no parts): it then holds every record, not only those of home, pages, traject,
#: news and agenda, so the main part of a parted index must not stand in for it.
WHOLE = "heel"


def _trace_name(part: str, *, whole: bool = False) -> str:
    if whole:
        return f"{INDEX}:{WHOLE}"
    return f"{INDEX}:{part}" if part else INDEX


class SearchIndex(Product):
    """One Pagefind index; on a site with much text one per blok and katern and one for
    the rest, merged by the search page (Pagefind's mergeIndex): an edit renews only the
    part that holds the text (`pagefind.bundles`)."""

    name = "search"
    target = "site"
    label = "de website"

    def plan(self) -> list[Artifact]:
        return [artifacts.public(artifacts.PAGEFIND)]

    def make(self) -> Outcome | Pending:
        started = time.perf_counter()
        build = self.build
        traces, objects = build.traces(self.name), build.objects(self.name)
        owners = bundles(build.site)
        parts = ["", *part_names(owners)]
        # no parts: the main part is the whole index, under a trace of its own
        trace_names = {part: _trace_name(part, whole=not owners) for part in parts}
        kept: dict[str, tuple[Trace, list[tuple[str, Path]]]] = {}
        deferred = False
        for part in parts:
            found = self._reuse(trace_names[part], traces, objects)
            if found is not None:
                kept[part] = found[0], found[1]
                deferred = deferred or found[2]
        if len(kept) == len(parts):
            objects.keep_used()
            records_count = sum(_count(trace) for trace, _ in kept.values())
            report = SearchReport(records_count, False, deferred, len(parts))
            report.seconds = time.perf_counter() - started
            return _outcome(kept, report, fresh=not deferred)
        order = filter_order(build.site)
        language = build.site.config.taal
        todo = {part for part in parts if part not in kept}
        # Pagefind runs in its own processes, beside the page workers: a part per core and
        # one more. A thread's service waits while the thread decodes and writes a part's
        # files (a quarter of the time), so with a service per core the index's last
        # second, after the pages, kept 1.5 of 2 cores busy.
        threads = max(1, min(len(todo), build.jobs + 1))
        background = ThreadPoolExecutor(max_workers=threads)
        indexer = Indexer()  # a Pagefind service per thread, for all the parts it makes

        def index(part: str, items: list[Record]) -> Future[tuple[Path, list[str]]]:
            spool = objects.folder / f".tmp-{os.getpid()}-part-{part or INDEX}"
            # the thread holds the records from here on, and drops them once sent
            main = part == ""
            return background.submit(_spooled, spool, items, language, order, main, indexer)

        def stop() -> None:
            """The threads and their Pagefind processes end (done, failed or not started)."""
            background.shutdown(wait=True, cancel_futures=True)
            indexer.close()

        try:
            counts, reads, indexing = _streamed(build, owners, todo, index, threads)
        except BaseException:
            stop()
            raise
        background.shutdown(wait=False)

        def finish() -> Outcome:
            try:
                made = {part: future.result() for part, future in indexing.items()}
            finally:
                stop()
            done = dict(kept)
            for part, result in made.items():
                names = sorted(reads.get(part, ()))
                inputs = traces.inputs
                digests = tuple(inputs.digest(n) for n in names)
                hidden = tuple(_hidden(n, build.renderer) for n in names)
                state = SearchState(counts.get(part, 0), inputs.base, digests, hidden)
                trace = traces.record(trace_names[part], names, state)
                done[part] = trace, objects.move_tree(trace.key, *result)
            objects.keep_used()
            total = sum(counts.values()) + sum(_count(trace) for trace, _ in kept.values())
            # a part kept out of date (serve) is still to be renewed, after this build
            report = SearchReport(total, True, deferred, len(parts), len(todo))
            report.seconds = time.perf_counter() - started
            return _outcome(done, report, fresh=False)

        return finish

    def _reuse(
        self, name: str, traces: TraceStore, objects: Objects
    ) -> tuple[Trace, list[tuple[str, Path]], bool] | None:
        """A part of the last index (by its trace `name`) that may stay: unchanged, or
        (serve) deferred."""
        build = self.build
        trace = traces.lookup(name)
        deferred = False
        if trace is None and build.preview.defer_search:
            previous = traces.previous(name)
            if previous is not None and _may_defer(previous, traces.inputs, build.renderer):
                trace, deferred = previous, True
        files = objects.tree(trace.key) if trace is not None else None
        if trace is None or files is None:
            return None
        if deferred:
            traces.carry(name)  # the old part stays in use, so it stays in the cache
        return trace, files, deferred


def _count(trace: Trace) -> int:
    state = trace.payload
    return state.records if isinstance(state, SearchState) else 0


def _outcome(
    done: dict[str, tuple[Trace, list[tuple[str, Path]]]], report: SearchReport, *, fresh: bool
) -> Outcome:
    """The parts' files placed below pagefind/, and their trace keys as the signature."""
    ordered = sorted(done.items())
    files = [(part, files) for part, (_, files) in ordered]
    return Outcome(_placed(files), fresh, [trace.key for _, (trace, _) in ordered], report)


def _streamed(
    build: Build,
    owners: dict[str, str],
    todo: set[str],
    index: Callable[[str, list[Record]], Future[tuple[Path, list[str]]]],
    threads: int,
) -> tuple[dict[str, int], dict[str, set[str]], dict[str, Future[tuple[Path, list[str]]]]]:
    """Every record of the parts to be made (`todo`) counted in its part, with what each
    part read to make its records. The records come part by part, and each part is
    handed to `index` as soon as its last record is there and at most one part waits for
    the `threads` that index: only the parts being indexed, one waiting and the one being
    made are in memory, not the text of the whole site. (Handed over at once, every part
    waited in the threads' queue: making records is five times as fast as indexing them,
    and a build of 20,000 sections held 48 MB of records at its peak.) The parts that stay
    are not read."""
    counts: dict[str, int] = {}
    reads: dict[str, set[str]] = {}
    indexing: dict[str, Future[tuple[Path, list[str]]]] = {}
    found = records(build.site, build.renderer, lambda url: bundle_of(url, owners) in todo)
    recorder = build.renderer.recorder
    part: str | None = None
    items: list[Record] = []
    while True:
        with recorder.recording() as read:
            item = next(found, None)
        here = bundle_of(item.url, owners) if item is not None else None
        if here != part:
            if part is not None:
                _wait_for_a_thread(indexing.values(), threads)
                indexing[part] = index(part, items)
            items = []
            if here in counts:
                raise RuntimeError(f"the records of search part {here!r} are apart")  # a bug
        if item is None or here is None:
            break
        part = here
        counts[here] = counts.get(here, 0) + 1
        reads.setdefault(here, set()).update(read)
        items.append(item)
    for empty in sorted(todo - indexing.keys()):  # a part without records gets an empty index
        indexing[empty] = index(empty, [])
    return counts, reads, indexing


def _wait_for_a_thread(started: Iterable[Future[Any]], threads: int) -> None:
    """Wait until at most `threads` of the parts `started` are still being indexed or
    waiting for a thread: one part waits, so a thread that finishes finds the next
    (with none waiting, a thread stood idle while the next part's records were made:
    0.1-0.3 s of a 4.5 s build of 2,000 sections)."""
    running = [future for future in started if not future.done()]
    while len(running) > threads:
        wait(running, return_when=FIRST_COMPLETED)
        running = [future for future in running if not future.done()]


def _spooled(
    spool: Path,
    items: list[Record],
    language: str,
    order: dict[str, list[str]],
    main: bool,
    indexer: Indexer,
) -> tuple[Path, list[str]]:
    """Index a part into `spool` (its files are written there as they are decoded), so
    that neither its records nor its files wait in memory for the pages to finish. The
    `main` part also carries the search page's interface and Pagefind's search code. The
    cache prunes a spool that a killed build left behind."""
    names = make_index(items, language, spool, order, interface=main, indexer=indexer)
    items.clear()  # the records are sent
    return spool, names


def _placed(parts: list[tuple[str, list[tuple[str, Path]]]]) -> list[Placement]:
    """Each part's files: the main part in pagefind/, the others in pagefind/PART/."""
    return [
        Placement(artifacts.public(artifacts.PAGEFIND + (f"{part}/" if part else "") + inner), path)
        for part, files in parts
        for inner, path in files
    ]


_UNKNOWN = "?"  # what a body hid is not known: never the same as now


def _hidden(name: str, renderer: Renderer) -> str:
    """What the body `name` hides from the public, as a digest ("" for other inputs)."""
    kind, _, rel = name.partition(":")
    if kind != "body":
        return ""
    rendered = renderer.rendered(rel)
    return rendered.hidden_digest if rendered is not None else _UNKNOWN


def _may_defer(previous: Trace, inputs: Inputs, renderer: Renderer) -> bool:
    """Whether the last index may stay in use a moment longer (`serve`).

    Not when the skeleton changed (e.g. `handleiding: true` was added), nor when
    an edited text hides other lines from the public than it did when the index
    was made: the old index could hold text that has just become leader-only.
    An edit to the public text of a section with leader blocks may wait.
    """
    state = previous.payload
    if not isinstance(state, SearchState) or state.base != inputs.base:
        return False
    hidden = state.hidden if len(state.hidden) == len(state.digests) else ()
    for at, (name, digest) in enumerate(zip(previous.names, state.digests, strict=True)):
        if inputs.digest(name) != digest:
            kind, _, rel = name.partition(":")
            rendered = renderer.rendered(rel) if kind == "body" else None
            if rendered is None or not hidden or rendered.hidden_digest != hidden[at]:
                return False
    return True
