"""British spellings read as American ones (sitegen.spelling)."""

from __future__ import annotations

import pytest
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

from sitegen import search
from sitegen.search import FAMILY_GAP, FAMILY_MIN
from sitegen.spelling import American, american_stems, relevant
from sitegen.stem_english import english


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("organisation", "organization"),
        ("organisations", "organizational"),
        ("paediatric", "pediatric"),
        ("paediatrician", "pediatricians"),
        ("tumour", "tumors"),
        ("colouration", "coloration"),  # a form breame does not list: its stem is listed
        ("modernisation", "modernizing"),
        ("programme", "program"),
        ("programmes", "programs"),
        ("centre", "center"),
        ("behaviour", "behavioral"),
        ("haemorrhage", "hemorrhaging"),
        ("defence", "defense"),
        ("licence", "license"),
        ("anaesthetist", "anesthetists"),
        ("labour", "labor"),
    ],
)
def test_a_british_spelling_stems_as_its_american_one(british: str, american: str) -> None:
    stem = search.STEMS["english"]
    assert english(british) != english(american)  # Snowball's English alone keeps them apart
    assert stem(british) == stem(american)


def test_every_pair_breame_lists_is_one_stem_but_where_the_american_spellings_differ() -> None:
    """Each British word breame lists stems as its American spelling does, but where the American
    spellings of a British stem's words have two stems: then as most of them (``utilise``,
    ``utilised`` … ``util``; ``utilisable``, ``utilizable``: ``utiliz``)."""
    stem = American(english)
    apart = sorted(b for b, a in BRITISH_ENGLISH_SPELLINGS.items() if stem(b) != stem(a))
    assert apart == [
        *["amortisable", "manoeuvrability", "manoeuvrable", "recognisable", "recognisably", "recognisance"],
        *["unrecognisable", "utilisable"],
    ]
    table = american_stems(english)
    assert len(table) == 490
    assert (table["utilis"], table["recognis"], table["organis"]) == ("util", "recogn", "organiz")
    assert not set(table) & set(table.values())  # no stem is read twice


def test_american_spellings_and_other_words_stem_as_before() -> None:
    stem = search.STEMS["english"]
    words = ["organization", "pediatric", "color", "economists", "international", "university", "hurricane"]
    assert [stem(word) for word in words] == [english(word) for word in words]


def test_the_page_is_given_the_pairs_that_can_change_what_a_query_finds() -> None:
    """A pair matters where a term begins with either stem (a word being typed is completed), is
    either, or is of either's family (a prefix of at least FAMILY_MIN letters, at most FAMILY_GAP
    shorter): elsewhere the word finds nothing either way."""
    table = {"colour": "color", "metr": "meter", "centr": "center", "economis": "econom", "abcdefghij": "x"}
    terms = sorted(["colorado", "metro", "econom", "abcdef"])
    assert relevant(table, terms, set(terms), FAMILY_MIN, FAMILY_GAP) == {
        "colour": "color",  # "colorado" begins with the American stem
        "metr": "meter",  # "metro" with the British one
        "economis": "econom",  # the American stem is a term
    }
    table = {"abcdefgh": "x", "abcdefghij": "y", "abcdeh": "z"}
    assert relevant(table, ["abcdef"], {"abcdef"}, FAMILY_MIN, FAMILY_GAP) == {"abcdefgh": "x"}  # of its family
    assert relevant({"colour": "color"}, [], set(), FAMILY_MIN, FAMILY_GAP) == {}
