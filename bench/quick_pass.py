"""The preview's quick pass alone, in one process: `python -m bench.quick_pass --site DIR [--topic]`.

Builds DIR as `sitegen serve` does (``live.Rebuilder``: the build, the quick base, the warm-up; not
timed), then edits --edits seeded profiles in turn, each --repeat times: the headline gets a new
word (with --topic, the expert also moves from their first topic to another subtopic), and times
``quick.quick_plan`` and making every file it plans (the edited page and vCard, the topic pages,
the front pages, then the guide, feeds, open data and sitemap), without writing them and without
the search patch: the CPU the quick pass spends, without the disk, the watcher and the server that
``bench.edit_latency`` measures with it. The collector is paused, as the preview pauses it. Prints
each edit's times and their median, then the median of the medians. The profiles are restored.

Run from outside the repository with ``PYTHONPATH`` naming a checkout to time another version's
code (``python -m`` puts the working folder first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from bench.edit_latency import moved_topic, prefixed
from sitegen.live import LiveState, Rebuilder
from sitegen.quick import quick_plan
from sitegen.write import whole

TODAY = dt.date(2026, 11, 25)


def edited_text(text: str, rng: random.Random, subtopics: list[str], path: Path, topic: bool) -> str:
    """The profile with a new first word in its headline, moved to another topic if asked."""
    edited = prefixed(text, "Qzquick", ("headline",), path)
    return moved_topic(edited, rng, subtopics, path) if topic else edited


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--edits", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--topic", action="store_true", help="also move each expert to another topic")
    args = parser.parse_args()
    site: Path = args.site.resolve()
    with (site / "site.toml").open("rb") as config:
        subtopics = sorted(t["id"] for t in tomllib.load(config).get("topics", []) if t.get("parent"))
    (site / ".sitegen").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="bench-quick-", dir=site / ".sitegen"))
    rebuilder = Rebuilder(site, scratch, lambda: TODAY, local_forms=False, log=lambda _: None)
    started = time.perf_counter()
    rebuilder.rebuild(LiveState(site))  # the build, the quick base and the warm-up, as the preview's
    print(f"build and warm-up: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    base = rebuilder.base
    if base is None:
        raise SystemExit("the directory does not build")
    rng = random.Random(args.seed)
    files = sorted((site / "experts").glob("*.yaml"))
    medians: list[float] = []
    try:
        for _ in range(args.edits):
            path = rng.choice(files)
            original = path.read_bytes()
            edited = edited_text(original.decode("utf-8"), rng, subtopics, path, args.topic)
            seconds: list[float] = []
            made = 0
            try:
                for _ in range(args.repeat):
                    path.write_text(edited, encoding="utf-8")
                    gc.disable()
                    begun = time.perf_counter()
                    plan = quick_plan(base, [path], TODAY)
                    if plan is None:
                        raise SystemExit(f"{path.name}: the quick pass leaves this edit to the rebuild")
                    planned = [*plan.own, *plan.listings(), *plan.front(), *plan.back()]
                    made = len([whole(item.make()) for item in planned])
                    seconds.append(time.perf_counter() - begun)
                    gc.enable()
            finally:
                path.write_bytes(original)
            medians.append(statistics.median(seconds))
            print(
                f"{path.stem}: {made} files, {' '.join(f'{s:.3f}' for s in seconds)} s, median {medians[-1]:.3f} s",
                flush=True,
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"median of the edits' medians: {statistics.median(medians):.3f} s ({args.edits} edits)")


if __name__ == "__main__":
    main()
