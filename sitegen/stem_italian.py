"""Italian words to their stems: Snowball's Italian algorithm, read on folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/italian/stemmer.html) reads accents:
its suffixes "ità" (of "università", "libertà") and the future's "erà", "irò" ... are never seen
on folded words. ``italian`` is the same algorithm with its suffixes folded ("università" and
"universita" share a stem), except three that folded are word endings of their own (``VERB``).
search.js's Italian stemmer (assets/stem/italian.js) is the same, step for step.
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
    without,
)

VOWELS = frozenset("aeiou")
"""Italian vowels, folded (à, è, é, ì, ò and ù fold to these); a "u" after "q", and an "i" or "u"
between vowels, is a consonant."""

PRONOUNS = Suffixes(
    "gliela", "gliele", "glieli", "glielo", "gliene", "sene", "mela", "mele", "meli", "melo", "mene",
    "tela", "tele", "teli", "telo", "tene", "cela", "cele", "celi", "celo", "cene", "vela", "vele",
    "veli", "velo", "vene", "gli", "ci", "la", "le", "li", "lo", "mi", "ne", "si", "ti", "vi",
)  # fmt: skip
"""Step 0: pronouns attached to a verb ("dandogli", "mangiarlo"), removed in RV."""
GERUNDS = Suffixes("ando", "endo")
"""Step 0: the verb endings a pronoun is removed after (in RV)."""
INFINITIVES = Suffixes("ar", "er", "ir")
"""Step 0: the verb endings a pronoun is replaced by "e" after (in RV): "mangiarlo" -> "mangiare"."""


def _active(stem: str, regions: Regions) -> str:
    """After "ivo", "iva" ...: "at" removed in R2, and then "ic" before it in R2."""
    if not stem.endswith("at") or len(stem) - 2 < regions.r2:
        return stem
    return without(stem[:-2], "ic", regions.r2)


DELETED = (
    "anza", "anze", "ico", "ici", "ica", "ice", "iche", "ichi", "ismo", "ismi", "abile", "abili", "ibile",
    "ibili", "ista", "iste", "isti", "oso", "osi", "osa", "ose", "mente", "atrice", "atrici", "ante", "anti",
)  # fmt: skip
"""Step 1's suffixes removed in R2 with nothing more; Snowball's "istà", "istè" and "istì" fold to
"ista", "iste" and "isti"."""
STANDARD = Standard(
    {
        **dict.fromkeys(DELETED, ("r2", "", kept)),
        **dict.fromkeys(("azione", "azioni", "atore", "atori"), ("r2", "", then("ic"))),
        **dict.fromkeys(("logia", "logie"), ("r2", "log", kept)),
        **dict.fromkeys(("uzione", "uzioni", "usione", "usioni"), ("r2", "u", kept)),
        **dict.fromkeys(("enza", "enze"), ("r2", "ente", kept)),
        **dict.fromkeys(("amento", "amenti", "imento", "imenti"), ("rv", "", kept)),
        "amente": ("r1", "", adverb("iv", "os", "ic", "abil")),
        "ita": ("r2", "", either("abil", "ic", "iv")),
        **dict.fromkeys(("ivo", "ivi", "iva", "ive"), ("r2", "", _active)),
    }
)
"""Step 1: each suffix -> (the region it must lie in, what replaces it, what follows its removal).
Snowball's "ità" folded is "ita", which is also a verb ending (step 2's: "capita", "partita"); as
a standard suffix it comes off only in R2, and a verb's "ita" beyond R2 still comes off in step 2."""

VERB = (
    "erebbero", "irebbero", "assero", "assimo", "eranno", "erebbe", "eremmo", "ereste", "eresti",
    "essero", "iranno", "irebbe", "iremmo", "ireste", "iresti", "iscano", "iscono", "issero", "arono",
    "avamo", "avano", "avate", "eremo", "erete", "erono", "evamo", "evano", "evate", "iremo", "irete",
    "irono", "ivamo", "ivano", "ivate", "ammo", "ando", "asse", "assi", "emmo", "enda", "ende", "endi",
    "endo", "erai", "erei", "iamo", "immo", "irai", "irei", "isca", "isce", "isci", "isco", "ano", "are",
    "ata", "ate", "ati", "ato", "ava", "avi", "avo", "era", "ere", "ete", "eva", "evi", "evo", "ire",
    "ita", "ite", "iti", "ito", "iva", "ivi", "ivo", "ono", "uta", "ute", "uti", "uto", "ar", "ir",
)  # fmt: skip
"""Step 2: verb endings, removed in RV where step 1 removed nothing. Snowball's future "erà" folded
is "era" (``VERB`` holds it): "lavorerà" keeps to "lavorare", and "bandiera" to "bandiere", as
"ere" is a verb ending already. Its "erò", "irà" and "irò" are left out: folded they are endings of
other words, and as "ero", "ira" and "iro" they would take the ending off "numero", "pensiero" and
"ritiro", apart from "numeri", "pensieri" and "ritiri" (of 179 nouns and adjectives ending in "era",
"ere", "ero", "eri" in Debian's Italian word list, "ero" would part 68 more; "era" parts 2 more).
``bench/stemming.py --suffixes`` measures each. (Snowball's "Yamo" is left out too: no folded
word holds a "Y".)"""
VERBS = Suffixes(*VERB)
RESIDUAL = frozenset("aeio")
"""Step 3a: a final vowel removed in RV (Snowball's "à", "è", "ì" and "ò" fold to these), and an
"i" before it in RV."""


def _marked(word: str) -> str:
    """A "u" after "q", then each "i" or "u" between vowels, as a consonant (upper case), left to right."""
    letters = list(word)
    for i in range(1, len(letters)):
        if letters[i] == "u" and letters[i - 1] == "q":
            letters[i] = "U"
    for i in range(1, len(letters) - 1):
        if letters[i] in "iu" and letters[i - 1] in VOWELS and letters[i + 1] in VOWELS:
            letters[i] = letters[i].upper()
    return "".join(letters)


def _attached_pronoun(word: str, rv: int) -> str:
    """Step 0: a pronoun in RV after a gerund (removed) or an infinitive's "ar", "er", "ir" (as "e")."""
    pronoun = PRONOUNS.longest(word, rv)
    if pronoun is None:
        return word
    verb = word[: -len(pronoun)]
    if GERUNDS.longest(verb, rv) is not None:
        return verb
    return verb + "e" if INFINITIVES.longest(verb, rv) is not None else word


def _vowel_suffix(word: str, rv: int) -> str:
    """Step 3a, then 3b: "ch" and "gh" in RV lose their "h"."""
    if word[-1:] in RESIDUAL and len(word) - 1 >= rv:
        word = without(word[:-1], "i", rv)
    return word[:-1] if word.endswith(("ch", "gh")) and len(word) - 2 >= rv else word


def italian(word: str) -> str:
    """A folded Italian word's stem ("vaccinazioni", "vaccinazione", "vaccini" -> "vaccin")."""
    word = _marked(word)
    r1 = region_after(word, 0, VOWELS)
    regions = Regions(region_rv(word, VOWELS), r1, region_after(word, r1, VOWELS))
    word = _attached_pronoun(word, regions.rv)
    standard = STANDARD.removed(word, regions)
    if standard is None:
        verb = VERBS.longest(word, regions.rv)
        word = word[: -len(verb)] if verb is not None else word
    else:
        word = standard
    return _vowel_suffix(word, regions.rv).replace("I", "i").replace("U", "u")
