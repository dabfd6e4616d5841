"""Spanish words to their stems: Snowball's Spanish algorithm, read on folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/spanish/stemmer.html) reads accents:
its suffixes "ación", "logía" and "ería" are never seen on folded words, so folded words would
lose far fewer endings than Snowball takes off ("migración" would keep its ending while
"migraciones" loses it). ``spanish`` is the same algorithm with its suffixes folded, except those
that folded are word endings of their own (``VERB``, ``RESIDUAL``). search.js's Spanish stemmer
(assets/stem/spanish.js) is the same, step for step.
"""

from __future__ import annotations

from collections.abc import Callable

from sitegen.stemming import Suffixes, region_after, region_rv

VOWELS = frozenset("aeiou")
"""Spanish vowels, folded (á, é, í, ó, ú and ü fold to these)."""


PRONOUNS = Suffixes("selas", "selos", "sela", "selo", "las", "les", "los", "nos", "me", "se", "la", "le", "lo")
"""Step 0: pronouns attached to a verb ("dándole", "comprarlas")."""
BEFORE_PRONOUN = Suffixes("iendo", "ando", "ar", "er", "ir", "yendo")
"""Step 0: the verb endings a pronoun is removed after (in RV); "yendo" only after a "u"."""

Action = Callable[[str, int, int], str]
"""A step-1 suffix's rule: (the word without the suffix, R1's start, R2's start) -> the word."""


def _ends_in(word: str, suffix: str, start: int) -> bool:
    """The word ends in ``suffix`` and the suffix lies in the region that begins at ``start``."""
    return word.endswith(suffix) and len(word) - len(suffix) >= start


def _without(word: str, suffix: str, start: int) -> str:
    """``word`` without a trailing ``suffix`` if the suffix lies in the region from ``start``."""
    return word[: -len(suffix)] if _ends_in(word, suffix, start) else word


def _then_ic(word: str, r1: int, r2: int) -> str:
    return _without(word, "ic", r2)


def _then_at(word: str, r1: int, r2: int) -> str:
    return _without(word, "at", r2)


def _adverb(word: str, r1: int, r2: int) -> str:
    """After "amente": "iv" (and "at" before it), or "os", "ic", "ad", in R2."""
    before = AFTER_ADVERB.longest(word)
    if before is None or len(word) - len(before) < r2:
        return word
    word = word[: -len(before)]
    return _without(word, "at", r2) if before == "iv" else word


def _either(*suffixes: str) -> Action:
    """After the suffix: the longest of ``suffixes`` removed if it lies in R2."""
    found = Suffixes(*suffixes)

    def rule(word: str, r1: int, r2: int) -> str:
        before = found.longest(word)
        return word[: -len(before)] if before is not None and len(word) - len(before) >= r2 else word

    return rule


def _kept(word: str, r1: int, r2: int) -> str:
    return word


AFTER_ADVERB = Suffixes("iv", "os", "ic", "ad")


DELETED = (
    "anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles",
    "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos",
)  # fmt: skip
AGENTS = ("adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias")
STANDARD: dict[str, tuple[str, str, Action]] = {
    **dict.fromkeys(DELETED, ("r2", "", _kept)),
    **dict.fromkeys(AGENTS, ("r2", "", _then_ic)),
    **dict.fromkeys(("logia", "logias"), ("r2", "log", _kept)),
    **dict.fromkeys(("ucion", "uciones"), ("r2", "u", _kept)),
    **dict.fromkeys(("encia", "encias"), ("r2", "ente", _kept)),
    "amente": ("r1", "", _adverb),
    "mente": ("r2", "", _either("ante", "able", "ible")),
    **dict.fromkeys(("idad", "idades"), ("r2", "", _either("abil", "ic", "iv"))),
    **dict.fromkeys(("iva", "ivo", "ivas", "ivos"), ("r2", "", _then_at)),
}
"""Step 1: each suffix -> (the region it must lie in, what replaces it, what is removed after it)."""
STANDARD_SUFFIXES = Suffixes(*STANDARD)

