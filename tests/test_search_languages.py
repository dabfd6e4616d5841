"""The search page in real Chromium in a site of another language: its stemmer stems every word as
the index's does, and its top 10 is `sitegen search`'s; British and American spellings alike."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from sitegen import (
    search,
    stem_danish,
    stem_french,
    stem_german,
    stem_italian,
    stem_norwegian,
    stem_portuguese,
    stem_russian,
    stem_spanish,
    stem_swedish,
)
from sitegen.build import build_site
from sitegen.check import check_site
from sitegen.search import SearchIndex, folded_value
from sitegen.templating import theme_dir
from tests.browser import browser_top10, differences_from_the_index, says_search_is_unavailable, serve
from tests.conftest import (
    FINNISH_PROFILES,
    HINDI_PROFILES,
    INDONESIAN_PROFILES,
    MIXED_SPELLINGS,
    RUSSIAN_PROFILES,
    TODAY,
    write_dutch_site,
    write_french_site,
    write_german_site,
    write_italian_site,
    write_nordic_site,
    write_portuguese_site,
    write_site_in,
    write_spanish_site,
)


def spanish_words() -> list[str]:
    """Words ending in every suffix the Spanish stemmer looks for, and in the letters its rules look
    for before them, on roots of every shape (so that RV, R1 and R2 begin before, inside and after
    each suffix), one with a letter beyond the BMP; folded, as the analysis gives them."""
    roots = ["", "a", "u", "ab", "ae", "ar", "ba", "oi", "com", "hac", "xyz", "migr", "polit", "vacun", "trabaj"]
    roots += ["constru", "averigu", "segu", "econom", "niñ", "pingü", "𠮷n", "a𠮷", "𠮷a", "𠮷ab", "biologi"]
    endings = {
        *stem_spanish.PRONOUNS.known,
        *stem_spanish.STANDARD.rules,
        *stem_spanish.Y_VERB.known,
        *stem_spanish.VERBS.known,
    }
    endings |= {*stem_spanish.RESIDUAL.known, "i", "ia", "io", "is", "era", "aria", "eria", "gue", "gues", "guen"}
    endings |= {verb + pronoun for verb in stem_spanish.BEFORE_PRONOUN.known for pronoun in stem_spanish.PRONOUNS.known}
    endings |= {"u" + ending for ending in stem_spanish.Y_VERB.known} | {
        "u" + verb for verb in stem_spanish.BEFORE_PRONOUN.known
    }
    endings |= {"gu" + ending for ending in stem_spanish.GU_VERB}
    before = ["iv", "at", "ativ", "ic", "os", "ad", "abil", "ante", "able", "ible", "u"]
    endings |= {first + ending for first in before for ending in ("amente", "mente", "idad", "idades", "iva", "ivos")}
    endings |= {first + ending for first in before for ending in stem_spanish.AGENTS}
    return sorted({folded_value(root + ending) for root in roots for ending in endings})


def german_words() -> list[str]:
    """Words ending in every suffix the German stemmer looks for, after the letters its rules look
    for before them, on roots of every shape (a "u" or "y" between vowels among them), one with a
    letter beyond the BMP; folded, as the analysis gives them."""
    roots = ["", "a", "ab", "bau", "bay", "aue", "haus", "mark", "wirtschaft", "forsch", "kennt", "ernst"]
    roots += ["politisch", "eu", "oyo", "strass", "𠮷a", "a𠮷", "𠮷ab", "landes", "grun", "ein", "kind", "frau"]
    roots += ["zeit", "arbeit", "stadt", "au", "ei", "tr", "schon", "mu", "ruhe", "freiheit", "bayer", "treue", "see"]
    roots += ["maer", "haeus", "quell", "goeth", "muench", "quae", "aeue"]  # umlauts written out
    endings = {*stem_german.STEP1.known, *stem_german.STEP2.known, *stem_german.STEP3.known, "", "y", "u"}
    endings |= {letter + "s" for letter in "bdfghklmnrtaeo"} | {letter + "st" for letter in "bdfghklmnrtae"}
    endings |= {"niss" + ending for ending in ("e", "en", "es", "")} | {"nis" + ending for ending in ("e", "se")}
    endings |= {first + ending for first in ("ig", "eig", "e", "") for ending in ("end", "ung", "ig", "ik", "isch")}
    endings |= {first + ending for first in ("er", "en", "e") for ending in ("lich", "heit", "lichen", "heiten")}
    endings |= {first + "keit" + last for first in ("lich", "ig", "elich", "") for last in ("", "en")}
    return sorted({folded_value(root + ending) for root in roots for ending in endings})


def french_words() -> list[str]:
    """Words ending in every suffix the French stemmer looks for, after the letters its rules look
    for before them, on roots of every shape ("par", "col" and "tap" among them; a "u" or "i"
    between vowels, a "y" beside one, a "u" after "q"), one with a letter beyond the BMP; folded,
    as the analysis gives them."""
    roots = ["", "a", "ai", "par", "col", "tap", "econom", "polit", "vaccin", "march", "chant", "fin", "cri"]
    roots += ["jou", "pay", "aye", "qu", "oui", "𠮷a", "a𠮷", "𠮷ab", "e", "ou", "heur", "boy", "tr"]
    endings = {*stem_french.STEP1.known, *stem_french.I_VERB.known, *stem_french.VERB.known}
    endings |= {*stem_french.RESIDUAL.known, *stem_french.DOUBLED, "", "s", "es", "is", "us", "os", "y", "ye"}
    endings |= {"ee", "ees", "ames", "at", "ie", "iee", "que", "quee", "eaux", "ement", "ements"}
    endings = {ending.lower() for ending in endings}
    before = ["ic", "iv", "ativ", "eus", "abl", "iqu", "ier", "abil", "at", "icat", "e", "a", "r", "s", "t", "u"]
    for ending in ("ement", "ite", "ive", "ation", "issement", "ment", "ion", "ions", "ant", "as", "it", "ir"):
        endings |= {first + ending for first in before}
    return sorted({folded_value(root + ending) for root in roots for ending in endings})


def portuguese_words() -> list[str]:
    """Words ending in every suffix the Portuguese stemmer looks for, after the letters its rules
    look for before them, on roots of every shape, one with a letter beyond the BMP; folded, as
    the analysis gives them."""
    roots = ["", "a", "ai", "ou", "econom", "polit", "vacin", "migr", "fal", "com", "part", "seg", "gu", "ci"]
    roots += ["nac", "informac", "cidad", "𠮷a", "a𠮷", "𠮷ab", "tr", "ele", "pesquis"]
    endings = {*stem_portuguese.STANDARD.rules, *stem_portuguese.VERB.known, *stem_portuguese.RESIDUAL.known}
    endings |= {"", "e", "ue", "gue", "cie", "ie", "oes", "aoes", "coes", "ao", "ci", "cia", "ira", "eira", "eiras"}
    before = ["iv", "ativ", "at", "os", "ic", "ad", "ante", "avel", "ivel", "abil", "e", "gu", "c"]
    for ending in ("amente", "mente", "idade", "idades", "iva", "ivos", "ira", "iras", "i", "e"):
        endings |= {first + ending for first in before}
    return sorted({folded_value(root + ending) for root in roots for ending in endings})


def italian_words() -> list[str]:
    """Words ending in every suffix the Italian stemmer looks for, after the letters its rules look
    for before them, on roots of every shape (a "u" after "q", an "i" or "u" between vowels), one
    with a letter beyond the BMP; folded, as the analysis gives them."""
    roots = ["", "a", "ai", "au", "io", "qu", "econom", "polit", "vaccin", "migr", "parl", "fin", "cap", "acq"]
    roots += ["guai", "aiuol", "banc", "alber", "stor", "𠮷a", "a𠮷", "𠮷ab", "tr", "responsab", "pubbl", "biolo"]
    endings = {*stem_italian.STANDARD.rules, *stem_italian.VERBS.known, *stem_italian.PRONOUNS.known}
    pronouns = ("", "lo", "gliela", "ne")
    endings |= {verb + pronoun for verb in ("ando", "endo", "ar", "er", "ir", "a") for pronoun in pronouns}
    endings |= {"", "a", "e", "i", "o", "u", "ia", "ie", "io", "ii", "ca", "che", "ghi", "chi", "ga", "ch", "gh"}
    endings |= {"ero", "ira", "iro", "ua", "uia", "aio", "eu"}
    before = ["iv", "ativ", "at", "icat", "os", "ic", "abil", "e", "u", "q"]
    for ending in ("amente", "ita", "ivo", "iva", "azione", "atore", "mente", "i", "o"):
        endings |= {first + ending for first in before}
    return sorted({folded_value(root + ending) for root in roots for ending in endings})


def dutch_words() -> list[str]:
    """Words ending in every suffix the Dutch stemmer looks for, after the letters its rules look for
    before them, on roots of every shape (a "y" first or after a vowel, an "i" between vowels, a
    vowel doubled before the last letter), some with a letter beyond the BMP; folded, as the
    analysis gives them."""
    roots = ["", "a", "y", "ay", "aia", "ei", "kind", "boek", "huis", "gezond", "econom", "overstrom", "verkiez"]
    roots += ["ge", "gem", "lop", "koning", "vriend", "𠮷a", "a𠮷", "𠮷ab", "baa𠮷", "maan", "tr", "mooi", "hoi"]
    endings = {"heden", "ene", "en", "se", "s", "e", "heid", "baar", "lijk", "bar", "end", "ing", "ig", ""}
    before = ("k", "d", "t", "kk", "dd", "tt", "j", "a", "gem", "c", "ig", "eig")
    endings |= {first + last for first in before for last in endings}
    endings |= {"enheid", "elijk", "elijke", "ebar", "aan", "eet", "oon", "uur", "aai", "ooi", "yen", "ye", "iy"}
    endings |= {"aa𠮷"}
    endings |= {first + "heid" for first in ("en", "gemen", "kken", "c")} | {"eigend", "igend", "iging", "tting"}
    return sorted({folded_value(root + ending) for root in roots for ending in endings})


def nordic_words(module: Any) -> list[str]:
    """Words ending in every suffix the Swedish, Danish or Norwegian stemmer (``module``) looks for,
    after the letters its rules look for before them, on roots of every shape (R1 before, inside
    and after each suffix), some with a letter beyond the BMP; folded, as the analysis gives them."""
    roots = ["", "a", "ab", "ko", "ekonom", "forsk", "arbetsl", "val", "politik", "sjukv", "tr", "𠮷a", "a𠮷"]
    roots += ["𠮷ab", "bankkont", "kobenh", "klimatforandr", "hælse", "sundh", "bodd", "hopp", "ae", "æb"]
    roots += ["kvinn", "hemlig", "kommun", "sykehus", "kjærlig", "vitenskap", "osl", "nord", "ei", "ø"]
    endings = {"", "s", "t", "st", "igst", "lost", "fullt", "ert", "erte", "ks", "aks"}
    endings |= {*module.STEP1.known, *module.STEP2.known, *module.STEP3.known}
    endings |= {letter + "s" for letter in "abdjkoseæz"} | {letter * 2 for letter in "dgkst"}
    endings |= {first + last for first in ("gd", "dt", "kt", "vt", "ig", "el", "l") for last in ("", "e", "er", "ig")}
    endings |= {first + last for first in ("lig", "els", "elig", "ig") for last in ("dt", "gt", "t", "")}
    return sorted({folded_value(root + ending) for root in roots for ending in endings})


def indonesian_words() -> list[str]:
    """Words with every prefix, suffix, possessive and particle the Indonesian stemmer looks for,
    alone and together (a first prefix and a second, "k" before "an", "s" before "i", "r", "l" and
    "lajar", a consonant and "er" after "be", a vowel or "y" after "mem", "men", "pem", "pen"), on
    roots of every count of vowels, some with a digit or a letter beyond the BMP."""
    roots = ["", "a", "ai", "ajar", "kerja", "baik", "sapu", "yakin", "ya", "y", "akai", "ukur", "r", "l"]
    roots += ["lajar", "kerj", "tas", "es", "abc", "k", "s", "didik", "bijak", "ekonomi", "co2a", "𠮷a", "a𠮷ia"]
    roots += ["aer", "oera"]  # a vowel, then "er", after "be"
    firsts = ["", "di", "ke", "me", "mem", "men", "meng", "pem", "pen", "peng", "ter", "meny", "peny", "memp"]
    seconds = ["", "be", "pe", "ber", "per", "bel", "pel", "bek", "bet"]
    ends = ["", "i", "an", "kan", "si", "ki", "ian", "nya", "ku", "mu", "kah", "lah", "pun", "kannya", "inyalah"]
    ends += ["kanmu", "iku", "anpun", "nyakah"]
    return sorted(
        {first + second + root + end for first in firsts for second in seconds for root in roots for end in ends}
    )


HINDI_SUFFIXES = (
    "अताएं", "अताओं", "अनाएं", "अनाओं", "आइयाँ", "आइयां", "आइयों", "आऊंगा", "आऊंगी", "आएंगी", "आएंगे",
    "ाइयाँ", "ाइयां", "ाइयों", "ाऊंगा", "ाऊंगी", "ाएंगी", "ाएंगे", "अतीं", "आएगा", "आएगी", "आओगी",
    "आओगे", "आतीं", "इयाँ", "इयां", "इयों", "ऊंगा", "ऊंगी", "एंगी", "एंगे", "ाएगा", "ाएगी", "ाओगी",
    "ाओगे", "ातीं", "ियाँ", "ियां", "ियों", "ूंगा", "ूंगी", "ेंगी", "ेंगे", "अकर", "अता", "अती", "अते",
    "अना", "अनी", "अने", "आइए", "आईं", "आएं", "आओं", "आकर", "आता", "आती", "आते", "आना", "आने", "आया",
    "उआं", "उएं", "उओं", "एगा", "एगी", "ओगी", "ओगे", "ाइए", "ाईं", "ाएं", "ाओं", "ाकर", "ाता", "ाती",
    "ाते", "ाना", "ाने", "ाया", "ुआं", "ुएं", "ुओं", "ेगा", "ेगी", "ोगी", "ोगे", "आँ", "आं", "आई", "आए",
    "आओ", "इए", "ईं", "एं", "ओं", "ाँ", "ां", "ाई", "ाए", "ाओ", "िए", "ीं", "ें", "ों", "अ", "आ", "इ",
    "ई", "उ", "ऊ", "ए", "ओ", "ा", "ि", "ी", "ु", "ू", "े", "ो", "्", "ताएं", "नाएं", "ताओं", "नाओं",
    "तीं", "कर", "ता", "ना", "ती", "नी", "ते", "ने",
)  # fmt: skip
"""The suffixes Snowball's Hindi algorithm removes (the last twelve only after a consonant)."""


