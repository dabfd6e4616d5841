"""site.toml: the site's settings, topic taxonomy, press offices and form settings."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import tomllib
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictInt,
    ValidationError,
)

from sitegen.fields import (
    Email,
    Identifier,
    LanguageTag,
    Line120,
    Line200,
    Line300,
    Phone,
    WebUrl,
    fail,
    suggestion,
)
from sitegen.problems import Problem, error
from sitegen.stable import StableModel
from sitegen.textrules import decode_utf8
from sitegen.tomlmap import TomlMap
from sitegen.validation import field_path, problems_from_error

CONFIG_FILE = "site.toml"
MAX_CONFIG_BYTES = 1024 * 1024
Provider = Literal["mailto", "formspree", "netlify", "post"]


def _https_only(url: str) -> str:
    if not url.lower().startswith("https://"):
        raise fail("must be an https:// address", "browsers send form data in the clear over http")
    return url


def _base_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.query or parts.fragment:
        raise fail("the base address must not have a query (?…) or fragment (#…)")
    return url if url.endswith("/") else url + "/"


HttpsUrl = Annotated[WebUrl, AfterValidator(_https_only)]
BaseUrl = Annotated[WebUrl, AfterValidator(_https_only), AfterValidator(_base_url)]


def _output_folder(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail("expected a folder name, like '_site'")
    path = Path(value)
    if path.is_absolute() or ".." in path.parts or value.startswith("~"):
        raise fail(f"'{value}' must be a folder inside the site, like '_site'")
    if (path.parts and path.parts[0] in ("experts", "templates", ".git")) or path == Path("."):
        raise fail(f"'{value}' would overwrite the site's own files", "use a separate folder, like '_site'")
    return value


OutputFolder = Annotated[str, PlainValidator(_output_folder)]


class _Section(StableModel):
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


class SiteInfo(_Section):
    """[site]: what the directory is."""

    title: Line120 = Field(description="Name of the directory.")
    base_url: BaseUrl = Field(description="Absolute https address the site is published at.")
    language: LanguageTag = Field(description="BCP 47 tag of the site's language.")
    organization: Line200 = Field(description="The organisation; the default affiliation of experts.")
    description: Line300 = Field(description="One sentence for search engines and the home page.")


class Topic(_Section):
    """[[topics]]: one entry of the taxonomy."""

    id: Identifier
    name: Line120
    description: Line300
    parent: Identifier | None = None


class Office(_Section):
    """[[offices]]: a press office journalists can reach."""

    id: Identifier
    name: Line120
    email: Email
    phone: Phone
    hours: Line200 | None = None
    after_hours_phone: Phone | None = None
    response_time: Line120 | None = None
    provider: Provider | None = None
    endpoint: HttpsUrl | None = None
    default: StrictBool = False


class Forms(_Section):
    """[forms]: how press-inquiry forms are delivered."""

    provider: Provider = "mailto"
    endpoint: HttpsUrl | None = None
    min_seconds: Annotated[StrictInt, Field(ge=0, le=60)] = 3
    """Submissions sooner than this after the page loads are treated as bots (the time trap)."""


class Review(_Section):
    """[review]: how fresh profiles must be."""

    max_age_days: Annotated[StrictInt, Field(ge=1, le=3650)] = 365
    unlist_overdue: StrictBool = False
    """Unlist published profiles whose review is overdue until someone confirms them."""


class Build(_Section):
    """[build]: where the site is written."""

    output: OutputFolder = "_site"


class SiteConfig(_Section):
    """The whole of site.toml."""

    site: SiteInfo
    topics: tuple[Topic, ...] = Field(min_length=1)
    offices: tuple[Office, ...] = Field(min_length=1)
    forms: Forms = Forms()
    review: Review = Review()
    build: Build = Build()

    @property
    def default_office(self) -> Office:
        """The office that answers for experts who name none."""
        return next(office for office in self.offices if office.default)

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id, if any."""
        return next((topic for topic in self.topics if topic.id == topic_id), None)

    def office(self, office_id: str) -> Office | None:
        """The office with this id, if any."""
        return next((office for office in self.offices if office.id == office_id), None)

    def form_route(self, office: Office) -> tuple[str, str | None]:
        """The provider and endpoint that deliver inquiries to ``office``."""
        return office.provider or self.forms.provider, office.endpoint or self.forms.endpoint


