"""How values are shown to readers: language and country names, phone numbers, dates, initials."""

from __future__ import annotations

import datetime as dt
import functools
import json
import unicodedata
from typing import Any

from anyascii import anyascii

# langcodes and phonenumbers are imported by the (cached) functions that use them: `check`
# imports this module for ``az_key`` alone and need not pay for them.


@functools.cache
def language_name(tag: str, in_language: str) -> str:
    """``es`` shown as "Spanish" in an English site."""
    import langcodes  # noqa: PLC0415 - imported when first used (see the module notes)

    name = langcodes.Language.get(tag).display_name(in_language)
    return str(name[:1].upper() + name[1:])


@functools.cache
def language_autonym(tag: str) -> str:
    """``es`` as its speakers name it: "español" (``pt-BR``: "português (Brasil)")."""
    import langcodes  # noqa: PLC0415 - imported when first used (see the module notes)

    return str(langcodes.Language.get(tag).autonym())


@functools.cache
def country_name(code: str, in_language: str) -> str:
    """``CH`` shown as "Switzerland" in an English site."""
    import langcodes  # noqa: PLC0415 - imported when first used (see the module notes)

    return str(langcodes.Language.get(f"und-{code}").territory_name(in_language))


LOCAL_SHARE = 3
"""A language is one of a country's own (``country_endonyms``) when at least 1/LOCAL_SHARE as many
people speak it there as speak the country's most spoken language."""


def _spoken_in(code: str) -> list[tuple[int, str]]:
    """A country's languages (with their script: ``pa-PK`` is written ``pa-Arab``) and how many
    speak each there, most spoken first: CLDR's figures, as language_data ships them for langcodes."""
    import langcodes  # noqa: PLC0415 - imported when first used (see the module notes)
    from language_data.population_data import LANGUAGE_SPEAKING_POPULATION  # noqa: PLC0415

    spoken = []
    for tag, speakers in LANGUAGE_SPEAKING_POPULATION.items():
        if tag.endswith(f"-{code}"):
            found = langcodes.Language.get(tag).maximize()
            spoken.append((speakers, langcodes.Language.make(language=found.language, script=found.script).to_tag()))
    return sorted(spoken, key=lambda each: (-each[0], each[1]))


@functools.cache
def country_endonyms(code: str) -> tuple[str, ...]:
    """``CH`` as its people name it: "Schweiz", "Schwiiz", "Switzerland", "Suisse" (its names in its
    own languages, LOCAL_SHARE, most spoken first, each once): a journalist in Geneva types
    "Suisse" on an English site."""
    spoken = _spoken_in(code.upper())
    names: list[str] = []
    for speakers, tag in spoken:
        if speakers * LOCAL_SHARE < spoken[0][0]:
            break
        name = country_name(code, tag)
        if name != code.upper() and name not in names:
            names.append(name)
    return tuple(names)


@functools.lru_cache(maxsize=4096)
def phone_display(e164: str) -> str:
    """``+13125550140`` shown as ``+1 312-555-0140``."""
    import phonenumbers  # noqa: PLC0415 - imported when first used (see the module notes)

    number = phonenumbers.parse(e164, None)
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def long_date(value: dt.date) -> str:
    """``2026-03-14`` shown as ``14 March 2026`` (unambiguous in every locale)."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


Thumbnail = str | tuple[str, int]
"""What a search result shows beside a name: the URL of a photo's smallest rendition, or an
initials avatar's letters and hue."""


def initials(name: str) -> str:
    """Up to two initials: the first letters of the first and last words."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not words:
        return "?"
    letters = [words[0][0]] if len(words) == 1 else [words[0][0], words[-1][0]]
    return unicodedata.normalize("NFC", "".join(letters)).upper()


def az_key(sort_name: str, name: str, slug: str) -> tuple[str, str, str]:
    """A–Z order by sort name, transliterated so that every script has a place."""
    return (anyascii(sort_name).casefold(), name.casefold(), slug)


def script_json(value: Any) -> str:
    """JSON safe to embed in a <script> data block: no "</script>", no HTML-significant characters."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text
