"""Parse profile files: bytes in, a public ``Expert`` and separate ``PrivateNotes`` out."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from pydantic import BaseModel, ValidationError

from sitegen.discover import Source
from sitegen.fields import InsecureUrl, load_validators
from sitegen.fingerprint import digest
from sitegen.hardyaml import (
    MarkTable,
    PackedMarks,
    PathPart,
    PlainData,
    locate_in_table,
    locate_packed,
    pack_marks,
    read_yaml,
)
from sitegen.memory import collector_paused
from sitegen.parallel import PARALLEL_MIN, all_started, can_fork, shards
from sitegen.problems import Problem, error, warning
from sitegen.schema import PRIVATE_KEY, Expert, PrivateNotes
from sitegen.textrules import decode_utf8, forbidden_character
from sitegen.validation import Locator, field_path, problems_from_error

MAX_PROFILE_BYTES = 128 * 1024
READ_SIZE = 64 * 1024
PARTS_PER_JOB = 8
"""Parts of the profiles to parse per worker: this process takes in each part's profiles as it
comes, while the workers parse the next, and a worker that falls behind (sharing its core) holds
up only its last small part.  (Taken in after the last part, 10,000 profiles took 0.28 s to
unpickle once the workers had ended; with two parts a worker, the workers ended up to 0.3 s apart.)"""


@dataclass(frozen=True)
class ParsedProfile:
    """One profile file after parsing: ``expert`` is None when it has errors."""

    source: Source
    expert: Expert | None
    private: PrivateNotes | None
    marks: PackedMarks | None
    """Where each field is in the file (None when it could not be parsed), packed: unpacked only to
    place a problem."""
    problems: tuple[Problem, ...]
    digest: bytes = b""
    """A digest of the file's bytes, which the build cache keys parsed profiles by (empty if unread)."""

    def locate(self, path: Sequence[PathPart], key: bool = False) -> tuple[int, int]:
        """Line and column of a field in this file (1, 1 when unknown)."""
        if self.marks is None:
            return 1, 1
        mark = locate_packed(self.marks, path, key=key)
        return mark.line, mark.column


def parse_profile(source: Source, data: bytes) -> ParsedProfile:
    """Parse and validate one profile's bytes; never raises for bad content."""
    path = source.path
    if len(data) > MAX_PROFILE_BYTES:
        message = f"the file is larger than {MAX_PROFILE_BYTES // 1024} KiB, the limit for a profile"
        return ParsedProfile(source, None, None, None, (error(path, 0, 0, "", message),))
    text, problems = decode_utf8(data, path)
    if text is None:
        return ParsedProfile(source, None, None, None, tuple(problems))
    document, problems = read_yaml(text, path)
    if document is None:
        return ParsedProfile(source, None, None, None, tuple(problems))
    fields, marks = document.data, document.marks
    if not isinstance(fields, dict):
        found = "a list" if isinstance(fields, list) else "a single value"
        line, column, _, _, _ = marks[()]
        problems.append(error(path, line, column, "", f"a profile is a mapping of fields, found {found}"))
        return ParsedProfile(source, None, None, pack_marks(marks), tuple(problems))
    public = {key: value for key, value in fields.items() if key != PRIVATE_KEY}
    private, private_problems = _private_notes(fields.get(PRIVATE_KEY), marks, path)
    problems.extend(private_problems)

    def locator(loc: Sequence[PathPart], key: bool) -> tuple[int, int]:
        mark = locate_in_table(marks, loc, key=key)
        return mark.line, mark.column

    expert: Expert | None = None
    try:
        expert = Expert.model_validate(public)
    except ValidationError as exc:
        problems.extend(problems_from_error(exc, Expert, path, locator))
    if expert is not None and _may_hold_http(text):
        problems.extend(_insecure_urls(expert, path, locator))
    if any(p.is_error for p in problems):
        expert, private = None, None
    return ParsedProfile(source, expert, private, pack_marks(marks), tuple(problems))


def _private_notes(notes: PlainData, marks: MarkTable, path: str) -> tuple[PrivateNotes | None, list[Problem]]:
    if notes is None:
        return PrivateNotes({}), []
    if not isinstance(notes, dict):
        line, column, _, _, _ = marks[(PRIVATE_KEY,)]
        message = "expected a mapping of notes under 'private'"
        return None, [error(path, line, column, PRIVATE_KEY, message, "indent 'key: value' lines")]
    problems: list[Problem] = []
    for loc, text, is_key in _texts(notes, (PRIVATE_KEY,)):
        found = forbidden_character(text, multiline=True)
        if found:
            line, column, key_line, key_column, _ = marks[loc]
            at = (key_line, key_column) if is_key else (line, column)
            problems.append(error(path, *at, field_path(loc), found, "retype it"))
    return PrivateNotes(notes), problems


