"""Cross-file checks and defaults: parsed profiles plus site.toml become one ``SiteModel``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Protocol, TypeVar

from sitegen.config import Office, SiteConfig, Topic
from sitegen.fields import suggestion
from sitegen.present import az_key
from sitegen.problems import Problem, error, warning
from sitegen.profiles import ParsedProfile
from sitegen.schema import Expert
from sitegen.textrules import fold


class TopicRef(Protocol):
    """Anything naming a topic and its parent (a config Topic, a TopicView)."""

    @property
    def id(self) -> str: ...

    @property
    def parent(self) -> str | None: ...


class HasTopics(Protocol):
    """Anything with topics (an ExpertEntry, an ExpertView)."""

    @property
    def topics(self) -> Sequence[TopicRef]: ...


Item = TypeVar("Item", bound=HasTopics)


def members_by_topic(items: Iterable[Item], topic_ids: Iterable[str], *, with_children: bool) -> dict[str, list[Item]]:
    """Each topic's items in the given order; with_children, a parent also lists its children's (once each)."""
    members: dict[str, list[Item]] = {topic_id: [] for topic_id in topic_ids}
    if not with_children:  # an item names a topic once (a profile's topics are unique): 3× faster so
        for item in items:
            for topic in item.topics:
                members[topic.id].append(item)
        return members
    for item in items:
        for topic_id in listed_under(item):
            members[topic_id].append(item)
    return members


def listed_under(item: HasTopics) -> dict[str, None]:
    """The topics a parent-inclusive listing shows ``item`` under: its topics and their parents, each
    once, in the order it names them (a dict as an ordered set)."""
    return dict.fromkeys(x for t in item.topics for x in (t.id, t.parent) if x)


@dataclass(frozen=True, slots=True)
class ExpertEntry:
    """A valid expert with references resolved: what later stages publish."""

    slug: str
    path: str
    expert: Expert
    office: Office
    topics: tuple[Topic, ...]
    affiliation: str
    status: str
    """The status the site uses: the profile's own, or "unlisted" when overdue and the site says so."""
    source_digest: bytes = b""
    """A digest of the profile file's bytes ``expert`` was parsed from (empty if not known)."""

    def fingerprinted_as(self) -> tuple[object, ...] | None:
        """What ``fingerprint.Fingerprints`` takes for this entry: the profile's file by its digest in
        place of the model parsed from it, which is made from those bytes alone by this sitegen (the
        build cache reuses parsed profiles on the same grounds) and costs a pickle to fingerprint
        (half a second of every build at 10,000 experts).  None without a digest: the model is taken."""
        if not self.source_digest:
            return None
        return tuple(getattr(self, name) for name in _ENTRY_FIELDS if name != "expert")  # the digest among them


_ENTRY_FIELDS = tuple(f.name for f in fields(ExpertEntry))


@dataclass(frozen=True, slots=True)
class SiteModel:
    """Everything the site is built from; private notes are deliberately absent."""

    config: SiteConfig
    experts: tuple[ExpertEntry, ...]

    @property
    def built(self) -> tuple[ExpertEntry, ...]:
        """Experts that get pages: published and unlisted, not archived."""
        return tuple(e for e in self.experts if e.status != "archived")

    @property
    def listed(self) -> tuple[ExpertEntry, ...]:
        """Experts shown in listings, feeds, sitemap and search."""
        return tuple(e for e in self.experts if e.status == "published")


def az_order_key(entry: ExpertEntry) -> tuple[str, str, str]:
    """Where an expert goes in A–Z order."""
    return az_key(entry.expert.sorting_name, entry.expert.name, entry.slug)


def in_az_order(entries: Iterable[ExpertEntry]) -> list[ExpertEntry]:
    """Experts in A–Z order by sort name, as every listing and the search index number them."""
    return sorted(entries, key=az_order_key)


@dataclass(frozen=True, slots=True)
class Collation:
    """The model (None if any error) and the problems found."""

    site: SiteModel | None
    problems: tuple[Problem, ...]


