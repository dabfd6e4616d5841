"""The browser index's files: which result rows each term shard carries."""

from __future__ import annotations

import itertools
import json
import random
import zlib
from pathlib import Path
from typing import Any

import pytest

from sitegen import search_export
from sitegen.check import check_site
from sitegen.search import CHINESE_FOLDED, FOLDED_CHARACTERS, MAX_EXPANSION, UNSPACED_RUN, SearchIndex
from tests.conftest import REPO, TODAY, copy_sample, index_named


def folder_of(root: Path) -> tuple[str, dict[str, bytes]]:
    """The folder a site's exported index names in meta.json, and the index's files."""
    site = check_site(root, TODAY).site
    assert site is not None
    files = search_export.export_index(SearchIndex(site), {})
    return json.loads(files[search_export.ROOT + search_export.META])["folder"], files


def test_every_file_but_meta_json_lies_in_the_folder_of_its_numbering(tmp_path: Path) -> None:
    """The folder is the same for builds that number the experts and label the facet values alike
    (an edited headline), and another once they differ (an expert added first in A-Z: every number
    after moves; a language no one spoke before: every label after moves), so a page never reads
    one build's files with another's meta.json numbering otherwise."""
    root = copy_sample(tmp_path / "site")
    folder, files = folder_of(root)
    assert len(folder) == 16 and int(folder, 16) >= 0
    inside = f"{search_export.ROOT}{folder}/"
    assert sorted(path for path in files if not path.startswith(inside)) == [search_export.ROOT + search_export.META]
    assert {path.removeprefix(inside).split("/")[0] for path in files} >= {"t", "d", "f", "w", "facets.json"}
    profile = root / "experts/ana-ruiz-castellanos.yaml"
    text = profile.read_text("utf-8")
    profile.write_text(text.replace("Hurricane insurance", "Flood insurance"), "utf-8")
    edited, edited_files = folder_of(root)
    assert edited == folder and edited_files != files
    profile.write_text(text.replace("  - es\n", "  - es\n  - eu\n"), "utf-8")  # Basque: spoken by no one else
    assert folder_of(root)[0] != folder
    profile.write_text(text, "utf-8")
    added = text.replace("Ana Ruiz Castellanos", "Aaron Abel").replace("Ruiz Castellanos", "Abel")
    (root / "experts/aaron-abel.yaml").write_text(added.replace("ana.ruiz", "aaron.abel"), "utf-8")
    assert folder_of(root)[0] != folder


