"""The preview's search patch: edited experts patched into the last build's browser index.

The patched index must be the rebuilt one in everything but other experts' scores: the same
experts match every term, the same rows, words, facets and completions, every term where the
search page looks for it; and an unchanged expert patches nothing.
"""

from __future__ import annotations

import gc
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from sitegen import search_export, search_patch
from sitegen.check import check_site
from sitegen.collate import SiteModel
from sitegen.search import MAX_EXPANSION, SearchIndex
from sitegen.search_export import (
    META,
    ROOT,
    carried,
    export_index,
    file_read,
    files_folder,
    has_tier,
    index_path,
    leading,
    lean_documents,
    next_rows,
    prefix_tier_path,
    tier_path,
    unpacked,
    unpacked_meta,
)
from sitegen.search_patch import SearchBase, patch_search, serialised
from tests.conftest import REPO, TODAY, copy_sample, index_name, write_spanish_site

ANA = "experts/ana-ruiz-castellanos.yaml"
DAVID = "experts/david-cohen.yaml"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "site")


def model(root: Path) -> SiteModel:
    report = check_site(root, TODAY)
    assert report.site is not None, report.problems
    return report.site


def export(site: SiteModel, shard_limit: int | None = 1) -> tuple[dict[str, bytes], SearchIndex]:
    """The browser index of a site; by default every prefix split, so completion files abound."""
    index = SearchIndex(site)
    return named(export_index(index, {}, shard_limit)), index


def named(files: dict[str, bytes]) -> dict[str, bytes]:
    """Index files by the name the page asks for them by ("t/6162.json", "meta.json"), from their
    output paths (meta.json under ROOT, the others in the index's folder: ``index_path``)."""
    return {index_name(path): data for path, data in files.items()}


def built(root: Path, site: SiteModel) -> tuple[dict[str, bytes], SearchBase]:
    """A last build's index, written where the patch reads it."""
    files, index = export(site)
    folder = json.loads(files[META])["folder"]
    for name, data in files.items():
        (root / "_build" / index_path(folder, name)).parent.mkdir(parents=True, exist_ok=True)
        (root / "_build" / index_path(folder, name)).write_bytes(data)
    return files, SearchBase(index.basis, root / "_build", index.slugs)


def edit(root: Path, path: str, old: str, new: str) -> None:
    text = (root / path).read_text("utf-8")
    assert old in text, (path, old)
    (root / path).write_text(text.replace(old, new, 1), "utf-8")


def parsed(files: dict[str, bytes]) -> dict[str, Any]:
    loaded = {name: file_read(name, data) for name, data in files.items()}
    return {**loaded, "meta.json": unpacked_meta(loaded["meta.json"])}


def postings(packed: list[list[int]]) -> dict[int, float]:
    return unpacked(packed)


def terms(files: dict[str, Any]) -> dict[str, dict[int, float]]:
    """Every term of the shards meta.json lists (an emptied shard's file may stay behind, unlisted)."""
    found: dict[str, dict[int, float]] = {}
    for key in files["meta.json"]["shards"]:
        for term, flat in files[f"t/{key.encode().hex()}.json"]["t"].items():
            assert term not in found
            found[term] = postings(flat)
    return found


def home(meta: dict[str, Any], term: str) -> str | None:
    """The shard the search page fetches for a term (search.js's lookupKey)."""
    keys = [k for k, (_, exact) in meta["shards"].items() if term.startswith(k) and (not exact or k == term)]
    return max(keys, key=len) if keys else None


def test_every_index_file_is_written_again_as_the_export_wrote_it() -> None:
    files, _ = export(model(REPO))
    for shard_limit in (1, None):
        files = export(model(REPO), shard_limit)[0]
        assert {"meta.json", "facets.json"} <= files.keys()
        for name, data in files.items():
            value = file_read(name, data)
            assert serialised(name, unpacked_meta(value) if name == "meta.json" else value) == data, name


def test_an_unchanged_expert_patches_nothing(site: Path) -> None:
    before = model(site)
    _, base = built(site, before)
    # fatima-zahra-benali writes "heat waves", which the index holds as "heatwaves" too (another's word)
    for slug in ("ana-ruiz-castellanos", "david-cohen", "fatima-zahra-benali", base.order[0], base.order[-1]):
        assert patch_search(base, before, before, [slug]) == {}


