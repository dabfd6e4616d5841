"""The build: validate everything, render everything in memory, then write once, atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import cast

from sitegen.check import check_site
from sitegen.collate import ExpertEntry, SiteModel
from sitegen.discover import EXPERTS_DIR
from sitegen.images import Headshot, ProcessedPhoto, avatar, process_photo
from sitegen.parallel import map_in_parts, run_all, shards
from sitegen.problems import BuildError, ConfigError, ContentError, Problem
from sitegen.profiles import PARALLEL_MIN
from sitegen.render import plan_site, render_files
from sitegen.search import SearchIndex
from sitegen.search_export import export_index
from sitegen.templating import asset_files, make_environment
from sitegen.write import check_output, write_site

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildReport:
    """What a successful build wrote."""

    output: Path
    experts: int
    pages: int
    files: int
    seconds: float
    warnings: tuple[Problem, ...]


PhotoCache = dict[tuple[str, str, str, str | None], ProcessedPhoto]
"""Processed headshots by (slug, content hash, alt, credit): lets a preview rebuild skip unchanged photos."""


def process_photos(
    site: SiteModel,
    site_root: Path,
    progress: Progress | None = None,
    cache: PhotoCache | None = None,
    jobs: int = 1,
) -> tuple[dict[str, Headshot], dict[str, bytes]]:
    """Headshots for every built expert (or an initials avatar), and the image files to write."""
    built = site.built
    processed: list[ProcessedPhoto]
    if cache is None and jobs > 1 and len(built) >= PARALLEL_MIN:
        processed = map_in_parts(partial(_photos, site_root), built, jobs)
        if progress:
            progress("photos", len(built), len(built))
    else:
        processed = []
        for index, entry in enumerate(built):
            processed.append(_photo(site_root, entry, cache))
            if progress:
                progress("photos", index + 1, len(built))
    headshots: dict[str, Headshot] = {}
    files: dict[str, bytes] = {}
    for entry, photo in zip(built, processed, strict=True):
        headshots[entry.slug] = photo.headshot
        files.update(photo.files)
    return headshots, files


def _photos(site_root: Path, entries: Sequence[ExpertEntry]) -> list[ProcessedPhoto]:
    return [_photo(site_root, entry, None) for entry in entries]


def _photo(site_root: Path, entry: ExpertEntry, cache: PhotoCache | None) -> ProcessedPhoto:
    photo = entry.expert.photo
    if photo is None:
        return avatar(entry.slug, entry.expert.name)
    source = site_root / EXPERTS_DIR / photo.file
    if cache is None:
        return process_photo(entry.slug, source, photo.alt, photo.credit)
    # Only the preview keeps a cache: a one-off build need not read every photo twice.
    key = (entry.slug, hashlib.sha256(source.read_bytes()).hexdigest(), photo.alt, photo.credit)
    processed = cache.get(key) or process_photo(entry.slug, source, photo.alt, photo.credit)
    cache[key] = processed
    return processed


def _search_files(site: SiteModel, thumbnails: dict[str, str]) -> dict[str, bytes]:
    return export_index(SearchIndex(site), thumbnails)


def build_site(
    site_root: Path,
    output: Path | None,
    today: dt.date,
    progress: Progress | None = None,
    *,
    local_forms: bool = False,
    photo_cache: PhotoCache | None = None,
    jobs: int = 1,
) -> BuildReport:
    """Check, render and write the site; on any error nothing is written.

    ``local_forms`` (the preview server) sends every inquiry form to the preview's own receiver.
    ``jobs`` is how many processes a big site may use: the search index is built in one while
    the pages are made in the others.
    """
    started = time.perf_counter()
    report = check_site(site_root, today, jobs)
    if not report.config_ok:
        raise ConfigError("site.toml is invalid", report.problems)
    if report.site is None:
        raise ContentError("the site has errors; nothing was written", report.problems)
    site = report.site
    target = check_output(site_root, output or Path(site.config.build.output))
    env = make_environment(site_root, site.config.site.base_url)
    headshots, images = process_photos(site, site_root, progress, photo_cache, jobs)
    thumbnails = {slug: shot.renditions[0].webp for slug, shot in headshots.items()}
    plan = plan_site(site, env, headshots, local_forms=local_forms)
    if jobs > 1 and len(site.built) >= PARALLEL_MIN:
        # The search index (the longest task) first, then the pages in interleaved parts.
        parts = shards(len(plan), jobs)
        tasks: list[Callable[[], object]] = [partial(_search_files, site, thumbnails)]
        tasks += [partial(render_files, plan, part) for part in parts]
        search_result, *rendered = run_all(tasks, jobs)
        search = cast(dict[str, bytes], search_result)
        made = {path: data for part in rendered for path, data in cast(list[tuple[str, bytes]], part)}
        pages = {item.path: made[item.path] for item in plan}
        if progress:
            progress("pages", len(site.built), len(site.built))
    else:
        pages = {}
        experts = 0
        for item in plan:
            pages[item.path] = item.make()
            if progress and item.source == "templates/expert.html":
                experts += 1
                progress("pages", experts, len(site.built))
        search = _search_files(site, thumbnails)
    files = dict(pages)
    for source, extra in (
        ("headshots", images),
        ("the search index", search),
        ("the theme's assets", asset_files(site_root)),
    ):
        for path, data in extra.items():
            if path in files:
                raise BuildError(f"two sources write {path}: {source} and the pages")
            files[path] = data
    write_site(files, target)
    html = sum(1 for path in files if path.endswith(".html"))
    return BuildReport(target, len(site.built), html, len(files), time.perf_counter() - started, report.problems)
