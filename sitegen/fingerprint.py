"""Fingerprints of the inputs of a file: equal fingerprints, equal bytes out.

A planned file is a function and its arguments; its fingerprint is a hash of
their pickle, with three refinements that keep it both exact and cheap:
- objects shared by many files (views of experts, topics, the site) are
  fingerprinted once and stand in for themselves by that digest;
- pydantic models, whose pickles hold sets in varying order, are fingerprinted by
  their JSON;
- the Jinja environment stands in by name: the templates themselves are part of
  the build's key (see ``theme_digest``).
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Iterable
from pathlib import Path

import jinja2
from pydantic import BaseModel

_PLAIN = (str, int, float, bool, bytes, type(None), tuple, list, dict)


def digest(data: bytes) -> bytes:
    """A 16-byte BLAKE2b digest."""
    return hashlib.blake2b(data, digest_size=16).digest()


class Fingerprints:
    """Fingerprints of values within one build (objects must stay alive while it runs)."""

    def __init__(self, shared: tuple[type, ...]) -> None:
        self.shared = shared
        self.memo: dict[int, bytes] = {}
        self.alive: list[object] = []

    def of(self, value: object) -> bytes:
        """The fingerprint of a value."""
        buffer = io.BytesIO()
        _Pickler(buffer, self, value).dump(value)
        return digest(buffer.getvalue())

    def stand_in(self, value: object) -> bytes:
        known = self.memo.get(id(value))
        if known is None:
            if isinstance(value, BaseModel):
                known = digest(type(value).__qualname__.encode() + value.model_dump_json().encode())
            else:
                known = self.of(value)
            self.memo[id(value)] = known
            self.alive.append(value)
        return known


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, prints: Fingerprints, top: object) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.prints = prints
        self.top = top

    def persistent_id(self, obj: object) -> object:
        if type(obj) in _PLAIN or obj is self.top:
            return None
        if isinstance(obj, (BaseModel, *self.prints.shared)):
            return self.prints.stand_in(obj)
        if isinstance(obj, jinja2.Environment):
            return "jinja-environment"
        if isinstance(obj, (set, frozenset)):
            return self.prints.of(sorted(obj, key=repr))
        return None


def theme_digest(folders: Iterable[Path]) -> bytes:
    """One digest of every file in the template folders: names and contents."""
    parts: list[bytes] = []
    for number, folder in enumerate(folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                parts += [str(number).encode(), path.relative_to(folder).as_posix().encode(), digest(path.read_bytes())]
    return digest(b"\0".join(parts))
