"""The preview's quick pass: the files an edit of profiles changes, made before the full rebuild.

Staff edit a profile and look at its page. Rebuilding a big directory takes
seconds to minutes, so the preview first reads only the edited profiles again
and makes, from the last good build's model: their page and vCard; the topic
pages listing them (only those showing them when nobody moves and no count
changes; else every page of their topics, before and after the edit, whose
experts or count change, and of the others, such as a parent when someone
moves between two of its subtopics, the pages showing them); every
other file listing or counting the experts (home, A–Z, topics and search pages,
then the guide, the feeds, the open data and the sitemap), from the last build's
views of everyone else and what was made of them (their cards, A–Z letters, guide
topics and open-data entries are reused); then it patches the search index. The
preview server shows them in front of that build until the full rebuild, which
follows at once, replaces both. The files are
planned by the full build's own code (``render.plan_experts``,
``render.plan_topic_pages``, ``render.plan_topics``, ``render.plan_front``,
``render.plan_back``) from the model the full build will collate, so they are the
same bytes (a test compares, and that every file an edit changes is among them).
What the quick pass cannot make exactly (a new, removed or archived profile, a
photo, a template, site.toml, a profile with errors, problems found across files)
it leaves to the full rebuild; so is a topic's last page when its pages become
fewer (the overlay cannot take a file away).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

import jinja2

from sitegen.collate import ExpertEntry, SiteModel, collate, in_az_order, listed_under, members_by_topic
from sitegen.discover import Source
from sitegen.images import Headshot, avatar
from sitegen.opendata import mapped, pieces
from sitegen.photos import photo_problems
from sitegen.profiles import parse_profiles
from sitegen.render import (
    PlannedFile,
    plan_back,
    plan_experts,
    plan_front,
    plan_topic_pages,
    plan_topics,
    sort_key,
)
from sitegen.search_patch import SearchBase, patch_search
from sitegen.urls import experts_index, guide, open_data, output_path
from sitegen.views import ExpertView, TopicLink, TopicView, expert_view, topic_links, topic_views
from sitegen.write import Chunks, whole

WARMED = {output_path(experts_index()), output_path(guide())}
"""The A–Z page and the guide: made once after each build (``warm_parts``), each letter's and topic's part kept."""
OPEN_DATA = output_path(open_data())


class LastOpenData:
    """The last build's open data split into each listed expert's piece (``opendata.pieces``), read
    once for every edit until the next build (it took 0.05 s of each quick pass at 10,000 experts).
    The warm-up and a quick pass may ask at once (two threads): the second waits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pieces: dict[str, memoryview] | None = None

    def pieces(self, base: QuickBase) -> dict[str, memoryview]:
        """Each listed expert's piece by slug; none if the file cannot be read as the build wrote it
        (the rebuild that follows may be replacing it)."""
        with self._lock:
            if self._pieces is None:
                self._pieces = _open_data(base)
            return self._pieces


@dataclass(frozen=True, slots=True)
class QuickBase:
    """What the last good build leaves for the quick pass."""

    site_root: Path
    site: SiteModel
    headshots: dict[str, Headshot]
    env: jinja2.Environment
    local_forms: bool
    topics: dict[str, TopicView]
    links: dict[str, TopicLink]
    """The topics as experts' views name them (``views.topic_links``)."""
    by_path: dict[str, ExpertEntry]
    listing: dict[str, tuple[str, ...]]
    """Each topic's listed experts (with its children's) in A–Z order, by slug, as the topic pages list them."""
    views: dict[str, ExpertView]
    """Each listed expert's view, by slug in A–Z order, as the last build made it (the overview files
    list them all)."""
    search: SearchBase | None = None
    """The last build's search index, to patch the edited experts into; None if its statistics are unknown."""
    built: Path | None = None
    """The last build's folder: its open data's pieces of the experts an edit leaves alone are reused."""
    open_data: LastOpenData = field(default_factory=LastOpenData, init=False, repr=False, compare=False)
    """Those pieces, read once (``warm_parts``, or the first edit's quick pass)."""


