"""The build: validate everything, render everything in memory, then write once, atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitegen.check import check_site
from sitegen.collate import SiteModel
from sitegen.discover import EXPERTS_DIR
from sitegen.images import Headshot, ProcessedPhoto, avatar, process_photo
from sitegen.problems import BuildError, ConfigError, ContentError, Problem
from sitegen.render import render_site
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
    site: SiteModel, site_root: Path, progress: Progress | None = None, cache: PhotoCache | None = None
) -> tuple[dict[str, Headshot], dict[str, bytes]]:
    """Headshots for every built expert (or an initials avatar), and the image files to write."""
    headshots: dict[str, Headshot] = {}
    files: dict[str, bytes] = {}
    built = site.built
    for index, entry in enumerate(built):
        photo = entry.expert.photo
        if photo is None:
            processed = avatar(entry.slug, entry.expert.name)
        else:
            source = site_root / EXPERTS_DIR / photo.file
            if cache is None:
                processed = process_photo(entry.slug, source, photo.alt, photo.credit)
            else:
                # Only the preview keeps a cache: a one-off build need not read every photo twice.
                key = (entry.slug, hashlib.sha256(source.read_bytes()).hexdigest(), photo.alt, photo.credit)
                processed = cache.get(key) or process_photo(entry.slug, source, photo.alt, photo.credit)
                cache[key] = processed
        headshots[entry.slug] = processed.headshot
        files.update(processed.files)
        if progress:
            progress("photos", index + 1, len(built))
    return headshots, files


def build_site(
    site_root: Path,
    output: Path | None,
    today: dt.date,
    progress: Progress | None = None,
    *,
    local_forms: bool = False,
    photo_cache: PhotoCache | None = None,
) -> BuildReport:
    """Check, render and write the site; on any error nothing is written.

    ``local_forms`` (the preview server) sends every inquiry form to the preview's own receiver.
    """
    started = time.perf_counter()
    report = check_site(site_root, today)
    if not report.config_ok:
        raise ConfigError("site.toml is invalid", report.problems)
    if report.site is None:
        raise ContentError("the site has errors; nothing was written", report.problems)
    site = report.site
    target = check_output(site_root, output or Path(site.config.build.output))
    env = make_environment(site_root, site.config.site.base_url)
    headshots, images = process_photos(site, site_root, progress, photo_cache)
    total = len(site.built)
    pages = render_site(
        site, env, headshots, (lambda n: progress("pages", n, total)) if progress else None, local_forms=local_forms
    )
    thumbnails = {slug: shot.renditions[0].webp for slug, shot in headshots.items()}
    search = export_index(SearchIndex(site), thumbnails)
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
