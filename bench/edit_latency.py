"""Save-to-page latency of `sitegen serve`: one profile edited, as staff preview an edit.

    .venv/bin/python -m bench.edit_latency --site DIR [--runs 5] [--seed 1] [--topic]

DIR is a directory (e.g. from bench.generate). The preview server starts on it with an empty
build cache and builds it once (not timed). Then, --runs times, one seeded profile's headline
and title get a new made-up word (with --topic, the expert also moves from their first topic to
another: both topics' pages and the counts change), saved in one write, and from the moment the
write returns:
- page: until the preview serves the expert's page with the new headline (polled over HTTP
  every 5 ms, as a browser would fetch it);
- A–Z: until the A–Z page, listing every expert by name and title, shows the new title (a HEAD
  request every 5 ms, the page fetched when its date or length changes: it is a megabyte at
  10,000 experts, served by the process making the files);
- search: until the served search index scores the expert for the new word (the term shard and
  result chunk search.js would fetch, polled every 50 ms): the quick pass's patch of the last
  build's index, or the full rebuild's;
- guide: until the printable guide, every expert under each of their topics, shows the new
  headline (as the A–Z page: 7 MB at 10,000 experts);
- open data: until experts.json shows the new headline (as the A–Z page: 21 MB at 10,000);
- quick pages: until the preview logs that the quick pass wrote every file it shows before the
  search (the page, the topic pages, the home, A–Z, topics and search pages, the guide, the feeds,
  the open data and the sitemap);
- rebuilt: until the server logs the full rebuild, whose files replace the quick pass's; the
  next run waits for it, so each run starts from a quiet preview.
The A–Z page, search, guide and open data are polled in turn in one loop, after the page: a
change found on one (the open data: 21 MB at 10,000 experts) delays the next poll of the others.
So each run also reads when the quick pass wrote its files, from their modification times in the
preview's quick folder (read after its log line, before the rebuild replaces it): the A–Z page, the
guide, the last page (``.html``) and the last file (its search index apart) on disk.
Prints the median, min and max of each. The profiles are restored afterwards. One run at a time
on a directory: two would edit and restore the same profiles.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sitegen.search import analyse
from sitegen.search_export import ROOT, documents, file_key, unpacked_meta


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:  # noqa: S310 - the local preview only
        return bytes(response.read())


def shard_has(base: str, word: str, slug: str) -> bool:
    """True if the served index scores ``slug`` for ``word`` (the shard search.js would fetch)."""
    try:
        return _shard_has(base, word, slug)
    except urllib.error.HTTPError:
        return False  # a shard the new index does not have yet


def _shard_has(base: str, word: str, slug: str) -> bool:
    stemmed = analyse(word)[0][1]
    meta = unpacked_meta(json.loads(fetch(f"{base}/{ROOT}meta.json")))
    homes = [k for k, (_, exact) in meta["shards"].items() if stemmed.startswith(k) and (not exact or k == stemmed)]
    if not homes:
        return False
    files = f"{base}/{ROOT}{meta['folder']}"
    shard = json.loads(fetch(f"{files}/t/{file_key(max(homes, key=len))}.json"))
    chunk = int(meta["chunk"])
    for number in documents(shard["t"].get(stemmed, [[], [], []])):
        rows = json.loads(fetch(f"{files}/d/{number // chunk}.json"))
        if rows[number % chunk][0] == slug:
            return True
    return False


TOPICS = re.compile(r'^(\s*"?topics"?\s*:\s*(?:\[\s*"?|\n\s*-\s*"?))([^",\s\]]+)', re.M)
"""A profile's first topic (block or flow style, quoted or not)."""


def moved_topic(text: str, rng: random.Random, subtopics: list[str], path: Path) -> str:
    """The profile with its first topic replaced by another subtopic (seeded)."""
    found = TOPICS.search(text)
    if found is None:
        raise SystemExit(f"{path}: no topic to move")
    other = rng.choice([topic for topic in subtopics if topic != found.group(2)])
    return text[: found.start(2)] + other + text[found.end(2) :]


def prefixed(text: str, word: str, fields: tuple[str, ...], path: Path) -> str:
    """The profile with each of these fields' values starting with ``word`` (block or flow style,
    quoted or not)."""
    for field in fields:
        value = re.compile(rf'^(\s*"?{field}"?\s*:\s*"?)', re.M)
        text, found = value.subn(rf"\g<1>{word} ", text, count=1)
        if not found:
            raise SystemExit(f"{path}: no {field} to edit")
    return text


