"""Search: with whoosh_segment, which writes its index, the only module that imports whoosh.

The index is built fresh in memory (``RamStorage``) from the site model, never
opened from disk, so nothing a repository or cache could supply is ever
unpickled.  Queries are planned as explicit term lists (stem, stem family,
and prefix completions of the last word), so that the same plan can later be
replayed from exported per-term scores; whoosh's own BM25F scorer ranks them.

whoosh3 is used rather than PyPI's Whoosh 2.7.4 (2016): 2.7.4 raises eight
invalid-escape warnings when compiled on Python 3.11 (SyntaxWarnings from
3.12), whoosh3 none, with the same API.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter, _count_elements  # type: ignore[attr-defined]  # C-coded Counter.update
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, Sequence, ValuesView
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from whoosh import highlight
from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, Token
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.lang.snowball.dutch import DutchStemmer
from whoosh.scoring import BM25F, bm25
from whoosh.support.charset import accent_map

from sitegen import urls
from sitegen.chinese import simplified_characters
from sitegen.markdown import markdown_text
from sitegen.memory import collector_paused, give_back
from sitegen.parallel import PARALLEL_MIN, can_fork, stopped_on_failure, temporary_folder
from sitegen.present import country_endonyms, country_name, language_autonym, language_name
from sitegen.problems import BuildError
from sitegen.spawned import Spawned
from sitegen.spelling import American
from sitegen.stem_danish import danish
from sitegen.stem_english import english
from sitegen.stem_finnish import finnish
from sitegen.stem_french import french
from sitegen.stem_german import german
from sitegen.stem_hindi import hindi
from sitegen.stem_indonesian import indonesian
from sitegen.stem_italian import italian
from sitegen.stem_norwegian import norwegian
from sitegen.stem_portuguese import portuguese
from sitegen.stem_russian import russian
from sitegen.stem_spanish import spanish
from sitegen.stem_swedish import swedish
from sitegen.stemming import ENGLISH, stemmer_of
from sitegen.whoosh_segment import PositionedStorage, stored_length, write_segment

if TYPE_CHECKING:  # annotations only: the index's other processes import this module, not the site model's
    from sitegen.collate import ExpertEntry, SiteModel
    from sitegen.config import SiteConfig, Topic


def _mark_ranges() -> str:
    """Unicode's combining marks (category M: Devanagari's vowel signs and virama, Tamil's pulli,
    Arabic's harakat, Hebrew's points) as ranges for a character class, read off this Python's
    Unicode data; planes 0, 1 and 14 are the only ones that hold marks."""
    marks = [
        code
        for code in itertools.chain(range(0x20000), range(0xE0000, 0xE1000))
        if unicodedata.category(chr(code))[0] == "M"
    ]
    runs = [
        [code for _, code in run] for _, run in itertools.groupby(enumerate(marks), key=lambda pair: pair[1] - pair[0])
    ]
    return "".join(f"\\U{run[0]:08x}-\\U{run[-1]:08x}" for run in runs)


JOINERS = "\u200c\u200d"
"""The zero-width non-joiner and joiner, which Persian and Indic words hold inside them (the only
invisible characters a profile may hold: ``textrules``): part of their word, and dropped when it
is folded, so that "می‌خواهم" and "میخواهم" are one word."""
EXTEND = f"(?=[^\\x00-\\x7f])[{_mark_ranges()}{JOINERS}]"
"""A character that continues the word before it without starting one (Unicode's word rules,
UAX #29: its Extend and Format characters): a combining mark or a joiner. The lookahead only lets
ASCII text skip the long class (a fifth of the time of finding the words of English text)."""
WORD = re.compile(rf"[^\W\d_](?:\.[^\W\d_])+\.?(?!\w|{EXTEND})|\w+(?:{EXTEND}+\w*)*(?:['’][sS](?!\w|{EXTEND}))?")
"""A word: a run of letters, digits and underscores (``\\w``), with the marks and joiners inside it
(``EXTEND``: "हिन्दी" is one word, not "ह", "न" and "द"), and with its English possessive
("women's"), or single letters joined by dots ("U.S.", "e.g."). ``_Bare`` leaves the possessive out
("women") and makes the letters one word ("US"): a journalist types "U.S. elections" and means what
"US elections" finds, and "women's health" (or "women’s", as phones write it) what "women health"
does, not every profile with an "'s". The tokenizer's own pattern: a text's tokens are exactly
these matches, here and in search.js."""


CJK = (
    "\u1100-\u11ff\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3041-\u3096\u309d-\u309f"
    "\u30a1-\u30fa\u30fc-\u30ff\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7a3\ud7b0-\ud7ff\uf900-\ufaff\uff66-\uff9d\uffa0-\uffdc\U00020000-\U0003ffff"
)
"""Chinese, Japanese and Korean letters (Han, kana, Hangul; search.js spells out the same
ranges): written without spaces between words, so that "気候変動の研究" would be one word, found
only by its beginning. A run of them is read as its overlapping pairs of letters ("気候", "候変",
"変動", ...), as Lucene's CJK analysis does (``bigrammed``): a query's pairs are in a profile's text
where its letters are, so "変動" finds "気候変動の研究" and "研究" too. Half-width katakana's voiced
sound marks are not letters but marks of the letter before them (KANA_MARKS)."""
SOUTHEAST_ASIAN = (
    "\u0e01-\u0e30\u0e32-\u0e33\u0e40-\u0e46\u0e81-\u0e82\u0e84\u0e86-\u0e8a\u0e8c-\u0ea3\u0ea5"
    "\u0ea7-\u0eb0\u0eb2-\u0eb3\u0ebd\u0ec0-\u0ec4\u0ec6\u0edc-\u0edf\u1000-\u102a\u103f\u1050-\u1055"
    "\u105a-\u105d\u1061\u1065-\u1066\u106e-\u1070\u1075-\u1081\u108e\u1780-\u17b3\u17d7\u17dc"
)
"""Thai, Lao, Myanmar and Khmer letters (their blocks' categories Lo and Lm; search.js spells out
the same): these scripts too are written without spaces between words ("การเปลี่ยนแปลงสภาพภูมิอากาศ",
climate change, is one run), so a run of them is read in pairs as CJK's is. Their vowel signs and
tone marks (SOUTHEAST_ASIAN_MARKS) belong to the letter before them: a pair is of two letters with
their marks ("ภูมิ"), never a letter cut from its mark. A dictionary would cut words better, but
the browser's (ICU's, in Intl.Segmenter) and this Python's would not cut alike."""
SOUTHEAST_ASIAN_MARKS = (
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ece\u102b-\u103e\u1056-\u1059"
    "\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d\u17b4-\u17d3\u17dd"
)
"""The combining marks of SOUTHEAST_ASIAN's blocks (categories Mn and Mc; U+0ECE, Lao's yamakkan,
since Unicode 15)."""
KANA_MARKS = "\u3099\u309a\uff9e\uff9f"
"""Kana's voiced and semi-voiced sound marks, combining and half-width: "ｶﾞ", half-width "ガ", is one
letter (folded as "ガ" is: ``KANA_FOLDED``)."""
UNSPACED_MARKS = SOUTHEAST_ASIAN_MARKS + KANA_MARKS
UNSPACED_LETTER = f"[{CJK}{SOUTHEAST_ASIAN}][{UNSPACED_MARKS}]*"
"""A letter of a script written without spaces, with the marks it carries: what is read in pairs."""
LETTER = re.compile(UNSPACED_LETTER)
MARK = re.compile(f"[{UNSPACED_MARKS}]")
"""A mark a letter read in pairs carries (``letters_of``)."""
UNSPACED_RUN = re.compile(f"[{CJK}{SOUTHEAST_ASIAN}][{CJK}{SOUTHEAST_ASIAN}{UNSPACED_MARKS}]*")
"""A run of such letters with their marks (a letter, then letters or marks: a third of the time
of ``(?:UNSPACED_LETTER)+`` on text without any)."""
UNSPACED_FIRST = SOUTHEAST_ASIAN[0]
"""The lowest such letter: a word before it in code point order starts with none."""


def unspaced_led(word: str) -> bool:
    """Whether a word starts with a letter of a script written without spaces: a pair of them, or
    one alone (``bigrammed``). Compared with UNSPACED_FIRST first, as most words start before it."""
    return word >= UNSPACED_FIRST and UNSPACED_RUN.match(word) is not None


def one_letter(word: str) -> bool:
    """Whether a word is one letter of a script written without spaces, with its marks ("王", "ภู")."""
    return word >= UNSPACED_FIRST and LETTER.fullmatch(word) is not None


def completed(surface: str, last: bool) -> bool:
    """Whether a query word also stands for the terms it begins: the last word, while it is being
    typed, from its second letter; and a CJK or Thai letter alone (``one_letter``), wherever it is,
    for the pairs it starts ("王" in "王 经济"), as a letter inside a run is a word only in a pair."""
    return (last and len(surface) >= 2) or one_letter(surface)


