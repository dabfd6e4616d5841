"""Pydantic models whose pickles are the same bytes for the same data.

pydantic pickles the set of fields a model was given, whose order varies from one
Python process to the next; the build cache fingerprints inputs by their pickles,
so the models it sees store that set sorted.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

FIELDS_SET = "__pydantic_fields_set__"


class StableModel(BaseModel):
    """A pydantic model with a deterministic pickle."""

    def __getstate__(self) -> dict[Any, Any]:
        state = dict(super().__getstate__())
        state[FIELDS_SET] = tuple(sorted(state[FIELDS_SET]))
        return state

    def __setstate__(self, state: dict[Any, Any]) -> None:
        state[FIELDS_SET] = set(state[FIELDS_SET])  # the state is the unpickler's own new dict
        super().__setstate__(state)
