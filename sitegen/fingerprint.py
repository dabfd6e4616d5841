"""Fingerprints of the inputs of a file: equal fingerprints, equal bytes out.

A planned file is a function and its arguments (plain frozen dataclasses, text,
numbers, and pydantic models with stable pickles); its fingerprint is a digest of
its parts' fingerprints, down to pickles.  The pickler runs in "fast" mode, without its memo, so two equal
values pickle the same whether or not they share objects.  The Jinja environment
stands in by name: a page's templates are added to its fingerprint by the build
(see ``templating.template_digest``).  A value that pickled differently from one run to the next would
only cost a cache miss, never a wrong page: equal pickles mean equal inputs.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import pickle
from collections.abc import Callable


def digest(data: bytes) -> bytes:
    """A 16-byte BLAKE2b digest."""
    return hashlib.blake2b(data, digest_size=16).digest()


def running_digest() -> hashlib.blake2b:
    """A ``digest`` of bytes given piece by piece (``update``, then ``digest``)."""
    return hashlib.blake2b(digest_size=16)


def fingerprint(value: object) -> bytes:
    """The digest of a value's memo-less pickle."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: shared and unshared equal values pickle alike
    pickler.dump(value)
    return digest(buffer.getvalue())


class Fingerprints:
    """Fingerprints within one build, each shared object fingerprinted once.

    Lists, tuples, dicts and dataclasses holding long lists are fingerprinted from
    their parts' fingerprints (with their type), so the topics every topic page shows,
    or a topic page's views of experts, cost nothing after the first time; a value
    whose type has a ``fingerprinted_as`` method by what that returns (an expert by
    its profile file's digest); anything else by its pickle.  Objects are remembered by identity, so they
    must not change while the build runs (views and models are frozen).
    """

    def __init__(self) -> None:
        self.memo: dict[int, bytes] = {}
        self.alive: list[object] = []

    def call(self, make: Callable[[], object]) -> bytes:
        """The fingerprint of a planned call: its function's name and its arguments."""
        if not isinstance(make, functools.partial):
            raise TypeError("planned files are made by functools.partial calls")
        import jinja2  # noqa: PLC0415 - `check` fingerprints profiles, not planned calls: no Jinja

        args = tuple("jinja-environment" if isinstance(a, jinja2.Environment) else a for a in make.args)
        name = f"{make.func.__module__}.{make.func.__qualname__}".encode()
        return digest(name + self.of(args) + self.of(make.keywords))

    def of(self, value: object) -> bytes:
        """The fingerprint of a value."""
        if type(value) is str:  # the keys and texts of every page's values: set a pickler up for none of them
            return digest(b"str:" + value.encode("utf-8", "surrogatepass"))
        if type(value) in _SCALARS:
            return fingerprint(value)
        known = self.memo.get(id(value))
        if known is not None:
            return known
        if isinstance(value, (list, tuple)):
            tag = f"{type(value).__qualname__}:{len(value)}".encode()
            known = digest(tag + b"".join(self.of(item) for item in value))
        elif isinstance(value, dict):
            tag = f"{type(value).__qualname__}:{len(value)}".encode()
            known = digest(tag + b"".join(self.of(k) + self.of(v) for k, v in value.items()))
        elif (stand_in := _stand_in(value)) is not None:
            tag = f"{type(value).__module__}.{type(value).__qualname__}:as".encode()
            known = digest(tag + self.of(stand_in))
        elif (names := _held_many(value)) is not None:
            tag = f"{type(value).__module__}.{type(value).__qualname__}".encode()
            known = digest(tag + b"".join(self.of(getattr(value, name)) for name in names))
        else:
            known = fingerprint(value)
        self.memo[id(value)] = known
        self.alive.append(value)
        return known


def _stand_in(value: object) -> object | None:
    """What a value is fingerprinted as, if its type says (a ``fingerprinted_as`` method that does not
    return None): something smaller that changes whenever it does."""
    method = getattr(type(value), "fingerprinted_as", None)
    return method(value) if method is not None else None


_SCALARS = frozenset({str, int, float, bool, bytes, type(None)})
MANY = 16


def _held_many(value: object) -> tuple[str, ...] | None:
    """A dataclass's field names if it holds a long list (a group of experts, the site): worth
    fingerprinting by parts."""
    names = _field_names(type(value))
    if names and any(
        isinstance(item := getattr(value, name), (list, tuple, dict)) and len(item) > MANY for name in names
    ):
        return names
    return None


def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names, in order (none for any other type): looked up once a type."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else ()
        _FIELD_NAMES[kind] = names
    return names


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
