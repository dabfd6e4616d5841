"""Live preview: rebuild on every change, tell open pages to reload, show errors over the page.

The last good build keeps being served while a change has errors.  Pages are
told over Server-Sent Events; the small script that listens is injected by the
preview server only (it is never part of a build).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

from sitegen.build import BuildReport, PhotoCache, build_site
from sitegen.cache import Store
from sitegen.diagnostics import format_text
from sitegen.problems import SitegenError

WATCHED = ("experts", "templates", "site.toml")
DEBOUNCE_MS = 150


@dataclass
class LiveState:
    """What the preview serves now and what open pages should be told; shared with the server threads."""

    root: Path
    version: int = 0
    problems: str = ""
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, root: Path | None, problems: str) -> None:
        """Switch to a new good build (or keep the old one) and wake every listening page."""
        with self.changed:
            if root is not None:
                self.root = root
            self.problems = problems
            self.version += 1
            self.changed.notify_all()

    def event(self) -> str:
        """The Server-Sent Event describing the current state."""
        if self.problems:
            return f"event: problems\ndata: {json.dumps({'text': self.problems})}\n\n"
        return f"event: ok\ndata: {self.version}\n\n"


class Rebuilder:
    """Builds the site into fresh folders under ``scratch``, keeping the last good one."""

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
        self.count = 0
        self.current: Path | None = None

    def build(self) -> tuple[BuildReport | None, str]:
        """Build once; return the report and an empty string, or None and the problems as text."""
        self.count += 1
        target = self.scratch / f"build-{self.count}"
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
            return None, text
        previous, self.current = self.current, target
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
        self.log(f"built {report.experts} experts in {time.perf_counter() - started:.2f} s")
        return report, ""


def watch_and_rebuild(
    site_root: Path, rebuilder: Rebuilder, state: LiveState, stop: threading.Event, watched: Iterable[str] = WATCHED
) -> None:
    """Rebuild after every batch of changes until ``stop`` is set."""
    paths = [site_root / name for name in watched if (site_root / name).exists()]
    for changes in watchfiles.watch(*paths, stop_event=stop, debounce=DEBOUNCE_MS, step=25, raise_interrupt=False):
        names = sorted({Path(path).name for _, path in changes})
        rebuilder.log(f"changed: {', '.join(names)}")
        report, problems = rebuilder.build()
        state.publish(report.output if report else None, problems)


def scratch_folder(site_root: Path) -> Path:
    """A private folder under the site's .sitegen/ for preview builds."""
    (site_root / ".sitegen").mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="preview-", dir=site_root / ".sitegen"))
