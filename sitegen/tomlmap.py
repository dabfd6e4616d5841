"""Where each key of a TOML file sits, for located messages about valid TOML.

tomllib parses but forgets positions.  This scanner walks the (already
validated) text line by line and records the line and column of every table
header and key, with array-of-tables entries numbered as tomllib numbers them.
Values spread over several lines (arrays, multi-line strings) are skipped over,
so a problem inside one is reported at its key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

PathPart = str | int
Position = tuple[int, int]

_HEADER = re.compile(r"\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*=\s*"
)
_PART = re.compile(r"[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'")


def _split_key(text: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _PART.findall(text))


class TomlMap:
    """Positions of the keys and tables in one TOML text."""

    def __init__(self, text: str) -> None:
        self.keys: dict[tuple[PathPart, ...], Position] = {}
        self.values: dict[tuple[PathPart, ...], Position] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        table: tuple[PathPart, ...] = ()
        counts: dict[tuple[str, ...], int] = {}
        closing: str | None = None
        depth = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if closing is not None:
                if closing in line:
                    closing = None
                continue
            if depth > 0:
                depth += _bracket_balance(line)
                continue
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                names = _split_key(header.group(2))
                column = line.index(header.group(1)) + 1
                if header.group(1) == "[[":
                    index = counts.get(names, -1) + 1
                    counts[names] = index
                    table = (*names, index)
                else:
                    table = names
                self.keys.setdefault(table, (number, column))
                self.values.setdefault(table, (number, column))
                continue
            key = _KEY.match(line)
            if not key:
                continue
            path = (*table, *_split_key(key.group(1)))
            self.keys.setdefault(path, (number, line.index(key.group(1)[0]) + 1))
            self.values.setdefault(path, (number, key.end() + 1))
            rest = line[key.end() :]
            for quote in ('"""', "'''"):
                if rest.startswith(quote) and quote not in rest[3:]:
                    closing = quote
            if rest.startswith("["):
                depth = _bracket_balance(rest)

    def locate(self, path: Sequence[PathPart], key: bool = False) -> Position:
        """Line and column of ``path``, or of its nearest recorded ancestor; (1, 1) otherwise."""
        table = self.keys if key else self.values
        current = tuple(path)
        while current:
            if current in table:
                return table[current]
            current = current[:-1]
        return 1, 1


def _bracket_balance(text: str) -> int:
    """Net count of opening brackets, ignoring strings and comments (good enough for arrays)."""
    balance = 0
    quote: str | None = None
    for char in text:
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char == "[":
            balance += 1
        elif char == "]":
            balance -= 1
    return balance
