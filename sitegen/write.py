"""Write the site atomically: stage everything beside the output, then swap it into place."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.claims import abandoned, new_claimed, release
from sitegen.fingerprint import digest, running_digest
from sitegen.problems import BuildError

MARKER = ".sitegen-output"
MARKER_TEXT = b"This folder is written by sitegen build and replaced whole on every build.\n"


def check_output(site_root: Path, output: Path) -> Path:
    """Refuse an output folder that is the site, holds its sources, lies outside it, or is not ours."""
    root = site_root.resolve()
    target = output if output.is_absolute() else site_root / output
    resolved = target.resolve()
    if resolved == root or resolved in root.parents:
        raise BuildError(f"the output folder {output} would contain the site itself")
    if not resolved.is_relative_to(root):
        raise BuildError(f"the output folder {output} lies outside the site")
    for source in ("experts", "templates", ".git", "site.toml"):
        protected = root / source
        if resolved == protected or resolved.is_relative_to(protected):
            raise BuildError(f"the output folder {output} is inside the site's {source}")
    if target.is_symlink():
        raise BuildError(f"the output folder {output} is a symbolic link")
    if target.exists():
        if not target.is_dir():
            raise BuildError(f"{output} exists and is not a folder")
        if any(target.iterdir()) and not (target / MARKER).is_file():
            raise BuildError(f"{output} exists and was not written by sitegen; remove it or choose another --output")
    return resolved


def _safe_relative(path: str) -> str:
    """``path`` if it names a file inside the output folder, else a BuildError."""
    parts = path.split("/")
    if path.startswith("/") or ".." in parts or "" in parts or "\0" in path:
        raise BuildError(f"refusing to write outside the output folder: {path}")
    return path


@dataclass(frozen=True, slots=True)
class Written:
    """What a build wrote at one path: a digest of the bytes, and the file's size and modification time."""

    digest: bytes
    size: int
    mtime_ns: int

    def __reduce__(self) -> tuple[type[Written], tuple[bytes, int, int]]:
        # A build's memory holds one per file (253,000 at 100,000 experts): pickled as its three
        # values, not through the slotted dataclass's state (which asks for its fields each time),
        # it saves and loads 2.6 times faster.
        return (Written, (self.digest, self.size, self.mtime_ns))


@dataclass(frozen=True, slots=True)
class Chunks:
    """A file's bytes in pieces, made as they are written: for the few files that list every expert
    (tens or hundreds of MB at 100,000 experts, several times that while joined in memory)."""

    pieces: Iterable[bytes]


def whole(data: bytes | Chunks) -> bytes:
    """A made file's bytes, joined if in pieces."""
    return data if isinstance(data, bytes) else b"".join(data.pieces)


@dataclass(frozen=True, slots=True)
class Kept:
    """A file the previous build wrote and this one would write the same: linked, not made again."""

    record: Written


@dataclass(frozen=True, slots=True)
class Previous:
    """The previous build's output folder and what it wrote there."""

    output: Path
    files: Mapping[str, Written]

    def unchanged(self, path: str, record: Written) -> bool:
        """True if the previous build's file is still there as it was written (size and time)."""
        try:
            status = os.stat(os.path.join(self.output, _safe_relative(path)))
        except OSError:
            return False
        return status.st_size == record.size and status.st_mtime_ns == record.mtime_ns