def letters_of(run: str) -> Sequence[str]:
    """A run's letters (``UNSPACED_RUN``), each with its marks: the run itself where it has no marks
    (CJK's never has)."""
    return LETTER.findall(run) if MARK.search(run) else run


def _paired(run: re.Match[str]) -> str:
    letters = letters_of(run.group())
    if len(letters) == 1:
        return f" {run.group()} "
    return " " + " ".join(letters[at] + letters[at + 1] for at in range(len(letters) - 1)) + " "


def bigrammed(text: str) -> str:
    """A text with each run of CJK (or Thai, Lao, Myanmar, Khmer) letters made its overlapping
    pairs, as words apart ("AI気候変動" -> "AI 気候 候変 変動 "; "ภูมิอากาศ" -> "ภูมิ มิอ อา าก กา าศ");
    a run of one letter stays one word. What every analysis here tokenizes: a profile's, a
    query's (search.js's ``bigrammed`` too)."""
    return text if text.isascii() else UNSPACED_RUN.sub(_paired, text)


def unspaced_masked(text: str) -> str:
    """A text with its letters read in pairs (CJK, Thai ...: ``UNSPACED_RUN``) and their marks made
    NULs, one for one: its other words where they were (for marking them in a snippet), never
    joined across a run (``_neighbours``)."""
    return text if text.isascii() else UNSPACED_RUN.sub(lambda run: "\0" * len(run.group()), text)


class _Bare(Filter):  # type: ignore[misc]  # whoosh is untyped here
    """A word without its possessive ("women's" -> "women") and a dotted abbreviation's letters
    as one word ("U.S." -> "US"); its place in the text kept, so that a snippet marks "U.S." and
    "women's" whole."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for token in tokens:
            if "." in token.text:
                token.text = token.text.replace(".", "")
            elif "'" in token.text or "’" in token.text:
                token.text = token.text[:-2]
            yield token


_PART = rf"[^\W\d_]+(?:{EXTEND}+[^\W\d_]*)*"
HYPHENATED = re.compile(rf"(?<![\w'’.\-‐])(?<!{EXTEND}){_PART}(?:[\-‐]{_PART})+(?![\w'’\-‐]|{EXTEND})")
"""Words joined by hyphens ("well-being", "e-mail", "Al-Ahmad"): a profile's are indexed as their
parts and as one word ("wellbeing", ``_Compounds``), so that "wellbeing" finds "well-being" as
"well being" does (a query's words typed apart find the word they make: ``SearchIndex.joined``)."""


class _Compounds(RegexTokenizer):  # type: ignore[misc]  # whoosh is untyped here
    """A text's ``WORD`` tokens, then each ``HYPHENATED`` compound's as one word (for the index
    only: a query's "well-being" is "well" and "being"). Hyphens between the letters go; the
    other filters fold as for any word."""

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        value = bigrammed(value)
        yield from super().__call__(value, **kwargs)
        if kwargs.get("tokenize", True) and ("-" in value or "‐" in value):
            for match in HYPHENATED.finditer(value):
                yield from super().__call__(_joined_compound(match.group()), **kwargs)


def _joined_compound(compound: str) -> str:
    return compound.replace("-", "").replace("‐", "")


ARABIC_FOLDED: dict[int, str] = {
    **dict.fromkeys(map(ord, "\u0622\u0623\u0625\u0671"), "\u0627"),  # alef with madda, hamza, wasla: alef
    **dict.fromkeys(map(ord, "\u0649\u06cc\u06d2"), "\u064a"),  # alef maksura, Farsi yeh, yeh barree: yeh
    ord("\u06a9"): "\u0643",  # keheh (Persian kaf): kaf
    **dict.fromkeys(map(ord, "\u0629\u06c0\u06c1"), "\u0647"),  # teh marbuta, heh with yeh, heh goal: heh
    **dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640], ""),  # harakat, hamza marks, dagger alef; tatweel
    **{0x0660 + n: str(n) for n in range(10)},  # Arabic-Indic digits
    **{0x06F0 + n: str(n) for n in range(10)},  # Persian and Urdu digits
}
"""Arabic-script spellings that differ in writing, not in the word (what Lucene's Arabic and Persian
normalisation folds): a hamza on or under alef, usually left out when typing ("احمد" for
"أحمد"), the short vowels and shadda, written in careful text only ("مُحَمَّد" is "محمد"), the
tatweel that stretches a word ("عـــلي"), teh marbuta and heh, alef maksura and yeh, which are
often written alike, Persian's yeh and kaf beside Arabic's (as a Persian or an Arabic keyboard
types them), and the Arabic-script digits beside 0–9."""
GREEK_FOLDED: dict[int, str] = {
    **{
        code: unicodedata.normalize("NFD", chr(code))[0]
        for code in range(0x0390, 0x03D0)
        if chr(code).islower() and len(unicodedata.normalize("NFD", chr(code))) > 1
    },
    ord("ς"): "σ",
}
"""Greek letters without their tonos and dialytika ("Ελένη" is "Ελενη", as capitals are written
without them: "ΕΛΕΝΗ"), and the final sigma as any sigma, so that a word being typed finds the
word it ends (what Lucene's Greek lower-casing does)."""
OTHER_FOLDED: dict[int, str] = {
    ord("ß"): "ss",  # "Straße" is "Strasse" (whoosh's map has "s"), as Swiss German always writes it
    ord("ё"): "е",  # Russian's ё, mostly written е
    0x0307: "",  # the dot above that "İ" keeps when lower-cased ("i̇stanbul"): "İstanbul" is "Istanbul"
    **{code: "" for code in range(0x0591, 0x05C8) if unicodedata.category(chr(code)) == "Mn"},  # Hebrew points
}
"""Single letters and marks that one word is written with or without: German's sharp s, Russian's
ё, Turkish's dotted capital I, Hebrew's vowel points and cantillation (written in careful or
sacred text only: "שָׁלוֹם" is "שלום")."""
DEVANAGARI_FOLDED: dict[int, str] = {
    0x093C: "",  # the nukta: "क़ानून" is "कानून", "ज़िंदगी" "जिंदगी", as often written without it
    **dict(zip((0x0929, 0x0931, 0x0934), "\u0928\u0930\u0933", strict=True)),  # a letter with its nukta, as one
    **dict(zip(range(0x0958, 0x0960), "\u0915\u0916\u0917\u091c\u0921\u0922\u092b\u092f", strict=True)),
    0x0901: "\u0902",  # the chandrabindu as the anusvara: "आँख" is "आंख"
}
"""Devanagari's letters written with a nukta or without, and its two nasal marks, as one (what
Lucene's Hindi normalizer does): a journalist types "कानून" for a profile's "क़ानून" (law). Most
keyboards and much print leave the nukta out and write the anusvara for the chandrabindu."""
NASAL_HALF = re.compile("[\u0919\u091e\u0923\u0928\u092e]\u094d(?=[\u0915-\u0939])")
"""A nasal consonant without its vowel (a virama after it) before a consonant: the anusvara's
sound, and as often written with it ("हिन्दी" and "हिंदी", "सम्बन्ध" and "संबंध"; Hindi's
standard spelling prefers the anusvara), so folded into it (``nasals_folded``)."""


def nasals_folded(text: str) -> str:
    """``text`` with each of NASAL_HALF as the anusvara (search.js's ``fold`` does the same)."""
    return NASAL_HALF.sub("\u0902", text) if "\u094d" in text else text


CHINESE_FOLDED = simplified_characters()
"""Chinese's traditional characters as the simplified ones (``chinese``): "經濟" is "经济"."""
KANA = ((0x3040, 0x30FF), (0xFF61, 0xFF9F))
"""Hiragana, katakana and half-width katakana: folded by their compatibility decomposition
(``kana_folded``), which search.js works out itself."""


def kana_folded(letter: str) -> str:
    """A kana of KANA as folding makes it: its compatibility decomposition (NFKD)."""
    return unicodedata.normalize("NFKD", letter)


KANA_FOLDED: dict[int, str] = {
    **{
        code: folded
        for low, high in KANA
        for code in range(low, high + 1)
        if (folded := kana_folded(chr(code))) != chr(code)
    },
    0x309B: "\u3099",  # the spacing voiced sound marks as the combining ones, not a space and one
    0x309C: "\u309a",
}
"""Half-width katakana as the full-width ("ｶﾀｶﾅ" is "カタカナ", as Lucene's CJK width folding
does), and a kana with a voiced sound mark as the kana and the mark ("ガ" is "カ" and U+3099, as
half-width "ｶﾞ" is): the forms older systems and some keyboards write find each other."""
FOLDED_CHARACTERS: dict[int, str] = {
    **accent_map,
    **dict.fromkeys(map(ord, JOINERS), ""),
    **ARABIC_FOLDED,
    **GREEK_FOLDED,
    **OTHER_FOLDED,
    **DEVANAGARI_FOLDED,
    **KANA_FOLDED,
    **CHINESE_FOLDED,
}
"""What folding replaces: whoosh's accent map ("é": "e"), the joiners, dropped, and each script's
other spellings of one word (ARABIC_FOLDED, GREEK_FOLDED, OTHER_FOLDED, DEVANAGARI_FOLDED,
KANA_FOLDED, CHINESE_FOLDED); then a Devanagari nasal before a consonant as the anusvara
(``nasals_folded``)."""


