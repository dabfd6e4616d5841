"""The `check` pipeline: read everything, validate everything, write nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sitegen.cache import Store
from sitegen.collate import SiteModel, collate
from sitegen.config import ConfigResult, load_config
from sitegen.discover import discover
from sitegen.memory import collector_paused
from sitegen.parallel import PARALLEL_MIN, Keep, at_once
from sitegen.photos import PhotoVerdict, photo_problems
from sitegen.problems import Problem, sort_problems
from sitegen.profiles import CachedProfile, ProfileCache, parse_profiles, to_cache


@dataclass(frozen=True)
class CheckMemory:
    """What a check learnt, besides the profiles, that spares the next one work: site.toml's
    verdict (by the file's digest) and each photo's (by its file's signature)."""

    config: ConfigResult | None = None
    photos: dict[str, PhotoVerdict] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: every problem, the number of profiles, and the model if all is valid."""

    problems: tuple[Problem, ...]
    profiles: int
    config_ok: bool
    site: SiteModel | None
    parsed: dict[tuple[str, bytes], CachedProfile] = field(default_factory=dict)
    """This run's parsed profiles by (path, digest), for the build cache."""
    memory: CheckMemory = field(default_factory=CheckMemory)
    """This run's verdicts on site.toml and the photos, for the next run."""


def check_site(
    site_root: Path,
    today: dt.date,
    jobs: int = 1,
    known: ProfileCache | None = None,
    memory: CheckMemory | None = None,
) -> CheckReport:
    """Validate site.toml and every profile, and cross-check them, collecting all problems.

    ``known`` holds profiles parsed by an earlier run; those whose bytes are unchanged are reused.
    ``memory`` is an earlier run's ``CheckReport.memory``: an unchanged site.toml is not parsed
    again, an unchanged photo not opened again.
    """
    with collector_paused():  # everything made here lives to the end: the collector would walk it in vain
        return _check_site(site_root, today, jobs, known, memory or CheckMemory())


def _check_site(
    site_root: Path, today: dt.date, jobs: int, known: ProfileCache | None, memory: CheckMemory
) -> CheckReport:
    config = load_config(site_root, memory.config)
    found = discover(site_root)
    profiles = parse_profiles(found.sources, jobs, known)
    problems = [*config.problems, *found.problems]
    verdicts = dict(memory.photos)
    for profile in profiles:
        problems.extend(profile.problems)
        problems.extend(photo_problems(site_root, profile, verdicts))
    site = None
    if config.config is not None:
        collation = collate(profiles, config.config, today)
        problems.extend(collation.problems)
        if not any(p.is_error for p in problems):
            site = collation.site
    parsed = {(p.source.path, p.digest): to_cache(p) for p in profiles if p.digest}
    named = {p.expert.photo.file for p in profiles if p.expert and p.expert.photo}
    learnt = CheckMemory(config, {path: verdict for path, verdict in verdicts.items() if path in named})
    return CheckReport(tuple(sort_problems(problems)), len(profiles), config.config is not None, site, parsed, learnt)


def check_cached(
    site_root: Path,
    today: dt.date,
    jobs: int,
    store: Store | None,
    keep: Keep = at_once,
) -> CheckReport:
    """``check_site`` with the build cache: profiles parsed by an earlier run are reused, this run's kept.

    The profiles' entry is rewritten only when a profile changed: rewriting it costs seconds at
    10,000; the verdicts on site.toml and the photos only when one changed.  ``keep`` runs the
    saving, told whether a process of its own is worth it (several jobs and PARALLEL_MIN profiles):
    a build's runs it beside the build's own work (5 s at 100,000 experts, before the search index
    could start).
    """
    with collector_paused():  # one pause for the cache and the check: the collector would walk both in vain
        known = store.load("profiles", dict) if store else None
        memory = store.load("check", CheckMemory) if store else None
        report = check_site(site_root, today, jobs, known, memory)
        if store:
            keep(partial(_remember, store, report, known, memory), jobs > 1 and report.profiles >= PARALLEL_MIN)
    return report


def _remember(store: Store, report: CheckReport, known: ProfileCache | None, memory: CheckMemory | None) -> None:
    """Save what this check learnt, where it differs from what the cache held."""
    if report.parsed.keys() != (known or {}).keys():
        store.save("profiles", report.parsed)
    if report.memory != memory:
        store.save("check", report.memory)