def _texts(data: PlainData, loc: tuple[PathPart, ...]) -> Iterator[tuple[tuple[PathPart, ...], str, bool]]:
    """Every key and text in ``data`` in document order, with its path and whether it is a key."""
    if isinstance(data, str):
        yield loc, data, False
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _texts(item, (*loc, index))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield (*loc, key), key, True
            yield from _texts(value, (*loc, key))


def iter_values(model: BaseModel, loc: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], object]]:
    """Yield every leaf value of a validated model with its field path."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = (*loc, name)
        if isinstance(value, BaseModel):
            yield from iter_values(value, here)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_values(item, (*here, index))
                else:
                    yield (*here, index), item
        else:
            yield here, value


def _may_hold_http(text: str) -> bool:
    """False if no value of the profile can be an http address: its text says "http:" nowhere, in any
    case, and has no backslash (an escape in a quoted value could spell it).  Most profiles: the
    validated model's every value need not be walked to find none."""
    return "\\" in text or "http:" in text.lower()


def _insecure_urls(expert: Expert, path: str, locator: Locator) -> list[Problem]:
    found: list[Problem] = []
    for loc, value in iter_values(expert):
        if isinstance(value, InsecureUrl):
            line, column = locator(loc, False)
            found.append(
                warning(
                    path, line, column, field_path(loc), "the address uses http, not https",
                    "use https:// if the site supports it",
                )
            )  # fmt: skip
    return found


CachedProfile = tuple[Expert | None, PrivateNotes | None, PackedMarks | None, tuple[Problem, ...]]
"""What the build cache keeps of a parsed profile: all but its source, which the next run knows."""
ProfileCache = Mapping[tuple[str, bytes], CachedProfile]
"""Parsed profiles by (path, digest of the file's bytes), from an earlier run."""


def to_cache(profile: ParsedProfile) -> CachedProfile:
    """A parsed profile as the build cache keeps it (plain tuples unpickle several times faster)."""
    return profile.expert, profile.private, profile.marks, profile.problems


Kept = tuple[tuple[bytes, ...], dict[tuple[str, bytes], CachedProfile]]
"""Parsed profiles as the build cache keeps them: packs, each a list of ((path, digest), kept
profile) pickled by the worker that parsed them, written as they came (pickling them again took
0.45 s at 10,000 experts, about 5 s at 100,000), and the others by (path, digest)."""


@dataclass(frozen=True)
class Parsed:
    """Every profile parsed (in the sources' order), and the same as the build cache keeps them."""

    profiles: list[ParsedProfile]
    kept: Kept


def known_profiles(kept: Kept) -> dict[tuple[str, bytes], CachedProfile]:
    """Every profile ``kept`` holds that was read, by (path, digest)."""
    packs, others = kept
    known = dict(others)
    for pack in packs:
        # Packed by this build's workers, or read from the build's own cache, whose entries are signed.
        known.update(entry for entry in pickle.loads(pack) if entry[0][1])  # noqa: S301
    return known


def parse_profiles(sources: Sequence[Source], jobs: int = 1, known: ProfileCache | None = None) -> list[ParsedProfile]:
    """Read and parse every source, reading no more than the size cap of each; in order.

    A profile whose bytes are unchanged since the run ``known`` comes from is not parsed again.
    """
    with parsing(sources, jobs, known) as parsed:
        return parsed().profiles


