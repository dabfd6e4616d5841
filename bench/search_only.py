"""Time the search index alone on a directory: `python -m bench.search_only DIR [--jobs N] [--into SITE]`.

Checks the directory (not timed), then builds the whoosh index (with ``--jobs 2``,
as ``sitegen search`` does on two processors: half of the experts analysed in another process,
whoosh's index written in another while this one scores the terms; ``spawned``) and the browser export (with
``--jobs 2``, as a build's search process makes it: a share of the terms' files made in another
process), each file made as it is asked for, as a build writes them, with the collector paused
as in a build; prints the seconds (whoosh and scores, then
the export; writing not included), this process's peak RSS in MB and how far it rose over what
the checked site held before the index began, and the largest peak of the index's other processes
(when over the check's workers', which are counted with them); then the highest sum of the PSS of
this process and its children while the index was made (``bench.memory_watch``), and how far it
rose over the sum when the index began: the memory the index's processes held between them.

With ``--into SITE`` (a site built from DIR earlier, e.g. DIR/_site), the export then replaces
SITE's search index and search.js, as a build with this code would write them, keeping the
headshot thumbnails its result rows had: the way to measure a new index format at 100,000
experts without a whole build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sitegen.check import check_site
from sitegen.memory import collector_paused
from sitegen.minify import served
from sitegen.present import Thumbnail
from sitegen.search import SearchIndex
from sitegen.search_export import ROOT, export_files, files_folder

ASSET = Path(__file__).resolve().parent.parent / "templates" / "assets" / "search.js"


def thumbnails(site: Path) -> dict[str, Thumbnail]:
    """The thumbnails the rows of SITE's current index show, by slug (a photo's path, or an
    avatar's initials and hue)."""
    found: dict[str, Thumbnail] = {}
    try:
        folder = files_folder(site)
    except KeyError:  # an index written before its files had a folder (format 26)
        folder = site / ROOT
    for chunk in (folder / "d").glob("*.json"):
        for row in json.loads(chunk.read_text(encoding="utf-8")):
            # The thumbnail is among the last items (its position moved with the format).
            for item in row[6:8]:
                if isinstance(item, str) and item.startswith("/"):
                    found[row[0]] = item
                elif isinstance(item, list) and len(item) == 2:
                    found[row[0]] = (item[0], item[1])
    return found


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--into", type=Path, help="a built site whose search index to replace")
    parser.add_argument("--jobs", type=int, default=1, help="processes the index may use (default 1)")
    args = parser.parse_args()
    report = check_site(args.directory, dt.date(2026, 11, 25), 2)
    checkers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if report.site is None:
        raise SystemExit("the directory has errors")
    shots = thumbnails(args.into) if args.into else {}
    if args.into:
        shutil.rmtree(args.into / ROOT)
    before = rss_mb()
    # Watched from another program (started by exec: this process gains no thread, so it may still fork).
    watch = subprocess.Popen(  # noqa: S603 - this Python, this repository's module
        [sys.executable, "-m", "bench.memory_watch", str(os.getpid())], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    started = time.perf_counter()
    index = SearchIndex(report.site, jobs=args.jobs)
    indexed = time.perf_counter()
    count = size = 0
    writing = 0.0
    # One file at a time, as a build writes them, and with the collector paused, as in a build.
    with collector_paused():
        for path, data in export_files(index, shots, jobs=args.jobs):
            count, size = count + 1, size + len(data)
            if args.into:
                wrote = time.perf_counter()
                (args.into / path).parent.mkdir(parents=True, exist_ok=True)
                (args.into / path).write_bytes(data)
                writing += time.perf_counter() - wrote
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    others = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    highest, start = map(int, watch.communicate()[0].split())
    print(
        f"{elapsed - writing:.2f} s with {args.jobs} job(s) (whoosh and scores {indexed - started:.2f} s, export"
        f" {elapsed - writing - (indexed - started):.2f} s), peak RSS {peak:.0f} MB:"
        f" {peak - before:.0f} MB over the {before:.0f} MB the checked site held"
        + (f"; the index's other processes at most {others:.0f} MB" if others > checkers else "")
    )
    print(
        f"all of the index's processes (PSS summed): at most {highest} MB,"
        f" {highest - start} MB over the {start} MB at its start"
    )
    if args.into:
        (args.into / "assets" / "search.js").write_bytes(served("assets/search.js", ASSET.read_bytes()))
        print(f"wrote {count:,} files, {size / 1e6:,.0f} MB, into {args.into / ROOT} in {writing:.2f} s more")
    else:
        print(f"made {count:,} files, {size / 1e6:,.0f} MB (not written)")


if __name__ == "__main__":
    main()
