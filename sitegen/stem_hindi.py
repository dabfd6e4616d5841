"""Hindi words to their stems: Snowball's Hindi stemmer (PyStemmer's), as it is.

Snowball's algorithm (https://snowballstem.org/algorithms/hindi/stemmer.html, a light stemmer)
removes the longest of 132 suffixes, vowel signs and endings of nouns and verbs, after the word's
first letter; twelve of them ("-ता", "-ना", "-कर" ...) only after a consonant. `किसानों` finds
`किसान`, `चुनाव` `चुनावों`, `बच्चे` `बच्चों`. The analysis keeps Devanagari's vowel signs and
virama; it folds a nukta away, the chandrabindu and a nasal before a consonant into the anusvara
(``search.DEVANAGARI_FOLDED``, ``search.NASAL_HALF``), and the stemmer reads the word so folded.
Its suffixes are listed with the chandrabindu and with the anusvara alike ("-ियाँ", "-ियां") and
hold no nukta nor a nasal before a consonant, so the folding leaves each suffix it looks for as
listed.
search.js's Hindi stemmer (assets/stem/hindi.js) is the algorithm step for step; a test compares
the two on many words.
"""

from __future__ import annotations

from sitegen.stemming import snowball_stem


def hindi(word: str) -> str:
    """A folded Hindi word's stem."""
    return snowball_stem("hindi", word)
