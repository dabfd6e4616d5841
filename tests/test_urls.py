"""urls.absolute: the same address as urljoin, for every kind of path."""

from __future__ import annotations

import random
from urllib.parse import urljoin

import pytest

from sitegen import urls

BASES = ("https://experts.example.org/", "https://example.org/media/experts/", "http://localhost:8000/")


@pytest.mark.parametrize("base", BASES)
def test_absolute_equals_urljoin(base: str) -> None:
    pieces = [
        "a",
        "experts",
        "ana-ruiz",
        "photo-320.webp",
        ".",
        "..",
        "a..b",
        "_x",
        "",
        "?q=1",
        "#top",
        "x:y",
        "é",
        "%20",
    ]
    rng = random.Random(7)
    paths = ["", "/", "/experts/ana-ruiz/", "/assets/site.css", "/../x", "/./x", "//host/x", "/a/../../b"]
    for _ in range(5000):
        path = "/".join(rng.choice(pieces) for _ in range(rng.randint(1, 5)))
        paths.append(rng.choice(["", "/"]) + path + rng.choice(["", "/"]))
    paths.append("/" + "a-b" * 3000 + "?x")  # long and not plain: a backtracking pattern would never finish
    for path in paths:
        assert urls.absolute(base, path) == urljoin(base, path.lstrip("/")), path


def test_a_base_without_its_final_slash_is_joined_by_urljoin() -> None:
    assert urls.absolute("https://example.org/media", "/experts/") == "https://example.org/experts/"
