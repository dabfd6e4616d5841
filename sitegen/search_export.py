"""The browser's search index, exported from the whoosh index: split by term so a query loads only what it needs.

Files under /search/index/:
- meta.json: format version, analysis data (whoosh's accent map), expansion rules, facet labels,
  the list of term shards and the document count;
- t/<key>.json: for every index term starting with the shard's two letters, its documents and
  whoosh scores; and the unstemmed words starting with them (for "did you mean");
- d/<n>.json: what a result shows, for documents n*CHUNK to n*CHUNK+CHUNK-1;
- facets.json: the documents of every facet value.
"""

from __future__ import annotations

import json
from typing import Any

from whoosh.support.charset import accent_map

from sitegen import urls
from sitegen.present import country_name, language_name
from sitegen.search import FAMILY_GAP, FAMILY_MIN, MAX_EXPANSION, SearchIndex
from sitegen.views import FORMAT_NAMES

FORMAT_VERSION = 1
CHUNK = 50
ROOT = "search/index/"


def shard_key(term: str) -> str:
    """The shard a term or word lives in: the hex UTF-8 of its first two characters."""
    return term[:2].encode("utf-8").hex()


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _doc(index: SearchIndex, docnum: int, thumbnails: dict[str, str]) -> list[Any]:
    entry = index.entries[index.slugs[docnum]]
    e = entry.expert
    language = index.site.config.site.language
    status = e.availability.status if e.availability else "available"
    return [
        entry.slug,
        e.name,
        e.title,
        urls.expert(entry.slug),
        e.headline,
        [t.name for t in entry.topics],
        [language_name(tag, language) for tag in e.languages],
        thumbnails.get(entry.slug),
        status,
    ]


def export_index(index: SearchIndex, thumbnails: dict[str, str]) -> dict[str, bytes]:
    """Every file of the browser index, keyed by output path."""
    shards: dict[str, dict[str, dict[str, Any]]] = {}
    for term, postings in index.scores.items():
        flat: list[float | int] = []
        for docnum, score in postings.items():
            flat += [docnum, score]
        shards.setdefault(shard_key(term), {"t": {}, "w": {}})["t"][term] = flat
    for word, frequency in index.surface.items():
        shards.setdefault(shard_key(word), {"t": {}, "w": {}})["w"][word] = frequency
    files = {f"{ROOT}t/{key}.json": _json(shard) for key, shard in sorted(shards.items())}
    count = len(index.slugs)
    for start in range(0, count, CHUNK):
        docs = [_doc(index, n, thumbnails) for n in range(start, min(start + CHUNK, count))]
        files[f"{ROOT}d/{start // CHUNK}.json"] = _json(docs)
    files[f"{ROOT}facets.json"] = _json({facet: dict(values) for facet, values in index.facets.items()})
    language = index.site.config.site.language
    topics = {t.id: t.name for t in index.site.config.topics}
    labels = {
        "topic": [[value, topics[value]] for value in index.facet_values("topic")],
        "language": [[value, language_name(value, language)] for value in index.facet_values("language")],
        "country": [[value, country_name(value, language)] for value in index.facet_values("country")],
        "format": [[value, FORMAT_NAMES[value]] for value in index.facet_values("format")],
    }
    meta = {
        "format": "sitegen-search",
        "version": FORMAT_VERSION,
        "docs": count,
        "chunk": CHUNK,
        "familyMin": FAMILY_MIN,
        "familyGap": FAMILY_GAP,
        "maxExpansion": MAX_EXPANSION,
        "accents": {chr(code): value for code, value in sorted(accent_map.items())},
        "facets": labels,
        "shards": sorted(shards),
    }
    files[f"{ROOT}meta.json"] = _json(meta)
    return files
