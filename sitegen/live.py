"""Live preview: rebuild on every change, tell open pages to reload, show errors over the page.

The last good build keeps being served while a change has errors. An edited
profile's own pages are made first by the quick pass (``sitegen.quick``) and
shown in front of the last build while the rest is rebuilt. Pages are
told over Server-Sent Events; the small script that listens is injected by the
preview server only (it is never part of a build).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jinja2
import watchfiles

from sitegen.build import BuildReport, PhotoCache, build_site
from sitegen.cache import Store
from sitegen.claims import abandoned, new_claimed, release
from sitegen.collate import in_az_order
from sitegen.diagnostics import format_text
from sitegen.memory import collector_paused
from sitegen.problems import SitegenError
from sitegen.quick import QuickBase, quick_base, quick_plan, remade, warm_parts
from sitegen.render import PlannedFile
from sitegen.search_export import ROOT
from sitegen.search_patch import SearchBase
from sitegen.templating import make_environment
from sitegen.write import remove_later, whole

WATCHED = ("experts", "templates", "site.toml")
DEBOUNCE_MS = 150
STEP_MS = 10
"""A batch of changes is taken once the files have been quiet this long (or after DEBOUNCE_MS): an
editor's save (a write, or a new file renamed over the old) takes a few milliseconds; a save
split in two is shown twice, the second pass making both edits again."""
WRITERS = 4
"""Threads writing the quick pass's files (``_write_all``); twice as many made files wait at most."""


@dataclass
class LiveState:
    """What the preview serves now and what open pages should be told; shared with the server threads."""

    root: Path
    version: int = 0
    problems: str = ""
    changed: threading.Condition = field(default_factory=threading.Condition)
    overlay: Path | None = None
    """Files of the quick pass, served in front of ``root`` until the next build is published."""
    closed: bool = False
    """Set when the server stops: every open event stream ends."""

    def close(self) -> None:
        """End every open page's event stream (the server is stopping)."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def publish(self, root: Path | None, problems: str, *, keep_overlay: bool = False) -> None:
        """Switch to a new good build (or keep the old one) and wake every listening page.

        The quick files go, unless they are newer than the build (``keep_overlay``).
        """
        with self.changed:
            if root is not None:
                self.root = root
            if not keep_overlay:
                self.overlay = None
            self.problems = problems
            self.version += 1
            self.changed.notify_all()

    def show_quick(self, overlay: Path) -> None:
        """Serve the quick pass's files in front of the current build and wake every listening page."""
        with self.changed:
            self.overlay = overlay
            self.problems = ""
            self.version += 1
            self.changed.notify_all()

    def event(self) -> str:
        """The Server-Sent Event describing the current state."""
        if self.problems:
            return f"event: problems\ndata: {json.dumps({'text': self.problems})}\n\n"
        return f"event: ok\ndata: {self.version}\n\n"