def collate(profiles: Sequence[ParsedProfile], config: SiteConfig, today: dt.date) -> Collation:
    """Resolve topics and offices, check across files, and apply defaults."""
    problems: list[Problem] = []
    entries: list[ExpertEntry] = []
    names: dict[str, ParsedProfile] = {}
    emails: dict[str, ParsedProfile] = {}
    topic_ids = [topic.id for topic in config.topics]
    office_ids = [office.id for office in config.offices]
    topics_by_id = {topic.id: topic for topic in config.topics}
    offices_by_id = {office.id: office for office in config.offices}
    default_office = config.default_office
    for profile in profiles:
        expert = profile.expert
        if expert is None:
            continue
        path = profile.source.path

        def add(
            loc: tuple[str | int, ...],
            field: str,
            message: str,
            hint: str = "",
            *,
            warn: bool = False,
            key: bool = False,
        ) -> None:
            line, column = profile.locate(loc, key)  # noqa: B023 - called only inside this iteration
            make = warning if warn else error
            problems.append(make(path, line, column, field, message, hint))  # noqa: B023

        topics: list[Topic] = []
        for index, topic_id in enumerate(expert.topics):
            topic = topics_by_id.get(topic_id)
            if topic is None:
                add(
                    ("topics", index),
                    f"topics[{index}]",
                    f"unknown topic '{topic_id}'",
                    suggestion(topic_id, topic_ids),
                )
            else:
                topics.append(topic)
        office = default_office
        if expert.contact and expert.contact.office:
            found = offices_by_id.get(expert.contact.office)
            if found is None:
                wanted = expert.contact.office
                add(
                    ("contact", "office"),
                    "contact.office",
                    f"unknown office '{wanted}'",
                    suggestion(wanted, office_ids),
                )
            else:
                office = found
        folded = fold(expert.name)
        other = names.get(folded)
        if other is not None and other.expert is not None:
            line, column = other.locate(("name",))
            add(
                ("name",), "name",
                f"'{expert.name}' is the same name as '{other.expert.name}' in {other.source.path}:{line}:{column}"
                " once case and accents are ignored",
                "if they are two people, tell them apart (a middle initial, for example)",
            )  # fmt: skip
        names.setdefault(folded, profile)
        if expert.contact and expert.contact.email:
            address = expert.contact.email.casefold()
            twin = emails.get(address)
            if twin is not None:
                line, column = twin.locate(("contact", "email"))
                add(
                    ("contact", "email"), "contact.email",
                    f"the direct email '{expert.contact.email}' is also given in {twin.source.path}:{line}:{column}",
                )  # fmt: skip
            emails.setdefault(address, profile)
        status = expert.status
        if expert.reviewed > today:
            add(("reviewed",), "reviewed", f"the review date {expert.reviewed.isoformat()} is in the future")
        elif expert.status != "archived":
            age = (today - expert.reviewed).days
            limit = config.review.max_age_days
            if age > limit:
                unlisting = config.review.unlist_overdue and expert.status == "published"
                add(
                    ("reviewed",), "reviewed",
                    f"last reviewed {age} days ago; profiles are reviewed every {limit} days"
                    + ("; it is unlisted until then" if unlisting else ""),
                    "confirm the profile with the expert, then update 'reviewed'", warn=True,
                )  # fmt: skip
                if unlisting:
                    status = "unlisted"
        if expert.status != "archived":
            if expert.photo is None:
                add((), "photo", "the profile has no photo", "journalists trust profiles with a headshot", warn=True)
            elif expert.photo.credit is None:
                add(
                    ("photo",),
                    "photo.credit",
                    "the photo has no credit",
                    "add 'credit:' under 'photo'",
                    warn=True,
                    key=True,
                )
        affiliation = expert.affiliation or config.site.organization
        entry = ExpertEntry(
            profile.source.slug, path, expert, office, tuple(topics), affiliation, status, profile.digest
        )
        entries.append(entry)
    failed = any(p.is_error for p in problems) or any(p.expert is None for p in profiles)
    site = None if failed else SiteModel(config, tuple(entries))
    return Collation(site, tuple(problems))
