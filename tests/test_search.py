"""Search: analysis (accents, stemming, prefixes), facets, spelling, privacy, and the CLI."""

from __future__ import annotations

import dataclasses
import json
import pickle
import re
import threading
import time
import unicodedata
from array import array
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from whoosh import fields, query
from whoosh.analysis import SpaceSeparatedTokenizer, StemFilter
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.lang.porter2 import stem

from bench.generate import generate
from sitegen import search, search_export
from sitegen.check import check_site
from sitegen.cli import main
from sitegen.collate import SiteModel, in_az_order
from sitegen.parallel import PARALLEL_MIN, can_fork
from sitegen.problems import BuildError
from sitegen.search import (
    FIELD_BOOSTS,
    FOLD,
    HYPHENATED,
    INDEX_FOLD,
    NO_FILTERS,
    SCORE_DECIMALS,
    SHARED_FIELDS,
    SOUTHEAST_ASIAN,
    SOUTHEAST_ASIAN_MARKS,
    UNSPACED_LETTER,
    UNSPACED_RUN,
    WORD,
    Analysis,
    Filters,
    Postings,
    SearchIndex,
    _document,
    analyse,
    analyzer,
    bigrammed,
    corpus_joins,
    indexed,
    joined_words,
    split,
)
from sitegen.spawned import Spawned
from sitegen.stemming import ENGLISH
from sitegen.views import based_and_media
from sitegen.whoosh_segment import PositionedStorage, write_segment
from tests.conftest import (
    FINNISH_PROFILES,
    HINDI_PROFILES,
    INDONESIAN_PROFILES,
    MIXED_SPELLINGS,
    PROFILE,
    REPO,
    RUSSIAN_PROFILES,
    TODAY,
    SiteFactory,
    index_named,
    write_dutch_site,
    write_french_site,
    write_german_site,
    write_italian_site,
    write_nordic_site,
    write_portuguese_site,
    write_site_in,
    write_spanish_site,
    write_unspaced_site,
)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    site = check_site(REPO, TODAY).site
    assert site is not None
    return SearchIndex(site, keep_whoosh=True)


def slugs(index: SearchIndex, text: str, filters: Filters = NO_FILTERS, limit: int = 10) -> list[str]:
    return [hit.slug for hit in index.search(text, filters, limit).hits]


def test_case_and_accents_fold(index: SearchIndex) -> None:
    assert slugs(index, "JOSE") == slugs(index, "josé") == ["jose-luis-moreno"]
    assert slugs(index, "alvarez ") == ["pedro-alvarez"]
    assert slugs(index, "Østergaard") == slugs(index, "ostergaard") == ["lars-ostergaard"]
    # Typed as "e" and a combining accent (as some keyboards send it): read in NFC, then folded.
    assert slugs(index, "Jose\u0301") == ["jose-luis-moreno"]
    assert slugs(index, "Mu\u0308ller ") == slugs(index, "muller ") == ["anja-muller"]


@pytest.mark.parametrize(
    ("spellings", "folded"),
    [
        (["أحمد", "احمد", "إحمد", "آحمد"], "احمد"),  # a hamza on or under alef, a madda: alef
        (["مُحَمَّد", "محمد", "محمّد"], "محمد"),  # short vowels and shadda, written in careful text only
        (["عـــلي", "علي", "علی", "على"], "علي"),  # tatweel; Farsi yeh and alef maksura: yeh
        (["جامعة", "جامعه"], "جامعه"),  # teh marbuta: heh
        (["کتاب", "كتاب"], "كتاب"),  # keheh, Persian's kaf: kaf
        (["٢٠٢٦", "۲۰۲۶", "2026"], "2026"),  # Arabic-Indic and Persian digits
        (["Ελένη", "Ελενη", "ΕΛΕΝΗ", "ελένη"], "ελενη"),  # Greek: the tonos, left out in capitals
        (["Ϊ", "ϊ", "ΐ", "ι"], "ι"),  # the dialytika
        (["ΑΘΗΝΑΣ", "Αθήνας", "αθηνασ"], "αθηνασ"),  # the final sigma (capitals lower-cased to it)
        (["Ёлка", "ёлка", "Елка"], "елка"),  # Russian's ё
        (["Straße", "STRASSE", "strasse"], "strasse"),  # German's sharp s, as Swiss German writes it
        (["İstanbul", "Istanbul", "istanbul"], "istanbul"),  # Turkish's dotted capital I
        (["שָׁלוֹם", "שלום"], "שלום"),  # Hebrew's vowel points
        (["ｶﾞｽ", "ガス", "カ\u3099ス"], "カ\u3099ス"),  # half-width katakana, a voiced sound mark
        (["ﾊﾟﾝ", "パン"], "ハ\u309aン"),  # a semi-voiced one
        (["經濟", "经济", "經济"], "经济"),  # Chinese's traditional characters as the simplified ones
        (["臺灣", "台灣", "台湾"], "台湾"),
        (["乾", "幹", "干"], "干"),  # one character for the table's three meanings
        (["क़ानून", "कानून", "\u0958ानून"], "कानून"),  # Devanagari's nukta, left out as often
        (["ज़िंदगी", "जिंदगी", "ज़िन्दगी"], "जिंदगी"),
        (["आँख", "आंख"], "आंख"),  # the chandrabindu as the anusvara
        (["हिन्दी", "हिंदी"], "हिंदी"),  # a nasal before a consonant as the anusvara
        (["सम्बन्ध", "संबंध", "सम्बंध"], "संबंध"),
        (["पण्डित", "पंडित"], "पंडित"),
        (["अङ्ग", "अंग"], "अंग"),
        (["चञ्चल", "चंचल"], "चंचल"),
        (["अन्", "अन्"], "अन्"),  # a nasal ending a word is kept
    ],
)
def test_spellings_of_one_word_are_folded_alike(spellings: list[str], folded: str) -> None:
    assert {analyse(spelling)[0][0] for spelling in spellings} == {folded}


def test_chinese_typed_in_traditional_characters_finds_the_simplified(index: SearchIndex) -> None:
    """The sample's Zhang Wei gives 深度伪造 (deepfakes) as a keyword in simplified characters; a
    journalist in Taipei types 深度偽造, and 偽 alone, being typed, finds the pairs 伪 starts."""
    assert slugs(index, "深度偽造") == slugs(index, "深度伪造") == slugs(index, "偽") == ["zhang-wei"]


def test_hindi_typed_either_way_finds_the_hindi_speakers(index: SearchIndex) -> None:
    """The sample writes Hindi's own name "हिन्दी"; a journalist types "हिंदी" as often, and
    ``--language हिंदी`` chooses it too."""
    speakers = slugs(index, "हिन्दी")
    assert speakers and slugs(index, "हिंदी") == speakers
    code, out, _ = run("--json", "--language", "हिंदी")
    assert code == 0 and json.loads(out)["filters"]["language"] == "hi"


def test_a_name_typed_without_its_hamza_finds_the_expert(index: SearchIndex) -> None:
    """The sample's محمد الأحمد, as an Arabic phone keyboard types it most often (no hamza), or
    vocalised; and the snippet marks the name as written."""
    assert slugs(index, "الاحمد") == slugs(index, "الأحمد") == slugs(index, "مُحَمَّد الاحمد") == ["mohammed-al-ahmad"]
    hit = index.search("الاحمد").hits[0]
    assert "(محمد **الأحمد**)" in hit.snippet


def test_a_greek_name_typed_without_its_accents_or_in_capitals_finds_the_expert(index: SearchIndex) -> None:
    """The sample's Ελένη Παπαδοπούλου, typed as Greek capitals are written (without the tonos) or
    without accents at all."""
    assert slugs(index, "ΕΛΕΝΗ ΠΑΠΑΔΟΠΟΥΛΟΥ") == slugs(index, "ελενη") == ["eleni-papadopoulou"]
    assert "(**Ελένη** Παπαδοπούλου)" in index.search("Ελενη").hits[0].snippet


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("हिन्दी भाषा", ["हिन्दी", "भाषा"]),  # Devanagari: vowel signs and virama inside the word
        ("தமிழ் இலக்கியம்", ["தமிழ்", "இலக்கியம்"]),  # Tamil: the pulli
        ("মৌসম, বাংলা", ["মৌসম", "বাংলা"]),  # Bengali
        ("שָׁלוֹם עוֹלָם", ["שָׁלוֹם", "עוֹלָם"]),  # Hebrew points
        ("مُحَمَّد", ["مُحَمَّد"]),  # Arabic harakat
        ("می\u200cخواهم", ["می\u200cخواهم"]),  # Persian: the zero-width non-joiner
        ("Jose\u0301's x\u0301", ["Jose\u0301's", "x\u0301"]),
        ("\u0301abc", ["abc"]),  # a mark never starts a word
    ],
)
def test_a_word_holds_its_combining_marks_and_joiners(text: str, words: list[str]) -> None:
    assert WORD.findall(text) == words


