"""The browser's search index, exported from the whoosh index: split by term so a query loads only what it needs.

Files under /search/index/: meta.json, and every other file in a folder of its own, named by the
document numbering and facet labels the files are read with (``index_folder``; meta.json names it
"folder"): a page holding an older build's meta.json never reads a newer build's files numbered
otherwise; it asks for its own build's, which the host has kept or answers 404 for (the page then
reads meta.json afresh).
- meta.json: format version, analysis data (the index's stemmer, ``stemming.stemmer_of``: the
  page stems with the one it names; the British stems it reads as American ones, ``spellings``;
  the folded characters the page does not work out itself, ``accent_exceptions``: whoosh's
  accent map but for most Latin letters, and the joiners folding drops), expansion rules, facet
  labels, the address of a profile page, the term shards (front-coded keys and term counts, see
  ``packed_meta``), the split prefixes with a completion file, the document count, and the
  index's other files' bytes if the search page may offer to keep them all offline (KEEP_BYTES);
- t/<key>.json: index terms sharing a prefix (two letters, or longer where a shard would be big;
  pairs of CJK or Thai ... letters share their first letter: ``group_key``),
  each with its documents and whoosh scores ("t": [gaps, steps, ranks], ``packed``: document
  numbers ascending, each given as the gap from the one before, and each one's score as its place
  among the term's distinct scores), and the result rows ("r") of every document of
  a term found in at most ALL_ROWS documents, and of the ROWS best of a commoner term, so most
  queries show their first page of results without another request;
- c/<key>.json: for a prefix whose terms were split into several shards, its first MAX_EXPANSION
  terms (the completions of that prefix as the last word typed) in one file, with the rows their
  shards carry; or, where that would be over COMPLETION_LIMIT bytes (a "lean" file, listed in
  meta.json), with the rows of the prefix's own ROWS best documents (its terms' scores summed);
- w/<key>.json: the unstemmed words starting with two letters, for "did you mean" (not pairs
  of CJK or Thai ... letters);
- r/<term>.json (the term's hex UTF-8): for a term found in more than ALL_ROWS documents, the
  result rows of its next best after the ROWS its shard carries (ranks ROWS to TIERS[0]-1): the
  best shared experts of two common words are seldom among either word's ROWS best, but mostly
  among one word's TIERS[0] best, so one such file replaces several chunks; r/<term>.1.json, for a
  term found in more than TIERS[0], the rows of its ranks ROWS to TIERS[1]-1, the first file's
  too, so that a query needing rows of both asks for one file (``tier_path``, ``next_rows``);
- p/<key>.json, p/<key>.1.json: the same two levels of next rows for a lean completion file's
  prefix, its documents ranked by its terms' scores summed (``prefix_leading``): a lean file
  carries its prefix's ROWS best rows as a common term's shard does, and a query of a common
  word and a short prefix ranks first experts among one of the two words' next best
  (``prefix_tier_path``);
- d/<n>.json: what a result shows (``row``: its topics and languages as positions in the facet
  labels) and its other facet values, for documents n*CHUNK to n*CHUNK+CHUNK-1 (for results
  neither the shards loaded nor a term's next rows carry, or carry more cheaply);
- facets.json: who holds every facet value (``facets_file``): a topic's or a language's documents
  ascending, each given as the gap from the one before (a parent topic's without its
  subtopics'), each expert's country and media formats as one character each, who is available;
  fetched only to count the facets when the rows loaded cannot (a result's row missing, or
  filters without words: every expert holding them a result; before a search meta.json's counts
  serve), after the results are shown;
- names.json: the names a link's ``?language=`` and ``?country=`` may give a held value by
  (``filter_values.link_names``: a language's in English or its own, a country's as its people
  name it, its three-letter code), fetched only for a link whose value no option names;
- f/<facet>/<key>.json: one facet value's documents (a parent topic's with its subtopics'), for
  filtering by it without facets.json, and the rows of all of them where they are at most
  VALUE_ROWS, else of its first VALUE_FIRST (``value_rows``): a shared link such as
  ``?q=flood&topic=climate`` shows its results after one such file, a small topic's carrying
  every result's row, and a link filtered by one value without words (``?country=JP``) its first
  page of results;
- f/<facet>/<key>.c.json: for a country, media format or language (COUNTING_FACETS, listed in
  meta.json's "counted"), facets.json as that value's holders see it (``counting_file``): a
  search filtered by that value alone, or with "available now", counts its facets, and ranks its
  results whole, from this file, a fifth to four fifths of facets.json at 100,000 experts; in two
  lines (``counting_bytes``), the first (the chosen facet and availability) ranking as soon as it
  has come.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import operator
import re
import unicodedata
import zlib
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from sitegen import urls
from sitegen.collate import ExpertEntry
from sitegen.config import Topic
from sitegen.filter_values import link_names
from sitegen.parallel import PARALLEL_MIN, Returning, SharedCount, side_by_side
from sitegen.present import Thumbnail, country_name, language_name
from sitegen.search import (
    CHINESE_FOLDED,
    FAMILY_GAP,
    FAMILY_MIN,
    FOLDED_CHARACTERS,
    JOIN_PART_MIN,
    JOINED_MIN,
    KANA,
    MAX_EXPANSION,
    SCORE_DECIMALS,
    SearchIndex,
    kana_folded,
    unspaced_led,
)
from sitegen.spelling import american_stems, relevant
from sitegen.stem_english import english
from sitegen.stemming import ENGLISH
from sitegen.views import FORMAT_NAMES

FORMAT_VERSION = 27
SCALE = 10**SCORE_DECIMALS
"""A score's whole number of thousandths (scores are kept to SCORE_DECIMALS): ``packed``."""
CHUNK = 50
ROWS = 100
"""Result rows a shard carries for each term found in more than ALL_ROWS documents: its best. A
query of two such words ranks first the experts best for both, often in neither word's ten best;
with a hundred, 47 of 50 such queries need no other file at 10,000 experts (with ten: 37), at a
few percent more bytes per query (bench.search_requests; BENCHMARKS.md, fourth session)."""
ALL_ROWS = 250
"""A term found in at most this many documents carries all their rows: a query's results are
documents matching every word, so a query with one such word needs no other file for its rows."""
TIERS = (400, 1600)
"""Where a common term's r/ files end: its documents ranked ROWS to TIERS[0]-1 have their rows in
r/<term>.json, those ranked ROWS to TIERS[1]-1 in r/<term>.1.json (``next_rows``). The best shared experts of
two common words are seldom among either word's ROWS best, but mostly among one word's TIERS[0]
best, so one such file replaces several chunks. At 100,000 experts, with the completion files as
they were, 400 took the queries within four requests from 22 of 50 to 38 (300: 34; 600: 40) and
the median query from 92.2 to 96.5 KB (600: 110.7 KB, over the 150 KB first load + query budget);
with lean completion files too, 46 of 50 and 88.9 KB (BENCHMARKS.md, eleventh session). The four
over four requests each fetched one to four chunks for results ranked past 400 in both words,
which one word's next 1,200 held (ranked 400 to 832 there): the second file, fetched only then,
replaces the chunks (bench.search_requests; BENCHMARKS.md, nineteenth session)."""
TIER_KEY_MAX = 100
"""UTF-8 bytes above which a term gets no r/ file (its hex name would be too long for some file
systems); its rows come from the chunks."""
SHARD_LIMIT = 16 * 1024
"""Compressed bytes above which a shard is split by longer prefixes, measured with zlib's fastest
level (SPLIT_LEVEL): 2.7 times faster than level 6 (gzip's default, what hosts send), whose output
was never more than 0.92 times level 1's on these shards, so a shard within the limit at level 1 is
well within it as sent."""
SPLIT_LEVEL = 1
FITS_RAW = 2
"""A shard of at most this many times SHARD_LIMIT uncompressed is taken to fit without compressing
it: its JSON of numbers, names and words compresses more than twice at SPLIT_LEVEL (none of the
19,891 shards of the 10,000 and 100,000 generated directories less than 1.95 times, a 4 KB one;
none up to twice the limit over 13.4 KB); at 10,000, a third of the bytes compressed to decide the
split went to such shards."""
MAX_RATIO = 8
"""Shards compress 2.4 to 7.5 times (zlib 6, 10,000 generated experts; less at level 1): one raw over this many
times the limit is split without being compressed to see."""
COMPLETION_LIMIT = 192 * 1024
"""Uncompressed bytes above which a split prefix's completion file is lean (about four shards' worth
compressed): its first terms include common ones, whose rows would otherwise be copied into it by
the thousand. A lean file's own best rows show the prefix typed alone; with other words typed, their
shards and r/ files and the prefix's p/ files carry the rows. Before the eleventh session such a
prefix had no completion file, and typing it fetched every shard under it (31 to 34 requests at
100,000 experts)."""
VALUE_ROWS = 1000
"""Documents up to which a facet value's file (f/) carries their rows: a query filtered by such a
value has every result's row in that file, whichever words it has. At 100,000 experts a subtopic
has about 830 (45 KB gzip of rows); a language, country, media format or parent topic more."""
VALUE_FIRST = 10
"""The rows a larger value's file carries: its first documents' (A–Z, as a search without words
lists them), so that a link filtered by one value alone shows its first page of results from
that one file (about 1 KB gzip more)."""
KEEP_BYTES = 50_000_000
"""The largest index (every file but meta.json, uncompressed) the search page offers to keep whole
on a device, for searches offline (a directory of up to about 1,500 experts: 1,000 make 30 MB in
3,527 files, 11 MB gzipped; 10,000 make 260 MB): meta.json's "keep" is the index's bytes up to
this, else null."""
ROOT = "search/index/"
META = "meta.json"
SLUG = "{slug}"
"""Stands for an expert's slug in meta.json's "expert", the address of every profile page."""


