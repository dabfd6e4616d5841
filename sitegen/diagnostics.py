"""Print problems as compilers do, as GitHub Actions annotations, or as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sitegen.problems import Problem


def _position(problem: Problem) -> str:
    if problem.line <= 0:
        return problem.path
    return f"{problem.path}:{problem.line}:{problem.column}"


def _message(problem: Problem) -> str:
    text = f"{problem.field}: {problem.message}" if problem.field else problem.message
    if problem.hint.startswith("did you mean"):
        return f"{text} ({problem.hint})"
    return text


def format_text(problems: Sequence[Problem]) -> str:
    """One line a problem, ``path:line:col: error: field: message``, hints indented below."""
    lines: list[str] = []
    for problem in problems:
        lines.append(f"{_position(problem)}: {problem.severity.value}: {_message(problem)}")
        if problem.hint and not problem.hint.startswith("did you mean"):
            lines.append(f"    hint: {problem.hint}")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands, so problems appear on the pull request's lines."""
    lines: list[str] = []
    for problem in problems:
        properties = [f"file={_escape_property(problem.path)}"]
        if problem.line > 0:
            properties += [f"line={problem.line}", f"col={problem.column}"]
        if problem.field:
            properties.append(f"title={_escape_property(problem.field)}")
        text = problem.message
        if problem.hint:
            text += f" ({problem.hint})" if problem.hint.startswith("did you mean") else f". Hint: {problem.hint}"
        lines.append(f"::{problem.severity.value} {','.join(properties)}::{_escape_data(text)}")
    return "\n".join(lines)


def format_json(problems: Sequence[Problem]) -> str:
    """A JSON list of problems with every field named."""
    return json.dumps(
        [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "field": p.field,
                "severity": p.severity.value,
                "message": p.message,
                "hint": p.hint,
            }
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    )


def summary(problems: Sequence[Problem], files: int) -> str:
    """``2 errors and 1 warning in 43 profiles``."""
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors

    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not problems:
        return f"no problems in {count(files, 'profile')}"
    return f"{count(errors, 'error')} and {count(warnings, 'warning')} in {count(files, 'profile')}"