def test_words_of_other_scripts_are_found_whole_and_never_by_a_fragment(index: SearchIndex) -> None:
    """Hindi and Tamil, spoken by sample experts, are indexed by their own names (their vowel
    signs and viramas inside the words); a letter of the word is not the word, but its start is."""
    hindi = ["arjun-mehta", "priya-raghunathan"]
    assert sorted(slugs(index, "हिन्दी ")) == sorted(slugs(index, "हि")) == hindi
    assert slugs(index, "द ") == slugs(index, "न ") == []  # letters inside "हिन्दी" (found it before)
    assert sorted(slugs(index, "தமிழ் ")) == ["priya-raghunathan", "ravi-shankar-iyer"]
    assert slugs(index, "ழ ") == []
    assert slugs(index, "ગુજરાતી") == ["arjun-mehta"]
    # A joiner is kept in the word and dropped when it is folded: either spelling finds the other.
    assert analyse("می\u200cخواهم") == analyse("میخواهم") == [("ميخواهم", "ميخواهم")]  # Farsi yeh: yeh
    assert HYPHENATED.findall("अर्जुन-शर्मा के") == ["अर्जुन-शर्मा"]
    # Korean and Chinese, in pairs of letters: a given name inside 김지은, a surname, a keyword's middle.
    assert slugs(index, "지은 ") == slugs(index, "김") == slugs(index, "정신건강 ") == ["kim-ji-eun"]
    assert slugs(index, "智能 ") == slugs(index, "伪造") == ["zhang-wei"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("気候変動の研究", ["気候", "候変", "変動", "動の", "の研", "研究"]),  # Japanese: kanji and kana
        ("AI研究者, 王", ["AI", "研究", "究者", "王"]),  # a run beside Latin letters; a run of one letter
        ("김지은 교수", ["김지", "지은", "교수"]),  # Korean: Hangul syllables
        ("𠮷野家", ["𠮷野", "野家"]),  # beyond the BMP
        ("ｶﾀｶﾅ café", ["ｶﾀ", "ﾀｶ", "ｶﾅ", "café"]),  # half-width katakana
        ("ｶﾞｽ ｴﾈﾙｷﾞｰ", ["ｶﾞｽ", "ｴﾈ", "ﾈﾙ", "ﾙｷﾞ", "ｷﾞｰ"]),  # a half-width voiced sound mark stays on its kana
        ("ภาษาไทย", ["ภา", "าษ", "ษา", "าไ", "ไท", "ทย"]),  # Thai
        ("ภูมิอากาศ", ["ภูมิ", "มิอ", "อา", "าก", "กา", "าศ"]),  # a Thai letter keeps its vowel sign
        ("ນ້ຳ ໄຫຼ", ["ນ້ຳ", "ໄຫຼ"]),  # Lao: a tone mark, a run of one letter with its marks
        ("စီးပွားရေး", ["စီးပွား", "ပွားရေး"]),  # Burmese: vowel signs that are spacing marks
        ("សេដ្ឋកិច្ច", ["សេដ្", "ដ្ឋ", "ឋកិ", "កិច្", "ច្ច"]),  # Khmer: the subscript sign stays on its letter
        ("ไทย๒๕๖๙ AIภูมิ", ["ไท", "ทย", "๒๕๖๙", "AI", "ภูมิ"]),  # Thai digits are a number apart; beside Latin
    ],
)
def test_letters_of_scripts_without_spaces_are_read_in_overlapping_pairs(text: str, words: list[str]) -> None:
    assert WORD.findall(bigrammed(text)) == words


