"""Estimate the search page's transfer sizes and requests, and time Pagefind over the same built site.

(An estimate in Python: for requests and bytes as the page really fetches them, see
bench.search_requests, which counts them in Chromium.)

    .venv/bin/python -m bench.search_sizes --experts 10000 [--seed 1] [--pagefind /path/to/python-with-pagefind]

Builds a seeded directory (bench.generate), then reports gzip -9 sizes: the first load (search
page, CSS, search.js, meta.json), the facet postings fetched on demand, and, for sample two-word
queries, the shards and
result chunks the page fetches (the same keys search.js asks for). With --pagefind, runs
`python -m pagefind --site _site` on the same output and reports its time and index size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from bench.generate import generate
from sitegen.build import build_site
from sitegen.search import FOLD, MAX_EXPANSION, analyse
from sitegen.search_export import CHUNK, ROOT, documents, file_key, files_folder, unpacked_meta

TODAY = dt.date(2026, 11, 25)
FIRST_LOAD = ("search/index.html", "assets/site.css", "assets/search.js", f"{ROOT}meta.json")
ON_DEMAND = ("facets.json",)  # in the index's folder: fetched when facets are opened or a filter is in the URL


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def query_cost(site: Path, text: str) -> tuple[int, int, int]:
    """(bytes, requests, results) for one query, fetching the shards search.js fetches."""
    meta = unpacked_meta(json.loads((site / f"{ROOT}meta.json").read_text(encoding="utf-8")))
    shards: dict[str, list[int]] = meta["shards"]
    order = sorted(shards)
    words = analyse(text)
    keys: list[str] = []
    for position, (surface, stemmed) in enumerate(words):
        homes = [k for k in order if stemmed.startswith(k) and (not shards[k][1] or k == stemmed)]
        if homes:
            keys.append(max(homes, key=len))
        if position == len(words) - 1 and len(surface) >= 2:
            for prefix in (stemmed, surface):
                certain = 0
                for key in order:
                    if certain >= MAX_EXPANSION:
                        break
                    if key.startswith(prefix):
                        keys.append(key)
                        certain += shards[key][0]
                    elif prefix.startswith(key) and not shards[key][1]:  # an exact shard holds its key only
                        keys.append(key)
    files = [files_folder(site) / f"t/{file_key(key)}.json" for key in dict.fromkeys(keys)]
    total = sum(gz(f) for f in files)
    docs: set[int] = set()
    for f in files:
        for flat in json.loads(f.read_text(encoding="utf-8"))["t"].values():
            docs.update(documents(flat))
    chunks = {n // CHUNK for n in sorted(docs)[:10]}  # chunks of ten matching experts
    total += sum(gz(files_folder(site) / f"d/{c}.json") for c in chunks)
    return total, len(files) + len(chunks), len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--experts", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pagefind", type=Path, help="a Python that has the pagefind package installed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        generate(root, args.experts, args.seed, 0.1, TODAY)
        started = time.perf_counter()
        build_site(root, None, TODAY)
        print(f"{args.experts} experts: sitegen build {time.perf_counter() - started:.1f} s, "
              f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")  # fmt: skip
        site = root / "_site"
        first = {name: gz(site / name) for name in FIRST_LOAD}
        for name, size in first.items():
            print(f"  first load  {name:<32} {size:>9,} B")
        print(f"  first load  total{'':<27} {sum(first.values()):>9,} B")
        for name in ON_DEMAND:
            print(f"  on demand   {name:<32} {gz(files_folder(site) / name):>9,} B")
        rng = random.Random(args.seed)
        vocabulary = sorted(
            {t.text for p in (root / "experts").glob("expert-00000*.yaml") for t in FOLD(p.read_text())}
        )
        for text in [" ".join(rng.sample(vocabulary, 2)) for _ in range(5)]:
            size, requests, results = query_cost(site, text)
            print(f"  query {text!r:<30} {size:>9,} B in {requests} requests, {results} matches (any word)")
        shards = sorted((files_folder(site) / "t").glob("*.json"), key=gz)
        print(f"  term shards {len(shards)}, largest {gz(shards[-1]):,} B, median {gz(shards[len(shards) // 2]):,} B")
        if args.pagefind:
            started = time.perf_counter()
            command = [str(args.pagefind), "-m", "pagefind", "--site", str(site)]
            done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - our own paths
            elapsed = time.perf_counter() - started
            size = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
            print(f"  pagefind: exit {done.returncode}, {elapsed:.1f} s, index {size:,} B on disk")


if __name__ == "__main__":
    main()