def shows(url: str, text: bytes) -> bool:
    """True if the page at ``url`` holds ``text``."""
    return text in fetch(url)


class Changes:
    """Whether a large page holds a text, fetched whole only when a HEAD request says it changed: the
    preview serves it from the process making the files, which a megabyte every few ms would slow."""

    def __init__(self, url: str, text: bytes) -> None:
        self.url, self.text = url, text
        self.seen = self._head()

    def _head(self) -> tuple[str | None, str | None]:
        request = urllib.request.Request(self.url, method="HEAD")  # noqa: S310 - the local preview only
        with urllib.request.urlopen(request) as response:  # noqa: S310 - the local preview only
            return response.headers.get("Last-Modified"), response.headers.get("Content-Length")

    def shown(self) -> bool:
        now = self._head()
        if now == self.seen:
            return False
        self.seen = now
        return shows(self.url, self.text)


def until(done: Callable[[], bool], saved: float, every: float, what: str) -> float:
    """Seconds from ``saved`` until ``done()`` holds, asked every ``every`` seconds."""
    return until_each({what: (done, every)}, saved)[what]


def until_each(checks: dict[str, tuple[Callable[[], bool], float]], saved: float) -> dict[str, float]:
    """Seconds from ``saved`` until each check holds, each asked every so many seconds, all in turn:
    one found late does not delay the others' times (the quick pass writes them in its own order)."""
    found: dict[str, float] = {}
    due = dict.fromkeys(checks, saved)
    while len(found) < len(checks):
        now = time.perf_counter()
        if now - saved > 3600:
            raise SystemExit(f"{', '.join(set(checks) - set(found))} never showed the edit")
        for what, (done, every) in checks.items():
            if what not in found and now >= due[what]:
                if done():
                    found[what] = time.perf_counter() - saved
                due[what] = now + every
        waiting = [due[what] for what in checks if what not in found]
        if waiting:
            time.sleep(max(0.0, min(waiting) - time.perf_counter()))
    return found


def written(site: Path, saved: float) -> dict[str, float]:
    """Seconds from ``saved`` (wall clock) until each file of the quick pass that followed was written,
    by path: its modification time as the file system stamped it, unlike the times above untouched
    by how the polls take turns (a 21 MB open data fetched delays the next poll of the A–Z page).
    The newest quick folder of the preview's scratch folders; its search index left out."""
    folders = [folder for folder in (site / ".sitegen").glob("preview-*/quick-*") if folder.stat().st_mtime >= saved]
    if not folders:
        raise SystemExit("no quick folder was written after the save")
    folder = max(folders, key=lambda folder: folder.stat().st_mtime_ns)
    return {
        file.relative_to(folder).as_posix(): file.stat().st_mtime - saved
        for file in folder.rglob("*")
        if file.is_file() and not file.relative_to(folder).as_posix().startswith("search/index/")
    }