def test_the_letters_read_in_pairs_are_those_of_unicode_and_of_search_js() -> None:
    """SOUTHEAST_ASIAN holds every letter of the Thai, Lao, Myanmar and Khmer blocks and
    SOUTHEAST_ASIAN_MARKS every mark (by this Python's Unicode data; U+0ECE is newer than 3.11's),
    and search.js spells out the same classes as UNSPACED_LETTER, CJK's included."""
    blocks = [*range(0x0E00, 0x0F00), *range(0x1000, 0x10A0), *range(0x1780, 0x1800)]
    letters = {code for code in blocks if re.fullmatch(f"[{SOUTHEAST_ASIAN}]", chr(code))}
    marks = {code for code in blocks if re.fullmatch(f"[{SOUTHEAST_ASIAN_MARKS}]", chr(code))}
    assert letters == {code for code in blocks if unicodedata.category(chr(code)) in ("Lo", "Lm")}
    assert marks - {0x0ECE} == {code for code in blocks if unicodedata.category(chr(code))[0] == "M"} - {0x0ECE}
    script = (REPO / "templates" / "assets" / "search.js").read_text(encoding="utf-8")
    spelled = re.search(r'var UNSPACED_LETTER = ("[^;]*);', script)
    assert spelled is not None
    source = "".join(re.findall(r'"([^"]*)"', spelled.group(1)))
    source = re.sub(r"\\u\{([0-9a-f]+)\}|\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1) or m.group(2), 16)), source)
    assert source == UNSPACED_LETTER


@pytest.fixture(scope="module")
def unspaced(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    site = check_site(write_unspaced_site(tmp_path_factory.mktemp("cjk")), TODAY).site
    assert site is not None
    return SearchIndex(site)


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    site = check_site(write_spanish_site(tmp_path_factory.mktemp("es")), TODAY).site
    assert site is not None
    return SearchIndex(site)


def test_a_spanish_site_s_words_are_stemmed_as_spanish(spanish: SearchIndex) -> None:
    """site.language "es": a word finds its other forms, typed with its accents or without."""
    assert spanish.basis.stemmer == "spanish"
    both = ["lucia-moreno", "miguel-torres"]  # "migración", "migraciones"
    assert sorted(slugs(spanish, "migración")) == sorted(slugs(spanish, "migracion")) == both
    assert sorted(slugs(spanish, "MIGRACIONES")) == both
    assert slugs(spanish, "economistas") == ["jose-garcia"]  # "Economista", "Economía" (a family)
    assert slugs(spanish, "vacunaciones") == ["carmen-diaz"]  # "Vacunación", "vacunas"
    assert sorted(slugs(spanish, "politicos")) == ["andres-pena", "lucia-moreno"]  # "políticas" too
    assert slugs(spanish, "secretario") == ["sofia-ruiz"]  # "Secretaria"
    assert slugs(spanish, "historias") == ["miguel-torres"]
    hit = spanish.search("migraciones").hits[0]
    assert "**migración**" in hit.snippet  # marked as the stem it shares


def index_in(root: Path, language: str, profiles: dict[str, tuple[str, str, str]]) -> SearchIndex:
    """The index of a directory of ``profiles`` written in ``language`` (``write_site_in``) at ``root``."""
    site = check_site(write_site_in(root, language, profiles), TODAY).site
    assert site is not None
    return SearchIndex(site)


def english_index(root: Path) -> SearchIndex:
    """The index of the directory at ``root`` with its site.language made English: the same
    profiles, stemmed as English (a control for the other languages' tests)."""
    config = root / "site.toml"
    config.write_text(re.sub(r'language = "[^"]+"', 'language = "en"', config.read_text("utf-8"), count=1), "utf-8")
    site = check_site(root, TODAY).site
    assert site is not None
    return SearchIndex(site)


def test_british_and_american_spellings_find_each_other(tmp_path: Path) -> None:
    """In a directory spelt both ways, either spelling finds both experts, ranked as one word (the
    two profiles are the same but for the spelling); the search page is given what it needs to
    stem so (meta.json's ``spellings``), and a Spanish site none."""
    index = index_in(tmp_path / "en", "en", MIXED_SPELLINGS)
    both = ["harriet-clarke", "mason-reed"]  # equal scores: A–Z
    for text in ["paediatric", "pediatric", "tumour", "tumors", "organisation", "organization", "programme"]:
        assert slugs(index, text + " ") == both, text
    for text in ["program", "behaviours", "behavior", "pediatric oncology", "paediatric tumor biology"]:
        assert slugs(index, text + " ") == both, text
    hits = index.search("tumour ", NO_FILTERS, 10).hits
    assert hits[0].score == hits[1].score
    assert hits[0].snippet.startswith("Paediatric oncology and **tumour** biology")  # marked as spelt
    assert hits[1].snippet.startswith("Pediatric oncology and **tumor** biology")
    assert slugs(index, "labor law ") == slugs(index, "labour ") == ["oliver-hughes"]
    assert slugs(index, "modernization ") == ["oliver-hughes"]  # a form breame does not list
    shipped = search_export.spellings("english", index.all_terms, index.scores)
    assert {
        "tumour": "tumor",
        "organis": "organiz",
        "paediatr": "pediatr",
        "labour": "labor",
    }.items() <= shipped.items()
    assert "aluminium" not in shipped and len(shipped) < 30  # only what can change what a query finds here
    spanish = index_in(tmp_path / "es", "es", MIXED_SPELLINGS)
    assert search_export.spellings(spanish.basis.stemmer, spanish.all_terms, spanish.scores) == {}
    assert slugs(spanish, "tumour ") == ["harriet-clarke"]


def test_the_same_profiles_on_an_english_site_are_stemmed_as_english(tmp_path: Path) -> None:
    english = english_index(write_spanish_site(tmp_path / "en"))
    assert english.basis.stemmer == "english"
    assert slugs(english, "politicos") == ["andres-pena"]  # Porter2 leaves "políticas" apart


def test_a_german_site_s_words_are_stemmed_as_german(tmp_path: Path) -> None:
    """site.language "de": a word finds its other forms, typed with umlauts and ß or without."""
    site = check_site(write_german_site(tmp_path / "de"), TODAY).site
    assert site is not None
    german = SearchIndex(site)
    assert german.basis.stemmer == "german"
    assert slugs(german, "Markt") == slugs(german, "markte") == slugs(german, "Märkte") == ["anna-mueller"]
    assert slugs(german, "Maerkte") == slugs(german, "Maerkten") == ["anna-mueller"]  # the umlaut written out
    assert slugs(german, "wirtschaftlich") == ["jonas-schmidt"]  # "Wirtschaftliche"
    assert slugs(german, "Politik") == ["lena-weiss"]  # "Politische", "Politologin" apart
    assert slugs(german, "Strasse") == slugs(german, "Straße") == ["tobias-kraus"]  # "Straßen"
    assert slugs(german, "Haus") == ["tobias-kraus"]  # "Häuser"
    assert slugs(german, "gesund") == ["mara-wolf"]  # "Gesunde", "Gesundheit"
    english = english_index(write_german_site(tmp_path / "en"))
    assert slugs(english, "Politik") != ["lena-weiss"]  # Porter2 leaves "Politische" apart


def test_a_french_site_s_words_are_stemmed_as_french(tmp_path: Path) -> None:
    """site.language "fr": a word finds its other forms, typed with its accents or without."""
    site = check_site(write_french_site(tmp_path / "fr"), TODAY).site
    assert site is not None
    french = SearchIndex(site)
    assert french.basis.stemmer == "french"
    assert slugs(french, "economistes") == slugs(french, "Économique") == ["claire-martin"]
    assert slugs(french, "politique ") == ["claire-martin"]  # "politiques" (typed whole: not "Politologue")
    assert slugs(french, "climatiques") == slugs(french, "énergie ") == ["louis-bernard"]  # not the topic "Energy"
    assert slugs(french, "vaccins") == ["amelie-dubois"]  # "Vaccination"
    assert slugs(french, "election") == ["hugo-lefevre"]  # "Élections", not "électorales"'s "electoral"
    assert slugs(french, "migration") == slugs(french, "histoires") == ["ines-moreau"]
    assert slugs(french, "premiere") == slugs(french, "premier") == ["ines-moreau"]


def test_a_portuguese_site_s_words_are_stemmed_as_portuguese(tmp_path: Path) -> None:
    """site.language "pt-BR": a word finds its other forms, typed with its accents or without."""
    site = check_site(write_portuguese_site(tmp_path / "pt"), TODAY).site
    assert site is not None
    portuguese = SearchIndex(site)
    assert portuguese.basis.stemmer == "portuguese"
    assert slugs(portuguese, "economicas") == slugs(portuguese, "Economistas") == ["ana-souza"]
    assert sorted(slugs(portuguese, "politica ")) == ["ana-souza", "pedro-alves"]  # "políticas", "político"
    assert slugs(portuguese, "vacinas") == slugs(portuguese, "vacinacao") == ["marta-costa"]  # "Vacinação"
    assert slugs(portuguese, "eleicao") == ["pedro-alves"]  # "Eleições"
    assert slugs(portuguese, "migracao") == slugs(portuguese, "nacao") == ["lucia-rocha"]  # the plurals
    assert slugs(portuguese, "climatica") == slugs(portuguese, "energia ") == ["joao-silva"]


def test_an_italian_site_s_words_are_stemmed_as_italian(tmp_path: Path) -> None:
    """site.language "it": a word finds its other forms, typed with its accents or without; the same
    profiles on an English site do not."""
    site = check_site(write_italian_site(tmp_path / "it"), TODAY).site
    assert site is not None
    italian = SearchIndex(site)
    assert italian.basis.stemmer == "italian"
    assert slugs(italian, "economisti") == slugs(italian, "Economista") == ["giulia-rossi"]
    assert sorted(slugs(italian, "politica ")) == ["giulia-rossi", "luca-romano"]  # "politiche"
    assert slugs(italian, "vaccino ") == slugs(italian, "sanita") == ["chiara-ricci"]  # "Vaccinazioni", "sanità"
    assert slugs(italian, "elezione") == ["luca-romano"]  # "Elezioni"
    assert slugs(italian, "migrazione") == ["sara-conti"]  # the plural
    assert slugs(italian, "siccita") == slugs(italian, "energia ") == ["marco-bianchi"]  # "siccità", "energie"
    english = english_index(write_italian_site(tmp_path / "en"))
    assert slugs(english, "vaccino ") == []  # Porter2 leaves "Vaccinazioni" apart


def test_a_dutch_site_s_words_are_stemmed_as_dutch(tmp_path: Path) -> None:
    """site.language "nl-BE": a word finds its other forms, typed with its accents or without; the
    same profiles on an English site do not."""
    site = check_site(write_dutch_site(tmp_path / "nl"), TODAY).site
    assert site is not None
    dutch = SearchIndex(site)
    assert dutch.basis.stemmer == "dutch"
    assert slugs(dutch, "economisch") == ["sanne-de-vries"]  # "economische"
    assert slugs(dutch, "overstroming") == slugs(dutch, "duurzaam") == ["daan-jansen"]  # the plural, "duurzame"
    assert slugs(dutch, "gezond ") == slugs(dutch, "coordinatie") == ["lotte-bakker"]  # "gezondheid", "Coördinatie"
    assert slugs(dutch, "verkiezing ") == slugs(dutch, "politiek ") == ["bram-visser"]  # "Verkiezingen", "politieke"
    found = english_index(write_dutch_site(tmp_path / "en")).search("verkiezing ", NO_FILTERS, 10)
    assert found.instead == "verkiezingen"  # Porter2 leaves "Verkiezingen" apart: found only as "did you mean"


NORDIC_QUERIES = {
    "sv": {
        "arbetslos": ["anna-lindqvist"],  # "Arbetslöshet"
        "foretag": ["anna-lindqvist"],  # "företagens"
        "klimatforandring": ["erik-johansson"],  # "Klimatförändringar"
        "sjukvard": ["sara-nilsson"],  # "sjukvårdens"
        "politisk": ["johan-berg"],  # "politiska"
        "parti": ["johan-berg"],  # "partierna"
    },
    "da": {
        "okonomisk": ["mette-hansen"],  # "økonomisk"
        "arbejdsloshed": ["mette-hansen"],  # "Arbejdsløshed"
        "arbejdslos": ["mette-hansen"],  # stemmed "arbejdslo": "arbejdslos" is of its family
        "klimaforandring": ["lars-nielsen"],  # "Klimaforandringerne"
        "kobenhavn": ["lars-nielsen"],  # "København"
        "folkesundhed": ["sofie-jensen"],  # "folkesundheden"
        "valg": ["anders-moller"],  # "Valget"
    },
    "nb": {
        "arbeidsledig": ["ingrid-hansen"],  # "Arbeidsledighet"
        "klimaendring": ["ola-nordmann"],  # "Klimaendringer"
        "tromso": ["ola-nordmann"],  # "Tromsø"
        "folkehelse": ["kari-berg"],  # "folkehelsen"
        "valg": ["per-olsen"],  # "Valgene"
        "politisk": ["per-olsen"],  # "politiske"
    },
}


@pytest.mark.parametrize(("language", "stemmer"), [("sv", "swedish"), ("da", "danish"), ("nb", "norwegian")])
def test_a_nordic_site_s_words_are_stemmed_in_its_language(tmp_path: Path, language: str, stemmer: str) -> None:
    """site.language "sv", "da" or "nb": a word finds its other forms, typed with "å", "ä", "ö", "ø"
    or without."""
    site = check_site(write_nordic_site(tmp_path / language, language), TODAY).site
    assert site is not None
    nordic = SearchIndex(site)
    assert nordic.basis.stemmer == stemmer
    assert {query: slugs(nordic, query + " ") for query in NORDIC_QUERIES[language]} == NORDIC_QUERIES[language]


def test_a_swedish_directory_on_an_english_site_is_stemmed_as_english(tmp_path: Path) -> None:
    found = english_index(write_nordic_site(tmp_path / "en", "sv")).search("klimatforandring ", NO_FILTERS, 10)
    assert found.instead == "klimatforandringar"  # Porter2 leaves "Klimatförändringar" apart: "did you mean"


def test_a_russian_site_s_words_are_stemmed_as_russian(tmp_path: Path) -> None:
    """site.language "ru": a word finds its other forms ("ё" typed as "е" too); the same profiles
    on an English site do not."""
    russian = index_in(tmp_path / "ru", "ru", RUSSIAN_PROFILES)
    assert russian.basis.stemmer == "russian"
    assert slugs(russian, "экономисты") == slugs(russian, "экономического") == ["anna-ivanova"]
    assert slugs(russian, "безработицы ") == ["anna-ivanova"]  # "безработица"
    assert slugs(russian, "климата ") == slugs(russian, "наводнение ") == ["pyotr-smirnov"]
    assert slugs(russian, "Петр") == ["pyotr-smirnov"]  # "Пётр"
    assert slugs(russian, "вакцинации ") == ["olga-kuznetsova"]  # "Вакцинация"
    assert slugs(russian, "выборах ") == slugs(russian, "миграции ") == ["ivan-popov"]
    english = english_index(write_site_in(tmp_path / "en", "ru", RUSSIAN_PROFILES))
    found = english.search("выборах ", NO_FILTERS, 10)
    assert found.instead == "выборы"  # Porter2 leaves Russian words whole: found only as "did you mean"


def test_a_finnish_site_s_words_are_stemmed_as_finnish(tmp_path: Path) -> None:
    """site.language "fi": a word finds its other forms, typed with "ä" and "ö" or without; the
    same profiles on an English site do not."""
    finnish = index_in(tmp_path / "fi", "fi", FINNISH_PROFILES)
    assert finnish.basis.stemmer == "finnish"
    assert slugs(finnish, "tyottomyys") == slugs(finnish, "palkka ") == ["aino-virtanen"]  # "Työttömyys", "palkat"
    assert slugs(finnish, "taloustieteilijat") == ["aino-virtanen"]  # "Taloustieteilijä"
    assert slugs(finnish, "ilmastonmuutokseen ") == slugs(finnish, "tulva ") == ["mikko-korhonen"]
    assert slugs(finnish, "rokote ") == ["laura-nieminen"]  # "Rokotteiden"
    assert slugs(finnish, "puolue ") == slugs(finnish, "Eurooppa ") == ["juha-makinen"]  # "puolueet", "Euroopassa"
    assert slugs(finnish, "maahanmuuton ") == slugs(finnish, "Makinen") == ["juha-makinen"]
    assert slugs(finnish, "yliopistossa ") == slugs(finnish, "kaupunki ") == ["sanna-heikkinen"]
    # Snowball's Finnish leaves consonant gradation alone: "talous" and "talouden" keep apart stems,
    # and the prefix typed finds both.
    assert slugs(finnish, "talous ") == ["aino-virtanen"] and slugs(finnish, "talouden ") == ["mikko-korhonen"]
    assert sorted(slugs(finnish, "talou")) == ["aino-virtanen", "mikko-korhonen"]
    english = english_index(write_site_in(tmp_path / "en", "fi", FINNISH_PROFILES))
    assert english.search("rokote ", NO_FILTERS, 10).hits == ()
    assert english.search("puolue ", NO_FILTERS, 10).instead == "puolueet"  # found only as "did you mean"


def test_an_indonesian_site_s_words_are_stemmed_as_indonesian(tmp_path: Path) -> None:
    """site.language "id": a word finds the forms its prefixes and suffixes make; the same profiles
    on an English site do not."""
    indonesian = index_in(tmp_path / "id", "id", INDONESIAN_PROFILES)
    assert indonesian.basis.stemmer == "indonesian"
    assert slugs(indonesian, "bijak ") == slugs(indonesian, "kerja ") == ["siti-rahayu"]  # "Kebijakan", "pekerjaan"
    assert slugs(indonesian, "ekonomi ") == ["siti-rahayu"]  # "perekonomian": "ekonomi", of the family of "ekonom"
    assert slugs(indonesian, "sehat ") == ["dewi-lestari"]  # "Kesehatan"
    assert slugs(indonesian, "memilih ") == slugs(indonesian, "mendidik ") == ["agus-wijaya"]  # "Pemilihan" ...
    english = english_index(write_site_in(tmp_path / "en", "id", INDONESIAN_PROFILES))
    assert english.search("bijak ", NO_FILTERS, 10).hits == ()
    assert english.search("sehat ", NO_FILTERS, 10).hits == ()


def test_a_hindi_site_s_words_are_stemmed_as_hindi(tmp_path: Path) -> None:
    """site.language "hi": a noun's plural and oblique forms find it; the same profiles on an
    English site do not."""
    hindi = index_in(tmp_path / "hi", "hi", HINDI_PROFILES)
    assert hindi.basis.stemmer == "hindi"
    assert slugs(hindi, "किसान ") == ["priya-sharma"]  # "किसानों"
    assert slugs(hindi, "नदी ") == ["rahul-verma"]  # "नदियों"
    assert slugs(hindi, "बच्चा ") == ["anita-singh"]  # "बच्चों"
    assert slugs(hindi, "चुनाव ") == slugs(hindi, "दल ") == ["vikram-gupta"]  # "चुनावों", "दलों"
    english = english_index(write_site_in(tmp_path / "en", "hi", HINDI_PROFILES))
    assert english.search("नदी ", NO_FILTERS, 10).hits == ()
    assert english.search("चुनाव ", NO_FILTERS, 10).instead == "चुनावों"  # found only as "did you mean"


def test_a_cjk_word_is_found_inside_the_text_that_holds_it(unspaced: SearchIndex) -> None:
    """Chinese, Japanese and Korean are written without spaces: a query's letters are found where a
    profile has them, inside a longer run ("研究" in "気候変動の研究者です"), by every pair of them."""
    assert sorted(slugs(unspaced, "研究")) == ["sato-ken", "tanaka-yui", "wang-xiaoming"]
    assert slugs(unspaced, "変動") == slugs(unspaced, "気候変動") == ["tanaka-yui"]  # every pair: not 佐藤's 気候
    assert sorted(slugs(unspaced, "気候")) == ["sato-ken", "tanaka-yui"]
    assert slugs(unspaced, "候変動の") == ["tanaka-yui"]
    assert slugs(unspaced, "変気") == []  # letters of the text, not side by side in it
    assert slugs(unspaced, "연구") == slugs(unspaced, "기후변화") == ["park-minjun"]
    assert slugs(unspaced, "气候 政策") == ["wang-xiaoming"]
    assert slugs(unspaced, "AI研究") == slugs(unspaced, "研究")  # "ai", which no profile has, left out
    assert unspaced.search("AI研究").left_out == ("AI",)


def test_a_cjk_letter_typed_last_is_completed_as_the_start_of_a_pair(unspaced: SearchIndex) -> None:
    """A surname of one letter ("王", "李") is found by the pairs it starts, wherever it is in the
    query: a letter inside a run is a word of it only as part of a pair."""
    assert slugs(unspaced, "王") == slugs(unspaced, "王 ") == slugs(unspaced, "王 研究") == ["wang-xiaoming"]
    assert slugs(unspaced, "李") == ["li-wang"]
    assert slugs(unspaced, "明 ") == []  # last in 王小明: no pair starts with it
    assert sorted(slugs(unspaced, "研究 -王")) == ["sato-ken", "tanaka-yui"]  # left out: those it finds


def test_a_snippet_marks_the_matched_cjk_letters_together(unspaced: SearchIndex) -> None:
    def snippet(text: str) -> str:
        return next(hit.snippet for hit in unspaced.search(text).hits if hit.slug == "tanaka-yui")

    assert snippet("変動").startswith("気候**変動**の研究者です")
    assert snippet("気候変動").startswith("**気候変動**の研究者です")
    assert "**海面上昇**" in snippet("海面上昇")
    assert snippet("研究").count("**研究**") == 3  # headline, and the bio twice


def test_a_cjk_word_left_out_leaves_out_the_experts_holding_all_its_letters(unspaced: SearchIndex) -> None:
    found = unspaced.search("研究 -気候変動")
    assert sorted(hit.slug for hit in found.hits) == ["sato-ken", "wang-xiaoming"]  # 佐藤's 気候 is not 気候変動
    assert found.excluded == ("気候変動",)
    assert unspaced.search("研究 -気象").left_out == ("気象",)  # finds no one
    nothing = unspaced.search("気象")
    assert (nothing.hits, nothing.suggestions) == ((), {})  # no pair of letters is a misspelling of another


def test_half_width_katakana_finds_full_width_and_is_marked(unspaced: SearchIndex) -> None:
    """ "ｴﾈﾙｷﾞｰ", as older systems write katakana, finds "エネルギー" (energy) and the other way
    round, and marks it whole."""
    assert slugs(unspaced, "ｴﾈﾙｷﾞｰ") == slugs(unspaced, "エネルギー") == slugs(unspaced, "ｶﾞｽ") == ["suzuki-taro"]
    assert unspaced.search("ｴﾈﾙｷﾞｰ").hits[0].snippet.startswith("ガスと**エネルギー**政策")


def test_thai_lao_burmese_and_khmer_words_are_found_inside_the_runs_that_hold_them(unspaced: SearchIndex) -> None:
    """Thai, Lao, Burmese and Khmer are written without spaces too ("การเปลี่ยนแปลงสภาพภูมิอากาศ",
    climate change, is one run): a word is found inside a run by its pairs of letters, each letter
    with its vowel signs and tone marks, and marked in the snippet."""
    assert slugs(unspaced, "ภูมิอากาศ") == ["malee-srisuk", "somchai-thongdee"]  # climate, in both
    assert slugs(unspaced, "น้ำท่วม") == ["somchai-thongdee"]  # flood, inside "ศึกษาน้ำท่วมและภัยแล้ง"
    assert slugs(unspaced, "เศรษฐศาสตร์") == ["malee-srisuk"]  # economics, inside "นักเศรษฐศาสตร์"
    assert slugs(unspaced, "นโยบาย ภูมิอากาศ") == ["malee-srisuk"]  # policy and climate
    assert slugs(unspaced, "ภูมิ -น้ำท่วม") == ["malee-srisuk"]
    assert slugs(unspaced, "ทองดี") == ["somchai-thongdee"]  # a surname
    assert slugs(unspaced, "ນັກເສດຖະສາດ") == ["khamphone-vongsa"]  # Lao: economist
    assert slugs(unspaced, "စီးပွားရေး") == ["aung-kyaw"]  # Burmese: economy
    assert slugs(unspaced, "សេដ្ឋកិច្ច") == ["sokha-chan"]  # Khmer: economy
    marked = next(hit.snippet for hit in unspaced.search("นโยบาย ภูมิอากาศ").hits)
    assert marked.startswith("นักเศรษฐศาสตร์ ศึกษา**นโยบายภูมิอากาศ**")


def test_a_thai_letter_is_never_cut_from_its_marks(unspaced: SearchIndex) -> None:
    """A letter with its vowel sign typed alone is completed as one letter ("ภู" stands for the
    pairs it starts, "ภูมิ"), as "王" is; a vowel sign left out makes other pairs, which are left out
    of the query and never corrected (a pair is no misspelling of another)."""
    assert slugs(unspaced, "ภู ") == ["malee-srisuk", "somchai-thongdee"]  # typed, then a space: not the last word
    assert slugs(unspaced, "ภู ทองดี") == ["somchai-thongdee"]
    assert slugs(unspaced, "ภั") == ["somchai-thongdee"]  # "ภัย", not "ภูมิ"
    missing = unspaced.search("ภูมอากาศ")  # "ภูม": no profile holds it
    assert missing.left_out == ("ภูม", "มอ") and missing.suggestions == {}
    assert sorted(hit.slug for hit in missing.hits) == ["malee-srisuk", "somchai-thongdee"]  # by "อากาศ"


def test_cjk_pairs_share_their_first_letters_shard_and_are_never_suggested(unspaced: SearchIndex) -> None:
    files = index_named(search_export.export_index(unspaced, {}))
    meta = search_export.unpacked_meta(json.loads(files["search/index/meta.json"]))
    shard = json.loads(files[f"search/index/t/{'研'.encode().hex()}.json"])
    assert sorted(shard["t"]) == ["研究"] and "研" in meta["shards"] and "研究" not in meta["shards"]
    assert sorted(json.loads(files[f"search/index/t/{'気'.encode().hex()}.json"])["t"]) == ["気候"]
    thai = json.loads(files[f"search/index/t/{'ภ'.encode().hex()}.json"])["t"]  # a Thai letter's, its marks apart
    assert sorted(thai) == ["ภัย", "ภา", "ภูมิ"]
    assert not [key for key in meta["shards"] if len(key) > 1 and UNSPACED_RUN.match(key)]
    assert meta["words"] and not [key for key in meta["words"] if UNSPACED_RUN.match(key)]


def test_stemming_and_stem_families(index: SearchIndex) -> None:
    assert "ana-ruiz-castellanos" in slugs(index, "hurricanes ")
    economists = slugs(index, "economists ", limit=20)
    assert {"ana-ruiz-castellanos", "kwame-asante", "nguyen-thi-mai", "jean-baptiste-mukendi"} <= set(economists)
    assert set(slugs(index, "economics ", limit=20)) == set(economists)


def test_english_words_that_only_looked_alike_to_whoosh_s_porter2_find_apart(index: SearchIndex) -> None:
    """Snowball's English keeps "international" and "internal", "university" and "universal" apart
    (whoosh's Porter2 stemmed each pair alike); "-ogist" and "-ogy" share a stem."""
    international = slugs(index, "international ", limit=20)
    assert "lucia-fernandez-de-la-vega" in international  # "Professor of International Law"
    assert slugs(index, "internal ") == []
    assert len(slugs(index, "university ", limit=50)) > 20
    assert slugs(index, "universal ") == []
    assert slugs(index, "epidemiologist ") == slugs(index, "epidemiology ") == ["chiamaka-okonkwo-adeyemi"]


def test_the_last_word_matches_as_a_prefix(index: SearchIndex) -> None:
    assert slugs(index, "hurri") == ["ana-ruiz-castellanos"]
    assert slugs(index, "hurri ") == []  # a finished word is not a prefix
    assert slugs(index, "coral bleac") == ["siobhan-osullivan"]


def test_letters_joined_by_dots_are_one_word(index: SearchIndex) -> None:
    """A journalist types "U.S. elections" and means what "US elections" finds: not "u" and "s"
    (every possessive's "s")."""
    assert slugs(index, "U.S. elections ")[0] == "rebecca-thornton"  # her headline says "U.S."
    assert slugs(index, "U.S. elections ") == slugs(index, "US elections ") == slugs(index, "u.s elections ")
    assert slugs(index, "U.S. trade ", limit=20) == slugs(index, "US trade ", limit=20) != []
    assert analyse("U.S.-China e.g. 3.5 J.R.R. Tolkien U.S.Army j.smith É.-U.") == [
        ("us", "us"), ("china", "china"), ("eg", "eg"), ("3", "3"), ("5", "5"), ("jrr", "jrr"),
        ("tolkien", "tolkien"), ("us", "us"), ("army", "armi"), ("j", "j"), ("smith", "smith"),
        ("e", "e"), ("u", "u"),
    ]  # fmt: skip
    (hit,) = index.search("US turnout ").hits
    assert "**U.S.**" in hit.snippet  # marked whole, as written
    assert index.search("U.S. expert ").left_out == ("expert",)


def test_a_possessive_is_its_word(index: SearchIndex) -> None:
    """ "children's nutrition" is "children nutrition", not "children", "s" and "nutrition": the
    "s" of every "'s" in the profiles made it find those saying "Europe's", and the straight or
    curly apostrophe alike (a phone writes "children’s")."""
    assert slugs(index, "children's nutrition ") == slugs(index, "children nutrition ") != []
    assert slugs(index, "CHILDREN’S nutrition ") == slugs(index, "children nutrition ")
    assert slugs(index, "Europe's energy ") == ["lars-ostergaard"]
    assert analyse("it's Europe’s O'Sullivan WOMEN'S rock'n'roll") == [
        ("it", "it"), ("europe", "europ"), ("o", "o"), ("sullivan", "sullivan"), ("women", "women"),
        ("rock", "rock"), ("n", "n"), ("roll", "roll"),
    ]  # fmt: skip
    (hit,) = index.search("Europe's energy ").hits
    assert "**Europe's**" in hit.snippet  # marked whole, as written


def test_a_hyphenated_compound_is_found_written_whole(index: SearchIndex) -> None:
    """Profiles write "sea-level", "ultra-processed" and "Al-Ahmad"; a journalist types "sealevel",
    "ultraprocessed" or "Alahmad" (and "sea level" or "sea-level", as before)."""
    assert slugs(index, "sealevel ") == slugs(index, "sea-level ") == ["ingrid-johansson", "tevita-fifita"]
    assert slugs(index, "ultraprocessed ") == ["sofia-esposito"]
    assert slugs(index, "Alahmad ") == ["mohammed-al-ahmad"]
    assert "**sea-level**" in index.search("sealevel ").hits[0].snippet  # marked whole
    assert "sea-**level**" in index.search("level glaciers ").hits[0].snippet  # or a word of it
    assert [token.text for token in indexed(ENGLISH)("well-being")] == ["well", "be", "wellb"]  # parts, then whole
    assert [token.text for token in analyzer(ENGLISH)("well-being")] == ["well", "be"]  # a query's: its parts
    compounds = [token.text for token in indexed(ENGLISH)("COVID-19 U.S.-led x‐ray")]
    assert compounds == ["covid", "19", "us", "led", "x", "ray", "xray"]  # of letters only


def test_two_words_also_find_the_word_they_make(index: SearchIndex) -> None:
    """Profiles write "cybersecurity" and "heat waves", "heatwave" and "wildfires"; journalists type
    either, and "wild" alone is no typo for "wind"."""
    assert slugs(index, "cyber security ") == ["tomasz-wisniewski", "zhang-wei", "david-cohen"]
    assert set(slugs(index, "cyber security ")) == set(slugs(index, "cybersecurity "))
    assert slugs(index, "heat waves ") == ["siobhan-osullivan", "fatima-zahra-benali"]  # "heatwaves" too
    wild = index.search("wild fires ")
    assert [hit.slug for hit in wild.hits] == ["rafael-dos-santos-oliveira"]
    assert (wild.suggestions, wild.left_out, wild.partial) == ({}, (), False)
    assert slugs(index, "cyber secu") == slugs(index, "cyber security ")  # the last word being typed
    assert index.search("heat w").left_out == ("w",)  # joined, like completed, from two letters
    assert slugs(index, "heat w") == slugs(index, "heat ")


def test_a_word_also_finds_the_two_words_that_make_it(index: SearchIndex) -> None:
    """One profile writes "heatwaves", another "heat waves": a journalist typing either finds both,
    and the snippet marks the two words whole."""
    for typed in ("heatwave ", "heatwaves ", "heat waves ", "heat wave "):
        assert slugs(index, typed) == ["siobhan-osullivan", "fatima-zahra-benali"], typed
    hit = index.search("heatwaves ").hits[1]
    assert "during **heat waves**, in Chicago" in hit.snippet
    assert "during **heat waves**, in Chicago" in index.search("heat waves ").hits[1].snippet
    assert index.basis.joins[("heat", "waves")] == "heatwav"  # the pair a profile writes


def test_the_words_that_join_are_those_some_profile_writes_whole() -> None:
    words = ["heatwaves", "heat", "waves", "wave", "abroad", "broad", "online", "line", "covid19", "covid"]
    stems = Analysis().stems
    joins = corpus_joins(words, stems)
    # "a broad" and "on line" have a part under three letters; digits never join
    assert joins == {("heat", "waves"): "heatwav", ("heat", "wave"): "heatwav"}
    folded = Analysis().folded
    assert joined_words("marine Heat waves", joins, folded) == ["heatwav"]
    assert joined_words("heat\u00a0waves and heat\n wave", joins, folded) == ["heatwav", "heatwav"]
    for apart in ("heat, waves", "heat-waves", "heat's waves", "heat waves's", "heatwaves", "heat 2 waves"):
        assert joined_words(apart, joins, folded) == [], apart
    counts, length, _ = Analysis(joins).field("bio", "Heat waves: heat waves.")
    assert (counts, length) == ({"heat": 2, "wave": 2, "heatwav": 2}, 6)
    assert Analysis().field("bio", "Heat waves: heat waves.")[1] == 4  # no joins until the index's words are known


def test_each_expert_analysed_with_the_index_s_joins_scores_as_the_index_does(index: SearchIndex) -> None:
    """The build adds the joined words after the analysis (``_with_joins``, merged with the whole
    word where a profile writes both: "sea-level" and "sea level"); the preview analyses an edited
    expert with them at once (``Analysis(joins)``). Both give every expert the same terms and scores."""
    held: dict[int, dict[str, float]] = {}
    for term, postings in index.scores.items():
        for docnum, score in postings.items():
            held.setdefault(docnum, {})[term] = score
    analysis = Analysis(index.basis.joins)
    for docnum, entry in enumerate(in_az_order(index.site.listed)):
        terms = search.document_terms(entry, index.site, analysis)
        scores = search.document_scores(terms, index.basis, lambda f, t: index.basis.frequencies[f][t])
        assert scores == held[docnum], entry.slug
    ingrid = search.document_terms(index.entries["ingrid-johansson"], index.site, analysis)
    assert sum(counts.get("sealevel", 0) for counts in ingrid.counts.values()) >= 2  # whole and apart


def test_a_snippet_marks_two_words_that_join_as_one_unless_one_is_in_a_compound_marked_whole() -> None:
    def marks(matched: set[str], text: str) -> list[str]:
        marking = search._folding(search._Snippet(frozenset(matched), ENGLISH)) | StemFilter(stemfn=stem)
        return [text[token.startchar : token.endchar] for token in marking(text, chars=True) if token.text in matched]

    assert marks({"heatwav"}, "marine heat waves, heat  waves") == ["heat waves", "heat  waves"]
    assert marks({"levelris"}, "sea-level rise") == ["level rise"]
    assert marks({"sealevel", "levelris"}, "sea-level rise") == ["sea-level"]  # never two marks over one word
    assert marks({"heatwav"}, "heat, waves") == []


def test_every_field_is_searchable(index: SearchIndex) -> None:
    assert slugs(index, "Nairobi ")[0] == "grace-mwangi"  # place
    assert slugs(index, "Kenya ")[0] == "grace-mwangi"  # country name
    assert "zhang-wei" in slugs(index, "Chinese ")  # language name
    assert "kim-ji-eun" in slugs(index, "psychiatry ")  # title
    assert slugs(index, "ransomware ")[0] == "tomasz-wisniewski"  # keywords


def test_a_language_is_found_by_its_own_name(index: SearchIndex) -> None:
    """A journalist of Spanish-language media types "español" on an English site."""
    spanish = set(slugs(index, "", Filters(language="es"), 50))
    assert len(spanish) >= 2
    assert set(slugs(index, "español ", limit=50)) == set(slugs(index, "espanol ", limit=50)) == spanish
    assert set(slugs(index, "Spanish ", limit=50)) == spanish
    assert set(slugs(index, "Deutsch ", limit=50)) == set(slugs(index, "", Filters(language="de"), 50))
    assert "zhang-wei" in slugs(index, "中文 ")


def test_a_country_is_found_by_its_people_s_names(index: SearchIndex) -> None:
    """A journalist in Copenhagen types "Danmark" on an English site."""
    denmark = slugs(index, "", Filters(country="DK"), 50)
    assert denmark == ["lars-ostergaard"]
    assert slugs(index, "Danmark ") == slugs(index, "denmark ") == denmark


def test_a_country_s_names_are_indexed_once() -> None:
    assert search.country_words("CH", "en") == ["CH", "Switzerland", "Schweiz", "Schwiiz", "Suisse"]
    assert search.country_words("CH", "fr") == ["CH", "Suisse", "Switzerland", "Schweiz", "Schwiiz"]
    assert search.country_words("US", "en") == ["US", "United States"]
    assert search.country_words("DE", "es") == ["DE", "Alemania", "Germany", "Deutschland"]
    assert search.country_words("TW", "en") == ["TW", "Taiwan", "台灣"]  # in the script written there


def test_a_language_s_name_is_indexed_once() -> None:
    """English's own name is "English": given twice, it would weigh twice in the field."""
    assert search.language_words(["en", "es"], "en") == ["en", "English", "es", "Spanish", "español"]
    assert search.language_words(["pt-BR"], "de") == ["pt-BR", "Portugiesisch (Brasilien)", "português (Brasil)"]
    assert search.language_words(["de"], "de") == ["de", "Deutsch"]


def test_name_outranks_bio(index: SearchIndex) -> None:
    assert slugs(index, "okafor ")[0] == "samuel-okafor"


def test_facets_combine_with_the_query(index: SearchIndex) -> None:
    assert set(slugs(index, "", Filters(topic="oceans"), 50)) == {
        "siobhan-osullivan", "ingrid-johansson", "pedro-alvarez", "tevita-fifita",
    }  # fmt: skip
    assert slugs(index, "", Filters(topic="oceans", country="CL")) == ["pedro-alvarez"]
    environment = set(slugs(index, "", Filters(topic="environment"), 50))
    assert {"siobhan-osullivan", "ana-ruiz-castellanos"} <= environment  # a parent includes its children
    assert slugs(index, "climate ", Filters(language="es")) == ["ana-ruiz-castellanos", "rafael-dos-santos-oliveira"]
    assert "ingrid-johansson" not in slugs(index, "glaciers ", Filters(available=True))
    assert slugs(index, "", Filters(language="pt"), 50) == [
        "isabel-carvalho",
        "jose-luis-moreno",
        "rafael-dos-santos-oliveira",
    ]
    assert "tevita-fifita" in slugs(index, "", Filters(format="tv"), 50)


def test_empty_query_lists_a_to_z(index: SearchIndex) -> None:
    assert slugs(index, "", Filters(topic="space"), 50) == ["arjun-mehta", "dmitri-sokolov", "hiroshi-tanaka"]


def test_did_you_mean(index: SearchIndex) -> None:
    results = index.search("hurricaine insurance ")
    assert (results.suggestions, results.corrected, results.instead) == (
        {"hurricaine": "hurricane"}, "hurricane insurance", None,
    )  # fmt: skip
    assert index.search("hurricane ").suggestions == {}
    assert index.search("hurricane ").corrected is None
    assert index.search("Hurricaine, insurance").corrected == "hurricane, insurance"


def test_a_word_no_profile_has_that_two_do_is_offered_apart(index: SearchIndex) -> None:
    """No profile writes "foodsecurity", so neither word is found; "food security" finds experts."""
    results = index.search("foodsecurity policy ")
    assert (results.suggestions, results.corrected) == ({"foodsecurity": "food security"}, "food security policy")
    alone = index.search("seaice", NO_FILTERS, 50)
    assert (alone.instead, alone.hits) == ("sea ice", index.search("sea ice", NO_FILTERS, 50).hits)
    words = {"heat": 3, "wave": 1, "heatwa": 9, "ve": 9, "be": 5, "ach": 5, "beach": 2, "tsuna": 1, "mi": 4}
    assert split("heatwave", words) == "heat wave"  # parts of at least three letters
    assert split("heatwaves", {**words, "heatw": 2, "aves": 2}) == "heatw aves"  # its rarer part the most used
    assert split("heatwaves", {**words, "heatw": 1, "aves": 1, "waves": 1}) == "heat waves"  # then the first cut
    assert split("beach", {**words, "beach": 0}) is None  # "be" + "ach": "be" is under three letters
    assert split("tsunami", words) is None
    assert split("heat2wave", {**words, "heat2": 1}) is None  # letters only


def test_a_word_no_profile_has_is_left_out_unless_every_word_is_one(index: SearchIndex) -> None:
    """A search for "climate expert": every result is an expert, and no profile says so; the query is "climate"."""
    climate = index.search("climate ", NO_FILTERS, 50)
    results = index.search("Climate expert", NO_FILTERS, 50)
    assert [hit.slug for hit in results.hits] == [hit.slug for hit in climate.hits]
    assert [hit.score for hit in results.hits] == [hit.score for hit in climate.hits]
    assert (results.left_out, climate.left_out) == (("expert",), ())
    assert index.search("vaccine experts in Kenya").left_out == ("experts",)
    assert index.search("Hurricaine insurance").left_out == ("Hurricaine",)
    assert index.search("Hurricaine insurance").corrected == "hurricane insurance"
    nobody = index.search("qqqzzz xxyyw")  # every word unknown, no suggestion: no one, not everyone
    assert (nobody.total, nobody.left_out, nobody.instead) == (0, (), None)


@pytest.mark.parametrize(
    ("text", "wanted", "excluded"),
    [
        ("climate -energy", "climate  ", ("energy",)),
        ("-climate", " ", ("climate",)),
        ("-U.S. elections", "  elections", ("U.S.",)),
        ("x-ray COVID-19 well- being", "x-ray COVID-19 well- being", ()),  # a hyphen inside or after a word
        ("climate - energy", "climate - energy", ()),  # a hyphen alone
        ("climate\u00a0-energy --tv", "climate\u00a0  --tv", ("energy",)),  # after any space; not two hyphens
    ],
)
def test_a_word_after_a_hyphen_that_follows_a_space_is_left_out(text: str, wanted: str, excluded: tuple[str]) -> None:
    assert search.apart(text) == (wanted, excluded)


def test_the_experts_a_word_after_a_hyphen_finds_are_left_out(index: SearchIndex) -> None:
    """ "climate -energy": the experts "climate" finds but "energy" does not, in the same order with the
    same scores; the word's stem and family leave out ("-economists" leaves out "economics"), but
    it is never completed ("-ener" leaves out no one)."""
    climate, energy = index.search("climate ", NO_FILTERS, 50), set(slugs(index, "energy ", limit=50))
    assert energy & {hit.slug for hit in climate.hits}  # some of each
    results = index.search("climate -energy", NO_FILTERS, 50)
    assert results.hits == tuple(hit for hit in climate.hits if hit.slug not in energy)
    assert (results.total, results.excluded, results.left_out) == (len(results.hits), ("energy",), ())
    unfinished = index.search("climate -ener", NO_FILTERS, 50)
    assert unfinished.hits == climate.hits
    # A word to leave out that finds no one is a word no profile has.
    assert (unfinished.excluded, unfinished.left_out) == ((), ("ener",))
    both = index.search("climate qqqzzz -qqqyyy -energy", NO_FILTERS, 50)
    assert (both.excluded, both.left_out, both.hits) == (("energy",), ("qqqzzz", "qqqyyy"), results.hits)
    economics = set(slugs(index, "economics ", limit=50))
    assert not economics & set(slugs(index, "-economists", limit=50))
    # No word to find: everyone else, A-Z, as a search without words lists them (filters apply).
    everyone = index.search("", NO_FILTERS, 100)
    assert slugs(index, "-climate", limit=100) == [
        h.slug for h in everyone.hits if h.slug not in set(slugs(index, "climate ", limit=100))
    ]
    spanish = Filters(language="es")
    assert slugs(index, "-climate", spanish, 50) == [
        s for s in slugs(index, "", spanish, 50) if s not in slugs(index, "climate ", limit=50)
    ]
    # A misspelt query is corrected around the words left out, and the correction leaves them out too.
    fixed = index.search("hurricaine -florida")
    assert (fixed.instead, fixed.excluded, fixed.total) == ("hurricane -florida", ("florida",), 0)


def test_a_query_of_unknown_words_is_searched_as_corrected(index: SearchIndex) -> None:
    """A query of "hurricaine" or "migración" alone found no one: the results are the
    suggestion's, said so, and "did you mean" is not offered again."""
    for typed, meant in (
        ("hurricaine", "hurricane"),
        ("Migración ", "migration"),
        ("hurricaine qqqzzz", "hurricane qqqzzz"),
    ):
        results, expected = index.search(typed, NO_FILTERS, 50), index.search(meant, NO_FILTERS, 50)
        assert results.hits == expected.hits and results.total == expected.total > 0, typed
        assert (results.query, results.instead, results.corrected) == (typed, meant, None)
    assert index.search("hurricaine qqqzzz").left_out == ("qqqzzz",)  # the corrected query's word left out


def test_where_no_expert_matches_every_word_those_matching_some_do(index: SearchIndex) -> None:
    """A search for "climate kenya": no profile has both; the climate experts and the Kenyan ones,
    by the sum of the words' scores they match, the partial results said so."""
    both = index.search("climate kenya ", NO_FILTERS, 50)
    climate, kenya = (index.search(word, NO_FILTERS, 50) for word in ("climate ", "kenya "))
    assert both.partial and not climate.partial and not kenya.partial
    scores = {hit.slug: hit.score for hit in climate.hits}
    for hit in kenya.hits:
        scores[hit.slug] = round(scores.get(hit.slug, 0.0) + hit.score, 6)
    assert {hit.slug: hit.score for hit in both.hits} == scores
    assert [hit.score for hit in both.hits] == sorted(scores.values(), reverse=True)
    assert both.total == len(scores) > max(climate.total, kenya.total)
    assert not index.search("climate change ").partial  # every word matched: no fallback
    spanish = set(slugs(index, "", Filters(language="es"), 50))
    filtered = index.search("climate kenya ", Filters(language="es"), 50)  # filters apply after
    assert [hit.slug for hit in filtered.hits] == [hit.slug for hit in both.hits if hit.slug in spanish]
    assert filtered.partial and filtered.total > 0
    nobody = index.search("climate kenya ", Filters(topic="space"))
    assert (nobody.total, nobody.partial) == (0, False)


@pytest.mark.parametrize(
    ("text", "suggestions", "expected"),
    [
        ("Migración Chile", {"migracion": "migration"}, "migration Chile"),  # folded as the index folds
        ("rain ai", {"ai": "al"}, "rain al"),  # whole words: not the "ai" in "rain"
        ("  hurricaine  ", {"hurricaine": "hurricane"}, "hurricane"),
        ("x-ray hurricaine", {"hurricaine": "hurricane"}, "x-ray hurricane"),
    ],
)
def test_the_corrected_query_replaces_whole_folded_words(text: str, suggestions: dict[str, str], expected: str) -> None:
    assert search.corrected(text, suggestions) == expected


def test_remembered_analysis_equals_whoosh_analysis(index: SearchIndex) -> None:
    texts = [str(value) for entry in index.entries.values() for value in _document(entry, index.site).values()]
    texts += ["Zürich ZÜRICH zurich", "Straße ǅemal Æsir ﬁnance", "naïve café ½ x²", "ΑΘΗΝΑ Αθήνα", "l'économie"]
    texts += ["U.S.-led e.g. U.S.Army 3.5", "women's WOMEN’S it's O'Sullivan"]
    texts += ["well-being x‐ray COVID-19 state-of-the-art"]
    texts += ["हिन्दी अर्जुन-शर्मा तमिल-हिन्दी", "தமிழ் می\u200cخواهم مُحَمَّد", "Jose\u0301 x\u0301-ray"]
    texts += ["気候変動の研究 AI研究者 王 김지은 𠮷野家", "heat 気候 waves 気-候 ｶﾀｶﾅ"]
    analysis = Analysis()  # each word's folded surface asked for first here
    for text in texts:
        words = [(analysis.folded[raw], analysis.stems[raw]) for raw in WORD.findall(bigrammed(text))]
        assert words == analyse(text)
        assert [folded for folded, _ in words] == [token.text for token in FOLD(text)]
        assert [stemmed for _, stemmed in words] == [token.text for token in analyzer(ENGLISH)(text)]
    analysis = Analysis()  # and here its stem
    for name in FIELD_BOOSTS:  # a field's counts: for texts seen once, and again (a shared field's kept ones)
        for text in texts * 2:
            stems = [token.text for token in indexed(ENGLISH)(text)]  # whoosh reuses one token: take each text at once
            folded = {token.text for token in INDEX_FOLD(text)}
            assert analysis.field(name, text) == (Counter(stems), len(stems), folded)
    assert {name for name, _ in analysis.shared} == SHARED_FIELDS


def test_postings_read_as_the_mapping_they_hold() -> None:
    """A term's scores, kept in two arrays, answer as the dict of the same documents and scores."""
    plain = {2: 1.5, 7: 0.25, 40: 3.0}
    postings = Postings(array("I", plain), array("d", plain.values()))
    assert postings == plain and dict(postings) == plain and plain == postings
    assert list(postings.items()) == list(plain.items()) and list(postings.values()) == list(plain.values())
    assert [postings[doc] for doc in plain] == list(plain.values()) and postings.get(3) is None
    with pytest.raises(KeyError):
        postings[41]
    assert postings != {2: 1.5, 7: 0.25} and postings != Postings(array("I", [2, 7, 40]), array("d", [1.5, 0.25, 2.0]))
    assert pickle.loads(pickle.dumps(postings)) == postings  # noqa: S301 - made here


def test_exported_scores_are_whoosh_matcher_scores(index: SearchIndex) -> None:
    """The bulk score computation equals scoring each term with whoosh's own matcher and BM25F scorer."""
    expected: dict[str, dict[int, float]] = {}
    with index.index.searcher() as searcher:
        for field in FIELD_BOOSTS:
            for raw in searcher.lexicon(field):
                matcher = query.Term(field, raw.decode("utf-8")).matcher(searcher)
                into = expected.setdefault(raw.decode("utf-8"), {})
                while matcher.is_active():
                    into[matcher.id()] = into.get(matcher.id(), 0.0) + matcher.score()
                    matcher.next()
    assert index.scores == {
        t: {d: round(s, SCORE_DECIMALS) for d, s in sorted(ds.items())} for t, ds in sorted(expected.items())
    }
    assert len(index.scores) > 500


def _whoosh_index_contents(ix: Any) -> dict[str, object]:
    """Everything a whoosh index holds that searching or scoring reads."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        count = reader.doc_count_all()
        fields = [name for name in ix.schema.names() if ix.schema[name].indexed]
        return {
            "count": count,
            "postings": list(reader.iter_postings()),
            "frequencies": {(f, t): reader.doc_frequency(f, t) for f in fields for t in reader.lexicon(f)},
            # What the postings were written with besides their weights: their documents' field lengths.
            "terms": {
                (f, t): (info.min_length(), info.max_length(), info.max_weight(), info.weight())
                for f in fields
                for t in reader.lexicon(f)
                for info in [reader.term_info(f, t)]
            },
            "totals": {f: reader.field_length(f) for f in fields},
            "lengths": {f: [reader.doc_field_length(d, f, 0) for d in range(count)] for f in fields},
            "stored": [reader.stored_fields(d) for d in range(count)],
        }


def test_the_index_written_from_counted_terms_equals_whoosh_add_document(index: SearchIndex) -> None:
    """whoosh_segment writes the segment add_document and commit would: every posting, weight, length."""
    reference = RamStorage().create_index(index.index.schema)
    writer = reference.writer()
    folded = Analysis().folded
    for entry in in_az_order(index.site.listed):
        document: dict[str, Any] = dict(_document(entry, index.site))
        for name in FIELD_BOOSTS:
            text = document[name]  # whoosh's own analysis, and the words neighbours make (the index's words known)
            document[name] = [token.text for token in indexed(ENGLISH)(text)] + joined_words(
                bigrammed(text), index.basis.joins, folded
            )
        writer.add_document(**document)
    writer.commit()
    ours, theirs = _whoosh_index_contents(index.index), _whoosh_index_contents(reference)
    assert ours == theirs
    assert ours["count"] == len(index.site.listed) and len(ours["postings"]) > 2000  # type: ignore[arg-type]


def test_the_segment_writer_refuses_counted_terms_for_a_field_without_frequencies() -> None:
    ix = RamStorage().create_index(fields.Schema(slug=fields.ID(stored=True)))
    with pytest.raises(ValueError, match="not a frequency field"):
        write_segment(ix, [{"slug": "a"}], {"slug": {"a": ([0], [1])}}, {"slug": [1]})
    write_segment(ix, [{"slug": "a"}], {}, {})  # the index was left usable: its write lock released
    with ix.searcher() as searcher:
        assert searcher.stored_fields(0) == {"slug": "a"}


def _segment_files(ix: Any) -> dict[str, bytes]:
    """The segment's files by what follows the random segment id in their names (``pst``,
    ``_stored.col``, ...), as bytes."""
    (segment,) = ix._segments()
    if segment.is_compound():
        files = segment.open_compound_file(ix.storage)
        names = files.list()
    else:
        files, names = ix.storage, segment.list_files(ix.storage)
    found = {}
    for name in names:
        with files.open_file(name) as file:
            found[name.split(".", 1)[1]] = file.read()
    return found


Segment = tuple[Any, list[str], list[dict[str, str]], dict[str, dict[str, tuple[list[int], list[int]]]]]


def _many_blocks() -> Segment:
    """A schema and documents whose terms span several posting blocks (299 postings, and exactly two
    blocks of 128), with a document with an empty field and comma-separated keywords whoosh analyses
    itself: the schema, the texts, the fields whoosh analyses and the texts' terms counted."""
    schema = fields.Schema(
        slug=fields.ID(stored=True, unique=True),
        body=fields.TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False, field_boost=2.0),
        tags=fields.KEYWORD(commas=True, lowercase=False),
    )
    texts = []
    for n in range(300):
        words = ["every"] * (1 + n % 5) + (["half"] if n < 257 else []) + [f"w{n % 7}"] * (n % 3)
        texts.append("" if n == 17 else " ".join(words))
    plain = [{"slug": f"e{n:03d}", "tags": "common" + (",odd" if n % 2 else "")} for n in range(300)]
    # Lists whoosh's analysis does not split into distinct, clean items: analysed whole (``lists``).
    for n, tags in zip(range(5, 10), ["dup,dup", "odd, odd", "odd, spaced ", ",lead,odd", ""], strict=True):
        plain[n]["tags"] = tags
    counted: dict[str, dict[str, tuple[list[int], list[int]]]] = {"body": {}}
    for n, text in enumerate(texts):
        for word, frequency in Counter(text.split()).items():
            docnums, frequencies = counted["body"].setdefault(word, ([], []))
            docnums.append(n)
            frequencies.append(frequency)
    return schema, texts, plain, counted