@dataclass(frozen=True, slots=True)
class QuickPlan:
    """The quick pass for one batch of edits, in the order it is shown."""

    own: list[PlannedFile]
    """The edited profiles' pages and vCards."""
    listings: Callable[[], list[PlannedFile]]
    """The topic pages listing them (slower: asked after)."""
    front: Callable[[], list[PlannedFile]]
    """The other pages listing or counting them, quick to make (home, A–Z, topics, search:
    ``render.plan_front``)."""
    back: Callable[[], list[PlannedFile]]
    """Then the rest: the guide, the feeds, the open data, the sitemap (``render.plan_back``)."""
    search: Callable[[], dict[str, bytes] | None]
    """Last, the search index files holding them, patched (``sitegen.search_patch``); None if it cannot be."""


def quick_base(
    site_root: Path,
    site: SiteModel,
    headshots: dict[str, Headshot],
    env: jinja2.Environment,
    local_forms: bool,
    search: SearchBase | None = None,
    built: Path | None = None,
) -> QuickBase:
    """The quick pass's starting point after a good build (made in ``built``), its templates compiled
    ahead of the first edit; ``warm_parts`` then renders its overview and topic pages once."""
    listed = in_az_order(site.listed)
    topics = topic_views(site)
    links = topic_links(site.config)
    listing = {
        topic_id: tuple(entry.slug for entry in members)
        for topic_id, members in members_by_topic(listed, topics, with_children=True).items()
    }
    by_path = {entry.path: entry for entry in site.experts}
    views = {entry.slug: expert_view(entry, site, links, headshots[entry.slug]) for entry in listed}
    base = QuickBase(
        site_root, site, headshots, env, local_forms, topics, links, by_path, listing, views, search, built
    )
    first = next((entry for entry in listed), None)
    if first is not None:  # the templates compiled now, not on the first edit
        plan_experts(site, env, headshots, [first.slug], local_forms=local_forms, links=links)[0].make()
        for item in [*_overview(base), *plan_topics(site, env, [], topics, [topic.id for topic in first.topics[:1]])]:
            if item.template:
                env.get_template(item.template)
    return base


def warm_parts(base: QuickBase, stop: Callable[[], bool]) -> bool:
    """Render the A–Z page, the guide and every topic page once, discarding them, their parts kept
    (``render.MEMOISED``): an edit then makes only its experts' letter, guide topics and card again
    (10,000 experts, one process: the A–Z page 0.045 → 0.01 s, the guide 0.31 → 0.02 s, the 92
    pages of a topic edit 0.16 – 0.20 → 0.09 – 0.11 s). About 1.5 s at 10,000 experts, 16 s at
    100,000: the preview does it after publishing each build, until ``stop()`` says an edit came
    (asked between files and between a long page's pieces). The last build's open data is split
    into its experts' pieces first (``LastOpenData``). True if done."""
    if stop():
        return False
    base.open_data.pieces(base)
    pages = plan_topics(base.site, base.env, list(base.views.values()), base.topics, base.topics)
    for item in [*(item for item in _overview(base) if item.path in WARMED), *pages]:
        if stop():
            return False
        made = item.make()
        if isinstance(made, Chunks) and any(stop() for _ in made.pieces):
            return False
    return True


def _overview(base: QuickBase) -> list[PlannedFile]:
    """The overview files as the quick pass plans them, the topics' feeds left out."""
    shown = list(base.views.values())
    return [
        *plan_front(base.site, base.env, shown, base.topics),
        *plan_back(base.site, base.env, shown, base.topics, local_forms=base.local_forms, feeds={}),
    ]


