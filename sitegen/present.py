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