@dataclass(frozen=True)
class ConfigResult:
    """A validated configuration, or the problems that stop one."""

    config: SiteConfig | None
    problems: tuple[Problem, ...]
    digest: bytes = b""
    """SHA-256 of the site.toml bytes judged (empty when none could be read)."""


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parse_config(data: bytes) -> ConfigResult:
    """Parse and validate site.toml's bytes, reporting every problem with its line."""
    if len(data) > MAX_CONFIG_BYTES:
        return ConfigResult(None, (error(CONFIG_FILE, 0, 0, "", "site.toml is larger than 1 MiB"),))
    text, problems = decode_utf8(data, CONFIG_FILE)
    if text is None:
        return ConfigResult(None, tuple(problems))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        message = _TOML_POSITION.sub("", message)
        return ConfigResult(None, (error(CONFIG_FILE, line, column, "", f"TOML syntax error: {message}"),))
    where = TomlMap(text)
    try:
        config = SiteConfig.model_validate(raw)
    except ValidationError as exc:
        return ConfigResult(None, tuple(problems_from_error(exc, SiteConfig, CONFIG_FILE, where.locate)))
    cross = _cross_checks(config, where)
    return ConfigResult(None if cross else config, tuple(cross))


def _cross_checks(config: SiteConfig, where: TomlMap) -> list[Problem]:
    problems: list[Problem] = []

    def add(path: Sequence[str | int], message: str, hint: str = "") -> None:
        line, column = where.locate(path)
        problems.append(error(CONFIG_FILE, line, column, field_path(path), message, hint))

    def unique_ids(section: str, ids: Sequence[str]) -> None:
        first_seen: dict[str, int] = {}
        for index, item_id in enumerate(ids):
            if item_id in first_seen:
                line = where.locate((section, first_seen[item_id], "id"))[0]
                kind = section.removesuffix("s")
                add((section, index, "id"), f"duplicate {kind} id '{item_id}' (first defined at line {line})")
            first_seen.setdefault(item_id, index)

    topic_ids = [topic.id for topic in config.topics]
    parents = {topic.id: topic.parent for topic in config.topics}
    unique_ids("topics", topic_ids)
    unique_ids("offices", [office.id for office in config.offices])
    for index, topic in enumerate(config.topics):
        if topic.parent is None:
            continue
        if topic.parent == topic.id:
            add(("topics", index, "parent"), f"topic '{topic.id}' cannot be its own parent")
        elif topic.parent not in parents:
            hint = suggestion(topic.parent, topic_ids)
            add(("topics", index, "parent"), f"unknown parent topic '{topic.parent}'", hint)
        elif parents[topic.parent] is not None:
            add(
                ("topics", index, "parent"),
                f"topic '{topic.parent}' is itself a subtopic; topics have one level of hierarchy",
                f"use '{parents[topic.parent]}' as the parent",
            )
    defaults = [index for index, office in enumerate(config.offices) if office.default]
    if not defaults:
        add(("offices", 0), "no office is the default", "add 'default = true' to the office that answers for all")
    for index in defaults[1:]:
        add(("offices", index, "default"), "only one office can be the default", "remove 'default = true' here")
    routes = [config.form_route(office) for office in config.offices]
    missing = False
    for index, (office, (provider, endpoint)) in enumerate(zip(config.offices, routes, strict=True)):
        if provider in ("formspree", "post") and endpoint is None:
            if office.provider:
                add(("offices", index, "provider"), f"the '{provider}' provider needs an endpoint", "add an endpoint")
            elif not missing:
                add(
                    ("forms", "provider"),
                    f"the '{provider}' provider needs an endpoint",
                    "set [forms] endpoint, or an endpoint on every office",
                )
                missing = True
        if provider in ("mailto", "netlify") and office.endpoint is not None:
            add(
                ("offices", index, "endpoint"),
                f"the '{provider}' provider takes no endpoint",
                "remove it, or choose the 'formspree' or 'post' provider",
            )
    uses_shared = any(
        o.endpoint is None and routes[i][0] in ("formspree", "post") for i, o in enumerate(config.offices)
    )
    if config.forms.endpoint is not None and not uses_shared:
        add(("forms", "endpoint"), f"the '{config.forms.provider}' provider takes no endpoint", "remove it")
    return problems


def load_config(site_root: Path, earlier: ConfigResult | None = None) -> ConfigResult:
    """Read and validate ``site.toml`` at the site root.

    ``earlier`` is a result of this function from an earlier run: when the bytes are the same,
    it is the answer (parsing is pure), which spares a check the parse and the language data.
    """
    path = site_root / CONFIG_FILE
    if path.is_symlink():
        return ConfigResult(None, (error(CONFIG_FILE, 0, 0, "", "site.toml must not be a symbolic link"),))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        hint = "run 'sitegen init' to start a site, or pass --site PATH"
        return ConfigResult(None, (error(CONFIG_FILE, 0, 0, "", "site.toml not found", hint),))
    except OSError as exc:
        return ConfigResult(None, (error(CONFIG_FILE, 0, 0, "", f"cannot read site.toml: {exc.strerror}"),))
    digest = hashlib.sha256(data).digest()
    if earlier is not None and earlier.digest == digest:
        return earlier
    return dataclasses.replace(parse_config(data), digest=digest)