def test_segment_bytes_equal_add_document_over_many_blocks() -> None:
    """Every file of the segment is whoosh's own (``_many_blocks``), the keywords' lists analysed whole
    or item by item."""
    schema, texts, plain, counted = _many_blocks()
    reference = RamStorage().create_index(schema)
    writer = reference.writer(codec=W3Codec(compression=0))
    for n, text in enumerate(texts):
        writer.add_document(body=text, **plain[n])
    writer.commit()
    lengths = {"body": [len(text.split()) for text in texts]}
    for lists in ((), ("tags",)):  # the keywords analysed whole, and item by item
        ours = RamStorage().create_index(schema)
        write_segment(ours, plain, counted, lengths, lists=lists)
        mine, theirs = _segment_files(ours), _segment_files(reference)
        assert mine == theirs
        assert {"pst", "trm"} <= set(mine)


def test_files_that_count_their_position_hold_what_whoosh_files_hold(tmp_path: Path) -> None:
    """A segment written to files that tell their position by counting the bytes written
    (``PositionedStorage``, as ``sitegen search`` writes its index in a process of its own) is the
    same, file for file, as one written to whoosh's own files; the files answer as they would."""
    schema, texts, plain, counted = _many_blocks()
    lengths = {"body": [len(text.split()) for text in texts]}
    written = {}
    for name, storage in (("plain", FileStorage), ("positioned", PositionedStorage)):
        (tmp_path / name).mkdir()
        index = storage(str(tmp_path / name)).create_index(schema)
        write_segment(index, plain, counted, lengths)
        written[name] = _segment_files(index)
    assert written["positioned"] == written["plain"] and {"pst", "trm"} <= set(written["plain"])
    file = PositionedStorage(str(tmp_path)).create_file("probe")
    file.write(b"abc")
    file.write_varint(300)
    assert file.tell() == 5
    file.seek(1)
    file.write(b"B")
    assert file.tell() == 2
    file.seek(0, 2)
    assert file.tell() == 5
    file.close()
    assert (tmp_path / "probe").read_bytes() == b"aBc\xac\x02"


