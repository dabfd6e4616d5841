"""Render the whole site in memory: {output path: bytes}; writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import jinja2
from anyascii import anyascii

from sitegen import urls
from sitegen.collate import ExpertEntry, SiteModel, members_by_topic
from sitegen.config import Office, SiteConfig
from sitegen.feeds import atom_feed
from sitegen.forms import contact_forms, inquiry_form
from sitegen.images import AVATAR_PATTERN, Headshot
from sitegen.opendata import open_data
from sitegen.present import az_key, script_json
from sitegen.problems import BuildError
from sitegen.sitemap import robots, sitemap
from sitegen.stemming import stemmer_of, stemmer_scripts
from sitegen.templating import memoise, render, render_pieces
from sitegen.vcard import vcard
from sitegen.views import (
    ExpertView,
    OfficeView,
    TopicLink,
    TopicView,
    expert_view,
    newest,
    office_view,
    topic_links,
    topic_views,
)
from sitegen.write import Chunks

RECENT = 12
CARD = "_card.html"
"""The template the listings include once per expert shown."""
GUIDE_TOPIC = "_guide_topic.html"
"""The template the guide includes once per topic: its experts, the same until one of them changes."""
LETTER = "_letter.html"
"""The template the A–Z page includes once per letter: its experts, the same until one of them changes."""
MEMOISED = (CARD, GUIDE_TOPIC, LETTER)
"""The parts the listings repeat: the same wherever (and whenever) they are shown with the same views."""
WORKER = "offline-worker.js"
"""The site's service worker (offline), registered by every page (assets/offline.js): a template
with nothing to fill in, so that a site's own templates/ can replace it as any other."""


@dataclass(frozen=True, slots=True)
class SiteView:
    """What every page knows about the site."""

    title: str
    description: str
    language: str
    organization: str
    base_url: str
    office: OfficeView
    offices: tuple[OfficeView, ...]
    csp: str


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the base layout needs about the page being rendered."""

    url: str
    canonical: str
    title: str
    description: str
    noindex: bool = False
    image: str | None = None
    kind: str = "website"


@dataclass(frozen=True, slots=True)
class LetterGroup:
    letter: str
    experts: tuple[ExpertView, ...]


@dataclass(frozen=True, slots=True)
class Pagination:
    page: int
    pages: int
    previous: str | None
    next: str | None


@dataclass(frozen=True, slots=True)
class TopicGroup:
    topic: TopicView
    experts: tuple[ExpertView, ...]


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One output file: where it goes, what writes it, and how to make its bytes."""

    path: str
    source: str
    make: Callable[[], bytes | Chunks]
    template: str | None = None
    """The template the file is rendered with, if any."""


class Output:
    """The files to render, in order; refuses a second writer of the same path, naming both."""

    def __init__(self) -> None:
        self.planned: list[PlannedFile] = []
        self.sources: dict[str, str] = {}

    def add(self, path: str, make: Callable[[], bytes | Chunks], source: str, template: str | None = None) -> None:
        if path in self.sources:
            raise BuildError(f"two sources write {path}: {self.sources[path]} and {source}")
        self.planned.append(PlannedFile(path, source, make, template))
        self.sources[path] = source


def content_security_policy(endpoints: Iterable[str]) -> str:
    """Only the site itself, plus the configured form endpoints for form-action and connect-src."""
    extra = "".join(f" {e}" for e in sorted(set(endpoints)))
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
        f"connect-src 'self'{extra}; form-action 'self'{extra}; base-uri 'none'; manifest-src 'self'"
    )


def sort_key(expert: ExpertView) -> tuple[str, str, str]:
    """A–Z order of expert views."""
    return az_key(expert.sort_name, expert.name, expert.slug)


