"""Run independent pieces of a stage in several processes, or in this one when that is not worth it.

Work is handed over by ``fork``: each worker inherits the tasks (closures over the
site model, already in memory) and only the results travel back, pickled by the
standard library between this process and its own children.  Forking is used
only where it is safe and cheap: on systems that have it, from a process with a
single thread (the preview server, which runs threads, builds in one process).
"""

from __future__ import annotations

import contextlib
import errno
import mmap
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import InvalidStateError, ProcessPoolExecutor
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from typing import Generic, NoReturn, Protocol, TypeVar, cast

from sitegen.memory import frozen_for_children
from sitegen.problems import BuildError

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")
R = TypeVar("R")

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


class Returning(Generic[T, R]):
    """A generator's items, to be iterated over once, and then what it returned (``value``)."""

    value: R

    def __init__(self, generator: Generator[T, None, R]) -> None:
        self.generator = generator

    def __iter__(self) -> Iterator[T]:
        self.value = yield from self.generator


class SharedCount:
    """0, 1, 2, … to this process and those forked from it while the block runs, each number to
    one of them (in memory they share, under a lock): work handed out as each is free for more."""

    def __init__(self) -> None:
        self.shared = mmap.mmap(-1, 8)  # shared with the processes forked from this one
        self.count = memoryview(self.shared).cast("q")
        self.lock = multiprocessing.Lock()

    def __enter__(self) -> SharedCount:
        return self

    def __exit__(self, *_: object) -> None:
        self.count.release()
        self.shared.close()

    def next(self) -> int:
        """The next number."""
        with self.lock:
            number = self.count[0]
            self.count[0] = number + 1
        return number


def side_by_side(
    theirs: Callable[[], Generator[T, None, R]], ours: Callable[[], Generator[T, None, R]]
) -> Generator[T, None, tuple[R, R]]:
    """The items of two generators as they are made, ``theirs`` in a forked process while this one
    makes ``ours``; then what each returned (theirs, ours).

    The other process writes its items to spool files (``_Spool``) and never waits for this one;
    this one takes those written so far in between its own items, then the rest. What the other
    process raised is raised here; if this generator is closed or fails first, the other process is
    ended. Where forking is not safe, ``theirs`` runs here, before ``ours``.

    A pipe would make the other process wait whenever this one is busy: it holds 64 KiB, and a
    thread reading it here gets the interpreter back only every few milliseconds, for each 64 KiB
    read. At 100,000 experts the search export's other process spent 3 to 4 s of its 12 s waiting
    on one, with or without such a thread.
    """
    spooling = None
    if can_fork():
        with contextlib.suppress(OSError):  # no folder to spool in ($TMPDIR missing, full): both run here
            spooling = tempfile.TemporaryDirectory(prefix="sitegen-spool-")
    if spooling is None:
        first = yield from theirs()
        second = yield from ours()
        return first, second
    with spooling as folder, _Spool(folder) as spool:
        reader, writer = multiprocessing.Pipe(duplex=False)
        try:
            parent = os.getpid()
            with frozen_for_children():  # and frozen in the other process to its end, which never leaves this block
                pid = os.fork()
                if pid == 0:
                    _stream(theirs, spool, writer, reader, parent)
        except BaseException:
            reader.close()
            writer.close()
            raise
        writer.close()  # only the child holds its end: the pipe ends if it dies
        reaped = told = False
        try:
            made = Returning(ours())
            for item in made:
                yield item
                yield from cast(Iterator[T], spool.taken())
            while not reader.poll(SPOOL_WAIT):
                yield from cast(Iterator[T], spool.taken())
            try:
                kind, value, end = reader.recv()
            except (EOFError, OSError):
                reaped = True
                raise ended_unexpectedly(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])) from None
            told = True  # it ends on its own now
            if kind == "failed":
                raise value
            yield from cast(Iterator[T], spool.taken(end))
            return value, made.value
        finally:
            if not reaped:
                if not told:  # this generator was closed, or failed, before the other process ended
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            reader.close()


SPOOL_WAIT = 0.02
"""Seconds ``side_by_side`` waits for the other process's end before taking the items it wrote meanwhile."""


SPOOL_PART = 16 * 1024 * 1024
"""Bytes after which ``_Spool`` starts a new file: each is removed once read whole, so the spool
holds what is not yet read and one part at most (a /tmp in memory, tmpfs, keeps every byte of
a file until it is removed: the search export's other process writes 800 MB at 100,000 experts)."""
PART_BITS = 40
"""``_Spool``'s shared mark: the file being written above these bits, the bytes written in it below."""


