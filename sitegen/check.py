"""The `check` pipeline: read everything, validate everything, write nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sitegen.cache import Store
from sitegen.collate import SiteModel, collate
from sitegen.config import ConfigResult, load_config
from sitegen.discover import Discovery, discover
from sitegen.memory import collector_paused
from sitegen.parallel import PARALLEL_MIN, Keep, at_once
from sitegen.photos import PhotoVerdict, photo_problems
from sitegen.problems import Problem, sort_problems
from sitegen.profiles import Kept, ParsedProfile, ProfileCache, known_profiles, parsing


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
    memory: CheckMemory = field(default_factory=CheckMemory)
    """This run's verdicts on site.toml and the photos, for the next run."""


@dataclass(frozen=True)
class Reading:
    """What reading the site found: site.toml's verdict, the profile files, and each parsed."""

    config: ConfigResult
    found: Discovery
    profiles: list[ParsedProfile]


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
        memory = memory or CheckMemory()
        reading = read_site(site_root, jobs, known, memory)[0]  # without the cache's form: nothing keeps it
        return cross_check(site_root, today, reading, memory, jobs)


def read_site(site_root: Path, jobs: int, known: ProfileCache | None, memory: CheckMemory) -> tuple[Reading, Kept]:
    """Read site.toml and parse every profile (site.toml while the profiles' workers parse); the
    profiles also as the build cache keeps them."""
    found = discover(site_root)
    with parsing(found.sources, jobs, known) as parsed:
        config = load_config(site_root, memory.config)
        done = parsed()
    return Reading(config, found, done.profiles), done.kept


def cross_check(site_root: Path, today: dt.date, reading: Reading, memory: CheckMemory, jobs: int) -> CheckReport:
    """Check the photos the profiles name (in up to ``jobs`` processes) and collate the site, adding
    their problems to reading's."""
    config, profiles = reading.config, reading.profiles
    problems = [*config.problems, *reading.found.problems]
    for profile in profiles:
        problems.extend(profile.problems)
    verdicts = dict(memory.photos)
    problems.extend(photo_problems(site_root, profiles, verdicts, jobs))
    site = None
    if config.config is not None:
        collation = collate(profiles, config.config, today)
        problems.extend(collation.problems)
        if not any(p.is_error for p in problems):
            site = collation.site
    named = {p.expert.photo.file for p in profiles if p.expert and p.expert.photo}
    learnt = CheckMemory(config, {path: verdict for path, verdict in verdicts.items() if path in named})
    return CheckReport(tuple(sort_problems(problems)), len(profiles), config.config is not None, site, learnt)


def check_cached(
    site_root: Path,
    today: dt.date,
    jobs: int,
    store: Store | None,
    keep: Keep = at_once,
) -> CheckReport:
    """``check_site`` with the build cache: profiles parsed by an earlier run are reused, this run's kept.

    The profiles' entry is rewritten only when a profile changed; the verdicts on site.toml and
    the photos only when one changed.  ``keep`` runs the profiles' saving as soon as they are
    parsed, told whether a process of its own is worth it (several jobs and PARALLEL_MIN
    profiles): beside the photos' check and the collation, and in a build beside the build's own
    work (at 100,000 experts, a fifth of a gigabyte to write).
    """
    with collector_paused():  # one pause for the cache and the check: the collector would walk both in vain
        stored = store.load("profiles", tuple) if store else None
        known = known_profiles(stored) if stored is not None else None
        remembered = store.load("check", CheckMemory) if store else None
        memory = remembered or CheckMemory()
        reading, kept = read_site(site_root, jobs, known, memory)
        if store and {(p.source.path, p.digest) for p in reading.profiles if p.digest} != (known or {}).keys():
            keep(partial(store.save, "profiles", kept), jobs > 1 and len(reading.profiles) >= PARALLEL_MIN)
        del kept  # the saving has its own reference if it needs one: the packs are a fifth of a GB at 100,000
        report = cross_check(site_root, today, reading, memory, jobs)
        if store and report.memory != remembered:
            store.save("check", report.memory)
    return report
