"""German words to their stems: Snowball's German algorithm, read on folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/german/stemmer.html) takes "ß" as "ss"
and the umlauts as vowels, which it removes at the end: none of its suffixes holds one. Read on
folded letters ("ä" as "a", "ß" as "ss"), it gives the word its stem with the umlauts removed, so
"Märkte" and "Markte" share one. As Snowball's variant for German written without umlauts does
("german2"), "ae", "oe" and "ue" are read as "ä", "ö" and "ü" too (``_spelled_out``), so that
"Maerkte", as a keyboard without umlauts writes it, shares that stem as well. search.js's German
stemmer (assets/stem/german.js) is the same, step for step.
"""

from __future__ import annotations

import re

from sitegen.stemming import Suffixes, region_after

VOWELS = frozenset("aeiouy")
"""German vowels, folded (ä, ö and ü fold to these); a "u" or "y" between vowels is a consonant."""
S_ENDING = frozenset("bdfghklmnrt")
"""The letters before a final "s" that step 1 removes it after."""
ST_ENDING = frozenset("bdfghklmnt")
"""The letters before a final "st" that step 2 removes it after."""

STEP1 = Suffixes("em", "ern", "er", "e", "en", "es", "s")
"""Step 1: inflections removed in R1 ("s" after an ``S_ENDING`` letter)."""
STEP2 = Suffixes("en", "er", "est", "st")
"""Step 2: inflections removed in R1 ("st" after an ``ST_ENDING`` letter, itself after three more)."""
STEP3 = Suffixes("end", "ung", "ig", "ik", "isch", "lich", "heit", "keit")
"""Step 3: derivational suffixes removed in R2."""
AFTER_KEIT = Suffixes("lich", "ig")


def _marked(word: str) -> str:
    """Each "u" or "y" between vowels as a consonant (upper case), left to right."""
    letters = list(word)
    for i in range(1, len(letters) - 1):
        if letters[i] in "uy" and letters[i - 1] in VOWELS and letters[i + 1] in VOWELS:
            letters[i] = letters[i].upper()
    return "".join(letters)


SPELLED_OUT = re.compile("qu|([aou])e")
"""An umlaut written out ("ae", "oe", "ue"), but not the "ue" of "qu" followed by "e"."""


def _spelled_out(word: str) -> str:
    """A word whose umlauts are written out as "ae", "oe", "ue" as if they were written, folded
    ("Maerkte" as "markte"), after the marking: a "u" between vowels stays a consonant ("bauen")."""
    return SPELLED_OUT.sub(lambda match: match.group(1) or match.group(0), word)


def _regions(word: str) -> tuple[int, int]:
    """R1, with at least three letters before it, and R2 (after the unadjusted R1); the word's end
    for both in a word of fewer than three letters."""
    if len(word) < 3:
        return len(word), len(word)
    r1 = region_after(word, 0, VOWELS)
    return max(r1, 3), region_after(word, r1, VOWELS)


def _step1(word: str, r1: int) -> str:
    suffix = STEP1.longest(word)
    if suffix is None or len(word) - len(suffix) < r1:
        return word
    if suffix == "s":
        return word[:-1] if len(word) > 1 and word[-2] in S_ENDING else word
    word = word[: -len(suffix)]
    return word[:-1] if suffix in ("e", "en", "es") and word.endswith("niss") else word


def _step2(word: str, r1: int) -> str:
    suffix = STEP2.longest(word)
    if suffix is None or len(word) - len(suffix) < r1:
        return word
    if suffix == "st":
        return word[:-2] if len(word) >= 6 and word[-3] in ST_ENDING else word
    return word[: -len(suffix)]


def _step3(word: str, r1: int, r2: int) -> str:
    suffix = STEP3.longest(word)
    if suffix is None or len(word) - len(suffix) < r2:
        return word
    stem = word[: -len(suffix)]
    if suffix in ("ig", "ik", "isch"):
        return word if stem.endswith("e") else stem
    if suffix in ("end", "ung"):
        if stem.endswith("ig") and len(stem) - 2 >= r2 and not stem[:-2].endswith("e"):
            return stem[:-2]
        return stem
    if suffix in ("lich", "heit"):
        return stem[:-2] if stem.endswith(("er", "en")) and len(stem) - 2 >= r1 else stem
    before = AFTER_KEIT.longest(stem, r2)  # "keit"
    return stem[: -len(before)] if before is not None else stem


def german(word: str) -> str:
    """A folded German word's stem ("wirtschaftlichen", "wirtschaft" -> "wirtschaft")."""
    word = _spelled_out(_marked(word))
    r1, r2 = _regions(word)
    word = _step3(_step2(_step1(word, r1), r1), r1, r2)
    return word.replace("U", "u").replace("Y", "y")