def front_coded(words: Iterable[str]) -> str:
    """Words (in order) as one string: each as the number of leading characters it shares with the
    one before (one digit: up to 9, the rest of a longer shared start given with the word's own
    rest; shard keys and split prefixes are at most FAMILY_MIN long, a words file's hex key 12),
    then the rest, space-separated (terms are word characters only)."""
    entries: list[str] = []
    previous = ""
    for word in words:
        shared = next((n for n, (a, b) in enumerate(zip(previous, word, strict=False)) if a != b), None)
        shared = min(len(previous), len(word), 9) if shared is None else min(shared, 9)
        if not word or " " in word:
            raise ValueError(f"cannot front-code {word!r}")
        entries.append(f"{shared}{word[shared:]}")
        previous = word
    return " ".join(entries)


def front_decoded(text: str) -> list[str]:
    """The words of ``front_coded``."""
    words: list[str] = []
    previous = ""
    for entry in text.split(" ") if text else []:
        previous = previous[: int(entry[0])] + entry[1:]
        words.append(previous)
    return words


def counted(counts: Iterable[tuple[int, bool]]) -> str:
    """Each shard's number of terms and whether it is exact (it holds its key only), as one
    string: a letter for up to 26 terms ("a" one, "z" 26; "A" to "Z" for an exact shard), else
    the number's digits and ";" (led by "-" for an exact shard). At 100,000 experts (15,000 shards,
    most of one or two terms) 604 B (gzip) less on every first load than a list of numbers
    (negative for an exact shard)."""
    return "".join(
        chr((64 if exact else 96) + count) if 1 <= count <= 26 else f"{'-' if exact else ''}{count};"
        for count, exact in counts
    )


COUNTED = re.compile(r"[a-zA-Z]|-?\d+;")


def uncounted(text: str) -> list[tuple[int, bool]]:
    """The counts of ``counted``."""
    return [
        (ord(token) & 31, token.isupper()) if token.isalpha() else (abs(int(token[:-1])), token[0] == "-")
        for token in COUNTED.findall(text)
    ]


def packed_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """meta.json's shard table, split prefixes and words files as written: keys front-coded, then
    each shard's number of terms and whether it is exact (``counted``); a small part of the bytes
    of a {key: [count, exact]} table (100,000 experts: 15,000 shards). The words files' keys
    front-coded too: 309 B (gzip) where their list took 517 at 100,000 experts."""
    keys = sorted(meta["shards"])
    return {
        **meta,
        "shards": {"keys": front_coded(keys), "terms": counted((c, bool(e)) for c, e in map(meta["shards"].get, keys))},
        "completions": front_coded(meta["completions"]),
        "lean": front_coded(meta["lean"]),
        "words": front_coded(meta["words"]),
    }


def unpacked_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """meta.json as read: ``{key: [count, exact]}`` shards and a list of split prefixes."""
    keys = front_decoded(meta["shards"]["keys"])
    counts = uncounted(meta["shards"]["terms"])
    shards = {key: [count, int(exact)] for key, (count, exact) in zip(keys, counts, strict=True)}
    return {
        **meta,
        "shards": shards,
        "completions": front_decoded(meta["completions"]),
        "lean": front_decoded(meta["lean"]),
        "words": front_decoded(meta["words"]),
    }


