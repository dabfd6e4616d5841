"""The search page in real Chromium: the same analysis and the same top 10 as `sitegen search --json`."""

from __future__ import annotations

import json
import random
import re
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Dialog, Page, Request, Route, expect
from whoosh.lang.porter2 import stem as whoosh_porter2
from whoosh.support.charset import accent_map

from sitegen import (
    search,
    search_export,
    stem_english,
)
from sitegen.build import build_site
from sitegen.check import check_site
from sitegen.cli import main
from sitegen.search import NO_FILTERS, Filters, SearchIndex, folded_value
from sitegen.spelling import american_stems
from sitegen.templating import theme_dir
from tests.browser import browser_top10, differences_from_the_index, run_axe, serve
from tests.conftest import (
    PROFILE,
    REPO,
    SITE_TOML,
    TODAY,
    copy_sample,
    index_name,
    write_unspaced_site,
)

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("hurricane", {}),
    ("hurricanes insurance", {}),
    ("economists", {}),
    ("economics", {}),
    ("climate change", {}),
    ("climate", {"language": "es"}),
    ("JOSÉ", {}),
    ("jose", {}),
    ("zurich", {}),
    ("Zürich", {}),
    ("migración", {}),
    ("migration", {}),
    ("hurri", {}),
    ("hurricaine", {}),
    ("elections", {}),
    ("election pol", {}),
    ("vaccines", {}),
    ("vaccination kenya", {}),
    ("ocean", {"country": "CL"}),
    ("", {"topic": "space"}),
    ("", {"topic": "environment", "format": "tv"}),
    ("", {"language": "fr"}),
    ("ai", {}),
    ("artificial intelligence", {}),
    ("cyber", {"available": "1"}),
    ("Østergaard", {}),
    ("nguyen", {}),
    ("spanish tv", {}),
    ("español", {}),  # a language by its own name
    ("deutsch radio", {}),
    ("climate expert", {}),  # a word no profile has is left out
    ("vaccine experts kenya", {}),
    ("hurricaine insurance", {}),
    ("climate kenya", {}),  # no expert matches every word: those matching some
    ("climate kenya", {"language": "es"}),
    ("tv interview about elections", {}),
    ("someone who speaks spanish about migration", {}),
    ("live radio", {"topic": "politics-law"}),
    ("water", {}),
    ("food safety", {}),
    ("press freedom journalists", {}),
    ("glacier", {"available": "1"}),
    ("coral reef", {}),
    ("energy prices", {}),
    ("mental health teenagers", {}),
    ("الاحمد", {}),  # محمد الأحمد, typed without the hamza
    ("مُحَمَّد ", {}),  # vocalised
    ("ΕΛΕΝΗ ΠΑΠΑΔΟΠΟΥΛΟΥ", {}),  # Ελένη Παπαδοπούλου, in capitals (no tonos)
    ("ελενη", {}),
    ("Al-Ahmad", {}),
    ("지은", {}),  # Korean, Chinese: read in pairs of letters
    ("김", {}),  # a surname of one letter
    ("정신건강", {}),
    ("智能", {}),
    ("深度伪造 elections", {}),
    ("深度偽造", {}),  # in traditional characters
    ("偽", {}),
    ("ransom", {"format": "podcast"}),
    ("U.S. elections", {}),  # letters joined by dots: one word
    ("elections u.s", {}),
    ("children's nutrition", {}),  # a possessive is its word
    ("Europe’s energy", {}),
    ("danmark", {}),  # a country as its people name it
    ("sealevel", {}),  # a profile's hyphenated compound, written whole
    ("alahmad", {}),
    ("cyber security", {}),  # two words also find the word they make
    ("heat waves", {}),
    ("wild fires", {"format": "tv"}),
    ("heat w", {}),
    ("cyber secu", {}),
    ("heatwaves", {}),  # a word also finds the two words that make it
    ("mentalhealth teenagers", {}),
    ("humanrights", {"language": "es"}),
    ("seaice", {}),  # no profile has it, two words do: searched as "sea ice"
    ("हिन्दी", {}),  # a language by its own name, in a script with vowel signs inside its words
    ("हि", {}),
    ("हिंदी", {}),  # written with the anusvara for the profiles' nasal
    ("தமிழ் radio", {}),
    ("Jose\u0301", {}),  # an accent typed as a combining mark: read in NFC
    ("labor", {}),  # the profiles write "labour": read as the American spelling
    ("program space", {}),
    ("decarbonization", {}),
    ("labour market", {}),
    ("school programmes", {}),
    ("climate -energy", {}),  # a word after a hyphen: its experts left out
    ("-climate", {"language": "es"}),
    ("-climate -energy", {}),
    ("hurricaine -florida", {}),
    ("hurricaine -tokyo", {}),
    ("climate -ener", {}),
    ("x-ray", {}),
]


def cli_json(site: Path, *args: str) -> dict[str, Any]:
    """``sitegen search ARGS --json``'s answer."""
    result = CliRunner().invoke(main, ["--site", str(site), "search", *args, "--json"])
    assert result.exit_code == 0, result.output
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def cli_top10(site: Path, text: str, filters: dict[str, str]) -> list[str]:
    args = [*text.split(), "--limit", "10"]
    for name, value in filters.items():
        args += ["--available"] if name == "available" else [f"--{name}", value]
    return [hit["slug"] for hit in cli_json(site, *args)["results"]]


def note_index_file(into: list[str], request: Request) -> None:
    """Note a request's path under /search/index/ (its whole URL for the page's other files)."""
    into.append(index_name(request.url))


def note_state(into: list[str], state: str) -> None:
    """Note the search form's data-state as the page changes it."""
    into.append(state)


def each_in_a_new_context(
    browser: Browser, url: str, index: SearchIndex, queries: list[tuple[str, dict[str, str]]]
) -> tuple[dict[str, tuple[list[str], list[str]]], set[str]]:
    """Each query in a browser context of its own (nothing cached: every file it needs is fetched):
    those whose top 10 is not the index's, and every index file the queries fetched."""
    differences: dict[str, tuple[list[str], list[str]]] = {}
    fetched: list[str] = []
    for query in queries:
        context = browser.new_context()
        page = context.new_page()
        page.on("request", partial(note_index_file, fetched))
        differences.update(differences_from_the_index(page, url, index, [query]))
        context.close()
    return differences, set(fetched)


TRICKY = [*"aBéØßİ1²Ⅻ_", ".", ".", "'", "’", "-", "‐", " ", "s", "S", "中", "ह", "ि", "्", "\u0301", "\u200c", "\u200d"]
TRICKY += ["ά", "Σ", "ς", "ё", "ָ", "\u0307", "أ", "ة", "ـ", "٢", "ガ", "ﾞ", "ﾟ", "゛", "\u3099"]
TRICKY += ["気", "の", "ｶ", "한", "𠮷", "〇", "ภ", "า", "ู", "่", "๒", "ເ", "ສ", "ິ", "ပ", "ွ", "ာ", "း", "ស", "្"]
"""Characters the word pattern treats apart: letters of several cases and scripts, digits and other
numbers, a vowel sign, a virama, a combining accent, the joiners, dots, both apostrophes, both
hyphens, letters and marks folded (Greek's tonos and final sigma, ё, a Hebrew point, the dot
above, Arabic's hamza, teh marbuta, tatweel and digits, kana's voiced sound marks), and CJK letters, read in pairs (one
beyond the BMP, one a number); and Thai, Lao, Burmese and Khmer letters, read in pairs too, with
the vowel signs, tone marks and subscript sign they carry (Burmese's spacing marks among them),
and a Thai digit."""


def tricky_texts(rng: random.Random, count: int) -> list[str]:
    """Seeded strings of ``TRICKY`` characters: where Python's ``re`` and the browser's RegExp
    could part ways on the word pattern (dotted letters, possessives, what a word may hold)."""
    return ["".join(rng.choice(TRICKY) for _ in range(rng.randint(1, 12))) for _ in range(count)]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = copy_sample(tmp_path_factory.mktemp("sample-search"))
    build_site(root, None, TODAY)
    with serve(root / "_site") as url:
        yield root, url


def test_the_browser_analyses_text_exactly_as_whoosh(browser: Browser, sample: tuple[Path, str]) -> None:
    root, url = sample
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    texts = [f"{e.expert.name} {e.expert.headline} {e.expert.bio} {' '.join(e.expert.keywords)}" for e in site.listed]
    words = [
        *sorted(index.surface),
        *["Economists", "generously", "communities", "skies", "yelling", "succeeded", "hopefulness"],
        *["l'été", "STRASSE", "Straße", "naïve", "Łódź", "İstanbul", "ﬁnance", "ΑΘΗΝΑΣ", "Ёлка", "שָׁלוֹם", "عـــلی"],
        *["U.S.-led", "e.g. 3.5", "J.R.R. Tolkien", "U.S.Army", "j.smith@x.org", "É.-U.", "Ⅻ.Ⅳ", "x.²"],
        *["women's", "WOMEN’S", "it's", "O'Sullivan", "rock'n'roll", "Ü's", "x'sy", "U.S.'s"],
        *["हिन्दी", "अर्जुन-शर्मा", "தமிழ்", "می\u200cخواهم", "مُحَمَّد", "Jose\u0301", "\u0301a\u200db"],
        *["हिंदी क़ानून \u0958ानून आँख पण्डित सम्बन्ध उन्हें ज़िन्दगी अङ्ग चञ्चल अन् न्\u200dक"],
        *["深度偽造 經濟 臺灣 乾幹 𠮷"],
        *["気候変動の研究", "AI研究者、王", "김지은 교수", "𠮷野家", "ｶﾀｶﾅ", "heat 気候 waves", "ภาษาไทย"],
        " ".join(f"{chr(code)}x{chr(code).upper()}" for code in sorted(accent_map)),  # either case folded
        # Every Latin letter the page folds by rule, unless meta.json says (search_export.LATIN).
        " ".join(
            f"{chr(code)}x{chr(code).upper()}" for low, high in search_export.LATIN for code in range(low, high + 1)
        ),
        *tricky_texts(random.Random(7), 400),
    ]
    page = browser.new_page()
    page.goto(url + "/search/")
    page.wait_for_selector("#search-form[data-state=done]")
    got = page.evaluate(
        "texts => texts.map(t => window.sitegenSearch.words(t).map(w => [w.surface, w.stem]))", [*texts, *words]
    )
    expected = [[list(pair) for pair in index.words(text)] for text in [*texts, *words]]
    # The page is given the British stems read as American ones only where they can change what a
    # query finds (spelling.relevant): every one of a profile's words, not every word's.
    assert any(stem == "program" for pairs in got[: len(texts)] for _, stem in pairs)  # "programme", read so
    # Likewise Chinese's traditional characters, folded where the index's terms hold their
    # simplified ones (search_export.chinese_folded): 偽, as 伪造 is a term; 經 not.
    spelt = american_stems(stem_english.english)

    def simplified(text: str) -> str:
        return "".join(search.CHINESE_FOLDED.get(ord(c), c) for c in text)

    chinese = got[len(texts) + words.index("深度偽造 經濟 臺灣 乾幹 𠮷")]
    assert ["伪造", "伪造"] in chinese and ["經濟", "經濟"] in chinese  # as the page folds them
    got[len(texts) :] = [
        [[simplified(surface), spelt.get(stem, simplified(stem))] for surface, stem in pairs]
        for pairs in got[len(texts) :]
    ]
    mismatches = [(text, g, e) for text, g, e in zip([*texts, *words], got, expected, strict=True) if g != e]
    assert mismatches == []
    # The words to leave out ("-policy") and the text to find, as sitegen.search.apart reads them.
    queries = ["climate -energy", "-U.S. x-ray -", "a -b\u00a0-c\t-d --e -é -𝔞x", "研究 -気候変動 -AI研究"]
    queries += tricky_texts(random.Random(8), 400)
    got = page.evaluate(
        "texts => texts.map(t => { const a = window.sitegenSearch.apart(t); return [a.wanted, a.excluded]; })", queries
    )
    read = [[wanted, list(excluded)] for wanted, excluded in map(search.apart, queries)]
    assert [(q, g, e) for q, g, e in zip(queries, got, read, strict=True) if g != e] == []
    assert sum(bool(excluded) for _, excluded in read) > 5
    page.close()


