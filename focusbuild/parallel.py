"""Spread independent work over forked processes, keeping results in order.

The work is a function of an index into something both sides already hold:
forked workers inherit the parent's memory, so only indexes go out and only
results come back. Small batches run in this process, since starting workers
would cost more than it saves. Workers are forked when `Workers` is entered,
so a caller can fork first and start helper threads afterwards (forking a
process that runs threads is unsafe).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from multiprocessing.pool import Pool
from types import TracebackType
from typing import Any, Generic, TypeVar

T = TypeVar("T")

SHARES = 8  # runs of work per worker

_task: Callable[[int], Any] | None = None


def _run(indexes: range) -> list[Any]:
    assert _task is not None
    return [_task(i) for i in indexes]


def fork_safe() -> bool:
    """Whether this process may fork a helper now: fork exists here, and no other thread
    runs (a child of a process with threads can inherit a lock held for ever; `serve`
    builds in a thread beside its web server)."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Workers(Generic[T]):
    """`with Workers(task, count, jobs) as w: results = w.map()`."""

    def __init__(
        self, task: Callable[[int], T], count: int, jobs: int, *, minimum: int = 64
    ) -> None:
        self.task = task
        self.count = count
        usable = "fork" in multiprocessing.get_all_start_methods()
        self.jobs = min(jobs, count // max(minimum // 2, 1)) if usable and count >= minimum else 1
        self.pool: Pool | None = None

    def __enter__(self) -> Workers[T]:
        global _task
        if self.jobs > 1:
            _task = self.task
            self.pool = multiprocessing.get_context("fork").Pool(self.jobs)
            _task = None  # the children have their copy
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()

    def map(self) -> list[T]:
        """[task(0), …, task(count - 1)]."""
        return self.begin()()

    def begin(self) -> Callable[[], list[T]]:
        """Start the work; the function returned waits for it and gives the results in
        order. In the meantime this process may do other work (such as feeding the
        search index from a thread: the workers are forked already)."""
        if self.pool is None:
            return lambda: [self.task(i) for i in range(self.count)]
        # runs of indexes, several per worker: each comes back as its own message, so
        # no one message holds half of all results, and a slow run delays no others
        size = max(1, -(-self.count // (self.jobs * SHARES)))
        chunks = [range(k, min(k + size, self.count)) for k in range(0, self.count, size)]
        pending = self.pool.map_async(_run, chunks, chunksize=1)

        def results() -> list[T]:
            ordered: list[Any] = [None] * self.count
            for chunk, part in zip(chunks, pending.get(), strict=True):
                for index, value in zip(chunk, part, strict=True):
                    ordered[index] = value
            return ordered

        return results

    def background(self) -> Callable[[], list[T]]:
        """Fork the workers and start the work. The function returned waits for the
        results (in order) and ends the workers."""
        self.__enter__()
        try:
            waiting = self.begin()
        except BaseException:
            self.__exit__(None, None, None)
            raise

        def results() -> list[T]:
            try:
                return waiting()
            finally:
                self.__exit__(None, None, None)

        return results

    def each(self) -> Iterator[tuple[int, T]]:
        """(index, task(index)) for every index, as soon as each one is done."""
        if self.pool is None:
            for index in range(self.count):
                yield index, self.task(index)
            return
        for index, value in self.pool.imap_unordered(_one, range(self.count)):
            yield index, value


def _one(index: int) -> tuple[int, Any]:
    assert _task is not None
    return index, _task(index)


def fork_map(task: Callable[[int], T], count: int, jobs: int) -> list[T]:
    """[task(0), …, task(count - 1)], computed by up to `jobs` forked processes."""
    with Workers(task, count, jobs) as workers:
        return workers.map()
