"""How words are stemmed: `python -m bench.stemming [--language L] [--words FILE] [--runs N] [--suffixes]`.

Reads a word list of the language (Debian's: ``wspanish``'s /usr/share/dict/spanish, ``wngerman``'s
/usr/share/dict/ngerman, ``wfrench``'s /usr/share/dict/french, ``wportuguese``'s, ``witalian``'s,
``wdutch``'s, ``wswedish``'s, ``wdanish``'s, ``wnorwegian``'s /usr/share/dict/bokmaal; one word a
line). Russian has no such list in Debian: hunspell-ru's, every form written out by
hunspell-tools' ``unmunch /usr/share/hunspell/ru_RU.dic /usr/share/hunspell/ru_RU.aff``, saved as
/usr/share/dict/russian or given with ``--words``. Finnish has none either: wordfreq's (PyPI), its
500,000 commonest Finnish words written out by ``python -c "import wordfreq;
print('\\n'.join(wordfreq.top_n_list('fi', 500000)))"`` (in a virtualenv of its own: wordfreq is
no dependency of sitegen's), given with ``--words``; English's and Indonesian's likewise
(``top_n_list('en', 300000)``, ``top_n_list('id', 500000)``, their words of letters a to z). For
Spanish, each word's plural is added (an "s" after a vowel, else "es"), as a profile's text has
both; the other lists hold their inflected forms.
Snowball's own stemmer of the language (whoosh's; Finnish's, English's and Indonesian's
PyStemmer's, which sitegen's is; given each word with its accents, its stem folded) makes the
groups of words to compare with. For three ways to stem a word whose analysis folds (lower case,
accents off), prints:

- groups kept: of Snowball's groups of two words or more, the share whose words all get one stem;
- stems merging groups: stems shared by words of two of Snowball's groups or more;
- typed unaccented: of the words with an accent, the share a query typed without its accents
  finds (the query's stem is the word's);
- the median time to stem every word, of ``--runs`` runs.

The three: sitegen's stemmer (``stem_spanish.spanish``, ``stem_german.german``,
``stem_french.french`` ..., for Dutch whoosh's own) on the folded word; Snowball on the folded
word (the analysis's order, whoosh's stemmer); Snowball on the word, then folded (a query typed
without accents is stemmed as typed). For Finnish and English a fourth: whoosh's port of Snowball's
Finnish, whoosh's Porter2, on the folded word (``OTHERS``), which sitegen's replaced.

With ``--suffixes`` (Spanish, French, Italian): for each accented verb ending of Snowball's that
folded is left out (``LEFT_OUT``), how many groups it parts and merges when added to sitegen's
stemmer alone, against without it: the evidence for ``stem_spanish.VERB``'s,
``stem_french.VERB_E``'s and ``VERB_A``'s, and ``stem_italian.VERB``'s choices.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from unittest import mock

import Stemmer
from whoosh.lang.porter2 import stem as whoosh_porter2
from whoosh.lang.snowball.danish import DanishStemmer
from whoosh.lang.snowball.dutch import DutchStemmer
from whoosh.lang.snowball.finnish import FinnishStemmer
from whoosh.lang.snowball.french import FrenchStemmer
from whoosh.lang.snowball.german import GermanStemmer
from whoosh.lang.snowball.italian import ItalianStemmer
from whoosh.lang.snowball.norwegian import NorwegianStemmer
from whoosh.lang.snowball.portugese import PortugueseStemmer
from whoosh.lang.snowball.russian import RussianStemmer
from whoosh.lang.snowball.spanish import SpanishStemmer
from whoosh.lang.snowball.swedish import SwedishStemmer

from sitegen import stem_french, stem_italian, stem_spanish
from sitegen.search import STEMS
from sitegen.search import folded_value as fold
from sitegen.stem_danish import danish
from sitegen.stem_english import english
from sitegen.stem_finnish import finnish
from sitegen.stem_german import german
from sitegen.stem_indonesian import indonesian
from sitegen.stem_norwegian import norwegian
from sitegen.stem_portuguese import portuguese
from sitegen.stem_russian import russian
from sitegen.stem_swedish import swedish
from sitegen.stemming import Suffixes

LANGUAGES: dict[str, tuple[Callable[[str], str], Callable[[str], str], Path, bool]] = {
    "spanish": (stem_spanish.spanish, SpanishStemmer().stem, Path("/usr/share/dict/spanish"), True),
    "german": (german, GermanStemmer().stem, Path("/usr/share/dict/ngerman"), False),
    "french": (stem_french.french, FrenchStemmer().stem, Path("/usr/share/dict/french"), False),
    "portuguese": (portuguese, PortugueseStemmer().stem, Path("/usr/share/dict/portuguese"), False),
    "italian": (stem_italian.italian, ItalianStemmer().stem, Path("/usr/share/dict/italian"), False),
    "dutch": (STEMS["dutch"], DutchStemmer().stem, Path("/usr/share/dict/dutch"), False),
    "swedish": (swedish, SwedishStemmer().stem, Path("/usr/share/dict/swedish"), False),
    "danish": (danish, DanishStemmer().stem, Path("/usr/share/dict/danish"), False),
    "norwegian": (norwegian, NorwegianStemmer().stem, Path("/usr/share/dict/bokmaal"), False),
    "russian": (russian, RussianStemmer().stem, Path("/usr/share/dict/russian"), False),
    "finnish": (finnish, Stemmer.Stemmer("finnish").stemWord, Path("/usr/share/dict/finnish"), False),
    "english": (english, Stemmer.Stemmer("english").stemWord, Path("/usr/share/dict/english"), False),
    "indonesian": (indonesian, Stemmer.Stemmer("indonesian").stemWord, Path("/usr/share/dict/indonesian"), False),
}
"""language -> (sitegen's stemmer, Snowball's, its word list, whether to add plurals)"""
OTHERS: dict[str, tuple[str, Callable[[str], str]]] = {
    "finnish": ("whoosh's Snowball port, folded word", FinnishStemmer().stem),
    "english": ("whoosh's Porter2, folded word", whoosh_porter2),
}
"""A language's other stemmer to measure, on the folded word: whoosh's, which sitegen's is not."""