def test_the_page_stems_english_as_the_index_does(browser: Browser, sample: tuple[Path, str]) -> None:
    """The page's English stemmer (search.js's) is Snowball's English as PyStemmer's is, on words
    made to take every rule; among them those where whoosh's Porter2 stems otherwise."""
    _, url = sample
    words = english_words()
    assert len(words) > 10_000
    expected = [stem_english.english(word) for word in words]
    assert sum(stem != whoosh_porter2(word) for word, stem in zip(words, expected, strict=True)) > 500
    page = browser.new_page()
    page.goto(url + "/search/")
    page.wait_for_selector("#search-form[data-state=done]")
    got = page.evaluate("words => words.map(w => window.sitegenSearch.stemmers.english(w))", words)
    assert [(w, g, e) for w, g, e in zip(words, got, expected, strict=True) if g != e] == []
    assert len(set(got)) < len(words) / 2  # the endings come off
    page.close()


def test_the_browser_reads_shard_counts_as_the_index_writes_them(browser: Browser, sample: tuple[Path, str]) -> None:
    """meta.json's term count of each shard, and whether it is exact (``search_export.counted``)."""
    _, url = sample
    rng = random.Random(3)
    counts = [(rng.choice([1, 2, 3, 26, 27, 99, 1000]), rng.random() < 0.3) for _ in range(200)]
    page = browser.new_page()
    page.goto(url + "/search/")
    page.wait_for_selector("#search-form[data-state=done]")
    read = page.evaluate("text => window.sitegenSearch.uncounted(text)", search_export.counted(counts))
    assert (
        [(count, bool(exact)) for count, exact in read]
        == counts
        == search_export.uncounted(search_export.counted(counts))
    )
    page.close()


def test_sample_top_10_matches_the_cli(browser: Browser, sample: tuple[Path, str]) -> None:
    root, url = sample
    page = browser.new_page()
    differences = {}
    nonempty = 0
    for text, filters in QUERIES:
        expected = cli_top10(root, text, filters)
        nonempty += bool(expected)
        found = browser_top10(page, url, text, filters)
        if found != expected:
            differences[f"{text!r} {filters}"] = (found, expected)
    page.close()
    assert differences == {}
    assert nonempty >= 30


FIRST = ["Ana", "José", "Chiamaka", "Wei", "Eleni", "Mohammed", "Olga", "Ji-eun", "Siobhán", "Priya", "Tomasz",
         "Amara", "Lars", "Fatima", "Mai", "Hannah", "Kwame", "Ingrid", "Rafael", "Aiyana", "Mehmet"]  # fmt: skip
LAST = ["Ruiz", "García", "Okafor", "Zhang", "Papadopoulou", "Al-Ahmad", "Sokolova", "Kim", "O'Sullivan", "Iyer",
        "Wiśniewski", "Diallo", "Østergaard", "Benali", "Nguyễn", "Goldberg", "Asante", "Johansson", "Oliveira",
        "Whitehorse", "Yılmaz", "Esposito", "Müller", "Mwangi"]  # fmt: skip


def synthetic_site(root: Path, count: int, seed: int) -> None:
    """A seeded directory of ``count`` experts with a Zipf-like vocabulary drawn from the sample's bios."""
    rng = random.Random(seed)
    sample = check_site(REPO, TODAY).site
    assert sample is not None
    vocabulary = sorted({w for e in sample.listed for w in e.expert.bio.replace(".", " ").split() if w.isalpha()})
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    topics = [t.id for t in sample.config.topics if t.parent]
    (root / "experts").mkdir(parents=True)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    for n in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {n:04d}"
        bio = " ".join(rng.choices(vocabulary, weights, k=rng.randint(20, 60)))
        headline = " ".join(rng.choices(vocabulary, weights, k=6))
        languages = sorted(set(rng.sample(["en", "es", "fr", "de", "ar", "zh", "pt", "sw"], rng.randint(1, 3))))
        text = (
            f'name: "{name}"\ntitle: Researcher\nheadline: "{headline}"\nbio: "{bio}"\n'
            f"topics: [{', '.join(rng.sample(topics, rng.randint(1, 3)))}]\n"
            f"languages: [{', '.join(languages)}]\n"
            f"location:\n  country: {rng.choice(['US', 'KE', 'CL', 'DE', 'IN'])}\n"
            f"media:\n  formats: [{', '.join(rng.sample(['print', 'radio', 'tv', 'live', 'podcast'], 2))}]\n"
            f"availability:\n  status: {rng.choice(['available', 'available', 'limited', 'unavailable'])}\n"
            "reviewed: 2026-10-01\n"
        )
        (root / "experts" / f"expert-{n:04d}.yaml").write_text(text, encoding="utf-8")


OTHER_SCRIPTS = {
    "अर्जुन शर्मा": "मौसम विज्ञान और मानसून की बारिश। Monsoon rains and weather forecasting in Hindi.",
    "अनन्या शर्मा-वर्मा": "जलवायु परिवर्तन और मौसम। Climate change and the weather.",
    "முருகன் சுப்பிரமணியம்": "தமிழ் இலக்கியம் மற்றும் மொழி. Tamil literature and language.",
    "مریم رضایی": "می\u200cخواهم درباره‌ی اقتصاد ایران صحبت کنم. Iran's economy and sanctions.",
    "أحمد الحسيني": "أستاذ العلاقات الدولية في جامعة القاهرة، مستشفى. International relations in Cairo.",
    "田中結衣": "気候変動の研究者です。 Climate change research in Japan.",
    "王小明": "经济学家，研究中国的气候政策。 Climate policy in China.",
}
"""Profiles written in scripts whose words hold vowel signs, viramas or joiners, or spellings the
index folds alike (Arabic's hamza, teh marbuta, alef maksura), or without spaces (Japanese,
Chinese: read in pairs of letters); a synthetic directory's own words are Latin: the
page must find such a word whole, as the index does."""


def test_synthetic_2000_top_10_matches_the_cli(browser: Browser, tmp_path: Path) -> None:
    root = tmp_path / "synthetic"
    synthetic_site(root, 2000, seed=7)
    for n, (name, bio) in enumerate(OTHER_SCRIPTS.items(), start=2000):
        (root / "experts" / f"expert-{n:04d}.yaml").write_text(
            f'name: "{name}"\ntitle: Researcher\nheadline: "{bio.split(". ")[-1]}"\nbio: "{bio}"\n'
            "topics: [energy]\nlanguages: [hi, ta, fa]\nreviewed: 2026-10-01\n",
            encoding="utf-8",
        )
    build_site(root, None, TODAY)
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)  # what `sitegen search --json` ranks with (the sample test runs the CLI itself)
    rng = random.Random(11)
    vocabulary = sorted(index.surface)
    queries: list[tuple[str, dict[str, str]]] = [(w, {}) for w in rng.sample(vocabulary, 12)]
    queries += [(" ".join(rng.sample(vocabulary, 2)), {}) for _ in range(8)]
    queries += [(w[: max(2, len(w) - 2)], {}) for w in rng.sample(vocabulary, 5)]  # prefixes
    queries += [(w, {"language": "es"}) for w in rng.sample(vocabulary, 3)]
    # A word no profile has is left out: in the middle, last (no completion), with a filter.
    known = rng.sample(vocabulary, 4)
    queries += [
        (f"{known[0]} zzqxv {known[1]}", {}),
        (f"{known[2]} zzqxv", {}),
        (f"zzqxv {known[3]}", {"language": "es"}),
    ]
    # Two words no one holds together, filtered by a value many hold: partial matches, walked.
    apart, words = random.Random(12), [w for w in vocabulary if w.isalpha() and len(w) > 3]
    before = len(queries)
    for filters in ({"language": "en"}, {"language": "en"}, {"format": "tv"}):
        for _ in range(2000):
            text = " ".join(apart.sample(words, 2)) + " "
            found = index.search(text, Filters(**filters))  # type: ignore[arg-type]
            if found.partial and found.total > 10:
                queries.append((text, filters))
                break
    assert len(queries) == before + 3, "three pairs no one holds together"
    queries += [
        ("", {"topic": "energy", "country": "KE"}),
        ("ruiz", {"available": "1"}),
        ("garcia", {}),
        ("müller ", {}),
        ("शर्मा", {}),  # words with vowel signs and viramas, whole and begun
        ("मौसम ", {}),
        ("मौ", {}),
        ("शर्मा-वर्मा ", {}),
        ("தமிழ் ", {}),
        ("میخواهم ", {}),  # typed without the joiner the profile writes
        ("احمد ", {}),  # Arabic: without the hamza the profile writes
        ("جامعه القاهره", {}),  # teh marbuta typed as heh
        ("مستشفي", {}),  # alef maksura typed as yeh
        ("ميخواهم", {}),  # Arabic yeh for Persian's
        ("हिन्दी weather", {}),
        ("研究", {}),  # inside a run of letters, in two profiles
        ("気候変動 ", {}),
        ("王", {}),  # a letter alone: the pairs it starts
        ("climate 研究", {}),
    ]
    with serve(root / "_site") as url:
        page = browser.new_page()
        differences = differences_from_the_index(page, url, index, queries)
        page.close()
    assert len(queries) >= 30
    assert differences == {}


