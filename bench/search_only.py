"""Time the search index alone on a directory: `python -m bench.search_only DIR`.

Checks the directory (not timed), then builds the whoosh index and the browser export in this
process; prints the seconds and the process's peak RSS in MB.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import time
from pathlib import Path

from sitegen.check import check_site
from sitegen.search import SearchIndex
from sitegen.search_export import export_index


def main() -> None:
    report = check_site(Path(sys.argv[1]), dt.date(2026, 11, 25))
    if report.site is None:
        raise SystemExit("the directory has errors")
    started = time.perf_counter()
    export_index(SearchIndex(report.site), {})
    elapsed = time.perf_counter() - started
    print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


if __name__ == "__main__":
    main()