class Rebuilder:
    """Builds the site into fresh folders under ``scratch``, keeping the last good one.

    Two threads use it: the watcher notes each batch of changes and runs the quick
    pass at once, even while a build is running; the builder builds and publishes.
    """

    def __init__(
        self,
        site_root: Path,
        scratch: Path,
        today: Callable[[], dt.date],
        *,
        local_forms: bool,
        log: Callable[[str], None],
        store: Store | None = None,
    ) -> None:
        self.site_root = site_root
        self.scratch = scratch
        self.today = today
        self.local_forms = local_forms
        self.log = log
        self.store = store
        self.cache: PhotoCache = {}
        self.builds = 0
        self.quicks = 0
        self.current: Path | None = None
        self.base: QuickBase | None = None
        """The last build's model, for the quick pass; None after a build with errors."""
        self.lock = threading.Lock()
        """Guards what both threads change: the batches, the folders shown, the stale folders."""
        self.batches = 0
        """Batches of changes seen so far."""
        self.pending: dict[Path, int] = {}
        """Each path changed since the last good build began, with the last batch it changed in:
        the quick pass remakes them all, as the quick folder it shows replaces the one before."""
        self.quick_folder: Path | None = None
        self.quick_batch = 0
        """The batch the quick folder shown now was made for."""
        self.stale: list[Path] = []

    def changed(self, changes: Iterable[Path], state: LiveState) -> Path | None:
        """Note a batch of changes and show the edited profiles' own files at once, if the quick pass can.

        Their pages and vCards are shown first, then the topic pages listing them, the other pages
        listing them (home, A–Z), the guide, the feeds, the open data and the sitemap, and last the
        search index patched (slowest).
        """
        batch_paths = list(changes)
        with self.lock:
            self.batches += 1
            batch = self.batches
            earlier = [path for path in self.pending if path not in batch_paths]
            self.pending.update(dict.fromkeys(batch_paths, batch))
            self.quicks += 1
            folder = self.scratch / f"quick-{self.quicks}"
        base = self.base
        if base is None:
            return None
        started = time.perf_counter()
        # A collection walks the whole site the preview holds (a quarter of a second at 10,000 experts),
        # whenever the quick pass's allocations trigger it: not before the pages are shown.
        with collector_paused():
            try:
                # This batch decides whether the quick pass can run; the profiles edited in earlier
                # batches since the last build began are made again with it, as its folder replaces theirs.
                plan = quick_plan(base, [*batch_paths, *remade(base, earlier)], self.today())
                if plan is None:
                    return None
                count = self._show(_made(plan.own), folder, batch, state)
                count += self._show(_made(plan.listings()), folder, batch, state)  # slower: after the pages looked at
                count += self._show(_made(plan.front()), folder, batch, state)
                count += self._show(_made(plan.back()), folder, batch, state)
                self.log(f"updated {count} files in {time.perf_counter() - started:.2f} s; rebuilding the rest")
                try:
                    search = plan.search()
                except Exception as exc:  # a shortcut only: the rebuild that follows makes the index anyway
                    self.log(f"search not updated before the rebuild: {type(exc).__name__}: {exc}")
                    search = None
                if search:
                    self._show(search.items(), folder, batch, state)
                    self.log(f"search updated in {time.perf_counter() - started:.2f} s (exact once rebuilt)")
            except (SitegenError, jinja2.TemplateError, OSError):
                return None  # the full rebuild that follows reports it, with its location
        return folder

    def _show(self, files: Iterable[tuple[str, bytes]], folder: Path, batch: int, state: LiveState) -> int:
        """Write the files into the quick folder and serve it; how many files were written."""
        count = _write_all(files, folder)
        if not count:
            return 0
        with self.lock:
            if batch < self.quick_batch:  # a newer batch's files are shown already: never go back
                self.stale.append(folder)
                return count
            if self.quick_folder not in (None, folder):
                self.stale.append(self.quick_folder)
            self.quick_folder, self.quick_batch = folder, batch
            state.show_quick(folder)
        return count

    def rebuild(self, state: LiveState) -> BuildReport | None:
        """Build with every change seen so far and publish it; quick files made since it began stay in front.

        Their search files, patched into the older build's index, are not kept in front of
        another index: the quick pass patches the new build's at once instead.
        """
        with self.lock:
            seen = self.batches
        previous = self.current
        report, problems = self.build()
        with self.lock:
            if report is not None:  # what changed before this build began is in it
                self.pending = {path: batch for path, batch in self.pending.items() if batch > seen}
            keep = self.quick_batch > seen
            if not keep and self.quick_folder is not None:
                self.stale.append(self.quick_folder)
                self.quick_folder = None
            if keep and report is not None and self.quick_folder is not None:
                shutil.rmtree(self.quick_folder / ROOT, ignore_errors=True)
            if report is not None and previous is not None:
                self.stale.append(previous)
            state.publish(report.output if report else None, problems, keep_overlay=keep)
            stale, self.stale = self.stale, []
        # Only now (pages were served from them until the switch), and in another process: an edit
        # saved meanwhile is not slowed by unlinking tens of thousands of files in this one.
        remove_later(stale)
        if report is not None and keep and self.pending:
            self.changed([], state)  # the edits saved during the build, patched into its search index
        if report is not None:
            self.warm(seen)  # not at all if edits came during the build: another build follows at once
        return report

    def warm(self, since: int) -> None:
        """Make the last build's A–Z page, guide and topic pages once, for the next edits (``quick.warm_parts``):
        after publishing (16 s at 100,000 experts), and only until a batch of changes after
        ``since`` comes, whose quick pass would otherwise share the interpreter with it. The collector
        waits meanwhile: what this makes is kept or freed at once (no cycles), and a collection
        walking the whole preview (0.2 s at 10,000 experts) would hold up an edit saved meanwhile."""
        if self.base is not None:
            with collector_paused():
                warm_parts(self.base, partial(self._changed_since, since))

    def _changed_since(self, batch: int) -> bool:
        return self.batches != batch

    def build(self) -> tuple[BuildReport | None, str]:
        """Build once; return the report and an empty string, or None and the problems as text."""
        self.builds += 1
        target = self.scratch / f"build-{self.builds}"
        started = time.perf_counter()
        try:
            report = build_site(
                self.site_root,
                target,
                self.today(),
                local_forms=self.local_forms,
                photo_cache=self.cache,
                store=self.store,
            )
        except SitegenError as exc:
            text = "\n".join(part for part in (format_text(exc.problems), f"error: {exc.message}") if part)
            self.log(text)
            self.base = None
            return None, text
        self.current = target
        env = make_environment(self.site_root, report.site.config.site.base_url)
        search = None
        if report.search_basis is not None:
            order = tuple(entry.slug for entry in in_az_order(report.site.listed))
            search = SearchBase(report.search_basis, target, order)
        self.base = quick_base(self.site_root, report.site, report.headshots, env, self.local_forms, search, target)
        self.log(f"built {report.experts} experts in {time.perf_counter() - started:.2f} s")
        return report, ""


