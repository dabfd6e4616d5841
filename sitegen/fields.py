"""Typed field values: each parses text from a profile or site.toml, or explains why not.

Every validator here receives the raw text the loader kept, so the schema, not
YAML's implicit typing, decides what a value is.  Failures raise
``PydanticCustomError`` of type ``sitegen`` carrying a plain-words message and an
optional hint, which ``validation`` turns into located problems.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import urllib.parse
import zoneinfo
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from sitegen.textrules import forbidden_character

# email_validator, phonenumbers, langcodes and pycountry are imported by the validators that use
# them: a check whose profiles are all cached validates none, and importing the four costs
# about a tenth of a second, a twentieth of such a check at 10,000 experts.


def fail(message: str, hint: str = "", index: int | None = None) -> PydanticCustomError:
    """Build the error every field validator raises; ``index`` points into a list."""
    context: dict[str, object] = {"message": message, "hint": hint}
    if index is not None:
        context["index"] = index
    return PydanticCustomError("sitegen", "{message}", context)


def suggestion(word: str, choices: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """Return "did you mean 'x'?" for the closest choice, or an empty string."""
    matches = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


# --- text -------------------------------------------------------------------


def _require_text(value: Any) -> str:
    if value is None:
        raise fail("is empty", "give it a value or remove the line")
    if not isinstance(value, str):
        raise fail(f"expected text, found {describe_value(value)}")
    return value


def describe_value(value: Any) -> str:
    """Name the kind of a value in plain words."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.time)):
        return "a date or time"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return f"the text '{value}'"


def _text(value: Any, *, multiline: bool) -> str:
    text = _require_text(value)
    if not text.strip():
        raise fail("is empty", "give it a value or remove the line")
    problem = forbidden_character(text, multiline=multiline)
    if problem:
        raise fail(problem, "retype the text or paste it as plain text")
    return text


def _single_line(value: Any) -> str:
    return _text(value, multiline=False)


def _multi_line(value: Any) -> str:
    return _text(value, multiline=True)


def _max_length(limit: int) -> AfterValidator:
    def check(text: str) -> str:
        if len(text) > limit:
            raise fail(f"is {len(text)} characters long; the limit is {limit}", "shorten it")
        return text

    return AfterValidator(check)


def _line_schema(limit: int) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "maxLength": limit, "pattern": r"^[^\n\r]+$"})


_LINE = PlainValidator(_single_line)
Line40 = Annotated[str, _LINE, _max_length(40), _line_schema(40)]
Line60 = Annotated[str, _LINE, _max_length(60), _line_schema(60)]
Line100 = Annotated[str, _LINE, _max_length(100), _line_schema(100)]
Line120 = Annotated[str, _LINE, _max_length(120), _line_schema(120)]
Line160 = Annotated[str, _LINE, _max_length(160), _line_schema(160)]
Line200 = Annotated[str, _LINE, _max_length(200), _line_schema(200)]
Line300 = Annotated[str, _LINE, _max_length(300), _line_schema(300)]
Markdown = Annotated[
    str,
    PlainValidator(_multi_line),
    _max_length(5000),
    WithJsonSchema({"type": "string", "maxLength": 5000}),
]


# --- identifiers --------------------------------------------------------------

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _identifier(value: Any) -> str:
    text = _single_line(value)
    if not ID_PATTERN.match(text):
        raise fail(
            f"'{text}' is not a valid id",
            "use lowercase letters a-z, digits and single hyphens, like 'climate-change'",
        )
    return text


Identifier = Annotated[
    str,
    PlainValidator(_identifier),
    _max_length(64),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN.pattern.replace(r"\Z", "$")}),
]


# --- booleans, numbers and dates ------------------------------------------------


def _boolean(value: Any) -> bool:
    text = _require_text(value)
    if text == "true":
        return True
    if text == "false":
        return False
    raise fail(f"expected true or false, found '{text}'", "write true or false, in lowercase")


Boolean = Annotated[bool, PlainValidator(_boolean), WithJsonSchema({"type": "boolean"})]


def _year(value: Any) -> int:
    text = _require_text(value)
    if not re.fullmatch(r"[0-9]{4}", text):
        raise fail(f"expected a four-digit year, found '{text}'")
    year = int(text)
    if not 1800 <= year <= 2100:
        raise fail(f"{year} is not a plausible year")
    return year


Year = Annotated[int, PlainValidator(_year), WithJsonSchema({"type": "integer", "minimum": 1800, "maximum": 2100})]

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")


