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

import copyreg
import dataclasses
import functools
import hashlib
import io
import itertools
import operator
import pickle
from collections.abc import Callable
from typing import Any


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
    pickler.dispatch_table = _REDUCERS
    pickler.dump(value)
    return digest(buffer.getvalue())


Reducer = Callable[[Any], "str | tuple[Any, ...]"]
"""What a pickler's ``dispatch_table`` gives for a type: how to take its objects apart (``copyreg``)."""
_NEW_OBJECT: Callable[..., object] = copyreg.__newobj__  # type: ignore[attr-defined] # pickle's own, untyped


class _Reducers(dict[type, Reducer]):
    """How the fingerprint's pickler takes objects apart: a frozen dataclass with slots as its class
    and its fields' values, read at C speed (``operator.attrgetter``), instead of through the
    ``__getstate__`` that ``dataclasses`` gives it, which lists the class's fields again for every
    object (half of pickling a 10,000-expert site's pages' values); other types as the standard
    library's ``copyreg`` says, else as they pickle themselves.  A reducer is made once a type."""

    def __missing__(self, kind: type) -> Reducer:
        reducer: Reducer
        if "__slots__" in vars(kind) and (read := _field_reader(kind)) is not None:
            reducer = _fields_reducer(kind, read)
        elif (registered := copyreg.dispatch_table.get(kind)) is not None:
            reducer = registered
        else:
            raise KeyError(kind)  # the pickler's own way: __reduce_ex__
        self[kind] = reducer
        return reducer


def _fields_reducer(kind: type, read: Callable[[object], tuple[object, ...]]) -> Reducer:
    """A slotted dataclass as ``copyreg.__newobj__(kind)`` with its fields' values as its state (a
    tuple, which its generated ``__setstate__`` would take back)."""
    return lambda value: (_NEW_OBJECT, (kind,), read(value))


_REDUCERS = _Reducers()


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
        self.texts: dict[str, bytes] = {}
        """Short texts' fingerprints, by value: the names of every page's values, the site's name and
        address (three of every four texts fingerprinted for a site's pages are such repeats)."""

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
            known = self.texts.get(value)
            if known is None:
                known = digest(b"str:" + value.encode("utf-8", "surrogatepass"))
                if len(value) <= SHORT_TEXT:
                    self.texts[value] = known
            return known
        if type(value) in _SCALARS:
            return fingerprint(value)
        known = self.memo.get(id(value))
        if known is not None:
            return known
        if isinstance(value, (list, tuple)):
            tag = f"{type(value).__qualname__}:{len(value)}".encode()
            known = digest(tag + b"".join(map(self.of, value)))
        elif isinstance(value, dict):
            tag = f"{type(value).__qualname__}:{len(value)}".encode()
            known = digest(tag + b"".join(map(self.of, itertools.chain.from_iterable(value.items()))))
        elif (stand_in := _stand_in(value)) is not None:
            tag = f"{type(value).__module__}.{type(value).__qualname__}:as".encode()
            known = digest(tag + self.of(stand_in))
        elif (values := _held_many(value)) is not None:
            tag = f"{type(value).__module__}.{type(value).__qualname__}".encode()
            known = digest(tag + b"".join(map(self.of, values)))
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


SHORT_TEXT = 100
"""Characters up to which a text's fingerprint is remembered by value (longer ones are seldom repeated:
a page's structured data, a profile's bio)."""
_SCALARS = frozenset({str, int, float, bool, bytes, type(None)})
MANY = 16


def _held_many(value: object) -> tuple[object, ...] | None:
    """A dataclass's fields' values if it holds a long list (a group of experts, the site): worth
    fingerprinting by parts."""
    read = _field_reader(type(value))
    if read is None:
        return None
    values = read(value)
    for item in values:
        if isinstance(item, (list, tuple, dict)) and len(item) > MANY:
            return values
    return None


def _field_reader(kind: type) -> Callable[[object], tuple[object, ...]] | None:
    """What reads a dataclass's fields' values, in order, at C speed (None for any other type): made once a type."""
    if kind in _READERS:
        return _READERS[kind]
    names = _field_names(kind)
    reader: Callable[[object], tuple[object, ...]] | None = None
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        reader = lambda value: (one(value),)  # noqa: E731 - a reader like attrgetter's, for one field
    elif names:
        reader = operator.attrgetter(*names)
    _READERS[kind] = reader
    return reader


def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names, in order (none for any other type): looked up once a type."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else ()
        _FIELD_NAMES[kind] = names
    return names


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_READERS: dict[type, Callable[[object], tuple[object, ...]] | None] = {}