def folded_value(text: str) -> str:
    """A filter's value as typed or named, folded as the search page folds a link's value and its
    options' names (search.js's ``fold`` of the whole text, ``readUrl``): lower case, then
    FOLDED_CHARACTERS; spaces as one. So ``sitegen search --language العربيه`` chooses Arabic by
    its own name, as the index finds "العربية" in a profile."""
    return " ".join(nasals_folded(text.lower().translate(FOLDED_CHARACTERS)).split())


class _Nasals(Filter):  # type: ignore[misc]  # whoosh is untyped here
    """Each word's Devanagari nasals before a consonant as the anusvara (``nasals_folded``)."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = nasals_folded(token.text)
            yield token


def _folding(tokenizer: RegexTokenizer) -> Any:
    """A tokenizer's words folded as every analysis here folds them (a query's, a profile's, a
    snippet's): without possessive or dots, lower case, whoosh's accent map."""
    return tokenizer | _Bare() | LowercaseFilter() | CharsetFilter(FOLDED_CHARACTERS) | _Nasals()


class _Words(RegexTokenizer):  # type: ignore[misc]  # whoosh is untyped here
    """A text's ``WORD`` tokens, its CJK, Thai ... letters in pairs (``bigrammed``)."""

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        yield from super().__call__(bigrammed(value), **kwargs)


FOLD = _folding(_Words(WORD))
INDEX_FOLD = _folding(_Compounds(WORD))
STEMS: dict[str, Callable[[str], str]] = {
    ENGLISH: American(english),
    "spanish": spanish,
    "german": german,
    "french": french,
    "portuguese": portuguese,
    "italian": italian,
    "dutch": DutchStemmer().stem,
    "swedish": swedish,
    "danish": danish,
    "norwegian": norwegian,
    "russian": russian,
    "finnish": finnish,
    "indonesian": indonesian,
    "hindi": hindi,
}
"""Each stemmer by name (``stemming.stemmer_of`` chooses a site's): Snowball's English (Porter2 as
Snowball 3 has it, PyStemmer's: ``stem_english``), British spellings' stems read as American
ones' (``spelling``); Snowball's Spanish, German, French, Portuguese,
Italian, Swedish, Danish, Norwegian and Russian read on folded letters (``stem_spanish``,
``stem_german`` ... ``stem_russian``); whoosh's Snowball Dutch, which takes the accents off itself,
so that a folded word is stemmed as the word is (but for "è", which it keeps and the analysis
folds); Snowball's Finnish as it is (PyStemmer's: ``stem_finnish``), whose rules read "ä" and
"ö" as they read "a" and "o"; and Snowball's Indonesian and Hindi as they are (``stem_indonesian``,
``stem_hindi``)."""


@cache
def analyzer(stemmer: str) -> Any:
    """A query's analysis: its words folded (``FOLD``), then stemmed by the site's ``stemmer``."""
    return FOLD | StemFilter(stemfn=STEMS[stemmer], cachesize=50000)


@cache
def indexed(stemmer: str) -> Any:
    """The index's analysis of a profile's text: ``analyzer``'s, with hyphenated compounds joined too."""
    return INDEX_FOLD | StemFilter(stemfn=STEMS[stemmer], cachesize=50000)


FIELD_BOOSTS: dict[str, float] = {
    "name": 5.0,
    "topics": 3.0,
    "keywords": 3.0,
    "headline": 2.0,
    "title": 1.5,
    "languages": 1.5,
    "place": 1.5,
    "affiliation": 1.0,
    "department": 1.0,
    "formats": 1.0,
    "bio": 1.0,
    "availability": 0.5,
}
FACETS = ("topic", "language", "country", "format", "available")
SCORE_DECIMALS = 3
"""Each term's score is kept to this many decimals, here and in the browser's index (a third of
its bytes at nine); experts whose sums then tie are ranked A–Z, everywhere alike."""
MAX_EXPANSION = 40
FAMILY_MIN = 6
FAMILY_GAP = 3
JOINED_MIN = 5
"""Two words typed side by side also stand for the word they make together ("cyber security"
finds "cybersecurity", "heat wave" "heatwave"), when that is at least this long (not "in to")."""
JOIN_PART_MIN = 3
"""Two words a profile writes side by side ("heat waves") are also indexed as the word they make
("heatwaves") when a profile writes that word whole and each part is at least this long ("a broad"
is not "abroad", nor "on line" "online"): a query's "heatwaves" finds "heat waves" as "heat waves"
finds "heatwaves" (``corpus_joins``, ``joined_words``)."""
GAP = re.compile(r"[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
"""What may stand between two words that join: spaces only (search.js spells out the same ones)."""
Joins = Mapping[tuple[str, str], str]
"""(folded first word, folded second word) -> the stem of the word they make (``corpus_joins``)"""


def _schema(stemmer: str) -> Schema:
    # No positions: nothing here queries phrases, and positions triple the writer's work.
    fields = {
        name: TEXT(analyzer=indexed(stemmer), phrase=False, field_boost=boost) for name, boost in FIELD_BOOSTS.items()
    }
    facets = {name: KEYWORD(commas=True, lowercase=False) for name in FACETS}
    return Schema(slug=ID(stored=True, unique=True), **fields, **facets)


def _each_once(names: Iterable[str]) -> list[str]:
    """Names in order, one given twice in any case given once: each repeat would weigh the field's
    term frequency (English's own name is "English")."""
    once: dict[str, str] = {}
    for name in names:
        once.setdefault(name.casefold(), name)
    return list(once.values())


def language_words(tags: Iterable[str], site_language: str) -> list[str]:
    """The languages field's text: each tag, its name in the site's language and its own name
    ("es Spanish español"), so that a journalist of Spanish-language media finds the experts who
    speak it by typing "español" on an English site; each name once."""
    return _each_once(word for tag in tags for word in (tag, language_name(tag, site_language), language_autonym(tag)))


def country_words(code: str, site_language: str) -> list[str]:
    """The place field's words for a country: its code, its name in the site's language, in
    English and as its people name it ("CH Switzerland Schweiz Schwiiz Suisse"), so that a
    journalist in Geneva finds the experts based in Switzerland by typing "Suisse"; each name once."""
    return _each_once((code, country_name(code, site_language), country_name(code, "en"), *country_endonyms(code)))


def _document(entry: ExpertEntry, site: SiteModel, topics: Mapping[str, Topic] | None = None) -> dict[str, str]:
    """An expert's fields as the index holds them; ``topics`` (every topic by id) saves looking parents up."""
    e = entry.expert
    language = site.config.site.language
    topic_names = [t.name for t in entry.topics]
    if topics is None:
        topics = {t.id: t for t in site.config.topics}
    parents = [topics.get(t.parent) for t in entry.topics if t.parent]
    topic_ids = sorted({t.id for t in entry.topics} | {p.id for p in parents if p})
    location = e.location
    place = []
    if location:
        place = [location.city or "", location.region or ""]
        if location.country:
            place += country_words(location.country, language)
    tags = set(e.languages) | {tag.split("-")[0] for tag in e.languages}
    formats = list(e.media.formats) if e.media else []
    status = e.availability.status if e.availability else "available"
    text = {
        "name": f"{e.name} {e.sort_name or ''}",
        "topics": " ".join([*topic_ids, *topic_names, *(p.name for p in parents if p)]),
        "keywords": " ".join(e.keywords),
        "headline": e.headline,
        "title": e.title,
        "languages": " ".join(language_words(e.languages, language)),
        "place": " ".join(place),
        "affiliation": entry.affiliation,
        "department": e.department or "",
        "formats": " ".join(formats),
        "bio": e.bio,
        "availability": status,
    }
    facets = {
        "topic": ",".join(topic_ids),
        "language": ",".join(sorted(tags)),
        "country": location.country if location and location.country else "",
        "format": ",".join(formats),
        "available": "yes" if status != "unavailable" else "no",
    }
    return {"slug": entry.slug, **text, **facets}


@dataclass(frozen=True)
class DocumentTerms:
    """One expert as the index sees it: each field's terms counted, lengths, words, facet values."""

    counts: dict[str, dict[str, int]]
    """field -> term -> frequency"""
    lengths: dict[str, int]
    """field -> number of terms"""
    words: frozenset[str]
    """the folded, unstemmed words of every field (for "did you mean")"""
    plain: dict[str, str]
    """the slug and the facets, which whoosh analyses itself"""


def document_terms(entry: ExpertEntry, site: SiteModel, analysis: Analysis) -> DocumentTerms:
    """What the index holds for one expert: its fields analysed and counted, as whoosh would."""
    return _terms(_document(entry, site, analysis.topics(site.config)), analysis)


def _terms(document: dict[str, str], analysis: Analysis) -> DocumentTerms:
    """``document_terms`` of an expert's fields as the index holds them (``_document``)."""
    counts: dict[str, dict[str, int]] = {}
    lengths: dict[str, int] = {}
    seen: set[str] = set()
    for name in FIELD_BOOSTS:
        counts[name], lengths[name], words = analysis.field(name, document.pop(name))
        seen |= words
    return DocumentTerms(counts, lengths, frozenset(seen), document)


class _Frequencies:
    """The two numbers whoosh's idf asks a searcher for: a term's document frequency, and the count."""

    def __init__(self, frequency: int, documents: int) -> None:
        self.frequency = frequency
        self.documents = documents

    def get_parent(self) -> _Frequencies:
        return self

    def doc_frequency(self, fieldname: str, text: str) -> int:
        return self.frequency

    def doc_count_all(self) -> int:
        return self.documents


WEIGHTING = BM25F()
"""whoosh's default weighting (what ``Index.searcher()`` scores with): its B, K1 and idf."""


@dataclass(frozen=True)
class ScoreBasis:
    """The collection statistics every score of an index is made from (whoosh's BM25F).

    Kept after a build so the preview can score an edited expert against them at once,
    before the full rebuild scores everyone against the new statistics.
    """

    documents: int
    averages: dict[str, float]
    """field -> average length, as whoosh computes it"""
    frequencies: dict[str, dict[str, int]]
    """field -> term -> documents holding the term in that field"""
    joins: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)
    """the pairs of words that join (``corpus_joins``), which an edited expert is analysed with"""
    stemmer: str = ENGLISH
    """the stemmer every word of the index was analysed with (``STEMS``): a query's words are too"""

    def idf(self, field: str, term: str, frequency: int) -> float:
        """whoosh's idf of a term found in ``frequency`` documents' ``field``."""
        return float(WEIGHTING.idf(_Frequencies(frequency, self.documents), field, term))

    def parameters(self, field: str) -> tuple[float, float, float, float]:
        """A field's boost, average length, B and K1: what its BM25F score needs besides the term's."""
        return FIELD_BOOSTS[field], self.averages[field], WEIGHTING._field_B.get(field, WEIGHTING.B), WEIGHTING.K1