def quick_files(base: QuickBase, changed: Iterable[Path], today: dt.date) -> dict[str, bytes] | None:
    """The files of the edited profiles, by output path; None when only a full rebuild can say."""
    plan = quick_plan(base, changed, today)
    if plan is None:
        return None
    made = [*plan.own, *plan.listings(), *plan.front(), *plan.back()]
    return {item.path: whole(item.make()) for item in made}


def quick_plan(base: QuickBase, changed: Iterable[Path], today: dt.date) -> QuickPlan | None:
    """The edited profiles' own files, planned, and how to plan the topic pages listing them and
    patch the search index (slower: asked after). None if only a full rebuild can say."""
    edited = []
    for path in sorted(set(changed)):
        entry = _entry(base, path)
        if entry is None:
            return None  # not a profile of the last build (new, removed, a photo, a template, site.toml)
        edited.append(entry)
    if not edited:
        return None
    profiles = parse_profiles([Source(entry.slug, entry.path, base.site_root / entry.path) for entry in edited])
    if any(p.expert is None or any(x.is_error for x in p.problems) for p in profiles):
        return None
    if photo_problems(base.site_root, profiles):
        return None
    collation = collate(profiles, base.site.config, today)
    if collation.site is None:
        return None
    fresh = {entry.path: entry for entry in collation.site.experts}
    for old in edited:
        new = fresh[old.path]
        if new.status == "archived" or new.expert.photo != old.expert.photo:
            return None  # an archived page disappears; a new photo needs processing
    site = SiteModel(base.site.config, tuple(fresh.get(entry.path, entry) for entry in base.site.experts))
    # An initials avatar follows the name: the edited experts without a photo get theirs again.
    avatars = {
        entry.slug: avatar(entry.slug, entry.expert.name).headshot
        for entry in (fresh[old.path] for old in edited)
        if entry.expert.photo is None
    }
    headshots = {**base.headshots, **avatars}
    # Topic counts change only with an expert's topics or status; otherwise the last build's views hold.
    pairs = [(old, fresh[old.path]) for old in edited]
    same = all(new.topics == old.topics and new.status == old.status for old, new in pairs)
    topics = base.topics if same else _recounted(base.topics, pairs)
    slugs = [entry.slug for entry in edited]
    own = plan_experts(site, base.env, headshots, slugs, local_forms=base.local_forms, links=base.links)
    search = partial(_search, base, site, slugs)
    # Every listed expert's view, made once for the pages and files that need them all.
    listed = cache(partial(_listed, base, site, pairs, headshots))
    members = cache(partial(_members, base, listed, pairs, _their_topics(pairs)))  # the feeds' and pages' alike
    front = partial(_front, base, site, topics, listed)
    back = partial(_back, base, site, topics, listed, members, pairs)
    if same and all(_sorts_alike(new, old) for old, new in pairs):
        listings = partial(_listings, base, site, slugs, headshots)  # only the pages showing them change
    else:  # someone moves on a topic page, or a count changes: every page of the topics where they do
        listings = partial(_topic_pages, base, site, topics, listed, members, pairs, headshots)
    return QuickPlan(own, listings, front, back, search)


def _search(base: QuickBase, site: SiteModel, slugs: list[str]) -> dict[str, bytes] | None:
    return patch_search(base.search, site, base.site, slugs) if base.search else None


def remade(base: QuickBase, paths: Iterable[Path]) -> list[Path]:
    """Those of ``paths`` the quick pass can make again: profiles of the last build, not archived."""
    return [path for path in paths if _entry(base, path) is not None]


def _entry(base: QuickBase, path: Path) -> ExpertEntry | None:
    root = base.site_root.resolve()
    resolved = path.resolve()
    entry = base.by_path.get(resolved.relative_to(root).as_posix()) if resolved.is_relative_to(root) else None
    return None if entry is None or entry.status == "archived" else entry


