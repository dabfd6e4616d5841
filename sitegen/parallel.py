"""Run independent pieces of a stage in several processes, or in this one when that is not worth it.

Work is handed over by ``fork``: each worker inherits the tasks (closures over the
site model, already in memory) and only the results travel back, pickled by the
standard library between this process and its own children.  Forking is used
only where it is safe and cheap: on systems that have it, from a process with a
single thread (the preview server, which runs threads, builds in one process).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import TypeVar

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")

PARALLEL_MIN = 500
"""Profiles below which a site is built in one process (starting workers would cost more)."""

_inherited: list[Callable[[], object]] = []
"""The tasks, as each worker inherits them from the parent at fork time (filled only in workers)."""


def available_jobs() -> int:
    """The processors this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """True when forking workers is safe here: the system has fork and this process runs one thread."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def run_all(tasks: Sequence[Callable[[], T]], jobs: int) -> list[T]:
    """Every task's result, in the order given; tasks run in up to ``jobs`` processes, longest first if listed so."""
    if jobs <= 1 or len(tasks) <= 1 or not can_fork():
        return [task() for task in tasks]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(jobs, len(tasks)), context, initializer=_inherit, initargs=(tasks,)) as pool:
        return list(pool.map(_run, range(len(tasks))))  # type: ignore[arg-type]  # each _run(i) is tasks[i]()


def map_in_parts(function: Callable[[Sequence[A]], list[B]], items: Sequence[A], jobs: int) -> list[B]:
    """``function`` applied to interleaved parts of ``items`` in up to ``jobs`` processes; results in item order."""
    parts = shards(len(items), jobs)
    done = run_all([partial(function, [items[i] for i in part]) for part in parts], jobs)
    merged: dict[int, B] = {}
    for part, results in zip(parts, done, strict=True):
        merged.update(zip(part, results, strict=True))
    return [merged[index] for index in range(len(items))]


def shards(count: int, jobs: int, per_job: int = 2) -> list[range]:
    """Split ``count`` items into interleaved index sets, ``per_job`` per job so that workers stay busy."""
    parts = max(1, min(count, jobs * per_job if jobs > 1 else 1))
    return [range(start, count, parts) for start in range(parts)]


def _inherit(tasks: Sequence[Callable[[], object]]) -> None:
    _inherited[:] = tasks


def _run(number: int) -> object:
    return _inherited[number]()
