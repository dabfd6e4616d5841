"""Indonesian words to their stems: Snowball's Indonesian stemmer (PyStemmer's), as it is.

Snowball's algorithm (https://snowballstem.org/algorithms/indonesian/stemmer.html) takes off a
particle ("-kah", "-lah", "-pun"), a possessive ("-ku", "-mu", "-nya"), then a prefix ("di-",
"me-", "pe-", "ke-", "ter-" and their forms, "ber-", "per-") and a suffix ("-kan", "-an", "-i"),
each while the word keeps more than two vowels: `pekerjaan`, `bekerja` and `kerja` share `kerja`,
`kebijakan` and `bijak` `bijak`, `pendidikan` and `didik` `didik`. Indonesian is written without
accents, so folding changes nothing it reads. search.js's Indonesian stemmer
(assets/stem/indonesian.js) is the algorithm step for step; a test compares the two on many words.
"""

from __future__ import annotations

from sitegen.stemming import snowball_stem


def indonesian(word: str) -> str:
    """A folded Indonesian word's stem."""
    return snowball_stem("indonesian", word)