def few_rows_site(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, SearchIndex]:
    """A 600-expert synthetic site whose shards carry few rows (most words common, with their 3 best;
    r/ files to ranks 15 and 40), built, and its index."""
    monkeypatch.setattr(search_export, "ALL_ROWS", 20)
    monkeypatch.setattr(search_export, "ROWS", 3)
    monkeypatch.setattr(search_export, "TIERS", (15, 40))
    synthetic_site(root, 600, seed=5)
    build_site(root, None, TODAY)
    site = check_site(root, TODAY).site
    assert site is not None
    return root, SearchIndex(site)


def test_rows_missing_from_the_shards_come_from_r_files_or_chunks(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows of results no loaded shard carries come from common terms' r/ files (both levels) or from
    chunks; the results are the index's either way."""
    root, index = few_rows_site(tmp_path / "rows", monkeypatch)
    rng = random.Random(3)
    vocabulary = sorted(index.surface)
    queries: list[tuple[str, dict[str, str]]] = [(" ".join(rng.sample(vocabulary, 2)), {}) for _ in range(16)]
    queries += [(w, {}) for w in rng.sample(vocabulary, 4)] + [("", {"language": "de"})]
    with serve(root / "_site") as url:
        differences, files = each_in_a_new_context(browser, url, index, queries)
    assert differences == {}
    assert any(name.startswith("d/") for name in files)
    assert any(name.startswith("r/") and name.count(".") == 1 for name in files)
    assert any(name.startswith("r/") and name.endswith(".1.json") for name in files)


def test_rows_after_a_lean_prefix_come_from_its_p_files(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A common word then a prefix whose completion file is lean (its prefix's best rows only): the
    rows of the results neither carries come from the prefix's p/ files, whose
    documents the page ranks as the export does (its terms' scores summed); the results are the
    index's."""
    monkeypatch.setattr(search_export, "SHARD_LIMIT", 1)  # every two letters a split prefix, with a completion file
    monkeypatch.setattr(search_export, "COMPLETION_LIMIT", 0)  # every completion file lean
    root, index = few_rows_site(tmp_path / "lean", monkeypatch)
    meta = search_export.unpacked_meta(json.loads((root / "_site/search/index/meta.json").read_text("utf-8")))
    rng = random.Random(4)
    common = sorted(
        word
        for word, stem in (pair[0] for pair in map(index.words, index.surface))
        if len(index.scores.get(stem, ())) > 20
    )
    prefixes = sorted(prefix for prefix in meta["lean"] if len(prefix) == 2)
    queries: list[tuple[str, dict[str, str]]] = [
        (f"{rng.choice(common)} {rng.choice(prefixes)}", {}) for _ in range(16)
    ]
    with serve(root / "_site") as url:
        differences, files = each_in_a_new_context(browser, url, index, queries)
    assert differences == {}
    # The second level's file holds the first's rows too: a query needing rows of both asks for it alone.
    assert any(name.startswith("p/") and name.endswith(".1.json") for name in files)


def test_missing_rows_come_in_the_fewest_rows_within_the_requests_left(
    browser: Browser, sample: tuple[Path, str]
) -> None:
    """The files chosen for rows no loaded shard carries: the fewest rows in at most the requests the
    query's plan left (``cover``), or, when no such choice exists, the fewest files (``fewest``)."""
    _root, url = sample
    page = browser.new_page()
    page.goto(url + "/search/")
    page.wait_for_selector("#search-form[data-state=done]")
    chosen = page.evaluate(
        """() => {
        const files = {  // path: [documents held, size in rows]
          "d/0.json": [[1], 50], "d/1.json": [[2], 50], "d/2.json": [[3], 50], "d/3.json": [[4], 50],
          "r/61.json": [[1, 2], 100], "r/61.1.json": [[1, 2, 3], 300], "t/62.json": [[3, 4], 250],
        };
        const made = (wanted) => Object.fromEntries(Object.keys(files)
          .map(p => [p, { docs: new Set(files[p][0].filter(d => wanted.includes(d))), size: files[p][1] }])
          .filter(e => e[1].docs.size));
        const s = window.sitegenSearch, sorted = (paths) => paths && paths.slice().sort();
        return {
          four: sorted(s.cover([1, 2, 3], made([1, 2, 3]), 4)),
          two: sorted(s.cover([1, 2, 3], made([1, 2, 3]), 2)),
          one: sorted(s.cover([1, 2, 3], made([1, 2, 3]), 1)),
          none: sorted(s.cover([1, 2, 3, 4], made([1, 2, 3, 4]), 1)),
          fewest: s.fewest([1, 2, 3, 4], made([1, 2, 3, 4])),
        };
    }"""
    )
    page.close()
    assert chosen == {
        "four": ["d/0.json", "d/1.json", "d/2.json"],  # 150 rows in three requests: within four
        "two": ["d/2.json", "r/61.json"],  # 150 rows in two
        "one": ["r/61.1.json"],  # the only file holding all three
        "none": None,  # no one file holds all four
        "fewest": ["r/61.1.json", "d/3.json"],  # the file holding most, then the smaller of two holding the last
    }


def test_results_are_text_never_html(browser: Browser, tmp_path: Path) -> None:
    root = tmp_path / "xss"
    (root / "experts").mkdir(parents=True)
    (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    hostile = PROFILE.replace("headline: Hurricane insurance", 'headline: "<img src=x onerror=alert(1)> storms"')
    (root / "experts" / "ana-ruiz.yaml").write_text(
        hostile[: hostile.index("photo:")] + "reviewed: 2026-10-01\n", "utf-8"
    )
    build_site(root, None, TODAY)
    with serve(root / "_site") as url:
        page = browser.new_page()
        dialogs: list[str] = []

        def refuse(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", refuse)
        page.goto(url + "/search/?q=storms")
        page.wait_for_selector("#search-form[data-state=done]")
        assert page.locator("#results li p").nth(1).inner_text() == "<img src=x onerror=alert(1)> storms"
        assert page.locator("#results img[src='x']").count() == 0
        avatar = page.locator("#results li svg.avatar")  # no photo: the initials, drawn as on the pages
        assert avatar.text_content() == "AR"
        assert avatar.get_attribute("aria-hidden") == "true"
        box = avatar.bounding_box()
        assert box is not None and (box["width"], box["height"]) == (80, 80)  # sized as a photo would be
        assert page.locator("#results li img").count() == 0
        # The words matched are marked with elements of their own, the text around them still text.
        page.goto(url + "/search/?q=img+onerror+storms")
        page.wait_for_selector("#search-form[data-state=done]")
        headline = page.locator("#results li p").nth(1)
        assert headline.inner_text() == "<img src=x onerror=alert(1)> storms"
        assert headline.locator("mark").all_inner_texts() == ["img", "onerror", "storms"]
        assert page.locator("#results img[src='x']").count() == 0
        assert dialogs == []
        page.close()


def test_two_words_that_join_are_not_marked_over_a_compound_marked_whole(browser: Browser, tmp_path: Path) -> None:
    """ "sealevel levelrise": "Sea-level" is marked whole, and "level rise" (a pair the index joins,
    another profile writing "levelrise") is not marked over it: two marks over one word would show
    the page's text twice. The CLI's snippet marks the same."""
    root = tmp_path / "joins"
    (root / "experts").mkdir(parents=True)
    (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    plain = PROFILE[: PROFILE.index("photo:")] + "reviewed: 2026-10-01\n"
    headline = "Sea-level rise and coastal floods"
    (root / "experts" / "ana-ruiz.yaml").write_text(plain.replace("Hurricane insurance", headline), "utf-8")
    other = plain.replace("Ana Ruiz", "Bo Levin").replace("Hurricane insurance", "Levelrise models")
    (root / "experts" / "bo-levin.yaml").write_text(other, "utf-8")
    build_site(root, None, TODAY)
    query = "sealevel levelrise"
    result = CliRunner().invoke(main, ["--site", str(root), "search", query, "--json"])
    hits = json.loads(result.stdout)["results"]
    assert [hit["slug"] for hit in hits] == ["ana-ruiz"]
    assert hits[0]["snippet"].startswith("**Sea-level** rise and coastal floods")
    with serve(root / "_site") as url:
        page = browser.new_page()
        page.goto(f"{url}/search/?{urlencode({'q': query})}")
        page.wait_for_selector("#search-form[data-state=done]")
        shown = page.locator("#results li[data-slug=ana-ruiz] p:not(.title):not(.small)")
        assert shown.inner_text() == headline
        assert shown.locator("mark").all_inner_texts() == ["Sea-level"]
        page.goto(f"{url}/search/?{urlencode({'q': 'levelrise'})}")  # the pair alone is marked as one
        page.wait_for_selector("#search-form[data-state=done]")
        assert shown.locator("mark").all_inner_texts() == ["level rise"]
        page.close()


ANA = "ana-ruiz-castellanos"


@pytest.mark.parametrize(
    ("query", "slug", "title", "headline"),
    [
        ("hurricane insurance", ANA, [], ["Hurricane", "insurance"]),  # the words as written, whatever their case
        ("hurricanes", ANA, [], ["Hurricane"]),  # by stem
        ("hurri", ANA, [], ["Hurricane"]),  # a prefix being typed
        ("economics", ANA, ["Economics"], []),
        ("Castellanos", ANA, [], []),  # the name matched: the link is not marked
        ("US turnout", "rebecca-thornton", [], ["turnout", "U.S."]),  # "U.S." is one word, marked whole
        ("europe energy", "lars-ostergaard", ["Energy"], ["Europe's", "energy"]),  # a possessive with its word
        ("sealevel", "ingrid-johansson", [], ["sea-level"]),  # a compound matched whole, marked whole
        ("glaciers level", "ingrid-johansson", [], ["glaciers", "level"]),  # or a word of it
        ("mentalhealth", "kim-ji-eun", [], ["mental health"]),  # two words making a word matched, marked as one
        ("mental health", "kim-ji-eun", [], ["mental health"]),
    ],
)
def test_results_mark_the_words_matched(
    browser: Browser, sample: tuple[Path, str], query: str, slug: str, title: list[str], headline: list[str]
) -> None:
    """A journalist sees at a glance why a result came: the title's and headline's words the search
    matched are bold (``<mark>``), as ``sitegen search`` marks its snippet."""
    _, url = sample
    page = browser.new_page()
    page.goto(f"{url}/search/?{urlencode({'q': query})}")
    page.wait_for_selector("#search-form[data-state=done]")
    result = page.locator(f"#results li[data-slug={slug}]")
    assert result.locator("p.title mark").all_inner_texts() == title
    assert result.locator("p:not(.title):not(.small) mark").all_inner_texts() == headline
    assert result.locator("h2 mark").count() == 0
    if title or headline:  # bold on a tint, in either colour scheme (not the highlighter's yellow)
        style = result.locator("mark").first.evaluate(
            "m => [getComputedStyle(m).fontWeight, getComputedStyle(m).backgroundColor]"
        )
        assert style[0] == "700" and style[1] not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 0)"), style
        for scheme in ("light", "dark"):  # the marked words' contrast too
            page.emulate_media(color_scheme=scheme)
            assert run_axe(page) == [], scheme
    page.close()


def test_text_without_spaces_is_found_and_marked_as_sitegen_search_does(browser: Browser, tmp_path: Path) -> None:
    """Japanese, Chinese, Korean, Thai, Lao, Burmese and Khmer, read in pairs of letters: the page's
    top 10 is the index's, a word left out leaves out those holding all its pairs, a letter alone
    (with its marks) is completed, and a result marks the letters matched, a stretch of matched
    pairs as one."""
    root = write_unspaced_site(tmp_path / "cjk")
    build_site(root, None, TODAY)
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    queries = ["研究", "変動", "気候変動", "候変動の", "変気", "王", "王 ", "王 研究", "明 ", "李", "研究 -気候変動"]
    queries += ["研究 -王", "研究 -気象", "气候 政策", "AI研究", "연구", "기후변화", "climate 研究", "-研究"]
    queries += ["ｴﾈﾙｷﾞｰ", "エネルギー", "ｶﾞｽ ", "ｶﾞ", "ﾊﾟ"]
    queries += ["ภูมิอากาศ", "น้ำท่วม", "นโยบาย ภูมิอากาศ", "ภูมิ -น้ำท่วม", "ภู ทองดี", "ภั", "ภ", "ภูมอากาศ"]
    queries += ["ນັກເສດຖະສາດ", "ເສດ", "စီးပွားရေး", "စီး", "សេដ្ឋកិច្ច", "សេ"]
    with serve(root / "_site") as url:
        page = browser.new_page()
        assert differences_from_the_index(page, url, index, [(q, {}) for q in queries]) == {}
        for query, marks in [("変動", ["変動"]), ("気候変動", ["気候変動"]), ("研究 防災", ["研究"]), ("気", ["気候"])]:
            page.goto(f"{url}/search/?{urlencode({'q': query})}")
            page.wait_for_selector("#search-form[data-state=done]")
            headline = page.locator("#results li[data-slug=tanaka-yui] p:not(.title):not(.small)")
            assert headline.inner_text() == "気候変動の研究者です"
            assert headline.locator("mark").all_inner_texts() == marks, query
        page.goto(f"{url}/search/?{urlencode({'q': 'ｴﾈﾙｷﾞｰ'})}")
        page.wait_for_selector("#search-form[data-state=done]")
        headline = page.locator("#results li[data-slug=suzuki-taro] p:not(.title):not(.small)")
        assert headline.locator("mark").all_inner_texts() == ["エネルギー"]
        page.goto(f"{url}/search/?{urlencode({'q': 'นโยบาย ภูมิอากาศ'})}")
        page.wait_for_selector("#search-form[data-state=done]")
        headline = page.locator("#results li[data-slug=malee-srisuk] p:not(.title):not(.small)")
        assert headline.locator("mark").all_inner_texts() == ["นโยบายภูมิอากาศ"]
        page.close()


def test_state_lives_in_the_url_and_the_back_button(browser: Browser, sample: tuple[Path, str]) -> None:
    _, url = sample
    page = browser.new_page()
    page.goto(url + "/search/")
    page.wait_for_selector("#search-form[data-state=done]")
    page.fill("#search-q", "climate")
    page.press("#search-q", "Enter")
    page.wait_for_url("**/search/?q=climate")
    page.click("details.refine summary")
    page.select_option("#facet-language", "es")
    page.wait_for_url("**/search/?q=climate&language=es")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.inner_text("#search-status") == "2 experts found."
    assert "(2)" in page.locator("#facet-language option[value=es]").inner_text()
    page.go_back()
    page.wait_for_url("**/search/?q=climate")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.input_value("#facet-language") == ""
    assert page.inner_text("#search-status") == "7 experts found."
    assert page.get_attribute("#search-status", "aria-live") == "polite"
    assert run_axe(page) == []
    page.close()


def resources(page: Page) -> list[str]:
    """The addresses a page asked for (resource timing)."""
    found: list[str] = page.evaluate("() => performance.getEntriesByType('resource').map(entry => entry.name)")
    return found


def test_a_link_s_filter_is_read_regardless_of_case_and_an_unknown_one_is_said(
    browser: Browser, sample: tuple[Path, str]
) -> None:
    """``?language=ES``, ``?language=spanish`` and ``?language=español`` choose Spanish, and
    ``?country=USA`` or ``Danmark`` their countries, as ``sitegen search --language Spanish`` does;
    a value the directory lacks (an old link's renamed topic) is not chosen, and the status says
    the results are not filtered by it, until the user changes the search."""
    root, url = sample
    page = browser.new_page()
    page.goto(url + "/search/?q=climate&language=ES")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.input_value("#facet-language") == "es"
    assert page.inner_text("#search-status") == "2 experts found."
    page.goto(url + "/search/?q=climate&language=SPANISH&topic=climate%20change&country=united%20states")
    page.wait_for_selector("#search-form[data-state=done]")  # by the names the selects show
    assert [page.input_value(f"#facet-{name}") for name in ("language", "topic", "country")] == [
        "es",
        "climate-change",
        "US",
    ]
    assert page.inner_text("#search-status").endswith("found.")
    assert "directory" not in page.inner_text("#search-status")
    assert not any("/names.json" in entry for entry in resources(page))  # every value an option's
    # The other names sitegen search takes: a language's own, a country's as its people name it,
    # its three-letter code, its official name; asked for only then.
    for language, country in [("español", "USA"), ("ESPANOL", "Danmark"), ("English", "Republic of Kenya")]:
        page.goto(url + "/search/?" + urlencode({"q": "climate", "language": language, "country": country}))
        page.wait_for_selector("#search-form[data-state=done]")
        chosen = [page.input_value(f"#facet-{name}") for name in ("language", "country")]
        cli = cli_json(root, "climate", "--language", language, "--country", country)["filters"]
        assert chosen == [cli["language"], cli["country"]] and "" not in chosen
        assert "directory" not in page.inner_text("#search-status")
        assert any(entry.endswith("/names.json") for entry in resources(page))
    page.goto(url + "/search/?q=climate&topic=nope&country=XX")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.input_value("#facet-topic") == ""
    assert page.locator("#facet-topic").evaluate("s => s.selectedIndex") == 0  # "Any topic" shown, not a blank
    assert page.inner_text("#search-status") == (
        "No topic \u201cnope\u201d or country \u201cXX\u201d in this directory: the results are not filtered by "
        "them. 7 experts found."
    )
    page.fill("#search-q", "climate change")
    page.press("#search-q", "Enter")
    page.wait_for_url("**/search/?q=climate+change")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.inner_text("#search-status").endswith("experts found.")
    assert "directory" not in page.inner_text("#search-status")
    page.close()


def test_the_status_names_the_words_whose_experts_are_left_out(browser: Browser, sample: tuple[Path, str]) -> None:
    """ "climate -energy" says what ``sitegen search`` says on stderr, before the count."""
    root, url = sample
    page = browser.new_page()
    page.goto(url + "/search/?" + urlencode({"q": "climate -energy -kenya"}))
    page.wait_for_selector("#search-form[data-state=done]")
    count = len(cli_top10(root, "climate -energy -kenya", {}))
    assert page.inner_text("#search-status") == (
        f"Left out: experts matching \u201cenergy\u201d or \u201ckenya\u201d. {count} experts found."
    )
    page.goto(url + "/search/?" + urlencode({"q": "climate qqqzzz -qqqyyy -energy"}))
    page.wait_for_selector("#search-form[data-state=done]")
    count = len(cli_top10(root, "climate -energy", {}))
    assert page.inner_text("#search-status") == (
        "No profile has \u201cqqqzzz\u201d or \u201cqqqyyy\u201d: results without them. "
        f"Left out: experts matching \u201cenergy\u201d. {count} experts found."
    )
    page.close()


def test_typing_shows_results_as_you_type(browser: Browser, sample: tuple[Path, str]) -> None:
    _, url = sample
    page = browser.new_page()
    page.goto(url + "/search/")
    page.wait_for_selector("#search-form[data-state=done]")
    page.type("#search-q", "hurri", delay=30)
    page.wait_for_selector("#results li[data-slug=ana-ruiz-castellanos]")
    assert page.url.endswith("/search/?q=hurri")
    page.close()


def test_facet_postings_load_only_when_the_results_rows_cannot_say(browser: Browser, sample: tuple[Path, str]) -> None:
    """A query whose results' rows the shards hold counts its facets from them; before a search
    meta.json counts them; with a filter and no words (every expert of the value a result) the
    page needs the value's counting file (a country), or facets.json (a topic: it has none)."""
    _, url = sample
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", partial(note_index_file, fetched))
    page.goto(url + "/search/?q=hurricane")
    page.wait_for_selector("#search-form[data-state=done]")
    assert "meta.json" in fetched and "facets.json" not in fetched
    page.click("details.refine summary")
    expect(page.locator("#facet-topic option[value=insurance-risk]")).to_have_text("Insurance and risk (1)")
    assert "facets.json" not in fetched
    page.fill("#search-q", "")
    page.press("#search-q", "Enter")
    page.wait_for_url("**/search/")
    page.wait_for_selector("#search-form[data-state=done]")
    expect(page.locator("#facet-topic option[value=insurance-risk]")).to_have_text(
        re.compile(r"Insurance and risk \(\d+\)")
    )
    assert "facets.json" not in fetched
    page.select_option("#facet-country", "US")
    page.wait_for_url("**/search/?country=US")
    page.wait_for_selector("#search-form[data-state=done]")
    assert f"f/country/{b'US'.hex()}.c.json" in fetched and "facets.json" not in fetched
    page.select_option("#facet-country", "")
    page.select_option("#facet-topic", "energy")
    page.wait_for_url("**/search/?topic=energy")
    page.wait_for_selector("#search-form[data-state=done]")
    assert "facets.json" in fetched
    page.close()


def test_a_counting_file_that_cannot_be_had_leaves_the_counts_to_facets_json(
    browser: Browser, sample: tuple[Path, str]
) -> None:
    """Where a value's counting file fails (a dropped connection), the page counts from facets.json.
    Without the service worker, whose requests the route would not see."""
    root, url = sample
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    in_kenya, in_us = len(index.facets["country"]["KE"]), len(index.facets["country"]["US"])
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", partial(note_index_file, fetched))
    page.route("**/*.c.json", lambda route: route.abort())
    page.goto(url + "/search/?country=KE")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.inner_text("#search-status") == ("1 expert found." if in_kenya == 1 else f"{in_kenya} experts found.")
    expect(page.locator("#facet-country option[value=US]")).to_have_text(re.compile(rf"\({in_us}\)$"))
    assert f"f/country/{b'KE'.hex()}.c.json" in fetched, fetched
    assert "facets.json" in fetched, fetched
    context.close()


def facet_counts(index: SearchIndex, text: str, filters: dict[str, str]) -> dict[str, dict[str, int]]:
    """The count the page shows beside every facet value: the query's matches with the other
    facets' filters, among that value's experts (from the index's own facets)."""
    plans, _ = index.plan(text)
    counts: dict[str, dict[str, int]] = {}
    for facet in ("topic", "language", "country", "format", "available"):
        others = {k: (v if k != "available" else True) for k, v in filters.items() if k != facet}
        matched = {doc for _, doc in index.matches(plans, Filters(**others))}  # type: ignore[arg-type]
        counts[facet] = {value: len(matched & set(docs)) for value, docs in index.facets[facet].items()}
    return counts


def shown_counts(page: Page) -> dict[str, dict[str, int]]:
    """The counts beside every facet value on the page (all its values listed, with 0 for none)."""
    found: dict[str, dict[str, int]] = page.evaluate(
        r"""() => {
        const counts = {};
        for (const name of ["topic", "language", "country", "format"]) {
          counts[name] = {};
          for (const option of document.querySelectorAll(`#facet-${name} option`)) {
            if (option.value) { counts[name][option.value] = Number(option.textContent.match(/\((\d+)\)$/)[1]); }
          }
        }
        const label = document.querySelector("label[for=facet-available]").textContent;
        counts.available = { yes: Number(label.match(/\((\d+)\)$/)[1]) };
        return counts;
    }"""
    )
    return found


def test_facet_counts_from_rows_and_from_facets_json_are_the_index_s(browser: Browser, tmp_path: Path) -> None:
    """Counts and filters from the results' rows (a word in few experts: its shard holds every
    row), from facets.json (a word in many, or a topic or two filters without words), from a
    country's, a media format's or a language's counting file (chosen alone or with "available
    now", the rows not enough), and before a search from meta.json are the index's: topics under
    their parents too, regional languages under their base tag."""
    root = tmp_path / "counts"
    synthetic_site(root, 600, seed=9)
    for n, path in enumerate(sorted((root / "experts").iterdir())):
        if n % 2:  # regional tags for half of them
            lines = path.read_text("utf-8").splitlines(keepends=True)
            lines = [re.sub(r"\b(pt|es)\b", lambda m: {"pt": "pt-BR", "es": "es-MX"}[m[1]], line)
                     if line.startswith("languages:") else line for line in lines]  # fmt: skip
            path.write_text("".join(lines), "utf-8")
    build_site(root, None, TODAY)
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    assert {"pt", "pt-BR", "es", "es-MX"} <= index.facets["language"].keys()
    words = [f"{word} " for word in sorted(index.surface)]  # typed in full: no completions
    sizes = {word: len(index.matches(index.plan(word)[0], NO_FILTERS)) for word in words}
    rare = [word for word in words if 20 <= sizes[word] <= 100][:2]
    common = [word for word in words if sizes[word] > 300][:2]  # over ALL_ROWS: its shard holds its best rows only
    assert len(rare) == 2 and len(common) == 2

    def counting(facet: str, value: str) -> str:
        return f"f/{facet}/{value.encode().hex()}.c.json"

    cases: list[tuple[str, dict[str, str], str | None]] = [
        ("", {}, None),  # before a search: meta.json's counts
        (rare[0], {}, None),
        (rare[1], {"language": "pt", "available": "1"}, None),
        (rare[0], {"topic": "energy"}, None),
        (common[0], {}, "facets.json"),
        (common[1], {"country": "KE", "format": "tv"}, "facets.json"),  # two filters
        ("", {"topic": "energy"}, "facets.json"),  # a topic has no counting file
        ("", {"language": "es"}, counting("language", "es")),
        (common[0], {"country": "KE"}, counting("country", "KE")),
        (common[1], {"format": "tv"}, counting("format", "tv")),
        (common[0], {"language": "pt"}, counting("language", "pt")),  # pt-BR's speakers among pt's
        (common[1], {"country": "KE", "available": "1"}, counting("country", "KE")),  # availability whole in it
    ]
    with serve(root / "_site") as url:
        for text, filters, needs_file in cases:
            page = browser.new_page()
            fetched: list[str] = []
            page.on("request", partial(note_index_file, fetched))
            page.goto(url + "/search/?" + urlencode({"q": text, **filters}))
            page.wait_for_selector("#search-form[data-state=done]")
            page.click("details.refine summary")
            page.wait_for_selector("#search-form[data-state=done]")
            expected = facet_counts(index, text, filters)
            expected["available"] = {"yes": expected["available"].get("yes", 0)}
            expect(page.locator("label[for=facet-available]")).to_have_text(
                f"Available now ({expected['available']['yes']})"
            )
            shown = shown_counts(page)
            assert {facet: {v: n for v, n in values.items() if n} for facet, values in shown.items()} == {
                facet: {v: n for v, n in values.items() if n} for facet, values in expected.items()
            }, (text, filters)
            files = [name for name in fetched if name == "facets.json" or name.endswith(".c.json")]
            assert files == ([needs_file] if needs_file else []), (text, filters)
            page.close()


@pytest.mark.parametrize("lean", [False, True], ids=["completion rows", "lean completions"])
def test_finely_split_shards_give_the_same_top_10(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lean: bool
) -> None:
    """With a one-byte shard limit every shard splits down to six letters: the same answers; and the
    same again when every completion file is lean (only its prefix's best rows). A prefix typed
    longer than its stem needs only the stem's completion file."""
    monkeypatch.setattr(search_export, "SHARD_LIMIT", 1)
    if lean:
        monkeypatch.setattr(search_export, "COMPLETION_LIMIT", 0)
    root = copy_sample(tmp_path / "split")
    build_site(root, None, TODAY)
    meta = search_export.unpacked_meta(json.loads((root / "_site/search/index/meta.json").read_text("utf-8")))
    assert max(len(key) for key in meta["shards"]) == 6
    assert bool(meta["lean"]) == lean and (not lean or meta["lean"] == meta["completions"])
    assert any(exact for _, exact in meta["shards"].values())
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    with serve(root / "_site") as url:
        page = browser.new_page()
        differences = differences_from_the_index(page, url, index, QUERIES)
        # A prefix split over many shards: its completions come from one file, with the same answers.
        spread = {p: sum(key.startswith(p) for key in meta["shards"]) for p in meta["completions"] if len(p) == 2}
        prefix = max(sorted(spread), key=lambda p: spread[p])
        fetched: list[str] = []
        page.on("request", partial(note_index_file, fetched))
        found = browser_top10(page, url, prefix, {})
        # Typed "acade" (stem "acad"): the first terms starting with the stem are the first of both.
        typed, stem = next(
            (cut, pair[0][1])
            for word in sorted(index.surface)
            for cut in (word[:n] for n in range(2, len(word)))
            if (pair := index.words(cut))
            and pair[0][1] != cut
            and cut.startswith(pair[0][1])
            and {cut, pair[0][1]} <= set(meta["completions"])
        )
        since = len(fetched)
        completed = browser_top10(page, url, typed, {})
        page.close()
    assert differences == {}
    assert found == [hit.slug for hit in index.search(prefix, NO_FILTERS, 10).hits] and found
    index_files = [name for name in fetched[:since] if name.endswith(".json") and name != "meta.json"]
    assert spread[prefix] > 3
    assert f"c/{prefix.encode().hex()}.json" in index_files
    assert not [name for name in index_files if name.startswith("t/")]
    assert completed == [hit.slug for hit in index.search(typed, NO_FILTERS, 10).hits] and completed
    assert f"c/{stem.encode().hex()}.json" in fetched[since:]
    assert f"c/{typed.encode().hex()}.json" not in fetched[since:]


def test_each_result_says_where_the_expert_is_based_and_the_media_they_do(browser: Browser, tmp_path: Path) -> None:
    """From the row's country and formats, by the names the filters give them; a result with
    neither has no such line."""
    import yaml

    from sitegen.views import based_and_media

    root = copy_sample(tmp_path / "site")
    ana = root / "experts" / "ana-ruiz-castellanos.yaml"
    profile = yaml.safe_load(ana.read_text("utf-8"))
    del profile["location"], profile["media"]
    ana.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), "utf-8")
    build_site(root, None, TODAY)
    site = check_site(root, TODAY).site
    assert site is not None
    experts = {entry.slug: entry.expert for entry in site.listed}
    page = browser.new_page()
    seen: set[str] = set()
    with serve(root / "_site") as url:
        for query in ("climate", "policy", "health", "insurance"):
            page.goto(f"{url}/search/?q={query}")
            page.wait_for_selector("#search-form[data-state=done]")
            for item in page.locator("#results li").all():
                expert = experts[item.get_attribute("data-slug") or ""]
                country = expert.location.country if expert.location else None
                formats = expert.media.formats if expert.media else ()
                place = based_and_media(country, formats, "en")  # as `sitegen search` says it
                assert item.locator("p.place").all_inner_texts() == ([place] if place else []), expert.name
                seen.add("both" if country and formats else "one" if place else "none")
    assert {"both", "none"} <= seen  # both kinds of result were shown
    page.close()


def test_a_query_needs_its_shards_only_their_rows_show_the_results(browser: Browser, sample: tuple[Path, str]) -> None:
    """Shards carry the result rows of their terms' best experts: no result chunk is fetched for page one."""
    root, url = sample
    page = browser.new_page()
    fetched: list[str] = []

    def note(request: Request) -> None:
        if "/search/index/" in request.url:
            fetched.append(index_name(request.url))

    page.on("request", note)
    page.goto(url + "/search/?q=insurance%20hurri")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.locator("#results li h2").first.inner_text() == "Ana Ruiz Castellanos"
    first = page.locator("#results li").first
    assert first.locator("h2 a").evaluate("a => a.href") == f"{url}/experts/ana-ruiz-castellanos/"
    # Topics and languages travel as positions in meta.json's labels and show by name.
    site = check_site(root, TODAY).site
    assert site is not None
    ana = next(entry for entry in site.listed if entry.slug == "ana-ruiz-castellanos")
    topics = ", ".join(topic.name for topic in ana.topics)
    assert first.locator("p.small").first.inner_text() == f"{topics} · Interviews in Spanish, English"
    assert first.locator("p.place").inner_text() == "Based in United States · Media: Live, Online, Print, Radio, TV"
    assert fetched[0] == "meta.json"
    assert [name for name in fetched if not name.startswith("t/")] == ["meta.json"]
    assert 1 <= len(fetched) - 1 <= 4
    fetched.clear()
    # No words: results in A–Z order, filtered by the topic's own file, which carries its experts'
    # rows; the counts come after them, from facets.json (every expert is a result, and the rows
    # loaded are the topic's only).
    page.goto(url + "/search/?topic=energy")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.locator("#results li").count() > 0
    assert fetched == ["meta.json", f"f/topic/{b'energy'.hex()}.json", "facets.json"]
    page.close()


def test_a_filter_needs_its_value_s_file_the_counts_come_after_the_results(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared link with filters shows its results after each chosen value's file (its documents;
    here no rows: a value over VALUE_ROWS), the rows from the chunks or shards, and only then
    fetches facets.json for the counts, where their rows cannot count them; the results are the
    index's."""
    monkeypatch.setattr(search_export, "VALUE_ROWS", 0)
    monkeypatch.setattr(search_export, "ALL_ROWS", 2)  # a word's shard carries the rows of its best only:
    monkeypatch.setattr(search_export, "ROWS", 1)  # the results' rows cannot filter or count the facets,
    monkeypatch.setattr(search_export, "TIERS", (2, 3))  # and no few files hold the rest (an expert a chunk),
    monkeypatch.setattr(search_export, "CHUNK", 1)  # so that walking the results' rows cannot show them
    root = copy_sample(tmp_path / "values")
    build_site(root, None, TODAY)
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    queries = [("", {"topic": "environment", "language": "es"}), ("climate", {"topic": "environment"})]
    with serve(root / "_site") as url:
        for text, filters in queries:
            page = browser.new_page()
            fetched: list[str] = []
            page.on("request", partial(note_index_file, fetched))
            states: list[str] = []
            page.expose_function("noteState", partial(note_state, states))
            page.add_init_script(
                """new MutationObserver(() => window.noteState(document.getElementById("search-form").dataset.state))
                .observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });"""
            )
            assert differences_from_the_index(page, url, index, [(text, filters)]) == {}
            chosen = [f"f/{name}/{value.encode().hex()}.json" for name, value in filters.items()]
            index_files = [name for name in fetched if name.endswith(".json")]
            assert set(chosen) <= set(index_files), index_files
            # Counted from the results' rows where the files loaded hold them all, else facets.json,
            # after everything the results needed (always without words: everyone is a result).
            assert "facets.json" in index_files or text
            if "facets.json" in index_files:
                assert index_files[-1] == "facets.json", index_files
            assert not text or any(name.startswith("t/") for name in index_files)
            assert "counting" in states and states[-1] == "done"
            assert states.index("counting") < len(states) - 1
            page.close()


class HeldBack:
    """A route's requests held unanswered until ``release`` (then answered, and any later at once)."""

    def __init__(self) -> None:
        self.held: list[Route] = []
        self.released = False

    def route(self, route: Route) -> None:
        if self.released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.held:
            route.continue_()


AT_COUNTING = """new MutationObserver(() => {
  const state = document.getElementById("search-form").dataset.state;
  if (state === "counting" && window.shownAtCounting === undefined) {
    window.shownAtCounting = Array.from(document.querySelectorAll("#results li"), item => item.dataset.slug);
    window.statusAtCounting = document.getElementById("search-status").textContent;
    window.filesAtCounting = performance.getEntriesByType("resource").map(entry => entry.name)
      .filter(name => name.includes("/search/index/"))
      .map(name => name.split("/search/index/").pop().replace(/^[0-9a-f]{16}[/]/, ""));
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });"""
"""Notes the results listed, the status and the index files the page had loaded, when the page
says its results are shown and the counts are to come."""


def walk_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, SearchIndex, list[str]]:
    """600 synthetic experts, built with shards carrying their words' 20 best rows, r/ files the
    next, and facet values' files no rows, so that a filtered search walks the results' rows; and
    the words more than 100 of them hold."""
    monkeypatch.setattr(search_export, "VALUE_ROWS", 0)
    monkeypatch.setattr(search_export, "ALL_ROWS", 60)
    monkeypatch.setattr(search_export, "ROWS", 20)
    monkeypatch.setattr(search_export, "TIERS", (60, 200))
    root = tmp_path / "walk"
    synthetic_site(root, 600, seed=5)
    build_site(root, None, TODAY)
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    common = sorted(
        word
        for word, stem in (pair[0] for pair in map(index.words, index.surface))
        if len(index.scores.get(stem, ())) > 100
    )
    return root, index, common


def test_a_filter_held_by_many_shows_its_results_from_rows_without_its_value_s_file(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter by a value many experts hold (a media format two in five have, a country one in
    five has), its file carrying only its first experts' rows (VALUE_FIRST), on words whose shards
    carry their 20 best rows and r/ files the next: the page walks the results' rows best first,
    fetching rows instead of the value's file where they fit within the four requests. The ten
    results shown before the counts are the index's, the value's file is not fetched for them.
    After them a format's or a country's counting file alone gives the count, the next ten and the
    facets' counts (facets.json is never asked for). A topic has none: its value's file and
    facets.json are asked for together, the value's file giving the count and the next ten
    (facets.json held back here, so the count cannot come from it), facets.json the facets'
    counts. Without words, the value's file alone shows the first ten."""
    root, index, common = walk_site(tmp_path, monkeypatch)
    site = index.site
    rng = random.Random(6)
    queries: list[tuple[str, dict[str, str]]] = [
        (rng.choice(common), {"format": rng.choice(["radio", "tv", "print"])}) for _ in range(6)
    ]
    queries += [(" ".join(rng.sample(common, 2)), {"format": "live"}) for _ in range(3)]
    in_us = [word for word in common if index.search(word, Filters(country="US"), 1).total]  # not भ of भारत
    queries += [(rng.choice(in_us), {"country": "US"}) for _ in range(3)]
    topics = index.facets["topic"]
    parent = max((t.parent for t in site.config.topics if t.parent), key=lambda p: len(topics.get(p, ())))
    in_parent = [word for word in common if index.search(word, Filters(topic=parent), 1).total > 20]
    queries += [(word, {"topic": parent}) for word in rng.sample(in_parent, 3)]
    queries += [("", {"format": "radio"})]  # no words: everyone a result, A–Z
    walked = []
    counted_by_value = by_topic = 0
    with serve(root / "_site") as url:
        for text, filters in queries:
            chosen = Filters(**filters)  # type: ignore[arg-type]
            expected = index.search(text, chosen, 20)
            context = browser.new_context()
            page = context.new_page()
            fetched: list[str] = []
            page.on("request", partial(note_index_file, fetched))
            page.add_init_script(AT_COUNTING)
            facets = HeldBack()
            page.route("**/search/index/*/facets.json", facets.route)  # answered once the count is checked
            top10 = browser_top10(page, url, text, filters, "counting")
            assert top10 == [hit.slug for hit in expected.hits[:10]], (text, filters)
            shown = page.evaluate("window.shownAtCounting")
            assert shown == [hit.slug for hit in expected.hits[:10]], (text, filters)
            before = [name for name in page.evaluate("window.filesAtCounting") if name != "meta.json"]
            walking = page.evaluate("window.statusAtCounting") == "Best matches shown; counting…"
            if walking:
                walked.append((text, filters))
                assert not any(name.startswith("f/") for name in before), before
                assert len(before) <= 4, before  # the results within four requests
                # The count, with facets.json unanswered: from the value's file, or the rows.
                expect(page.locator("#search-status")).to_have_text(f"{expected.total} experts found.")
            facets.release()
            page.wait_for_selector("#search-form[data-state=done]")
            assert page.inner_text("#search-status") == f"{expected.total} experts found."
            index_files = [name for name in fetched if name.endswith(".json") and name != "meta.json"]
            if walking:
                # The page's own list is in the order the files came, the requests' in the order asked.
                assert sorted(index_files[: len(before)]) == sorted(before), index_files
                after = sorted(index_files[len(before) :])
                [(name, value)] = filters.items()
                key = value.encode().hex()
                valued = [f"f/{name}/{key}.c.json"] if name != "topic" else ["facets.json", f"f/topic/{key}.json"]
                assert after in ([], sorted(valued)), index_files  # none where the rows count them all
                counted_by_value += bool(after)
                by_topic += name == "topic" and bool(after)
                assert expected.total > 10
                page.locator("button.more").click()
                expect(page.locator("#results li")).to_have_count(min(expected.total, 20))
                slugs = page.eval_on_selector_all("#results li", "items => items.map(i => i.dataset.slug)")
                assert slugs == [hit.slug for hit in expected.hits]
            context.close()
            if not text:  # the value's file carries its first rows (VALUE_FIRST): nothing else before the counts
                assert index_files == [f"f/format/{b'radio'.hex()}.json", f"f/format/{b'radio'.hex()}.c.json"]
    assert len(walked) >= len(queries) // 2, walked
    assert counted_by_value >= len(walked) // 2, (counted_by_value, walked)
    assert by_topic, walked  # the value's file beside facets.json: a topic's path


class _SecondLineHeld(SimpleHTTPRequestHandler):
    """Serves a built site; a counting file's first line at once, its second once ``release`` is set."""

    release = threading.Event()

    def do_GET(self) -> None:
        if not self.path.split("?")[0].endswith(".c.json"):
            super().do_GET()
            return
        data = Path(self.translate_path(self.path)).read_bytes()
        first, rest = data.split(b"\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(first + b"\n")
        self.wfile.flush()
        self.release.wait(60)
        self.wfile.write(rest)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_walked_search_s_count_comes_with_its_counting_file_s_first_line(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search filtered by a country or a media format whose results were shown from rows (walked)
    gives its count and "Show more" as soon as the counting file's first line (that facet and
    availability) has come, while its second (the other facets) is still on its way; the facets'
    counts once it has come, all the index's."""
    root, index, common = walk_site(tmp_path, monkeypatch)
    rng = random.Random(7)
    queries = [(rng.choice(common), {"format": value}) for value in ("radio", "tv", "print")]
    queries += [(rng.choice(common), {"country": "US"}), (rng.choice(common), {"country": "US", "available": "1"})]
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_SecondLineHeld, directory=str(root / "_site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    walked = 0
    try:
        for text, filters in queries:
            _SecondLineHeld.release.clear()
            chosen = Filters(**{k: (v if k != "available" else True) for k, v in filters.items()})  # type: ignore[arg-type]
            expected = index.search(text, chosen, 20)
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            page.add_init_script(AT_COUNTING)
            assert browser_top10(page, url, text, filters, "counting") == [hit.slug for hit in expected.hits[:10]]
            if page.evaluate("window.statusAtCounting") == "Best matches shown; counting…":
                walked += 1
                # The second line held back: the count and "Show more" from the first.
                expect(page.locator("#search-status")).to_have_text(f"{expected.total} experts found.")
                expect(page.locator("button.more")).to_be_visible()
                assert page.get_attribute("#search-form", "data-state") == "counting"
            _SecondLineHeld.release.set()
            page.wait_for_selector("#search-form[data-state=done]")
            assert page.inner_text("#search-status") == f"{expected.total} experts found."
            page.click("details.refine summary")
            counts = facet_counts(index, text, filters)
            counts["available"] = {"yes": counts["available"].get("yes", 0)}
            shown = shown_counts(page)
            assert {facet: {v: n for v, n in values.items() if n} for facet, values in shown.items()} == {
                facet: {v: n for v, n in values.items() if n} for facet, values in counts.items()
            }, (text, filters)
            page.locator("button.more").click()
            expect(page.locator("#results li")).to_have_count(min(expected.total, 20))
            slugs = page.eval_on_selector_all("#results li", "items => items.map(i => i.dataset.slug)")
            assert slugs == [hit.slug for hit in expected.hits]
            context.close()
    finally:
        _SecondLineHeld.release.set()
        server.shutdown()
        server.server_close()
    assert walked >= 3, walked


OWN_PHOTO = """\
{% set shot = expert.photo %}
{% if shot.avatar %}
<span class="avatar own" data-hue="{{ shot.avatar.hue }}" title="Initials: {{ shot.avatar.initials }}">
{{- shot.avatar.initials -}}
</span>
{% else %}<img src="{{ url(shot.fallback.jpeg) }}" alt="{{ shot.alt }}">{% endif %}
"""


def _without_photo(root: Path) -> Path:
    """A site of one expert without a photo."""
    (root / "experts").mkdir(parents=True)
    (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    (root / "experts" / "ana-ruiz.yaml").write_text(PROFILE[: PROFILE.index("photo:")] + "reviewed: 2026-10-01\n")
    return root


@pytest.mark.parametrize("own", [False, True], ids=["theme", "own _photo.html"])
def test_a_results_avatar_is_the_one_the_pages_draw(browser: Browser, tmp_path: Path, own: bool) -> None:
    """Results without a photo show the avatar from the site's _photo.html, as the profile page does."""
    root = _without_photo(tmp_path / "avatar")
    if own:
        (root / "templates").mkdir()
        (root / "templates" / "_photo.html").write_text(OWN_PHOTO, encoding="utf-8")
    build_site(root, None, TODAY)
    with serve(root / "_site") as url:
        page = browser.new_page()
        page.goto(url + "/experts/ana-ruiz/")
        drawn = page.locator(".profile-head .avatar").evaluate("e => e.outerHTML")
        page.goto(url + "/search/?q=hurricane")
        page.wait_for_selector("#search-form[data-state=done]")
        shown = page.locator("#results li .avatar")
        assert shown.evaluate("e => e.outerHTML") == drawn
        assert shown.text_content() == "AR"
        if own:
            assert shown.get_attribute("title") == "Initials: AR"
        page.close()


def test_an_own_search_page_without_the_avatar_pattern_still_lists_results(browser: Browser, tmp_path: Path) -> None:
    """A search.html made from an older theme has no avatar pattern: results come without avatars, no error."""
    root = _without_photo(tmp_path / "older")
    (root / "templates").mkdir()
    theme = (theme_dir() / "search.html").read_text(encoding="utf-8")
    older = "\n".join(line for line in theme.splitlines() if "avatar-pattern" not in line) + "\n"
    assert older != theme
    (root / "templates" / "search.html").write_text(older, encoding="utf-8")
    build_site(root, None, TODAY)
    with serve(root / "_site") as url:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "/search/?q=hurricane")
        page.wait_for_selector("#search-form[data-state=done]")
        assert page.locator("#results li h2").inner_text() == "Ana Ruiz"
        assert page.locator("#results li .avatar").count() == 0
        assert errors == []
        page.close()


def test_show_more_is_there_only_when_there_are_more(browser: Browser, sample: tuple[Path, str]) -> None:
    """The button under the results shows only while results are left to show (site.css gives
    buttons a display, which must not undo the hidden attribute)."""
    _, url = sample
    page = browser.new_page()
    page.goto(url + "/search/")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.locator("button.more").is_hidden()
    page.goto(url + "/search/?q=hurricane%20insurance")
    page.wait_for_selector("#search-form[data-state=done]")
    assert 0 < page.locator("#results li").count() <= 10
    assert page.locator("button.more").is_hidden()
    page.goto(url + "/search/?language=en")
    page.wait_for_selector("#search-form[data-state=done]")
    found = int(page.locator("#search-status").inner_text().split()[0])
    assert found > 10 and page.locator("#results li").count() == 10
    page.locator("button.more").click()
    expect(page.locator("#results li")).to_have_count(min(found, 20))
    assert page.locator("button.more").is_hidden() == (found <= 20)
    page.close()


def focused(page: Page) -> str:
    """What has the keyboard's focus: its id, else its tag and text."""
    return str(
        page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.id || (e.tagName.toLowerCase() + ':' + (e.textContent || '').trim()); }"
        )
    )


def tab_to(page: Page, target: str, most: int = 40) -> None:
    """Press Tab until ``target`` (as ``focused`` names it) has the focus."""
    for _ in range(most):
        if focused(page) == target:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} never got the focus; last {focused(page)}")


@pytest.mark.parametrize(
    "text",
    [
        "Migración Chile",
        "Hurricaine insurance",
        "climate chnage glaciers",
        "climate clima glaciers",
        "foodsecurity policy",  # no profile has the word, two have its parts
    ],
)
def test_did_you_mean_offers_the_query_sitegen_search_does(
    browser: Browser, sample: tuple[Path, str], text: str
) -> None:
    """The page's "Did you mean" is the CLI's: whole words replaced, matched as the index folds
    them (an accented word once stayed as typed, "Did you mean Migración?", and "clima" was
    replaced inside "climate": "climatete clima glaciers")."""
    root, url = sample
    result = CliRunner().invoke(main, ["--site", str(root), "search", text, "--json"])
    corrected = json.loads(result.stdout)["corrected"]
    assert corrected and corrected != text
    page = browser.new_page()
    page.goto(f"{url}/search/?{urlencode({'q': text})}")
    page.wait_for_selector("#search-form[data-state=done]")
    expect(page.locator(".did-you-mean")).to_have_text(f"Did you mean {corrected}?")
    page.click(".did-you-mean button")
    page.wait_for_url(f"**/search/?{urlencode({'q': corrected})}")
    page.close()


def test_two_words_making_one_are_neither_left_out_nor_corrected(browser: Browser, sample: tuple[Path, str]) -> None:
    """ "wild fires" finds who writes "wildfires": "wild" is not said to be missing, nor offered as
    "wind"; "cyber security" finds the cybersecurity experts, as ``sitegen search`` does."""
    root, url = sample
    page = browser.new_page()
    for text in ("wild fires", "cyber security"):
        result = CliRunner().invoke(main, ["--site", str(root), "search", text, "--json"])
        expected = json.loads(result.stdout)
        assert expected["results"] and not expected["suggestions"] and not expected["left_out"], expected
        page.goto(f"{url}/search/?{urlencode({'q': text})}")
        page.wait_for_selector("#search-form[data-state=done]")
        found = page.eval_on_selector_all("#results li", "items => items.map(i => i.dataset.slug)")
        assert found == [hit["slug"] for hit in expected["results"]]
        said = "1 expert found." if len(found) == 1 else f"{len(found)} experts found."
        assert page.inner_text("#search-status") == said  # nothing left out, nothing partial
        assert page.locator(".did-you-mean").is_hidden()
    page.close()


def test_a_query_of_unknown_words_shows_the_corrected_query_s_results(
    browser: Browser, sample: tuple[Path, str]
) -> None:
    """A search for "migración" alone found no one, with a "Did you mean" to tap: the page now
    shows the corrected query's results at once, says so, and offers no "Did you mean" (as
    ``sitegen search``); the address keeps what was typed."""
    root, url = sample
    result = CliRunner().invoke(main, ["--site", str(root), "search", "migración", "--json", "--limit", "10"])
    expected = json.loads(result.stdout)
    assert expected["instead"] == "migration" and expected["total"] > 0
    page = browser.new_page()
    page.goto(f"{url}/search/?{urlencode({'q': 'migración'})}")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.eval_on_selector_all("#results li", "items => items.map(i => i.dataset.slug)") == [
        hit["slug"] for hit in expected["results"]
    ]
    assert page.inner_text("#search-status") == (
        f"No profile has \u201cmigración\u201d: results for \u201cmigration\u201d. {expected['total']} experts found."
    )
    assert page.locator(".did-you-mean").is_hidden()
    assert page.locator("#results li mark").first.inner_text().lower().startswith("migration")
    assert "q=migraci%C3%B3n" in page.url
    page.close()


def test_words_left_out_and_partial_matches_are_said(browser: Browser, sample: tuple[Path, str]) -> None:
    """A search for "climate expert" shows the climate experts (every result is an expert; no
    profile says so), and the status says which words were left out, as ``sitegen search`` does;
    "climate kenya" (no profile has both) shows those matching some, and says so; a query of
    unknown words alone finds no one, and the page says where to turn: the topics, the A–Z list,
    the press office."""
    _, url = sample
    page = browser.new_page()
    page.goto(url + "/search/?q=climate")
    page.wait_for_selector("#search-form[data-state=done]")
    climate = page.eval_on_selector_all("#results li", "items => items.map(i => i.dataset.slug)")
    page.goto(url + "/search/?q=Climate+expert+expertise")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.eval_on_selector_all("#results li", "items => items.map(i => i.dataset.slug)") == climate
    assert page.inner_text("#search-status") == (
        "No profile has \u201cexpert\u201d or \u201cexpertise\u201d: results without them."
        f" {len(climate)} experts found."
    )
    page.goto(url + "/search/?q=climate+kenya")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.inner_text("#search-status").startswith("No expert matches every word: these match some. ")
    assert page.locator(".none-found").is_hidden()
    page.goto(url + "/search/?q=climate+kenya&topic=space")  # none of them on the topic: none said
    page.wait_for_selector("#search-form[data-state=done]")
    partial = page.inner_text("#search-status")
    assert re.fullmatch(r"No experts found with these filters \(Space\); \d+ experts without them\.", partial)
    expect(page.locator(".none-found")).to_be_visible()  # no one on the topic
    page.goto(url + "/search/?q=qqqzzz+xxyyw")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.inner_text("#search-status") == "No experts found."
    # Where to turn instead: the topics, the A–Z list and the press office, by phone or request.
    expect(page.locator(".none-found")).to_be_visible()
    assert page.locator(".none-found .unfilter").is_hidden()  # no filters to search without
    links = page.eval_on_selector_all(".none-found a", "links => links.map(a => a.getAttribute('href'))")
    assert links == ["/topics/", "/experts/", "tel:+13125550140", "/contact/"]
    assert run_axe(page) == []
    phone = page.locator(".none-found a[href^='tel:']")
    for width in range(320, 430, 5):  # the number on one line, on any phone (it was split at 375)
        page.set_viewport_size({"width": width, "height": 800})
        assert phone.evaluate("a => a.getClientRects().length") == 1, width
    page.fill("#search-q", "climate")
    page.press("#search-q", "Enter")
    page.wait_for_url("**/search/?q=climate")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.locator(".none-found").is_hidden()
    page.close()


def test_filters_that_leave_no_one_say_how_many_the_words_find_without_them(
    browser: Browser, sample: tuple[Path, str]
) -> None:
    """A search for "climate" in Kenya finds no one: the status says how many "climate" finds
    anywhere, as ``sitegen search`` does, and a button in the notice searches without the filters,
    from the keyboard too, its state in the URL; the words alone finding no one, there is no button."""
    root, url = sample
    expected = cli_json(root, "climate", "--country", "KE", "--format", "tv")
    assert (expected["total"], expected["unfiltered"]) == (0, 7)
    page = browser.new_page()
    page.goto(url + "/search/?q=climate&country=KE&format=tv")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.inner_text("#search-status") == (
        "No experts found with these filters (Kenya \u00b7 TV); 7 experts without them."
    )
    expect(page.locator(".none-found")).to_be_visible()
    button = page.locator(".none-found .unfilter button")
    expect(button).to_have_text("Show the 7 experts found without the filters")
    assert run_axe(page) == []
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=climate")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.inner_text("#search-status") == "7 experts found."
    assert [page.input_value(f"#facet-{name}") for name in ("country", "format")] == ["", ""]
    assert page.locator(".none-found").is_hidden()
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.go_back()  # the filtered search again
    page.wait_for_url("**/search/?q=climate&country=KE&format=tv")
    page.wait_for_selector("#search-form[data-state=done]")
    expect(button).to_be_visible()
    page.goto(url + "/search/?country=KE&available=1&format=podcast")  # no words: everyone, as sitegen search
    page.wait_for_selector("#search-form[data-state=done]")
    everyone = cli_json(root, "--country", "KE", "--format", "podcast", "--available")["unfiltered"]
    assert page.inner_text("#search-status") == (
        "No experts found with these filters (Kenya \u00b7 Podcast \u00b7 Available now);"
        f" {everyone} experts without them."
    )
    page.click(".none-found .unfilter button")
    page.wait_for_selector("#search-form[data-state=done]")
    assert not page.is_checked("#facet-available")
    assert page.url.endswith("/search/")
    page.goto(url + "/search/?q=qqqzzz&country=KE")  # the words find no one anywhere
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.inner_text("#search-status") == "No experts found."
    assert page.locator(".none-found .unfilter").is_hidden()
    page.close()


def test_the_search_page_works_from_the_keyboard_alone(browser: Browser, sample: tuple[Path, str]) -> None:
    """Type, correct a misspelling, refine, page on and open a result with Tab, Enter, Space and the
    arrow keys only; the focus is always visible."""
    _, url = sample
    page = browser.new_page()
    page.goto(url + "/search/")
    page.wait_for_selector("#search-form[data-state=done]")
    tab_to(page, "search-q")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type("hurricaine insurance")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=hurricaine+insurance")
    page.wait_for_selector(".did-you-mean button")
    tab_to(page, "button:hurricane insurance")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=hurricane+insurance")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.locator("#results li").count() > 0
    # Refine: open the panel with Space on its summary, then choose a language with the arrows.
    page.fill("#search-q", "")
    page.focus("#search-q")
    page.keyboard.type("climate")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=climate")
    page.wait_for_selector("#search-form[data-state=done]")
    tab_to(page, "summary:Refine by topic, language, country or format")
    page.keyboard.press("Space")
    assert page.locator("details.refine").evaluate("d => d.open")
    tab_to(page, "facet-language")
    while page.input_value("#facet-language") != "es":
        page.keyboard.press("ArrowDown")
    page.wait_for_url("**/search/?q=climate&language=es")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.inner_text("#search-status") == "2 experts found."
    # Page on, then open the first result, from the keyboard.
    page.goto(url + "/search/?language=en")
    page.wait_for_selector("#search-form[data-state=done]")
    tab_to(page, "button:Show more results", most=80)
    page.keyboard.press("Enter")
    expect(page.locator("#results li")).not_to_have_count(10)
    first = page.locator("#results li h2 a").first
    tab_to(page, "a:" + first.inner_text().strip(), most=80)
    href = first.evaluate("a => a.href")
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    page.close()


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "desktop"])
def test_the_refine_panel_shows_its_state_and_its_checkbox_beside_its_label(
    browser: Browser, sample: tuple[Path, str], width: int
) -> None:
    """The panel's summary is a flex row, which drops the browser's disclosure triangle: the page
    draws one (closed, then open) with no text of its own. "Available now" sits right beside its
    checkbox on a phone and on a desktop (the search box's ``flex: 1`` once stretched the box,
    leaving the label an inch away)."""
    _, url = sample
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url + "/search/")
    page.wait_for_selector("#search-form[data-state=done]")
    marker = "() => getComputedStyle(document.querySelector('details.refine summary'), '::before').content"
    assert page.evaluate(marker) == '"\u25b8" / ""'
    page.click("details.refine summary")
    assert page.evaluate(marker) == '"\u25be" / ""'
    box = page.locator("#facet-available").bounding_box()
    label = page.locator("label[for=facet-available]").bounding_box()
    assert box is not None and label is not None
    assert abs(box["width"] - box["height"]) <= 2  # a square, not stretched across the row
    assert 0 <= label["x"] - (box["x"] + box["width"]) <= 16
    assert abs((label["y"] + label["height"] / 2) - (box["y"] + box["height"] / 2)) <= 4
    page.close()