def test_only_published_experts_and_no_private_data_enter_the_index(make_site: SiteFactory) -> None:
    root = make_site(
        {
            "ana-ruiz": PROFILE + "private:\n  note: zebracanary\n",
            "una": PROFILE.replace("Ana Ruiz", "Una Listed") + "status: unlisted\n",
        }
    )
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    assert slugs(index, "ana ") == ["ana-ruiz"]
    assert slugs(index, "una ") == []
    assert slugs(index, "zebracanary ") == []
    assert "zebracanary" not in index.all_terms and "zebracanary" not in index.surface


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--site", str(REPO), "search", *args])
    return result.exit_code, result.stdout, result.stderr


def test_search_opens_the_build_cache_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``search`` reads the cache to check the site and again for its index: one store, opened once
    (opening hashes sitegen's code and sweeps what killed runs left)."""
    import sitegen.cache

    opened: list[Path] = []
    real = sitegen.cache.Store.__init__

    def counted(self: sitegen.cache.Store, site_root: Path, root: Path | None = None) -> None:
        opened.append(site_root)
        real(self, site_root, root)

    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(sitegen.cache.Store, "__init__", counted)
    assert run("hurricane")[0] == 0
    assert opened == [REPO]


def test_cli_text_and_json() -> None:
    code, out, err = run("hurricane", "insurance")
    assert code == 0
    assert out.splitlines()[:4] == [
        "1. Ana Ruiz Castellanos, Associate Professor of Economics",
        "   insurance-risk, extreme-weather, climate-change",
        "   https://experts.lakemont.example/experts/ana-ruiz-castellanos/",
        "   Based in United States · Media: Live, Online, Print, Radio, TV",
    ]
    assert "**Hurricane** **insurance**" in out
    assert err == "1 of 1 experts\n"
    code, out, err = run("hurricaine", "--json")
    data = json.loads(out)
    assert (data["total"], data["suggestions"], data["instead"]) == (1, {"hurricaine": "hurricane"}, "hurricane")
    assert (data["corrected"], data["left_out"], data["results"][0]["slug"]) == (None, [], "ana-ruiz-castellanos")
    code, _, err = run("hurricaine")
    assert err == "1 of 1 experts\nno profile has 'hurricaine': results for 'hurricane'\n"
    code, _, err = run("climate", "expert", "vaccines")
    assert err.splitlines()[-2] == "no profile has 'expert': results without it"
    data = json.loads(run("climate", "expert", "expertise", "--json")[1])
    assert (data["left_out"], data["partial"]) == (["expert", "expertise"], False)
    code, _, err = run("climate", "kenya")
    assert err.splitlines()[-1] == "no expert matches every word: these match some"
    assert json.loads(run("climate", "kenya", "--json")[1])["partial"] is True
    code, _, err = run("Hurricaine", "insurance")
    assert (code, err) == (
        0,
        "3 of 3 experts\nno profile has 'Hurricaine': results without it\ndid you mean 'hurricane insurance'?\n",
    )
    # A word after a hyphen is left out, typed as an argument of its own (not taken for "-e -n ...").
    code, out, err = run("climate", "-energy", "--limit", "1", "-kenya")
    assert (code, err.splitlines()[-1]) == (0, "left out: experts matching 'energy' or 'kenya'")
    assert json.loads(run("-energy", "climate", "--json")[1])["excluded"] == ["energy"]
    assert run("climate", "--limt", "2")[2].endswith("No such option '--limt'. Did you mean '--limit'?\n")
    code, out, _ = run("climate", "--json", "--limit", "2", "--language", "es")
    results = json.loads(out)["results"]
    assert [r["slug"] for r in results] == ["ana-ruiz-castellanos", "rafael-dos-santos-oliveira"]
    assert (results[0]["country"], results[0]["formats"]) == ("US", ["live", "online", "print", "radio", "tv"])


def test_a_search_that_finds_no_one_says_what_found_no_one() -> None:
    """Where filters leave no one the words find, the search says how many they find without them
    (the search page says the same); where the words find no one, it says so, not "0 of 0"."""
    code, out, err = run("climate", "--country", "KE")
    assert (code, out, err) == (0, "", "no expert matches 'climate' with --country KE; 7 do without those filters\n")
    _, _, err = run("hurricane", "--country", "ke", "--format", "TV", "--available")
    assert err == (
        "no expert matches 'hurricane' with --country KE --format tv --available; 1 does without those filters\n"
    )
    _, _, err = run("--country", "KE", "--format", "podcast")
    assert err == "no expert matches --country KE --format podcast; 43 do without those filters\n"
    _, _, err = run("qqqzzz", "--country", "KE")  # the words find no one: the filters are not the reason
    assert err == "no expert matches 'qqqzzz'\n"
    data = json.loads(run("climate", "--country", "KE", "--json")[1])
    assert (data["total"], data["unfiltered"], data["results"]) == (0, 7, [])
    data = json.loads(run("climate", "-energy", "--language", "es", "--json")[1])  # words left out count too
    everyone = json.loads(run("climate", "-energy", "--json")[1])["total"]
    assert (data["total"], data["unfiltered"]) == (2, everyone) and everyone < 7
    assert json.loads(run("climate", "--json")[1])["unfiltered"] is None
    assert run("climate", "--language", "es")[2] == "2 of 2 experts\n"


def test_where_an_expert_is_based_and_their_media_read_as_on_the_search_page() -> None:
    assert based_and_media("CH", ["tv", "radio", "tv"], "en") == "Based in Switzerland · Media: Radio, TV"
    assert based_and_media(None, ["on-camera", "online"], "en") == "Media: On camera, Online"
    assert based_and_media("DE", [], "de") == "Based in Deutschland"
    assert based_and_media(None, (), "en") == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--topic", "ocens"), "sitegen: error: --topic: unknown topic 'ocens' (did you mean 'oceans'?)\n"),
        (("--language", "ess"), "sitegen: error: --language: no published expert has 'ess' (did you mean 'es'?)\n"),
        (
            ("--language", "Spansh"),
            "sitegen: error: --language: no published expert has 'Spansh' (did you mean 'Spanish'?)\n",
        ),
        (
            ("--topic", "ocean and coast"),
            "sitegen: error: --topic: unknown topic 'ocean and coast' (did you mean 'Oceans and coasts'?)\n",
        ),
        (
            ("--country", "Switzerland"),
            "sitegen: error: --country: no published expert has 'Switzerland' (experts have: CL, DK, KE, US)\n",
        ),
        (
            ("--country", "kn"),
            "sitegen: error: --country: no published expert has 'KN' (experts have: CL, DK, KE, US)\n",
        ),
    ],
)
def test_cli_bad_options(args: tuple[str, ...], message: str) -> None:
    code, _, err = run("x", *args)
    assert (code, err) == (2, message)


