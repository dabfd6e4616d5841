"""Work in other processes: results, failures and stops come back as they would in this one."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import tempfile
import time
from collections.abc import Callable, Generator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import sitegen.parallel
from sitegen.parallel import (
    Ahead,
    SharedCount,
    all_started,
    can_fork,
    in_background,
    map_in_parts,
    run_all,
    side_by_side,
    temporary_folder,
)
from sitegen.problems import BuildError

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork from a single-threaded process")


def _double(receive: Callable[[], object]) -> tuple[int, int]:
    before = os.getpid()
    value = receive()
    assert isinstance(value, dict)
    return before, 2 * len(value)


def test_a_task_ahead_runs_in_another_process_and_gets_a_large_value_without_blocking_the_sender() -> None:
    def slow(receive: Callable[[], object]) -> tuple[int, int]:
        time.sleep(0.5)  # busy when the value is sent: the sender must not wait for it
        return _double(receive)

    ahead = Ahead(slow)
    value = {f"/photos/expert-{n:06d}-160.webp": n for n in range(20_000)}  # far more than a pipe holds
    started = time.perf_counter()
    ahead.send(value)
    sent = time.perf_counter() - started
    pid, doubled = ahead.result()
    assert pid != os.getpid()
    assert doubled == 40_000
    assert sent < 0.4  # the task was still asleep: the value was taken by its reader, not by the task


def test_what_the_task_raises_is_raised_by_result() -> None:
    def failing(receive: Callable[[], object]) -> None:
        raise BuildError(f"no index for {receive()}")

    ahead: Ahead[None] = Ahead(failing)
    ahead.send("these experts")
    with pytest.raises(BuildError, match="no index for these experts"):
        ahead.result()


def test_a_process_that_dies_is_a_build_error_not_a_hang() -> None:
    def dying(_: Callable[[], object]) -> None:
        os._exit(3)

    ahead: Ahead[None] = Ahead(dying)
    with pytest.raises(BuildError, match="ended unexpectedly \\(exit code 3\\)"):
        ahead.result()


def test_an_unpicklable_failure_comes_back_in_words() -> None:
    class LocalError(Exception):  # defined in a function: cannot be pickled
        pass

    def failing(_: Callable[[], object]) -> None:
        raise LocalError("odd")

    ahead: Ahead[None] = Ahead(failing)
    with pytest.raises(BuildError, match="a build process failed"):
        ahead.result()


def test_stop_ends_a_task_that_would_wait_for_ever() -> None:
    ahead: Ahead[object] = Ahead(lambda receive: receive())  # nothing is ever sent
    started = time.perf_counter()
    ahead.stop()
    assert time.perf_counter() - started < 5
    assert not ahead.process.is_alive()


def _awaited(done: Callable[[], bool]) -> None:
    """Wait until the task in another process has got where the test stops it (10 s at most)."""
    deadline = time.monotonic() + 10
    while not done() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert done()


def test_a_stopped_task_removes_its_temporary_folders_before_it_ends(tmp_path: Path) -> None:
    """A build stopped while its search index is written leaves no folder of whoosh's files behind."""

    def writing(receive: Callable[[], object]) -> object:
        with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
            (Path(folder) / "segment").write_bytes(b"x" * 1000)
            return receive()  # nothing is ever sent: the task is still in its ``with`` when stopped

    ahead: Ahead[object] = Ahead(writing)
    _awaited(lambda: any(tmp_path.glob("*/segment")))
    ahead.stop()
    assert not ahead.process.is_alive()
    assert list(tmp_path.iterdir()) == []


def test_a_stop_that_comes_as_the_folder_is_made_still_removes_it(tmp_path: Path) -> None:
    """The stop lands right after the folder is made, before its removal is arranged: it waits for that."""

    def stopped_as_made(_: Callable[[], object]) -> object:
        make = tempfile.mkdtemp

        def made_then_stopped(*args: Any, **kwargs: Any) -> str:
            folder: str = make(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGTERM)  # what ``Ahead.stop`` sends
            return folder

        tempfile.mkdtemp = made_then_stopped  # type: ignore[assignment]  # in the task's own process
        tempfile.tempdir = str(tmp_path)
        with temporary_folder("sitegen-test-"):
            time.sleep(60)
        return "not stopped"

    ahead: Ahead[object] = Ahead(stopped_as_made)
    ahead.process.join(10)
    assert not ahead.process.is_alive()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(SystemExit):
        ahead.result()


