"""A filter's value as typed: codes in any case, names in the site's language, English or their own."""

from __future__ import annotations

import pytest

from sitegen.filter_values import (
    country_hint,
    country_value,
    language_hint,
    language_value,
    link_names,
    topic_hint,
    topic_value,
)
from sitegen.search import folded_value as fold

LANGUAGES = ["ar", "de", "el", "en", "es", "pt", "pt-BR", "zh"]
COUNTRIES = ["CH", "DE", "KE", "US"]
TOPICS = {"oceans": "Oceans and coasts", "climate-change": "Climate change"}


def test_folding_sets_case_and_accents_aside() -> None:
    assert fold(" Español ") == fold("ESPANOL") == "espanol"
    assert fold("Zürich") == "zurich"
    assert fold("العربية") == fold("العربيه")  # as the index folds: teh marbuta
    assert fold("ΕΛΛΆΔΑ") == fold("Ελλαδα")


@pytest.mark.parametrize(
    ("typed", "site", "value"),
    [
        ("es", "en", "es"),
        ("ES", "en", "es"),
        ("pt-br", "en", "pt-BR"),
        ("Spanish", "en", "es"),
        ("español", "en", "es"),
        ("Espanol", "en", "es"),
        ("Spanisch", "de", "es"),  # the site's language
        ("Spanish", "de", "es"),  # English on any site
        ("português (Brasil)", "en", "pt-BR"),  # its own name
        ("Portuguese (Brazil)", "en", "pt-BR"),
        ("Brazilian Portuguese", "en", "pt-BR"),  # a name langcodes knows
        ("portugués", "en", "pt"),
        ("中文", "en", "zh"),
        ("العربيه", "en", "ar"),  # its own name, teh marbuta typed as heh
        ("ΕΛΛΗΝΙΚΑ", "en", "el"),  # in capitals, without the tonos
        ("French", "en", None),  # a language nobody holds
        ("fr", "en", None),
        ("klingonese", "en", None),
    ],
)
def test_a_language_by_its_code_or_a_name(typed: str, site: str, value: str | None) -> None:
    assert language_value(typed, LANGUAGES, site) == value


@pytest.mark.parametrize(
    ("typed", "site", "value"),
    [
        ("ch", "en", "CH"),
        ("CHE", "en", "CH"),
        ("switzerland", "en", "CH"),
        ("Schweiz", "de", "CH"),
        ("Deutschland", "de", "DE"),
        ("Deutschland", "en", "DE"),  # as its people name it
        ("suisse", "en", "CH"),  # in the languages most spoken there
        ("Allemagne", "en", None),  # French is not among Germany's (French speakers there are few)
        ("United States", "en", "US"),
        ("Kenia", "es", "KE"),
        ("France", "en", None),
        ("XX", "en", None),
    ],
)
def test_a_country_by_its_code_or_a_name(typed: str, site: str, value: str | None) -> None:
    assert country_value(typed, COUNTRIES, site) == value


@pytest.mark.parametrize("site", ["en", "de", "es"])
def test_a_link_s_names_choose_what_sitegen_search_chooses(site: str) -> None:
    """Every name the search page is given for a link's value chooses the value the CLI's option
    does; the names are those the CLI looks up first, langcodes' other languages' left out."""
    names = link_names(LANGUAGES, COUNTRIES, site)
    assert names["language"] and all(language_value(n, LANGUAGES, site) == v for n, v in names["language"].items())
    assert names["country"] and all(country_value(n, COUNTRIES, site) == v for n, v in names["country"].items())
    assert all(name == fold(name) for table in names.values() for name in table)
    assert {"espanol": "es", "deutsch": "de", "portugues (brasil)": "pt-BR"}.items() <= names["language"].items()
    assert {"ken": "KE", "republic of kenya": "KE", "schweiz": "CH", "usa": "US"}.items() <= names["country"].items()
    if site != "es":  # German's name in Spanish, langcodes': the CLI alone finds it there
        assert "aleman" not in names["language"] and language_value("alemán", LANGUAGES, site) == "de"


def test_a_topic_by_its_id_or_its_name() -> None:
    assert topic_value("oceans", TOPICS) == topic_value("OCEANS AND COASTS", TOPICS) == "oceans"
    assert topic_value("Climate change", TOPICS) == "climate-change"
    assert topic_value("ocean", TOPICS) is None


def test_the_hint_names_the_nearest_as_written() -> None:
    assert language_hint("Spansh", LANGUAGES, "en") == "did you mean 'Spanish'?"
    assert language_hint("Espanool", LANGUAGES, "en") == "did you mean 'español'?"
    assert country_hint("Swizerland", COUNTRIES, "en") == "did you mean 'Switzerland'?"
    assert country_hint("Narnia", COUNTRIES, "en") == "experts have: CH, DE, KE, US"
    assert topic_hint("ocens", TOPICS) == "did you mean 'oceans'?"
    assert topic_hint("zzz", TOPICS) == ""