@pytest.mark.parametrize(
    "args",
    [
        ("--language", "Spanish"),
        ("--language", "español"),
        ("--language", "ESPANOL"),
        ("--language", "ES"),
        ("--country", "United States"),
        ("--country", "usa"),
        ("--country", "us"),
        ("--topic", "climate change"),
        ("--format", "TV"),
    ],
)
def test_cli_filters_take_a_code_in_any_case_or_a_name(args: tuple[str, ...]) -> None:
    """Each filter chooses what its code does: ``--language Spanish`` is ``--language es``."""
    by_code = {"--language": "es", "--country": "US", "--topic": "climate-change", "--format": "tv"}
    code, out, _ = run("climate", "--json", "--limit", "50", *args)
    _, expected, _ = run("climate", "--json", "--limit", "50", args[0], by_code[args[0]])
    assert code == 0
    assert json.loads(out) == json.loads(expected)
    assert json.loads(out)["total"] > 0


def test_search_never_writes_into_the_site(tmp_path: Path) -> None:
    before = sorted(p.name for p in REPO.iterdir())
    run("water")
    assert sorted(p.name for p in REPO.iterdir()) == before


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> SiteModel:
    """A generated directory big enough for the index to use two processes."""
    root = tmp_path_factory.mktemp("generated")
    generate(root, PARALLEL_MIN + 100, 5, 0.0, TODAY)
    site = check_site(root, TODAY).site
    assert site is not None
    return site