class Staging:
    """A staging folder beside the output: files go in as they are made, one swap publishes them all.

    Files can be put from several worker processes at once (each path once).  Until
    ``publish``, the output folder is untouched; ``discard`` removes the staging folder.
    Files equal to ones the previous build wrote (and that are still as written) are
    hard-linked from the previous output instead of written again.
    """

    def __init__(self, output: Path, previous: Previous | None = None) -> None:
        self.output = output
        self.previous = previous
        self.folder, self.claim = new_claimed(
            output.parent, f".{output.name}{STAGING}", f"a staging folder beside {output}"
        )
        self.made: set[str] = set()
        # What builds killed mid-way (out of memory, a CI timeout, kill -9) left, in the background.
        left = output.parent.glob(f".{glob.escape(output.name)}{STAGING}*")
        remove_later(abandoned(left, time.time(), lambda _left: retired_name(output)))

    def put(self, path: str, data: bytes | Chunks | Kept) -> Written:
        """Stage one file; a file that cannot be written (a full disk, a quota) is a build error
        naming it, the output left as it was."""
        target = os.path.join(self.folder, _safe_relative(path))
        parent = os.path.dirname(target)
        try:
            if parent not in self.made:
                os.makedirs(parent, exist_ok=True)
                self.made.add(parent)
            return _place(path, data, target, self.previous)
        except OSError as exc:
            raise BuildError(
                f"cannot write {path} beside {self.output}: {exc.strerror or exc}; nothing was published"
            ) from None

    def put_all(self, files: Mapping[str, bytes | Kept]) -> dict[str, Written]:
        """Stage many files."""
        return self.put_each(sorted(files.items()))

    def put_each(self, files: Iterable[tuple[str, bytes | Chunks | Kept]]) -> dict[str, Written]:
        """Stage files as they come: each is written before the next is made; a path given twice is refused."""
        written: dict[str, Written] = {}
        for path, data in files:
            if path in written:
                raise BuildError(f"{path} was made twice")
            written[path] = self.put(path, data)
        return written

    def publish(self) -> None:
        """Replace the output folder with the staged files in one swap."""
        staging = Path(self.folder)
        self.put(MARKER, MARKER_TEXT)
        os.chmod(staging, 0o755)  # noqa: S103 - mkdtemp makes it private; a web server must read it
        try:
            for attempt in range(PUBLISH_TRIES):
                old = retired_name(self.output)
                with contextlib.suppress(FileNotFoundError):
                    self.output.rename(old)
                try:
                    staging.rename(self.output)
                    break
                except OSError as exc:
                    if exc.errno in (errno.ENOTEMPTY, errno.EEXIST) and attempt + 1 < PUBLISH_TRIES:
                        continue  # another build published between the two renames: the last one wins
                    if old.exists() and not self.output.exists():
                        old.rename(self.output)
                    raise BuildError(f"cannot publish {self.output}: {exc.strerror}") from None
        finally:
            self._release()
        # The old output (and any an interrupted deletion left) goes in the background.
        remove_later(sorted(self.output.parent.glob(f".{glob.escape(self.output.name)}{RETIRED}*")))

    def discard(self) -> None:
        """Remove the staging folder; the output folder stays as it was."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        release(self.claim)
        self.claim = None


PUBLISH_TRIES = 5
"""Swaps tried when another build of the same output publishes at the same moment."""
STAGING = ".staging-"
"""Marks a staging folder (``.NAME.staging-RANDOM`` beside the output) while a build fills it."""
RETIRED = ".previous-"
"""Marks a replaced output folder (``.NAME.previous-PID-RANDOM`` beside it) until it is deleted."""


def retired_name(output: Path) -> Path:
    """A new name beside ``output`` for a folder to delete (a replaced output, a staging folder left behind)."""
    return output.parent / f".{output.name}{RETIRED}{os.getpid()}-{secrets.token_hex(4)}"


REMOVE = """\
import os, shutil, sys
if hasattr(os, "fork") and os.fork():
    os._exit(0)  # the build waits for this process only; its child deletes, adopted by init
for folder in sys.argv[1:]:
    shutil.rmtree(folder, ignore_errors=True)
"""


def remove_later(folders: Sequence[Path]) -> None:
    """Delete folders without waiting: a replaced output holds tens of thousands of files, which take
    seconds to unlink (a fifth of a 10,000-expert build with nothing changed), so a detached
    process of this Python deletes them after the build has returned (started in a new session,
    it is not stopped with the build's terminal or process group); if one cannot be started,
    they are deleted here."""
    if not folders:
        return
    try:
        subprocess.run(  # noqa: S603 - this interpreter, a fixed script, folders this module named
            [sys.executable, "-c", REMOVE, *map(str, folders)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def _place(path: str, data: bytes | Chunks | Kept, target: str, previous: Previous | None) -> Written:
    """Link the previous build's copy of a file when it is the same, else write the bytes."""
    if isinstance(data, Kept):
        return _link(path, target, previous, data.record)
    if isinstance(data, Chunks):  # known once written: the file is replaced by a link if the same
        fingerprint = _write_pieces(target, data.pieces)
        earlier = _same_as_before(path, fingerprint, previous)
        if earlier is None:
            return _record(target, fingerprint)
        os.unlink(target)
        return _link(path, target, previous, earlier)
    fingerprint = digest(data)
    earlier = _same_as_before(path, fingerprint, previous)
    if earlier is None:
        with open(target, "wb") as file:
            file.write(data)
        return _record(target, fingerprint)
    return _link(path, target, previous, earlier)


def _same_as_before(path: str, fingerprint: bytes, previous: Previous | None) -> Written | None:
    """What the previous build wrote at ``path``, if the same bytes and still there as written."""
    earlier = previous.files.get(path) if previous else None
    if previous is None or earlier is None or earlier.digest != fingerprint or not previous.unchanged(path, earlier):
        return None
    return earlier


def _record(target: str, fingerprint: bytes) -> Written:
    status = os.stat(target)
    return Written(fingerprint, status.st_size, status.st_mtime_ns)


def _link(path: str, target: str, previous: Previous | None, record: Written) -> Written:
    """Hard-link the previous build's copy of ``path`` to ``target``."""
    if previous is None:
        raise BuildError(f"cannot keep {path}: there is no previous build")
    try:
        os.link(os.path.join(previous.output, path), target)
    except OSError as exc:
        raise BuildError(f"cannot keep {path} from the previous build: {exc.strerror}") from None
    return record


def _write_pieces(target: str, pieces: Iterable[bytes]) -> bytes:
    """Write the pieces to ``target`` one by one; the ``digest`` of all of them."""
    running = running_digest()
    with open(target, "wb") as file:
        for piece in pieces:
            running.update(piece)
            file.write(piece)
    return running.digest()
