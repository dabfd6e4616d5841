"""The collector's pauses: counted across the preview's threads, as it was before once the last ends."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from sitegen.memory import collector_paused


@pytest.fixture
def enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was:
            gc.disable()


@pytest.mark.usefixtures("enabled")
def test_the_collector_resumes_when_the_last_pause_ends_not_the_first() -> None:
    """The rebuild thread's pause may end while the quick pass's goes on (and the other way round)."""
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            leave.wait(10)

    with collector_paused():
        thread = threading.Thread(target=other)
        thread.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the other thread's pause goes on
    leave.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled(enabled: None) -> None:
    gc.disable()
    with collector_paused(), collector_paused():
        pass
    assert not gc.isenabled()
