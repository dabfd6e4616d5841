"""A search filter's value as a person types it, matched to a value the index holds.

``sitegen search --language Spanish`` (or ``español``, ``espanol``, ``ES``) chooses ``es``,
``--country switzerland`` (or ``ch``, ``CHE``, ``Schweiz``, ``Suisse``) chooses ``CH`` and
``--topic "Oceans and coasts"`` chooses ``oceans``: a code in any case, or a name in the site's
language, in English or in its own (a language's; a country's in the languages most spoken
there). Only values some published expert holds (every topic of the taxonomy) are chosen; None
otherwise, with the ``*_hint`` functions naming the nearest. Names are compared folded as the
index folds words (``search.folded_value``; the search page so folds a link's value and its
options' names): "العربيه" names Arabic as a search for it finds "العربية".
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence

from sitegen.present import country_endonyms, country_name, language_autonym, language_name
from sitegen.search import folded_value as fold


def _names(held: Sequence[str], named: Callable[[str], Iterable[str]]) -> dict[str, tuple[str, str]]:
    """Each held value's code and names, folded, to the value and the name as written (the first
    value to claim a name keeps it)."""
    names: dict[str, tuple[str, str]] = {}
    for value in held:
        for name in (value, *named(value)):
            names.setdefault(fold(name), (value, name))
    return names


def _language_names(tag: str, site_language: str) -> tuple[str, ...]:
    return (language_name(tag, site_language), language_name(tag, "en"), language_autonym(tag))


def _country_names(code: str, site_language: str) -> tuple[str, ...]:
    return (*_country_hints(code, site_language), *_iso_names(code))


def _country_hints(code: str, site_language: str) -> tuple[str, ...]:
    """A country's names a hint may offer: not its three-letter code ("KN" is no typo of "KEN")."""
    return (country_name(code, site_language), country_name(code, "en"), *country_endonyms(code))


def _iso_names(code: str) -> tuple[str, ...]:
    """A country's other names in ISO 3166-1: its three-letter code, official and common names
    ("KEN", "Republic of Kenya"), as pycountry has them."""
    import pycountry  # noqa: PLC0415 - imported when first used, as in sitegen.present

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return ()
    names = (getattr(country, field, None) for field in ("alpha_3", "official_name", "common_name"))
    return tuple(name for name in names if name)


def link_names(languages: Sequence[str], countries: Sequence[str], site_language: str) -> dict[str, dict[str, str]]:
    """The names a link's ``?language=`` and ``?country=`` may give a held value by, folded, to the
    value: the names ``language_value`` and ``country_value`` look up first (all but those
    langcodes finds in other languages, "portugués", and numeric country codes), so that a link
    chooses what ``sitegen search`` chooses (search_export writes them for the search page:
    ``names.json``)."""
    tables = {
        "language": _names(languages, lambda tag: _language_names(tag, site_language)),
        "country": _names(countries, lambda code: _country_names(code, site_language)),
    }
    return {facet: {name: value for name, (value, _) in names.items()} for facet, names in tables.items()}


def language_value(typed: str, held: Sequence[str], site_language: str) -> str | None:
    """The language tag ``typed`` names among ``held``: a tag in any case, a held language's name
    (in the site's language, English or its own), else any name langcodes knows ("portugués",
    "Brazilian Portuguese") whose tag, or its language without the region, is held."""
    import langcodes  # noqa: PLC0415 - imported when first used, as in sitegen.present

    found = _names(held, lambda tag: _language_names(tag, site_language)).get(fold(typed))
    if found is not None:
        return found[0]
    try:
        tag = langcodes.find(typed.strip()).to_tag()
    except LookupError:
        return None
    for candidate in (tag, tag.split("-")[0]):
        if candidate in held:
            return candidate
    return None


def country_value(typed: str, held: Sequence[str], site_language: str) -> str | None:
    """The country code ``typed`` names among ``held``: a code in any case (two letters or
    three), or a held country's name in the site's language, in English or as its people name it
    ("Suisse", ``present.country_endonyms``)."""
    import pycountry  # noqa: PLC0415 - imported when first used, as in sitegen.present

    found = _names(held, lambda code: _country_names(code, site_language)).get(fold(typed))
    if found is not None:
        return found[0]
    try:
        code = str(pycountry.countries.lookup(typed.strip()).alpha_2)
    except LookupError:
        return None
    return code if code in held else None


def topic_value(typed: str, topics: Mapping[str, str]) -> str | None:
    """The topic id ``typed`` names: an id or a topic's name (``topics``: each id's name), in any case."""
    found = _names(list(topics), lambda id_: (topics[id_],)).get(fold(typed))
    return found[0] if found is not None else None


def topic_hint(typed: str, topics: Mapping[str, str]) -> str:
    """The hint for an unknown topic: "did you mean 'oceans'?" for the nearest id or name, or nothing."""
    return _hint(typed, _names(list(topics), lambda id_: (topics[id_],)))


def language_hint(typed: str, held: Sequence[str], site_language: str) -> str:
    """The hint for an unknown language: "did you mean 'es'?" for the nearest held tag or name, or
    the held tags where there are few."""
    return _hint(typed, _names(held, lambda tag: _language_names(tag, site_language)), held)


def country_hint(typed: str, held: Sequence[str], site_language: str) -> str:
    """The hint for an unknown country: "did you mean 'Chile'?" for the nearest held code or name,
    or the held codes where there are few."""
    return _hint(typed, _names(held, lambda code: _country_hints(code, site_language)), held)


def _hint(typed: str, names: dict[str, tuple[str, str]], listed: Sequence[str] = ()) -> str:
    """The nearest code or name, as written; else the ``listed`` values, where there are a few."""
    near = difflib.get_close_matches(fold(typed), sorted(names), n=1, cutoff=0.6)
    if near:
        return f"did you mean '{names[near[0]][1]}'?"
    return f"experts have: {', '.join(listed)}" if 0 < len(listed) <= 30 else ""
