"""The preview's quick pass: an edited profile's pages, made before the full rebuild.

Staff edit a profile and look at its page. Rebuilding a big directory takes
seconds to minutes, so the preview first reads only the edited profiles again
and makes their files from the last good build's model: their page and vCard; when
nobody moves on them, the topic pages listing them; when their topics and status
are unchanged, every other file listing or counting the experts (home, A–Z, topics
and search pages, then the guide, the feeds, the open data and the sitemap), from
the last build's views of everyone else. The preview server shows them in front of
that build until the full rebuild, which follows at once, replaces both. The files
are planned by the full build's own code (``render.plan_experts``,
``render.plan_topic_pages``, ``render.plan_front``, ``render.plan_back``) from the model the full
build will collate, so they are the same bytes (a test compares). What the quick pass cannot make
exactly (a new, removed or archived profile, a photo, a template, site.toml, a
profile with errors, problems found across files) it leaves to the full rebuild.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2

from sitegen.collate import ExpertEntry, SiteModel, collate, in_az_order, members_by_topic
from sitegen.discover import Source
from sitegen.images import Headshot, avatar
from sitegen.photos import photo_problems
from sitegen.profiles import parse_profiles
from sitegen.render import PlannedFile, plan_back, plan_experts, plan_front, plan_topic_pages, sort_key
from sitegen.search_patch import SearchBase, patch_search
from sitegen.views import ExpertView, TopicView, expert_view, topic_views
from sitegen.write import whole


@dataclass(frozen=True, slots=True)
class QuickBase:
    """What the last good build leaves for the quick pass."""

    site_root: Path
    site: SiteModel
    headshots: dict[str, Headshot]
    env: jinja2.Environment
    local_forms: bool
    topics: dict[str, TopicView]
    by_path: dict[str, ExpertEntry]
    listing: dict[str, tuple[str, ...]]
    """Each topic's listed experts (with its children's) in A–Z order, by slug, as the topic pages list them."""
    views: dict[str, ExpertView]
    """Each listed expert's view, by slug in A–Z order, as the last build made it (the overview files
    list them all)."""
    search: SearchBase | None = None
    """The last build's search index, to patch the edited experts into; None if its statistics are unknown."""


@dataclass(frozen=True, slots=True)
class QuickPlan:
    """The quick pass for one batch of edits, in the order it is shown."""

    own: list[PlannedFile]
    """The edited profiles' pages and vCards."""
    listings: Callable[[], list[PlannedFile]]
    """The topic pages listing them, when nobody moves on them (slower: asked after)."""
    search: Callable[[], dict[str, bytes] | None]
    """The search index files holding them, patched (``sitegen.search_patch``); None if it cannot be."""
    front: Callable[[], list[PlannedFile]]
    """The other pages listing or counting them, quick to make (home, A–Z, topics, search), when their
    topics and status are unchanged (``render.plan_front``)."""
    back: Callable[[], list[PlannedFile]]
    """Then the rest: the guide, the feeds, the open data, the sitemap (``render.plan_back``)."""


def quick_base(
    site_root: Path,
    site: SiteModel,
    headshots: dict[str, Headshot],
    env: jinja2.Environment,
    local_forms: bool,
    search: SearchBase | None = None,
) -> QuickBase:
    """The quick pass's starting point after a good build, its templates compiled ahead of the first edit."""
    listed = in_az_order(site.listed)
    topics = topic_views(site)
    listing = {
        topic_id: tuple(entry.slug for entry in members)
        for topic_id, members in members_by_topic(listed, topics, with_children=True).items()
    }
    by_path = {entry.path: entry for entry in site.experts}
    views = {entry.slug: expert_view(entry, site, topics, headshots[entry.slug]) for entry in listed}
    base = QuickBase(site_root, site, headshots, env, local_forms, topics, by_path, listing, views, search)
    first = next((entry for entry in listed), None)
    if first is not None:  # compile the templates now, not on the first edit
        plan_experts(site, env, headshots, [first.slug], local_forms=local_forms, topics=topics)[0].make()
        members = {t.id: [first] for t in first.topics[:1]}
        for item in plan_topic_pages(site, env, headshots, members, [first.slug], topics=topics):
            item.make()
        shown = list(views.values())
        for item in [*plan_front(site, env, shown, topics), *plan_back(site, env, shown, topics, feeds=())]:
            if item.template:
                env.get_template(item.template)
    return base


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
    same = all(fresh[old.path].topics == old.topics and fresh[old.path].status == old.status for old in edited)
    slugs = [entry.slug for entry in edited]
    own = plan_experts(
        site, base.env, headshots, slugs, local_forms=base.local_forms, topics=base.topics if same else None
    )
    search = partial(_search, base, site, slugs)
    if not same:  # a count changes (every view shows its topics' counts): the rebuild's
        return QuickPlan(own, list, search, list, list)
    pairs = [(old, fresh[old.path]) for old in edited]
    front = partial(_front, base, site, pairs, headshots)
    back = partial(_back, base, site, pairs, headshots)
    if not all(_sorts_alike(fresh[old.path], old) for old in edited):
        return QuickPlan(own, list, search, front, back)  # someone moves on a topic page: the rebuild's
    return QuickPlan(own, partial(_listings, base, site, slugs, headshots), search, front, back)


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
    by_slug = {entry.slug: entry for entry in site.experts}
    wanted = set(slugs)
    members = {
        topic_id: [by_slug[slug] for slug in listed]
        for topic_id, listed in base.listing.items()
        if wanted.intersection(listed)
    }
    return plan_topic_pages(site, base.env, headshots, members, slugs, topics=base.topics, known=base.views)


def _front(
    base: QuickBase, site: SiteModel, edited: list[tuple[ExpertEntry, ExpertEntry]], headshots: dict[str, Headshot]
) -> list[PlannedFile]:
    """The quick overview pages showing these experts (each old and new; topics and status unchanged)."""
    listed = _listed(base, site, edited, headshots)
    return plan_front(site, base.env, listed, base.topics) if listed is not None else []


def _back(
    base: QuickBase, site: SiteModel, edited: list[tuple[ExpertEntry, ExpertEntry]], headshots: dict[str, Headshot]
) -> list[PlannedFile]:
    """The other overview files showing these experts (topics and status unchanged): the feeds of
    their topics and their parents only."""
    listed = _listed(base, site, edited, headshots)
    if listed is None:
        return []
    feeds = {topic_id for _, new in edited for t in new.topics for topic_id in (t.id, t.parent) if topic_id}
    return plan_back(site, base.env, listed, base.topics, local_forms=base.local_forms, feeds=feeds)


def _listed(
    base: QuickBase, site: SiteModel, edited: list[tuple[ExpertEntry, ExpertEntry]], headshots: dict[str, Headshot]
) -> list[ExpertView] | None:
    """The listed experts' views in A–Z order, the edited ones made again; None if none of them is
    listed (an unlisted expert is shown on no overview file)."""
    fresh = {
        new.slug: expert_view(new, site, base.topics, headshots[new.slug])
        for _, new in edited
        if new.slug in base.views
    }
    if not fresh:
        return None
    views = {**base.views, **fresh}  # in the last build's order, which holds if nobody moves
    moved = not all(_sorts_alike(new, old) for old, new in edited)
    return sorted(views.values(), key=sort_key) if moved else list(views.values())


def _sorts_alike(new: ExpertEntry, old: ExpertEntry) -> bool:
    return (new.expert.sorting_name, new.expert.name) == (old.expert.sorting_name, old.expert.name)
