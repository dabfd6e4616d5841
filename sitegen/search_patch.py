"""The preview's search catch-up: edited experts patched into the last build's browser index.

One edit changes the statistics every score depends on, so the full rebuild scores
every expert again, which takes tens of seconds in a big directory. So that the
preview's search finds an edit at once, the quick pass scores the edited experts
against the last build's statistics (its ``ScoreBasis``; a term new to a field counts
them among its documents) and rewrites only the files that hold them: the shards,
completion files and next-rows files (a term's r/, a lean completion's prefix's p/) of
their old and new terms, their result rows, the "did you mean" words, facets.json (and
meta.json's count of each value) and the files of their old and new facet values. Everyone
else keeps the scores of the last build until the full rebuild, which follows at once,
replaces these files with exact ones. An unchanged expert patches to the very bytes of the
last build (a test checks).

What cannot be patched in the same shape is left to the rebuild: an expert who
becomes listed or unlisted or changes A–Z place (document numbers follow A–Z order),
and a facet value new to the index or no longer held by anyone (rows and the page
address facet values by their position in meta.json's labels).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.collate import SiteModel, az_order_key
from sitegen.memory import collector_paused
from sitegen.search import (
    FAMILY_MIN,
    MAX_EXPANSION,
    Analysis,
    DocumentTerms,
    ScoreBasis,
    document_scores,
    document_terms,
)
from sitegen.search_export import (
    ALL_ROWS,
    CHUNK,
    COUNTING_FACETS,
    META,
    TIERS,
    best,
    carried,
    chinese_folded,
    counting_bytes,
    counting_file,
    counting_path,
    encode,
    encode_unsorted,
    facets_file,
    facets_read,
    file_key,
    file_read,
    gapped,
    group_key,
    has_tier,
    index_path,
    label_positions,
    leading,
    lean_documents,
    next_rows,
    packed,
    packed_meta,
    prefix_tier_path,
    row,
    shard_json,
    shard_key,
    spellings,
    suggestible,
    term_characters,
    tier_json,
    tier_path,
    unpacked,
    unpacked_meta,
    value_counts,
    value_json,
    value_path,
    value_rows,
)

Postings = dict[int, float]


@dataclass(frozen=True, slots=True)
class SearchBase:
    """What the last build's search index leaves for patching it."""

    basis: ScoreBasis
    folder: Path
    """The last build's output folder, whose search/index/ is patched."""
    order: tuple[str, ...]
    """The listed experts' slugs by document number (A–Z order)."""


