"""A function run in a new Python process: one that shares none of this process's memory.

A forked process shares its parent's pages until one of the two writes to one, and Python writes
to every object it reads (its reference count). Analysing half of 100,000 profiles in a forked
process, with this one analysing the other half, copied most of the site model between the two
(about 600 MB more between them, measured with their PSS). A new interpreter given only what it
needs, its items pickled one by one through its standard input, copies nothing of this process.
It costs what pickling the items costs here, and the interpreter's start (taken while this
process goes on with its own work).

The worker reads every item before it starts: this process writes them all and goes on, never
waiting for the worker to get through them. A worker whose parent has gone (killed outright, as
``kill -9`` would end a build) stops itself as ``Spawned.stop`` would: no one would read its result,
and its temporary folders are removed. What the function returns (or raises) comes back
pickled through the worker's standard output, read as it arrives (no copy of it whole in either
process).
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import IO, Any, Generic, TypeVar

from sitegen.parallel import STOP_GRACE, ended_unexpectedly, tell, unwind_when_stopped
from sitegen.problems import BuildError

T = TypeVar("T")
A = TypeVar("A")

READ_PART = 1 << 20
"""Bytes of the items read at a time."""
WATCH_EVERY = 0.25
"""Seconds between a worker's looks at whether its parent is still there (``_watch``)."""

_BOOT = "import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); from sitegen.spawned import serve; serve()"
"""The worker's program: this process's module path first (so that the same sitegen, and the module
of the function given, are found), then ``serve``."""


class Spawned(Generic[A, T]):
    """``function(items)`` run in a new Python process, started at once, beside this process's own work:
    items of type ``A``, a result of type ``T``.

    The process starts (a sixth of a second for an interpreter importing sitegen's search) as soon
    as this is made; ``give`` hands it the items, and it runs the function once it has them all.
    ``function`` must be importable by its module and name (it is pickled by reference), and every
    item picklable. ``result`` waits for what it returned, or raises what it raised; ``stop`` ends it.
    """

    def __init__(self, function: Callable[[Iterator[A]], T]) -> None:
        try:
            self.process = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed program
                [sys.executable, "-c", _BOOT],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # what it raises comes back as data; a crash is told by its exit code
            )
        except OSError as exc:  # no more processes or files allowed, or no interpreter where it was
            raise BuildError(f"a build process could not be started: {exc.strerror or exc}") from None

        def start(source: IO[bytes]) -> None:
            pickle.dump(sys.path, source)
            pickle.dump(os.getpid(), source)  # the parent a worker watches for (``_watch``)
            pickle.dump(function, source)  # by reference: the worker imports its module meanwhile

        self._send(start)

    def give(self, items: Iterable[A]) -> None:
        """Hand the function its items (every one written here, at once), and let it run."""

        def write(source: IO[bytes]) -> None:
            for item in items:
                source.write(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))  # each its own memo: none kept here

        self._send(write)
        self._close()

    def _send(self, write: Callable[[IO[bytes]], object]) -> None:
        source = self._pipe(self.process.stdin)
        if source.closed:
            return
        try:
            write(source)
            source.flush()
        except BrokenPipeError:
            self._close()  # the worker has ended already: ``result`` says how
        except BaseException:
            self.stop()
            raise

    def _close(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            self._pipe(self.process.stdin).close()

    @staticmethod
    def _pipe(end: IO[bytes] | None) -> IO[bytes]:
        if end is None:  # pragma: no cover - Popen made it: asked for with PIPE
            raise BuildError("a build process could not be started (no pipe to it)")
        return end

    def result(self) -> T:
        """What the function returned; what it raised is raised here."""
        self._close()  # the items given are all it gets
        answer = self._pipe(self.process.stdout)
        try:
            outcome, value = pickle.load(answer)  # noqa: S301 - written by the worker this process started
        except (EOFError, OSError, pickle.UnpicklingError, ValueError):
            raise ended_unexpectedly(self.process.wait()) from None
        finally:
            answer.close()
        self.process.wait()
        if outcome == "failed":
            raise value
        return value  # type: ignore[no-any-return]  # what the function returned, as ``serve`` sent it

    def stop(self) -> None:
        """End the worker, whatever it is doing, and wait for it."""
        self.process.terminate()
        try:
            self.process.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for end in (self.process.stdin, self.process.stdout):
            if end is not None:
                with contextlib.suppress(OSError):
                    end.close()


class _Read(io.RawIOBase):
    """What the parent wrote, read ahead in parts, each let go of once read (``serve``)."""

    def __init__(self, parts: deque[bytes]) -> None:
        self._parts = parts
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._parts and self._at == len(self._parts[0]):
            self._parts.popleft()
            self._at = 0
        if not self._parts:
            return 0
        part = memoryview(self._parts[0])[self._at : self._at + len(buffer)]
        buffer[: len(part)] = part
        self._at += len(part)
        return len(part)


def _items(source: io.BufferedReader) -> Iterator[object]:
    while source.peek(1):
        yield pickle.load(source)  # noqa: S301 - written by the process that started this one


def _watch(parent: int) -> None:
    """Stop this worker (``SIGTERM``, as ``Spawned.stop`` does) once ``parent`` has gone: it was
    killed outright, with no chance to stop it. Its items may be cut short then; its result would be
    read by no one."""
    while os.getppid() == parent:
        time.sleep(WATCH_EVERY)
    os.kill(os.getpid(), signal.SIGTERM)


def serve() -> None:
    """The worker: read the function and every item, then send back what the function returned or raised."""
    # ``Spawned.stop`` unwinds the function: what it holds open is closed, its temporary folders removed.
    unwind_when_stopped()
    source = sys.stdin.buffer
    parent = pickle.load(source)  # noqa: S301 - written by the process that started this one
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    # Everything the function makes lives until it returns, as in a build (``memory.collector_paused``):
    # the collector would walk it again and again for nothing.
    gc.disable()
    function = pickle.load(source)  # noqa: S301 - written by the process that started this one
    # Every item read at once (the parent never waits for this process to take them), each part let
    # go of as the items in it are taken.
    parts = deque(iter(partial(source.read, READ_PART), b""))
    answer = sys.stdout.buffer
    try:
        outcome: tuple[str, object] = ("done", function(_items(io.BufferedReader(_Read(parts)))))
    except BaseException as exc:  # everything the function raised goes back to the parent
        outcome = ("failed", exc)

    def whole(told: object) -> None:
        answer.write(pickle.dumps(told))
        answer.flush()

    if outcome[0] != "done":
        tell(whole, outcome)
        return
    try:
        pickle.dump(outcome, answer, pickle.HIGHEST_PROTOCOL)  # written as made: no copy of it whole
        answer.flush()
    except BrokenPipeError:
        pass  # the parent has gone (it stopped this worker, or was interrupted): no one to tell