def hindi_words() -> list[str]:
    """Words ending in every suffix the Hindi stemmer looks for, after a consonant (those written
    with a nukta as one code point too), a nukta, a vowel sign, a vowel or nothing, on roots of
    every length (the first letter never goes), some with a digit or a letter beyond the BMP;
    folded, as the analysis gives them (it keeps Devanagari as written)."""
    roots = ["", "क", "अ", "ा", "कि", "किसान", "चुनाव", "बच्च", "नद", "लड़क", "राजनीत", "वैज्ञानिक", "१२", "𠮷", "क𠮷"]
    before = ["", "क", "त", "न", "ह", "ड\u093c", "\u093c", "ा", "ि", "अ", "ए", "्", "ं", "x"]
    before += [chr(code) for code in (0x0929, 0x0931, 0x0934, *range(0x0958, 0x0960))]  # one code point each
    endings = {first + suffix for first in before for suffix in ["", *HINDI_SUFFIXES]}
    return sorted({folded_value(root + ending) for root in roots for ending in endings})


def russian_words() -> list[str]:
    """Words ending in every ending the Russian stemmer looks for, after "а" or "я" and other
    letters, a reflexive, a participle or "и" before them, on roots of every shape (RV and R2
    before, inside and after each ending), some with "ё" or a letter beyond the BMP; folded, as the
    analysis gives them."""
    roots = ["", "а", "в", "ст", "эконом", "выбор", "полит", "мигр", "ёлк", "дел", "чита", "гуля", "ост", "н"]
    roots += ["красив", "длин", "стоим", "𠮷а", "а𠮷", "𠮷ав", "исследова", "действ", "уй", "ий", "ейш"]
    module = stem_russian
    endings = {"", "и", "ь", "н", "нн", "ост", "ость", "ейш", "ейше", "нни", "ости", "ейшь", "ся", "сь"}
    for group in (module.GERUND_A, module.GERUND, module.ADJECTIVE, module.PARTICIPLE_A, module.PARTICIPLE):
        endings |= group.known
    for group in (module.VERB_A, module.VERB, module.NOUN, module.SUPERLATIVE, module.DERIVATIONAL):
        endings |= group.known
    endings |= {
        before + ending for before in ("а", "я", "о") for ending in {*module.GERUND_A.known, *module.VERB_A.known}
    }
    endings |= {before + ending for before in ("а", "я", "ив", "ующ") for ending in module.ADJECTIVE.known}
    endings |= {ending + reflexive for ending in module.VERB.known for reflexive in ("ся", "сь")}
    return sorted({folded_value(root + ending) for root in roots for ending in endings})