def index_folder(slugs: Sequence[str], labels: Mapping[str, Sequence[Sequence[Any]]]) -> str:
    """The folder under ROOT holding an index's files but meta.json: a digest of what every file is
    read with (the format, the experts' document numbers, the facet labels rows name values by
    their place in). Builds that number alike share it, so an unchanged file keeps its address
    (and the build links it from the last output); two that number otherwise never share a file's
    address. Where they share it, a page may meet files of both, and each gives the same experts
    the same numbers (scores, rows and terms may differ, as the edits made them); where the newer
    build split a prefix's shards otherwise, a shard the page asks for is missing (404) or holds
    another number of terms than meta.json says, and the page reads meta.json afresh (search.js)."""
    made = hashlib.blake2b(digest_size=8)
    made.update(f"{FORMAT_VERSION}\n".encode())
    made.update("\n".join(slugs).encode())
    made.update(json.dumps(labels, sort_keys=True, ensure_ascii=False).encode())
    return made.hexdigest()


def index_path(folder: str, name: str) -> str:
    """The output path of the index file ``name`` (as the page names it: "t/6162.json",
    "meta.json") in an index whose files lie in ``folder`` (``index_folder``)."""
    return f"{ROOT}{name}" if name == META else f"{ROOT}{folder}/{name}"


def files_folder(output: Path) -> Path:
    """Where a written site's index files but meta.json lie (``output``: the site's output folder)."""
    folder: str = orjson.loads((output / ROOT / META).read_bytes())["folder"]
    return output / ROOT / folder


def file_key(prefix: str) -> str:
    """A shard's file name: the hex UTF-8 of its prefix (safe on every file system and URL)."""
    return prefix.encode("utf-8").hex()


def shard_key(term: str) -> str:
    """The file of the unstemmed words starting with a word's first two characters."""
    return file_key(term[:2])


LATIN = ((0xC0, 0x24F), (0x1E00, 0x1EFF))
"""Latin letters (Latin-1 Supplement to Extended-B, Latin Extended Additional) that the page folds
itself, as their letter without its marks ("é": "e", "ệ": "e"; ``unmarked``), except those
meta.json lists (``accent_exceptions``). The rule is what whoosh's accent map does for 246 of the
290 lower-case letters it folds there (not "ø": "o", "ł": "l"; nor "ß", "ss" here: ``OTHER_FOLDED``),
and no letter there that the map keeps has a mark: meta.json lists 134 of whoosh's folded
characters rather than 380, about 600 B less on every first load (and the other scripts' folds,
``search.ARABIC_FOLDED`` and the like)."""


def unmarked(letter: str) -> str:
    """A letter as the page folds one of LATIN by rule: decomposed (NFD), its marks dropped."""
    return "".join(part for part in unicodedata.normalize("NFD", letter) if unicodedata.category(part)[0] != "M")


RULES: tuple[tuple[tuple[tuple[int, int], ...], Callable[[str], str]], ...] = ((LATIN, unmarked), (KANA, kana_folded))
"""The characters the page folds by a rule of its own, each range with its rule: meta.json lists
only those the rule does not fold as the index does."""


def folded_by_rule() -> dict[str, str]:
    """Each lower-case character a rule covers (``RULES``), as the page folds it by that rule.
    Only lower case: folding follows lower-casing, as whoosh's does, so no other is looked up."""
    return {
        chr(code): rule(chr(code))
        for ranges, rule in RULES
        for low, high in ranges
        for code in range(low, high + 1)
        if chr(code).lower() == chr(code)
    }


def accent_exceptions(held: Collection[str] = frozenset()) -> dict[str, str]:
    """meta.json's folded characters: those of LATIN and KANA that their rule (``folded_by_rule``)
    does not fold as the index does (to themselves where the index keeps them), and every other
    lower-case character the index folds; of Chinese's traditional characters
    (``search.CHINESE_FOLDED``, 4,112) only those whose simplified character is among ``held``,
    the characters of the index's terms (``chinese_folded``)."""
    folded = {
        chr(code): value
        for code, value in FOLDED_CHARACTERS.items()
        if chr(code).lower() == chr(code) and code not in CHINESE_FOLDED
    }
    by_rule = folded_by_rule()
    exceptions = {
        letter: folded.get(letter, letter) for letter, page in by_rule.items() if page != folded.get(letter, letter)
    }
    exceptions.update((letter, value) for letter, value in folded.items() if letter not in by_rule)
    exceptions.update(chinese_folded(held))
    return dict(sorted(exceptions.items()))


def chinese_folded(held: Collection[str]) -> dict[str, str]:
    """The traditional characters the page folds to simplified ones: those whose simplified
    character is among ``held`` (the characters of the index's terms). Elsewhere a query's
    character finds nothing either way, as the index's terms hold no traditional character."""
    return {chr(code): simple for code, simple in CHINESE_FOLDED.items() if simple in held}


def term_characters(terms: Iterable[str]) -> frozenset[str]:
    """The characters the ``terms`` are written with."""
    return frozenset("".join(terms))


def suggestible(word: str) -> bool:
    """Whether a word goes in a words file, for "did you mean": not a pair of CJK or Thai ...
    letters (or one), which is never corrected (``search.SearchIndex.plan``)."""
    return not unspaced_led(word)


def group_key(term: str) -> str:
    """The prefix a term's shard is cut from: its first two letters, or the first of a pair of CJK
    or Thai ... letters (``search.bigrammed``; a Thai letter's marks are not in it), so that a
    letter's pairs share a shard, as a Latin prefix's words do, rather than each pair having a
    shard and a meta.json key of its own; and so that such a letter typed alone is completed from
    one file (its shard, or its split prefix's)."""
    return term[:1] if unspaced_led(term) else term[:2]


@dataclass(frozen=True)
class _Parts:
    """Each term's JSON member and best documents, and each document's result row, serialised once."""

    members: dict[str, bytes]
    """term -> ``"term":[gaps,steps,ranks]`` (``member``)"""
    tops: dict[str, tuple[int, ...]]
    rows: dict[int, bytes]
    """docnum -> ``"docnum":[row]``"""

    def shard(self, terms: Iterable[str]) -> bytes:
        """The shard of these terms: ``{"r":{rows of their best documents},"t":{terms}}``."""
        chosen = sorted(terms)
        docs = sorted({doc for term in chosen for doc in self.tops[term]})
        return shard_bytes([self.rows[doc] for doc in docs], [self.members[term] for term in chosen])

    def size(self, terms: list[str]) -> int:
        """The bytes of the shard of these terms, uncompressed."""
        docs = set().union(*map(self.tops.__getitem__, terms))
        members = sum(map(len, map(self.members.__getitem__, terms)))
        return members + len(terms) + sum(map(len, map(self.rows.__getitem__, docs))) + len(docs) + 12

    def lean(self, terms: list[str], best: Iterable[int]) -> bytes:
        """A lean completion file of these terms: the rows of their prefix's ``best`` documents."""
        return shard_bytes([self.rows[doc] for doc in sorted(best)], [self.members[term] for term in sorted(terms)])

    def within(self, terms: list[str], limit: int) -> bytes | None:
        """The shard of these terms if it compresses to ``limit`` bytes or fewer, else None.

        A shard of at most FITS_RAW times the limit is taken to fit without compressing it,
        and one over MAX_RATIO times the limit not to fit, without making it: most of the
        compression work otherwise goes to the smallest shards, which fit, and the largest
        groups, which are split anyway.
        """
        if sum(map(len, map(self.members.__getitem__, terms))) > MAX_RATIO * limit:
            return None  # the terms alone are over: no need to gather their rows
        raw = self.size(terms)
        if raw > MAX_RATIO * limit:
            return None
        data = self.shard(terms)
        return data if raw <= FITS_RAW * limit or compresses_within(data, limit) else None


