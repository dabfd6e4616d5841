"""Finnish words to their stems: Snowball's Finnish algorithm (PyStemmer's), given folded letters.

Snowball's algorithm (https://snowballstem.org/algorithms/finnish/stemmer.html) reads "ä" and "ö"
as vowels, as "a" and "o" are, and lists each of its endings both ways ("ssa" and "ssä", "han"
and "hän", "nsa" and "nsä"), each way with the same rule ("hän" is removed after an "ä" as "han"
after an "a"). Folded, a word holds "a" and "o" where it held "ä" and "ö" and meets the same
rules, so Snowball's own stemmer is given the folded word, unchanged. Where the two part: the
tidying of the end looks for "oj", "uj" and "jo", not "öj" or "jö", so folded "tyttöjä" loses the
"j" of "tyttoj" and joins "tyttö" (Snowball parts the two). On wordfreq's 494,877 Finnish words,
99.92% of Snowball's groups keep one stem (``bench/stemming.py``). whoosh's Finnish stemmer is not
used: it departs from Snowball's on 743 of those words (it keeps the "hin" of "Bushin", and,
knowing no "hun", the "hu" of "Joensuuhun").

A word here never holds an apostrophe (the analysis splits "O'Brien" and drops a possessive), the
one character Snowball's Finnish reads besides letters. search.js's Finnish stemmer
(assets/stem/finnish.js) is the algorithm step for step, on folded letters; a test compares the
two on many words.
"""

from __future__ import annotations

from sitegen.stemming import snowball_stem


def finnish(word: str) -> str:
    """A folded Finnish word's stem."""
    return snowball_stem("finnish", word)