def test_a_shard_carries_all_rows_of_rare_terms_and_the_best_rows_of_common_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rare terms (at most ALL_ROWS documents) carry every row; commoner ones their ROWS best, ties A–Z."""
    monkeypatch.setattr(search_export, "ALL_ROWS", 3)
    monkeypatch.setattr(search_export, "ROWS", 2)
    site = check_site(REPO, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    files = index_named(search_export.export_index(index, {}))
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
        for term, packed in shard["t"].items():  # gaps, steps and ranks decode to the index's own postings
            assert search_export.unpacked(packed) == index.scores[term]
            assert search_export.documents(packed) == sorted(index.scores[term])
        for n, row in shard["r"].items():
            assert row == chunks[int(n) // search_export.CHUNK][int(n) % search_export.CHUNK]
    assert rare and common


def test_a_common_term_has_the_rows_of_its_next_best_in_files_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """A term in more than ALL_ROWS documents: its ranks ROWS to TIERS[0]-1 (ties A–Z) in r/<term>.json;
    one in more than TIERS[0], its ranks TIERS[0] to TIERS[1]-1 in r/<term>.1.json; the rows as the
    chunks hold them; none for rarer terms, nor for a name over TIER_KEY_MAX bytes."""
    monkeypatch.setattr(search_export, "ALL_ROWS", 3)
    monkeypatch.setattr(search_export, "ROWS", 2)
    monkeypatch.setattr(search_export, "TIERS", (5, 7))
    site = check_site(REPO, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    common = sorted(term for term, postings in index.scores.items() if len(postings) > 3)
    longest = max(common, key=lambda term: len(term.encode()))
    monkeypatch.setattr(search_export, "TIER_KEY_MAX", len(longest.encode()) - 1)
    files = index_named(search_export.export_index(index, {}))
    chunks = {int(p[15:-5]): json.loads(d) for p, d in files.items() if p.startswith("search/index/d/")}
    tiers: dict[tuple[str, int], dict[str, Any]] = {}
    for path, data in files.items():
        if path.startswith("search/index/r/"):
            name, _, suffix = path[15:-5].partition(".")
            tiers[bytes.fromhex(name).decode(), int(suffix or 0)] = json.loads(data)
    short = [term for term in common if len(term.encode()) < len(longest.encode())]
    assert sorted(tiers) == sorted(
        [(term, 0) for term in short] + [(term, 1) for term in short if len(index.scores[term]) > 5]
    )
    assert any(len(index.scores[term]) > 7 for term, _ in tiers)  # some term has more than the files hold
    assert any(level == 1 and len(index.scores[term]) < 7 for term, level in tiers)  # and some fewer
    for (term, level), rows in tiers.items():
        postings = index.scores[term]
        ranked = sorted(postings, key=lambda d: (-postings[d], d))
        assert [int(n) for n in rows] == sorted(ranked[2:5] if level == 0 else ranked[2:7])  # the first's too
        for n, row in rows.items():
            assert row == chunks[int(n) // search_export.CHUNK][int(n) % search_export.CHUNK]
    meta = json.loads(files["search/index/meta.json"])
    assert (meta["rows"], meta["allRows"], meta["tiers"]) == (2, 3, [5, 7])
    assert meta["tierKeyMax"] == len(longest.encode()) - 1


def test_a_shard_is_measured_only_between_fits_raw_and_max_ratio_times_the_limit() -> None:
    """Over MAX_RATIO times the limit raw, a shard counts as too big even if it would compress under it;
    within FITS_RAW times, as within the limit even if it would not; in between, it is compressed."""
    member = b'"aaaa":[' + b"1,0.5," * 400 + b"1]"  # about 2.4 KB that compresses to a few dozen bytes
    parts = search_export._Parts({"aaaa": member}, {"aaaa": ()}, {})
    shard = parts.shard(["aaaa"])
    compressed = len(zlib.compress(shard, search_export.SPLIT_LEVEL))
    limit = 1024
    assert len(member) < search_export.MAX_RATIO * limit < 4 * len(member)
    assert parts.within(["aaaa"], limit) == shard  # within MAX_RATIO times: measured, and it compresses well under
    assert parts.within(["aaaa"], len(member) // (search_export.MAX_RATIO + 1)) is None
    assert len(shard) > search_export.FITS_RAW * compressed
    assert parts.within(["aaaa"], compressed - 1) is None  # measured: over
    scattered = bytes(range(256)) * 4
    noise = search_export._Parts({"n": b'"n":"' + zlib.compress(scattered).hex().encode() + b'"'}, {"n": ()}, {})
    incompressible = len(noise.shard(["n"]))
    assert len(zlib.compress(noise.shard(["n"]), search_export.SPLIT_LEVEL)) > incompressible // search_export.FITS_RAW
    assert noise.within(["n"], -(-incompressible // search_export.FITS_RAW)) == noise.shard(["n"])  # not measured


def test_split_prefixes_get_a_completion_file_lean_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A completion file holds the prefix's first terms, as its shards do, with the rows their shards
    carry; over COMPLETION_LIMIT it is lean: the rows of the prefix's own ROWS best (scores summed,
    ties A–Z), and meta.json lists it; the rows of its next best are in its p/ files, ranks ROWS to
    TIERS[0]-1 and TIERS[0] to TIERS[1]-1, each written where its documents reach."""
    site = check_site(REPO, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    files = index_named(search_export.export_index(index, {}, shard_limit=1))  # every prefix splits
    meta = search_export.unpacked_meta(json.loads(files["search/index/meta.json"]))
    # Two letters at least, or one CJK letter, whose pairs share a shard ("日本語": "日本", "本語").
    assert min(len(prefix) for prefix in meta["completions"] if not UNSPACED_RUN.match(prefix)) == 2
    assert {prefix for prefix in meta["completions"] if UNSPACED_RUN.match(prefix)} >= {"日", "本"}
    assert meta["lean"] == []
    for prefix in meta["completions"]:
        completion = json.loads(files[f"search/index/c/{prefix.encode().hex()}.json"])
        first = sorted(t for t in index.scores if t.startswith(prefix))[:MAX_EXPANSION]
        assert sorted(completion["t"]) == first
        carried = {doc for term in first for doc in search_export.carried(index.scores[term])}
        assert {int(doc) for doc in completion["r"]} == carried
    every = {path: len(data) for path, data in files.items() if path.startswith("search/index/c/")}
    limit = sorted(every.values())[len(every) // 2]
    monkeypatch.setattr(search_export, "COMPLETION_LIMIT", limit)
    monkeypatch.setattr(search_export, "ROWS", 3)
    monkeypatch.setattr(search_export, "TIERS", (5, 8))
    files = index_named(search_export.export_index(index, {}, shard_limit=1))
    meta = search_export.unpacked_meta(json.loads(files["search/index/meta.json"]))
    lean = set(meta["lean"])
    assert sorted(path for path in files if path.startswith("search/index/c/")) == sorted(every)
    assert 0 < len(lean) < len(every)
    chunks = [row for path in sorted(files, key=len) if "/d/" in path for row in json.loads(files[path])]
    levels_written: list[int] = []
    for prefix in meta["completions"]:
        completion = json.loads(files[f"search/index/c/{prefix.encode().hex()}.json"])
        first = sorted(completion["t"])
        tiers = [f"search/index/{search_export.prefix_tier_path(prefix, level)}" for level in (0, 1)]
        if prefix in lean:
            totals: dict[int, float] = {}
            for term in first:
                for doc, score in index.scores[term].items():
                    totals[doc] = totals.get(doc, 0.0) + score
            ranked = sorted(totals, key=lambda doc: (-totals[doc], doc))
            assert {int(doc) for doc in completion["r"]} == set(ranked[:3]), prefix
            for level, (path, floor, end) in enumerate(zip(tiers, (3, 5), (5, 8), strict=True)):
                assert (path in files) == (len(ranked) > floor), path  # reached past the level before
                if path in files:
                    levels_written.append(level)
                    tiered = json.loads(files[path])
                    assert [int(doc) for doc in tiered] == sorted(ranked[3:end]), path  # the first level's too
                    assert all(row == chunks[int(doc)] for doc, row in tiered.items())
        else:
            assert len(files[f"search/index/c/{prefix.encode().hex()}.json"]) <= limit + 16  # size() is rough
            assert not any(path in files for path in tiers)
    assert 0 < levels_written.count(1) < levels_written.count(0)  # some prefixes reach the second level, not all


def test_each_facet_value_has_a_file_of_its_documents_and_rows_all_or_its_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """f/<facet>/<key>.json: a value's documents ascending as gaps (a parent topic's with its
    subtopics'), and the rows of them all where they are at most VALUE_ROWS, else of the first
    VALUE_FIRST; both availability values always have one."""
    site = check_site(REPO, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    sizes = sorted(len(docs) for values in index.facets.values() for docs in values.values())
    monkeypatch.setattr(search_export, "VALUE_ROWS", sizes[len(sizes) // 2])
    monkeypatch.setattr(search_export, "VALUE_FIRST", 3)  # a larger value's first three
    files = index_named(search_export.export_index(index, {}))
    chunks = [row for path in sorted(files, key=len) if "/d/" in path for row in json.loads(files[path])]
    written = {path for path in files if path.startswith("search/index/f/") and not path.endswith(".c.json")}
    expected = {
        f"search/index/{search_export.value_path(facet, value)}"
        for facet, values in index.facets.items()
        for value in {*values, *(["yes", "no"] if facet == "available" else [])}
    }
    assert written == expected
    every_row = 0
    for facet, values in index.facets.items():
        for value, docs in values.items():
            data = json.loads(files[f"search/index/{search_export.value_path(facet, value)}"])
            assert list(itertools.accumulate(data["d"])) == sorted(docs), (facet, value)
            carried = sorted(docs) if len(docs) <= search_export.VALUE_ROWS else sorted(docs)[:3]
            assert data["r"] == {str(doc): chunks[doc] for doc in carried}, (facet, value)
            every_row += len(carried) == len(docs)
    assert 0 < every_row < len(written)
    topics = {t.id: t for t in site.config.topics}
    parent = next(value for value in index.facets["topic"] if any(t.parent == value for t in topics.values()))
    children = {doc for t in topics.values() if t.parent == parent for doc in index.facets["topic"].get(t.id, ())}
    assert children <= set(index.facets["topic"][parent])  # a parent's file lists its subtopics' experts


def page_counts(
    facets: dict[str, dict[str, list[int]]], results: set[int], filters: dict[str, str]
) -> dict[str, dict[str, int]]:
    """The counts the search page shows beside each facet value (search.js's ``countsOf``): the
    results holding that value and every other facet's chosen value."""
    counts: dict[str, dict[str, int]] = {}
    for facet, values in facets.items():
        allowed = set(results)
        for name, value in filters.items():
            if name != facet:
                allowed &= set(facets[name].get(value, ()))
        counts[facet] = {value: len(allowed.intersection(docs)) for value, docs in values.items()}
    return counts


def test_a_country_format_or_language_has_a_counting_file_that_counts_as_facets_json_does() -> None:
    """f/<facet>/<key>.c.json, for each country, media format and language held: facets.json's
    form in two lines (the chosen facet and availability first), read back as the page reads it,
    that facet and availability whole, the others' values among its holders only. Filtered by
    that value alone or with "available now", any results are counted from it as from
    facets.json."""
    site = check_site(REPO, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    files = index_named(search_export.export_index(index, {}))
    meta = json.loads(files["search/index/meta.json"])
    labels, count = meta["facets"], len(index.slugs)
    assert meta["counted"] == ["country", "format", "language"]
    full = search_export.facets_read(json.loads(files["search/index/facets.json"]), labels, count)
    written = {path for path in files if path.endswith(".c.json")}
    assert written == {
        f"search/index/{search_export.counting_path(facet, value)}"
        for facet in meta["counted"]
        for value in index.facets[facet]
    }
    rng = random.Random(4)
    for facet in meta["counted"]:
        for value, holders in index.facets[facet].items():
            raw = files[f"search/index/{search_export.counting_path(facet, value)}"]
            # Two lines: the chosen facet and availability first (what a search's count needs), then the rest.
            first, rest = map(json.loads, raw.split(b"\n"))
            assert first.keys() == {facet, "available"} and rest.keys() == {
                "topic",
                "language",
                "country",
                "format",
            } - {facet}
            data = search_export.counting_read(raw)
            assert data == {**first, **rest}
            read = search_export.facets_read(data, labels, count)
            assert read[facet] == full[facet] and read["available"] == full["available"], (facet, value)  # whole
            for other, values in full.items():
                if other not in (facet, "available"):
                    held = {x: [d for d in docs if d in holders] for x, docs in values.items()}
                    assert read[other] == {x: docs for x, docs in held.items() if docs}, (facet, value, other)
            for size in (0, 3, count // 2, count):
                results = set(rng.sample(range(count), size))
                for filters in ({facet: value}, {facet: value, "available": "yes"}):
                    expected = page_counts(full, results, filters)
                    assert page_counts(read, results, filters) == {
                        name: {x: n for x, n in expected[name].items() if x in read[name] or n} for name in expected
                    }, (facet, value, size, filters)
    # A counting file counts for its own value only: another's counts from it are not facets.json's.
    holders_of = index.facets["country"]
    value = max(holders_of, key=lambda v: len(holders_of[v]))
    data = search_export.counting_read(files[f"search/index/{search_export.counting_path('country', value)}"])
    read = search_export.facets_read(data, labels, count)
    other = next(v for v in holders_of if v != value)
    everyone = set(range(count))
    assert (
        page_counts(read, everyone, {"country": other})["topic"]
        != page_counts(full, everyone, {"country": other})["topic"]
    )


def test_meta_json_packs_its_shard_table_and_split_prefixes() -> None:
    """Front-coded keys with term counts (negative: exact), read back as they were, astral characters too."""
    words = ["a", "ab", "abc", "abd", "b", "ba2", "ba3x", "𝔞𝔟", "𝔞𝔠", "陈博"]
    assert search_export.front_coded(words) == "0a 1b 2c 2d 0b 1a2 23x 0𝔞𝔟 1𝔠 0陈博"
    assert search_export.front_decoded(search_export.front_coded(words)) == words
    assert search_export.front_decoded("") == []
    hex_keys = ["e99988e58d9a", "e99988e58daa", "e99988e58daab"]  # sharing 10 and 12: 9 counted, the rest given
    assert search_export.front_coded(hex_keys) == "0e99988e58d9a 9daa 9daab"
    assert search_export.front_decoded(search_export.front_coded(hex_keys)) == hex_keys
    shards = {"ab": [4, 0], "a": [1, 1], "abc": [1, 1], "b": [27, 0], "ba": [26, 0], "c": [40, 1], "d": [26, 1]}
    meta = {"docs": 3, "shards": shards, "completions": ["ab", "ac"], "lean": ["ac"], "words": ["6162", "6163"]}
    packed = search_export.packed_meta(meta)
    # Each count a letter (upper case: exact), over 26 digits and ";" ("-": exact).
    assert packed["shards"] == {"keys": "0a 1b 2c 0b 1a 0c 0d", "terms": "AdA27;z-40;Z"}
    assert (packed["completions"], packed["lean"], packed["words"]) == ("0ab 1c", "0ac", "06162 33")
    assert search_export.unpacked_meta(packed) == {**meta, "shards": dict(sorted(shards.items()))}
    with pytest.raises(ValueError, match="front-code"):
        search_export.front_coded(["a b"])


def test_facets_json_holds_every_value_s_documents_as_gaps_parents_without_their_subtopics() -> None:
    """A topic's or a language's documents ascending, each as the gap from the one before, a parent
    topic's without its subtopics' experts; each expert's country and formats as one character
    each; who is available: read back (as the page and the preview's patch read it), the index's
    facets exactly."""
    site = check_site(REPO, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    files = index_named(search_export.export_index(index, {}))
    written = json.loads(files["search/index/facets.json"])
    labels = json.loads(files["search/index/meta.json"])["facets"]
    count = len(index.slugs)
    expected = {facet: {value: sorted(docs) for value, docs in found.items()} for facet, found in index.facets.items()}
    assert expected["available"].get("no") and expected["country"] and expected["format"]  # every path is taken
    assert search_export.facets_read(written, labels, count) == expected
    assert written.keys() == {"topic", "language", "country", "format", "available"}
    assert written["available"].keys() == {"yes"}  # the others are not available
    assert all(n > 0 for facet in ("topic", "language") for gaps in written[facet].values() for n in gaps[1:])
    parents = search_export.topic_parents(labels)
    assert parents and set(parents.values()) <= index.facets["topic"].keys()
    for parent in set(parents.values()):
        listed = set(itertools.accumulate(written["topic"][parent]))
        children = {doc for child, up in parents.items() if up == parent for doc in index.facets["topic"][child]}
        assert listed == set(index.facets["topic"][parent]) - children, parent
    assert [list(itertools.accumulate(gaps)) for gaps in written["language"].values()] == list(
        expected["language"].values()
    )
    # One character per expert: its country's position plus one (0 for none), its formats' bits.
    countries = [entry[0] for entry in labels["country"]]
    formats = [entry[0] for entry in labels["format"]]
    assert len(written["country"]) == len(written["format"]) == count
    for doc in range(count):
        country = ord(written["country"][doc]) - search_export.CODE_BASE
        held = [value for value, docs in expected["country"].items() if doc in docs]
        assert held == ([countries[country - 1]] if country else []), doc
        bits = ord(written["format"][doc]) - search_export.CODE_BASE
        assert {formats[at] for at in range(len(formats)) if bits >> at & 1} == {
            value for value, docs in expected["format"].items() if doc in docs
        }, doc
    assert search_export.gapped([3, 4, 9, 100]) == [3, 1, 5, 91]
    assert search_export.gapped([]) == []


def test_a_facet_of_one_value_each_is_never_written_with_two() -> None:
    with pytest.raises(ValueError, match="two values"):
        search_export.coded({"US": [0, 1], "FR": [1]}, [["FR", "France"], ["US", "United States"]], 2, single=True)
    many = search_export.coded({"a": [0], "b": [0, 2]}, [["a", "A"], ["b", "B"]], 3, single=False)
    assert many == "3" + "0" + "2"
    assert search_export.decoded(many, [["a", "A"], ["b", "B"]], single=False) == {"a": [0], "b": [0, 2]}


def test_meta_counts_how_many_hold_each_facet_value_in_the_order_of_its_labels() -> None:
    """meta.json's counts are the index's: every label's value, a parent topic with its subtopics'
    experts, availability as [yes, no]; the page counts the facets before a search from them."""
    site = check_site(REPO, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    meta = json.loads(search_export.export_index(index, {})["search/index/meta.json"])
    counts, labels = meta["counts"], meta["facets"]
    assert counts.keys() == {"topic", "language", "country", "format", "available"}
    for facet in ("topic", "language", "country", "format"):
        assert counts[facet] == [len(index.facets[facet][entry[0]]) for entry in labels[facet]], facet
    assert counts["available"] == [len(index.facets["available"].get(v, ())) for v in ("yes", "no")]
    assert sum(counts["available"]) == len(index.slugs)
    parents = search_export.topic_parents(labels)
    parent = next(iter(sorted(set(parents.values()))))
    at = [entry[0] for entry in labels["topic"]].index(parent)
    children = {doc for child, up in parents.items() if up == parent for doc in index.facets["topic"][child]}
    assert counts["topic"][at] >= len(children) > 0  # a parent counts its subtopics' experts


@pytest.mark.parametrize("seed", range(20))
def test_a_prefix_s_leading_documents_are_its_summed_scores_sorted_ties_by_number(seed: int) -> None:
    """``prefix_leading`` equals a plain sort of the summed scores, however many documents tie at the
    edge of the count asked for (few distinct scores make many ties there); ``lean_documents``
    splits it into a lean completion file's rows and its p/ files' levels."""
    rng = random.Random(seed)
    count = rng.choice([5, search_export.ROWS, 3 * search_export.ROWS, 2000])
    wanted = rng.choice([1, search_export.ROWS, search_export.TIERS[-1]])
    scores = [rng.choice([0.5, 1.0, 1.5, 2.25]) for _ in range(4)] if seed % 2 else [rng.random() for _ in range(50)]
    terms = [
        {doc: rng.choice(scores) for doc in sorted(rng.sample(range(count * 2), count))}
        for _ in range(rng.randint(1, 4))
    ]
    totals: dict[int, float] = {}
    for postings in terms:
        for doc, score in postings.items():
            totals[doc] = totals.get(doc, 0.0) + score
    ranked = sorted(totals, key=lambda doc: (-totals[doc], doc))
    assert search_export.prefix_leading(terms, wanted) == tuple(ranked[:wanted])
    own, levels = search_export.lean_documents(terms)
    first, last = search_export.TIERS
    assert own == tuple(ranked[: search_export.ROWS])
    rows = search_export.ROWS
    second = tuple(sorted(ranked[rows:last])) if len(ranked) > first else ()  # the first level's too
    assert levels == (tuple(sorted(ranked[rows:first])) if len(ranked) > rows else (), second)


def test_a_parsed_shard_is_written_again_as_its_members_were_joined() -> None:
    """``shard_json`` (the preview's patch) encodes terms with orjson's sorted keys; the export joins
    ``member``s in ``sorted`` order: the same bytes for terms in many scripts and odd scores."""
    postings = {
        "zurich": {3: 1.5, 7: 0.125},
        "ab": {0: 12.0, 2: 3.333},
        "ábc": {1: 2.25},
        "中文": {4: 9.999},
        "ελλάδα": {5: 0.001, 6: 1e-3},
        "a_1": {9: 100.5},
        "𝔘nicode": {8: 7.0},
    }
    rows = {
        doc: search_export.row_entry(doc, search_export.encode([f"s{doc}", text, [1]]))
        for doc, text in ((9, 'N\x00"'), (2, "\u2028é"))
    }
    members = [search_export.member(term, postings[term]) for term in sorted(postings)]
    expected = search_export.shard_bytes([rows[doc] for doc in sorted(rows)], members)
    parsed = json.loads(expected)
    shuffled = dict(reversed(parsed["t"].items()))  # the patch adds a new term last
    assert search_export.shard_json(parsed["r"], shuffled) == expected


def test_a_row_packs_its_country_and_formats_in_one_number() -> None:
    """A bit per format's position, under the country's position plus one (0: no country)."""
    assert search_export.packed_facets(None, [], 7) == 0
    assert search_export.packed_facets(0, [1, 2, 0], 3) == 0b1_111
    assert search_export.packed_facets(4, [6, 6], 7) == (5 << 7) | (1 << 6)
    assert search_export.packed_facets(None, [0, 3], 4) == 0b1001


def test_search_js_reads_the_format_the_export_writes() -> None:
    """search.js renews a page kept from another format (its VERSION against meta.json's)."""
    script = (REPO / "templates" / "assets" / "search.js").read_text(encoding="utf-8")
    assert f"var VERSION = {search_export.FORMAT_VERSION};" in script


def test_a_term_s_scores_are_packed_as_places_among_its_distinct_scores_and_unpack_exactly() -> None:
    """``packed``: the documents as gaps, the distinct scores in thousandths as steps, each
    document's score as its place; ``unpacked`` gives back the very floats (scores are kept to three
    decimals, so a thousandth over 1000 is the float the index holds)."""
    assert search_export.packed({0: 4.273, 3: 1.5, 7: 4.273, 8: 0.001}) == [[0, 3, 4, 1], [1, 1499, 2773], [2, 1, 2, 0]]
    rng = random.Random(2)
    for _ in range(200):
        docs = sorted(rng.sample(range(5000), rng.randint(1, 300)))
        scores = {doc: round(rng.choice([rng.uniform(0.001, 40.0), 7.1, 0.3]), 3) for doc in docs}
        assert search_export.unpacked(search_export.packed(scores)) == scores
        assert search_export.documents(search_export.packed(scores)) == docs


def test_meta_json_lists_the_folded_characters_the_page_cannot_work_out() -> None:
    """The page folds a Latin letter as its letter without marks, and a kana by its compatibility
    decomposition, unless meta.json lists it: with the list, every lower-case character folds as
    the index folds it, and the list is short."""
    simplified = set(CHINESE_FOLDED.values())
    listed = search_export.accent_exceptions(simplified)  # an index whose terms hold every simplified character
    index = {chr(code): value for code, value in FOLDED_CHARACTERS.items()}
    by_rule = search_export.folded_by_rule()  # lower case only: folded after lower-casing, never looked up
    for letter in sorted(set(by_rule) | {letter for letter in index if letter.lower() == letter}):
        page = listed.get(letter, by_rule.get(letter, letter))
        assert page == index.get(letter, letter), letter
    assert listed["ß"] == "ss" and "é" not in listed and listed["\u200c"] == ""
    assert "ｶ" not in listed and "ガ" not in listed and listed["゛"] == "\u3099"  # the rule's own, and not
    # Chinese's traditional characters only where the index's terms hold their simplified ones.
    others = search_export.accent_exceptions()
    assert others == {letter: value for letter, value in listed.items() if ord(letter) not in CHINESE_FOLDED}
    assert len(others) < (len(index) - len(CHINESE_FOLDED)) / 2
    assert search_export.accent_exceptions(frozenset("经x")) == {**others, "經": "经"}
    assert search_export.term_characters(["经济", "ab"]) == {"经", "济", "a", "b"}


def test_the_terms_files_made_in_two_processes_are_those_made_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """With two jobs a share of the prefixes' shards, completion files (lean ones with their p/
    files) and r/ files is made in another process: the same files, byte for byte, and the same
    meta.json."""
    monkeypatch.setattr(search_export, "PARALLEL_MIN", 1)
    monkeypatch.setattr(search_export, "ALL_ROWS", 3)
    monkeypatch.setattr(search_export, "ROWS", 2)
    monkeypatch.setattr(search_export, "TIERS", (4, 8))
    monkeypatch.setattr(search_export, "COMPLETION_LIMIT", 2000)
    site = check_site(REPO, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    one = search_export.export_index(index, {}, shard_limit=600)
    folders = {path.split("/")[3] for path in one if path.count("/") > 3}
    assert folders >= {"t", "c", "p", "r", "d", "w", "f"}
    assert json.loads(one["search/index/meta.json"])["lean"]  # some completion files are lean
    two = dict(search_export.export_files(index, {}, shard_limit=600, jobs=2))
    assert two == one


def test_groups_of_terms_are_claimed_the_most_postings_first() -> None:
    scores = {"ab": {1: 1.0}, "abc": {1: 1.0, 2: 1.0}, "cd": {1: 1.0, 2: 1.0}, "ef": {1: 1.0, 2: 1.0, 3: 1.0}, "gh": {}}
    groups = {"ab": ["ab", "abc"], "cd": ["cd"], "ef": ["ef"], "gh": ["gh"]}
    assert search_export.by_work(groups, scores) == [
        ("ab", ["ab", "abc"]),
        ("ef", ["ef"]),
        ("cd", ["cd"]),
        ("gh", ["gh"]),
    ]