@contextlib.contextmanager
def parsing(
    sources: Sequence[Source], jobs: int = 1, known: ProfileCache | None = None
) -> Iterator[Callable[[], Parsed]]:
    """``parse_profiles`` started as the block begins: the block calls what it is given (once) for
    the profiles, and with several jobs does its own work meanwhile, beside the workers.

    A file the cache knows is read here, to compare its bytes; any other is read where it is
    parsed (in a worker, with several jobs).
    """
    known = known or {}
    cached = {path for path, _ in known}
    with collector_paused():
        parsed: dict[int, ParsedProfile] = {}
        todo: list[tuple[int, Source, bytes | None]] = []
        for index, source in enumerate(sources):
            if source.path not in cached:
                todo.append((index, source, None))
                continue
            try:
                data = _read_capped(source)
            except OSError as exc:
                parsed[index] = _unreadable(source, exc)
                continue
            fingerprint = digest(data)
            earlier = known.get((source.path, fingerprint))
            if earlier is not None:
                parsed[index] = ParsedProfile(source, *earlier, digest=fingerprint)
            else:
                todo.append((index, source, data))
        if jobs <= 1 or len(todo) < PARALLEL_MIN or not can_fork():  # here: packing for the cache would be waste
            entries = _parse_all(todo)
            yield lambda: _assembled(len(sources), parsed, todo, [(range(len(todo)), entries)], ())
            return
        load_validators()
        parts = shards(len(todo), jobs, PARTS_PER_JOB)
        with all_started([partial(_parse_packed, [todo[i] for i in part]) for part in parts], jobs) as done:

            def profiles() -> Parsed:
                packs: list[bytes] = []
                unpacked: list[tuple[range, list[Entry]]] = []
                for part, pack in zip(parts, done(), strict=True):  # each taken in while the workers parse on
                    packs.append(pack)
                    unpacked.append((part, pickle.loads(pack)))  # noqa: S301 - made by this process's workers
                return _assembled(len(sources), parsed, todo, unpacked, tuple(packs))

            yield profiles


Entry = tuple[tuple[str, bytes], CachedProfile]
"""A parsed profile as a worker sends it back: (path, digest) and what the cache keeps (the parent
has the sources; without them and the profiles' own class, a fifth less to pickle and unpickle)."""


def _parse_all(todo: Sequence[tuple[int, Source, bytes | None]]) -> list[Entry]:
    parsed = [_parse_source(source, data) for _, source, data in todo]
    return [((profile.source.path, profile.digest), to_cache(profile)) for profile in parsed]


def _parse_packed(todo: Sequence[tuple[int, Source, bytes | None]]) -> bytes:
    """``_parse_all``, pickled here: the parent keeps the bytes for the cache as they are."""
    return pickle.dumps(_parse_all(todo), protocol=pickle.HIGHEST_PROTOCOL)


def _assembled(
    count: int,
    parsed: dict[int, ParsedProfile],
    todo: Sequence[tuple[int, Source, bytes | None]],
    fresh: Sequence[tuple[Sequence[int], Sequence[Entry]]],
    packs: tuple[bytes, ...],
) -> Parsed:
    """The profiles in order, those parsed now (``fresh``: parts of ``todo`` and their entries)
    added to the others, and how the cache keeps them (``packs`` hold the fresh ones, if given)."""
    for part, entries in fresh:
        for item, (key, cached) in zip(part, entries, strict=True):
            index, source, _ = todo[item]
            parsed[index] = ParsedProfile(source, *cached, digest=key[1])
    profiles = [parsed[index] for index in range(count)]
    in_packs = {key for _, entries in fresh for key, _ in entries} if packs else set()
    others: dict[tuple[str, bytes], CachedProfile] = {}
    for profile in profiles:
        key = (profile.source.path, profile.digest)
        if profile.digest and key not in in_packs:
            others[key] = to_cache(profile)
    return Parsed(profiles, (packs, others))


def _parse_source(source: Source, data: bytes | None) -> ParsedProfile:
    """``parse_profile`` on the file's bytes (read now if not given), with their digest."""
    if data is None:
        try:
            data = _read_capped(source)
        except OSError as exc:
            return _unreadable(source, exc)
    return dataclasses.replace(parse_profile(source, data), digest=digest(data))


def _unreadable(source: Source, exc: OSError) -> ParsedProfile:
    problem = error(source.path, 0, 0, "", f"cannot read the file: {exc.strerror}")
    return ParsedProfile(source, None, None, None, (problem,))


def _read_capped(source: Source) -> bytes:
    """The file's bytes, no more than one past MAX_PROFILE_BYTES (enough to tell it is too large).

    Read by ``os.read`` in 64 KiB pieces: a buffered file object asked for the whole cap at once
    allocates and frees 128 KiB per file (reading 5,000 profiles took 0.07 – 0.10 s that way, 0.05 s this)."""
    # O_NOFOLLOW: a file swapped for a link after discovery is still refused.
    descriptor = os.open(source.file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        pieces: list[bytes] = []
        size = 0
        while size <= MAX_PROFILE_BYTES:
            piece = os.read(descriptor, READ_SIZE)
            if not piece:
                break
            pieces.append(piece)
            size += len(piece)
        return b"".join(pieces)[: MAX_PROFILE_BYTES + 1]
    finally:
        os.close(descriptor)