def _spanish_with(ending: str) -> AbstractContextManager[object]:
    return mock.patch.object(stem_spanish, "VERBS", Suffixes(*stem_spanish.GU_VERB, *stem_spanish.VERB, ending))


def _french_with(ending: str) -> AbstractContextManager[object]:
    verbs = (*stem_french.VERB_E, ending) if ending[0] == "e" else stem_french.VERB_E
    more = (*stem_french.VERB_A, ending) if ending[0] == "a" else stem_french.VERB_A
    return mock.patch.multiple(stem_french, VERB_E=verbs, VERB_A=more, VERB=Suffixes("ions", *verbs, *more))


def _italian_with(ending: str) -> AbstractContextManager[object]:
    return mock.patch.object(stem_italian, "VERBS", Suffixes(*stem_italian.VERB, ending))


LEFT_OUT: dict[str, tuple[tuple[str, ...], Callable[[str], AbstractContextManager[object]]]] = {
    "spanish": (
        (
            "ia", "ias", "ian", "aria", "arias", "eria", "erias", "iria", "irias", "era", "eras", "ira", "iras",
            "are", "ere", "ire", "io", "is", "ais", "aramos", "asemos",
        ),
        _spanish_with,
    ),
    "french": (("e", "ee", "ees", "es", "ames", "at"), _french_with),
    "italian": (("ero", "ira", "iro"), _italian_with),
}  # fmt: skip
"""Snowball's accented verb endings that, folded, sitegen's stemmer leaves out, and how to add one."""


def words_of(path: Path, plurals: bool) -> list[str]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # Debian's Swedish and Norwegian lists are in ISO 8859-1
        text = data.decode("latin-1")
    listed = {line.strip().lower() for line in text.splitlines()}
    words = {word for word in listed if word.isalpha()}
    if plurals:
        words |= {word + ("s" if word[-1] in "aeiouáéó" else "es") for word in words if len(word) > 3}
    return sorted(words)


def figures(groups: Sequence[str], stemmed: Sequence[str]) -> tuple[int, int, int]:
    """(Snowball's groups of two or more, those parted, stems merging groups)."""
    by_group: dict[str, set[str]] = {}
    by_stem: dict[str, set[str]] = {}
    sizes: dict[str, int] = {}
    for group, stem in zip(groups, stemmed, strict=True):
        by_group.setdefault(group, set()).add(stem)
        by_stem.setdefault(stem, set()).add(group)
        sizes[group] = sizes.get(group, 0) + 1
    several = [group for group, size in sizes.items() if size > 1]
    parted = sum(1 for group in several if len(by_group[group]) > 1)
    return len(several), parted, sum(1 for held in by_stem.values() if len(held) > 1)


def timed(stem: Callable[[str], str], words: Sequence[str], runs: int) -> tuple[list[str], float]:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        stemmed = [stem(word) for word in words]
        seconds.append(time.perf_counter() - start)
    return stemmed, statistics.median(seconds)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--language", choices=sorted(LANGUAGES), default="spanish")
    parser.add_argument("--words", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--suffixes", action="store_true")
    args = parser.parse_args(argv)
    ours, snowball, listed, plurals = LANGUAGES[args.language]
    path = args.words or listed
    if not path.is_file():
        print(f"no word list at {path} (see this module's docstring), or give one with --words", file=sys.stderr)
        return 2
    words = words_of(path, plurals)
    folded = [fold(word) for word in words]
    groups = [fold(snowball(word)) for word in words]
    accented = [n for n, word in enumerate(words) if folded[n] != word]
    print(f"{len(words):,} words ({len(accented):,} with an accent); Snowball's groups from its own stemmer")
    ways: list[tuple[str, Callable[[str], str], Sequence[str]]] = [
        (f"sitegen's {args.language}, folded word", ours, folded),
        ("Snowball, folded word", snowball, folded),
        ("Snowball, then folded", lambda word: fold(snowball(word)), words),
    ]
    if args.language in OTHERS:
        ways.append((*OTHERS[args.language], folded))
    for name, stem, given in ways:
        stemmed, seconds = timed(stem, given, args.runs)
        several, parted, merged = figures(groups, stemmed)
        typed = [stem(folded[n]) if given is words else stemmed[n] for n in accented]
        found = sum(1 for n, query in zip(accented, typed, strict=True) if fold(query) == fold(stemmed[n]))
        print(
            f"{name:36} groups kept {100 * (1 - parted / several):.2f}% ({several - parted:,} of {several:,}), "
            f"stems merging groups {merged:,}, typed unaccented {100 * found / max(len(accented), 1):.1f}%, "
            f"{seconds:.2f} s ({1e6 * seconds / len(words):.1f} µs a word)"
        )
    if args.suffixes and args.language in LEFT_OUT:
        endings, added = LEFT_OUT[args.language]
        base = figures(groups, [ours(word) for word in folded])
        for ending in endings:
            with added(ending):
                _, parted, merged = figures(groups, [ours(word) for word in folded])
            print(f"  with {ending!r:10} parted {parted - base[1]:+,}, merged {merged - base[2]:+,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