def test_an_index_made_in_two_processes_equals_one_made_in_one(
    generated: SiteModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two jobs, half of the experts are analysed in another process and whoosh writes its index in
    another while the terms are scored: the same index, in the same orders."""
    site = generated
    assert can_fork(), threading.enumerate()  # a process with other threads makes its index in one process
    started: list[object] = []

    class Counted(Spawned[Any, object]):
        def __init__(self, function: Any) -> None:
            started.append(function)
            super().__init__(function)

    monkeypatch.setattr(search, "Spawned", Counted)
    one = SearchIndex(site)
    assert started == []
    two = SearchIndex(site, jobs=2)
    assert len(started) == 2
    assert two.data == one.data and len(one.scores) > 5_000
    for name in ("surface", "scores", "facets", "slugs"):
        assert list(getattr(two, name)) == list(getattr(one, name))
    assert [list(terms) for terms in two.basis.frequencies.values()] == [
        list(terms) for terms in one.basis.frequencies.values()
    ]


def test_an_index_whose_statistics_differ_from_whoosh_s_is_refused(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The statistics the scores are made from are computed before whoosh's index is read, then
    compared with it: the least difference stops the build."""
    written = search._written

    def other(*args: Any) -> search._Written:
        made = written(*args)
        return dataclasses.replace(made, averages={**made.averages, "bio": made.averages["bio"] + 1e-9})

    monkeypatch.setattr(search, "_written", other)
    with pytest.raises(BuildError, match="differ from whoosh's"):
        SearchIndex(index.site)


def test_a_failure_beside_the_index_s_other_process_ends_it(
    generated: SiteModel, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Scoring fails while whoosh's process writes: that process is ended (and the analysis's, if
    still running), its folder removed, and the error is the caller's."""
    stopped: list[Spawned[Any, object]] = []

    class Watched(Spawned[Any, object]):
        def stop(self) -> None:
            stopped.append(self)
            super().stop()

    def failing(*args: object) -> None:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob("sitegen-whoosh-*")) and time.monotonic() < deadline:
            time.sleep(0.01)  # until whoosh's process has made its folder
        raise RuntimeError("scoring failed")

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(search, "Spawned", Watched)
    monkeypatch.setattr(SearchIndex, "_term_scores", staticmethod(failing))
    with pytest.raises(RuntimeError, match="scoring failed"):
        SearchIndex(generated, jobs=2)
    assert len(stopped) == 2
    assert all(worker.process.returncode is not None for worker in stopped)
    assert list(tmp_path.iterdir()) == []