class _Index:
    """The exported index's files, read from the last build as needed and rewritten once each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.loaded: dict[str, Any] = {}
        self.changed: set[str] = set()

    def path(self, name: str) -> str:
        """A file's output path, by its name under the index (``index_path``): meta.json's, or in
        the folder meta.json names."""
        return index_path("" if name == META else str(self.get(META)["folder"]), name)

    def get(self, name: str) -> Any:
        """A file under search/index/ as parsed JSON."""
        if name not in self.loaded:
            self.loaded[name] = file_read(name, (self.folder / self.path(name)).read_bytes())
        return self.loaded[name]

    def has(self, name: str) -> bool:
        """True if a file under search/index/ is loaded or exists."""
        return name in self.loaded or (self.folder / self.path(name)).is_file()

    def put(self, name: str, value: Any) -> None:
        self.loaded[name] = value
        self.changed.add(name)


def patch_search(base: SearchBase, site: SiteModel, old: SiteModel, slugs: Sequence[str]) -> dict[str, bytes] | None:
    """The index files that change, by output path, once the experts ``slugs`` became as in ``site``
    (``old`` is the model the last build indexed); None when only a full rebuild can say.

    Also None if the last build's index cannot be read as written (removed by a newer build
    meanwhile, say): the rebuild that follows every edit makes it anyway.

    The collector is paused meanwhile: the files parsed make hundreds of thousands of objects
    and no cycles, and each collection it would start walks the preview's whole site model
    (at 10,000 experts, 60% of the patch's time: 1.3 s with it, 0.53 s without).
    """
    try:
        with collector_paused():
            return _patch(base, site, old, slugs)
    except (OSError, ValueError, KeyError, IndexError):
        return None


def _patch(base: SearchBase, site: SiteModel, old: SiteModel, slugs: Sequence[str]) -> dict[str, bytes] | None:
    if not _same_order(site, old, slugs):
        return None  # someone was listed, unlisted or moved in A–Z order: document numbers change
    index = _Index(base.folder)
    meta = index.loaded[META] = unpacked_meta(index.get(META))
    docnums = {slug: n for n, slug in enumerate(base.order)}
    before = {entry.slug: entry for entry in old.listed}
    after = {entry.slug: entry for entry in site.listed}
    analysis = Analysis(base.basis.joins, base.basis.stemmer)  # the last build's, as its scores
    edits = [
        (docnums[slug], document_terms(before[slug], old, analysis), document_terms(after[slug], site, analysis))
        for slug in sorted(set(slugs))
        if slug in docnums
    ]
    facets = _patch_facets(index, meta, edits)
    if facets is None:
        return None
    positions = label_positions(meta["facets"])
    touched: dict[str, dict[int, float | None]] = {}
    new_rows: dict[int, list[Any]] = {}
    for docnum, was, now in edits:
        scores = document_scores(now, base.basis, _frequency(base.basis, was))
        for term in _terms(was):
            touched.setdefault(term, {})[docnum] = None
        for term, score in scores.items():
            touched.setdefault(term, {})[docnum] = score
        name = f"d/{docnum // CHUNK}.json"
        chunk = index.get(name)
        # Photos are not edited in the quick pass, and an avatar's initials change only with a
        # name, which moves the expert in A–Z order: left to the rebuild (``_same_order``).
        thumbnail = chunk[docnum % CHUNK][6]
        try:
            new_rows[docnum] = row(after[base.order[docnum]], thumbnail, positions)
        except KeyError:
            return None  # a topic or language without a label (checked with the facets; kept safe)
        if chunk[docnum % CHUNK] != new_rows[docnum]:
            chunk[docnum % CHUNK] = new_rows[docnum]
            index.put(name, chunk)
        _patch_words(index, meta, was.words, now.words)
    final = _patch_shards(index, meta, touched, new_rows)
    held = {term for term, scores in touched.items() if any(score is not None for score in scores.values())}
    # What the page reads its words with near the edited experts' terms: British stems as American
    # ones (``search_export.spellings``), traditional characters as simplified (``chinese_folded``).
    _patch_meta_table(index, meta, "spellings", spellings(base.basis.stemmer, sorted(held), held))
    _patch_meta_table(index, meta, "accents", chinese_folded(term_characters(held)))
    _patch_completions(index, meta, final, new_rows)
    _patch_tiers(index, final, new_rows)
    _patch_values(index, facets, edits, new_rows)
    _patch_counting(index, meta, facets, edits)
    return {index.path(name): serialised(name, index.loaded[name]) for name in sorted(index.changed)}


def _patch_meta_table(index: _Index, meta: dict[str, Any], name: str, more: dict[str, str]) -> None:
    """Add ``more`` to meta.json's table ``name``, rewriting meta.json only where it has entries
    the table lacks: one kept from before harms nothing (the rebuild that follows drops it)."""
    if more.keys() - meta[name].keys():
        meta[name] = dict(sorted({**meta[name], **more}.items()))
        index.put("meta.json", meta)


def _same_order(site: SiteModel, old: SiteModel, slugs: Sequence[str]) -> bool:
    """True if the edited experts keep their place among the listed (documents are numbered in A–Z order)."""
    before = {entry.slug: entry for entry in old.experts if entry.slug in slugs}
    after = {entry.slug: entry for entry in site.experts if entry.slug in slugs}
    for slug in slugs:
        was, now = before.get(slug), after.get(slug)
        if was is None or now is None or (was.status == "published") != (now.status == "published"):
            return False
        if az_order_key(was) != az_order_key(now):
            return False
    return True


def _terms(terms: DocumentTerms) -> set[str]:
    return {term for counts in terms.counts.values() for term in counts}


def _frequency(basis: ScoreBasis, was: DocumentTerms) -> Callable[[str, str], int]:
    """Each term's document frequency in a field, counting the edited expert if it is new there."""

    def frequency(field: str, term: str) -> int:
        known = basis.frequencies[field].get(term, 0)
        return known if term in was.counts[field] else known + 1

    return frequency


def _facet_values(terms: DocumentTerms, facet: str) -> set[str]:
    return {value.strip() for value in terms.plain[facet].split(",") if value.strip()}


def _patch_facets(
    index: _Index, meta: dict[str, Any], edits: Iterable[tuple[int, DocumentTerms, DocumentTerms]]
) -> dict[str, dict[str, list[int]]] | None:
    """Move the edited experts between facet values: every value's documents after the edits, in
    facets.json and meta.json's counts; None if a value would appear or disappear."""
    labels = meta["facets"]
    facets = facets_read(index.get("facets.json"), labels, meta["docs"])
    changed = False
    for docnum, was, now in edits:
        for facet, values in facets.items():
            old, new = _facet_values(was, facet), _facet_values(now, facet)
            for value in old - new:
                if docnum not in values.get(value, ()):
                    return None
                values[value].remove(docnum)
                if not values[value]:
                    return None
            for value in new - old:
                if value not in values:
                    return None
                values[value] = sorted([*values[value], docnum])
            changed = changed or old != new
    if changed:
        index.put("facets.json", facets_file(facets, labels, meta["docs"]))
        meta["counts"] = value_counts(facets, labels)
        index.put("meta.json", meta)
    return facets


def _patch_values(
    index: _Index,
    facets: dict[str, dict[str, list[int]]],
    edits: Iterable[tuple[int, DocumentTerms, DocumentTerms]],
    new_rows: dict[int, list[Any]],
) -> None:
    """Make the f/ file of every facet value an edited expert had or has list its documents, and
    carry the rows it carries (``value_rows``: a small value's all, a larger one's first), each
    edited expert's new row among them."""
    for facet, values in facets.items():
        touched: set[str] = set()
        for _, was, now in edits:
            touched |= _facet_values(was, facet) | _facet_values(now, facet)
        for value in sorted(touched):
            docs = values[value]  # a value gone or new stopped the patch (``_patch_facets``)
            name = value_path(facet, value)
            before = index.get(name)
            after = {"d": gapped(docs), "r": _rows_of(index, value_rows(docs), before.get("r", {}), new_rows)}
            if after != before:
                index.put(name, after)


def _patch_counting(
    index: _Index,
    meta: dict[str, Any],
    facets: dict[str, dict[str, list[int]]],
    edits: Iterable[tuple[int, DocumentTerms, DocumentTerms]],
) -> None:
    """Write again the counting files (``counting_file``) the edits change: every one of a facet
    (COUNTING_FACETS) an edited expert left or joined a value of, as each holds that facet whole,
    and every one where an expert's availability changed, as each holds availability whole; else
    those of the values held by an expert whose other facets changed. An edit of words alone
    changes none."""
    moved = [(was, now) for _, was, now in edits if any(_facet_values(was, f) != _facet_values(now, f) for f in facets)]

    def changed(facet: str) -> bool:
        return any(_facet_values(was, facet) != _facet_values(now, facet) for was, now in moved)

    for facet in COUNTING_FACETS:
        touched: set[str] = set(facets[facet]) if changed(facet) or changed("available") else set()
        for was, now in moved:
            touched |= _facet_values(was, facet) | _facet_values(now, facet)
        for value in sorted(touched):
            name = counting_path(facet, value)
            after = counting_file(facets, meta["facets"], meta["docs"], facet, value)
            if after != index.get(name):
                index.put(name, after)


def _patch_words(index: _Index, meta: dict[str, Any], was: frozenset[str], now: frozenset[str]) -> None:
    """Count the edited expert's unstemmed words again, for "did you mean"."""
    for word, change in [*((w, -1) for w in was - now), *((w, 1) for w in now - was)]:
        if not suggestible(word):
            continue
        key = shard_key(word)
        name = f"w/{key}.json"
        group = (index.get(name) if key in meta["words"] else None) or {}
        count = group.get(word, 0) + change
        if count > 0:
            group[word] = count
        else:
            group.pop(word, None)
        index.put(name, group)
        words = set(meta["words"])
        if (key in words) != bool(group):
            meta["words"] = sorted(words | {key} if group else words - {key})
            index.put("meta.json", meta)


def _home(shards: dict[str, list[int]], term: str) -> tuple[str, bool]:
    """The shard a term belongs in, as the search page looks it up, and whether it is a new one.

    The longest shard prefix of the term, unless that shard holds only its own key (exact):
    then a new shard one letter longer (or, at FAMILY_MIN letters, where families must stay
    together, the same shard, no longer exact).
    """
    for length in range(min(len(term), FAMILY_MIN), 0, -1):
        key = term[:length]
        if key in shards:
            if not shards[key][1] or key == term or length >= FAMILY_MIN:
                return key, False
            return term[: length + 1], True
    return group_key(term), True


@dataclass(frozen=True, slots=True)
class _Term:
    """A touched term after the patch: its exported postings (None if gone), the documents whose
    rows it carried before and carries now, and whether an edited document was or is among its
    TIERS[-1] best (else its r/ files stay as they are: no document entered, left or moved in them)."""

    postings: list[list[int]] | None
    before: frozenset[int]
    after: frozenset[int]
    tiered: bool = False


def _patch_shards(
    index: _Index, meta: dict[str, Any], touched: dict[str, dict[int, float | None]], new_rows: dict[int, list[Any]]
) -> dict[str, _Term]:
    """Set the edited experts' postings in the shards of every term they had or have, and their rows."""
    shards: dict[str, list[int]] = meta["shards"]
    keys: dict[str, list[str]] = {}
    for term in sorted(touched):
        key, new = _home(shards, term)
        if new:
            shards[key] = [0, 0]
            index.loaded[f"t/{file_key(key)}.json"] = {"r": {}, "t": {}}
        keys.setdefault(key, []).append(term)
    final: dict[str, _Term] = {}
    for key, terms in keys.items():
        name = f"t/{file_key(key)}.json"
        shard = index.get(name)
        changed = False
        for term in terms:
            final[term] = _set_postings(shard["t"], term, touched[term])
            changed = changed or final[term].postings != shard["t"].get(term)
            if final[term].postings is None:
                shard["t"].pop(term, None)
            else:
                shard["t"][term] = final[term].postings
        changes = [final[term] for term in terms]
        changed = _set_rows(index, shard, changes, new_rows) or changed
        count, exact = len(shard["t"]), int(list(shard["t"]) == [key])
        if [count, exact] != shards[key]:
            shards[key] = [count, exact]
            index.put("meta.json", meta)
        if not count:
            del shards[key]  # an emptied shard's file stays behind, unlisted, until the rebuild
        elif changed:
            index.put(name, shard)
    return final


def _set_postings(terms: dict[str, Any], term: str, scores: dict[int, float | None]) -> _Term:
    """A term's postings with the edited documents' scores set (None: removed)."""
    old = terms.get(term)
    postings = unpacked(old) if old else {}
    before = carried(postings)
    common = len(postings) > ALL_ROWS  # then ``before`` is its ROWS best, not all its documents
    tiered = common and _among_leading(postings, scores)
    previous = {docnum: postings.get(docnum) for docnum in scores}
    inserted = False
    for docnum, score in scores.items():
        if score is None:
            postings.pop(docnum, None)
        else:
            inserted = inserted or docnum not in postings
            postings[docnum] = score
    if not postings:
        return _Term(None, frozenset(before), frozenset())
    if inserted:  # kept in ascending document order
        postings = dict(sorted(postings.items()))
    after = _carried_after(postings, before, previous) if common else carried(postings)
    tiered = tiered or (len(postings) > ALL_ROWS and _among_leading(postings, scores))
    return _Term(packed(postings), frozenset(before), frozenset(after), tiered)


def _among_leading(postings: Postings, docs: Iterable[int]) -> bool:
    """True if any of these documents is among the TIERS[-1] best of ``postings`` (best score first,
    ties by document number, as ``leading`` ranks them): counted, not ranked."""
    for doc in docs:
        score = postings.get(doc)
        if score is not None:
            ahead = sum(1 for other, s in postings.items() if s > score or (s == score and other < doc))
            if ahead < TIERS[-1]:
                return True
    return False


def _carried_after(postings: Postings, before: tuple[int, ...], previous: dict[int, float | None]) -> tuple[int, ...]:
    """``carried(postings)`` of a common term (``before``: its ROWS best) after the ``previous``
    scores changed, without ranking every document again when it cannot matter: if none of the
    best lost ground, they still outrank every unchanged document, so the new best are among
    them and the changed ones."""
    if len(postings) <= ALL_ROWS:
        return carried(postings)
    for docnum in before:
        old = previous.get(docnum, postings[docnum]) if docnum in postings else None
        if docnum not in postings or (old is not None and postings[docnum] < old):
            return carried(postings)
    candidates = {docnum: postings[docnum] for docnum in sorted({*before, *previous}) if docnum in postings}
    return best(candidates)


def _set_rows(index: _Index, shard: dict[str, Any], changes: list[_Term], new_rows: dict[int, list[Any]]) -> bool:
    """Make a shard (or completion file) carry the rows its terms call for, after ``changes`` to
    some of them; True if a row changed.

    Every term of the file is looked at only when a row may no longer be carried by any.
    """
    rows: dict[str, Any] = shard["r"]
    changed = False
    wanted = frozenset().union(*(change.after for change in changes))
    for doc in sorted(wanted | set(new_rows)):
        key, data = str(doc), new_rows.get(doc)
        if key in rows and data is not None and rows[key] != data:
            rows[key], changed = data, True
        elif key not in rows and doc in wanted:
            rows[key], changed = (data if data is not None else _chunk_row(index, doc)), True
    leaving = {str(doc) for change in changes for doc in change.before - change.after} - {str(d) for d in wanted}
    if any(key in rows for key in leaving):
        everyone = {str(doc) for postings in shard["t"].values() for doc in carried(unpacked(postings))}
        for key in [key for key in rows if key not in everyone]:
            del rows[key]
            changed = True
    return changed


def _patch_tiers(index: _Index, final: dict[str, _Term], new_rows: dict[int, list[Any]]) -> None:
    """Make the r/ files of every touched common term hold the rows of its next best documents.

    A term no longer that common keeps its file, unread (the search page asks only for those a
    term's document count calls for), until the rebuild.
    """
    for term, change in final.items():
        if not change.tiered or change.postings is None:
            continue
        postings = unpacked(change.postings)
        ranked = leading(postings, TIERS[-1])
        for level in range(len(TIERS)):
            if not has_tier(term, postings, level):
                break
            _set_next_rows(index, tier_path(term, level), next_rows(ranked, level), new_rows)


def _set_next_rows(index: _Index, name: str, docs: Iterable[int], new_rows: dict[int, list[Any]]) -> None:
    """Make a next-rows file (r/ or p/) hold the rows of these documents, written if they changed."""
    rows: dict[str, Any] = index.get(name) if index.has(name) else {}
    if (now := _rows_of(index, docs, rows, new_rows)) != rows:
        index.put(name, now)


def _set_best_rows(index: _Index, prefix: str, completion: dict[str, Any], new_rows: dict[int, list[Any]]) -> bool:
    """Make a lean completion file carry the rows of its prefix's best documents, and its prefix's p/
    files the rows of its next best; True if a row of the completion file changed.

    A level the prefix's documents no longer reach keeps its file, unread (the search page asks
    only for those its documents call for), until the rebuild.
    """
    terms = completion["t"]
    own, levels = lean_documents(unpacked(terms[term]) for term in sorted(terms))
    for level, numbers in enumerate(levels):
        if not numbers:
            break
        _set_next_rows(index, prefix_tier_path(prefix, level), numbers, new_rows)
    now = _rows_of(index, own, completion["r"], new_rows)
    changed: bool = now != completion["r"]
    completion["r"] = now
    return changed


def _rows_of(
    index: _Index, docs: Iterable[int], rows: dict[str, Any], new_rows: dict[int, list[Any]]
) -> dict[str, Any]:
    """The rows of these documents by ascending number: an edited one's new row, else as ``rows``
    or, failing that, its chunk holds it."""
    found: dict[str, Any] = {}
    for doc in sorted(docs):
        key = str(doc)
        found[key] = new_rows[doc] if doc in new_rows else rows[key] if key in rows else _chunk_row(index, doc)
    return found


def _chunk_row(index: _Index, doc: int) -> Any:
    """A document's row as its chunk holds it (for a document that now enters a term's best)."""
    return index.get(f"d/{doc // CHUNK}.json")[doc % CHUNK]


def _patch_completions(
    index: _Index, meta: dict[str, Any], final: dict[str, _Term], new_rows: dict[int, list[Any]]
) -> None:
    """Update the completion files of split prefixes: their first terms' postings, and which terms are first."""
    shards: dict[str, list[int]] = meta["shards"]
    order = sorted(shards)
    lean = set(meta["lean"])
    for prefix in list(meta["completions"]):
        under = [term for term in sorted(final) if term.startswith(prefix)]
        if under:
            keys = order[bisect.bisect_left(order, prefix) : bisect.bisect_left(order, prefix + "\U0010ffff")]
            under = [term for term in under if _maybe_first(shards, keys, term)]
        if not under:
            continue
        name = f"c/{file_key(prefix)}.json"
        completion = index.get(name)
        terms: dict[str, Any] = completion["t"]
        if any(final[term].postings is None and term in terms for term in under):
            # A first term is gone, so the next one comes in: the file is made again.
            completion["t"] = _first_terms(index, keys)
            if not completion["t"]:  # no term has the prefix now
                meta["completions"] = [p for p in meta["completions"] if p != prefix]
                meta["lean"] = [p for p in meta["lean"] if p != prefix]
                index.put("meta.json", meta)
                continue
            if prefix in lean:
                _set_best_rows(index, prefix, completion, new_rows)
            else:
                gone = [_Term(None, frozenset(int(doc) for doc in completion["r"]), frozenset())]
                everyone = [_Term(p, frozenset(), frozenset(carried(unpacked(p)))) for p in completion["t"].values()]
                _set_rows(index, completion, gone + everyone, new_rows)
            index.put(name, completion)
            continue
        original = dict(terms)
        changes: list[_Term] = []
        for term in under:
            first = term in terms or len(terms) < MAX_EXPANSION or term < max(terms)
            if first and final[term].postings is not None:
                terms[term] = final[term].postings
                changes.append(final[term])
        for extra in sorted(terms)[MAX_EXPANSION:]:  # pushed out by a new term before it
            before = frozenset(carried(unpacked(terms.pop(extra))))
            changes.append(_Term(None, before, frozenset()))
        if prefix in lean:
            rows_changed = _set_best_rows(index, prefix, completion, new_rows)
        else:
            rows_changed = _set_rows(index, completion, changes, new_rows)
        if rows_changed or terms != original:
            index.put(name, completion)


def _maybe_first(shards: dict[str, list[int]], keys: list[str], term: str) -> bool:
    """False if a term cannot be among a prefix's first MAX_EXPANSION terms, before or after the patch:
    the shards under the prefix (``keys``, in order) before the term's own hold that many terms
    (meta.json counts each shard's)."""
    home, _ = _home(shards, term)
    return sum(shards[key][0] for key in keys[: bisect.bisect_left(keys, home)]) < MAX_EXPANSION


def _first_terms(index: _Index, keys: list[str]) -> dict[str, Any]:
    """A prefix's first MAX_EXPANSION terms with their postings, from the shards under it (``keys``, in order)."""
    terms: dict[str, Any] = {}
    for key in keys:
        if len(terms) >= MAX_EXPANSION:
            break
        terms.update(index.get(f"t/{file_key(key)}.json")["t"])
    return {term: terms[term] for term in sorted(terms)[:MAX_EXPANSION]}


def serialised(name: str, value: Any) -> bytes:
    """A file's bytes exactly as ``export_index`` writes them (a test checks every file of a site);
    meta.json as ``unpacked_meta`` reads it."""
    if name.startswith(("t/", "c/")):
        return shard_json(value["r"], value["t"])
    if name.startswith(("r/", "p/")):
        return tier_json(value)
    if name.endswith(".c.json"):
        return counting_bytes(value, name.split("/")[1])
    if name.startswith("f/"):
        return value_json(value)
    if name.startswith("d/"):
        return b"[" + b",".join(encode_unsorted(data) for data in value) + b"]"
    if name == "meta.json":
        return encode(packed_meta(value))
    return encode(value)
