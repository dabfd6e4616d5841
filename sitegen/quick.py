"""The preview's quick pass: an edited profile's own pages, made before the full rebuild.

Staff edit a profile and look at its page. Rebuilding a big directory takes
seconds to minutes, so the preview first reads only the edited profiles again
and makes their files (page, vCard and, when nobody moves on them, the topic
pages listing them) from the last good build's model; the preview server shows
them in front of that build until the full rebuild, which follows at once,
replaces both. The files are planned by the full build's own code
(``render.plan_experts``, ``render.plan_topic_pages``) from the model the full
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
from sitegen.render import PlannedFile, plan_experts, plan_topic_pages
from sitegen.search_patch import SearchBase, patch_search
from sitegen.views import TopicView, topic_views
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
    base = QuickBase(site_root, site, headshots, env, local_forms, topics, by_path, listing, search)
    first = next((entry for entry in listed), None)
    if first is not None:  # compile the templates now, not on the first edit
        plan_experts(site, env, headshots, [first.slug], local_forms=local_forms, topics=topics)[0].make()
        members = {t.id: [first] for t in first.topics[:1]}
        for item in plan_topic_pages(site, env, headshots, members, [first.slug], topics=topics):
            item.make()
    return base


def quick_files(base: QuickBase, changed: Iterable[Path], today: dt.date) -> dict[str, bytes] | None:
    """The files of the edited profiles, by output path; None when only a full rebuild can say."""
    plan = quick_plan(base, changed, today)
    if plan is None:
        return None
    return {item.path: whole(item.make()) for item in [*plan.own, *plan.listings()]}


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
    if not (same and all(_sorts_alike(fresh[old.path], old) for old in edited)):
        return QuickPlan(own, lambda: [], search)  # someone moves on a topic page, or a count changes: the rebuild's
    return QuickPlan(own, partial(_listings, base, site, slugs, headshots), search)


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
    return plan_topic_pages(site, base.env, headshots, members, slugs, topics=base.topics)


def _sorts_alike(new: ExpertEntry, old: ExpertEntry) -> bool:
    return (new.expert.sorting_name, new.expert.name) == (old.expert.sorting_name, old.expert.name)
