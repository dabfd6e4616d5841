"""Field rules: exact messages and locations for every kind of value."""

from __future__ import annotations

import itertools
import string
from pathlib import Path

import pytest

from sitegen.discover import Source
from sitegen.fields import known_language
from sitegen.profiles import parse_profile
from tests.conftest import PROFILE

PATH = "experts/ana-ruiz.yaml"


def problems(extra: str, base: str = PROFILE) -> list[str]:
    parsed = parse_profile(Source("ana-ruiz", PATH, Path(PATH)), (base + extra).encode())
    out = []
    for p in parsed.problems:
        text = f"{p.line}:{p.column}: {p.severity.value}: {p.field}: {p.message}"
        out.append(text + (f" [{p.hint}]" if p.hint else ""))
    return out


def value_of(extra: str, *path: str | int) -> object:
    parsed = parse_profile(Source("ana-ruiz", PATH, Path(PATH)), (PROFILE + extra).encode())
    assert parsed.problems == ()
    value: object = parsed.expert
    for part in path:
        value = value[part] if isinstance(part, int) else getattr(value, part)  # type: ignore[index]
    return value


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "'javascript:alert(1)' is not a web address starting with https:// "
         "[write the full address, like https://example.org/page]"),
        ("data:text/html,hi", "'data:text/html,hi' is not a web address starting with https:// "
         "[write the full address, like https://example.org/page]"),
        ("https://user:pw@example.org/", "a web address must not contain a user name or password"),
        ('"https://exa mple.org/"', "a web address must not contain spaces or backslashes"),
        ("https:\\\\evil.example", "a web address must not contain spaces or backslashes"),
        ("https://", "'https://' has no valid host name"),
        ("https://localhostx/", "'https://localhostx/' has no valid host name"),
        ("//example.org/", "'//example.org/' is not a web address starting with https:// "
         "[write the full address, like https://example.org/page]"),
    ],
)  # fmt: skip
def test_urls_must_be_absolute_https_with_a_host(url: str, message: str) -> None:
    assert problems(f"links:\n  website: {url}\n") == [f"17:12: error: links.website: {message}"]


def test_http_urls_are_accepted_with_a_warning() -> None:
    assert problems("links:\n  website: http://example.org/\n") == [
        "17:12: warning: links.website: the address uses http, not https [use https:// if the site supports it]"
    ]


@pytest.mark.parametrize("url", ["HTTP://example.org/", '"\\x68ttp://example.org/"', '"http\\x3a//example.org/"'])
def test_http_urls_are_found_however_written(url: str) -> None:
    # The check looks for them only in profiles whose text could hold one: escapes included.
    assert problems(f"links:\n  website: {url}\n") == [
        "17:12: warning: links.website: the address uses http, not https [use https:// if the site supports it]"
    ]


def test_link_fields_expect_their_own_sites() -> None:
    assert problems("links:\n  github: https://gitlab.com/ana\n") == [
        "17:11: error: links.github: expected an address on github.com, found one on gitlab.com"
    ]


def test_orcid_check_digit_is_verified() -> None:
    assert (
        value_of("links:\n  orcid: 0000-0002-1825-0097\n", "links", "orcid") == "https://orcid.org/0000-0002-1825-0097"
    )
    assert problems("links:\n  orcid: 0000-0002-1825-0098\n") == [
        "17:10: error: links.orcid: '0000-0002-1825-0098' is not a valid ORCID iD (its check digit is wrong)"
    ]


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("a?bcc=x@example.org", "'a?bcc=x@example.org' has characters that are not allowed in a published address "
         "[use letters, digits, dots, hyphens, underscores and plus signs before the @]"),
        ("a&b@example.org", "'a&b@example.org' has characters that are not allowed in a published address "
         "[use letters, digits, dots, hyphens, underscores and plus signs before the @]"),
        ("ana@@example.org", "'ana@@example.org' is not a valid email address: "
         "The part after the @-sign contains invalid characters: '@'."),
    ],
)  # fmt: skip
def test_emails_are_checked_by_syntax_without_header_tricks(email: str, message: str) -> None:
    assert problems(f"contact:\n  email: {email}\n") == [f"17:10: error: contact.email: {message}"]


def test_email_domain_is_normalised() -> None:
    assert value_of("contact:\n  email: Ana.Ruiz@Example.ORG\n", "contact", "email") == "Ana.Ruiz@example.org"


def test_phone_numbers_are_stored_e164() -> None:
    assert value_of("contact:\n  phone: +34 934 02 11 00\n", "contact", "phone") == "+34934021100"


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("0612345", "'0612345' is not an international phone number "
         "[start with + and the country code, like +44 20 7946 0000]"),
        ("+1 555", "'+1 555' is not a valid phone number [check the country code and the number of digits]"),
        ("+abc", "'+abc' is not a phone number"),
    ],
)  # fmt: skip
def test_phone_numbers_must_be_international(phone: str, message: str) -> None:
    assert problems(f"contact:\n  phone: {phone}\n") == [f"17:10: error: contact.phone: {message}"]


def test_languages_are_bcp47() -> None:
    base = PROFILE.replace("  - es\n  - en\n", "  - es\n  - english\n  - en-us\n  - xx\n")
    assert problems("", base) == [
        "10:5: error: languages[1]: 'english' is not a known BCP 47 language tag [did you mean 'en' (English)?]",
        "11:5: error: languages[2]: write the language tag 'en-us' as 'en-US'",
        "12:5: error: languages[3]: 'xx' is not a known BCP 47 language tag [use a tag like 'en', 'es' or 'pt-BR']",
    ]


