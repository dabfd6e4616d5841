"""Time the search index alone on a directory: `python -m bench.search_only DIR [--into SITE]`.

Checks the directory (not timed), then builds the whoosh index and the browser export in this
process; prints the seconds and the process's peak RSS in MB (the checked site included).

With ``--into SITE`` (a site built from DIR earlier, e.g. DIR/_site), the export then replaces
SITE's search index and search.js, as a build with this code would write them, keeping the
headshot thumbnails its result rows had: the way to measure a new index format at 100,000
experts without a whole build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import time
from pathlib import Path

from sitegen.check import check_site
from sitegen.present import Thumbnail
from sitegen.search import SearchIndex
from sitegen.search_export import ROOT, export_index

ASSET = Path(__file__).resolve().parent.parent / "templates" / "assets" / "search.js"


def thumbnails(site: Path) -> dict[str, Thumbnail]:
    """The thumbnails the rows of SITE's current index show, by slug (a photo's path, or an
    avatar's initials and hue)."""
    found: dict[str, Thumbnail] = {}
    for chunk in (site / ROOT / "d").glob("*.json"):
        for row in json.loads(chunk.read_text(encoding="utf-8")):
            # The thumbnail is among the last items (its position moved with the format).
            for item in row[6:8]:
                if isinstance(item, str) and item.startswith("/"):
                    found[row[0]] = item
                elif isinstance(item, list) and len(item) == 2:
                    found[row[0]] = (item[0], item[1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--into", type=Path, help="a built site whose search index to replace")
    args = parser.parse_args()
    report = check_site(args.directory, dt.date(2026, 11, 25), 2)
    if report.site is None:
        raise SystemExit("the directory has errors")
    shots = thumbnails(args.into) if args.into else {}
    started = time.perf_counter()
    files = export_index(SearchIndex(report.site), shots)
    elapsed = time.perf_counter() - started
    print(f"{elapsed:.2f} s, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.into:
        shutil.rmtree(args.into / ROOT)
        for path, data in files.items():
            (args.into / path).parent.mkdir(parents=True, exist_ok=True)
            (args.into / path).write_bytes(data)
        shutil.copyfile(ASSET, args.into / "assets" / "search.js")
        print(f"wrote {len(files):,} files into {args.into / ROOT}")


if __name__ == "__main__":
    main()