def _write_all(files: Iterable[tuple[str, bytes]], folder: Path) -> int:
    """Write each file into ``folder`` as it is made; how many. The writes run in WRITERS threads
    while the next file is made: creating folders and files waits on the disk (more so while it
    takes the rebuild's files just written), not on the interpreter."""
    waiting = threading.BoundedSemaphore(2 * WRITERS)  # files made but not yet written: their bytes are held
    written = []
    with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="sitegen-write") as pool:
        for path, data in files:
            waiting.acquire()
            future = pool.submit(_write, folder / path, data)
            future.add_done_callback(lambda _: waiting.release())
            written.append(future)
    for done in written:
        done.result()  # an OSError here too: the quick pass gives way to the rebuild
    return len(written)


def _write(target: Path, data: bytes) -> None:
    """Write one file, whole or not at all: the folder may be served already, and a file replaced in it while read."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    part.write_bytes(data)
    part.replace(target)


def _made(plan: list[PlannedFile]) -> Iterable[tuple[str, bytes]]:
    """Each planned file's path and bytes, made one by one as they are written."""
    return ((item.path, whole(item.make())) for item in plan)


def watch_and_rebuild(
    site_root: Path, rebuilder: Rebuilder, state: LiveState, stop: threading.Event, watched: Iterable[str] = WATCHED
) -> None:
    """Show each batch of changes until ``stop`` is set: the quick pass at once, then a full rebuild.

    The watcher runs in a thread of its own, so an edit saved during a long rebuild
    still shows at once; rebuilds run here, so Ctrl-C stops one as before.
    """
    wanted = threading.Event()
    paths = [site_root / name for name in watched if (site_root / name).exists()]

    def watch() -> None:
        for changes in watchfiles.watch(
            *paths, stop_event=stop, debounce=DEBOUNCE_MS, step=STEP_MS, raise_interrupt=False
        ):
            names = sorted({Path(path).name for _, path in changes})
            rebuilder.log(f"changed: {', '.join(names)}")
            rebuilder.changed((Path(path) for _, path in changes), state)
            wanted.set()

    watcher = threading.Thread(target=watch, name="sitegen-watch", daemon=True)
    watcher.start()
    rebuilder.warm(rebuilder.batches)  # the first build's, made before the preview started
    while not stop.is_set() and watcher.is_alive():
        if wanted.wait(timeout=0.1):
            wanted.clear()
            rebuilder.rebuild(state)


PREVIEW = "preview-"
"""Names a preview's scratch folder under the site's .sitegen/ (``preview-RANDOM``)."""
REMOVED = "removed-"
"""Marks a scratch folder a killed preview left, while it is deleted (``removed-preview-RANDOM``)."""


@contextlib.contextmanager
def scratch_folder(site_root: Path) -> Iterator[Path]:
    """A private folder under the site's .sitegen/ for preview builds, held (``claims``) while the
    preview runs and removed when it ends.  Those that previews killed mid-way left (kill -9, a
    closed terminal's hang-up before it was handled) are deleted in the background: each holds a
    whole site.  A folder that cannot be made is a build error saying why."""
    cache = site_root / ".sitegen"
    made, held = new_claimed(cache, PREVIEW, f"the preview's folder in {cache}")
    folder = Path(made)
    try:
        left = [*cache.glob(PREVIEW + "*"), *cache.glob(REMOVED + PREVIEW + "*")]
        remove_later(abandoned(left, time.time(), _removed_name))
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        release(held)


def _removed_name(folder: Path) -> Path:
    return folder if folder.name.startswith(REMOVED) else folder.with_name(REMOVED + folder.name)
