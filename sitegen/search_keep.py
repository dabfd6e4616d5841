"""The search index the last build (or search) made, kept in the build cache for ``sitegen search``.

Building the index takes seconds to minutes on a big directory; a search in the terminal
should not.  So a build keeps what searching reads of its index (``search.IndexData``: the
terms' scores, facets, document order and "did you mean" words), and ``sitegen search``
uses it when it was made from exactly the content being searched, the listed experts and
site.toml (by fingerprint), else builds a new index and keeps that.  No whoosh file is kept:
a whoosh index unpickles what it opens and is only ever built fresh; the kept data is a
cache entry, signed and tied to this sitegen and its libraries (``cache.Store``).
"""

from __future__ import annotations

from sitegen.cache import Store
from sitegen.collate import SiteModel
from sitegen.fingerprint import Fingerprints
from sitegen.search import IndexData, SearchIndex

ENTRY = "search-index"


def index_input(site: SiteModel, prints: Fingerprints | None = None) -> bytes:
    """The fingerprint of everything a search index is made from."""
    return (prints or Fingerprints()).of((site.listed, site.config))


def keep(store: Store, made_from: bytes, index: SearchIndex) -> bool:
    """Keep what searching reads of ``index``, made from the content fingerprinted ``made_from``
    (False if the cache could not be written: nothing depends on it but speed)."""
    return store.save(ENTRY, (made_from, index.data))


def kept_index(store: Store, site: SiteModel, made_from: bytes) -> SearchIndex | None:
    """The kept index, if it was made from this content (``index_input(site)``), else None."""
    kept = store.load(ENTRY, tuple)
    if kept and len(kept) == 2 and kept[0] == made_from and isinstance(kept[1], IndexData):
        return SearchIndex(site, kept[1])
    return None


def search_index(site: SiteModel, store: Store | None, jobs: int = 1) -> SearchIndex:
    """The site's search index: the kept one when current, else a new one (kept for the next search),
    made with up to ``jobs`` processes."""
    if store is None:
        return SearchIndex(site, jobs=jobs)
    made_from = index_input(site)
    index = kept_index(store, site, made_from)
    if index is None:
        index = SearchIndex(site, jobs=jobs)
        keep(store, made_from, index)
    return index
