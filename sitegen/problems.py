"""Problems found in content or configuration, as data with a location."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.Enum):
    """How serious a problem is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One located problem in a file of the site.

    ``path`` is relative to the site root with forward slashes; ``line`` and
    ``column`` are 1-based (0 means "the whole file").
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(path: str, line: int, column: int, field: str, message: str, hint: str = "") -> Problem:
    """Build an error problem."""
    return Problem(path, line, column, field, message, hint, Severity.ERROR)


def warning(path: str, line: int, column: int, field: str, message: str, hint: str = "") -> Problem:
    """Build a warning problem."""
    return Problem(path, line, column, field, message, hint, Severity.WARNING)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order problems by file, then position, then text, for stable output."""
    return sorted(
        problems,
        key=lambda p: (p.path, p.line, p.column, p.field, p.message, p.severity.value),
    )


def has_errors(problems: Iterable[Problem]) -> bool:
    """Tell whether any problem is an error."""
    return any(p.is_error for p in problems)


class SitegenError(Exception):
    """Base of every error the core raises for the CLI to report."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems


class ConfigError(SitegenError):
    """site.toml is missing or invalid, or the site layout is unusable."""


class ContentError(SitegenError):
    """One or more profiles are invalid."""


class BuildError(SitegenError):
    """The site could not be written."""
