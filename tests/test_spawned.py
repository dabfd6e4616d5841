"""A function run in a new Python process (``spawned.Spawned``): its result, its failures, its end."""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from sitegen import spawned
from sitegen.parallel import temporary_folder
from sitegen.problems import BuildError
from sitegen.spawned import Spawned

MB = 1 << 20

A = TypeVar("A")
T = TypeVar("T")


def given(worker: Spawned[A, T], items: Iterable[A]) -> Spawned[A, T]:
    worker.give(items)
    return worker


def total(items: Iterator[bytes]) -> tuple[int, int, int]:
    """The items' count, their bytes, and the worker's process id."""
    count = size = 0
    for item in items:
        count, size = count + 1, size + len(item)
    return count, size, os.getpid()


def after_flag(items: Iterator[Path | bytes]) -> int:
    """The items' bytes, once the first item (a path) exists: its parent makes it after ``Spawned`` returns."""
    flag = next(items)
    assert isinstance(flag, Path)
    deadline = time.monotonic() + 60
    while not flag.exists():
        if time.monotonic() > deadline:
            raise TimeoutError("the parent never made the flag")
        time.sleep(0.01)
    return sum(len(item) for item in items if isinstance(item, bytes))


def failing(items: Iterator[str]) -> None:
    raise ValueError(f"no good: {next(items)}")


class UnpicklableError(Exception):
    def __init__(self) -> None:
        super().__init__("held a lock")
        self.lock = __import__("threading").Lock()


def failing_unpicklably(items: Iterator[object]) -> None:
    raise UnpicklableError


def dying(items: Iterator[object]) -> None:
    os._exit(3)


def folder_then_wait(items: Iterator[Path]) -> None:
    """Make a temporary folder, say where (by a file in the given folder), then wait to be stopped."""
    told = next(items)
    with temporary_folder("sitegen-test-") as folder:
        (told / "made").write_text(folder)
        time.sleep(60)


def test_the_function_s_result_comes_back_from_another_process() -> None:
    items = [bytes(n) for n in range(1000)]
    count, size, pid = given(Spawned(total), iter(items)).result()
    assert (count, size) == (1000, sum(range(1000)))
    assert pid != os.getpid()


def test_a_worker_given_nothing_runs_the_function_on_no_items() -> None:
    """The interpreter starts when the worker is made; the items come later, or none."""
    worker = Spawned(total)
    assert worker.process.poll() is None
    count, size, _ = worker.result()
    assert (count, size) == (0, 0)


def test_the_items_are_all_written_before_the_function_takes_any(tmp_path: Path) -> None:
    """8 MB of items, more than a pipe holds: ``Spawned`` returns while the function still waits for
    what its parent does next, so the parent never waits for the worker to take them."""
    flag = tmp_path / "flag"
    items: list[Path | bytes] = [flag, *(bytes(MB) for _ in range(8))]
    worker = given(Spawned(after_flag), iter(items))
    flag.touch()
    assert worker.result() == 8 * MB


def test_what_the_function_raised_is_raised_here() -> None:
    with pytest.raises(ValueError, match="no good: this"):
        given(Spawned(failing), iter(["this"])).result()


def test_what_cannot_be_pickled_comes_back_in_words() -> None:
    with pytest.raises(BuildError, match=r"a build process failed: .*lock"):
        given(Spawned(failing_unpicklably), iter([])).result()


def test_a_worker_that_dies_is_a_build_error() -> None:
    with pytest.raises(BuildError, match=r"a build process ended unexpectedly \(exit code 3\)"):
        given(Spawned(dying), iter([])).result()


def test_a_worker_that_cannot_be_started_is_a_build_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python-gone"))
    with pytest.raises(BuildError, match="a build process could not be started: No such file or directory"):
        given(Spawned(total), iter([]))


def test_a_worker_killed_says_so(tmp_path: Path) -> None:
    worker = given(Spawned(after_flag), iter([tmp_path / "never"]))  # a minute's wait for a flag never made
    os.kill(worker.process.pid, signal.SIGKILL)
    with pytest.raises(BuildError, match=r"a build process ended unexpectedly \(killed by signal 9\)"):
        worker.result()


def test_a_stopped_worker_removes_its_temporary_folders(tmp_path: Path) -> None:
    worker = given(Spawned(folder_then_wait), iter([tmp_path]))
    deadline = time.monotonic() + 60
    while not (tmp_path / "made").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    made = Path((tmp_path / "made").read_text())
    assert made.is_dir()
    worker.stop()
    assert worker.process.returncode is not None
    assert not made.exists()


def _orphaning(told: Path) -> None:
    """Start a worker that makes a folder and waits a minute, then die as ``kill -9`` would end a build."""
    given(Spawned(folder_then_wait), iter([told]))
    deadline = time.monotonic() + 60
    while not (told / "made").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_whose_parent_was_killed_outright_stops_itself(tmp_path: Path) -> None:
    """No one will read its result: the worker stops within a second, not the minute its function
    would take, and removes its temporary folder, which its parent, killed, could not."""
    killed = multiprocessing.get_context("fork").Process(target=_orphaning, args=(tmp_path,))
    killed.start()
    killed.join()
    assert killed.exitcode == -signal.SIGKILL
    made = Path((tmp_path / "made").read_text())
    deadline = time.monotonic() + 5
    while made.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not made.exists()


def test_the_items_read_ahead_are_let_go_of_as_they_are_taken() -> None:
    parts = deque([b"abc", b"", b"defg", b"h"])
    read = io.BufferedReader(spawned._Read(parts), buffer_size=2)
    assert read.read(2) == b"ab"
    assert len(parts) == 4  # a part is held until its last byte is taken
    assert read.read(3) == b"cde"
    assert list(parts) == [b"defg", b"h"]
    assert read.read() == b"fgh"
    assert not parts
