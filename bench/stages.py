"""Time each build stage on a generated directory (median, min and max of several runs).

    .venv/bin/python -m bench.stages --experts 1000 [--runs 3] [--seed 1]

Generates the directory (seeded, see bench.generate) in a temporary folder, then times check,
photos, planning the pages (their views), the pages' inputs (the fingerprints a build keeps to
know next time which pages it may keep), rendering, the search index and its export in this
process, and reports peak RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.generate import generate
from sitegen.build import page_inputs, process_photos
from sitegen.check import check_site
from sitegen.fingerprint import Fingerprints
from sitegen.render import plan_site
from sitegen.search import SearchIndex
from sitegen.search_export import export_index
from sitegen.templating import make_environment

TODAY = dt.date(2026, 11, 25)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def run_once(root: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    figures["check"], report = timed(lambda: check_site(root, TODAY))
    site = report.site  # type: ignore[attr-defined]
    figures["photos"], photos = timed(lambda: process_photos(site, root))
    env = make_environment(root, site.config.site.base_url)
    figures["plan"], plan = timed(lambda: plan_site(site, env, photos[0]))  # type: ignore[index]
    figures["page inputs"], _ = timed(lambda: page_inputs(Fingerprints(), plan, env))  # type: ignore[arg-type]
    figures["render"], _ = timed(lambda: [item.make() for item in plan])  # type: ignore[attr-defined]
    figures["search index"], index = timed(lambda: SearchIndex(site))
    figures["search export"], _ = timed(lambda: export_index(index, {}))  # type: ignore[arg-type]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--experts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        generate(root, args.experts, args.seed, 0.1, TODAY)
        runs = [run_once(root) for _ in range(args.runs)]
    print(f"{args.experts} experts, {args.runs} runs (seconds: median [min, max])")
    for stage in runs[0]:
        values = [run[stage] for run in runs]
        print(f"  {stage:<14} {statistics.median(values):7.2f} [{min(values):.2f}, {max(values):.2f}]")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS       {peak:7.0f} MB")


if __name__ == "__main__":
    main()
