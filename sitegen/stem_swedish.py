"""Swedish words to their stems: Snowball's Swedish algorithm, read on folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/swedish/stemmer.html) reads "ä", "å"
and "ö" as vowels, and folded they are vowels still ("a", "a", "o"). One suffix holds one
("löst", folded "lost" here), and one letter list does: "ö" is no letter a final "s" goes after,
and folded it is an "o", which is (``S_ENDING`` leaves "o" out). Else a folded word is stemmed as
Snowball stems the word, its stem folded. search.js's Swedish stemmer (assets/stem/swedish.js) is
the same, step for step.
"""

from __future__ import annotations

from sitegen.stemming import Suffixes, inflection_removed, region_r1_from_third

VOWELS = frozenset("aeiouy")
"""Swedish vowels, folded (ä, å and ö fold to these)."""
S_ENDING = frozenset("bcdfghjklmnprtvy")
"""The letters before a final "s" that step 1 removes it after. Snowball's hold "o" too, not "ö":
folded, "ö" is "o", and an "o" here would take the "s" off "arbetslös" ("arbetslo") and not off
"arbetslösa" ("arbetslos"). Left out, "kaos" keeps its "s"; on Debian's Swedish word list 2 fewer
of Snowball's groups are parted and 70 fewer stems merge groups (``bench/stemming.py``)."""

STEP1 = Suffixes(
    "heterna", "hetens", "heter", "heten", "anden", "arnas", "ernas", "ornas", "andes", "andet", "arens",
    "arna", "erna", "orna", "ande", "arne", "aste", "aren", "ades", "erns", "ade", "are", "ern", "ens",
    "het", "ast", "ad", "en", "ar", "er", "or", "as", "es", "at", "a", "e", "s",
)  # fmt: skip
"""Step 1: inflections removed in R1 ("s" after an ``S_ENDING`` letter)."""
STEP2 = Suffixes("dd", "gd", "nn", "dt", "gt", "kt", "tt")
"""Step 2: endings whose last letter goes, in R1."""
STEP3 = Suffixes("fullt", "lost", "els", "lig", "ig")
"""Step 3: "els", "lig", "ig" removed in R1; "fullt" and "lost" (Snowball's "löst") lose their "t"."""


def swedish(word: str) -> str:
    """A folded Swedish word's stem ("forskarna", "forskare" -> "forsk")."""
    r1 = region_r1_from_third(word, VOWELS)
    word = inflection_removed(word, r1, STEP1, lambda word: word[-2] in S_ENDING)
    if STEP2.longest(word, r1) is not None:
        word = word[:-1]
    suffix = STEP3.longest(word, r1)
    if suffix in ("fullt", "lost"):
        return word[:-1]
    return word[: -len(suffix)] if suffix is not None else word