def compresses_within(data: bytes, limit: int, step: int = 8192) -> bool:
    """True if zlib (at SPLIT_LEVEL) compresses ``data`` to ``limit`` bytes or fewer.

    The data is compressed a piece at a time and the answer is no as soon as the output so far
    is over the limit (output only grows): a shard that will be split is not compressed to its end.
    """
    compressor = zlib.compressobj(SPLIT_LEVEL)
    written = 0
    for start in range(0, len(data), step):
        written += len(compressor.compress(data[start : start + step]))
        if written > limit:
            return False
    return written + len(compressor.flush()) <= limit


def _split(
    parts: _Parts, terms: list[str], prefix: str, limit: int, splits: dict[str, list[str]]
) -> Iterator[tuple[str, list[str], bool, bytes]]:
    """Split terms sharing ``prefix`` into shards of at most ``limit`` compressed bytes.

    Yields (key, terms, exact, the shard's bytes): an exact shard holds only the term equal to its
    key. Keys are never longer than FAMILY_MIN characters, so a stem's family always sits in the
    stem's shard. Each prefix split is noted in ``splits`` with its first MAX_EXPANSION terms (the
    completions of that prefix typed as the last word, which would otherwise span several shards).
    """
    data = parts.shard(terms) if len(prefix) >= FAMILY_MIN else parts.within(terms, limit)
    if data is not None:
        # Exact if it holds its key alone (a one-letter word's shard holds that word only).
        yield prefix, terms, terms == [prefix], data
        return
    if len(prefix) >= 2 or unspaced_led(prefix):  # completions start at two letters, or one CJK, Thai ... letter
        splits[prefix] = sorted(terms)[:MAX_EXPANSION]
    groups: dict[str, list[str]] = {}
    for term in terms:
        if len(term) == len(prefix):
            yield prefix, [term], True, parts.shard([term])
        else:
            groups.setdefault(term[: len(prefix) + 1], []).append(term)
    for sub_prefix, group in groups.items():
        yield from _split(parts, group, sub_prefix, limit, splits)


def shard_bytes(rows: Iterable[bytes], members: Iterable[bytes]) -> bytes:
    """A shard (or completion file) from its rows (``row_entry``, by ascending document) and its terms
    (``member``, in term order)."""
    return b'{"r":{' + b",".join(rows) + b'},"t":{' + b",".join(members) + b"}}"


def shard_json(rows: dict[str, Any], terms: dict[str, list[float]]) -> bytes:
    """``shard_bytes`` of parsed data (rows by document number as text, terms by term): two
    encodings, not one per row and term; the terms' by orjson, as ``member`` (its keys sorted
    by code point, as ``sorted`` orders the members)."""
    ordered = {key: rows[key] for key in sorted(rows, key=int)}  # rows by number, as ``shard_bytes`` joins them
    return b'{"r":' + encode_unsorted(ordered) + b',"t":' + orjson.dumps(terms, option=orjson.OPT_SORT_KEYS) + b"}"


def gapped(docs: Iterable[int]) -> list[int]:
    """Document numbers in ascending order, each given as the gap from the one before (the first as itself)."""
    numbers = list(docs)
    return list(map(operator.sub, numbers, [0, *numbers[:-1]]))


def packed(postings: Mapping[int, float]) -> list[list[int]]:
    """A term's postings (by ascending document) as ``[gaps, steps, ranks]``: its documents, each
    given as the gap from the one before (``gapped``); its distinct scores in thousandths (SCALE),
    ascending, each as the step from the one before; and each document's score as its place among
    them. A common term's scores repeat (a term in 90,000 experts has about 5,000 distinct ones):
    at 100,000 experts its shard is about a quarter smaller gzipped than as ``[gap, score, ...]``,
    and exact (``unpacked``)."""
    scaled = [round(score * SCALE) for score in postings.values()]
    values = sorted(set(scaled))
    place = {value: n for n, value in enumerate(values)}
    return [gapped(postings), gapped(values), [place[value] for value in scaled]]


def member(term: str, postings: Mapping[int, float]) -> bytes:
    """A term's ``"term":[gaps,steps,ranks]`` member of a shard (``packed``).

    Encoded by orjson, ten times faster than ``encode`` on long lists of numbers and the same
    bytes for these (whole numbers); a test writes every file of an export again with ``encode``
    and compares.
    """
    return orjson.dumps({term: packed(postings)})[1:-1]


def row_entry(docnum: int, row: bytes) -> bytes:
    """A document's ``"docnum":[row]`` member of a shard's rows."""
    return f'"{docnum}":'.encode() + row


def value_path(facet: str, value: str) -> str:
    """A facet value's file, under the index root."""
    return f"f/{facet}/{file_key(value)}.json"


def value_rows(docs: list[int]) -> list[int]:
    """The documents (ascending) whose rows a facet value's file carries: all of them where they are
    at most VALUE_ROWS, else the first VALUE_FIRST."""
    return docs if len(docs) <= VALUE_ROWS else docs[:VALUE_FIRST]


def value_bytes(docs: list[int], rows: Iterable[bytes]) -> bytes:
    """A facet value's file: ``{"d":[its documents ascending, gapped],"r":{rows}}``, the rows
    (``row_entry``, by ascending document, as an r/ file holds them) of ``value_rows``."""
    return _value_file(encode(gapped(docs)), tier_bytes(rows))


def value_json(value: dict[str, Any]) -> bytes:
    """``value_bytes`` of a parsed value file (its rows by document number as text)."""
    return _value_file(encode(value["d"]), tier_json(value["r"]))


def _value_file(gaps: bytes, rows: bytes) -> bytes:
    return b'{"d":' + gaps + b',"r":' + rows + b"}"


COUNTING_FACETS = ("country", "format", "language")
"""The facets whose values each have a counting file (``counting_path``): a search filtered by one
of their values counts its facets from that file, not facets.json. A topic's would hold the
topic facet whole (342 KB gzip of facets.json's 587 at 100,000 experts) for each of hundreds of
topics, and availability's most of facets.json."""