def test_a_stop_that_is_lost_is_asked_again(tmp_path: Path) -> None:
    """A stop landing as the task's process is forked is lost (Python clears a new child's pending
    signals): the task is asked again until it ends, not left to the kill STOP_GRACE later."""
    ready = tmp_path / "armed"

    def loses_the_first(receive: Callable[[], object]) -> object:
        signal.signal(signal.SIGTERM, lambda *_: signal.signal(signal.SIGTERM, sitegen.parallel._stopped))
        ready.touch()
        return receive()  # nothing is ever sent

    ahead: Ahead[object] = Ahead(loses_the_first)
    _awaited(ready.exists)
    started = time.perf_counter()
    ahead.stop()
    assert time.perf_counter() - started < 3
    assert ahead.process.exitcode == 0  # it unwound (SystemExit sent back), it was not killed


def test_a_task_that_ignores_being_asked_to_stop_is_killed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sitegen.parallel.STOP_GRACE", 0.2)
    ready = tmp_path / "ignoring"

    def stubborn(_: Callable[[], object]) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        ready.touch()
        time.sleep(60)

    ahead: Ahead[None] = Ahead(stubborn)
    _awaited(ready.exists)
    started = time.perf_counter()
    ahead.stop()
    assert time.perf_counter() - started < 5
    assert ahead.process.exitcode == -signal.SIGKILL


def _frozen(_: object = None) -> int:
    return gc.get_freeze_count()


def test_workers_inherit_the_parents_objects_frozen_and_the_parent_gets_them_back() -> None:
    """The collector in a worker never walks (so never copies) what the worker inherited."""
    inherited = [object() for _ in range(1000)]  # alive at the fork
    assert gc.get_freeze_count() == 0
    assert all(count >= len(inherited) for count in run_all([_frozen, _frozen], 2))
    ahead = Ahead(_frozen)
    assert ahead.result() >= len(inherited)
    assert gc.get_freeze_count() == 0  # the parent's objects are collected as before


def test_a_task_whose_parent_has_gone_ends_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    """Stopped or interrupted, the parent no longer listens: the task's process ends without a traceback."""

    def slow(_: Callable[[], object]) -> str:
        time.sleep(0.3)
        return "too late"

    ahead: Ahead[str] = Ahead(slow)
    ahead.connection.close()  # the parent stops listening while the task runs
    ahead.process.join(10)
    assert ahead.process.exitcode == 0
    assert "Traceback" not in capfd.readouterr().err


def test_a_task_in_the_background_runs_in_another_process_and_has_ended_with_the_block(tmp_path: Path) -> None:
    mark = tmp_path / "done"

    def task() -> None:
        time.sleep(0.3)
        mark.write_text(str(os.getpid()))

    with in_background() as run:
        run(task, True)
        assert not mark.exists()  # the block goes on while the task runs
    assert int(mark.read_text()) != os.getpid()


def test_a_task_not_worth_a_process_runs_at_once_in_this_one() -> None:
    pids: list[int] = []
    with in_background() as run:
        run(lambda: pids.append(os.getpid()), False)
        assert pids == [os.getpid()]


def test_a_task_whose_process_cannot_be_started_runs_at_once_in_this_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saving to the cache costs speed only, never the command: without a process it runs here."""

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    pids: list[int] = []
    with in_background() as run:
        run(lambda: pids.append(os.getpid()), True)
        assert pids == [os.getpid()]


def test_what_a_background_task_raises_is_raised_when_the_block_ends_unless_the_block_raised() -> None:
    def fails() -> None:
        raise BuildError("the cache could not be kept")

    with pytest.raises(BuildError, match="could not be kept"), in_background() as run:
        run(fails, True)

    def block() -> None:
        with in_background() as run:
            run(fails, True)
            raise KeyError("the block's own")

    with pytest.raises(KeyError, match="the block's own"):
        block()


def _mark_and_report(folder: Path, name: str) -> tuple[str, int]:
    (folder / name).touch()
    return name, os.getpid()


def test_started_tasks_run_beside_the_block_and_their_results_come_in_order(tmp_path: Path) -> None:
    """The workers start with the block, not when it asks for their results: the block sees every
    task's mark appear while it waits, before it asks (it would wait for ever otherwise)."""
    names = ["a", "b", "c", "d"]
    with all_started([partial(_mark_and_report, tmp_path, name) for name in names], 2) as results:
        deadline = time.monotonic() + 30
        while sorted(path.name for path in tmp_path.iterdir()) != names:
            assert time.monotonic() < deadline, "the tasks did not run before their results were asked for"
            time.sleep(0.01)
        done = list(results())
    assert [name for name, _ in done] == names
    assert os.getpid() not in {pid for _, pid in done}


def _value(value: int) -> int:
    return value


def _value_once_told(folder: Path, value: int) -> int | None:
    """``value`` once the file ``go`` is in ``folder``; None if it is not there within 10 s."""
    deadline = time.monotonic() + 10
    while not (folder / "go").exists():
        if time.monotonic() > deadline:
            return None
        time.sleep(0.01)
    return value


