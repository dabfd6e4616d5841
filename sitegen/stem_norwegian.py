"""Norwegian (Bokmål) words to their stems: Snowball's Norwegian algorithm, read on folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/norwegian/stemmer.html) reads "æ", "å"
and "ø" as vowels; folded, "å" and "ø" are "a" and "o", vowels still, and "æ" stays. None of its
suffixes holds one; one letter list does: "ø" is no letter a final "s" goes after, and folded it
is an "o", which is (``S_ENDING`` leaves "o" out). Else a folded word is stemmed as Snowball stems
the word, its stem folded. search.js's Norwegian stemmer (assets/stem/norwegian.js) is the same,
step for step.
"""

from __future__ import annotations

from sitegen.stemming import Suffixes, inflection_removed, region_r1_from_third

VOWELS = frozenset("aeiouyæ")
"""Norwegian vowels, folded (å and ø fold to "a" and "o")."""
S_ENDING = frozenset("bcdfghjlmnprtvyz")
"""The letters before a final "s" that step 1 removes it after (and "k" after a non-vowel).
Snowball's hold "o" too, not "ø": folded, "ø" is "o", and an "o" here would take the "s" off
"arbeidsløs" ("arbeidslo") and not off "arbeidsløse" ("arbeidslos"). Left out, on Debian's Bokmål
word list 196 fewer of Snowball's groups are parted and 34 more stems merge groups
(``bench/stemming.py``)."""

STEP1 = Suffixes(
    "hetenes", "hetene", "hetens", "heter", "heten", "endes", "ande", "ende", "edes", "enes", "erte",
    "ede", "ane", "ene", "ens", "ers", "ets", "het", "ast", "ert", "en", "ar", "er", "as", "es", "et",
    "a", "e", "s",
)  # fmt: skip
"""Step 1: inflections removed in R1 ("erte" and "ert" as "er"; "s" after an ``S_ENDING`` letter)."""
STEP2 = Suffixes("dt", "vt")
"""Step 2: endings whose last letter goes, in R1."""
STEP3 = Suffixes("hetslov", "eleg", "elig", "elov", "slov", "leg", "eig", "lig", "els", "lov", "ig")
"""Step 3: derivational suffixes removed in R1."""


def _s_goes(word: str) -> bool:
    """Whether a final "s" goes: after an ``S_ENDING`` letter, or a "k" after a non-vowel."""
    before = word[-2]
    return before in S_ENDING or (before == "k" and word[-3] not in VOWELS)


def norwegian(word: str) -> str:
    """A folded Norwegian word's stem ("klimaendringene", "klimaendringer" -> "klimaendring")."""
    r1 = region_r1_from_third(word, VOWELS)
    suffix = STEP1.longest(word, r1)
    word = word[: -len(suffix)] + "er" if suffix in ("erte", "ert") else inflection_removed(word, r1, STEP1, _s_goes)
    if STEP2.longest(word, r1) is not None:
        word = word[:-1]
    suffix = STEP3.longest(word, r1)
    return word[: -len(suffix)] if suffix is not None else word