def counting_path(facet: str, value: str) -> str:
    """A facet value's counting file (``counting_file``), under the index root."""
    return f"f/{facet}/{file_key(value)}.c.json"


def held_by(
    facets: Mapping[str, Mapping[str, Sequence[int]]], facet: str, value: str, count: int
) -> dict[str, dict[str, list[int]]]:
    """The facets as one value's holders see them: that facet and availability whole, each other
    facet's values held by those holders only (values none of them holds left out)."""
    holds = bytearray(count)
    for doc in facets[facet][value]:
        holds[doc] = 1
    seen: dict[str, dict[str, list[int]]] = {}
    for name, values in facets.items():
        if name in (facet, "available"):
            seen[name] = {other: list(docs) for other, docs in values.items()}
            continue
        seen[name] = {}
        for other, docs in values.items():
            kept = [doc for doc in docs if holds[doc]]
            if kept:
                seen[name][other] = kept
    return seen


def counting_file(
    facets: Mapping[str, Mapping[str, Sequence[int]]],
    labels: Mapping[str, list[list[Any]]],
    count: int,
    facet: str,
    value: str,
) -> dict[str, Any]:
    """What a search filtered by one value of a facet of COUNTING_FACETS, and perhaps by who is
    available, counts its facets with: facets.json (``facets_file``) of ``held_by``. The page
    counts a facet's values among the results that hold the other facets' chosen values: the
    chosen facet's among every result (hence that facet whole) or every available one (hence
    availability whole: 11 KB gzip at 100,000 experts), the others' among the value's holders.
    At 100,000 experts, as written (``counting_bytes``): 118 KB gzip for a country of 6,300
    experts, 315 KB for one of 37,500, 331 KB for a media format, 176 to 458 KB for a language,
    where facets.json is 587 KB (BENCHMARKS.md, forty-first and forty-second sessions)."""
    return facets_file(held_by(facets, facet, value, count), labels, count)


def counting_bytes(file: Mapping[str, Any], facet: str) -> bytes:
    """A counting file (``counting_file``) as written: two lines of JSON, the first holding the
    chosen facet and availability (both whole), the second the other facets. The page reads the
    first as soon as it has come, for the search's count, its whole ranking and "Show more" (each
    needs only who holds the chosen values), and counts the facets once the second has come: at
    100,000 experts the first is 58 KB gzip of a country's 118 – 315 KB, 104 of a media format's
    331, 118 of a language's 176 – 458 (BENCHMARKS.md, forty-second session)."""
    first = {facet: file[facet], "available": file["available"]}
    rest = {name: data for name, data in file.items() if name not in first}
    return encode(first) + b"\n" + encode(rest)


def counting_read(data: bytes) -> dict[str, Any]:
    """A counting file's two lines (``counting_bytes``) as the one object they split."""
    first, rest = data.split(b"\n")
    return {**orjson.loads(first), **orjson.loads(rest)}


def file_read(name: str, data: bytes) -> Any:
    """An index file (its path under the index root) as parsed: a counting file's two lines as one
    object. orjson: a few times faster than json on the long postings of common terms (the files
    are written with json, whose output it reads exactly)."""
    return counting_read(data) if name.endswith(".c.json") else orjson.loads(data)


def topic_parents(labels: Mapping[str, list[list[Any]]]) -> dict[str, str]:
    """Each subtopic's parent, as meta.json's topic labels give it (``topic_labels``)."""
    topics = labels["topic"]
    return {entry[0]: topics[entry[2]][0] for entry in topics if len(entry) > 2}


CODE_BASE = 0x30
"""The character of code 0 in facets.json's one-character-per-expert strings (``coded``): "0", so
the codes in use (a country's position plus one; seven formats' bits) are digits, letters and
Latin-1 letters, never a character JSON escapes but the backslash."""


def facets_file(
    facets: Mapping[str, Mapping[str, Iterable[int]]], labels: Mapping[str, list[list[Any]]], count: int
) -> dict[str, Any]:
    """facets.json, for ``count`` experts. Topics and languages: each value's documents ascending,
    ``gapped``, a parent topic's without those its subtopics list, which the page adds back (an
    expert of a subtopic counts under its parent too, so they would be listed twice: at 100,000
    experts, half the topic lists' numbers). Country and media formats: one character per expert
    (``coded``): its country's position in the labels plus one (0 for none), its formats' bits.
    Availability: who is available ("yes"); everyone else is not. At 100,000 experts 596 KB gzip,
    where every value's documents as gaps were 658 KB (BENCHMARKS.md, twenty-seventh session)."""
    under = _subtopics_documents(facets["topic"], labels)
    lists = {
        facet: {
            value: gapped(sorted(set(docs) - under[value] if facet == "topic" and value in under else docs))
            for value, docs in facets[facet].items()
        }
        for facet in ("topic", "language")
    }
    return {
        **lists,
        "country": coded(facets["country"], labels["country"], count, single=True),
        "format": coded(facets["format"], labels["format"], count, single=False),
        "available": {"yes": gapped(sorted(facets["available"].get("yes", ())))},
    }


def coded(values: Mapping[str, Iterable[int]], labels: list[list[Any]], count: int, *, single: bool) -> str:
    """One character per expert (CODE_BASE plus a code): for a facet of ``single`` value its value's
    position in the labels plus one (0: none), else a bit for each value's position."""
    codes = [0] * count
    for at, entry in enumerate(labels):
        for doc in values.get(entry[0], ()):
            if single and codes[doc]:
                raise ValueError(f"document {doc} holds two values of a single-valued facet")
            codes[doc] = at + 1 if single else codes[doc] | 1 << at
    return "".join(map(chr, (CODE_BASE + code for code in codes)))


def decoded(text: str, labels: list[list[Any]], *, single: bool) -> dict[str, list[int]]:
    """Each value's documents, ascending, from ``coded``'s characters (values no one holds left out)."""
    found: dict[str, list[int]] = {}
    for doc, character in enumerate(text):
        code = ord(character) - CODE_BASE
        if single:
            if code:
                found.setdefault(labels[code - 1][0], []).append(doc)
            continue
        for at, entry in enumerate(labels):
            if code >> at & 1:
                found.setdefault(entry[0], []).append(doc)
    return {entry[0]: found[entry[0]] for entry in labels if entry[0] in found}


