"""Danish words to their stems: Snowball's Danish algorithm, read on folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/danish/stemmer.html) reads "æ", "å"
and "ø" as vowels; folded, "å" and "ø" are "a" and "o", vowels still, and "æ" stays. One suffix
holds one ("løst", folded "lost" here), so a folded word is stemmed as Snowball stems the word,
its stem folded. As whoosh's Danish stemmer (sitegen's reference), a final double consonant is
undoubled in a word of four letters or more. search.js's Danish stemmer (assets/stem/danish.js)
is the same, step for step.
"""

from __future__ import annotations

from sitegen.stemming import Suffixes, inflection_removed, region_r1_from_third

VOWELS = frozenset("aeiouyæ")
"""Danish vowels, folded (å and ø fold to "a" and "o")."""
S_ENDING = frozenset("abcdfghjklmnoprtvyz")
"""The letters before a final "s" that step 1 removes it after (Snowball's "å" folds to "a")."""

STEP1 = Suffixes(
    "erendes", "erende", "hedens", "ethed", "erede", "heden", "heder", "endes", "ernes", "erens", "erets",
    "ered", "ende", "erne", "eren", "erer", "heds", "enes", "eres", "eret", "hed", "ene", "ere", "ens",
    "ers", "ets", "en", "er", "es", "et", "e", "s",
)  # fmt: skip
"""Step 1: inflections removed in R1 ("s" after an ``S_ENDING`` letter)."""
STEP2 = Suffixes("gd", "dt", "gt", "kt")
"""Step 2: endings whose last letter goes, in R1 (again after step 3's removal)."""
STEP3 = Suffixes("elig", "lost", "lig", "els", "ig")
"""Step 3: derivational suffixes removed in R1; "lost" (Snowball's "løst") loses its "t"."""
DOUBLED = frozenset("bcdfghjklmnpqrstvwxz")
"""Step 4: the consonants a final pair of is undoubled."""


def _step2(word: str, r1: int) -> str:
    return word[:-1] if STEP2.longest(word, r1) is not None else word


def danish(word: str) -> str:
    """A folded Danish word's stem ("forskerne", "forskeren" -> "forsk")."""
    r1 = region_r1_from_third(word, VOWELS)
    word = _step2(inflection_removed(word, r1, STEP1, lambda word: word[-2] in S_ENDING), r1)
    if word.endswith("igst") and len(word) - 4 >= r1:
        word = word[:-2]
    suffix = STEP3.longest(word, r1)
    if suffix == "lost":
        word = word[:-1]
    elif suffix is not None:
        word = _step2(word[: -len(suffix)], r1)
    if len(word) > 3 and word[-1] in DOUBLED and word[-1] == word[-2]:
        word = word[:-1]
    return word
