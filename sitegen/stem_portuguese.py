"""Portuguese words to their stems: Snowball's Portuguese algorithm, read on folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/portuguese/stemmer.html) lists most of
its endings both with and without accents ("ara" and "ará", "amos" and "ámos"), and reads "ã" and
"õ" as "a~" and "o~" ("ação", "ações"). Read on folded letters ("ação" as "acao"), every suffix is
folded too. One rule is added: a word ending "-ões" is read as its singular's "-ão" first, so that
"migrações" and "migração" share a stem (Snowball's keep "migraçõ" and "migraçã" apart).
search.js's Portuguese stemmer (assets/stem/portuguese.js) is the same, step for step.
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
"""Portuguese vowels, folded (á, é, í, ó, ú, â, ê, ô, ã and õ fold to these)."""


def _ira(stem: str, regions: Regions) -> str | None:
    """ "ira", "iras" after an "e": "ir"."""
    return stem + "ir" if stem.endswith("e") else None


DELETED = (
    "eza", "ezas", "ico", "ica", "icos", "icas", "ismo", "ismos", "avel", "ivel", "ista", "istas", "oso",
    "osa", "osos", "osas", "amento", "amentos", "imento", "imentos", "adora", "ador", "acao", "adoras",
    "adores", "acoes", "ante", "antes", "ancia",
)  # fmt: skip
STANDARD = Standard(
    {
        **dict.fromkeys(DELETED, ("r2", "", kept)),
        **dict.fromkeys(("logia", "logias"), ("r2", "log", kept)),
        **dict.fromkeys(("ucao", "ucoes"), ("r2", "u", kept)),
        **dict.fromkeys(("encia", "encias"), ("r2", "ente", kept)),
        "amente": ("r1", "", adverb("iv", "os", "ic", "ad")),
        "mente": ("r2", "", either("ante", "avel", "ivel")),
        **dict.fromkeys(("idade", "idades"), ("r2", "", either("abil", "ic", "iv"))),
        **dict.fromkeys(("iva", "ivo", "ivas", "ivos"), ("r2", "", then("at"))),
        **dict.fromkeys(("ira", "iras"), ("rv", "", _ira)),
    }
)
"""Step 1: each suffix -> (the region it must lie in, what replaces it, what follows its removal)."""

VERB = Suffixes(
    "ada", "ida", "ia", "aria", "eria", "iria", "ara", "era", "ira", "ava", "asse", "esse", "isse", "aste",
    "este", "iste", "ei", "arei", "erei", "irei", "am", "iam", "ariam", "eriam", "iriam", "aram", "eram",
    "iram", "avam", "em", "arem", "erem", "irem", "assem", "essem", "issem", "ado", "ido", "ando", "endo",
    "indo", "arao", "erao", "irao", "ar", "er", "ir", "as", "adas", "idas", "ias", "arias", "erias",
    "irias", "aras", "eras", "iras", "avas", "es", "ardes", "erdes", "irdes", "ares", "eres", "ires",
    "asses", "esses", "isses", "astes", "estes", "istes", "is", "ais", "eis", "ieis", "arieis", "erieis",
    "irieis", "areis", "ereis", "ireis", "asseis", "esseis", "isseis", "aveis", "ados", "idos", "amos",
    "iamos", "ariamos", "eriamos", "iriamos", "aramos", "eramos", "iramos", "avamos", "emos", "aremos",
    "eremos", "iremos", "assemos", "essemos", "issemos", "imos", "armos", "ermos", "irmos", "eu", "iu", "ou",
)  # fmt: skip
"""Step 2: verb endings removed in RV, Snowball's accented ones folded ("ará" is "ara", "arão"
"arao"). Left out, any of those new when folded would part more of Snowball's groups of words
than it now merges (``bench/stemming.py``)."""
RESIDUAL = Suffixes("os", "a", "i", "o")
"""Step 4: endings removed in RV ("á", "í", "ó" folded)."""


def _verb_suffix(word: str, rv: int) -> str | None:
    """Step 2: the word without its verb ending in RV, or None."""
    ending = VERB.longest(word, rv)
    return None if ending is None else word[: -len(ending)]


def _residual_form(word: str, rv: int) -> str:
    """Step 5: a final "e" in RV, and the "u" of "gu" or the "i" of "ci" before it, in RV."""
    if not word.endswith("e") or len(word) - 1 < rv:
        return word
    word = word[:-1]
    if (word.endswith("gu") or word.endswith("ci")) and len(word) - 1 >= rv:
        return word[:-1]
    return word


def portuguese(word: str) -> str:
    """A folded Portuguese word's stem ("economicas", "economia" -> "econom")."""
    if word.endswith("oes") and len(word) > 3:  # "-ões" as its singular's "-ão"
        word = word[:-3] + "ao"
    r1 = region_after(word, 0, VOWELS)
    regions = Regions(region_rv(word, VOWELS), r1, region_after(word, r1, VOWELS))
    rv = regions.rv
    changed = STANDARD.removed(word, regions)
    if changed is None:
        changed = _verb_suffix(word, rv)
    if changed is not None:  # step 3
        word = changed[:-1] if changed.endswith("ci") and len(changed) - 1 >= rv else changed
    else:  # step 4
        ending = RESIDUAL.longest(word)
        if ending is not None and len(word) - len(ending) >= rv:
            word = word[: -len(ending)]
    return _residual_form(word, rv)