def facets_read(
    data: dict[str, Any], labels: Mapping[str, list[list[Any]]], count: int
) -> dict[str, dict[str, list[int]]]:
    """facets.json as read: each facet value's documents (``facets_file`` undone), ascending;
    availability's "no" (everyone not available) where anyone is not."""
    facets = {
        facet: {value: list(itertools.accumulate(gaps)) for value, gaps in data[facet].items()}
        for facet in ("topic", "language", "available")
    }
    under = _subtopics_documents(facets["topic"], labels)
    topics = facets["topic"]  # a counting file lists only the topics its value's holders have
    topics.update((parent, sorted(docs.union(topics.get(parent, ())))) for parent, docs in under.items() if docs)
    facets["country"] = decoded(data["country"], labels["country"], single=True)
    facets["format"] = decoded(data["format"], labels["format"], single=False)
    available = facets["available"]
    if not available.get("yes"):
        available.pop("yes", None)
    unavailable = sorted(set(range(count)).difference(available.get("yes", ())))
    if unavailable:
        available["no"] = unavailable
    return facets


def value_counts(
    facets: Mapping[str, Mapping[str, Collection[int]]], labels: Mapping[str, list[list[Any]]]
) -> dict[str, list[int]]:
    """meta.json's "counts": how many experts hold each facet value, in the order of its labels (a
    parent topic's with its subtopics'), and availability's as [yes, no]. The facets before a
    search (everyone a result, no filter) are counted from these: at 100,000 experts, 0.8 KB
    gzip more in the first load, where facets.json is 596 KB."""

    def count(facet: str, value: str) -> int:
        return len(facets.get(facet, {}).get(value, ()))

    counts = {facet: [count(facet, entry[0]) for entry in labels[facet]] for facet in ROW_FACETS}
    counts["available"] = [count("available", "yes"), count("available", "no")]
    return counts


def _subtopics_documents(
    topics: Mapping[str, Iterable[int]], labels: Mapping[str, list[list[Any]]]
) -> dict[str, set[int]]:
    """Each parent topic's experts listed under its subtopics."""
    under: dict[str, set[int]] = {}
    for child, parent in topic_parents(labels).items():
        under.setdefault(parent, set()).update(topics.get(child, ()))
    return under


def unpacked(numbers: list[list[int]]) -> dict[int, float]:
    """A term's exported ``[gaps, steps, ranks]`` as {document: score}: ``packed`` undone. A whole
    number of thousandths divided by SCALE is the float nearest that decimal, as the score itself
    (rounded to SCORE_DECIMALS) is."""
    gaps, steps, ranks = numbers
    values = [value / SCALE for value in itertools.accumulate(steps)]
    return dict(zip(itertools.accumulate(gaps), (values[rank] for rank in ranks), strict=True))


def documents(numbers: list[list[int]]) -> list[int]:
    """The document numbers of a term's exported ``[gaps, steps, ranks]``."""
    return list(itertools.accumulate(numbers[0]))


def carried(postings: Mapping[int, float]) -> tuple[int, ...]:
    """The documents whose result rows a term's shard carries: all of a rare term's, else its ROWS best."""
    if len(postings) <= ALL_ROWS:
        return tuple(postings)
    return best(postings)


def best(postings: Mapping[int, float]) -> tuple[int, ...]:
    """The ROWS best documents, best score first, ties by document number (postings ascending by document)."""
    return leading(postings, ROWS)


def leading(postings: Mapping[int, float], count: int) -> tuple[int, ...]:
    """The ``count`` best documents, best score first, ties by document number (postings ascending
    by document): the order the search page ranks a term's documents in to find its r/ file's."""
    # nlargest is a stable sort's first items: equal scores keep ascending document order.
    return tuple(doc for doc, _ in heapq.nlargest(count, postings.items(), key=operator.itemgetter(1)))


def has_tier(term: str, postings: Mapping[int, float], level: int = 0) -> bool:
    """True if a term has the r/ file of this level (``tier_path``): found in more documents than
    ALL_ROWS (a rarer term's shard carries all its rows) and than the level's first rank, its name
    short enough."""
    floor = ALL_ROWS if level == 0 else max(ALL_ROWS, TIERS[level - 1])
    return len(postings) > floor and len(term.encode("utf-8")) <= TIER_KEY_MAX


def tier_path(term: str, level: int) -> str:
    """A term's r/ file of a level, under the index root: ``r/<hex>.json`` for the first (ranks ROWS
    to TIERS[0]-1), ``r/<hex>.<level>.json`` for the next (ranks ROWS to its end: ``next_rows``)."""
    return _level_path("r", term, level)


def _level_path(folder: str, key: str, level: int) -> str:
    """A next-rows file of a level: ``<folder>/<hex>.json`` for the first, ``<folder>/<hex>.<level>.json``
    for the next."""
    return f"{folder}/{file_key(key)}{f'.{level}' if level else ''}.json"


def prefix_leading(postings: Iterable[Mapping[int, float]], count: int) -> tuple[int, ...]:
    """The ``count`` best documents of a prefix's terms (``postings``, in term order), best first,
    ties by document number: their scores summed in the given order, as the search page sums
    them (the same floats), for a lean completion file's rows and its prefix's p/ files."""
    totals: dict[int, float] = {}
    for scores in postings:
        if not totals:
            totals = dict(scores.items())
            continue
        get = totals.get
        for doc, score in scores.items():
            totals[doc] = get(doc, 0.0) + score
    if len(totals) <= count:
        return tuple(sorted(totals, key=lambda doc: (-totals[doc], doc)))
    # The count-th best total, found among the bare floats (no key function), then only the
    # fewer than count documents above it ranked, and the first of those at it (thousands of
    # documents can tie there) taken by number: a few times faster over a prefix's tens of thousands.
    edge = heapq.nlargest(count, totals.values())[-1]
    above = sorted((doc for doc, total in totals.items() if total > edge), key=lambda doc: (-totals[doc], doc))
    return (*above, *heapq.nsmallest(count - len(above), (doc for doc, total in totals.items() if total == edge)))


def next_rows(ranked: tuple[int, ...], level: int) -> tuple[int, ...]:
    """The documents of a term's r/ file of a level (see ``has_tier``), in ascending order, from its
    best documents (``leading``, at least as many as the level ends at): those ranked ROWS to
    TIERS[level]-1. A level's file holds the levels' before it too: a query whose rows lie on
    both levels asks for one file, not two. At 100,000 experts three-word queries within four
    requests went from 30 to 39 of 50 and country-filtered ones with their results from 35 to
    42, for 25% more bytes in the second level's files (BENCHMARKS.md, twenty-seventh session)."""
    return tuple(sorted(ranked[ROWS : TIERS[level]]))


def lean_documents(postings: Iterable[Mapping[int, float]]) -> tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]:
    """A lean completion file's documents from its terms' postings (in term order): its prefix's
    ROWS best, whose rows the file carries, and those of each level of the prefix's p/ files
    (``next_rows``; none for a level its documents do not reach)."""
    ranked = prefix_leading(postings, TIERS[-1])
    floors = (ROWS, *TIERS[:-1])  # a level is reached by documents ranked past the level before
    return ranked[:ROWS], tuple(
        next_rows(ranked, level) if len(ranked) > floor else () for level, floor in enumerate(floors)
    )