class _Spool:
    """Files one process appends pickled items to, in parts of about SPOOL_PART bytes, and another
    reads them back from, removing each part once read whole. The writer never waits for the
    reader: it says how far it has written (its part and the bytes in it, once an item is whole
    there) in one number in memory both share (an anonymous shared mapping, made before the fork)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.shared = mmap.mmap(-1, 8)  # shared with a process forked from this one
        self.mark = memoryview(self.shared).cast("q")
        self.writing: int | None = None  # the writer's file, its part's number and its bytes
        self.written = (0, 0)
        self.reading: int | None = None  # the reader's file, its part's number and the bytes read
        self.read = (0, 0)

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *_: object) -> None:
        if self.reading is not None:
            os.close(self.reading)
        self.mark.release()
        self.shared.close()

    def _part(self, number: int) -> str:
        return os.path.join(self.folder, f"{number}.part")

    def put(self, item: object) -> None:
        """Append an item (in the writing process) and say so; a part that cannot be written whole
        (a full disk) is a build error naming the folder."""
        data = ForkingPickler.dumps(item)
        part, size = self.written
        try:
            if self.writing is None or size >= SPOOL_PART:
                if self.writing is not None:
                    os.close(self.writing)
                    part, size = part + 1, 0
                self.writing = os.open(self._part(part), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            if os.writev(self.writing, [len(data).to_bytes(8, "little"), data]) != 8 + len(data):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        except OSError as exc:
            raise BuildError(
                f"cannot write a build process's spool file in {self.folder}: {exc.strerror or exc}"
            ) from None
        self.written = part, size + 8 + len(data)
        self.mark[0] = part << PART_BITS | self.written[1]  # once the item is whole in its part

    @property
    def end(self) -> int:
        """How far the writer has written (in the writing process, at its end)."""
        return self.mark[0]

    def taken(self, end: int | None = None) -> Iterator[object]:
        """The items written since the last taken (in the reading process), up to ``end`` if given."""
        mark = self.mark[0] if end is None else end
        last, written = mark >> PART_BITS, mark & ((1 << PART_BITS) - 1)
        while True:
            part, done = self.read
            if part == last and done >= written:
                return
            if self.reading is None:
                self.reading = os.open(self._part(part), os.O_RDONLY)
            reading = self.reading
            # A part before the last is whole: the writer moves on only once it has written it.
            until = written if part == last else os.fstat(reading).st_size
            while done < until:
                size = int.from_bytes(_exactly(reading, 8, done), "little")
                data = _exactly(reading, size, done + 8)
                done += 8 + size
                self.read = part, done
                yield ForkingPickler.loads(data)
            if part < last:
                os.close(self.reading)
                self.reading = None
                os.unlink(self._part(part))
                self.read = part + 1, 0


def _exactly(fd: int, size: int, offset: int) -> bytes:
    """``size`` bytes of a file at ``offset``, all of them written."""
    data = os.pread(fd, size, offset)
    while len(data) < size:  # a regular file reads whole but at its end: read on, never past it
        more = os.pread(fd, size - len(data), offset + len(data))
        if not more:
            raise BuildError("a build process's spool file ended early")
        data += more
    return data


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
            raise ended_unexpectedly(self.process.exitcode or 0) from None
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


def ended_unexpectedly(code: int) -> BuildError:
    """The error for a build process that ended without telling its outcome: its exit code, or the
    signal that killed it (a negative code, as ``multiprocessing`` and ``subprocess`` give it)."""
    how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
    return BuildError(f"a build process ended unexpectedly ({how})")


class Stoppable(Protocol):
    """A task running beside this process's work, which can be ended early."""

    def stop(self) -> None: ...


@contextlib.contextmanager
def stopped_on_failure(process: Stoppable | None) -> Iterator[None]:
    """End ``process`` (a task running beside the block: ``Ahead``, ``spawned.Spawned``) if the block
    fails: nothing would read its result."""
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
    unwind_when_stopped()  # ``Ahead.stop``: the task unwinds, its ``with`` blocks closed
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
        outcome: tuple[object, ...] = ("done", task(receive))
    except BaseException as exc:  # everything the task raised goes back to the parent
        outcome = ("failed", exc)
    tell(connection.send, outcome)


def tell(send: Callable[[object], object], outcome: tuple[object, ...]) -> None:
    """Send a task's outcome to its parent (``send`` pickles it whole before it writes any of it):
    ("done", what it returned, …) or ("failed", what it raised, …); what could not be pickled in words."""
    try:
        send(outcome)
    except OSError:
        pass  # the parent has gone (it stopped this task, or was interrupted): no one to tell
    except Exception as exc:  # what was raised could not be pickled: send its words
        with contextlib.suppress(OSError):
            send(("failed", BuildError(f"a build process failed: {exc}"), *outcome[2:]))


def _stream(
    make: Callable[[], Generator[object, None, object]],
    spool: _Spool,
    connection: Connection,
    parents: Connection,
    parent: int,
) -> NoReturn:
    """``side_by_side``'s other process: each item written to the spool as made, then what the
    generator returned (or what it raised) sent with the spool's length; then the process ends
    (``os._exit``: nothing of the parent's runs in it after the task, not even its exit handlers)."""
    try:
        parents.close()
        _streamed(make, spool, connection, parent)
    finally:
        os._exit(0)


def _streamed(
    make: Callable[[], Generator[object, None, object]], spool: _Spool, connection: Connection, parent: int
) -> None:
    """``_stream``'s task. If ``parent`` is gone (killed outright: it could not end this process; it
    may be gone before this starts), no one will read the spool: the task stops, and removes it (the
    parent's own removal of its folder died with it), rather than fill $TMPDIR with its other items."""
    try:
        made = Returning(make())
        for item in made:
            spool.put(item)
            if os.getppid() != parent:
                shutil.rmtree(spool.folder, ignore_errors=True)
                return
        outcome: tuple[object, ...] = ("done", made.value, spool.end)
    except BaseException as exc:  # everything raised goes back to the parent
        outcome = ("failed", exc, spool.end)
    tell(connection.send, outcome)


def unwind_when_stopped() -> None:
    """Make a stop (``SIGTERM``) raise ``SystemExit`` in this process, once: its task unwinds, closing
    what it holds open and removing its temporary folders, and a second stop does not cut that short."""
    signal.signal(signal.SIGTERM, _stopped)


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
