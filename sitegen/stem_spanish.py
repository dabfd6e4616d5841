"""Spanish words to their stems: Snowball's Spanish algorithm, read on folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/spanish/stemmer.html) reads accents:
its suffixes "ación", "logía" and "ería" are never seen on folded words, so folded words would
lose far fewer endings than Snowball takes off ("migración" would keep its ending while
"migraciones" loses it). ``spanish`` is the same algorithm with its suffixes folded, except those
that folded are word endings of their own (``VERB``, ``RESIDUAL``). search.js's Spanish stemmer
(assets/stem/spanish.js) is the same, step for step.
"""

from __future__ import annotations

from sitegen.stemming import (
    Regions,
    Standard,
    Suffixes,
    adverb,
    either,
    kept,
    region_after,
    region_rv,
    then,
)

VOWELS = frozenset("aeiou")
"""Spanish vowels, folded (á, é, í, ó, ú and ü fold to these)."""

PRONOUNS = Suffixes("selas", "selos", "sela", "selo", "las", "les", "los", "nos", "me", "se", "la", "le", "lo")
"""Step 0: pronouns attached to a verb ("dándole", "comprarlas")."""
BEFORE_PRONOUN = Suffixes("iendo", "ando", "ar", "er", "ir", "yendo")
"""Step 0: the verb endings a pronoun is removed after (in RV); "yendo" only after a "u"."""

DELETED = (
    "anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles",
    "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos",
)  # fmt: skip
AGENTS = ("adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias")
STANDARD = Standard(
    {
        **dict.fromkeys(DELETED, ("r2", "", kept)),
        **dict.fromkeys(AGENTS, ("r2", "", then("ic"))),
        **dict.fromkeys(("logia", "logias"), ("r2", "log", kept)),
        **dict.fromkeys(("ucion", "uciones"), ("r2", "u", kept)),
        **dict.fromkeys(("encia", "encias"), ("r2", "ente", kept)),
        "amente": ("r1", "", adverb("iv", "os", "ic", "ad")),
        "mente": ("r2", "", either("ante", "able", "ible")),
        **dict.fromkeys(("idad", "idades"), ("r2", "", either("abil", "ic", "iv"))),
        **dict.fromkeys(("iva", "ivo", "ivas", "ivos"), ("r2", "", then("at"))),
    }
)
"""Step 1: each suffix -> (the region it must lie in, what replaces it, what follows its removal)."""

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
    """A folded Spanish word's stem ("vacunaciones", "vacunacion", "vacunas" -> "vacun")."""
    r1 = region_after(word, 0, VOWELS)
    regions = Regions(region_rv(word, VOWELS), r1, region_after(word, r1, VOWELS))
    word = _attached_pronoun(word, regions.rv)
    standard = STANDARD.removed(word, regions)
    word = _verb_suffix(word, regions.rv) if standard is None else standard
    return _residual_suffix(word, regions.rv)
