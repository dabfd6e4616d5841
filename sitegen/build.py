"""The build: validate everything, then make every file into a staging folder and publish it in one swap."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import cast

import jinja2

from sitegen.cache import Store
from sitegen.check import check_cached
from sitegen.collate import ExpertEntry, SiteModel
from sitegen.config import CONFIG_FILE
from sitegen.discover import EXPERTS_DIR
from sitegen.fingerprint import Fingerprints, digest
from sitegen.images import Headshot, ProcessedPhoto, avatar, process_photo, thumbnail
from sitegen.memory import collector_paused, give_back
from sitegen.parallel import PARALLEL_MIN, Ahead, Keep, can_fork, in_background, map_in_parts, run_all, shards
from sitegen.photos import Signature, settled, signature
from sitegen.present import Thumbnail
from sitegen.problems import BuildError, ConfigError, ContentError, Problem
from sitegen.render import PlannedFile, plan_site
from sitegen.search import ScoreBasis, SearchIndex
from sitegen.search_export import export_files
from sitegen.search_keep import index_input, keep
from sitegen.stemming import stemmer_of, unused_script
from sitegen.templating import asset_files, make_environment, template_digest, template_dirs
from sitegen.write import MARKER, Kept, Previous, Staging, Written, check_output

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
    site: SiteModel
    """The model the site was built from (the preview's quick pass starts from it)."""
    headshots: dict[str, Headshot]
    search_basis: ScoreBasis | None = None
    """The statistics the search index's scores were made from (the preview patches edits with
    them); None if the index was kept from a build whose statistics are not in the cache."""


PhotoKey = tuple[str, str, str, str | None]
PhotoCache = dict[PhotoKey, ProcessedPhoto]
"""Processed headshots by (slug, content hash, alt, credit): lets a preview rebuild skip unchanged photos."""
PhotoDigests = dict[str, tuple[Signature, str]]
"""Each photo's content hash by its path relative to experts/, with the signature of the file hashed:
a photo whose file still has that signature is not read again to find its key in the ``PhotoCache``
(a headshot from a camera is megabytes: every build read and hashed every photo)."""


def process_photos(
    site: SiteModel,
    site_root: Path,
    progress: Progress | None = None,
    cache: PhotoCache | None = None,
    jobs: int = 1,
    digests: PhotoDigests | None = None,
) -> tuple[dict[str, Headshot], dict[str, bytes]]:
    """Headshots for every built expert (or an initials avatar), and the image files to write.

    With a ``cache``, a photo already processed with the same bytes, text and slug is not
    processed again; afterwards the cache holds exactly this build's photos.  With ``digests``
    too, a photo file whose signature is unchanged is not read to tell (afterwards they hold
    this build's photos only, those settled enough to vouch for: ``photos.settled``).
    """
    built = site.built
    keys = [_photo_key(site_root, entry, digests) if cache is not None else None for entry in built]
    found: dict[int, ProcessedPhoto] = {}
    todo: list[ExpertEntry] = []
    for index, (entry, key) in enumerate(zip(built, keys, strict=True)):
        earlier = cache.get(key) if cache is not None and key is not None else None
        if earlier is not None:
            found[index] = earlier
        else:
            todo.append(entry)
    # Photos are processed in the workers when many; initials avatars (two letters and a hue) here.
    photos = [entry for entry in todo if entry.expert.photo is not None]
    processed: dict[str, ProcessedPhoto] = {}
    if jobs > 1 and len(photos) >= PARALLEL_MIN:
        made = map_in_parts(partial(_photos, site_root), photos, jobs)
        processed = dict(zip([entry.slug for entry in photos], made, strict=True))
    fresh = []
    for number, entry in enumerate(todo):
        fresh.append(processed.get(entry.slug) or _photo(site_root, entry))
        if progress:
            progress("photos", len(found) + number + 1, len(built))
    if progress and not todo:
        progress("photos", len(built), len(built))
    found.update(zip([i for i in range(len(built)) if i not in found], fresh, strict=True))
    headshots: dict[str, Headshot] = {}
    files: dict[str, bytes] = {}
    for index, entry in enumerate(built):
        headshots[entry.slug] = found[index].headshot
        files.update(found[index].files)
    if cache is not None:
        cache.clear()  # photos no longer used are dropped, so the cache never outgrows the site
        cache.update({key: found[index] for index, key in enumerate(keys) if key is not None})
    if digests is not None:
        named = {entry.expert.photo.file for entry in built if entry.expert.photo}
        for gone in set(digests) - named:
            del digests[gone]
    return headshots, files


def _photo_key(site_root: Path, entry: ExpertEntry, digests: PhotoDigests | None) -> PhotoKey | None:
    photo = entry.expert.photo
    if photo is None:
        return None
    path = os.path.join(site_root, EXPERTS_DIR, photo.file)
    known = digests.get(photo.file) if digests is not None else None
    current = signature(os.stat(path))
    if known is not None and known[0] == current:
        content = known[1]
    else:
        content = _content_hash(path)
        if digests is not None and settled(current):
            digests[photo.file] = (current, content)
    return (entry.slug, content, photo.alt, photo.credit)


def _content_hash(path: str) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _photos(site_root: Path, entries: Sequence[ExpertEntry]) -> list[ProcessedPhoto]:
    return [_photo(site_root, entry) for entry in entries]


def _photo(site_root: Path, entry: ExpertEntry) -> ProcessedPhoto:
    photo = entry.expert.photo
    if photo is None:
        return avatar(entry.slug, entry.expert.name)
    return process_photo(entry.slug, site_root / EXPERTS_DIR / photo.file, photo.alt, photo.credit)


@dataclass(frozen=True)
class SearchFiles:
    """The browser's search index as staged, and the statistics its scores were made from."""

    written: dict[str, Written]
    basis: ScoreBasis


SearchLater = tuple[dict[str, Thumbnail], bytes]
"""What the search index is exported and kept with, sent once the photos are processed: each
expert's thumbnail (the URL of a photo's smallest rendition, which depends on its size, or an
avatar), and the fingerprint of what the index is made from (``search_keep.index_input``, taken
while the index's process starts)."""


def _search_files(
    site: SiteModel, store: Store | None, staging: Staging, later: Callable[[], object], jobs: int = 1
) -> SearchFiles:
    """Make and stage the browser's index (in the process that made it: its files come back to it
    only from the export's other process, with ``jobs`` over 1); with a ``store`` the index is kept
    there too, for ``sitegen search``. ``later`` gives what is known only once the photos are
    processed (``SearchLater``); it is asked for once the index is built, so the index can be
    started before the photos are."""
    index = SearchIndex(site)
    thumbnails, made_from = cast(SearchLater, later())
    if store:
        keep(store, made_from, index)
    return SearchFiles(staging.put_each(export_files(index, thumbnails, jobs=jobs)), index.basis)


@dataclass(frozen=True)
class BuildMemory:
    """What a build remembers for the next one (kept in the build cache)."""

    key: bytes
    """sitegen (code and libraries), site.toml and the form mode: files are reused under the same key only."""
    output: str
    files: dict[str, Written]
    inputs: dict[str, bytes]
    """The fingerprint of each planned file's inputs."""
    search: bytes
    """The fingerprint of everything the search index is made from."""
    search_files: tuple[str, ...]
    whole: bytes = b""
    """The fingerprint of everything the output is made from (``_whole_input``)."""
    search_content: bytes = b""
    """The fingerprint of the listed experts and site.toml (``search_keep.index_input``): all the
    search index is made from but the thumbnails' URLs, known before the photos are processed."""


def _whole_input(
    prints: Fingerprints, site_root: Path, site: SiteModel, photos: object, target: Path, key: bytes
) -> bytes:
    """Everything a build's output is made from: sitegen, site.toml and the form mode (``key``), the
    site model (every profile as checked, today's date included through it), the headshots and their
    image files (``photos``), every file under the template folders (the site's own and the theme,
    assets included), the output path.  ``prints`` is the build's: the pages' inputs are
    fingerprinted next from the same experts, each of them once."""
    templates = []
    for folder in template_dirs(site_root):
        for parent, folders, names in os.walk(folder):  # never into a linked folder
            folders.sort()
            for name in sorted([*folders, *names]):
                path = Path(parent, name)
                relative = path.relative_to(folder).as_posix().encode()
                link = os.readlink(path).encode() if path.is_symlink() else b""
                if path.is_file():  # a linked file by what it holds, as the template loader reads it
                    templates.append(digest(relative + b"\0" + link + b"\0" + path.read_bytes()))
                else:
                    templates.append(digest(relative + b"\0" + link + b"\0folder"))
    return digest(b"".join([key, prints.of(site), prints.of(photos), *templates, str(target).encode()]))


def _intact(memory: BuildMemory, target: Path) -> bool:
    """True if the last build wrote to ``target`` and every file there is still as it wrote it, no
    file added."""
    previous = _previous(memory)
    if previous is None or Path(memory.output) != target:
        return False
    if not all(previous.unchanged(path, record) for path, record in memory.files.items()):
        return False
    found = {
        os.path.relpath(os.path.join(folder, name), target).replace(os.sep, "/")
        for folder, _, names in os.walk(target)
        for name in names
    }
    return found == {*memory.files, MARKER}


def build_site(
    site_root: Path,
    output: Path | None,
    today: dt.date,
    progress: Progress | None = None,
    *,
    local_forms: bool = False,
    photo_cache: PhotoCache | None = None,
    jobs: int = 1,
    store: Store | None = None,
) -> BuildReport:
    """Check, render and write the site; on any error nothing is written.

    ``local_forms`` (the preview server) sends every inquiry form to the preview's own receiver.
    ``jobs`` is how many processes a big site may use: the search index is built in one while
    the pages are made in the others.  With a ``store`` (the build cache), unchanged profiles
    are not parsed again, unchanged photos not processed again, pages whose inputs are
    unchanged not rendered again, an unchanged search index not rebuilt, and unchanged
    files are linked from the previous output instead of written; the output is the same.
    """
    # What the build saves to its cache early (the check's learning, the photos) is saved beside it,
    # from a process of its own when several may be used; the build ends when that has.
    with in_background() as keep:
        return _build_site(site_root, output, today, progress, local_forms, photo_cache, jobs, store, keep)


def _build_site(
    site_root: Path,
    output: Path | None,
    today: dt.date,
    progress: Progress | None,
    local_forms: bool,
    photo_cache: PhotoCache | None,
    jobs: int,
    store: Store | None,
    keep: Keep,
) -> BuildReport:
    started = time.perf_counter()
    entry = "preview" if local_forms else "build"  # the preview's forms differ: its own memory
    memory = store.load(entry, BuildMemory) if store else None
    report = check_cached(site_root, today, jobs, store, keep)
    if not report.config_ok:
        raise ConfigError("site.toml is invalid", report.problems)
    if report.site is None:
        raise ContentError("the site has errors; nothing was written", report.problems)
    site, warnings = report.site, report.problems
    del report  # its parsed profiles were for the cache (saved or being saved): workers need not inherit them
    if len(site.experts) >= PARALLEL_MIN:
        give_back()  # the check's garbage, before forking the workers
    target = check_output(site_root, output or Path(site.config.build.output))
    env = make_environment(site_root, site.config.site.base_url)
    key = _build_key(site_root, local_forms, store.environment) if store else b""
    prints = Fingerprints()
    previous = _previous(memory)
    same_key = memory is not None and previous is not None and memory.key == key
    parallel = jobs > 1 and len(site.built) >= PARALLEL_MIN
    # Everything made from here lives to the end of the build: the collector would walk it in vain
    # (a fifth of planning at 100,000 experts).
    with collector_paused():
        staging = Staging(target, previous)
        ahead: Ahead[SearchFiles] | None = None
        try:
            if parallel and can_fork():
                # The search index (the longest task) starts now, beside the photos and the planning,
                # and waits for the thumbnails only to export.  It starts before it is known whether
                # the last build's index may be kept: fingerprinting the search content takes seconds
                # at 10,000 experts, the index's critical path after an edit; it is stopped if so.
                # Its export takes a second process: after an edit, with most pages kept, the index
                # is the build's last work (100,000 experts: edit builds 5 s sooner); in a cold build
                # the page workers run to the end, and the three share the processors (no slower).
                ahead = Ahead(partial(_search_files, site, store, staging, jobs=jobs))
            search_content = index_input(site, prints) if store else b""
            # Only a last build's fingerprint of the search content can show the index may be kept.
            search_unchanged = bool(
                same_key and memory and memory.search_content and memory.search_content == search_content
            )
            if ahead and search_unchanged:
                ahead.stop()  # before anything was sent: it has written nothing, staged nothing
                ahead = None
            if photo_cache is None and store is not None:
                photo_cache = store.load("photos", dict) or {}
            digests: PhotoDigests | None = (store.load("photo-digests", dict) or {}) if store else None
            remembered = dict(digests or {})
            cached = set(photo_cache or ())
            headshots, images = process_photos(site, site_root, progress, photo_cache, jobs, digests)
            if store is not None:  # a photo's processing depends on its key only: new keys, new entries
                photos_changed = photo_cache is not None and set(photo_cache) != cached
                save = partial(_save_photos, store, photo_cache if photos_changed else None, digests, remembered)
                keep(save, parallel)  # beside the build when it is big enough to fork for
            thumbnails = {slug: thumbnail(shot) for slug, shot in headshots.items()}
            whole = _whole_input(prints, site_root, site, (headshots, images), target, key) if store else b""
            later: SearchLater = (thumbnails, search_content)
            if ahead:
                ahead.send(later)
            if store and memory and memory.whole == whole and _intact(memory, target):
                # Nothing the output is made from changed, and the output is as the last build left it.
                if ahead:  # stopped already: the search content is part of ``whole``; all the same
                    ahead.stop()
                staging.discard()
                pages = sum(1 for path in memory.files if path.endswith(".html"))
                basis = _kept_basis(store, entry, memory.search)
                seconds = time.perf_counter() - started
                files = len(memory.files)
                return BuildReport(target, len(site.built), pages, files, seconds, warnings, site, headshots, basis)
            # The headshots' files now, while the search index's process (if any) runs: at the end they
            # would be written (40,000 files at 100,000 experts) with nothing else left to run.
            written = staging.put_all(images)
            plan = plan_site(site, env, headshots, local_forms=local_forms)

            inputs: dict[str, bytes] = {}
            search_input = b""
            if store:
                inputs = page_inputs(prints, plan, env)
                search_input = prints.of((site.listed, site.config, thumbnails))
            del prints  # every value it fingerprinted, kept alive by identity: 270 MB at 100,000 experts
            last = (memory, previous) if same_key and memory and previous else None
            kept = _kept_pages(*last, inputs) if last else {}
            search = _kept_search(*last, search_input) if last and ahead is None else None
            todo = [index for index, item in enumerate(plan) if item.path not in kept]
            basis = _kept_basis(store, entry, search_input) if search is not None else None
            search_task = None
            if search is None and ahead is None:
                search_task = partial(_search_files, site, store, later=lambda: later)
            planned = {item.path for item in plan}
            stemmer = stemmer_of(site.config.site.language)
            assets = {path: data for path, data in asset_files(site_root).items() if not unused_script(path, stemmer)}
            for source, extra in (("headshots", images), ("the theme's assets", assets)):
                for path in extra:
                    if path in planned:
                        raise BuildError(f"two sources write {path}: {source} and the pages")
            # Pages go straight into the staging folder as they are made (in the workers, when
            # several): the build never holds the whole site in memory.
            made, made_search = _make(plan, todo, search_task, jobs if parallel else 1, progress, staging)
            written |= made
            # The views and planned calls (600 MB at 100,000 experts): what the build holds from here on
            # (the search index's records and statistics, the build's memory) reuses their room.
            del plan
            # The pages kept from the last build, linked while the search index's process still runs: after
            # an edit, the index is the longest task, and a folder for each expert's page (10,000 of them)
            # took seconds to make once it had ended, with nothing else left to do.
            written |= staging.put_all({path: kept[path] for path in sorted(kept)})
            if ahead:
                made_search = ahead.result()
            search_paths = sorted({*(search or {}), *(made_search.written if made_search else {})})
            for path in search_paths:
                if path in planned or path in images or path in assets:
                    raise BuildError(f"two sources write {path}: the search index and the pages")
            if made_search is not None:
                written |= made_search.written
                basis = made_search.basis
            written |= staging.put_all({**(search or {}), **assets})
            staging.publish()
        except BaseException:
            if ahead:
                ahead.stop()
            staging.discard()
            raise
    if store is not None:
        search_files = tuple(search_paths)
        memory = BuildMemory(key, str(target), written, inputs, search_input, search_files, whole, search_content)
        store.save(entry, memory)
        if made_search is not None:
            store.save(f"{entry}-search", (search_input, basis))
    html = sum(1 for path in written if path.endswith(".html"))
    seconds = time.perf_counter() - started
    return BuildReport(target, len(site.built), html, len(written), seconds, warnings, site, headshots, basis)


def _save_photos(
    store: Store, photos: PhotoCache | None, digests: PhotoDigests | None, remembered: PhotoDigests
) -> None:
    """Keep the processed photos (if given: they changed) and the photo files' digests (if changed:
    photos that have settled since are not read again next time)."""
    if photos is not None:
        store.save("photos", photos)
    if digests is not None and digests != remembered:
        store.save("photo-digests", digests)


def _kept_pages(memory: BuildMemory, previous: Previous, inputs: dict[str, bytes]) -> dict[str, bytes | Kept]:
    """The last build's files whose inputs are unchanged and that are still as it wrote them."""
    kept: dict[str, bytes | Kept] = {}
    for path, given in inputs.items():
        record = memory.files.get(path)
        if record and memory.inputs.get(path) == given and previous.unchanged(path, record):
            kept[path] = Kept(record)
    return kept


def _kept_search(memory: BuildMemory, previous: Previous, search_input: bytes) -> dict[str, bytes | Kept] | None:
    """The last build's search index files, if made from the same content and all still as written."""
    if memory.search != search_input:
        return None
    records = [(path, memory.files.get(path)) for path in memory.search_files]
    if not all(record and previous.unchanged(path, record) for path, record in records):
        return None
    return {path: Kept(record) for path, record in records if record}


def _kept_basis(store: Store | None, entry: str, search_input: bytes) -> ScoreBasis | None:
    """The statistics of a kept search index, from the build that made it."""
    kept = store.load(f"{entry}-search", tuple) if store else None
    if kept and len(kept) == 2 and kept[0] == search_input and isinstance(kept[1], ScoreBasis):
        return kept[1]
    return None


def _make(
    plan: Sequence[PlannedFile],
    todo: Sequence[int],
    search_task: Callable[[Staging], SearchFiles] | None,
    jobs: int,
    progress: Progress | None,
    staging: Staging,
) -> tuple[dict[str, Written], SearchFiles | None]:
    """Make and stage the planned files at ``todo`` and, if asked, make the search index: in ``jobs`` processes."""
    experts = sum(1 for index in todo if plan[index].source == "templates/expert.html")
    if jobs > 1:
        # The search index (the longest task) first, then the pages in interleaved parts.
        parts = [[todo[i] for i in part] for part in shards(len(todo), jobs)] if todo else []
        tasks: list[Callable[[], object]] = [partial(search_task, staging)] if search_task else []
        tasks += [partial(_stage_files, plan, part, staging) for part in parts]
        results = run_all(tasks, jobs)
        search = cast(SearchFiles, results.pop(0)) if search_task else None
        written = {path: record for part in results for path, record in cast(list[tuple[str, Written]], part)}
        if progress:
            progress("pages", experts, experts)
        return written, search
    written = {}
    done = 0
    for index in todo:
        item = plan[index]
        written[item.path] = staging.put(item.path, item.make())
        if progress and item.source == "templates/expert.html":
            done += 1
            progress("pages", done, experts)
    return written, search_task(staging) if search_task else None


def _stage_files(plan: Sequence[PlannedFile], which: Sequence[int], staging: Staging) -> list[tuple[str, Written]]:
    return [(plan[index].path, staging.put(plan[index].path, plan[index].make())) for index in which]


def page_inputs(prints: Fingerprints, plan: Sequence[PlannedFile], env: jinja2.Environment) -> dict[str, bytes]:
    """Each planned file's inputs (``_input``), by its path: what the next build compares to keep it."""
    templates = {name: template_digest(env, name) for name in {item.template for item in plan} if name}
    return {item.path: _input(prints, item, templates) for item in plan}


def _input(prints: Fingerprints, item: PlannedFile, templates: dict[str, bytes]) -> bytes:
    """A planned file's inputs: its call and, for a page, its template with those it uses."""
    return digest(prints.call(item.make) + (templates[item.template] if item.template else b""))


def _build_key(site_root: Path, local_forms: bool, environment: str) -> bytes:
    config = (site_root / CONFIG_FILE).read_bytes()
    return digest(b"\0".join([environment.encode(), digest(config), bytes([local_forms])]))


def _previous(memory: BuildMemory | None) -> Previous | None:
    if memory is None or not Path(memory.output).is_dir():
        return None
    return Previous(Path(memory.output), memory.files)