def test_started_tasks_results_come_each_as_soon_as_it_is_done(tmp_path: Path) -> None:
    """The block takes the first task's result while the second still runs (the second ends only
    when the block has the first: given all results at once, the block would get None for it)."""
    tasks: list[Callable[[], int | None]] = [partial(_value, 1), partial(_value_once_told, tmp_path, 2)]
    with all_started(tasks, 2) as results:
        taken = results()
        assert next(taken) == 1
        (tmp_path / "go").touch()
        assert list(taken) == [2]


def test_map_in_parts_gives_each_items_result_in_item_order() -> None:
    items = list(range(23))
    found = map_in_parts(_pids_of_squares, items, 2)
    assert [square for square, _ in found] == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in found}
    assert {pid for _, pid in map_in_parts(_pids_of_squares, items, 1)} == {os.getpid()}  # one job: here


def _pids_of_squares(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(n * n, os.getpid()) for n in items]


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _fail_soon() -> float:
    time.sleep(0.2)
    raise RuntimeError("a page failed")


def test_an_interrupted_block_ends_its_running_tasks_and_drops_the_rest() -> None:
    """Ctrl-C or SIGTERM (raised as KeyboardInterrupt) during the pages: the build ends at once,
    not after every worker has rendered its share."""
    tasks = [partial(_sleep, 30.0) for _ in range(6)]

    def interrupted() -> None:
        with all_started(tasks, 2):
            time.sleep(0.3)  # the workers are running their first task
            raise KeyboardInterrupt

    started = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert time.perf_counter() - started < 10


def test_a_failed_task_ends_the_others_at_once() -> None:
    tasks: list[Callable[[], float]] = [_fail_soon, partial(_sleep, 30.0), partial(_sleep, 30.0)]
    started = time.perf_counter()
    with pytest.raises(RuntimeError, match="a page failed"):
        run_all(tasks, 2)
    assert time.perf_counter() - started < 10


def test_a_stopped_pool_s_cancelled_task_raises_no_traceback_in_its_manager_thread() -> None:
    """Python 3.11's pool manager thread raises InvalidStateError for a task cancelled while it
    marks the pool broken (CPython gh-107219): a build stopped by SIGTERM printed "Exception in
    thread" and a traceback once in a CI run. Within the stop that one error is quiet; any other a
    thread raises still reaches the hook before, which is put back after."""
    import threading
    from concurrent.futures import InvalidStateError

    def raising(error: BaseException) -> None:
        raise error

    seen: list[type[BaseException]] = []

    def recording(args: threading.ExceptHookArgs) -> None:
        seen.append(args.exc_type)

    pytest_s = threading.excepthook
    threading.excepthook = recording
    try:
        with sitegen.parallel._cancelled_quietly():
            for error in (InvalidStateError("CANCELLED: <Future state=cancelled>"), ValueError("a real one")):
                thread = threading.Thread(target=raising, args=(error,))
                thread.start()
                thread.join()
        assert threading.excepthook is recording
    finally:
        threading.excepthook = pytest_s
    assert seen == [ValueError]


def _made(
    name: str, count: int, size: int, pause: float = 0.0
) -> Generator[tuple[str, int, bytes], None, tuple[int, float]]:
    """Items of ``size`` bytes, after a pause; returns this process's pid and when it was done."""
    time.sleep(pause)
    for n in range(count):
        yield name, n, bytes([n % 256]) * size
    return os.getpid(), time.monotonic()


def test_side_by_side_gives_both_generators_items_and_what_each_returned() -> None:
    """The other process's items are written as made, however long this one takes to make its
    own: its 8 MB (far more than a pipe holds) are all made while this one waits to start."""
    started = time.monotonic()
    made = side_by_side(partial(_made, "theirs", 8, 1 << 20), partial(_made, "ours", 50, 10, pause=1.0))
    items: list[tuple[str, int, bytes]] = []
    while True:
        try:
            items.append(next(made))
        except StopIteration as done:
            (their_pid, their_end), (our_pid, our_end) = done.value
            break
    assert sorted((name, n) for name, n, _ in items) == sorted(
        [("theirs", n) for n in range(8)] + [("ours", n) for n in range(50)]
    )
    assert all(data == bytes([n]) * (1 << 20) for name, n, data in items if name == "theirs")
    assert [n for name, n, _ in items if name == "ours"] == list(range(50))  # each generator's in its order
    assert [n for name, n, _ in items if name == "theirs"] == list(range(8))
    assert their_pid != our_pid == os.getpid()
    assert their_end < started + 1.0 < our_end  # it never waited for this process to take its items


def _failing() -> Generator[int, None, None]:
    yield 1
    raise BuildError("their share failed")


def _dying() -> Generator[int, None, None]:
    yield 1
    os._exit(3)


