"""Turn pydantic validation errors into located, plain-words problems."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sitegen.fields import describe_value, suggestion
from sitegen.problems import Problem, error

PathPart = str | int
Locator = Callable[[Sequence[PathPart], bool], tuple[int, int]]
"""Maps a field path to (line, column); the flag asks for the key rather than the value."""


def field_path(loc: Sequence[PathPart]) -> str:
    """Render a location tuple as ``appearances[0].url``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def _model_at(model: type[BaseModel], loc: Sequence[PathPart]) -> type[BaseModel] | None:
    """Find the nested model class that a location points into."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """Unwrap Optional[...] and tuple[X, ...] down to a model class, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    if get_origin(annotation) is None:
        return None
    return None


def _describe(err: ErrorDetails, model: type[BaseModel]) -> tuple[str, str]:
    """Return (message, hint) for one pydantic error."""
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    loc = err["loc"]
    if kind == "sitegen":
        return str(ctx["message"]), str(ctx.get("hint", ""))
    if kind == "missing":
        return "is required", f"add a line '{loc[-1]}: …'"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        names = list(parent.model_fields) if parent else []
        hint = suggestion(str(loc[-1]), names) or (f"known fields: {', '.join(names)}" if names else "")
        return f"unknown field '{loc[-1]}'", hint
    if value is None and kind != "literal_error":
        return "is empty", "give it a value or remove the line"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        listed = ", ".join(choices)
        if value is None:
            return f"is empty; expected one of: {listed}", ""
        return f"'{value}' is not one of: {listed}", suggestion(str(value), choices)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, found {describe_value(value)}", "indent the fields under this key"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, found {describe_value(value)}", "write each entry on its own line starting with '- '"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}", ""
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} entries; the limit is {ctx.get('max_length')}", "remove some"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {describe_value(value)}", ""
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {describe_value(value)}", ""
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        relation = "at least" if kind == "greater_than_equal" else "at most"
        return f"must be {relation} {bound}", ""
    if kind == "string_type":
        return f"expected text, found {describe_value(value)}", ""
    return err["msg"], ""


def problems_from_error(
    exc: ValidationError, model: type[BaseModel], path: str, locator: Locator, prefix: Sequence[PathPart] = ()
) -> list[Problem]:
    """Turn every error of one validation into a problem located in ``path``."""
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        index = (err.get("ctx") or {}).get("index")
        if err["type"] == "sitegen" and isinstance(index, int):
            loc = (*loc, index)
        message, hint = _describe(err, model)
        full = (*prefix, *loc)
        if err["type"] == "missing":
            line, column = locator(full[:-1], True)
        else:
            line, column = locator(full, err["type"] == "extra_forbidden")
        problems.append(error(path, line, column, field_path(full), message, hint))
    return problems