def parse_date(value: Any) -> dt.date:
    """Parse an ISO 8601 calendar date (YYYY-MM-DD), explaining impossible ones."""
    text = _require_text(value)
    found = _DATE.match(text)
    if not found:
        raise fail(f"expected a date written YYYY-MM-DD, found '{text}'", "for example 2025-03-14")
    year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        raise fail(f"'{text}' is not a real date: there is no month {month}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        name = dt.date(year, month, 1).strftime("%B")
        raise fail(f"'{text}' is not a real date: {name} {year} has {last} days") from None


Date = Annotated[
    dt.date,
    PlainValidator(parse_date),
    # An explicit serializer: pydantic's own date serializer warns behind a PlainValidator.
    PlainSerializer(dt.date.isoformat, return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]


# --- web addresses --------------------------------------------------------------


class InsecureUrl(str):
    """An http (not https) address: accepted, but reported as a warning."""

    __slots__ = ()


def _url(value: Any) -> str:
    text = _single_line(value)
    if any(char.isspace() for char in text) or "\\" in text:
        raise fail("a web address must not contain spaces or backslashes")
    lowered = text.lower()
    if not lowered.startswith(("https://", "http://")):
        raise fail(
            f"'{text}' is not a web address starting with https://",
            "write the full address, like https://example.org/page",
        )
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError:
        raise fail(f"'{text}' is not a valid web address") from None
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise fail("a web address must not contain a user name or password")
    host = parts.hostname or ""
    if not host or ("." not in host.strip(".") and host != "localhost"):
        raise fail(f"'{text}' has no valid host name")
    if not re.fullmatch(r"[a-z0-9.-]+|\[[0-9a-f:.]+\]", host) and not _idna_ok(host):
        raise fail(f"'{text}' has an invalid host name '{host}'")
    del port
    if lowered.startswith("http://"):
        return InsecureUrl(text)
    return text


def _idna_ok(host: str) -> bool:
    try:
        host.encode("idna")
    except UnicodeError:
        return False
    return True


def _with_host(*suffixes: str) -> AfterValidator:
    def check(url: str) -> str:
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        if not any(host == suffix or host.endswith("." + suffix) for suffix in suffixes):
            expected = " or ".join(suffixes)
            raise fail(f"expected an address on {expected}, found one on {host}")
        return url

    return AfterValidator(check)


WebUrl = Annotated[
    str,
    PlainValidator(_url),
    _max_length(2000),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
"""An absolute http(s) address with a host and no credentials."""


_URL_SCHEMA = WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})
ScholarUrl = Annotated[str, PlainValidator(_url), _with_host("scholar.google.com"), _URL_SCHEMA]
LinkedinUrl = Annotated[str, PlainValidator(_url), _with_host("linkedin.com"), _URL_SCHEMA]
BlueskyUrl = Annotated[str, PlainValidator(_url), _with_host("bsky.app"), _URL_SCHEMA]
XUrl = Annotated[str, PlainValidator(_url), _with_host("x.com", "twitter.com"), _URL_SCHEMA]
GithubUrl = Annotated[str, PlainValidator(_url), _with_host("github.com"), _URL_SCHEMA]


def _orcid(value: Any) -> str:
    text = _single_line(value).strip()
    found = re.fullmatch(r"(?:https://orcid\.org/)?([0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X])", text)
    if not found:
        raise fail(
            f"'{text}' is not an ORCID iD",
            "write it as 0000-0002-1825-0097 or https://orcid.org/0000-0002-1825-0097",
        )
    digits = found.group(1).replace("-", "")
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if digits[-1] != expected:
        raise fail(f"'{found.group(1)}' is not a valid ORCID iD (its check digit is wrong)")
    return f"https://orcid.org/{found.group(1)}"


Orcid = Annotated[str, PlainValidator(_orcid), WithJsonSchema({"type": "string"})]


# --- email and phone ------------------------------------------------------------

_LOCAL_PART = re.compile(r"[\w.+'-]+\Z")


def _email(value: Any) -> str:
    import email_validator  # noqa: PLC0415 - imported when first used (see the module notes)

    text = _single_line(value).strip()
    try:
        checked = email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        raise fail(f"'{text}' is not a valid email address: {exc}") from None
    if not _LOCAL_PART.match(checked.local_part):
        raise fail(
            f"'{text}' has characters that are not allowed in a published address",
            "use letters, digits, dots, hyphens, underscores and plus signs before the @",
        )
    return str(checked.normalized)


Email = Annotated[str, PlainValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]


def _phone(value: Any) -> str:
    import phonenumbers  # noqa: PLC0415 - imported when first used (see the module notes)

    text = _single_line(value).strip()
    if not text.startswith("+"):
        raise fail(
            f"'{text}' is not an international phone number",
            "start with + and the country code, like +44 20 7946 0000",
        )
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        raise fail(f"'{text}' is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise fail(f"'{text}' is not a valid phone number", "check the country code and the number of digits")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


Phone = Annotated[str, PlainValidator(_phone), WithJsonSchema({"type": "string", "pattern": r"^\+"})]


# --- languages, countries, time zones -----------------------------------------


@functools.cache
def _language_problem(text: str) -> tuple[str, str] | None:
    """Why a language tag is not acceptable, as (message, hint); cached, as profiles repeat tags."""
    import langcodes  # noqa: PLC0415 - imported when first used (see the module notes)

    if langcodes.tag_is_valid(text):
        standard = langcodes.standardize_tag(text)
        subtag = langcodes.Language.get(standard).language
        if subtag and known_language(subtag):
            return None if standard == text else (f"write the language tag '{text}' as '{standard}'", "")
    hint = ""
    try:
        found = langcodes.find(text)
        hint = f"did you mean '{found.to_tag()}' ({found.display_name('en')})?"
    except LookupError:
        pass
    return f"'{text}' is not a known BCP 47 language tag", hint or "use a tag like 'en', 'es' or 'pt-BR'"


def known_language(subtag: str) -> bool:
    """True if a language subtag has a name: read from the IANA registry, which holds exactly those
    (a test compares, code by code, every two- and three-letter one), except the codes kept for
    private use (qaa to qtz), of which the names know one.  The names take a tenth of a second to
    load, in every check: they are loaded only for a private-use code."""
    import langcodes  # noqa: PLC0415 - imported when first used (see the module notes)

    language = langcodes.Language.get(subtag)
    if "qaa" <= subtag <= "qtz":
        return language.language_name("en") != f"Unknown language [{subtag}]"
    return bool(language.is_valid())


def _language(value: Any) -> str:
    text = _single_line(value).strip()
    problem = _language_problem(text)
    if problem:
        raise fail(*problem)
    return text


LanguageTag = Annotated[str, PlainValidator(_language), WithJsonSchema({"type": "string"})]


@functools.cache
def _country_codes() -> frozenset[str]:
    import pycountry  # noqa: PLC0415 - imported when first used (see the module notes)

    return frozenset(country.alpha_2 for country in pycountry.countries)


def _country(value: Any) -> str:
    text = _single_line(value).strip()
    if text in _country_codes():
        return text
    if text.upper() in _country_codes():
        raise fail(f"write the country code '{text}' in capitals: '{text.upper()}'")
    hint = "use the two-letter ISO 3166-1 code, like 'DE' or 'BR'"
    import pycountry  # noqa: PLC0415 - imported when first used (see the module notes)

    try:
        matches = pycountry.countries.search_fuzzy(text)
    except LookupError:
        matches = []
    if matches:
        hint = f"did you mean '{matches[0].alpha_2}' ({matches[0].name})?"
    raise fail(f"'{text}' is not an ISO 3166-1 alpha-2 country code", hint)


CountryCode = Annotated[str, PlainValidator(_country), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"})]


def load_validators() -> None:
    """Import and load what the validators use, ahead of their first value: before workers are
    forked to validate profiles, so that they share one copy rather than each loading its own
    (a tenth of a second in every worker without it: email validation, phone metadata, the
    language registry, country codes)."""
    _email("press@example.org")
    _phone("+44 20 7946 0000")
    _language_problem("en")
    _country_codes()


@functools.cache
def time_zones() -> frozenset[str]:
    """Every IANA time zone name known to the installed tzdata."""
    return frozenset(zoneinfo.available_timezones())


def _time_zone(value: Any) -> str:
    text = _single_line(value).strip()
    if text in time_zones():
        return text
    raise fail(
        f"'{text}' is not an IANA time zone",
        suggestion(text, time_zones()) or "use a name like 'Europe/Madrid' or 'America/Chicago'",
    )


TimeZone = Annotated[str, PlainValidator(_time_zone), WithJsonSchema({"type": "string"})]


def _unique(kind: str) -> AfterValidator:
    def check(items: tuple[str, ...]) -> tuple[str, ...]:
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item in seen:
                raise fail(f"the {kind} '{item}' is listed twice", "remove the repeated entry", index=index)
            seen.add(item)
        return items

    return AfterValidator(check)


def _list_input(value: Any) -> Any:
    if isinstance(value, str):
        raise fail("expected a list", "write each entry on its own line starting with '- '")
    return value


_LIST = BeforeValidator(_list_input)
TopicIds = Annotated[tuple[Identifier, ...], _LIST, Field(min_length=1, max_length=8), _unique("topic")]
Keywords = Annotated[tuple[Line60, ...], _LIST, Field(max_length=20), _unique("keyword")]
Languages = Annotated[tuple[LanguageTag, ...], _LIST, Field(min_length=1, max_length=20), _unique("language")]
MediaFormat = Literal["print", "online", "radio", "tv", "podcast", "live", "on-camera"]
MEDIA_FORMATS: tuple[str, ...] = get_args(MediaFormat)
MediaFormats = Annotated[tuple[MediaFormat, ...], _LIST, Field(max_length=7), _unique("format")]
