"""The expert profile contract: one declaration drives validation, JSON Schema and the reference.

``Expert`` holds only what may be published.  What staff keep about an expert
in ``private:`` is read into ``PrivateNotes``, a separate type that no page,
feed or index ever receives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ConfigDict, Field

from sitegen.fields import (
    MEDIA_FORMATS,
    BlueskyUrl,
    Boolean,
    CountryCode,
    Date,
    Email,
    GithubUrl,
    Identifier,
    Keywords,
    Languages,
    Line40,
    Line100,
    Line120,
    Line160,
    Line200,
    Line300,
    LinkedinUrl,
    Markdown,
    MediaFormat,
    MediaFormats,
    Orcid,
    Phone,
    ScholarUrl,
    TimeZone,
    TopicIds,
    WebUrl,
    XUrl,
    Year,
)
from sitegen.hardyaml import PlainData
from sitegen.stable import StableModel

STATUSES: tuple[str, ...] = ("published", "unlisted", "archived")
SCHEMA_ID = "https://sitegen.dev/schema/expert-1.json"


class Strict(StableModel):
    """Frozen, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


class Location(Strict):
    """Where the expert is based."""

    city: Line100 | None = Field(None, description="City.", examples=["Valparaíso"])
    region: Line100 | None = Field(None, description="State, province or region.", examples=["Catalonia"])
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 country code.", examples=["CL"])
    timezone: TimeZone | None = Field(
        None, description="IANA time zone, so journalists know the expert's local time.", examples=["America/Santiago"]
    )


class Media(Strict):
    """What kinds of interview the expert gives."""

    formats: MediaFormats = Field(
        (), description="Interview formats: " + ", ".join(MEDIA_FORMATS) + ".", examples=[["radio", "tv", "live"]]
    )
    trained: Boolean | None = Field(None, description="Has had media training.", examples=[True])
    studio: Boolean | None = Field(
        None, description="Can broadcast from the organisation's on-site studio.", examples=[False]
    )


class Availability(Strict):
    """Whether the expert takes requests now."""

    status: Literal["available", "limited", "unavailable"] = Field(
        "available", description="available, limited or unavailable.", examples=["limited"]
    )
    until: Date | None = Field(None, description="Date the status lasts until.", examples=["2026-09-01"])
    note: Line300 | None = Field(
        None, description="A short note for journalists.", examples=["On fieldwork; email replies only."]
    )


class Appearance(Strict):
    """A recent media appearance."""

    outlet: Line120 = Field(description="Outlet or programme.", examples=["BBC Radio 4"])
    title: Line200 = Field(description="Title of the piece or segment.", examples=["Why storms are getting wetter"])
    url: WebUrl | None = Field(None, description="Link to the piece.", examples=["https://www.bbc.co.uk/sounds/play/x"])
    date: Date | None = Field(None, description="Date it ran.", examples=["2025-10-02"])
    format: MediaFormat | None = Field(None, description="One of the media formats.", examples=["radio"])


class Publication(Strict):
    """A publication journalists may want to read first."""

    title: Line300 = Field(description="Title.", examples=["Flood insurance after the 2024 storms"])
    publisher: Line200 | None = Field(None, description="Journal, press or outlet.", examples=["Nature Climate Change"])
    year: Year | None = Field(None, description="Year of publication.", examples=[2024])
    url: WebUrl | None = Field(None, description="Link (https).", examples=["https://doi.org/10.1000/xyz123"])


class Links(Strict):
    """The expert's pages elsewhere (all https addresses)."""

    website: WebUrl | None = Field(None, description="Personal or lab website.", examples=["https://lab.example.edu/"])
    orcid: Orcid | None = Field(
        None, description="ORCID iD (the check digit is verified).", examples=["0000-0002-1825-0097"]
    )
    scholar: ScholarUrl | None = Field(
        None, description="Google Scholar profile.", examples=["https://scholar.google.com/citations?user=abc"]
    )
    linkedin: LinkedinUrl | None = Field(
        None, description="LinkedIn profile.", examples=["https://www.linkedin.com/in/example"]
    )
    bluesky: BlueskyUrl | None = Field(
        None, description="Bluesky profile.", examples=["https://bsky.app/profile/example.bsky.social"]
    )
    mastodon: WebUrl | None = Field(
        None, description="Mastodon profile address.", examples=["https://mastodon.social/@example"]
    )
    x: XUrl | None = Field(None, description="X profile.", examples=["https://x.com/example"])
    github: GithubUrl | None = Field(None, description="GitHub profile.", examples=["https://github.com/example"])


