"""Which stemmer a site's words are stemmed by, and what Snowball's stemmers here share.

A site's language (site.toml's ``site.language``) chooses: Spanish sites stem as Spanish
(``stem_spanish``), German sites as German (``stem_german``), French sites as French
(``stem_french``), Portuguese sites as Portuguese (``stem_portuguese``), Italian sites as
Italian (``stem_italian``), Dutch sites as Dutch (whoosh's Snowball Dutch: ``search.STEMS``),
Swedish, Danish, Norwegian and Russian sites as their own (``stem_swedish``, ``stem_danish``,
``stem_norwegian``, ``stem_russian``), Finnish, Indonesian and Hindi sites as their own (Snowball's
own stemmers, PyStemmer's: ``stem_finnish``, ``stem_indonesian``, ``stem_hindi``); every other site
as English (Snowball's English, PyStemmer's: ``stem_english``).
Every analysis, the index's, ``sitegen search``'s and the search page's, stems with the index's
stemmer; the page loads a stemmer other than English's from ``stemmer_scripts``.

Every analysis here folds a word (lower case, accents off) before it stems it, so a journalist who
types "migracion" on a phone finds "migración". Snowball's algorithms
(https://snowballstem.org/algorithms/) read accents; the stemmers here are those algorithms read
on folded letters (each module says what that changes; Dutch's takes accents off itself, so a
folded word is stemmed as the word is; Finnish's rules read "ä" and "ö" as "a" and "o"), and
search.js's (assets/stem/) are the same, step for step. ``bench/stemming.py`` compares each with
Snowball's own stemmer (whoosh's; Finnish's, English's and Indonesian's PyStemmer's) given the
unfolded words of a word list of its language (Debian's; those three's wordfreq's) (BENCHMARKS.md).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Set
from typing import NamedTuple

import Stemmer

ENGLISH = "english"
"""The stemmer of every site whose language has none of its own here (Snowball's English: ``stem_english``)."""
STEMMERS = {
    "es": "spanish",
    "de": "german",
    "fr": "french",
    "pt": "portuguese",
    "it": "italian",
    "nl": "dutch",
    "sv": "swedish",
    "da": "danish",
    **dict.fromkeys(("no", "nb", "nn"), "norwegian"),
    "ru": "russian",
    "fi": "finnish",
    "id": "indonesian",
    "hi": "hindi",
}
"""A language (its primary subtag) -> its stemmer, where sitegen has one besides English's.
Snowball's Norwegian is written for Bokmål ("nb"); Nynorsk ("nn") shares most of its endings."""


_OWN = threading.local()
"""Each thread's PyStemmer stemmers, by algorithm: they are not safe to share between threads."""


def snowball_stem(algorithm: str, word: str) -> str:
    """``word`` stemmed by Snowball's own stemmer of ``algorithm`` ("english", "finnish"): PyStemmer's,
    the Snowball project's C library (the version ``pyproject.toml`` pins and the cache's key names)."""
    made: dict[str, Stemmer.Stemmer] = _OWN.__dict__.setdefault("stemmers", {})
    stemmer = made.get(algorithm)
    if stemmer is None:
        stemmer = made[algorithm] = Stemmer.Stemmer(algorithm)
    stem: str = stemmer.stemWord(word)
    return stem


def stemmer_of(language: str) -> str:
    """The stemmer of a site written in ``language`` (a BCP 47 tag: "es", "es-MX")."""
    return STEMMERS.get(language.split("-", maxsplit=1)[0].lower(), ENGLISH)


STEM_FOLDER = "assets/stem/"
"""Where the theme keeps the search page's stemmers (``stemmer_scripts``)."""
SHARED_SCRIPT = f"/{STEM_FOLDER}snowball.js"
"""What the search page's stemmers share (as this module is what the Python ones share)."""


def stemmer_scripts(stemmer: str) -> tuple[str, ...]:
    """The site paths of the scripts the search page loads, in order, for ``stemmer``: none for
    English's, which search.js holds itself (every site's search page loads it)."""
    return () if stemmer == ENGLISH else (SHARED_SCRIPT, f"/{STEM_FOLDER}{stemmer}.js")


def unused_script(path: str, stemmer: str) -> bool:
    """Whether ``path`` (a site file's path, "assets/stem/spanish.js") is one of the stemmers'
    scripts that a site stemming with ``stemmer`` does not load: the theme holds every language's,
    and a site publishes only its own (none for English's, which search.js holds). A site's own
    other files in the folder are no stemmer's, and stay."""
    known = {SHARED_SCRIPT, *(f"/{STEM_FOLDER}{name}.js" for name in STEMMERS.values())}
    return "/" + path in known and "/" + path not in stemmer_scripts(stemmer)


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
    """Where RV begins (Spanish's, Portuguese's, Italian's): after the next vowel when the second
    letter is a consonant; after the next consonant when the first two are vowels; else after the
    third letter (the word's end if none)."""
    if len(word) < 2:
        return len(word)
    if word[1] not in vowels:
        found = (i + 1 for i in range(2, len(word)) if word[i] in vowels)
    elif word[0] in vowels:
        found = (i + 1 for i in range(2, len(word)) if word[i] not in vowels)
    else:
        return min(3, len(word))
    return next(found, len(word))


def region_r1_from_third(word: str, vowels: Set[str]) -> int:
    """R1 with at least three letters before it (Swedish's, Danish's, Norwegian's)."""
    return max(region_after(word, 0, vowels), 3)


def inflection_removed(word: str, r1: int, suffixes: Suffixes, s_goes: Callable[[str], bool]) -> str:
    """Step 1 of Swedish, Danish and Norwegian: the longest of ``suffixes`` in R1 removed, a final
    "s" only where ``s_goes(word)`` says."""
    suffix = suffixes.longest(word, r1)
    if suffix is None or (suffix == "s" and not s_goes(word)):
        return word
    return word[: -len(suffix)]


class Regions(NamedTuple):
    """Where a word's regions begin (Snowball's RV, R1 and R2): a tuple, made for every word."""

    rv: int
    r1: int
    r2: int


Rule = Callable[[str, Regions], str | None]
"""What a standard suffix's removal is followed by (Spanish's, Portuguese's, Italian's step 1):
(the word without the suffix, its regions) -> the word, or None if the suffix stays after all."""


def without(word: str, suffix: str, start: int) -> str:
    """``word`` without a trailing ``suffix`` if the suffix lies in the region from ``start``."""
    return word[: -len(suffix)] if word.endswith(suffix) and len(word) - len(suffix) >= start else word


def kept(stem: str, regions: Regions) -> str:
    """Nothing more."""
    return stem


def then(suffix: str) -> Rule:
    """``suffix`` removed too where it lies in R2 ("ic" before "adora", "at" before "iva")."""
    return lambda stem, regions: without(stem, suffix, regions.r2)


def either(*suffixes: str) -> Rule:
    """The longest of ``suffixes`` removed too where it lies in R2."""
    found = Suffixes(*suffixes)

    def rule(stem: str, regions: Regions) -> str:
        before = found.longest(stem)
        return stem[: -len(before)] if before is not None and len(stem) - len(before) >= regions.r2 else stem

    return rule


def adverb(*before: str) -> Rule:
    """After "amente": the longest of ``before`` removed in R2 (Spanish's and Portuguese's "iv",
    "os", "ic", "ad"; Italian's "abil" for "ad"), and "at" before an "iv" too."""
    found = Suffixes(*before)

    def rule(stem: str, regions: Regions) -> str:
        suffix = found.longest(stem)
        if suffix is None or len(stem) - len(suffix) < regions.r2:
            return stem
        stem = stem[: -len(suffix)]
        return without(stem, "at", regions.r2) if suffix == "iv" else stem

    return rule


class Standard(Suffixes):
    """Standard suffixes (Spanish's, Portuguese's, Italian's step 1), each with its rule: (the
    region it must lie in, "rv", "r1" or "r2"; what replaces it; what follows its removal)."""

    def __init__(self, rules: Mapping[str, tuple[str, str, Rule]]) -> None:
        super().__init__(*rules)
        self.rules = dict(rules)

    def removed(self, word: str, regions: Regions) -> str | None:
        """Step 1: the word without its longest standard suffix, as its rule says, or None if it
        has none that goes (in its region)."""
        suffix = self.longest(word)
        if suffix is None:
            return None
        region, replacement, after = self.rules[suffix]
        if len(word) - len(suffix) < getattr(regions, region):
            return None
        stem = after(word[: -len(suffix)], regions)
        return None if stem is None else stem + replacement
