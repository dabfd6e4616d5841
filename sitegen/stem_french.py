"""French words to their stems: Snowball's French algorithm, read on folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/french/stemmer.html) reads accents:
"ité" and "ière" are among its suffixes, "îmes", "é", "ée", "és" and "ât" among its verb endings.
Read on folded letters, they are folded too, except the verb endings that folded end other words
as well (``VERB_E``, ``VERB_A``): "é" folded is the "e" that ends "première", which Snowball's
last step treats apart ("premi", as "premier"). search.js's French stemmer (assets/stem/french.js) is the same,
step for step.
"""

from __future__ import annotations

from sitegen.stemming import Suffixes, region_after

VOWELS = frozenset("aeiouy")
"""French vowels, folded (â, à, ë, é, ê, è, ï, î, ô, û and ù fold to these). A "u" or "i" between
vowels, a "y" beside one and a "u" after "q" are consonants, marked in upper case (``_marked``)."""

PLAIN = ("ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes")
AGENT = ("atrice", "ateur", "ation", "atrices", "ateurs", "ations")
STEP1 = Suffixes(
    *PLAIN, *AGENT, "logie", "logies", "usion", "ution", "usions", "utions", "ence", "ences", "ement", "ements",
    "ite", "ites", "if", "ive", "ifs", "ives", "eaux", "aux", "euse", "euses", "issement", "issements",
    "amment", "emment", "ment", "ments",
)  # fmt: skip
"""Step 1: standard suffixes ("ité" as "ite")."""
I_VERB = Suffixes(
    "imes", "it", "ites", "i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait", "iras", "irent",
    "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais", "issait", "issant", "issante",
    "issantes", "issants", "isse", "issent", "isses", "issez", "issiez", "issions", "issons",
)  # fmt: skip
"""Step 2a: verb endings beginning with "i" ("îmes", "ît", "îtes" as "imes", "it", "ites"),
removed after a consonant in RV."""
VERB_E = (
    "erent", "er", "era", "erai", "eraIent", "erais", "erait", "eras", "erez", "eriez", "erions", "erons",
    "eront", "ez", "iez",
)  # fmt: skip
"""Step 2b: verb endings removed. "èrent" is "erent"; Snowball's "é", "ée", "ées" and "és" are
left out: folded, they are the endings of "première", "année" and "procès" too."""
VERB_A = (
    "ates", "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as", "asse", "assent", "asses",
    "assiez", "assions",
)  # fmt: skip
"""Step 2b: verb endings removed, and an "e" in RV before them ("âtes" as "ates"; Snowball's "ât"
and "âmes" are left out: folded, they end "climat" and "programmes" too)."""
VERB = Suffixes("ions", *VERB_E, *VERB_A)
RESIDUAL = Suffixes("ion", "ier", "iere", "Ier", "Iere", "e")
"""Step 4: residual endings in RV ("ière" as "iere"; "ë" after "gu" is an "e")."""
DOUBLED = ("enn", "onn", "ett", "ell", "eill")
"""Step 5: endings whose last letter is removed."""


def _marked(word: str) -> str:
    """A "u" or "i" between vowels, a "y" beside a vowel and a "u" after "q" in upper case (as
    consonants), left to right."""
    letters = list(word)
    for i, letter in enumerate(letters):
        before = letters[i - 1] if i else ""
        after = letters[i + 1] if i + 1 < len(letters) else ""
        if letter == "u" and before == "q":
            letters[i] = "U"
        elif letter in ("u", "i") and before in VOWELS and after in VOWELS:
            letters[i] = letter.upper()
        elif letter == "y" and (before in VOWELS or after in VOWELS):
            letters[i] = "Y"
    return "".join(letters)


def _rv(word: str) -> int:
    """Where RV begins: after the third letter when the word begins with two vowels, or with "par",
    "col" or "tap"; else after the first vowel that is not the first letter (the word's end if none)."""
    if len(word) < 2:
        return len(word)
    if word.startswith(("par", "col", "tap")) or (word[0] in VOWELS and word[1] in VOWELS):
        return min(3, len(word))
    return next((i + 1 for i in range(1, len(word)) if word[i] in VOWELS), len(word))


def _ic(stem: str, r2: int) -> str:
    """A stem ending "ic": without it in R2, else with it as "iqU"."""
    if not stem.endswith("ic"):
        return stem
    return stem[:-2] if len(stem) - 2 >= r2 else stem[:-2] + "iqU"


def _ement(stem: str, rv: int, r1: int, r2: int) -> str:
    if stem.endswith("iv"):
        if len(stem) - 2 < r2:
            return stem
        stem = stem[:-2]
        return stem[:-2] if stem.endswith("at") and len(stem) - 2 >= r2 else stem
    if stem.endswith("eus"):
        if len(stem) - 3 >= r2:
            return stem[:-3]
        return stem[:-1] + "x" if len(stem) - 3 >= r1 else stem
    if stem.endswith(("abl", "iqU")):
        return stem[:-3] if len(stem) - 3 >= r2 else stem
    if stem.endswith(("ier", "Ier")):
        return stem[:-3] + "i" if len(stem) - 3 >= rv else stem
    return stem