def rounded(score: float) -> float:
    """A score as the index keeps it: to SCORE_DECIMALS decimals."""
    return round(score, SCORE_DECIMALS)


def document_scores(terms: DocumentTerms, basis: ScoreBasis, frequency: Callable[[str, str], int]) -> dict[str, float]:
    """One document's score for each of its terms against ``basis``, ``frequency(field, term)`` giving
    each term's document frequency: the same floats, added in the same order, as ``SearchIndex``."""
    scores: dict[str, float] = {}
    for field in FIELD_BOOSTS:
        factor = _Factors(basis, field)
        length = stored_length(terms.lengths[field])
        for term, count in sorted(terms.counts[field].items()):
            idf = basis.idf(field, term, frequency(field, term))
            scores[term] = scores.get(term, 0.0) + idf * factor(count, length)
    return {term: rounded(score) for term, score in sorted(scores.items())}


def _field_factors(basis: ScoreBasis, field: str, lengths: list[int]) -> tuple[_Factors, list[int], list[float]]:
    """A field's BM25F factors, each document's stored length, and each document's factor for a term
    found once in the field (most terms are)."""
    factor = _Factors(basis, field)
    stored = [stored_length(length) for length in lengths]
    return factor, stored, [factor(1, length) for length in stored]


class _Factors:
    """whoosh's BM25F score of a term in one field is ``idf * factor``, the factor depending only on the
    term's frequency in the document and the field's stored length: each factor is computed once.

    ``bm25`` is ``idf * (tf * (K1 + 1)) / (...)``, so ``idf * bm25(1.0, ...)`` is the very same float
    (multiplying by 1.0 is exact); a test compares every score with whoosh's own matcher's.
    """

    def __init__(self, basis: ScoreBasis, field: str) -> None:
        self.boost, self.average, self.b, self.k1 = basis.parameters(field)
        self.known: dict[tuple[int, int], float] = {}

    def __call__(self, frequency: int, length: int) -> float:
        key = (frequency, length)
        factor = self.known.get(key)
        if factor is None:
            weight = float(frequency) * self.boost  # the posting's weight, as whoosh indexed it
            factor = self.known[key] = bm25(1.0, weight, length, self.average, self.b, self.k1)
        return factor


@dataclass(frozen=True)
class Filters:
    topic: str | None = None
    language: str | None = None
    country: str | None = None
    format: str | None = None
    available: bool = False


NO_FILTERS = Filters()


@dataclass(frozen=True)
class Hit:
    slug: str
    name: str
    title: str
    topics: tuple[str, ...]
    url: str
    score: float
    snippet: str
    country: str | None
    """ISO 3166 code, as ``--country`` takes it."""
    formats: tuple[str, ...]
    """Media formats, as ``--format`` takes them, in that order."""


@dataclass(frozen=True)
class Results:
    query: str
    filters: Filters
    hits: tuple[Hit, ...]
    total: int
    suggestions: dict[str, str]
    """each folded word the index does not know -> the nearest it does"""
    left_out: tuple[str, ...] = ()
    """the words, as typed, that no profile holds, left out of a query whose other words match, then
    the words to leave out that find no one"""
    partial: bool = False
    """True where no expert matches every word, and the results match some (``SearchIndex.ranking``)"""
    instead: str | None = None
    """the corrected query whose results these are, where no word of the query is in any profile"""
    excluded: tuple[str, ...] = ()
    """the words, as typed, whose experts are left out ("-policy": ``apart``), where they find any"""
    unfiltered: int | None = None
    """where filters are chosen, how many experts the query finds without them (None without
    filters): a search that finds no one in Kenya says how many it finds anywhere"""

    @property
    def corrected(self) -> str | None:
        """The query as "did you mean" offers it, or None without suggestions or where the results
        are already the corrected query's (``instead``)."""
        return corrected(self.query, self.suggestions) if self.suggestions and self.instead is None else None


def apart(text: str) -> tuple[str, tuple[str, ...]]:
    """A query's words to find, and those whose experts are left out: a word right after a hyphen
    that starts the query or follows a space ("climate -policy", "-US"). The text searched for is
    the query with each such word and its hyphen made a space; the words are as typed. A hyphen
    inside a word ("x-ray", "COVID-19") leaves nothing out. search.js reads a query the same way."""
    wanted: list[str] = []
    excluded: list[str] = []
    at = 0
    for match in WORD.finditer(text):
        start = match.start()
        if text[start - 1 : start] == "-" and (start == 1 or GAP.fullmatch(text, start - 2, start - 1)):
            wanted += [text[at : start - 1], " "]
            excluded.append(match.group())
            at = match.end()
    return "".join(wanted) + text[at:], tuple(excluded)


def corrected(text: str, suggestions: Mapping[str, str]) -> str:
    """The query with each word the index does not know replaced by its suggestion, the rest as
    typed ("Migración Chile" -> "migration Chile"): words are matched whole and folded as the
    index folds them (the search page's "Did you mean" does the same)."""

    pieces: list[str] = []
    at = 0
    for word in WORD.finditer(unspaced_masked(text)):  # a word beside letters read in pairs without them ("AIの")
        known = word.group()
        pieces += [text[at : word.start()], suggestions.get("".join(token.text for token in FOLD(known)), known)]
        at = word.end()
    return ("".join(pieces) + text[at:]).strip()