def test_countries_and_time_zones() -> None:
    extra = "location:\n  country: Germany\n  timezone: Europe/Berln\n"
    assert problems(extra) == [
        "17:12: error: location.country: 'Germany' is not an ISO 3166-1 alpha-2 country code "
        "[did you mean 'DE' (Germany)?]",
        "18:13: error: location.timezone: 'Europe/Berln' is not an IANA time zone [did you mean 'Europe/Berlin'?]",
    ]
    assert problems("location:\n  country: de\n") == [
        "17:12: error: location.country: write the country code 'de' in capitals: 'DE'"
    ]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-13-01", "'2025-13-01' is not a real date: there is no month 13"),
        ("2025-04-31", "'2025-04-31' is not a real date: April 2025 has 30 days"),
        ("31/12/2025", "expected a date written YYYY-MM-DD, found '31/12/2025' [for example 2025-03-14]"),
    ],
)
def test_dates_are_real_calendar_dates(date: str, message: str) -> None:
    base = PROFILE.replace("reviewed: 2026-10-01", f"reviewed: {date}")
    assert problems("", base) == [f"15:11: error: reviewed: {message}"]


def test_booleans_come_from_the_schema() -> None:
    assert problems("media:\n  trained: yes\n") == [
        "17:12: error: media.trained: expected true or false, found 'yes' [write true or false, in lowercase]"
    ]
    assert value_of("media:\n  trained: true\n  studio: false\n", "media", "trained") is True


def test_unknown_fields_get_a_suggestion() -> None:
    assert problems("keywrods: [a]\n") == ["16:1: error: keywrods: unknown field 'keywrods' [did you mean 'keywords'?]"]


def test_missing_required_fields_point_at_their_parent() -> None:
    base = PROFILE.replace("headline: Hurricane insurance\n", "").replace("  alt: Ana Ruiz\n", "")
    assert problems("", base) == [
        "1:1: error: headline: is required [add a line 'headline: …']",
        "10:1: error: photo.alt: is required [add a line 'alt: …']",
    ]


def test_empty_and_wrongly_shaped_values() -> None:
    base = PROFILE.replace("title: Professor of Economics", "title:").replace(
        "topics:\n  - climate-change", "topics: climate-change"
    )
    assert problems("location: Chicago\nmedia:\n  formats: [radio, television]\n", base) == [
        "2:1: error: title: is empty [give it a value or remove the line]",
        "6:9: error: topics: expected a list [write each entry on its own line starting with '- ']",
        "15:11: error: location: expected a mapping of fields, found the text 'Chicago' "
        "[indent the fields under this key]",
        "17:20: error: media.formats[1]: 'television' is not one of: print, online, radio, tv, podcast, live, "
        "on-camera",
    ]


def test_limits_on_lengths_and_counts() -> None:
    base = PROFILE.replace("headline: Hurricane insurance", "headline: " + "x" * 161)
    extra = "keywords: [" + ", ".join(f"k{i}" for i in range(21)) + "]\ntopics: []\n"
    assert problems("", base) == ["3:11: error: headline: is 161 characters long; the limit is 160 [shorten it]"]
    assert problems("keywords: [" + ", ".join(f"k{i}" for i in range(21)) + "]\n") == [
        "16:11: error: keywords: has 21 entries; the limit is 20 [remove some]"
    ]
    assert "topics" in extra


def test_repeated_entries_are_refused() -> None:
    base = PROFILE.replace("  - climate-change\n", "  - climate-change\n  - climate-change\n")
    assert problems("", base) == [
        "8:5: error: topics[1]: the topic 'climate-change' is listed twice [remove the repeated entry]"
    ]


def test_private_is_kept_apart_from_the_public_expert() -> None:
    parsed = parse_profile(
        Source("ana-ruiz", PATH, Path(PATH)), (PROFILE + "private:\n  mobile: '+1 555'\n  notes: [a, b]\n").encode()
    )
    assert parsed.problems == ()
    assert parsed.private is not None
    assert parsed.private.data == {"mobile": "+1 555", "notes": ["a", "b"]}
    assert parsed.expert is not None
    assert "private" not in type(parsed.expert).model_fields
    assert "+1 555" not in parsed.expert.model_dump_json()


def test_private_notes_still_refuse_bidi_tricks() -> None:
    assert problems('private:\n  note: "a\\u202eb"\n') == [
        "17:9: error: private.note: contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 2"
        " [retype it]"
    ]


def test_a_known_language_subtag_is_one_with_a_name() -> None:
    """``known_language`` reads the IANA registry, not the names (which take a tenth of a second
    to load): for every two- and three-letter code, it holds exactly when the code has an English name."""
    import langcodes

    differ = []
    letters = string.ascii_lowercase
    for code in ("".join(chars) for size in (2, 3) for chars in itertools.product(letters, repeat=size)):
        if not langcodes.tag_is_valid(code):
            continue
        subtag = langcodes.Language.get(langcodes.standardize_tag(code)).language
        if not subtag:
            continue  # "und" (undetermined): refused before either is asked
        named = langcodes.Language.get(subtag).language_name("en") != f"Unknown language [{subtag}]"
        if known_language(subtag) != named:
            differ.append(code)
    assert differ == []
