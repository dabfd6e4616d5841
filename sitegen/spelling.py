"""British spellings found as American ones: `organisation` finds Organization, `pediatric` Paediatric.

A directory is written one way or the other, and often both (a university's own staff and its
visiting fellows); a journalist types their own. English's stemmer keeps the two apart
(`organis`, `organiz`; `tumour`, `tumor`), so a search found only the profiles spelt as typed.

Here a British spelling's stem is read as its American spelling's stem, in the index's analysis
and in every query's (``American``, which ``search.STEMS`` applies after English's stemmer). The
pairs are breame's (``BRITISH_ENGLISH_SPELLINGS``: 1,730 British words with their American
spellings, "-ise", "-our", "-re", "ae", "oe", doubled letters and words such as `aeroplane`),
stemmed: 490 stems. Mapping stems, not words, also reads the forms breame does not list
(`colouration`, `modernisation`), as it reads every word English's stemmer gives the same stem
(`programmer`, whose stem is `programme`'s, finds `program`). Where a British stem's words have
American spellings of two stems (`utilise`: `utiliz`; `utilisation`: `util`), the stem most of
them have is read (on a tie, the shorter).

The search page stems as the index does: meta.json carries the pairs that can change what a
query finds in this index (``relevant``), a few dozen for a real directory.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS


@cache
def american_stems(stem: Callable[[str], str]) -> dict[str, str]:
    """Each British spelling's stem -> its American spelling's, by ``stem``, where they differ."""
    counted: dict[str, Counter[str]] = {}
    for british, american in BRITISH_ENGLISH_SPELLINGS.items():
        own, theirs = stem(british), stem(american)
        if own != theirs:
            counted.setdefault(own, Counter())[theirs] += 1
    return {
        own: min(counts, key=lambda theirs: (-counts[theirs], len(theirs), theirs))
        for own, counts in sorted(counted.items())
    }


@dataclass(frozen=True)
class American:
    """``stem``, its British stems read as their American spellings' (``american_stems``); a
    class, not a closure, as whoosh pickles the analysis it is part of."""

    stem: Callable[[str], str]

    def __call__(self, word: str) -> str:
        own = self.stem(word)
        return american_stems(self.stem).get(own, own)


def relevant(
    table: Mapping[str, str], terms: Sequence[str], held: Collection[str], family_min: int, family_gap: int
) -> dict[str, str]:
    """The pairs of ``table`` that can change what a query finds among ``terms`` (the index's,
    sorted; ``held`` holds them): a query word's stem stands for the terms it begins (a word being
    typed), those of its family (a prefix of at least ``family_min`` letters, at most ``family_gap``
    apart) and itself, so a pair matters where a term is so near its British stem or its American
    one. Elsewhere its stem finds nothing read either way, and the rest (the word as typed,
    completed) is read alike."""

    def near(stem: str) -> bool:
        at = bisect.bisect_left(terms, stem)
        if at < len(terms) and terms[at].startswith(stem):
            return True
        shortest = max(family_min, len(stem) - family_gap)
        return any(stem[:length] in held for length in range(shortest, len(stem)))

    return {own: theirs for own, theirs in table.items() if near(own) or near(theirs)}