class Server:
    """`sitegen serve` in a child process, its log lines time-stamped as they arrive."""

    def __init__(self, site: Path, cache: Path) -> None:
        script = Path(sys.executable).parent / "sitegen"
        env = {**os.environ, "SITEGEN_CACHE_DIR": str(cache)}
        self.process = subprocess.Popen(  # noqa: S603 - our own sitegen, fixed arguments
            [str(script), "--site", str(site), "serve", "--port", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: list[tuple[float, str]] = []
        self.url = ""
        assert self.process.stderr is not None  # noqa: S101 - a pipe was asked for
        for line in self.process.stderr:
            found = re.match(r"serving at (http://127\.0\.0\.1:\d+)/", line)
            if found:
                self.url = found.group(1)
                break
        stream = self.process.stderr
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.append((time.perf_counter(), line.rstrip()))

    def wait_line(self, pattern: str, after: float, seconds: float = 3600) -> tuple[float, str]:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            for stamp, line in list(self.lines):
                if stamp >= after and re.match(pattern, line):
                    return stamp, line
            time.sleep(0.01)
        raise SystemExit(f"no line matching {pattern!r}: {self.lines[-5:]}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--topic", action="store_true", help="also move the expert from their first topic to another (counts change)"
    )
    parser.add_argument(
        "--every",
        type=float,
        default=0.005,
        help="seconds between two polls of the page, the A–Z page, the guide and the open data (default 0.005):"
        " each poll is a request the preview answers while it makes the files",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=1.0,
        help="seconds to wait after the last rebuild before the next edit (default 1): the preview deletes"
        " the build it replaced in another process meanwhile",
    )
    args = parser.parse_args()
    every: float = args.every
    site: Path = args.site.resolve()
    with (site / "site.toml").open("rb") as config:
        subtopics = sorted(t["id"] for t in tomllib.load(config).get("topics", []) if t.get("parent"))
    files = sorted((site / "experts").glob("*.yaml"))
    rng = random.Random(args.seed)
    chosen = [rng.choice(files) for _ in range(args.runs)]
    originals = {path: path.read_bytes() for path in chosen}
    page_times: list[float] = []
    pages_times: list[float] = []
    listing_times: list[float] = []
    search_times: list[float] = []
    guide_times: list[float] = []
    data_times: list[float] = []
    rebuild_times: list[float] = []
    disk_times: dict[str, list[float]] = {
        name: [] for name in ("the A–Z page", "the guide", "every page (.html)", "every file")
    }
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        server = Server(site, Path(cache))
        print(f"first build and start: {time.perf_counter() - started:.1f} s", flush=True)
        try:
            for run, path in enumerate(chosen):
                word = f"qzedit{run}{rng.choice('abcdefgh')}"
                slug = path.stem
                edited = prefixed(originals[path].decode("utf-8"), word.capitalize(), ("headline", "title"), path)
                if args.topic:
                    edited = moved_topic(edited, rng, subtopics, path)
                shown = word.capitalize().encode()
                time.sleep(args.settle)  # the watcher settles between runs
                listing_page = Changes(f"{server.url}/experts/", shown)
                guide_page = Changes(f"{server.url}/guide/", shown)
                data_file = Changes(f"{server.url}/experts.json", shown)
                path.write_text(edited, encoding="utf-8")
                saved, saved_at = time.perf_counter(), time.time()
                page = until(partial(shows, f"{server.url}/experts/{slug}/", shown), saved, every, "the page")
                times = until_each(
                    {
                        "the A–Z page": (listing_page.shown, every),
                        "the guide": (guide_page.shown, every),
                        "the open data": (data_file.shown, every),
                        "the search index": (partial(shard_has, server.url, word, slug), 0.05),
                    },
                    saved,
                )
                listing, guide = times["the A–Z page"], times["the guide"]
                in_data, searched = times["the open data"], times["the search index"]
                pages_at, _ = server.wait_line(r"updated \d+ files in", saved)
                stamps = written(site, saved_at)  # before the rebuild replaces the quick folder
                pages = [seconds for name, seconds in stamps.items() if name.endswith(".html")]
                disk_times["the A–Z page"].append(stamps["experts/index.html"])
                disk_times["the guide"].append(stamps["guide/index.html"])
                disk_times["every page (.html)"].append(max(pages))
                disk_times["every file"].append(max(stamps.values()))
                built, _ = server.wait_line(r"built \d+ experts in", saved)
                pages_times.append(pages_at - saved)
                page_times.append(page)
                listing_times.append(listing)
                search_times.append(searched)
                guide_times.append(guide)
                data_times.append(in_data)
                rebuild_times.append(built - saved)
                log = [line for stamp, line in server.lines if stamp >= saved]
                print(
                    f"run {run + 1}: {slug}: page {page:.3f} s, A–Z {listing:.3f} s, quick pages logged"
                    f" {pages_at - saved:.3f} s, guide {guide:.3f} s, open data {in_data:.3f} s,"
                    f" in search {searched:.2f} s, rebuilt {built - saved:.1f} s; on disk:"
                    f" {', '.join(f'{name} {values[-1]:.3f} s' for name, values in disk_times.items())};"
                    f" server: {'; '.join(log)}",
                    flush=True,
                )
        finally:
            server.stop()
            for path, data in originals.items():
                path.write_bytes(data)
    for name, values in (
        ("page on disk and served", page_times),
        ("A–Z page has the edit", listing_times),
        ("the quick pass's files written (its log line)", pages_times),
        ("search index has the edit", search_times),
        ("guide has the edit", guide_times),
        ("open data has the edit", data_times),
        ("full rebuild published", rebuild_times),
        *((f"on disk (the quick folder's file times): {name}", values) for name, values in disk_times.items()),
    ):
        print(
            f"{name}: median {statistics.median(values):.3f} s, min {min(values):.3f}, max {max(values):.3f}"
            f" ({len(values)} runs)"
        )


if __name__ == "__main__":
    main()
