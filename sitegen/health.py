"""The directory's health: what is overdue, where it is thin, what it covers."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sitegen.collate import ExpertEntry, SiteModel, members_by_topic

DUE_WINDOW_DAYS = 30


@dataclass(frozen=True)
class ReviewItem:
    slug: str
    name: str
    reviewed: dt.date
    due: dt.date
    days: int
    """Days overdue (positive) or days left (for profiles due soon)."""
    office: str
    office_email: str


@dataclass(frozen=True)
class TopicGap:
    id: str
    name: str
    published: int


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    total: int

    @property
    def percent(self) -> float:
        return round(100 * self.count / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class Health:
    """Every figure `sitegen report` shows."""

    today: dt.date
    published: int
    unlisted: int
    archived: int
    overdue: tuple[ReviewItem, ...]
    due_soon: tuple[ReviewItem, ...]
    thin_topics: tuple[TopicGap, ...]
    single_language_topics: tuple[TopicGap, ...]
    languages: tuple[tuple[str, int], ...]
    countries: tuple[tuple[str, int], ...]
    shares: tuple[Share, ...]


def _review_item(entry: ExpertEntry, due: dt.date, days: int) -> ReviewItem:
    return ReviewItem(
        entry.slug, entry.expert.name, entry.expert.reviewed, due, days, entry.office.name, entry.office.email
    )


def health(site: SiteModel, today: dt.date) -> Health:
    """Compute the directory's health as of ``today``."""
    config = site.config
    limit = dt.timedelta(days=config.review.max_age_days)
    overdue: list[ReviewItem] = []
    due_soon: list[ReviewItem] = []
    for entry in site.built:
        due = entry.expert.reviewed + limit
        left = (due - today).days
        if left < 0:
            overdue.append(_review_item(entry, due, -left))
        elif left <= DUE_WINDOW_DAYS:
            due_soon.append(_review_item(entry, due, left))
    site_language = config.site.language.split("-")[0]
    thin: list[TopicGap] = []
    monolingual: list[TopicGap] = []
    by_topic = members_by_topic(site.listed, (t.id for t in config.topics), with_children=True)
    for topic in config.topics:
        members = by_topic[topic.id]
        if len(members) < 2:
            thin.append(TopicGap(topic.id, topic.name, len(members)))
        if not any(tag.split("-")[0] != site_language for e in members for tag in e.expert.languages):
            monolingual.append(TopicGap(topic.id, topic.name, len(members)))
    listed = site.listed
    languages = Counter(tag for e in listed for tag in e.expert.languages)
    countries = Counter(e.expert.location.country for e in listed if e.expert.location and e.expert.location.country)
    total = len(listed)
    shares = (
        Share("photo", sum(1 for e in listed if e.expert.photo), total),
        Share("pronunciation", sum(1 for e in listed if e.expert.pronunciation), total),
        Share("media formats", sum(1 for e in listed if e.expert.media and e.expert.media.formats), total),
    )
    statuses = Counter(e.status for e in site.experts)
    return Health(
        today=today,
        published=statuses["published"],
        unlisted=statuses["unlisted"],
        archived=statuses["archived"],
        overdue=tuple(sorted(overdue, key=lambda r: (-r.days, r.slug))),
        due_soon=tuple(sorted(due_soon, key=lambda r: (r.days, r.slug))),
        thin_topics=tuple(thin),
        single_language_topics=tuple(monolingual),
        languages=tuple(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
        countries=tuple(sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
        shares=shares,
    )