FINNISH_ENDINGS = {
    "particles": ("kaan", "kään", "sti", "kin", "han", "hän", "ko", "kö", "pa", "pä"),
    "possessives": ("nsa", "nsä", "mme", "nne", "ni", "si", "an", "än", "en"),
    "cases": (
        *("a", "ä", "lla", "llä", "na", "nä", "ssa", "ssä", "ta", "tä", "lta", "ltä", "sta", "stä", "tta", "ttä"),
        *("lle", "ine", "ksi", "n", "han", "hen", "hin", "hon", "hun", "hän", "hön", "den", "tten", "siin", "seen"),
    ),
    "others": ("eja", "ejä", "mma", "mmä", "imma", "immä", "mpa", "mpä", "impa", "impä", "mmi", "immi", "mpi", "impi"),
}
"""The endings Snowball's Finnish algorithm looks for, step by step, with "ä" and "ö" as written there."""


def finnish_words() -> list[str]:
    """Words ending in every ending the Finnish stemmer looks for, in the orders its steps take
    them off, after the letters its rules look for (a vowel or "n" before a particle, "k" before
    "si", "kse" before "ni", a long vowel or "ie" before "n", "po" before "mma", doubled consonants
    and "oj", "jo" at the end), on roots of every shape (R1 and R2 before, inside and after each
    ending), some with a digit or a letter beyond the BMP; folded, as the analysis gives them."""
    roots = ["", "a", "o", "ka", "ai", "aj", "tr", "talo", "kirj", "tutkij", "yliopist", "helsing", "suome", "politiik"]
    roots += ["ilmast", "rokot", "tyt", "kysyn", "maa", "tie", "poika", "kuk", "𠮷a", "a𠮷", "𠮷ab", "co2", "æs"]
    cases, others = FINNISH_ENDINGS["cases"], FINNISH_ENDINGS["others"]
    before = ("a", "e", "i", "o", "u", "y", "ö", "aa", "ee", "ii", "uu", "ää", "ie", "ai", "oi", "yi", "k", "t", "n")
    endings = {"", "t", "it", "at", "jat", "ejat", "immat", "mmat", "pommat", "oj", "uj", "jo", "jö", "öj", "kka"}
    endings |= {"kki", "ppa", "ssi", "tto", "kse", "kseni", "ksesi", "ssa", "lla", "na", "ine", "lle", "ta"}
    endings |= {"2a", "22", "ææ", "ææa"}  # doubled, but no consonants
    endings |= {*cases, *others, *FINNISH_ENDINGS["particles"], *FINNISH_ENDINGS["possessives"]}
    endings |= {first + case for first in before for case in cases}
    endings |= {case + last for case in cases for last in (*FINNISH_ENDINGS["possessives"], "kin", "han", "ko")}
    endings |= {first + last for first in (*before, "ks", "ll", "ss") for last in FINNISH_ENDINGS["possessives"]}
    endings |= {first + last for first in (*before, "ks", "st") for last in FINNISH_ENDINGS["particles"]}
    endings |= {first + other + last for first in ("", "po", "a") for other in others for last in ("", "t", "n", "ssa")}
    return sorted({folded_value(root + ending) for root in roots for ending in endings})


