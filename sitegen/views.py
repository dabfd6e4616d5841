"""The typed context templates receive: display-ready views of the site model.

Views are built from ``SiteModel`` only, which holds no private notes; every
text stays plain text for the template to escape, except ``bio_html``, the
one piece of markup, made by the restricted Markdown renderer.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from sitegen import urls
from sitegen.collate import ExpertEntry, SiteModel, members_by_topic
from sitegen.config import Office, SiteConfig
from sitegen.images import Headshot
from sitegen.markdown import render_markdown
from sitegen.present import country_name, language_name, long_date, phone_display

FORMAT_NAMES = {
    "print": "Print",
    "online": "Online",
    "radio": "Radio",
    "tv": "TV",
    "podcast": "Podcast",
    "live": "Live",
    "on-camera": "On camera",
}


def based_and_media(country: str | None, formats: Iterable[str], language: str) -> str:
    """Where an expert is based and the media they give interviews to, as a search result on the
    search page says it ("Based in Switzerland · Media: Radio, TV"): the country's name in the
    site's language, the formats' names in the order of their ids; empty for neither."""
    parts = [f"Based in {country_name(country, language)}"] if country else []
    names = [FORMAT_NAMES[name] for name in sorted(set(formats))]
    return " · ".join([*parts, *([f"Media: {', '.join(names)}"] if names else [])])


STATUS_NAMES = {"available": "Available", "limited": "Limited availability", "unavailable": "Unavailable"}
LINK_NAMES = {
    "website": "Website",
    "orcid": "ORCID",
    "scholar": "Google Scholar",
    "linkedin": "LinkedIn",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "x": "X",
    "github": "GitHub",
}


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str
    display: str


@dataclass(frozen=True, slots=True)
class OfficeView:
    id: str
    name: str
    email: str
    phone: Phone
    hours: str | None
    after_hours_phone: Phone | None
    response_time: str | None


@dataclass(frozen=True, slots=True)
class TopicLink:
    """A topic as an expert's view names it: its ``TopicView`` but the count, which depends on every
    other expert. So an expert joining or leaving a topic changes no one else's view: the parts
    memoised by the views (cards, the A–Z page's letters, the guide's topics) are kept, and no other
    expert's page is made again."""

    id: str
    name: str
    description: str
    url: str
    feed_url: str
    parent: str | None
    children: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TopicView(TopicLink):
    """A topic as its own and the listing pages show it: with its listed experts counted."""

    count: int


@dataclass(frozen=True, slots=True)
class Language:
    tag: str
    name: str


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Appearance:
    outlet: str
    title: str
    url: str | None
    date: str | None
    iso_date: str | None
    format: str | None


@dataclass(frozen=True, slots=True)
class Publication:
    title: str
    publisher: str | None
    year: int | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ExpertView:
    slug: str
    url: str
    vcard_url: str
    name: str
    sort_name: str
    pronouns: str | None
    pronunciation: str | None
    title: str
    affiliation: str
    department: str | None
    headline: str
    bio_html: Markup
    topics: tuple[TopicLink, ...]
    keywords: tuple[str, ...]
    languages: tuple[Language, ...]
    city: str | None
    region: str | None
    country: str | None
    country_code: str | None
    timezone: str | None
    formats: tuple[str, ...]
    studio: bool
    trained: bool
    availability: str
    availability_label: str
    available_until: str | None
    availability_note: str | None
    appearances: tuple[Appearance, ...]
    publications: tuple[Publication, ...]
    links: tuple[Link, ...]
    photo: Headshot
    office: OfficeView
    direct_phone: Phone | None
    direct_email: tuple[str, str] | None
    reviewed: str
    reviewed_iso: str
    listed: bool


def phone(e164: str | None) -> Phone | None:
    """A phone number with its display form."""
    return Phone(e164, phone_display(e164)) if e164 else None


def _split_email(address: str) -> tuple[str, str]:
    user, _, domain = address.rpartition("@")
    return user, domain