Y_VERB = Suffixes("ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes", "yais", "yamos")
"""Step 2a: verb endings beginning with "y", removed (in RV) after a "u"."""
GU_VERB = ("en", "es", "eis", "emos")
"""Step 2b: verb endings that take the "u" of a "gu" before them with them."""
VERB = (
    "arian", "aran", "aras", "ariais", "areis", "ariamos", "aremos", "ara",
    "erian", "eran", "eriais", "ereis", "eriamos", "eremos",
    "irian", "iriais", "ireis", "iriamos", "iremos",
    "aba", "ada", "ida", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban", "ieran",
    "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "ar", "er", "ir", "as", "abas",
    "adas", "idas", "ieras", "ases", "ieses", "abais", "iais", "arais", "ierais", "aseis", "ieseis",
    "asteis", "isteis", "ados", "idos", "amos", "abamos", "iamos", "imos", "ieramos", "iesemos",
)  # fmt: skip
"""Step 2b: the other verb endings, removed (in RV). Folded, some of Snowball's accented ones are
endings of other words, and are left out: "ía", "ías", "ían", "aría", "arías", "ería", "erías",
"iría", "irías", "erá", "erás", "irá", "irás", "aré", "eré", "iré", "ió", "ís", "áis", "áramos",
"ásemos" (as "ia", "arias", "era", "io", "is" ... they would take the ending off "historia",
"secretarias", "soltera", "negocio" and "crisis", apart from "historias", "secretario", "soltero",
"negocios" and "crises"). ``bench/stemming.py`` chose them: each one left in parts more of
Snowball's groups of words than it keeps together."""
VERBS = Suffixes(*GU_VERB, *VERB)
RESIDUAL = Suffixes("os", "a", "o", "e")
"""Step 3: endings removed (in RV); after "e", the "u" of a "gu" before it too. Snowball's "í" is
left out: as "i" it would take the ending off "taxi" and "Haití"."""


def _attached_pronoun(word: str, rv: int) -> str:
    pronoun = PRONOUNS.longest(word)
    if pronoun is None:
        return word
    verb = word[: -len(pronoun)]
    ending = BEFORE_PRONOUN.longest(verb)
    if ending is None or len(verb) - len(ending) < rv or (ending == "yendo" and not verb[: -len(ending)].endswith("u")):
        return word
    return verb


def _standard_suffix(word: str, r1: int, r2: int) -> str | None:
    """Step 1: the word without its standard suffix, or None if it has none (in its region)."""
    suffix = STANDARD_SUFFIXES.longest(word)
    if suffix is None:
        return None
    region, replacement, after = STANDARD[suffix]
    if len(word) - len(suffix) < (r1 if region == "r1" else r2):
        return None
    return after(word[: -len(suffix)], r1, r2) + replacement


def _verb_suffix(word: str, rv: int) -> str:
    """Steps 2a and 2b: a "y" verb ending after "u", else any other verb ending, in RV."""
    ending = Y_VERB.longest(word, rv)
    if ending is not None and word[: -len(ending)].endswith("u"):
        return word[: -len(ending)]
    ending = VERBS.longest(word, rv)
    if ending is None:
        return word
    word = word[: -len(ending)]
    return word[:-1] if ending in GU_VERB and word.endswith("gu") else word


def _residual_suffix(word: str, rv: int) -> str:
    ending = RESIDUAL.longest(word)
    if ending is None or len(word) - len(ending) < rv:
        return word
    word = word[: -len(ending)]
    return word[:-1] if ending == "e" and word.endswith("gu") and len(word) - 1 >= rv else word


def spanish(word: str) -> str:
    """A folded Spanish word's stem ("migraciones", "migracion" -> "migr")."""
    rv, r1 = region_rv(word, VOWELS), region_after(word, 0, VOWELS)
    r2 = region_after(word, r1, VOWELS)
    word = _attached_pronoun(word, rv)
    standard = _standard_suffix(word, r1, r2)
    word = _verb_suffix(word, rv) if standard is None else standard
    return _residual_suffix(word, rv)