STEMMED_SITES: dict[str, tuple[Callable[[Path], Path], Callable[[], list[str]], list[str], list[str]]] = {
    "es": (
        write_spanish_site,
        spanish_words,
        ["dándoselo ÁRBOLES Pingüinos niño", "𠮷nacion migraciones"],
        [
            *["migraciones", "migracion", "Migración", "MIGRACIONES", "economistas", "economía", "economi"],
            *["vacunas", "vacunaciones", "vacunar", "politicos", "política", "secretario", "historias"],
            *["historiador", "desinformacion", "verificaciones", "migr", "vacunac", "elecciones", "partido politico"],
            *["asilo europa", "datos redes", "migracion -historia", "salario", "inflacion juvenil", "migrasion"],
        ],
    ),
    "fr": (
        write_french_site,
        french_words,
        ["Où ÉTAIENT-ils? Noël, naïve, maïs, payer, quelque", "𠮷ation économiquement"],
        [
            *["economistes", "Économique", "économie", "ECONOMIE", "politique ", "politiques", "climatiques"],
            *["énergie ", "energies", "vaccins", "vaccination", "election", "élections", "électorale"],
            *["migration", "histoires", "premiere", "premier", "premières", "santé publique", "campagnes"],
            *["enfants", "travail", "chomage", "Europe", "canicule", "renouvelable", "politi", "econ"],
        ],
    ),
    "pt": (
        write_portuguese_site,
        portuguese_words,
        ["Não ÔNIBUS você, órgãos irmãos pães", "𠮷acoes informações"],
        [
            *["economicas", "Economistas", "economia", "politica ", "políticas", "vacinas", "vacinacao"],
            *["eleicao", "eleições", "migracao", "nacao", "nações", "climatica", "energia ", "renovaveis"],
            *["saude publica", "Brasil", "campanhas", "historia", "secas", "desemprego", "polit", "vacin"],
            *["mudancas climaticas -brasil", "economa", "lusofona"],
        ],
    ),
    "it": (
        write_italian_site,
        italian_words,
        ["Perché QUALE acqua, aiuole: guai! Università", "𠮷azione parlandogli"],
        [
            *["economisti", "Economista", "economia", "politica ", "politiche", "vaccino ", "Vaccinazioni"],
            *["sanita", "sanità", "elezione", "migrazione", "universita", "siccita", "energia ", "rinnovabile"],
            *["storia", "Italia", "campagna elettorale", "disoccupazione giovanile", "polit", "vacc"],
            *["migrazioni -europa", "econmia", "climatici"],
        ],
    ),
    "nl": (
        write_dutch_site,
        dutch_words,
        ["Coördinatie, ideeën: YOGHURT in België", "𠮷heden baa𠮷"],
        [
            *["economisch", "Economische", "overstroming", "overstromingen", "duurzaam", "duurzame", "gezond "],
            *["gezondheid", "coordinatie", "Coördinatie", "verkiezing ", "politiek ", "partijen", "Europese Unie"],
            *["migratie", "geschiedenis", "steden", "werkloosheid", "werkloos", "klimaat", "verkiez", "econ"],
            *["vaccinaties -kinderen", "overstromingn", "energie"],
        ],
    ),
    "sv": (
        partial(write_nordic_site, language="sv"),
        partial(nordic_words, stem_swedish),
        ["Arbetslöshet, FÖRETAGENS villkor; sjukvårdens beredskap", "𠮷arna bankkontos"],
        [
            *["arbetslos", "Arbetslöshet", "foretag", "företagens", "klimatforandring", "sjukvard ", "politisk"],
            *["parti", "vaccinationer", "energi", "Norden", "klimat", "forandr", "arbetslosa -sverige", "sjukvrd"],
        ],
    ),
    "da": (
        partial(write_nordic_site, language="da"),
        partial(nordic_words, stem_danish),
        ["Arbejdsløshed, ØKONOMISK ulighed i København", "𠮷erne hurtigste"],
        [
            *["okonomisk", "Økonomisk", "arbejdsloshed", "klimaforandring", "kobenhavn", "København", "folkesundhed"],
            *["valg", "politiske partier", "vaccination", "oversvommelse", "okon", "valget -danmark", "klimaforandrng"],
        ],
    ),
    "nb": (
        partial(write_nordic_site, language="nb"),
        partial(nordic_words, stem_norwegian),
        ["Arbeidsledighet og ØKONOMISK ulikhet i Tromsø", "𠮷ene kjørte"],
        [
            *["arbeidsledig", "Arbeidsledighet", "klimaendring", "tromso", "Tromsø", "folkehelse", "valg", "politisk"],
            *["partiene", "vaksinasjon", "okonomisk", "flom", "klimaend", "valgene -norge", "folkehelsn"],
        ],
    ),
    "fi": (
        partial(write_site_in, language="fi", profiles=FINNISH_PROFILES),
        finnish_words,
        ["Työntekijöiden PÄÄTÖKSISTÄ, tyttöjä; Joensuuhun", "𠮷ssa kaupungissamme"],
        [
            *["tyottomyys", "Työttömyys", "palkka ", "taloustieteilijat", "ilmastonmuutokseen ", "tulva ", "rokote "],
            *["puolue ", "Eurooppa ", "maahanmuuton ", "Makinen", "yliopistossa ", "kaupunki ", "historia"],
            *["ilmast", "rokot", "vaalit -helsinki", "kansanterveyttä", "energiaa"],
        ],
    ),
    "id": (
        partial(write_site_in, language="id", profiles=INDONESIAN_PROFILES),
        indonesian_words,
        ["Pemerintahan, PENDIDIKAN; memperbaiki kebijakannya", "𠮷kan menyapu"],
        [
            *["kebijakan", "bijak ", "pendidikan", "didik ", "pekerjaan", "bekerja", "kerja ", "ekonomi"],
            *["perekonomian", "pemilihan", "pilih ", "kesehatan", "sehat ", "iklim", "banjir", "Jakarta"],
            *["pendid", "kebija", "pemilu -jakarta", "kesehatn"],
        ],
    ),
    "hi": (
        partial(write_site_in, language="hi", profiles=HINDI_PROFILES),
        hindi_words,
        ["किसानों की आय, चुनावों में लड़कियाँ और लड़कियां", "𠮷ों बच्चे"],
        [
            *["किसान", "किसानों", "चुनाव ", "चुनावों", "बच्चे", "बच्चा ", "नदी ", "नदियाँ", "दल ", "राजनीतिक"],
            *["बाढ़", "स्वास्थ्य", "किसा", "चुना", "बच्चों -बाढ़", "चुनवों"],
            *["बाढ", "बेरोजगारी", "महन्गाई", "लोकतन्त्र"],  # without the nukta, a nasal for the anusvara
        ],
    ),
    "ru": (
        partial(write_site_in, language="ru", profiles=RUSSIAN_PROFILES),
        russian_words,
        ["Пётр ЁЛКА, выборы; безработица", "𠮷ость действующая"],
        [
            *["экономисты", "Экономист", "экономического", "безработицы ", "климата ", "наводнение", "Петр"],
            *["Пётр", "вакцинации", "выборах ", "миграции", "партии", "Европе", "эконом", "выбо"],
            *["миграция -европа", "вакцинацыя", "здравоохранения"],
        ],
    ),
    "de": (
        write_german_site,
        german_words,
        ["Größe MÄRKTE Straße Bauen Bayern", "𠮷ung Kenntnisse"],
        [
            *["Markt", "markte", "Märkte", "MÄRKTEN", "wirtschaftlich", "Wirtschaft", "Politik", "politisch"],
            *["Strasse", "Straße", "Haus", "Häuser", "gesund", "Gesundheit", "Forschung", "Forscherin", "Klima"],
            *["Maerkte", "Haeuser", "oeffentliche", "Ernaehrung", "Quellen"],
            *[
                "Energie",
                "Wahl",
                "Wahlen Europa",
                "Geschichte -Berlin",
                "Klimaw",
                "Ernährung",
                "ernahrung",
                "Hitzewele",
            ],
        ],
    ),
}
"""A site written in a language with a stemmer of its own: its writer, the words to stem, texts
to analyse and queries."""


