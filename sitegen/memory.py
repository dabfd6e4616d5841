"""Garbage collection around stages that build many long-lived objects and no reference cycles."""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_pauses = 0
_resume = False
_pausing = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, as it was before once no block pauses it.

    Parsing thousands of profiles or indexing their words makes millions of objects
    that all stay alive; the collector would walk them again and again for nothing
    (about a third of the time of a 10,000-profile check).  Reference counting still
    frees everything else at once; cycles made meanwhile wait for the next collection.
    The pauses of several threads (the preview's quick pass beside its rebuild) are
    counted: the collector resumes when the last one ends, not when the first does.
    """
    global _pauses, _resume  # noqa: PLW0603 - one collector per process: one count
    with _pausing:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pausing:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


@contextmanager
def frozen_for_children() -> Iterator[None]:
    """Freeze every object alive now (``gc.freeze``) while child processes are forked, unfrozen after.

    A forked worker shares its parent's memory until it writes to it, and the collector writes to
    every object it walks: one collection in a worker would copy the whole inherited site (2.4 GB
    at 100,000 experts) page by page, and spend seconds walking objects that live to the end
    anyway.  Frozen objects are never walked, in the parent or in the children that inherit them;
    what a child makes itself is collected as usual.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def give_back() -> None:
    """Return the C heap's free memory to the system, where the C library can (glibc's ``malloc_trim``).

    A check at 100,000 experts frees hundreds of MB of parsing's garbage in small pieces that the
    allocator keeps; every process the build forks afterwards would count them in its size.
    Elsewhere (another C library, no ``ctypes``) it does nothing.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], object] | None:
    """glibc's ``malloc_trim`` from the C library this process runs with, looked up once (finding a
    library by name may start ``ldconfig``: not on every search index built)."""
    try:
        import ctypes  # noqa: PLC0415 - only a build or a search index gets here

        trim: Callable[[int], object] | None = getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (ImportError, OSError):
        return None
    return trim