def _listings(base: QuickBase, site: SiteModel, slugs: list[str], headshots: dict[str, Headshot]) -> list[PlannedFile]:
    """The topic pages listing these experts, when nobody moved on them: they show the new cards."""
    wanted = set(slugs)
    listing = [topic_id for topic_id, listed in base.listing.items() if wanted.intersection(listed)]
    return _pages_showing(base, site, base.topics, slugs, listing, headshots)


def _pages_showing(
    base: QuickBase,
    site: SiteModel,
    topics: dict[str, TopicView],
    slugs: list[str],
    topic_ids: Iterable[str],
    headshots: dict[str, Headshot],
    edited: dict[str, ExpertView] | None = None,
) -> list[PlannedFile]:
    """The pages of these topics showing these experts, whose experts are the last build's (in its
    order); ``edited`` may give the edited experts' views, made already."""
    by_slug = {entry.slug: entry for entry in site.experts}
    members = {topic_id: [by_slug[slug] for slug in base.listing[topic_id]] for topic_id in topic_ids}
    return plan_topic_pages(
        site, base.env, headshots, members, slugs, topics=topics, links=base.links, known=base.views, edited=edited
    )


Pairs = list[tuple[ExpertEntry, ExpertEntry]]
"""Each edited expert as the last build had them, and as edited."""


Listed = Callable[[], list[ExpertView] | None]
"""Every listed expert's view in A–Z order, once asked (``_listed``)."""


def _front(base: QuickBase, site: SiteModel, topics: dict[str, TopicView], listed: Listed) -> list[PlannedFile]:
    """The quick overview pages showing or counting these experts, unless none of them is or was listed."""
    views = listed()
    return plan_front(site, base.env, views, topics) if views is not None else []


def _back(
    base: QuickBase, site: SiteModel, topics: dict[str, TopicView], listed: Listed, members: Members, edited: Pairs
) -> list[PlannedFile]:
    """The other overview files showing or counting these experts: the feeds of their topics (before
    and after the edit) and their parents only; the open data first, whose writing (21 MB at 10,000
    experts, 0.07 s) then goes on beside the making of the others, not after them."""
    views = listed()
    if views is None:
        return []
    known = dict(base.open_data.pieces(base))  # the last build's, shared with the next edits
    for old, _ in edited:
        known.pop(old.slug, None)
    feeds = members()
    planned = plan_back(site, base.env, views, topics, local_forms=base.local_forms, feeds=feeds, known=known)
    return sorted(planned, key=lambda item: item.path != OPEN_DATA)


def _open_data(base: QuickBase) -> dict[str, memoryview]:
    """The last build's open data, each listed expert's piece by slug (``LastOpenData``)."""
    if base.built is None:
        return {}
    try:
        document = mapped(base.built / OPEN_DATA)
    except (OSError, ValueError):  # ValueError: mmap refused it
        return {}
    return pieces(document, list(base.views)) or {}


def _topic_pages(
    base: QuickBase,
    site: SiteModel,
    topics: dict[str, TopicView],
    listed: Listed,
    members: Members,
    edited: Pairs,
    headshots: dict[str, Headshot],
) -> list[PlannedFile]:
    """Every page of these experts' topics (before and after the edit) and their parents, but of a
    topic whose experts and count stay the same (a parent when its expert moves between two of its
    subtopics) only the pages showing them. A topic whose pages became fewer keeps its last one from
    the build until the rebuild replaces it."""
    views = listed()
    if views is None:
        return []
    theirs = _their_topics(edited)
    kept = {
        topic_id
        for topic_id in theirs
        if topics[topic_id] == base.topics[topic_id] and all(_stays(base, topic_id, old, new) for old, new in edited)
    }
    slugs = [new.slug for _, new in edited]
    mine = {view.slug: view for view in views if view.slug in slugs} if kept else {}
    return [
        *plan_topics(site, base.env, views, topics, theirs - kept, members()),
        *_pages_showing(base, site, topics, slugs, sorted(kept), headshots, mine),
    ]


