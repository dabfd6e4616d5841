"""Which stemmer a site's words are stemmed by, and what Snowball's stemmers here share.

A site's language (site.toml's ``site.language``) chooses: Spanish sites stem as Spanish
(``stem_spanish``), German sites as German (``stem_german``), French sites as French
(``stem_french``), Portuguese sites as Portuguese (``stem_portuguese``); every other site as
English (whoosh's Porter2), as sitegen always has.
Every analysis, the index's, ``sitegen search``'s and the search page's, stems with the index's
stemmer; the page loads a stemmer other than English's from ``stemmer_script``.

Every analysis here folds a word (lower case, accents off) before it stems it, so a journalist who
types "migracion" on a phone finds "migración". Snowball's algorithms
(https://snowballstem.org/algorithms/) read accents; the stemmers here are those algorithms read
on folded letters (each module says what that changes), and search.js's (assets/stem/) are the
same, step for step. ``bench/stemming.py`` compares each with Snowball's own stemmer (whoosh's)
given the unfolded words of Debian's word list of its language (BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import Set

ENGLISH = "english"
"""The stemmer of every site whose language has none of its own here (whoosh's Porter2)."""
STEMMERS = {"es": "spanish", "de": "german", "fr": "french", "pt": "portuguese"}
"""A language (its primary subtag) -> its stemmer, where sitegen has one besides English's."""


def stemmer_of(language: str) -> str:
    """The stemmer of a site written in ``language`` (a BCP 47 tag: "es", "es-MX")."""
    return STEMMERS.get(language.split("-", maxsplit=1)[0].lower(), ENGLISH)


def stemmer_script(stemmer: str) -> str | None:
    """The site path of the search page's script for ``stemmer``; None for English's, which
    search.js holds itself (every site's search page loads it)."""
    return None if stemmer == ENGLISH else f"/assets/stem/{stemmer}.js"


class Suffixes:
    """Suffixes, found longest first: a word's last letters looked up by each suffix length."""

    def __init__(self, *suffixes: str) -> None:
        self.known = frozenset(suffixes)
        self.lengths = sorted({len(suffix) for suffix in suffixes}, reverse=True)

    def longest(self, word: str, start: int = 0) -> str | None:
        """The longest suffix that ends ``word``, lying in the region from ``start``."""
        for length in self.lengths:
            if len(word) - length >= start and word[-length:] in self.known:
                return word[-length:]
        return None


def region_after(word: str, start: int, vowels: Set[str]) -> int:
    """Where the region after the first non-vowel that follows a vowel, from ``start`` on, begins
    (R1 from the word's start, R2 from R1's); the word's end if there is none."""
    for i in range(start + 1, len(word)):
        if word[i] not in vowels and word[i - 1] in vowels:
            return i + 1
    return len(word)


def region_rv(word: str, vowels: Set[str]) -> int:
    """Where RV begins (Spanish's, Portuguese's): after the next vowel when the second letter is a
    consonant; after the next consonant when the first two are vowels; else after the third letter
    (the word's end if none)."""
    if len(word) < 2:
        return len(word)
    if word[1] not in vowels:
        found = (i + 1 for i in range(2, len(word)) if word[i] in vowels)
    elif word[0] in vowels:
        found = (i + 1 for i in range(2, len(word)) if word[i] not in vowels)
    else:
        return min(3, len(word))
    return next(found, len(word))