def _letter(expert: ExpertView) -> str:
    first = anyascii(expert.sort_name)[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def json_ld(expert: ExpertView, site: SiteView) -> str:
    """schema.org Person data, escaped so no text can close the script element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": expert.name,
        "jobTitle": expert.title,
        "worksFor": {"@type": "Organization", "name": expert.affiliation},
        "knowsAbout": [t.name for t in expert.topics] + list(expert.keywords),
        "knowsLanguage": [language.tag for language in expert.languages],
        "url": urls.absolute(site.base_url, expert.url),
        "description": expert.headline,
    }
    if not expert.photo.avatar:
        data["image"] = urls.absolute(site.base_url, expert.photo.fallback.jpeg)
    if expert.links:
        data["sameAs"] = [link.url for link in expert.links]
    return script_json(data)


def site_view_of(config: SiteConfig) -> SiteView:
    """What every page knows about the site."""
    endpoints = [e for e in [config.forms.endpoint, *(o.endpoint for o in config.offices)] if e]
    return SiteView(
        config.site.title,
        config.site.description,
        config.site.language,
        config.site.organization,
        config.site.base_url,
        office_view(config.default_office),
        tuple(office_view(o) for o in config.offices),
        content_security_policy(endpoints),
    )


def plan_site(
    site: SiteModel, env: jinja2.Environment, photos: dict[str, Headshot], *, local_forms: bool = False
) -> list[PlannedFile]:
    """Every page, feed and data file of the site, planned but not yet rendered.

    The views every page needs are built here, once; each file's bytes are made
    when asked, so the files can be made in any order, in several processes.
    """
    config = site.config
    site_view = site_view_of(config)
    # An expert's card is the same on the home page, each of their topics and its parents': made once
    # per process. Only here: the environment is this build's, and the views are made once below.
    # (The A–Z page's letters and the guide's topics are made once in a build: memoised, they would
    # only be held, 75 MB at 100,000 experts. The preview's quick pass keeps them: ``_planner``.)
    memoise(env, CARD)
    topics = topic_views(site)
    links = topic_links(config)
    built = [expert_view(e, site, links, photos[e.slug]) for e in site.built]
    out = Output()
    page = partial(_plan_page, out, env, site_view)
    listed = _in_az_order(e for e in built if e.listed)
    under = members_by_topic(listed, topics, with_children=True)
    _plan_front(page, site, listed, topics)
    for entry, expert in zip(site.built, built, strict=True):
        _plan_expert(out, page, expert, entry.office, config, site_view, local_forms)
    for topic in topics.values():
        _topic_pages(page, topic, under[topic.id], topics)
    _plan_back(out, page, site, listed, topics, under, local_forms)
    return out.planned


def plan_topics(
    site: SiteModel,
    env: jinja2.Environment,
    listed: list[ExpertView],
    topics: dict[str, TopicView],
    topic_ids: Iterable[str],
    under: Mapping[str, list[ExpertView]] | None = None,
) -> list[PlannedFile]:
    """Every page of these topics, planned exactly as ``plan_site`` plans them from ``listed`` (each
    listed expert's view, in A–Z order: ``sort_key``) and ``topics`` (the site's ``topic_views``);
    ``under`` may give these topics' experts (``members_by_topic`` of ``listed``) when known."""
    out, page = _planner(site, env)
    under = members_by_topic(listed, topics, with_children=True) if under is None else under
    for topic_id in sorted(set(topic_ids)):
        _topic_pages(page, topics[topic_id], under[topic_id], topics)
    return out.planned


def plan_front(
    site: SiteModel, env: jinja2.Environment, listed: list[ExpertView], topics: dict[str, TopicView]
) -> list[PlannedFile]:
    """The pages listing or counting every listed expert that are quick to render (home, A–Z, topics,
    search), planned exactly as ``plan_site`` plans them from ``listed`` (each listed expert's view, in
    A–Z order: ``sort_key``) and ``topics`` (the site's ``topic_views``)."""
    out, page = _planner(site, env)
    _plan_front(page, site, listed, topics)
    return out.planned


def plan_back(
    site: SiteModel,
    env: jinja2.Environment,
    listed: list[ExpertView],
    topics: dict[str, TopicView],
    *,
    local_forms: bool = False,
    feeds: Mapping[str, list[ExpertView]] | None = None,
    known: Mapping[str, bytes | memoryview] | None = None,
) -> list[PlannedFile]:
    """The other files listing or counting the listed experts, but for their own and the topic pages
    (contact, thanks and 404 pages, the guide, the feeds, the open data, the sitemap), planned as
    ``plan_front`` plans its pages; ``feeds`` gives the topics whose feeds to plan with their experts
    (``members_by_topic`` of ``listed``; every topic's if None), ``known`` the open data's pieces of
    experts unchanged since an earlier build (``opendata.pieces``)."""
    out, page = _planner(site, env)
    under = members_by_topic(listed, topics, with_children=True) if feeds is None else feeds
    _plan_back(out, page, site, listed, topics, under, local_forms, known)
    return out.planned


def _planner(site: SiteModel, env: jinja2.Environment) -> tuple[Output, Callable[..., None]]:
    """An empty plan, and the function planning a page into it, for the preview's quick pass: every
    part in MEMOISED memoised in ``env``, which lives from one build to the next, so an edit makes
    only the parts showing its experts again."""
    out = Output()
    for name in MEMOISED:
        memoise(env, name)
    return out, partial(_plan_page, out, env, site_view_of(site.config))


def _in_az_order(views: Iterable[ExpertView]) -> list[ExpertView]:
    return sorted(views, key=sort_key)


def _parents(topics: dict[str, TopicView]) -> list[TopicView]:
    return [t for t in topics.values() if t.parent is None]


def _plan_front(
    page: Callable[..., None], site: SiteModel, listed: list[ExpertView], topics: dict[str, TopicView]
) -> None:
    """The pages listing or counting the ``listed`` experts (in A–Z order) that render quickly: home,
    A–Z, topics, search (a list of tens of thousands of experts takes a tenth of a second)."""
    config = site.config
    parents = _parents(topics)
    recent = newest(listed, RECENT)
    page(
        urls.home(),
        "home.html",
        config.site.title,
        config.site.description,
        topics=topics,
        parents=parents,
        recent=recent,
    )
    letters: dict[str, list[ExpertView]] = {}
    for expert in listed:
        letters.setdefault(_letter(expert), []).append(expert)
    groups = [
        LetterGroup(letter, tuple(experts))
        for letter, experts in sorted(letters.items(), key=lambda kv: (kv[0] == "#", kv[0]))
    ]
    page(
        urls.experts_index(),
        "experts.html",
        "Experts A–Z",
        f"Every expert at {config.site.organization}, A to Z.",
        streamed=True,
        groups=groups,
    )
    page(
        urls.topics_index(),
        "topics.html",
        "Topics",
        f"Experts by topic at {config.site.organization}.",
        topics=topics,
        parents=parents,
    )
    stem_scripts = stemmer_scripts(stemmer_of(config.site.language))
    page(
        urls.search(),
        "search.html",
        "Search experts",
        "Search the directory by name, topic, language or place.",
        parents=parents,
        avatar=AVATAR_PATTERN,
        stemmer_scripts=stem_scripts,
    )
    # The service worker: a template as the pages are, with nothing of the site in it but the
    # search page's stemmer scripts, kept with the page's other files.
    page(
        urls.worker(),
        WORKER,
        "Offline",
        "The site's service worker.",
        stemmer_scripts=stem_scripts,
    )


def _plan_back(
    out: Output,
    page: Callable[..., None],
    site: SiteModel,
    listed: list[ExpertView],
    topics: dict[str, TopicView],
    under: Mapping[str, list[ExpertView]],
    local_forms: bool,
    known: Mapping[str, bytes | memoryview] | None = None,
) -> None:
    """The other files listing or counting the ``listed`` experts (in A–Z order): the contact, thanks
    and 404 pages, the guide (every expert under each of their topics), the site's feed and those of
    the topics in ``under`` (each topic's listed experts, with its children's), the open data and the
    sitemap."""
    config = site.config
    base = config.site.base_url
    parents = _parents(topics)
    page(
        urls.contact(),
        "contact.html",
        "Contact the press office",
        "How journalists reach our experts.",
        forms=contact_forms(config, local=local_forms),
    )
    page(urls.contact_thanks(), "thanks.html", "Thank you", "Your request has been sent to the press office.")
    unindexed = partial(_plan_unindexed, page, base)
    unindexed(urls.not_found(), "404.html", "Page not found", "This page does not exist.", parents=parents)
    unindexed(urls.offline(), "offline.html", "You are offline", "This page is not kept on this device.")
    direct = members_by_topic(listed, topics, with_children=False)
    guide = [
        TopicGroup(t, tuple(direct[t.id]))
        for parent in parents
        for t in [parent, *(topics[c] for c in parent.children)]
    ]
    page(
        urls.guide(),
        "guide.html",
        "Experts guide",
        f"The printable guide to experts at {config.site.organization}.",
        streamed=True,
        guide=[g for g in guide if g.experts],
        topics=topics,
    )
    out.add(
        urls.output_path(urls.feed()),
        partial(atom_feed, config.site.title, urls.feed(), urls.home(), base, listed),
        "site feed",
    )
    for topic in topics.values():
        if topic.id in under:
            members = under[topic.id]
            feed = partial(atom_feed, f"{topic.name}: {config.site.title}", topic.feed_url, topic.url, base, members)
            out.add(urls.output_path(topic.feed_url), feed, f"topic {topic.id}")
    entries = {entry.slug: entry for entry in site.listed}  # in the views' A–Z order: not sorted again
    experts = [entries[view.slug] for view in listed]
    out.add(urls.output_path(urls.open_data()), partial(open_data, site, experts, known), "open data")
    sitemap_pages: list[tuple[str, str | None]] = [
        (urls.home(), None),
        (urls.experts_index(), None),
        (urls.topics_index(), None),
        (urls.guide(), None),
    ]
    sitemap_pages += [(t.url, None) for t in topics.values() if t.count]
    sitemap_pages += [(e.url, e.reviewed_iso) for e in listed]
    out.add(urls.output_path(urls.sitemap()), partial(sitemap, base, sitemap_pages), "sitemap")
    out.add(urls.output_path(urls.robots()), partial(robots, base), "robots")


def plan_experts(
    site: SiteModel,
    env: jinja2.Environment,
    photos: dict[str, Headshot],
    slugs: Iterable[str],
    *,
    local_forms: bool = False,
    links: dict[str, TopicLink] | None = None,
) -> list[PlannedFile]:
    """The files of some experts only (their page and vCard), planned exactly as ``plan_site`` plans them.

    ``links`` may give ``topic_links(site.config)`` when it is known already.
    """
    config = site.config
    site_view = site_view_of(config)
    links = topic_links(config) if links is None else links
    entries = {e.slug: e for e in site.built}
    out = Output()
    page = partial(_plan_page, out, env, site_view)
    for slug in slugs:
        entry = entries[slug]
        expert = expert_view(entry, site, links, photos[slug])
        _plan_expert(out, page, expert, entry.office, config, site_view, local_forms)
    return out.planned


def plan_topic_pages(
    site: SiteModel,
    env: jinja2.Environment,
    photos: dict[str, Headshot],
    members: Mapping[str, Sequence[ExpertEntry]],
    slugs: Iterable[str],
    *,
    topics: dict[str, TopicView] | None = None,
    links: dict[str, TopicLink] | None = None,
    known: Mapping[str, ExpertView] | None = None,
    edited: Mapping[str, ExpertView] | None = None,
) -> list[PlannedFile]:
    """The topic pages on which these experts are listed, planned exactly as ``plan_site`` plans them.

    ``members`` holds each topic's listed experts (with its children's) in A–Z order, as
    ``plan_site`` lists them; only the pages holding one of ``slugs`` are planned. ``topics`` and
    ``links`` may give ``topic_views(site)`` and ``topic_links(site.config)`` when they are known
    already; ``known`` views made already of experts other than these, ``edited`` of these.
    """
    topics = topic_views(site) if topics is None else topics
    links = topic_links(site.config) if links is None else links
    out, page = _planner(site, env)
    wanted = set(slugs)
    views: dict[str, ExpertView] = {}
    for topic_id, listed in members.items():
        pages = _page_count(len(listed))
        for number in sorted({i // urls.PAGE_SIZE + 1 for i, e in enumerate(listed) if e.slug in wanted}):
            chunk = _page_of(listed, number)
            for entry in chunk:
                if entry.slug in views:
                    continue
                made = ((edited if entry.slug in wanted else known) or {}).get(entry.slug)
                views[entry.slug] = made or expert_view(entry, site, links, photos[entry.slug])
            _topic_page(page, topics[topic_id], [views[e.slug] for e in chunk], topics, number, pages)
    return out.planned


def _plan_page(
    out: Output,
    env: jinja2.Environment,
    site_view: SiteView,
    url: str,
    template: str,
    title: str,
    description: str,
    *,
    streamed: bool = False,
    **context: Any,
) -> None:
    """Plan a page; ``streamed``, it is written as it is rendered (a page listing every expert)."""
    base = site_view.base_url
    meta = context.pop("meta", None) or PageMeta(url, urls.absolute(base, url), title, description)
    values = {"site": site_view, "page": meta, **context}
    make = partial(_page_pieces if streamed else _page_bytes, env, template, values)
    out.add(urls.output_path(url), make, f"templates/{template}", template)


def _plan_unindexed(
    page: Callable[..., None], base: str, url: str, template: str, title: str, description: str, **context: Any
) -> None:
    """Plan a page search engines are told not to index (``noindex``): the 404 and offline pages."""
    meta = PageMeta(url, urls.absolute(base, url), title, description, noindex=True)
    page(url, template, title, description, meta=meta, **context)


def _plan_expert(
    out: Output,
    page: Callable[..., None],
    expert: ExpertView,
    office: Office,
    config: SiteConfig,
    site_view: SiteView,
    local_forms: bool,
) -> None:
    base = config.site.base_url
    meta = PageMeta(
        expert.url,
        urls.absolute(base, expert.url),
        f"{expert.name}, {expert.title}",
        expert.headline,
        noindex=not expert.listed,
        image=None if expert.photo.avatar else urls.absolute(base, expert.photo.fallback.jpeg),
        kind="profile",
    )
    page(
        expert.url,
        "expert.html",
        meta.title,
        meta.description,
        meta=meta,
        expert=expert,
        json_ld=json_ld(expert, site_view),
        form=inquiry_form(config, office, expert_slug=expert.slug, expert_name=expert.name, local=local_forms),
    )
    out.add(
        urls.output_path(expert.vcard_url),
        partial(vcard, expert, base, config.site.organization),
        f"vCard of {expert.slug}",
    )


def _page_bytes(env: jinja2.Environment, template: str, values: dict[str, Any]) -> bytes:
    return render(env, template, values).encode("utf-8")


def _page_pieces(env: jinja2.Environment, template: str, values: dict[str, Any]) -> Chunks:
    return Chunks(piece.encode("utf-8") for piece in render_pieces(env, template, values))


def _topic_pages(
    page: Callable[..., None], topic: TopicView, members: Sequence[ExpertView], topics: dict[str, TopicView]
) -> None:
    pages = _page_count(len(members))
    for number in range(1, pages + 1):
        _topic_page(page, topic, _page_of(members, number), topics, number, pages)


def _page_count(count: int) -> int:
    """How many pages a topic of ``count`` experts takes (one, even when empty)."""
    return max(1, -(-count // urls.PAGE_SIZE))


Listed = TypeVar("Listed")


def _page_of(items: Sequence[Listed], number: int) -> Sequence[Listed]:
    """The items on page ``number`` (from 1)."""
    return items[(number - 1) * urls.PAGE_SIZE : number * urls.PAGE_SIZE]


def _topic_page(
    page: Callable[..., None],
    topic: TopicView,
    chunk: Sequence[ExpertView],
    topics: dict[str, TopicView],
    number: int,
    pages: int,
) -> None:
    pagination = Pagination(
        number,
        pages,
        urls.topic(topic.id, number - 1) if number > 1 else None,
        urls.topic(topic.id, number + 1) if number < pages else None,
    )
    title = topic.name if number == 1 else f"{topic.name} (page {number} of {pages})"
    page(
        urls.topic(topic.id, number),
        "topic.html",
        title,
        topic.description,
        topic=topic,
        experts=tuple(chunk),
        pagination=pagination,
        topics=topics,
    )
