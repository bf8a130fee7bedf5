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

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache.objects import Objects
from focusbuild.cache.search import SearchState
from focusbuild.cache.traces import Inputs, Trace
from focusbuild.diagnostics import count
from focusbuild.products.base import Outcome, Pending, Placement, Product, Report
from focusbuild.render.bodies import Renderer
from focusbuild.render.pagefind import filter_order, make_index, records

INDEX = "search"  # the index's name among the traces


@dataclass
class SearchReport(Report):
    records: int
    indexed: bool  # False: the last index was reused
    deferred: bool = False  # the last index was kept although out of date (serve)

    def lines(self, where: str) -> list[str]:
        items = count(self.records, "item", "items")
        how = "opnieuw gemaakt" if self.indexed else "hergebruikt"
        if self.deferred:
            how = "wordt zo vernieuwd"
        return [f"Zoekindex: {items} ({how})."]


class SearchIndex(Product):
    name = "search"
    target = "site"
    label = "de website"

    def plan(self) -> list[Artifact]:
        return [artifacts.public(artifacts.PAGEFIND)]

    def make(self) -> Outcome | Pending:
        started = time.perf_counter()
        build = self.build
        traces, objects = build.traces(self.name), build.objects(self.name)
        trace = traces.lookup(INDEX)
        deferred = False
        if trace is None and build.preview.defer_search:
            previous = traces.previous(INDEX)
            if previous is not None and _may_defer(previous, traces.inputs, build.renderer):
                trace, deferred = previous, True
        files = objects.tree(trace.key) if trace is not None else None
        if trace is not None and files is not None:
            if deferred:
                traces.carry(INDEX)  # the old index stays in use, so it stays in the cache
            objects.keep_used()
            state = trace.payload
            report = SearchReport(state.records if isinstance(state, SearchState) else 0, False)
            report.deferred = deferred
            report.seconds = time.perf_counter() - started
            return Outcome(_placed(files), not deferred, [trace.key], report)
        with build.renderer.recorder.recording() as reads:
            items = list(records(build.site, build.renderer))
        order = filter_order(build.site)
        background = ThreadPoolExecutor(max_workers=1)
        indexing = background.submit(make_index, items, build.site.config.taal, order)
        background.shutdown(wait=False)

        def finish() -> Outcome:
            made = indexing.result()
            names = sorted(reads)
            inputs = traces.inputs
            state = SearchState(len(items), inputs.base, tuple(inputs.digest(n) for n in names))
            key = traces.record(INDEX, names, state).key
            files = _stored(objects, key, made)
            report = SearchReport(len(items), True)
            report.seconds = time.perf_counter() - started
            return Outcome(_placed(files), False, [key], report)

        return finish


def _stored(objects: Objects, key: str, made: dict[str, bytes]) -> list[tuple[str, Path]]:
    objects.put_tree(key, sorted(made.items()))
    objects.keep_used()
    files = objects.tree(key)
    assert files is not None
    return files


def _placed(files: list[tuple[str, Path]]) -> list[Placement]:
    return [Placement(artifacts.public(artifacts.PAGEFIND + inner), path) for inner, path in files]


def _may_defer(previous: Trace, inputs: Inputs, renderer: Renderer) -> bool:
    """Whether the last index may stay in use a moment longer (`serve`).

    Not when the skeleton changed (e.g. `handleiding: true` was added), nor when
    an edited text has a block the public does not see: the old index could
    hold text that has just become leader-only.
    """
    state = previous.payload
    if not isinstance(state, SearchState) or state.base != inputs.base:
        return False
    for name, digest in zip(previous.names, state.digests, strict=True):
        if inputs.digest(name) != digest:
            kind, _, rel = name.partition(":")
            rendered = renderer.rendered(rel) if kind == "body" else None
            if rendered is None or rendered.public_differs:
                return False
    return True