def _unpicklable() -> Generator[int, None, None]:
    yield 1
    raise ValueError(lambda: None)


def _ours() -> Generator[int, None, None]:
    yield from range(3)


def test_what_the_other_side_raises_or_how_it_ends_is_raised_here() -> None:
    with pytest.raises(BuildError, match="their share failed"):
        list(side_by_side(_failing, _ours))
    with pytest.raises(BuildError, match=r"ended unexpectedly \(exit code 3\)"):
        list(side_by_side(_dying, _ours))
    with pytest.raises(BuildError, match=r"a build process failed: .*pickle"):
        list(side_by_side(_unpicklable, _ours))


def _for_ever() -> Generator[int, None, None]:
    yield os.getpid()
    while True:
        time.sleep(0.05)
        yield 0


def test_closing_side_by_side_ends_the_other_process() -> None:
    """Stopped early (the build failed while writing a file, or was interrupted), the other
    process is ended and reaped, not left running."""
    made = side_by_side(_for_ever, _ours)
    next(made)
    time.sleep(0.3)  # the other process has written its pid
    pid = next(item for item in made if item != 0 and item not in (1, 2))
    made.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, and reaped: no such process


def test_side_by_side_without_fork_runs_both_here_theirs_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitegen.parallel, "can_fork", lambda: False)
    made = side_by_side(partial(_made, "theirs", 2, 1), partial(_made, "ours", 2, 1))
    assert [(name, n) for name, n, _ in made] == [("theirs", 0), ("theirs", 1), ("ours", 0), ("ours", 1)]


def test_the_other_side_s_spool_keeps_only_what_is_not_yet_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Its items are written in parts, each removed once read: a /tmp in memory holds the unread part only."""
    monkeypatch.setattr(sitegen.parallel, "SPOOL_PART", 1 << 20)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    made = side_by_side(partial(_made, "theirs", 12, 1 << 20), partial(_made, "ours", 1, 1, pause=1.0))
    parts = [len(list(tmp_path.glob("sitegen-spool-*/*.part"))) for name, _, _ in made if name == "theirs"]
    assert parts[0] == 12  # all written while this process made its own item
    assert parts == sorted(parts, reverse=True)
    assert parts[-1] == 1
    assert list(tmp_path.iterdir()) == []  # the folder goes with the generator


def _orphaning(folder: str) -> None:
    """Take one of the other side's items, then die as ``kill -9`` would end a build."""
    tempfile.tempdir = folder
    made = side_by_side(partial(_slowly, 1000), _ours)
    next(made)
    os.kill(os.getpid(), signal.SIGKILL)


def _slowly(count: int) -> Generator[int, None, None]:
    for n in range(count):
        time.sleep(0.01)
        yield n


def test_the_other_side_of_a_process_killed_outright_removes_its_spool(tmp_path: Path) -> None:
    """Nothing will read it: the other process stops (10 s of items left) and removes its folder, which
    its parent, killed, could not."""
    killed = multiprocessing.get_context("fork").Process(target=_orphaning, args=(str(tmp_path),))
    killed.start()
    killed.join()
    assert killed.exitcode == -signal.SIGKILL
    deadline = time.monotonic() + 5  # within a few of its items, not the 10 s the rest would take
    while list(tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(tmp_path.iterdir()) == []


def _claiming(claims: SharedCount, pause: float) -> Generator[tuple[float, int], None, None]:
    while (number := claims.next()) < 200:
        time.sleep(pause)
        yield pause, number


def test_a_shared_count_gives_each_number_once_to_whichever_process_asks_first() -> None:
    """Work handed out as each process is free: the slower process claims fewer."""
    with SharedCount() as claims:
        made = side_by_side(partial(_claiming, claims, 0.002), partial(_claiming, claims, 0.006))
        claimed = list(made)
    assert sorted(number for _, number in claimed) == list(range(200))
    faster = sum(1 for pause, _ in claimed if pause == 0.002)
    assert 200 - faster < faster < 200


def test_side_by_side_without_a_spool_folder_runs_both_here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))  # $TMPDIR gone
    made = side_by_side(partial(_made, "theirs", 2, 1), partial(_made, "ours", 2, 1))
    assert [(name, n) for name, n, _ in made] == [("theirs", 0), ("theirs", 1), ("ours", 0), ("ours", 1)]


def test_a_spool_that_cannot_be_written_is_a_build_error_naming_its_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk under $TMPDIR: a located message, not a traceback."""

    def full(fd: int, buffers: Sequence[bytes]) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "writev", full)  # in the other process too, which inherits it
    with pytest.raises(BuildError, match=r"cannot write a build process's spool file in .*sitegen-spool-.*: No space"):
        list(side_by_side(partial(_made, "theirs", 2, 1), _ours))