class _Snippet(RegexTokenizer):  # type: ignore[misc]  # whoosh is untyped here
    """A text's tokens for marking the terms ``matched``: ``WORD``'s, but a ``HYPHENATED``
    compound whose whole word was matched as one token over it, and so are two words that join
    (``joined_words``) into a matched word, so that "sealevel" marks "sea-level" whole and
    "heatwaves" "heat waves" (as the search page does)."""

    def __init__(self, matched: frozenset[str], stemmer: str) -> None:
        super().__init__(WORD)
        self.matched = matched
        self.stemmer = stemmer

    def _whole(self, word: str) -> bool:
        return not self.matched.isdisjoint(analyse(word, self.stemmer)[0])  # its fold or stem

    def _pairs(self, value: str) -> Iterator[tuple[int, int, str]]:
        """Each run of letters read in pairs' stretches of matched pairs (``bigrammed``), one piece
        each (its text a pair matched, so it is marked whole: "気候変動" for "気候" and "候変" and
        "変動"), and its other letters one piece each, never matched (a run of one letter: the
        letter). A letter is one with its marks (``LETTER``)."""
        for run in UNSPACED_RUN.finditer(value):
            letters = letters_of(run.group())
            if len(letters) == 1:
                yield run.start(), run.end(), run.group()
                continue
            starts = list(itertools.accumulate((len(letter) for letter in letters), initial=run.start()))
            pairs = [self._whole(letters[at] + letters[at + 1]) for at in range(len(letters) - 1)]  # folded
            # A letter is in a matched pair starting with it or with the letter before.
            covered = [any(pairs[max(0, at - 1) : at + 1]) for at in range(len(letters))]
            at = 0
            while at < len(letters):
                if not covered[at]:
                    yield starts[at], starts[at + 1], "\0"  # context only: NUL is no term
                    at += 1
                    continue
                end = at
                while end < len(letters) and covered[end]:
                    end += 1
                first = next(pair for pair in range(at, end - 1) if pairs[pair])
                yield starts[at], starts[end], letters[first] + letters[first + 1]
                at = end

    def __call__(
        self, value: str, positions: bool = False, chars: bool = False, start_char: int = 0, **kwargs: Any
    ) -> Iterator[Token]:
        value, unspaced = unspaced_masked(value), value  # the other words where they are, none across a run
        wholes = [
            (match.start(), match.end(), _joined_compound(match.group()))
            for match in HYPHENATED.finditer(value)
            if self._whole(_joined_compound(match.group()))
        ]
        for one, other in _neighbours(value):
            start, end = one.start(), other.end()
            # Not over a mark already made: "sea-level rise", or "marine heat waves" once "heat waves" is one.
            clear = all(end <= at or start >= after for at, after, _ in wholes)
            first, second = analyse(one.group(), self.stemmer)[0][0], analyse(other.group(), self.stemmer)[0][0]
            if clear and min(len(first), len(second)) >= JOIN_PART_MIN and self._whole(first + second):
                wholes.append((start, end, one.group() + other.group()))
        pieces = list(wholes)
        for word in WORD.finditer(value):
            if not any(start <= word.start() and word.end() <= end for start, end, _ in wholes):
                pieces.append((word.start(), word.end(), word.group()))
        if value is not unspaced:
            pieces += self._pairs(unspaced)
        token = Token(positions, chars, **kwargs)
        for position, (start, end, text) in enumerate(sorted(pieces)):
            token.text = token.original = text
            token.boost = 1.0
            token.stopped = False
            token.pos = position
            token.startchar, token.endchar = start_char + start, start_char + end
            yield token


class _Marks(highlight.Formatter):  # type: ignore[misc]  # whoosh is untyped here
    """Wrap matched words in ** for terminals and JSON."""

    between = " … "

    def format_token(self, text: str, token: object, replace: bool = False) -> str:
        return f"**{highlight.get_text(text, token, replace)}**"


def analyse(text: str, stemmer: str = ENGLISH) -> list[tuple[str, str]]:
    """(folded surface, stem) for each word of a text, as an index stemmed by ``stemmer`` analyses it."""
    stem = STEMS[stemmer]
    return [(token.text, stem(token.text)) for token in FOLD(text)]


class _Stems(dict[str, str]):
    """A word as matched by ``WORD`` -> its stem, analysed when first asked for (filling ``folded`` too)."""

    def __init__(self, folded: dict[str, str], stemmer: str) -> None:
        super().__init__()
        self.folded = folded
        self.stemmer = stemmer

    def __missing__(self, raw: str) -> str:
        folded, stemmed = analyse(raw, self.stemmer)[0]
        self.folded[raw] = folded
        self[raw] = stemmed
        return stemmed


class _Folded(dict[str, str]):
    """A word as matched by ``WORD`` -> its folded surface, analysed when first asked for."""

    def __init__(self, stemmer: str) -> None:
        super().__init__()
        self.stems = _Stems(self, stemmer)

    def __missing__(self, raw: str) -> str:
        self.stems.__missing__(raw)  # analyses the word into both tables
        return self[raw]


SHARED_FIELDS = frozenset({"title", "languages", "place", "affiliation", "department", "formats", "availability"})
"""Fields whose texts repeat from expert to expert (a city, a title, a list of languages): each
distinct text is analysed and counted once."""

FieldTerms = tuple[dict[str, int], int, set[str]]
"""A field's text as the index holds it: each term's frequency, the number of terms, the folded words."""


class Analysis:
    """whoosh's analysis of texts, run once per distinct word.

    Every filter of ``analyzer`` works on one token at a time, so a text's terms are
    its ``WORD`` matches analysed one by one; remembering each word's result
    saves re-running the filter chain on Zipf-distributed bios (a test checks the
    equivalence on every text of the sample).  The words are looked up in two tables
    that analyse a word when it is missing, so a known word costs one lookup in C; a
    text of a field whose texts repeat (``SHARED_FIELDS``) is counted once.  Each
    configuration's topics are looked up by id from a table made once (every expert
    names its topics' parents).  With ``joins`` (the index's, once its words are known), the
    words that neighbouring words make are counted too (``joined_words``). Words are stemmed by
    ``stemmer`` (``STEMS``), the index's.
    """

    def __init__(self, joins: Joins | None = None, stemmer: str = ENGLISH) -> None:
        self.folded = _Folded(stemmer)
        self.stems = self.folded.stems
        self.joins = joins or {}
        """the pairs of words that join (``corpus_joins``): none while the index's words are not yet
        known; a build adds the joined words after (``_with_joins``)"""
        self.shared: dict[tuple[str, str], FieldTerms] = {}
        self._topics: dict[int, tuple[SiteConfig, dict[str, Topic]]] = {}

    def field(self, name: str, text: str) -> FieldTerms:
        """A field's text analysed: each stem's frequency, the number of words, the folded words
        (shared between equal texts of a ``SHARED_FIELDS`` field: callers must not change them)."""
        shared = name in SHARED_FIELDS
        known = self.shared.get((name, text)) if shared else None
        if known is None:
            words = bigrammed(text)
            raws = WORD.findall(words)
            if "-" in words or "‐" in words:
                raws += [_joined_compound(compound) for compound in HYPHENATED.findall(words)]
            counts: dict[str, int] = {}
            _count_elements(counts, map(self.stems.__getitem__, raws))
            joined = joined_words(words, self.joins, self.folded) if self.joins else []
            _count_elements(counts, joined)
            known = (counts, len(raws) + len(joined), set(map(self.folded.__getitem__, raws)))
            if shared:
                self.shared[(name, text)] = known
        return known

    def topics(self, config: SiteConfig) -> dict[str, Topic]:
        """Every topic of ``config`` by id (made once per configuration: experts look their parents up)."""
        known = self._topics.get(id(config))
        if known is None or known[0] is not config:
            known = self._topics[id(config)] = (config, {t.id: t for t in config.topics})
        return known[1]


