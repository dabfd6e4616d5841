"""English words to their stems: Snowball's English stemmer (Porter2 as Snowball 3 has it), PyStemmer's.

whoosh's Porter2 (``whoosh.lang.porter2``, which sitegen stemmed English with until its index
format 21) is the algorithm as first published. Snowball has since mended what it joined that
no reader would: it begins R1 after "inter", "organ", "univers", "emerg", "later" and "past" as
after "gener", so that `international` no longer stems as `internal` and `intern` do, nor
`organization` as `organ` and `organic`, `university` as `universal`, `lateral` as `later`,
`paste` as `past`, `emergency` as `emerging`; it stems "-ogist" as "-ogy" (`epidemiologist` and
`epidemiology`, `climatologists` and `climatology`); it keeps the double letter of a short word
before "-ed" or "-ing" (`added` and `add`, not `ad`) and turns "-ying" after one consonant into
"-ie" (`vying`, `vie`). On wordfreq's 271,525 commonest English words the two differ on 309
(BENCHMARKS.md). search.js's stemmer is the same algorithm, step for step (a test compares the
two on many words).
"""

from __future__ import annotations

from sitegen.stemming import snowball_stem


def english(word: str) -> str:
    """A folded English word's stem."""
    return snowball_stem("english", word)