@pytest.mark.parametrize(
    ("rows", "lean"), [(None, False), ((3, 2, 4, 5), False), ((3, 2, 4, 5), True)], ids=["sample", "common", "lean"]
)
def test_a_patched_index_matches_the_rebuilt_one_but_for_other_experts_scores(
    site: Path, rows: tuple[int, ...] | None, lean: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if rows:  # terms in more than 3 experts carry their 2 best rows, the next 2 and 1 in r/: the common terms' path
        for module in (search_export, search_patch):
            monkeypatch.setattr(module, "ALL_ROWS", rows[0])
        monkeypatch.setattr(search_export, "ROWS", rows[1])
        monkeypatch.setattr(search_export, "TIERS", rows[2:])
        monkeypatch.setattr(search_export, "VALUE_ROWS", 4)  # a value of more than 4 experts carries the rows
        monkeypatch.setattr(search_export, "VALUE_FIRST", 2)  # of its first 2 (A–Z) only
    if lean:  # every completion file carries its prefix's best rows only
        monkeypatch.setattr(search_export, "COMPLETION_LIMIT", 0)
    before = model(site)
    old_files, base = built(site, before)
    # A new word (with a two-letter prefix no term has) and new CJK pairs (under their first letter),
    # a word dropped, a topic swapped for another; and a headline and keyword replaced, so that words
    # only that expert used leave the index.
    edit(site, ANA, "headline: Hurricane insurance,", "headline: Zyxwvutian hurricane cover, aluminium, 颱風保険,")
    edit(site, ANA, "  - extreme-weather\n", "  - public-health\n")
    edit(site, DAVID, "headline: Privacy law, surveillance and data protection", "headline: Law and policy")
    edit(site, DAVID, "  - GDPR\n", "")
    edit(site, DAVID, "  country: US\n", "  country: KE\n")  # to a country another expert has
    after = model(site)
    patch = patch_search(base, after, before, ["ana-ruiz-castellanos", "david-cohen"])
    assert patch is not None and all(name.startswith(ROOT) for name in patch)
    patched = parsed({**old_files, **named(patch)})
    full_files, full = export(after)
    rebuilt = parsed(full_files)
    old = terms(parsed(old_files))
    new_terms, gone = set(full.scores) - set(old), set(old) - set(full.scores)
    assert "zyxwvutian" in new_terms and "gdpr" in gone  # both paths are taken
    assert {"台风", "风保", "保険"} <= new_terms  # 颱風 (a typhoon) in simplified characters, as indexed
    assert home(patched["meta.json"], "台风") == "台"  # a new shard from its first letter, as the export starts
    assert any(key not in parsed(old_files)["meta.json"]["shards"] for key in patched["meta.json"]["shards"])

    # Every term matches the same experts; only the edited ones' scores are new, and near the exact.
    found = terms(patched)
    assert {t: set(p) for t, p in found.items()} == {t: set(p) for t, p in full.scores.items()}
    edited = {base.order.index("ana-ruiz-castellanos"), base.order.index("david-cohen")}
    for term, scores in found.items():
        for doc, score in scores.items():
            if doc in edited:
                assert score == pytest.approx(full.scores[term][doc], rel=0.05), (term, doc)
            else:
                assert score == old[term][doc], (term, doc)
    # Every term is where the search page looks for it, and a shard's key is a prefix of its terms.
    for term in found:
        key = home(patched["meta.json"], term)
        assert key is not None and term in patched[f"t/{key.encode().hex()}.json"]["t"], term
    # Rows, words, facets: as rebuilt. Each shard and completion file carries the rows its terms call for.
    chunks = sorted(name for name in rebuilt if name.startswith("d/"))
    assert [patched[name] for name in chunks] == [rebuilt[name] for name in chunks]
    assert patched["facets.json"] == rebuilt["facets.json"]
    assert patched["meta.json"]["counts"] == rebuilt["meta.json"]["counts"]  # a topic swapped: counted again
    assert patched["meta.json"]["counts"] != parsed(old_files)["meta.json"]["counts"]
    # Each facet value's own file: its documents and (a small value's, or a larger one's first) rows, as rebuilt.
    values = sorted(name for name in rebuilt if name.startswith("f/"))
    assert values == sorted(name for name in patched if name.startswith("f/"))
    assert [patched[name] for name in values] == [rebuilt[name] for name in values]
    # David moved country: every country's counting file (each holds every expert's) written again, as rebuilt.
    countries = {f"f/country/{code.encode().hex()}.c.json" for code in ("US", "KE", "DK", "CL")}
    assert countries <= patch_names(patch) and countries <= set(values)
    firsts = [  # a larger value's first rows, an edited expert's among them: the patch rewrote it
        name
        for name in patch_names(patch) & set(values)
        if not name.endswith(".c.json")
        and len(patched[name]["d"]) > search_export.VALUE_ROWS
        and edited & {int(doc) for doc in patched[name]["r"]}
    ]
    assert bool(firsts) == bool(rows)
    assert {"f/topic/" + b"extreme-weather".hex() + ".json"} < patch_names(patch)
    assert patched["meta.json"]["words"] == rebuilt["meta.json"]["words"]
    # A British word new to the index: the page reads it as the American one, as the rebuild's does.
    assert "aluminium" not in parsed(old_files)["meta.json"]["spellings"]
    assert rebuilt["meta.json"]["spellings"]["aluminium"] == "aluminum"
    assert rebuilt["meta.json"]["spellings"].items() <= patched["meta.json"]["spellings"].items()
    # Traditional characters new to the index: the page folds them as the rebuild's does.
    assert "颱" not in parsed(old_files)["meta.json"]["accents"]
    assert (rebuilt["meta.json"]["accents"]["颱"], rebuilt["meta.json"]["accents"]["風"]) == ("台", "风")
    assert rebuilt["meta.json"]["accents"].items() <= patched["meta.json"]["accents"].items()
    for key in rebuilt["meta.json"]["words"]:
        assert patched[f"w/{key}.json"] == rebuilt[f"w/{key}.json"]
    assert bool(patched["meta.json"]["lean"]) == lean
    lean_files = {f"c/{prefix.encode().hex()}.json" for prefix in patched["meta.json"]["lean"]}
    files = [f"t/{key.encode().hex()}.json" for key in patched["meta.json"]["shards"]]
    files += [f"c/{prefix.encode().hex()}.json" for prefix in patched["meta.json"]["completions"]]
    for name in files:
        if name in lean_files:
            wanted = set(lean_documents(postings(patched[name]["t"][term]) for term in sorted(patched[name]["t"]))[0])
        else:
            wanted = {doc for flat in patched[name]["t"].values() for doc in carried(postings(flat))}
        assert {int(doc) for doc in patched[name]["r"]} == wanted, name
        for doc, row in patched[name]["r"].items():
            assert row == rebuilt[f"d/{int(doc) // 50}.json"][int(doc) % 50]
    # Each common term's r/ files hold the rows of its next best documents, as rebuilt.
    for level in (0, 1):
        common = {term: scores for term, scores in found.items() if has_tier(term, scores, level)}
        assert bool(common) == bool(rows)
        assert any(tier_path(term, level) in patch_names(patch) for term in common) == bool(rows)
        start = search_export.ROWS  # a level's file holds the levels' before it too
        for term, scores in common.items():
            tiered = patched[tier_path(term, level)]
            assert [int(doc) for doc in tiered] == sorted(leading(scores, search_export.TIERS[level])[start:])
            for doc, row in tiered.items():
                assert row == rebuilt[f"d/{int(doc) // 50}.json"][int(doc) % 50]
    # Each lean prefix's p/ files hold the rows of its next best documents, as the patched
    # completion file ranks them, the rows as rebuilt.
    lean_tiers = 0
    for prefix in patched["meta.json"]["lean"]:
        first = patched[f"c/{prefix.encode().hex()}.json"]["t"]
        _, levels = lean_documents(postings(first[term]) for term in sorted(first))
        for level, numbers in enumerate(levels):
            if numbers:
                lean_tiers += 1
                tiered = patched[prefix_tier_path(prefix, level)]
                assert [int(doc) for doc in tiered] == list(numbers), (prefix, level)
                for doc, row in tiered.items():
                    assert row == rebuilt[f"d/{int(doc) // 50}.json"][int(doc) % 50]
    assert bool(lean_tiers) == lean
    assert any(name.startswith("p/") for name in patch_names(patch)) == lean
    # A prefix typed as the last word completes to its first terms, as rebuilt (from a completion
    # file or the shards), whatever the shards' split.
    prefixes = {term[:n] for term in set(full.scores) | set(old) for n in range(2, len(term) + 1)}
    for prefix in prefixes:
        first = sorted(t for t in full.scores if t.startswith(prefix))[:MAX_EXPANSION]
        assert completions(patched, prefix) == first, prefix
    assert completions(rebuilt, "zyx") == ["zyxwvutian"]
    assert completions(patched, "台") == completions(rebuilt, "台") == ["台风"]  # a CJK letter alone


def patch_names(patch: dict[str, bytes]) -> set[str]:
    return set(named(patch))


def completions(files: dict[str, Any], prefix: str) -> list[str]:
    """A prefix's completions as the search page finds them (search.js's completionFile, completionKeys)."""
    meta = files["meta.json"]
    if prefix in meta["completions"]:
        return sorted(files[f"c/{prefix.encode().hex()}.json"]["t"])
    found: set[str] = set()
    certain = 0
    for key in sorted(meta["shards"]):
        if certain >= MAX_EXPANSION:
            break
        count, exact = meta["shards"][key]
        if key.startswith(prefix) or (prefix.startswith(key) and not exact):
            found |= set(files[f"t/{key.encode().hex()}.json"]["t"])
            certain += count if key.startswith(prefix) else 0
    return sorted(t for t in found if t.startswith(prefix))[:MAX_EXPANSION]


def test_counting_files_are_written_again_only_where_an_edit_changes_them(site: Path) -> None:
    """An edit of words alone writes no counting file; a topic swapped, those of the values the
    expert holds (a country, media formats, languages: their holders' topics changed); the
    expert's availability changed, every one (each holds availability whole): as rebuilt."""
    before = model(site)
    _, base = built(site, before)
    edit(site, ANA, "headline: Hurricane insurance,", "headline: Hurricane cover,")
    words = patch_search(base, model(site), before, ["ana-ruiz-castellanos"])
    assert words and not any(name.endswith(".c.json") for name in words)
    edit(site, ANA, "  - extreme-weather\n", "  - public-health\n")
    after = model(site)
    patch = patch_search(base, after, before, ["ana-ruiz-castellanos"])
    assert patch is not None
    held = {("country", "US"), *(("format", f) for f in ("print", "online", "radio", "tv", "live"))}
    held |= {("language", "es"), ("language", "en")}
    names = {name for name in patch_names(patch) if name.endswith(".c.json")}
    assert names == {search_export.counting_path(facet, value) for facet, value in held}
    rebuilt = parsed(export(after)[0])
    assert all(file_read(name, named(patch)[name]) == rebuilt[name] for name in names)
    # Availability changed: every counting file holds it whole, so every one is written again.
    edit(site, ANA, "  status: available\n", "  status: unavailable\n")
    later = model(site)
    patch = patch_search(base, later, before, ["ana-ruiz-castellanos"])
    assert patch is not None
    rebuilt = parsed(export(later)[0])
    every = {name for name in rebuilt if name.endswith(".c.json")}
    assert {name for name in patch_names(patch) if name.endswith(".c.json")} == every
    assert all(file_read(name, named(patch)[name]) == rebuilt[name] for name in every)


def test_a_spanish_site_s_edit_is_patched_with_the_index_s_stemmer(tmp_path: Path) -> None:
    """The preview analyses an edited expert with the last build's stemmer, as the rebuild does."""
    root = write_spanish_site(tmp_path / "es")
    before = model(root)
    old_files, base = built(root, before)
    assert base.basis.stemmer == "spanish"
    edit(root, "experts/miguel-torres.yaml", "Historia de las", "Historia de las vacunaciones y de las")
    after = model(root)
    patch = patch_search(base, after, before, ["miguel-torres"])
    assert patch is not None
    patched = terms(parsed({**old_files, **named(patch)}))
    _, full = export(after)
    assert {t: set(p) for t, p in patched.items()} == {t: set(p) for t, p in full.scores.items()}
    assert len(patched["vacun"]) == 2  # "vacunaciones" as "vacunación" and "vacunas"


def test_an_index_that_cannot_be_read_is_left_to_the_rebuild(site: Path) -> None:
    before = model(site)
    _, base = built(site, before)
    edit(site, ANA, "headline: ", "headline: Zyxwvutian ")
    after = model(site)
    index = site / "_build" / ROOT
    shutil.copy(index / "meta.json", site / "meta.json")
    (index / "meta.json").write_text('{"shards": {', "utf-8")  # cut short
    assert patch_search(base, after, before, ["ana-ruiz-castellanos"]) is None
    shutil.move(site / "meta.json", index / "meta.json")
    assert patch_search(base, after, before, ["ana-ruiz-castellanos"])
    shutil.rmtree(files_folder(site / "_build") / "t")  # removed by a newer build meanwhile
    assert patch_search(base, after, before, ["ana-ruiz-castellanos"]) is None


def test_the_patch_runs_with_the_collector_paused_and_restores_it(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files it parses make many objects and no cycles; the collector would walk the whole site
    model each time it ran (BENCHMARKS.md: 60% of the patch at 10,000 experts). Restored after,
    also when the patch fails."""
    before = model(site)
    _, base = built(site, before)
    seen: list[bool] = []
    real = search_patch._patch

    def watched(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(search_patch, "_patch", watched)
    assert gc.isenabled()
    assert patch_search(base, before, before, ["david-cohen"]) == {}
    shutil.rmtree(files_folder(site / "_build") / "t")
    assert patch_search(base, before, before, ["david-cohen"]) is None
    assert seen == [False, False]
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("path", "change", "why"),
    [
        (ANA, ("sort_name: Ruiz Castellanos", "sort_name: Zuniga"), "moves in A–Z order: every later number changes"),
        (ANA, ("  - en\n", "  - en\n  - is\n"), "a language no one spoke: the labels' positions change"),
        ("experts/siobhan-osullivan.yaml", ("  - ga\n", ""), "the only speaker of a language"),
        (ANA, ("reviewed:", "status: unlisted\nreviewed:"), "no longer listed: every later number changes"),
    ],
)
def test_what_only_a_rebuild_can_say_is_left_to_it(site: Path, path: str, change: tuple[str, str], why: str) -> None:
    before = model(site)
    _, base = built(site, before)
    edit(site, path, *change)
    assert patch_search(base, model(site), before, [Path(path).stem]) is None, why


def random_edit(rng: random.Random, fewest: int, most: int) -> tuple[dict[int, float], list[int], dict[int, float]]:
    """A term's postings (fewest to most of 40 documents, scores 1 to 6: many ties), one or two
    documents edited (a new score, or gone one time in five), and the postings after."""
    old = {doc: float(rng.randint(1, 6)) for doc in sorted(rng.sample(range(40), rng.randint(fewest, most)))}
    edited = rng.sample(range(40), rng.randint(1, 2))
    new = dict(old)
    for doc in edited:
        if rng.random() < 0.2:
            new.pop(doc, None)
        else:
            new[doc] = float(rng.randint(1, 6))
    return old, edited, dict(sorted(new.items()))


def test_the_best_rows_after_an_edit_are_found_without_ranking_everyone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut for common terms picks exactly what ranking every document again picks."""
    for module in (search_export, search_patch):
        monkeypatch.setattr(module, "ALL_ROWS", 3)
    monkeypatch.setattr(search_export, "ROWS", 2)
    rng = random.Random(7)
    shortcuts = 0
    for _ in range(3000):
        old, edited, new = random_edit(rng, 4, 12)
        before = carried(old)
        previous = {doc: old.get(doc) for doc in edited}
        if len(new) > 3:
            expected = carried(new)
            assert search_patch._carried_after(new, before, previous) == expected, (old, new)
            shortcuts += all(doc in new and new[doc] >= old[doc] for doc in before)
    assert shortcuts > 500  # the shortcut itself was taken, often


def test_r_files_are_left_alone_only_when_no_edited_document_is_among_the_leading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A common term whose edited documents were and are outside its TIERS[-1] best keeps its r/
    files: ranking every document again gives each the same documents (ties on scores included)."""
    for module in (search_export, search_patch):
        monkeypatch.setattr(module, "TIERS", (4, 7))
    monkeypatch.setattr(search_export, "ROWS", 2)
    rng = random.Random(11)
    kept = moved = 0
    for _ in range(3000):
        old, edited, new = random_edit(rng, 8, 20)
        same = all(next_rows(leading(old, 7), level) == next_rows(leading(new, 7), level) for level in range(2))
        among = search_patch._among_leading(old, edited) or search_patch._among_leading(new, edited)
        assert same or among, (old, new, edited)
        assert among == any(doc in leading(old, 7) or doc in leading(new, 7) for doc in edited)
        kept += not among
        moved += not same
    assert kept > 300 and moved > 300  # both ways taken, often