def corpus_joins(surface: Iterable[str], stems: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """The pairs of words that join (``JOIN_PART_MIN``), with the stem of the word they make: each
    way to cut a folded word of the index (``surface``) into one of its words and a rest, the rest
    as any of its words with the rest's stem that makes the same stem ("heatwaves": "heat waves"
    and "heat wave"); ``stems``: folded word -> stem, the index's (``Analysis.stems``, which stems
    any word asked for). Only such a pair can be written apart in one profile and whole in another."""
    words = {word for word in surface if len(word) >= JOIN_PART_MIN and word.isalpha()}
    by_stem: dict[str, list[str]] = {}
    for word in sorted(words):
        by_stem.setdefault(stems[word], []).append(word)
    joins: dict[tuple[str, str], str] = {}
    for whole in sorted(words):
        for first, rest in _cuts(whole):
            if first in words:
                joined = stems[whole]
                for second in by_stem.get(stems[rest], ()):
                    if second == rest or stems[first + second] == joined:
                        joins[(first, second)] = joined
    return joins


def _cuts(word: str) -> Iterator[tuple[str, str]]:
    """Each way to cut a word into two parts of at least JOIN_PART_MIN characters, shortest first part first."""
    for cut in range(JOIN_PART_MIN, len(word) - JOIN_PART_MIN + 1):
        yield word[:cut], word[cut:]


def _neighbours(text: str) -> Iterator[tuple[re.Match[str], re.Match[str]]]:
    """Each two neighbouring ``WORD`` tokens of a text that may join: letters only, with only
    spaces between (``GAP``); what the index joins (``joined_words``) and a snippet marks as one."""
    before: re.Match[str] | None = None
    for match in WORD.finditer(text):
        if not match.group().isalpha():
            before = None
            continue
        if before is not None and GAP.fullmatch(text, before.end(), match.start()):
            yield before, match
        before = match


def joined_words(text: str, joins: Joins, folded: Mapping[str, str]) -> list[str]:
    """The stems of the words a text's neighbouring words make (``joins``, ``_neighbours``);
    ``folded``: a token -> its folded surface. The text as tokenized (``bigrammed``)."""
    pairs = ((folded[one.group()], folded[other.group()]) for one, other in _neighbours(text))
    return [joins[pair] for pair in pairs if pair in joins]


def _family(one: str, other: str) -> bool:
    """Stems of one word family: one is a prefix of the other, both long, a few letters apart.

    English's stemmer stems "economics" to "econom" and "economists" to "economist"; this
    keeps them together without joining short stems ("elect", "electr").
    """
    short, long = sorted((one, other), key=len)
    return (
        short != long and len(short) >= FAMILY_MIN and long.startswith(short) and len(long) - len(short) <= FAMILY_GAP
    )


def edit_distance(one: str, other: str, limit: int) -> int:
    """Optimal-string-alignment distance (an adjacent swap counts 1), or ``limit + 1`` when over it."""
    if abs(len(one) - len(other)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(other) + 1))
    for i, a in enumerate(one, start=1):
        current = [i] + [0] * len(other)
        for j, b in enumerate(other, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == other[j - 2] and one[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def suggest(word: str, words: dict[str, int]) -> str | None:
    """The nearest known word with the same first two letters: fewest edits, then most frequent, then A–Z."""
    limit = 1 if len(word) <= 4 else 2
    best: tuple[int, int, str] | None = None
    for candidate, frequency in words.items():
        if candidate[:2] != word[:2] or candidate == word:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            key = (distance, -frequency, candidate)
            best = key if best is None or key < best else best
    return best[2] if best else None


def split(word: str, words: Mapping[str, int]) -> str | None:
    """A word no profile has as two that profiles have ("foodsecurity": "food security"), each of at
    least JOIN_PART_MIN letters: where several cuts would do, the one whose rarer part the most
    documents use (``words``: a word -> its documents), then the first."""
    best: tuple[int, str] | None = None
    if word.isalpha():
        for first, second in _cuts(word):
            if first in words and second in words:
                rarer = min(words[first], words[second])
                if best is None or rarer > best[0]:
                    best = (rarer, f"{first} {second}")
    return best[1] if best else None


@dataclass(frozen=True)
class IndexData:
    """What searching reads of a built index: kept in the build cache, so that ``sitegen search``
    answers from the index the last build made instead of building it again."""

    surface: dict[str, int]
    scores: dict[str, Postings]
    facets: dict[str, dict[str, tuple[int, ...]]]
    slugs: tuple[str, ...]
    basis: ScoreBasis


class Postings(Mapping[int, float]):
    """A term's score in each document that has it: the documents ascending and their scores, in
    two arrays (12 bytes a posting; as a dict with shared floats, the build's search process held
    200 MB more at 100,000 experts, about ten million postings, and scoring took a third longer).
    Read as the mapping it is; its items and values are the arrays', not looked up."""

    __slots__ = ("docs", "scores")

    def __init__(self, docs: array[int], scores: array[float]) -> None:
        self.docs = docs
        self.scores = scores

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self) -> Iterator[int]:
        return iter(self.docs)

    def __getitem__(self, doc: int) -> float:
        at = bisect_left(self.docs, doc)
        if at < len(self.docs) and self.docs[at] == doc:
            return self.scores[at]
        raise KeyError(doc)

    def items(self) -> _PostingItems:
        return _PostingItems(self)

    def values(self) -> _PostingValues:
        return _PostingValues(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Postings):
            return self.docs == other.docs and self.scores == other.scores
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # a mapping, as a dict is

    def __repr__(self) -> str:
        return f"Postings({dict(self.items())!r})"

    def __reduce__(self) -> tuple[type[Postings], tuple[array[int], array[float]]]:
        return Postings, (self.docs, self.scores)


class _PostingItems(ItemsView[int, float]):
    _mapping: Postings

    def __iter__(self) -> Iterator[tuple[int, float]]:
        return zip(self._mapping.docs, self._mapping.scores, strict=True)


class _PostingValues(ValuesView[float]):
    _mapping: Postings

    def __iter__(self) -> Iterator[float]:
        return iter(self._mapping.scores)


_Packed = tuple["array[int]", "array[int]"]
"""A term's postings in a field as the index is made: ``whoosh_segment.Postings`` in two arrays."""


class _Analysed:
    """A run of documents analysed and counted: what whoosh indexes and the scores are made from.

    Pickled (from the process that analysed half of the documents) with each field's postings
    in three arrays, not two per term: a few hundred thousand small arrays cost seconds both ways.
    """

    def __init__(self) -> None:
        # field -> term -> (docnums, frequencies), packed (8 bytes a posting; a dict took 40, 400 MB
        # at 100,000 experts).
        self.counted: dict[str, dict[str, _Packed]] = {name: {} for name in FIELD_BOOSTS}
        self.lengths: dict[str, list[int]] = {name: [] for name in FIELD_BOOSTS}
        """field -> each document's number of terms"""
        self.plain: list[dict[str, str]] = []
        """each document's fields that whoosh analyses itself"""
        self.surface: Counter[str] = Counter()
        """the unstemmed words, with the number of documents using each (for "did you mean")"""

    def extend(self, later: _Analysed) -> None:
        """Add the documents that follow these (numbered on from them)."""
        for name, terms in later.counted.items():
            into = self.counted[name]
            for term, (docnums, frequencies) in terms.items():
                known = into.get(term)
                if known is None:
                    into[term] = (docnums, frequencies)
                else:
                    known[0].extend(docnums)
                    known[1].extend(frequencies)
            self.lengths[name].extend(later.lengths[name])
        self.plain.extend(later.plain)
        self.surface.update(later.surface)

    def __getstate__(self) -> object:
        packed = {name: _packed(terms) for name, terms in self.counted.items()}
        return packed, self.lengths, self.plain, self.surface

    def __setstate__(self, state: Any) -> None:
        packed, self.lengths, self.plain, self.surface = state
        self.counted = {name: _unpacked(*field) for name, field in packed.items()}


_PackedField = tuple[list[str], "array[int]", "array[int]", "array[int]"]
"""A field's terms' postings in three arrays: its terms, every term's document numbers and
frequencies one after another, and where each term's end."""


def _packed(terms: dict[str, _Packed]) -> _PackedField:
    """A field's postings packed for pickling: a few hundred thousand small arrays cost seconds both ways."""
    docnums, frequencies, ends = array("I"), array("I"), array("I")
    for some, counts in terms.values():
        docnums.extend(some)
        frequencies.extend(counts)
        ends.append(len(docnums))
    return list(terms), docnums, frequencies, ends


def _unpacked(terms: list[str], docnums: array[int], frequencies: array[int], ends: array[int]) -> dict[str, _Packed]:
    """The postings ``_packed`` packed."""
    return {
        term: (docnums[start:end], frequencies[start:end])
        for term, (start, end) in zip(terms, itertools.pairwise((0, *ends)), strict=True)
    }


def _analysed(documents: Iterable[dict[str, str]], stemmer: str, start: int = 0) -> _Analysed:
    """``documents`` (each expert's fields, ``_document``), numbered from ``start``, analysed and
    counted, stemmed by ``stemmer``."""
    analysis = Analysis(stemmer=stemmer)
    made = _Analysed()
    counted, lengths = made.counted, made.lengths
    for docnum, document in enumerate(documents, start):
        terms = _terms(document, analysis)
        for name, field_counts in terms.counts.items():
            lengths[name].append(terms.lengths[name])
            field = counted[name]
            for term, frequency in field_counts.items():
                postings = field.get(term)
                if postings is None:
                    postings = field[term] = (array("I"), array("I"))
                postings[0].append(docnum)
                postings[1].append(frequency)
        made.plain.append(terms.plain)
        made.surface.update(terms.words)
    return made


def _with_joins(
    site: SiteModel,
    entries: Sequence[ExpertEntry],
    counted: dict[str, dict[str, _Packed]],
    lengths: dict[str, list[int]],
    joins: Joins,
    stemmer: str,
) -> None:
    """Add to documents analysed without ``joins`` the words their neighbouring words make, as
    ``Analysis(joins)`` counts them: in ``counted`` and in the fields' ``lengths``.

    Only a field holding both words of a pair (by their stems' postings) can hold the pair, so
    only those fields are read again: a few hundred texts where the analysis read millions.
    """
    if not joins:
        return
    analysis = Analysis(joins, stemmer)
    stems = analysis.stems
    candidates: dict[int, set[str]] = {}
    for name, terms in counted.items():
        for first, second in joins:
            one, other = terms.get(stems[first]), terms.get(stems[second])
            if one is not None and other is not None:
                smaller, larger = sorted((one[0], other[0]), key=len)
                for docnum in set(smaller).intersection(larger):
                    candidates.setdefault(docnum, set()).add(name)
    added: dict[str, dict[str, dict[int, int]]] = {}
    topics = analysis.topics(site.config)
    for docnum in sorted(candidates):
        document = _document(entries[docnum], site, topics)
        for name in candidates[docnum]:
            found = joined_words(bigrammed(document[name]), joins, analysis.folded)
            lengths[name][docnum] += len(found)
            for joined in found:
                postings = added.setdefault(name, {}).setdefault(joined, {})
                postings[docnum] = postings.get(docnum, 0) + 1
    for name, joined_terms in added.items():
        for term, more in joined_terms.items():
            known = counted[name].get(term)
            if known is not None:
                for docnum, frequency in zip(*known, strict=True):
                    more[docnum] = more.get(docnum, 0) + frequency
            docnums = sorted(more)
            counted[name][term] = (array("I", docnums), array("I", [more[n] for n in docnums]))


def _whoosh_input(
    stemmer: str, plain: list[dict[str, str]], counted: dict[str, dict[str, _Packed]], lengths: dict[str, list[int]]
) -> Iterator[object]:
    """What ``_written_anew`` reads, one piece at a time (a field's postings packed, ``_packed``)."""
    yield stemmer
    yield plain
    yield lengths
    for name, terms in counted.items():
        yield name, _packed(terms)


def _written_anew(pieces: Iterator[Any]) -> _Written:
    """``_written`` into a new index, in a process of its own (``Spawned``) given ``_whoosh_input``: in
    a new private folder rather than in memory, as this process's memory adds to the one scoring
    meanwhile (whoosh's files are 200 MB at 100,000 experts). The folder is made here and removed
    with everything in it."""
    stemmer, plain, lengths = next(pieces), next(pieces), next(pieces)
    counted = {name: _unpacked(*field) for name, field in pieces}
    with temporary_folder("sitegen-whoosh-") as folder:
        return _written(PositionedStorage(folder).create_index(_schema(stemmer)), plain, counted, lengths)


@dataclass(frozen=True)
class _Written:
    """What a whoosh index just written holds that searching reads: its document count and average
    field lengths (which the scores are made from), each facet value's documents, and the slugs."""

    documents: int
    averages: dict[str, float]
    facets: dict[str, dict[str, tuple[int, ...]]]
    slugs: tuple[str, ...]


def _written(
    index: Any, plain: list[dict[str, str]], counted: dict[str, dict[str, _Packed]], lengths: dict[str, list[int]]
) -> _Written:
    """Write the documents into an empty whoosh ``index`` (``write_segment``) and read back what searching reads."""
    write_segment(index, plain, counted, lengths, lists=FACETS)
    with index.searcher() as searcher:
        return _Written(
            searcher.doc_count_all(),
            {field: searcher.avg_field_length(field) or 1 for field in FIELD_BOOSTS},
            {
                facet: {
                    t.decode("utf-8"): tuple(searcher.postings(facet, t).all_ids()) for t in searcher.lexicon(facet)
                }
                for facet in FACETS
            },
            tuple(searcher.stored_fields(n)["slug"] for n in range(searcher.doc_count_all())),
        )


class SearchIndex:
    """An in-memory whoosh index of the listed experts, with every term's scores precomputed.

    Made from ``data`` (an earlier index of the same site), there is no whoosh index
    (``index`` is None): searching reads only the scores, which are the same.
    """

    def __init__(
        self, site: SiteModel, data: IndexData | None = None, *, keep_whoosh: bool = False, jobs: int = 1
    ) -> None:
        self.site = site
        self.entries = {e.slug: e for e in site.listed}
        self.index: Any = None
        """whoosh's own index, kept with ``keep_whoosh`` (tests compare with it): searching and the export
        read only its statistics, facets and the scores, taken from it as it is built."""
        if data is None:
            with collector_paused():
                self._build(site, keep_whoosh, jobs)
            return
        self.surface, self.scores, self.facets, self.slugs, self.basis = (
            data.surface, data.scores, data.facets, data.slugs, data.basis,
        )  # fmt: skip
        self.all_terms = sorted(self.scores)

    @property
    def data(self) -> IndexData:
        """What searching reads of this index."""
        return IndexData(self.surface, self.scores, self.facets, self.slugs, self.basis)

    def _build(self, site: SiteModel, keep_whoosh: bool, jobs: int) -> None:
        from sitegen.collate import in_az_order  # noqa: PLC0415 - this process has the site model: imported already

        entries = in_az_order(site.listed)  # document numbers follow A–Z order, which breaks score ties everywhere
        stemmer = stemmer_of(site.config.site.language)
        # With two processes or more, and enough experts: the second half is analysed in a process of
        # its own, then whoosh writes its index in another while this one scores every term. Both are
        # new interpreters (not forked: one reading the site model would copy most of it, ``spawned``),
        # started now: each one's start is taken while this one analyses.
        parallel = jobs > 1 and not keep_whoosh and len(entries) >= PARALLEL_MIN and can_fork()
        half = len(entries) // 2 if parallel else len(entries)
        other = Spawned(partial(_analysed, stemmer=stemmer, start=half)) if parallel else None
        whoosh: Spawned[Any, _Written] | None = Spawned(_written_anew) if parallel else None
        with stopped_on_failure(whoosh), stopped_on_failure(other):
            topics = Analysis(stemmer=stemmer).topics(site.config)
            if other is not None:
                other.give(_document(e, site, topics) for e in entries[half:])  # each expert's fields
            analysed = _analysed((_document(e, site, topics) for e in entries[:half]), stemmer)
            if other is not None:
                analysed.extend(other.result())
            counted, lengths, plain = analysed.counted, analysed.lengths, analysed.plain
            self.surface = dict(sorted(analysed.surface.items()))
            del analysed
            joins = corpus_joins(self.surface, Analysis(stemmer=stemmer).stems)
            _with_joins(site, entries, counted, lengths, joins, stemmer)
            documents = len(plain)
            self.basis = ScoreBasis(
                documents,
                {field: sum(lengths[field]) / (documents or 1) or 1 for field in FIELD_BOOSTS},  # as whoosh averages
                {field: {t: len(docnums) for t, (docnums, _) in counted[field].items()} for field in FIELD_BOOSTS},
                joins,
                stemmer,
            )
            if whoosh is not None:
                whoosh.give(_whoosh_input(stemmer, plain, counted, lengths))
            else:
                index = RamStorage().create_index(_schema(stemmer))
                written = _written(index, plain, counted, lengths)
                # Scored after whoosh's index is let go of (200 MB at 100,000 experts), unless asked to keep it:
                # its files are large blocks of the C heap, which the scores' small objects would not reuse.
                self.index = index if keep_whoosh else None
                del index
                give_back()
            del plain
            self.scores = self._term_scores(self.basis, counted, lengths)
            self.all_terms = sorted(self.scores)
            if whoosh is not None:
                written = whoosh.result()
        if (written.documents, written.averages) != (self.basis.documents, self.basis.averages):
            raise BuildError("the search index's statistics differ from whoosh's (a bug in sitegen: please report it)")
        self.facets, self.slugs = written.facets, written.slugs

    @staticmethod
    def _term_scores(
        basis: ScoreBasis, counted: dict[str, dict[str, _Packed]], lengths: dict[str, list[int]]
    ) -> dict[str, Postings]:
        """Each term's whoosh BM25F score in each document, summed over fields in a fixed order, rounded.

        whoosh's own BM25F function, parameters and idf, with the index's statistics
        (``basis``; lengths as the index stores them, in one byte); the postings' weights
        are those whoosh indexed (frequency times the field's boost).  Equal to scoring
        every term with a whoosh matcher (a test compares), without opening one matcher
        per term; ``document_scores`` adds the same floats in the same order.

        A term at a time: its fields' postings are scored, summed and rounded, then let go of
        (``counted`` is emptied as it is used), so only one term's unrounded sums are ever held,
        and kept as ``Postings`` (two arrays).
        """
        fields = [(name, counted.pop(name), *_field_factors(basis, name, lengths[name])) for name in FIELD_BOOSTS]
        places = SCORE_DECIMALS  # ``rounded``, inline: one call fewer per posting
        scores: dict[str, Postings] = {}
        for term in sorted({term for _, postings, _, _, _ in fields for term in postings}):
            into: dict[int, float] = {}
            for name, field_postings, factor, stored, once in fields:
                postings = field_postings.pop(term, None)
                if postings is None:
                    continue
                docnums, frequencies = postings
                idf = basis.idf(name, term, len(docnums))
                if not into:  # the term's first field: nothing to add to
                    into = {
                        d: idf * (once[d] if f == 1 else factor(f, stored[d]))
                        for d, f in zip(docnums, frequencies, strict=True)
                    }
                    continue
                for docnum, frequency in zip(docnums, frequencies, strict=True):
                    score = idf * (once[docnum] if frequency == 1 else factor(frequency, stored[docnum]))
                    into[docnum] = into.get(docnum, 0.0) + score
            docs = sorted(into)
            scores[term] = Postings(array("I", docs), array("d", [round(into[d], places) for d in docs]))
        return scores

    def facet_values(self, facet: str) -> list[str]:
        """Every value a facet takes among the listed experts."""
        return sorted(self.facets[facet])

    def words(self, text: str) -> list[tuple[str, str]]:
        """(folded surface, stem) for each word of a query."""
        return analyse(text, self.basis.stemmer)

    def expand(self, surface: str, stemmed: str, *, last: bool, family: bool = True) -> list[str]:
        """The index terms one query word stands for: its stem, the stem's family (unless not
        ``family``), prefix completions (where ``completed``)."""
        terms = {stemmed} if stemmed in self.scores else set()
        if family:
            terms |= {t for t in self.all_terms if _family(stemmed, t)}
        if completed(surface, last):
            completions = [t for t in self.all_terms if t.startswith((stemmed, surface))]
            terms |= set(completions[:MAX_EXPANSION])
        return sorted(terms)

    def joined(self, first: tuple[str, str], second: tuple[str, str], *, last: bool) -> list[str]:
        """The index terms two neighbouring query words stand for together: those of the word they
        make (the first's folded surface and the second's, ``expand``ed; ``last`` as the second's),
        without its family: the family of "hannahim" holds "hannah", which would make "im" in
        "hannah im" match every Hannah. A last word being typed joins from its second letter, as it
        is completed from it: "heat w" is "heat" with "w" left out, not "heatwave" alone."""
        surface = first[0] + second[0]
        if len(surface) < JOINED_MIN or (last and len(second[0]) < 2):
            return []
        return self.expand(surface, STEMS[self.basis.stemmer](surface), last=last, family=False)

    def plan(self, text: str) -> tuple[list[list[str]], dict[str, str]]:
        """The term list of every word, and spelling suggestions for words the index does not know.

        A word's terms are its own (``expand``) and those of the word it makes with either
        neighbour (``joined``): a document must match each word, so it matches "cyber security"
        where it holds "cybersecurity" (both words' terms) or both "cyber" and "security". A word
        matched only that way ("wild" in "wild fires") is not corrected.
        """
        words = self.words(text)
        complete = bool(re.search(r"\s$", text))
        lasts = [position == len(words) - 1 and not complete for position in range(len(words))]
        pairs = zip(itertools.pairwise(words), lasts[1:], strict=True)
        joins = [[], *(self.joined(one, other, last=last) for (one, other), last in pairs), []]
        plans: list[list[str]] = []
        suggestions: dict[str, str] = {}
        for position, (surface, stemmed) in enumerate(words):
            last = lasts[position]
            own = self.expand(surface, stemmed, last=last)
            together = {*joins[position], *joins[position + 1]}
            plans.append(sorted({*own, *together}))
            known = surface in self.surface or stemmed in self.scores or (completed(surface, last) and own)
            if not known and not together and not unspaced_led(surface):  # a pair is no misspelling
                better = split(surface, self.surface) or suggest(surface, self.surface)
                if better:
                    suggestions[surface] = better
        return plans, suggestions

    def matches(self, plans: Sequence[Sequence[str]], filters: Filters) -> list[tuple[float, int]]:
        """(score, docnum) of every match, best first, ties in A–Z order (``ranking``)."""
        return self.ranking(plans, filters)[0]

    def ranking(self, plans: Sequence[Sequence[str]], filters: Filters) -> tuple[list[tuple[float, int]], bool]:
        """(score, docnum) of every match, best first, ties in A–Z order; and True where no
        document matches every word, so that these match some.

        A word scores the sum of its terms' scores; a document must match every
        word and scores the sum of its words' scores.  A word no profile holds
        ("expert" in "climate expert": every result is one) is left out unless
        every word is such a word: a query of unknown words finds no one.  Where
        no document matches every word ("tv interview about elections"), those
        matching any word do, with the sum of the words' scores they match, so
        that rare words count most (filters apply after: a filter leaving none
        of those matching every word leaves none).  The search page replays
        exactly this on the exported scores.
        """
        plans = [terms for terms in plans if terms] or plans
        allowed = self._allowed(filters)
        if not plans:
            return [(0.0, n) for n in sorted(allowed)], False
        words: list[dict[int, float]] = []
        total: dict[int, float] | None = None
        for terms in plans:
            word: dict[int, float] = {}
            for term in terms:
                for docnum, score in self.scores.get(term, {}).items():
                    word[docnum] = word.get(docnum, 0.0) + score
            words.append(word)
            total = word if total is None else {d: total[d] + s for d, s in word.items() if d in total}
        partial = not total and len(words) > 1
        if partial:
            total = {}
            for word in words:  # each document's words added in the query's order, as for every word
                for docnum, score in word.items():
                    total[docnum] = total[docnum] + score if docnum in total else score
        # Exact float sums in a fixed order: the browser's doubles come out bit for bit the same.
        ranked = [(score, docnum) for docnum, score in (total or {}).items() if docnum in allowed]
        return sorted(ranked, key=lambda pair: (-pair[0], pair[1])), partial

    def _allowed(self, filters: Filters) -> set[int]:
        allowed = set(range(len(self.slugs)))
        chosen = {
            "topic": filters.topic,
            "language": filters.language,
            "country": filters.country,
            "format": filters.format,
            "available": "yes" if filters.available else None,
        }
        for facet, value in chosen.items():
            if value is not None:
                allowed &= set(self.facets[facet].get(value, ()))
        return allowed

    def search(self, text: str, filters: Filters = NO_FILTERS, limit: int = 10) -> Results:
        """Rank the listed experts for a query and filters.

        Where no word of the query is in any profile and some have a suggestion ("hurricaine",
        "migración"), the results are the corrected query's (``Results.instead``): a query of
        unknown words finds no one, and the suggestion is what was meant far more often than not.
        The query is read in NFC, as the profiles are (``hardyaml``): "José" typed as "e" and a
        combining accent is the "José" the accent map folds.
        """
        text = unicodedata.normalize("NFC", text)
        wanted, excluded = apart(text)
        plans, suggestions = self.plan(wanted)
        if suggestions and not any(plans):
            instead = corrected(text, suggestions)
            # Suggestions are words of the profiles: the corrected query matches, never corrects again.
            fixed = self.search(instead, filters, limit)
            return dataclasses.replace(fixed, query=text, suggestions=suggestions, instead=instead)
        # Ranked without the filters, then filtered (``ranking`` filters after ranking too): the
        # count without them is there to give where the filters leave no one.
        ranked, partial = self.ranking(plans, NO_FILTERS)
        finds = {word: self.found_by(word) for word in excluded}
        if gone := set().union(*finds.values()):
            ranked = [pair for pair in ranked if pair[1] not in gone]
        unfiltered = None
        if filters != NO_FILTERS:
            allowed, unfiltered = self._allowed(filters), len(ranked)
            ranked = [pair for pair in ranked if pair[1] in allowed]
        matched = {term for terms in plans for term in terms}
        terms = frozenset(matched)
        stemmer = self.basis.stemmer  # one analyser for the hits' snippets
        marking = _folding(_Snippet(terms, stemmer)) | StemFilter(stemfn=STEMS[stemmer])
        hits = tuple(
            self._hit(self.entries[self.slugs[docnum]], score, terms, marking) for score, docnum in ranked[:limit]
        )
        # The analyser's tokens are the query's ``WORD`` matches, one for one: its filters fold,
        # never drop.
        typed = WORD.findall(bigrammed(wanted))
        left_out = tuple(word for word, held in zip(typed, plans, strict=True) if not held) if matched else ()
        left_out += tuple(word for word in excluded if not finds[word])  # a word to leave out that finds no one
        excluding = tuple(word for word in excluded if finds[word])
        found_some = partial and bool(ranked)
        return Results(text, filters, hits, len(ranked), suggestions, left_out, found_some, None, excluding, unfiltered)

    def found_by(self, word: str) -> set[int]:
        """The documents a word (a ``WORD`` match) finds by its stem and stem family, never
        completed: a word being typed after a hyphen leaves out only what it finds whole. A run of
        letters read in pairs (CJK, Thai ...) finds the documents holding each of its pairs
        (``bigrammed``), one such letter alone those holding a pair it starts (``completed``)."""
        found = [
            {docnum for term in self.expand(surface, stemmed, last=False) for docnum in self.scores[term]}
            for surface, stemmed in analyse(word, self.basis.stemmer)
        ]
        return set.intersection(*found)

    def _hit(self, entry: ExpertEntry, score: float, terms: frozenset[str], marking: Any) -> Hit:
        """A result, its snippet marking ``terms`` as the analyser ``marking`` finds them."""
        e = entry.expert
        text = f"{e.headline}. {markdown_text(e.bio)}"
        fragmenter = highlight.ContextFragmenter(maxchars=160, surround=40)
        snippet = highlight.highlight(text, terms, marking, fragmenter, _Marks(), top=2) if terms else ""
        return Hit(
            entry.slug,
            e.name,
            e.title,
            tuple(t.id for t in entry.topics),
            urls.absolute(self.site.config.site.base_url, urls.expert(entry.slug)),
            round(score, 6),
            " ".join((snippet or e.headline).split()),
            e.location.country if e.location and e.location.country else None,
            tuple(sorted(set(e.media.formats))) if e.media else (),
        )


def results_json(results: Results) -> dict[str, object]:
    """Results as plain data."""
    return {
        "query": results.query,
        "filters": dataclasses.asdict(results.filters),
        "total": results.total,
        "suggestions": results.suggestions,
        "corrected": results.corrected,
        "left_out": list(results.left_out),
        "partial": results.partial,
        "instead": results.instead,
        "excluded": list(results.excluded),
        "unfiltered": results.unfiltered,
        "results": [dataclasses.asdict(hit) for hit in results.hits],
    }
