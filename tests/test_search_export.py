"""The browser index's files: which result rows each term shard carries."""

from __future__ import annotations

import json

import pytest

from sitegen import search_export
from sitegen.check import check_site
from sitegen.search import SearchIndex
from tests.conftest import REPO, TODAY


def test_a_shard_carries_all_rows_of_rare_terms_and_the_best_rows_of_common_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rare terms (at most ALL_ROWS documents) carry every row; commoner ones their ROWS best, ties A–Z."""
    monkeypatch.setattr(search_export, "ALL_ROWS", 3)
    monkeypatch.setattr(search_export, "ROWS", 2)
    site = check_site(REPO, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    files = search_export.export_index(index, {})
    shards = [json.loads(data) for path, data in files.items() if path.startswith("search/index/t/")]
    chunks = {int(p[15:-5]): json.loads(d) for p, d in files.items() if p.startswith("search/index/d/")}
    rare = common = 0
    for shard in shards:
        expected: set[int] = set()
        for term in shard["t"]:
            postings = index.scores[term]
            if len(postings) <= 3:
                rare += 1
                expected |= set(postings)
            else:
                common += 1
                expected |= set(sorted(postings, key=lambda d: (-postings[d], d))[:2])
        assert {int(n) for n in shard["r"]} == expected
        for term, flat in shard["t"].items():  # gaps and scores decode to the index's own postings
            assert dict(zip(search_export.documents(flat), flat[1::2], strict=True)) == index.scores[term]
        for n, row in shard["r"].items():
            assert row == chunks[int(n) // search_export.CHUNK][int(n) % search_export.CHUNK]
    assert rare and common


def test_a_shard_far_over_the_limit_is_split_without_compressing_it() -> None:
    """Over MAX_RATIO times the limit raw, a shard counts as too big even if it would compress under it."""
    member = b'"aaaa":[' + b"1,0.5," * 400 + b"1]"  # about 2.4 KB that compresses to a few dozen bytes
    parts = search_export._Parts({"aaaa": member}, {"aaaa": ()}, {})
    limit = 1024
    assert len(member) < search_export.MAX_RATIO * limit < 4 * len(member)
    assert parts.fits(["aaaa"], limit)  # within MAX_RATIO times: measured, and it compresses well under
    assert not parts.fits(["aaaa"], len(member) // (search_export.MAX_RATIO + 1))