class Photo(Strict):
    """A headshot."""

    file: Line200 = Field(
        description="JPEG, PNG or WebP file, relative to experts/, at least 200×200 pixels.",
        examples=["photos/ana-ruiz.jpg"],
    )
    alt: Line300 = Field(description="Text alternative describing the photo.", examples=["Ana Ruiz in a lab coat"])
    credit: Line200 | None = Field(None, description="Photographer or copyright holder.", examples=["Photo: J. Doe"])


class Contact(Strict):
    """How journalists reach the expert."""

    office: Identifier | None = Field(
        None, description="Press office id from site.toml; the default office if absent.", examples=["newsroom"]
    )
    email: Email | None = Field(None, description="Public direct email (optional).", examples=["a.ruiz@example.edu"])
    phone: Phone | None = Field(
        None, description="Public direct phone, international format; stored as E.164.", examples=["+34 934 02 11 00"]
    )
    preferred: Literal["email", "phone"] | None = Field(
        None, description="How the expert prefers to be reached directly.", examples=["email"]
    )


class Expert(Strict):
    """An expert's public profile: everything in it may be published."""

    model_config = ConfigDict(
        title="sitegen expert profile",
        json_schema_extra={"$id": SCHEMA_ID},
    )

    name: Line120 = Field(description="Display name, as the expert writes it.", examples=["Ana Ruiz Castellanos"])
    sort_name: Line120 | None = Field(
        None, description="Name used for A–Z sorting; defaults to the last word of name.", examples=["Ruiz Castellanos"]
    )
    pronouns: Line40 | None = Field(None, description="Pronouns.", examples=["she/her"])
    pronunciation: Line120 | None = Field(None, description="How to say the name.", examples=["AH-nah roo-EETH"])
    title: Line160 = Field(description="Job title.", examples=["Professor of Economics"])
    affiliation: Line200 | None = Field(
        None,
        description="Organisation; defaults to the site's organization.",
        examples=["Institute for Fiscal Studies"],
    )
    department: Line200 | None = Field(None, description="Department or unit.", examples=["School of Economics"])
    headline: Line160 = Field(
        description="One line: what the expert can speak to.", examples=["Hurricane insurance, disaster finance"]
    )
    bio: Markdown = Field(description="Biography in Markdown (no raw HTML).", examples=["Ana studies **risk**."])
    topics: TopicIds = Field(description="1 to 8 topic ids from site.toml.", examples=[["climate-change", "insurance"]])
    keywords: Keywords = Field(
        (), description="Up to 20 free search keywords.", examples=[["hurricanes", "reinsurance"]]
    )
    languages: Languages = Field(
        description="BCP 47 tags of the languages the expert gives interviews in.", examples=[["es", "en"]]
    )
    location: Location | None = Field(None, description="Where the expert is based.")
    media: Media | None = Field(None, description="Interview formats and media experience.")
    availability: Availability | None = Field(None, description="Whether the expert takes requests now.")
    appearances: tuple[Appearance, ...] = Field((), max_length=12, description="Up to 12 recent appearances.")
    publications: tuple[Publication, ...] = Field((), max_length=12, description="Up to 12 publications.")
    links: Links | None = Field(None, description="Pages elsewhere.")
    photo: Photo | None = Field(None, description="Headshot.")
    contact: Contact | None = Field(None, description="Press office and optional direct contact.")
    status: Literal["published", "unlisted", "archived"] = Field(
        "published",
        description="published (listed), unlisted (page only, not indexed) or archived (not built).",
        examples=["published"],
    )
    reviewed: Date = Field(description="Date the profile was last confirmed with the expert.", examples=["2026-01-15"])

    @property
    def sorting_name(self) -> str:
        """The name used for A–Z order."""
        return self.sort_name or self.name.split()[-1]


@dataclass(frozen=True)
class PrivateNotes:
    """What staff keep about an expert: never published, never indexed, never rendered."""

    data: dict[str, PlainData]


PRIVATE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Anything staff need (personal mobile, notes). Never published.",
}
PRIVATE_KEY = "private"


def profile_json_schema() -> dict[str, Any]:
    """The JSON Schema of a profile file: the public fields plus ``private``."""
    schema = Expert.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["properties"][PRIVATE_KEY] = PRIVATE_SCHEMA
    return schema
