"""Russian words to their stems: Snowball's Russian algorithm, read on folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/russian/stemmer.html) reads "ё" as "е"
(its prelude), and the analysis folds "ё" to "е" too (it keeps "й", a letter of its own); so a
folded word is stemmed as Snowball stems the word. search.js's Russian stemmer
(assets/stem/russian.js) is the same, step for step.
"""

from __future__ import annotations

from sitegen.stemming import Suffixes, region_after

VOWELS = frozenset("аеиоуыэюя")
AFTER_A = frozenset("ая")
"""The letters a first group's ending must follow (in RV), and stays after."""

GERUND_A = Suffixes("в", "вши", "вшись")
GERUND = Suffixes("ив", "ивши", "ившись", "ыв", "ывши", "ывшись")
ADJECTIVE = Suffixes(
    "ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого",
    "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею",
)  # fmt: skip
PARTICIPLE_A = Suffixes("ем", "нн", "вш", "ющ", "щ")
PARTICIPLE = Suffixes("ивш", "ывш", "ующ")
REFLEXIVE = Suffixes("ся", "сь")
VERB_A = Suffixes(
    "ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно",
)  # fmt: skip
VERB = Suffixes(
    "ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен",
    "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю",
)  # fmt: skip
NOUN = Suffixes(
    "а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й",
    "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия",
    "ья", "я",
)  # fmt: skip
SUPERLATIVE = Suffixes("ейш", "ейше")
DERIVATIONAL = Suffixes("ост", "ость")


def _grouped(word: str, rv: int, after_a: Suffixes, other: Suffixes) -> str | None:
    """The word without the longest ending of the two groups in RV, a first group's only after "а"
    or "я" (in RV); None if the longest fails so, or none is found."""
    first, second = after_a.longest(word, rv), other.longest(word, rv)
    if first is not None and (second is None or len(first) > len(second)):
        stem = word[: -len(first)]
        return stem if stem[-1:] in AFTER_A and len(stem) - 1 >= rv else None
    return word[: -len(second)] if second is not None else None


def _adjectival(word: str, rv: int) -> str | None:
    """An adjective's ending, and a participle's before it, if any."""
    ending = ADJECTIVE.longest(word, rv)
    if ending is None:
        return None
    word = word[: -len(ending)]
    participle = _grouped(word, rv, PARTICIPLE_A, PARTICIPLE)
    return word if participle is None else participle


def _step1(word: str, rv: int) -> str:
    gerund = _grouped(word, rv, GERUND_A, GERUND)
    if gerund is not None:
        return gerund
    reflexive = REFLEXIVE.longest(word, rv)
    if reflexive is not None:
        word = word[: -len(reflexive)]
    for ending in (_adjectival(word, rv), _grouped(word, rv, VERB_A, VERB)):
        if ending is not None:
            return ending
    noun = NOUN.longest(word, rv)
    return word[: -len(noun)] if noun is not None else word


def russian(word: str) -> str:
    """A folded Russian word's stem ("экономисты", "экономистов" -> "экономист")."""
    word = word.replace("ё", "е")
    rv = next((i + 1 for i, letter in enumerate(word) if letter in VOWELS), len(word))
    r1 = region_after(word, 0, VOWELS)
    r2 = region_after(word, r1, VOWELS)
    word = _step1(word, rv)
    if word.endswith("и") and len(word) - 1 >= rv:
        word = word[:-1]
    derivational = DERIVATIONAL.longest(word, max(r2, rv))
    if derivational is not None:
        word = word[: -len(derivational)]
    if word.endswith("нн") and len(word) - 2 >= rv:
        return word[:-1]
    superlative = SUPERLATIVE.longest(word, rv)
    if superlative is not None:
        word = word[: -len(superlative)]
        return word[:-1] if word.endswith("нн") and len(word) - 2 >= rv else word
    return word[:-1] if word.endswith("ь") and len(word) - 1 >= rv else word
