"""Run independent pieces of a stage in several processes, or in this one when that is not worth it.

Work is handed over by ``fork``: each worker inherits the tasks (closures over the
site model, already in memory) and only the results travel back, pickled by the
standard library between this process and its own children.  Forking is used
only where it is safe and cheap: on systems that have it, from a process with a
single thread (the preview server, which runs threads, builds in one process).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import InvalidStateError, ProcessPoolExecutor
from functools import partial
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar, cast

from sitegen.memory import frozen_for_children
from sitegen.problems import BuildError

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")

STOP_GRACE = 10.0
"""Seconds a stopped task has to clean up (its temporary folders) before its process is killed."""

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
    with all_started(tasks, jobs) as results:
        return list(results())


@contextlib.contextmanager
def all_started(tasks: Sequence[Callable[[], T]], jobs: int) -> Iterator[Callable[[], Iterator[T]]]:
    """``run_all`` started as the block begins: the block calls what it is given (once) for the
    results, and does its own work meanwhile, beside the workers.  The results come in the tasks'
    order, each as soon as it is done: the block can take in the first while the workers still
    run the last.  Tasks that run here (one job, one task, or no fork) run as their results are
    taken."""
    if jobs <= 1 or len(tasks) <= 1 or not can_fork():
        yield lambda: (task() for task in tasks)
        return
    context = multiprocessing.get_context("fork")
    before = set(multiprocessing.active_children())
    with (
        frozen_for_children(),
        ProcessPoolExecutor(min(jobs, len(tasks)), context, initializer=_inherit, initargs=(tasks,)) as pool,
    ):
        results = cast(Iterator[T], pool.map(_run, range(len(tasks))))  # forks the workers now; _run(i) is tasks[i]()
        workers = set(multiprocessing.active_children()) - before
        try:
            yield lambda: results
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM), or a task failed: no result will be read, so the tasks
            # not started are dropped and the workers ended (a task is a share of every page: it
            # would run on for seconds).
            with _cancelled_quietly():
                for worker in workers:
                    worker.kill()
                pool.shutdown(wait=True, cancel_futures=True)
            raise


@contextlib.contextmanager
def _cancelled_quietly() -> Iterator[None]:
    """The pool's workers killed and its tasks cancelled without a traceback: on Python 3.11 the
    pool's manager thread, finding its workers gone, marks each task not done as failed, and raises
    InvalidStateError ("Exception in thread …") for one the shutdown cancelled meanwhile (CPython
    gh-107219, which later versions ignore there). That error, in that thread, is all this hides."""
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if not issubclass(args.exc_type, InvalidStateError):
            previous(args)

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = previous


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


class Ahead(Generic[T]):
    """A task started in a forked process before the last of its inputs is known.

    ``task`` runs at once in its own process with one argument, ``receive``: it may do what
    it can, then call ``receive()`` for the value the parent ``send``s when it has it, and
    finish.  ``result`` waits for what the task returned (or raises what it raised);
    ``stop`` ends the process early.  The parent goes on with other work meanwhile, so a
    long task (the search index) runs beside everything that precedes the one input it
    lacks (the photos' sizes), not only beside the work that follows it.
    """

    def __init__(self, task: Callable[[Callable[[], object]], T]) -> None:
        context = multiprocessing.get_context("fork")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_ahead, args=(task, theirs, self.connection), daemon=True)
        try:
            with frozen_for_children():
                self.process.start()
        except BaseException:
            self.connection.close()
            theirs.close()
            raise
        theirs.close()  # only the child holds its end: the parent sees the end of the pipe if it dies

    def send(self, value: object) -> None:
        """Give the task the value its ``receive()`` waits for."""
        with contextlib.suppress(OSError):  # the task has already ended (it failed): ``result`` says how
            self.connection.send(value)

    def result(self) -> T:
        """What the task returned; what it raised is raised here."""
        try:
            outcome, value = self.connection.recv()
        except (EOFError, OSError):
            self.process.join()
            raise BuildError(f"a build process ended unexpectedly (exit code {self.process.exitcode})") from None
        finally:
            self.connection.close()
        self.process.join()
        if outcome == "failed":
            raise value
        return value  # type: ignore[no-any-return]  # what the task returned, as sent by _ahead

    def stop(self) -> None:
        """End the task's process, whatever it is doing, and wait for it.

        The task is asked first (``SIGTERM``, which raises ``SystemExit`` in it), so what it holds
        open is closed and its temporary folders removed; a task still running ``STOP_GRACE``
        seconds later is killed.
        """
        deadline = time.monotonic() + STOP_GRACE
        while self.process.is_alive() and time.monotonic() < deadline:
            # Asked again until it ends: a signal that lands as the process is forked is lost
            # (Python clears what was pending in a new child); the task takes only the first.
            self.process.terminate()
            self.process.join(0.1)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


@contextlib.contextmanager
def stopped_on_failure(process: Ahead[Any] | None) -> Iterator[None]:
    """End ``process`` (a task running beside the block) if the block fails: nothing would read its result."""
    try:
        yield
    except BaseException:
        if process is not None:
            process.stop()
        raise


Keep = Callable[[Callable[[], object], bool], None]
"""Runs a task: in a process of its own if the flag says that is worth it (and forking is safe)."""


def at_once(task: Callable[[], object], worth_it: bool) -> None:
    """A ``Keep`` that runs every task here and now."""
    task()


@contextlib.contextmanager
def in_background() -> Iterator[Keep]:
    """A ``Keep`` that runs a task in a process of its own when its caller says that is worth it and
    forking is safe, else at once; every task so started has ended when the block does (what one
    raised is raised then, unless the block itself raised)."""
    started: list[Ahead[object]] = []

    def run(task: Callable[[], object], worth_it: bool) -> None:
        if worth_it and can_fork():
            try:
                started.append(Ahead(lambda _receive: task()))
                return
            except OSError:  # no process to be had (memory, a process limit): the task runs here instead
                pass
        task()

    failed = True
    try:
        yield run
        failed = False
    finally:
        for process in started:
            try:
                process.result()
            except Exception:
                if not failed:
                    raise


@contextlib.contextmanager
def temporary_folder(prefix: str) -> Iterator[str]:
    """A new private folder, removed with everything in it when the block ends, also when the task
    making it is stopped (``Ahead.stop``): the stop is held off while the folder is made and its
    removal arranged, so it cannot land between the two."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        with tempfile.TemporaryDirectory(prefix=prefix) as name:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a stop from here on leaves by the ``with``
            yield name
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # the folder could not be made


def _ahead(task: Callable[[Callable[[], object]], object], connection: Connection, parents: Connection) -> None:
    parents.close()  # only the parent holds its end: the task sees the end of the pipe if it dies
    signal.signal(signal.SIGTERM, _stopped)  # ``Ahead.stop``: the task unwinds, its ``with`` blocks closed
    # The value is read as soon as the parent sends it, by a thread: the parent never waits for
    # the task to ask (a pipe holds 64 KiB; thousands of thumbnails' URLs are more).
    received: list[object] = []
    reader = threading.Thread(target=_receive, args=(connection, received), daemon=True)
    # The reader never takes a stop (``SIGTERM``): it comes to this thread, which can hold it off.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        reader.start()  # with this thread's signal mask
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def receive() -> object:
        reader.join()
        if not received:
            raise BuildError("the build stopped before its process had what it needed")
        return received[0]

    try:
        outcome: tuple[str, object] = ("done", task(receive))
    except BaseException as exc:  # everything the task raised goes back to the parent
        outcome = ("failed", exc)
    try:
        connection.send(outcome)
    except OSError:
        pass  # the parent has gone (it stopped this task, or was interrupted): no one to tell
    except Exception as exc:  # what was raised could not be pickled: send its words
        with contextlib.suppress(OSError):
            connection.send(("failed", BuildError(f"a build process failed: {exc}")))


def _stopped(signum: int, _frame: object) -> None:
    if _stopping:
        return  # asked again while it unwinds: its cleanup is not cut short
    _stopping.append(signum)
    raise SystemExit(128 + signum)


_stopping: list[int] = []
"""The stop this process was asked for, once asked (``Ahead.stop``)."""


def _receive(connection: Connection, into: list[object]) -> None:
    with contextlib.suppress(EOFError, OSError):  # the parent ended first: ``receive`` says so
        into.append(connection.recv())


def _inherit(tasks: Sequence[Callable[[], object]]) -> None:
    _inherited[:] = tasks


def _run(number: int) -> object:
    return _inherited[number]()
