"""`sitegen search` answers from the index the last build (or search) made, when it is current."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitegen.cache import Store
from sitegen.cli import main
from sitegen.search import SearchIndex
from sitegen.search_keep import ENTRY
from tests.conftest import copy_sample

QUERIES = (
    ("climate",),
    ("hurricane", "insur"),
    ("", "--topic", "oceans"),
    ("economia", "--language", "es"),
    ("jose",),
    ("hurricaine",),
)


def cli(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--site", str(root), *args])
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def search(root: Path, *args: str, cache: bool = True) -> Any:
    options = [] if cache else ["--no-cache"]
    return json.loads(cli(root, *options, "search", "--json", "--limit", "20", *args))


def refuse(self: SearchIndex, *args: object) -> None:
    """Stands in for building an index where none should be built."""
    raise AssertionError("a search index was built")


def test_search_uses_the_index_the_build_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_sample(tmp_path / "site")
    cli(root, "build")
    fresh = {query: search(root, *query, cache=False) for query in QUERIES}
    assert all(result["results"] or result["suggestions"] for result in fresh.values())

    monkeypatch.setattr(SearchIndex, "_build", refuse)
    assert {query: search(root, *query) for query in QUERIES} == fresh  # the same answers, no index built
    with pytest.raises(AssertionError, match="was built"):
        search(root, "climate", cache=False)  # (without the cache, one is built: the guard works)


def test_an_edit_makes_the_kept_index_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_sample(tmp_path / "site")
    cli(root, "build")
    profile = root / "experts" / "ana-ruiz-castellanos.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("bio: |\n", "bio: |\n  Zebracanary.\n", 1))
    found = search(root, "zebracanary")  # a new index: the build's is not of this content
    assert [hit["slug"] for hit in found["results"]] == ["ana-ruiz-castellanos"]
    config = root / "site.toml"
    text = config.read_text(encoding="utf-8")
    renamed = text.replace('name = "Oceans and coasts"', 'name = "Seas, oceans and coasts"', 1)
    assert renamed != text
    config.write_text(renamed, encoding="utf-8")
    assert search(root, "seas")["total"] == search(root, "", "--topic", "oceans")["total"]  # site.toml counts too

    monkeypatch.setattr(SearchIndex, "_build", refuse)
    assert search(root, "zebracanary") == found  # the search before kept its index for this one


def test_a_cache_that_cannot_be_written_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_sample(tmp_path / "site")
    expected = search(root, "climate", cache=False)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full_disk)  # every cache entry is written through one
    assert search(root, "climate") == expected  # checked and searched all the same, nothing kept
    assert cli(root, "build", "--quiet") == ""  # a build too
    monkeypatch.undo()
    assert not Store(root).load(ENTRY, tuple)


def test_a_kept_index_is_not_read_after_a_stemming_library_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's key names the version of every library that makes the index's terms: a kept
    index stemmed by another PyStemmer (Finnish's stemmer) or whoosh (Porter2 ...), or with
    another breame's spellings or OpenCC's characters, is not reused."""
    from importlib import metadata

    from sitegen import cache

    known = cache.environment_key()
    assert f"pystemmer={metadata.version('pystemmer')}" in known
    assert f"whoosh3={metadata.version('whoosh3')}" in known
    assert f"breame={metadata.version('breame')}" in known
    assert f"opencc={metadata.version('opencc')}" in known
    real = metadata.version
    for library in ("pystemmer", "breame", "opencc"):
        monkeypatch.setattr(metadata, "version", lambda name, changed=library: "0.0" if name == changed else real(name))
        assert cache.environment_key() != known