def _ite(stem: str, r2: int) -> str:
    if stem.endswith("abil"):
        return stem[:-4] if len(stem) - 4 >= r2 else stem[:-2] + "l"
    if stem.endswith("ic"):
        return _ic(stem, r2)
    if stem.endswith("iv"):
        return stem[:-2] if len(stem) - 2 >= r2 else stem
    return stem


def _ive(stem: str, r2: int) -> str:
    if not stem.endswith("at") or len(stem) - 2 < r2:
        return stem
    return _ic(stem[:-2], r2)


def _step1(word: str, rv: int, r1: int, r2: int) -> tuple[str, bool]:
    """Step 1: (the word, whether a suffix was removed); a word whose "ment" ending ("amment",
    "emment", "ment", "ments") was changed counts as not, so that the verb endings are looked for."""
    suffix = STEP1.longest(word)
    if suffix is None:
        return word, False
    start = len(word) - len(suffix)
    stem = word[:start]
    if suffix in ("amment", "emment"):
        return (stem + suffix[0] + "nt", False) if start >= rv else (word, False)
    if suffix in ("ment", "ments"):
        return (stem, False) if start - 1 >= rv and stem[-1] in VOWELS else (word, False)
    if suffix == "eaux":
        return word[:-1], True
    if suffix == "aux":
        return (stem + "al", True) if start >= r1 else (word, False)
    if suffix in ("euse", "euses"):
        if start >= r2:
            return stem, True
        return (stem + "eux", True) if start >= r1 else (word, False)
    if suffix in ("issement", "issements"):
        return (stem, True) if start >= r1 and stem and stem[-1] not in VOWELS else (word, False)
    if suffix in ("ement", "ements"):
        return (_ement(stem, rv, r1, r2), True) if start >= rv else (word, False)
    if start < r2:
        return word, False
    if suffix in PLAIN:
        return stem, True
    if suffix in AGENT:
        return _ic(stem, r2), True
    if suffix in ("logie", "logies"):
        return stem + "log", True
    if suffix in ("usion", "ution", "usions", "utions"):
        return stem + "u", True
    if suffix in ("ence", "ences"):
        return stem + "ent", True
    if suffix in ("ite", "ites"):
        return _ite(stem, r2), True
    return _ive(stem, r2), True  # "if", "ive", "ifs", "ives"


def _i_verb(word: str, rv: int) -> str | None:
    """Step 2a: the word without its verb ending beginning with "i", or None."""
    ending = I_VERB.longest(word, rv)
    if ending is None:
        return None
    start = len(word) - len(ending)
    return word[:start] if start - 1 >= rv and word[start - 1] not in VOWELS else None


def _verb(word: str, rv: int, r2: int) -> str | None:
    """Step 2b: the word without its other verb ending, or None."""
    ending = VERB.longest(word, rv)
    if ending is None:
        return None
    start = len(word) - len(ending)
    if ending == "ions":
        return word[:start] if start >= r2 else None
    stem = word[:start]
    if ending in VERB_A and stem.endswith("e") and len(stem) - 1 >= rv:
        return stem[:-1]
    return stem


def _residual(word: str, rv: int, r2: int) -> str:
    """Step 4: a final "s" (but after a, i, o, u or s), then a residual ending in RV."""
    if len(word) >= 2 and word[-1] == "s" and word[-2] not in "aious":
        word = word[:-1]
    ending = RESIDUAL.longest(word, rv)
    if ending is None:
        return word
    stem = word[: -len(ending)]
    if ending == "ion":
        return stem if len(stem) >= r2 and len(stem) - 1 >= rv and stem[-1] in "st" else word
    if ending == "e":
        return stem
    return stem + "i"  # "ier", "ière"


def french(word: str) -> str:
    """A folded French word's stem ("economiques", "economique" -> "econom")."""
    word = _marked(word)
    rv, r1 = _rv(word), region_after(word, 0, VOWELS)
    r2 = region_after(word, r1, VOWELS)
    word, removed = _step1(word, rv, r1, r2)
    if not removed:
        changed = _i_verb(word, rv)
        if changed is None:
            changed = _verb(word, rv, r2)
        if changed is not None:
            word, removed = changed, True
    if not removed:
        word = _residual(word, rv, r2)
    elif word.endswith("Y"):  # step 3
        word = word[:-1] + "i"
    if word.endswith(DOUBLED):
        word = word[:-1]
    return word.replace("I", "i").replace("U", "u").replace("Y", "y")