def prefix_tier_path(prefix: str, level: int) -> str:
    """A lean completion file's prefix's p/ file of a level, under the index root: ``p/<hex>.json``
    for the first (its documents ranked ROWS to TIERS[0]-1 by ``prefix_leading``), ``p/<hex>.<level>.json``
    for the next (ranked ROWS to its end); written only for a level its documents reach (ranked past
    the level before: ``lean_documents``)."""
    return _level_path("p", prefix, level)


def tier_bytes(rows: Iterable[bytes]) -> bytes:
    """An r/ file from its rows (``row_entry``, by ascending document)."""
    return b"{" + b",".join(rows) + b"}"


def tier_json(rows: dict[str, Any]) -> bytes:
    """``tier_bytes`` of parsed rows (by document number as text)."""
    return encode_unsorted({key: rows[key] for key in sorted(rows, key=int)})


def encode(data: Any) -> bytes:
    """JSON as every file of the index is written: compact, keys sorted, UTF-8."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def encode_unsorted(data: Any) -> bytes:
    """``encode``, keys in their given order, of result rows (each a list) and rows by document
    number, as the preview's patch writes a file's rows at once: by orjson, several times faster
    and the same bytes for these (strings, whole numbers, lists, None: no floats; control
    characters escaped alike, everything else written as UTF-8); a test writes every file of an
    export again and compares. Not for bytes kept by the thousand: orjson's output keeps the
    buffer it was written in (100,000 rows of 200 bytes held 393 MB, json's 24 MB)."""
    return orjson.dumps(data)


ROW_FACETS = ("topic", "language", "country", "format")
"""The facets whose values a row gives as positions in meta.json's labels."""


def row(entry: ExpertEntry, thumbnail: Thumbnail | None, positions: dict[str, dict[str, int]]) -> list[Any]:
    """What a result shows: slug, name, title, headline, topics and languages (as positions in
    meta.json's facet labels), thumbnail (a photo's URL, or an avatar's [initials, hue]),
    availability; then its country and media formats in one number (``packed_facets``), so that
    the page can count and filter the results of a query whose rows it holds without
    facets.json. The page's address comes from the slug."""
    e = entry.expert
    status = e.availability.status if e.availability else "available"
    country = e.location.country if e.location and e.location.country else None
    return [
        entry.slug,
        e.name,
        e.title,
        e.headline,
        [positions["topic"][t.id] for t in entry.topics],
        [positions["language"][tag] for tag in e.languages],
        list(thumbnail) if isinstance(thumbnail, tuple) else thumbnail,  # as JSON reads it back
        status,
        packed_facets(
            positions["country"][country] if country else None,
            [positions["format"][name] for name in (e.media.formats if e.media else ())],
            len(positions["format"]),
        ),
    ]


def packed_facets(country: int | None, formats: Iterable[int], format_count: int) -> int:
    """A row's country and media formats (positions in meta.json's labels) as one number: a bit
    for each format's position, below the country's position plus one (0: none), shifted past
    every format's bit; two or three digits where the positions written out took ten bytes."""
    return ((country + 1 if country is not None else 0) << format_count) | sum(1 << at for at in set(formats))


def topic_labels(values: Iterable[str], topics: Mapping[str, Topic]) -> list[list[Any]]:
    """meta.json's topic labels: [id, name], and the position of its parent where it has one (the
    topic facet counts an expert under a topic's parent too: ``search._document``)."""
    ordered = list(values)
    at = {value: n for n, value in enumerate(ordered)}
    labels: list[list[Any]] = []
    for value in ordered:
        parent = topics[value].parent
        labels.append([value, topics[value].name, *([at[parent]] if parent in at else [])])
    return labels


def label_positions(labels: dict[str, list[list[Any]]]) -> dict[str, dict[str, int]]:
    """Each facet value's position in meta.json's facet labels, as rows name them."""
    return {facet: {entry[0]: at for at, entry in enumerate(labels[facet])} for facet in ROW_FACETS}


@dataclass(frozen=True)
class _TermFiles:
    """What meta.json lists of the terms' files made (``_term_files``)."""

    shards: dict[str, list[int]]
    """shard key -> [its number of terms, 1 if it is exact]"""
    splits: list[str]
    """the split prefixes, each with a completion file"""
    lean: list[str]
    """the split prefixes whose completion file is lean"""

    def joined(self, other: _TermFiles) -> _TermFiles:
        """The files of both processes' groups."""
        return _TermFiles({**self.shards, **other.shards}, self.splits + other.splits, self.lean + other.lean)


def _term_files(
    scores: Mapping[str, Mapping[int, float]],
    rows: dict[int, bytes],
    groups: Sequence[tuple[str, list[str]]],
    claim: Callable[[], int],
    limit: int,
    root: str,
) -> Generator[tuple[str, bytes], None, _TermFiles]:
    """The files of the groups of terms (by ``group_key``) this process claims, one group at a time
    (``claim`` gives the next group's number, to every process making them, until none is left):
    their shards (t/), the completion files of the prefixes split among them (c/, and a lean
    one's p/ files), and their common terms' next rows (r/). Each group's files depend on its own
    terms only, so a process claiming a group as it is free makes the same files as one making all.
    Their paths are under ``root`` (the index's folder: ``index_folder``)."""
    shards: dict[str, list[int]] = {}
    splits: list[str] = []
    lean: list[str] = []
    while (number := claim()) < len(groups):
        prefix, group = groups[number]
        members: dict[str, bytes] = {}
        tops: dict[str, tuple[int, ...]] = {}
        tiers: dict[str, tuple[int, ...]] = {}
        for term in group:
            postings = scores[term]
            members[term] = member(term, postings)  # each term serialised once: shards are joined from these
            if len(postings) <= ALL_ROWS:
                tops[term] = tuple(postings)
            else:  # the best ROWS and the next, ranked once
                ranked = leading(postings, TIERS[-1])
                tops[term] = ranked[:ROWS]
                for level in range(len(TIERS)):
                    if has_tier(term, postings, level):
                        tiers[tier_path(term, level)] = next_rows(ranked, level)
        parts = _Parts(members, tops, rows)
        split: dict[str, list[str]] = {}
        for key, terms, exact, data in _split(parts, group, prefix, limit, split):
            shards[key] = [len(terms), int(exact)]
            yield f"{root}t/{file_key(key)}.json", data  # as made to measure it
        splits.extend(split)
        for key, completions in split.items():
            if parts.size(completions) <= COMPLETION_LIMIT:
                yield f"{root}c/{file_key(key)}.json", parts.shard(completions)
                continue
            lean.append(key)
            own, levels = lean_documents(scores[term] for term in sorted(completions))
            yield f"{root}c/{file_key(key)}.json", parts.lean(completions, own)
            for level, numbers in enumerate(levels):
                if numbers:
                    yield root + prefix_tier_path(key, level), tier_bytes(map(rows.__getitem__, numbers))
        for path, numbers in tiers.items():
            yield root + path, tier_bytes(map(rows.__getitem__, numbers))
    return _TermFiles(shards, splits, lean)


def spellings(stemmer: str, terms: Sequence[str], held: Collection[str]) -> dict[str, str]:
    """The British stems the page reads as American ones (``spelling``) where that can change what
    a query finds among the index's ``terms`` (sorted; ``held`` holds them): an English index's."""
    if stemmer != ENGLISH:
        return {}
    return relevant(american_stems(english), terms, held, FAMILY_MIN, FAMILY_GAP)


def by_work(groups: Mapping[str, list[str]], scores: Mapping[str, Mapping[int, float]]) -> list[tuple[str, list[str]]]:
    """The groups of terms, the most work first (a group's work taken as its postings: encoding
    them, ranking a common term's, splitting and compressing its shards grow with them): claimed
    in this order, the last groups claimed are the smallest, and two processes end together."""
    weights = {key: sum(len(scores[term]) for term in terms) for key, terms in groups.items()}
    return [(key, groups[key]) for key in sorted(groups, key=lambda key: (-weights[key], key))]


def export_index(
    index: SearchIndex, thumbnails: dict[str, Thumbnail], shard_limit: int | None = None
) -> dict[str, bytes]:
    """Every file of the browser index, keyed by output path."""
    return dict(export_files(index, thumbnails, shard_limit))


def export_files(
    index: SearchIndex, thumbnails: dict[str, Thumbnail], shard_limit: int | None = None, jobs: int = 1
) -> Iterator[tuple[str, bytes]]:
    """Every file of the browser index with its output path, each made as it is asked for (a build
    writes each before the next is made: at 100,000 experts the files are 1.7 GB).

    With ``jobs`` over 1 (and PARALLEL_MIN experts or more), the terms' files are made in two
    processes (``side_by_side``), each making the shards, completion and next-rows files of the
    next group of terms not yet claimed, as it is free (``by_work``); the files are the same, byte
    for byte, as in one."""
    total = 0
    files = Returning(_files(index, thumbnails, SHARD_LIMIT if shard_limit is None else shard_limit, jobs))
    for path, data in files:
        total += len(data)
        yield path, data
    meta = files.value
    meta["keep"] = total if total <= KEEP_BYTES else None
    yield ROOT + META, encode(packed_meta(meta))


def _files(
    index: SearchIndex, thumbnails: dict[str, Thumbnail], limit: int, jobs: int
) -> Generator[tuple[str, bytes], None, dict[str, Any]]:
    """Every file of the browser index but meta.json, whose content (but the index's bytes) it returns."""
    count = len(index.slugs)
    language = index.site.config.site.language
    labels: dict[str, list[list[Any]]] = {
        "topic": topic_labels(index.facet_values("topic"), {t.id: t for t in index.site.config.topics}),
        "language": [[value, language_name(value, language)] for value in index.facet_values("language")],
        "country": [[value, country_name(value, language)] for value in index.facet_values("country")],
        "format": [[value, FORMAT_NAMES[value]] for value in index.facet_values("format")],
    }
    folder = index_folder(index.slugs, labels)
    root = f"{ROOT}{folder}/"
    positions = label_positions(labels)  # rows name facet values by their place in these very lists
    entries = [index.entries[slug] for slug in index.slugs]
    docs = [encode(row(entry, thumbnails.get(entry.slug), positions)) for entry in entries]
    rows = {n: row_entry(n, data) for n, data in enumerate(docs)}
    groups: dict[str, list[str]] = {}
    for term in index.scores:
        groups.setdefault(group_key(term), []).append(term)
    ordered = by_work(groups, index.scores)
    if jobs > 1 and count >= PARALLEL_MIN:
        with SharedCount() as claims:
            make = partial(_term_files, index.scores, rows, ordered, claims.next, limit, root)
            made = yield from side_by_side(make, make)
        terms = made[0].joined(made[1])
    else:
        terms = yield from _term_files(index.scores, rows, ordered, itertools.count().__next__, limit, root)
    words: dict[str, dict[str, int]] = {}
    for word, frequency in index.surface.items():
        if suggestible(word):
            words.setdefault(shard_key(word), {})[word] = frequency
    for key, known in sorted(words.items()):
        yield f"{root}w/{key}.json", encode(known)
    for start in range(0, count, CHUNK):
        yield f"{root}d/{start // CHUNK}.json", b"[" + b",".join(docs[start : start + CHUNK]) + b"]"
    yield f"{root}facets.json", encode(facets_file(index.facets, labels, count))
    names = link_names(index.facet_values("language"), index.facet_values("country"), language)
    yield f"{root}names.json", encode(names)
    for facet, values in sorted(index.facets.items()):
        everyone = dict(values)
        if facet == "available":  # both files always there: the page filters by "yes" without knowing who is
            everyone = {"yes": (), "no": (), **everyone}
        for value, numbers in sorted(everyone.items()):
            holders = sorted(numbers)
            yield root + value_path(facet, value), value_bytes(holders, map(rows.__getitem__, value_rows(holders)))
    for facet in COUNTING_FACETS:
        for value in sorted(index.facets[facet]):
            file = counting_file(index.facets, labels, count, facet, value)
            yield root + counting_path(facet, value), counting_bytes(file, facet)
    return {
        "format": "sitegen-search",
        "version": FORMAT_VERSION,
        "folder": folder,
        "docs": count,
        "chunk": CHUNK,
        "rows": ROWS,
        "allRows": ALL_ROWS,
        "tiers": list(TIERS),
        "tierKeyMax": TIER_KEY_MAX,
        "familyMin": FAMILY_MIN,
        "familyGap": FAMILY_GAP,
        "joinedMin": JOINED_MIN,
        "joinPartMin": JOIN_PART_MIN,
        "scale": SCALE,
        "maxExpansion": MAX_EXPANSION,
        "stemmer": index.basis.stemmer,
        "spellings": spellings(index.basis.stemmer, index.all_terms, index.scores),
        "accents": accent_exceptions(term_characters(index.all_terms)),
        "expert": urls.expert(SLUG),
        "facets": labels,
        "counts": value_counts(index.facets, labels),
        "counted": list(COUNTING_FACETS),
        "shards": dict(sorted(terms.shards.items())),
        "completions": sorted(terms.splits),
        "lean": sorted(terms.lean),
        "words": sorted(words),
    }
