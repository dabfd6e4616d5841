"""Folders a running sitegen holds, and the ones a killed one left behind.

A build's staging folder and a preview's scratch folder are big (the whole site) and are
removed when their process ends normally.  Killed (kill -9, the out-of-memory killer, a CI
timeout, a closed terminal), it leaves them.  Each such folder is held with an exclusive
``flock`` for as long as its process, or any worker it forked, runs: the lock ends with the
last of them however they end, so a later run can tell a folder left behind from one in use
without trusting process numbers.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from sitegen.problems import BuildError

if sys.platform != "win32":
    import fcntl

STALE_AFTER = 60.0
"""Seconds since its last change after which a folder no process holds counts as left behind
(one younger than that may have just been made and not yet claimed)."""


def new_claimed(parent: Path, prefix: str, what: str) -> tuple[str, int | None]:
    """A new folder ``prefix``-RANDOM in ``parent`` (made if missing), held (``claim``), and the
    hold; a folder that cannot be made (a file where a folder of the path should be, no
    permission, a full disk) is a build error saying why (``what``: the folder, in words)."""
    try:
        parent.mkdir(parents=True, exist_ok=True)
        folder = tempfile.mkdtemp(prefix=prefix, dir=parent)
    except FileExistsError as exc:
        raise BuildError(f"cannot make {what}: {exc.filename} is not a folder") from None
    except OSError as exc:
        raise BuildError(f"cannot make {what}: {exc.strerror or exc}") from None
    return folder, claim(folder)


def claim(folder: str | Path) -> int | None:
    """Hold a folder this process has just made: the descriptor holding the lock, to ``release``
    when the folder is published or removed (None where there is no ``flock``)."""
    if sys.platform == "win32":
        return None
    held = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    if hold(held):
        return held
    os.close(held)
    return None


def hold(descriptor: int) -> bool:
    """Hold the file or folder this process has just made and opened (``descriptor``) until it is
    closed; False where the file system has no locks (then nothing counts as left behind there:
    ``_left`` cannot take it either)."""
    if sys.platform == "win32":
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # just made: no one else holds it
    except OSError:
        return False
    return True


def release(held: int | None) -> None:
    """Let go of a folder ``claim`` held."""
    if held is not None:
        os.close(held)


def abandoned(candidates: Iterable[Path], now: float, retired: Callable[[Path], Path]) -> list[Path]:
    """The ``candidates`` left behind (``_left``: folders), each renamed to its ``retired`` name for
    deletion.  It is renamed while this process holds it, so two runs never both take one."""
    taken: list[Path] = []
    for folder in sorted(candidates):
        held = _left(folder, now, stat.S_ISDIR)
        if held is None:
            continue
        try:
            target = retired(folder)
            folder.rename(target)
            taken.append(target)
        except OSError:
            continue
        finally:
            os.close(held)
    return taken


def remove_abandoned_files(candidates: Iterable[Path], now: float) -> None:
    """Delete the ``candidates`` left behind (``_left``: files), such as a cache entry being written
    when its process was killed."""
    for path in candidates:
        held = _left(path, now, stat.S_ISREG)
        if held is None:
            continue
        try:
            path.unlink()
        except OSError:  # another run took it first
            continue
        finally:
            os.close(held)


def _left(path: Path, now: float, kind: Callable[[int], bool]) -> int | None:
    """``path``, held by this process, if it was left behind: of ``kind`` (by its mode: a folder, a
    file; a link is never followed, nor taken), unchanged for STALE_AFTER seconds and held by no
    process (``hold``); else None."""
    if sys.platform == "win32":
        return None
    try:
        held = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:  # published or removed meanwhile, or a link
        return None
    try:
        status = os.fstat(held)
        if kind(status.st_mode) and now - status.st_mtime >= STALE_AFTER:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # refused while in use
            return held
    except OSError:
        pass
    os.close(held)
    return None