@pytest.mark.parametrize("language", sorted(STEMMED_SITES))
def test_a_site_s_page_stems_and_ranks_in_its_language_as_sitegen_search_does(
    browser: Browser, tmp_path: Path, language: str
) -> None:
    """A site whose language has a stemmer of its own ("es", "fr", "pt-BR", "de", "it", "nl-BE", "sv",
    "da", "nb", "fi", "id", "hi", "ru"): the search page loads the language's stemmer, which stems every word as
    the index's does, and its top 10 is the index's."""
    write, generated, texts, queries = STEMMED_SITES[language]
    root = write(tmp_path / language)
    build_site(root, None, TODAY)
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    stem, name = search.STEMS[index.basis.stemmer], index.basis.stemmer
    assert name != "english"
    words = generated()
    assert len(words) > 3_000
    page = browser.new_page()
    with serve(root / "_site") as url:
        page.goto(url + "/search/")
        page.wait_for_selector("#search-form[data-state=done]")
        got = page.evaluate("([name, words]) => words.map(w => window.sitegenSearch.stemmers[name](w))", [name, words])
        assert [(w, g, stem(w)) for w, g in zip(words, got, strict=True) if g != stem(w)] == []
        assert len(set(got)) < len(words) / 2  # the endings come off
        texts = [f"{e.expert.name} {e.expert.headline} {e.expert.bio}" for e in site.listed] + texts
        got = page.evaluate(
            "texts => texts.map(t => window.sitegenSearch.words(t).map(w => [w.surface, w.stem]))", texts
        )
        assert got == [[list(pair) for pair in index.words(text)] for text in texts]
        assert differences_from_the_index(page, url, index, [(q, {}) for q in queries]) == {}
    page.close()