def _stays(base: QuickBase, topic_id: str, old: ExpertEntry, new: ExpertEntry) -> bool:
    """Whether the pages of ``topic_id`` list this expert, directly or under a subtopic, both before
    and after the edit (or neither), in the same place."""
    before = old.slug in base.views and _under(old, topic_id)
    after = new.status == "published" and _under(new, topic_id)
    return before == after and _sorts_alike(new, old)


def _under(entry: ExpertEntry, topic_id: str) -> bool:
    return topic_id in listed_under(entry)


def _their_topics(edited: Pairs) -> set[str]:
    """The topics of these experts before and after the edit, and their parents."""
    return {topic_id for old, new in edited for entry in (old, new) for topic_id in listed_under(entry)}


def _listed(base: QuickBase, site: SiteModel, edited: Pairs, headshots: dict[str, Headshot]) -> list[ExpertView] | None:
    """Every listed expert's view in A–Z order, as ``render.plan_site`` would make them: the edited
    ones made again, the others the last build's (a view holds no count: ``views.TopicLink``). None if
    none of the edited experts is or was listed: no overview file changes."""
    if not any(old.slug in base.views or new.status == "published" for old, new in edited):
        return None
    views = dict(base.views)
    for _, new in edited:
        if new.status == "published":
            views[new.slug] = expert_view(new, site, base.links, headshots[new.slug])  # in place if there
        else:
            views.pop(new.slug, None)
    # The last build's A–Z order holds if nobody moves and nobody joins the listings.
    kept = all(
        _sorts_alike(new, old) and (old.slug in base.views) == (new.status == "published") for old, new in edited
    )
    return list(views.values()) if kept else sorted(views.values(), key=sort_key)


Members = Callable[[], dict[str, list[ExpertView]]]
"""The edited experts' topics' (``_their_topics``) listed experts' views in A–Z order, after the
edits (``_members``), made once for the topic pages and the feeds."""


def _members(base: QuickBase, listed: Listed, edited: Pairs, topic_ids: Iterable[str]) -> dict[str, list[ExpertView]]:
    """Each of these topics' listed experts' views (with its children's) in A–Z order, as
    ``collate.members_by_topic`` of every view (``listed``) gives them, from the last build's lists
    (``QuickBase.listing``): without the edited experts, each put back where they sort if the topic
    lists them now. Going through every view took 0.015 s at 10,000 experts, twice a topic edit."""
    views = {view.slug: view for view in listed() or []}
    gone = {old.slug for old, _ in edited}
    members: dict[str, list[ExpertView]] = {}
    for topic_id in sorted(set(topic_ids)):
        experts = [views[slug] for slug in base.listing[topic_id] if slug not in gone]
        for _, new in edited:
            if new.status == "published" and _under(new, topic_id):
                bisect.insort(experts, views[new.slug], key=sort_key)
        members[topic_id] = experts
    return members


def _recounted(last: dict[str, TopicView], edited: Pairs) -> dict[str, TopicView]:
    """``views.topic_views`` after these edits, from the last build's: each topic counts the edited
    experts it lists now (``collate.listed_under``: a parent each of its children's once)
    instead of those it listed, and the last build's view is kept where the count stays (the parts
    made from it, such as the guide's topics, memoised by the identity of their views, are kept).
    Counting every listed expert again took 0.015 s at 10,000 experts."""
    change: dict[str, int] = {}
    for old, new in edited:
        for entry, sign in ((old, -1), (new, 1)):
            if entry.status == "published":
                for topic_id in listed_under(entry):
                    change[topic_id] = change.get(topic_id, 0) + sign
    return {
        topic_id: dataclasses.replace(view, count=view.count + change[topic_id]) if change.get(topic_id) else view
        for topic_id, view in last.items()
    }


def _sorts_alike(new: ExpertEntry, old: ExpertEntry) -> bool:
    return (new.expert.sorting_name, new.expert.name) == (old.expert.sorting_name, old.expert.name)