def office_view(office: Office) -> OfficeView:
    main = phone(office.phone)
    assert main is not None  # noqa: S101 - office phones are required by the schema
    return OfficeView(
        office.id,
        office.name,
        office.email,
        main,
        office.hours,
        phone(office.after_hours_phone),
        office.response_time,
    )


def topic_links(config: SiteConfig) -> dict[str, TopicLink]:
    """Every topic as experts' views name it."""
    children: dict[str, list[str]] = {t.id: [] for t in config.topics}
    for topic in config.topics:
        if topic.parent:
            children[topic.parent].append(topic.id)
    return {
        t.id: TopicLink(
            t.id, t.name, t.description, urls.topic(t.id), urls.topic_feed(t.id), t.parent, tuple(children[t.id])
        )
        for t in config.topics
    }


def topic_views(site: SiteModel) -> dict[str, TopicView]:
    """Every topic with its listed experts counted, a parent counting its children's experts."""
    members = members_by_topic(site.listed, (t.id for t in site.config.topics), with_children=True)
    return {
        topic_id: TopicView(
            t.id, t.name, t.description, t.url, t.feed_url, t.parent, t.children, len(members[topic_id])
        )
        for topic_id, t in topic_links(site.config).items()
    }


def newest(experts: Iterable[ExpertView], count: int) -> list[ExpertView]:
    """The ``count`` most recently reviewed experts, newest first, as sorting them all would give them
    (the slug breaks ties: no two experts share one)."""
    return heapq.nlargest(count, experts, key=lambda e: (e.reviewed_iso, e.slug))


def _date(value: dt.date | None) -> str | None:
    return long_date(value) if value else None


def expert_view(entry: ExpertEntry, site: SiteModel, topics: Mapping[str, TopicLink], photo: Headshot) -> ExpertView:
    """Everything a page shows about one expert, in display form (``topics``: ``topic_links``)."""
    e = entry.expert
    language = site.config.site.language
    location = e.location
    media = e.media
    availability = e.availability
    links = e.links
    return ExpertView(
        slug=entry.slug,
        url=urls.expert(entry.slug),
        vcard_url=urls.vcard(entry.slug),
        name=e.name,
        sort_name=e.sorting_name,
        pronouns=e.pronouns,
        pronunciation=e.pronunciation,
        title=e.title,
        affiliation=entry.affiliation,
        department=e.department,
        headline=e.headline,
        bio_html=Markup(render_markdown(e.bio)),  # noqa: S704 - the restricted renderer escapes raw HTML
        topics=tuple(topics[t.id] for t in entry.topics),
        keywords=e.keywords,
        languages=tuple(Language(tag, language_name(tag, language)) for tag in e.languages),
        city=location.city if location else None,
        region=location.region if location else None,
        country=country_name(location.country, language) if location and location.country else None,
        country_code=location.country if location else None,
        timezone=location.timezone if location else None,
        formats=tuple(FORMAT_NAMES[f] for f in media.formats) if media else (),
        studio=bool(media and media.studio),
        trained=bool(media and media.trained),
        availability=availability.status if availability else "available",
        availability_label=STATUS_NAMES[availability.status if availability else "available"],
        available_until=_date(availability.until) if availability else None,
        availability_note=availability.note if availability else None,
        appearances=tuple(
            Appearance(
                a.outlet,
                a.title,
                a.url,
                _date(a.date),
                a.date.isoformat() if a.date else None,
                FORMAT_NAMES[a.format] if a.format else None,
            )
            for a in e.appearances
        ),
        publications=tuple(Publication(p.title, p.publisher, p.year, p.url) for p in e.publications),
        links=tuple(
            Link(LINK_NAMES[name], value)
            for name in LINK_NAMES
            if links and (value := getattr(links, name)) is not None
        ),
        photo=photo,
        office=office_view(entry.office),
        direct_phone=phone(e.contact.phone) if e.contact else None,
        # Split so the address never appears whole in the HTML; the page's script joins it.
        direct_email=_split_email(e.contact.email) if e.contact and e.contact.email else None,
        reviewed=long_date(e.reviewed),
        reviewed_iso=e.reviewed.isoformat(),
        listed=entry.status == "published",
    )