def test_british_and_american_spellings_find_each_other_on_the_page(browser: Browser, tmp_path: Path) -> None:
    """In a directory spelt both ways, the page reads a British spelling as the American one, as
    the index does: the same top 10 as `sitegen search` for either spelling, the profiles' words
    stemmed as the index stems them, and each result's words marked as spelt there."""
    root = write_site_in(tmp_path / "en", "en", MIXED_SPELLINGS)
    build_site(root, None, TODAY)
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    queries = ["paediatric", "pediatric", "tumour", "tumors", "organisation", "organization", "programme ", "program"]
    queries += ["behaviours", "paediatric tumor", "labor law", "labour", "modernization", "centre", "pediatr", "paedi"]
    page = browser.new_page()
    with serve(root / "_site") as url:
        page.goto(url + "/search/")
        page.wait_for_selector("#search-form[data-state=done]")
        texts = [f"{e.expert.name} {e.expert.headline} {e.expert.bio}" for e in site.listed]
        got = page.evaluate(
            "texts => texts.map(t => window.sitegenSearch.words(t).map(w => [w.surface, w.stem]))", texts
        )
        assert got == [[list(pair) for pair in index.words(text)] for text in texts]
        assert differences_from_the_index(page, url, index, [(q, {}) for q in queries]) == {}
        assert browser_top10(page, url, "tumour", {}) == ["harriet-clarke", "mason-reed"]
        marks = page.eval_on_selector_all(
            "#results li", "items => items.map(i => [...i.querySelectorAll('mark')].map(m => m.textContent))"
        )
        assert marks == [["tumour"], ["tumor"]]
    page.close()


def test_a_search_page_without_its_site_s_stemmer_says_search_is_unavailable(browser: Browser, tmp_path: Path) -> None:
    """A site's own search.html that leaves out the stemmer's scripts: rather than stem queries
    unlike the index, the page says search is unavailable."""
    root = write_spanish_site(tmp_path / "es")
    own = (theme_dir() / "search.html").read_text(encoding="utf-8")
    assert "stemmer_scripts" in own
    (root / "templates").mkdir()
    (root / "templates" / "search.html").write_text(
        re.sub(r"\{% for script in stemmer_scripts %\}.*\n\{% endfor %\}\n", "", own), "utf-8"
    )
    build_site(root, None, TODAY)
    assert "stem/spanish.js" not in (root / "_site" / "search" / "index.html").read_text(encoding="utf-8")
    page = browser.new_page()
    with serve(root / "_site") as url:
        page.goto(f"{url}/search/?q=migracion")
        says_search_is_unavailable(page)
    page.close()