ENGLISH_ENDINGS = (
    *("sses", "ied", "ies", "s", "ss", "us", "eed", "eedly", "ed", "edly", "ing", "ingly", "y", "e", "l", "ll"),
    *("ization", "ational", "fulness", "ousness", "iveness", "tional", "biliti", "lessli", "entli", "ation"),
    *("alism", "aliti", "ousli", "iviti", "fulli", "enci", "anci", "abli", "izer", "ator", "alli", "bli", "ogi"),
    *("ogist", "li", "alize", "icate", "iciti", "ative", "ical", "ness", "ful", "al", "ance", "ence", "er", "ic"),
    *("able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"),
)
"""The endings Snowball's English algorithm looks for, step by step."""


def english_words() -> list[str]:
    """Words ending in every ending the English stemmer looks for, alone and after the letters its
    rules look for (a double letter, "at", "bl", "iz", a short syllable, "l" before "ogi", the
    letters before "li", "s" or "t" before "ion"), on roots of every shape (the prefixes R1 begins
    after, a "y" first or after a vowel, the words "-ing" or "-eed" stays on, a root of one
    consonant before "ying"), some with a digit, a letter the rules do not know or a letter beyond
    the BMP; and the exceptional words; folded, as the analysis gives them."""
    roots = ["", "a", "e", "o", "h", "b", "d", "hop", "ad", "eg", "of", "ab", "ax", "aw", "ay", "ya", "yay", "uy"]
    roots += ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter", "pas", "gene"]
    roots += ["succ", "proc", "exc", "even", "cann", "inn", "earr", "herr", "out", "econom", "nation", "polit"]
    roots += ["sky", "news", "tr", "str", "abc", "co2", "þa", "a𠮷", "𠮷a", "𠮷", "epidemiol", "climatol", "psychol"]
    before = ["", "bb", "dd", "tt", "at", "bl", "iz", "hop", "wax", "ow", "aY", "l", "c", "g", "t", "s", "x", "y", "ic"]
    endings = {first + ending for first in before for ending in ENGLISH_ENDINGS} | set(before)
    endings |= {ending + "s" for ending in ENGLISH_ENDINGS} | {ending + "ly" for ending in ("ful", "ous", "ent", "al")}
    exceptional = ["skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly"]
    exceptional += ["sky", "news", "howe", "atlas", "cosmos", "bias", "andes", "vying", "succeed", "proceeding"]
    return sorted({folded_value(root + ending) for root in roots for ending in endings} | set(exceptional))
