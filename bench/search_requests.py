"""What a search costs a phone: requests and compressed bytes per query, counted in headless Chromium.

    .venv/bin/python -m bench.search_requests --site DIR_WITH_BUILT_SITE [--queries 50] [--seed 1] [--words 2]
        [--facet NAME] [--exclude] [--slow-link]

DIR is a built site (e.g. a generated directory after `sitegen build`), served by sitegen's
preview server. Each query (seeded: two words of one random profile, or ``--words`` of them, so it
has results, the last cut to a prefix half the time, as someone typing) opens `/search/?q=…` in a fresh browser
context (nothing cached), waits for the results, and counts the index files the page fetched
beyond its own (HTML, CSS, search.js and the index bootstrap meta.json), with their gzip -9
sizes. Prints the first load, then requests and bytes per query: median, 90th percentile, max,
and how many queries stayed within 4 requests and 40 KB.

With ``--slow-link`` the site is served gzipped to a page on a slow mobile link (``bench.slow_link``:
150 ms a request, 1.6 Mbit/s), and the time until the results were on the page is printed too,
from the navigation and from the page's own files, with the round trips it took (requests asked
for together are one round: ``ROUNDS``). The service worker is kept out then: Chromium's emulation
slows the page's requests, not the worker's, which the page's go through once it has claimed it.

With ``--exclude``, each query is led by a word of another profile after a hyphen ("-word …"),
whose experts are left out: its shard is one request more.

With ``--facet topic`` (or language, country, format), each query is also filtered by that facet's
first value in the same profile (``?q=…&topic=…``, as a shared link would be): the page filters
by that value's own file (unless the results' rows say), shows the results, then opens its facets
and counts them, from the results' rows where the files loaded hold them all, else from
facets.json. Requests and bytes are then printed twice: until the results were on the page, and
until the counts were too; and how many queries fetched facets.json.
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import statistics
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import yaml
from playwright.sync_api import Request, sync_playwright

from bench.search_latency import FLAGS
from bench.slow_link import serve_gzipped, slow_down
from sitegen.preview import make_server, serve_in_background
from sitegen.search import FOLD

Number = TypeVar("Number", int, float)
OWN = ("search/index/meta.json",)
"""Index files that are part of the page's first load."""
SHOWN = """new MutationObserver(() => {
  const state = document.getElementById("search-form").dataset.state;
  if ((state === "counting" || state === "done") && window.sitegenShownAt === undefined) {
    window.sitegenShownAt = performance.now();
  }
  if (state === "done" && window.sitegenDoneAt === undefined) { window.sitegenDoneAt = performance.now(); }
  const status = document.getElementById("search-status");
  if (status && / found\\.$/.test(status.textContent) && window.sitegenCountedAt === undefined) {
    window.sitegenCountedAt = performance.now();
  }
}).observe(document, { subtree: true, attributes: true, childList: true, characterData: true });"""
"""Notes when the results are on the page (the form's state "counting", or "done" with no counts
to come): the page asks for the counts' files a task later, so they start after this time; and
when the status first gave the count of the results ("… experts found.")."""
BEFORE_RESULTS = """() => performance.getEntriesByType("resource")
  .filter(entry => entry.startTime < window.sitegenShownAt)
  .map(entry => new URL(entry.name).pathname.replace(/^\\//, ""))"""
"""The paths the page asked for before its results were on the page (resource timing)."""
ROUNDS = """() => {
  const index = performance.getEntriesByType("resource")
    .filter(entry => new URL(entry.name).pathname.includes("/search/index/") && entry.startTime < window.sitegenShownAt)
    .sort((a, b) => a.startTime - b.startTime);
  const finished = [];
  let most = 0;
  for (const entry of index) {
    const own = new URL(entry.name).pathname.endsWith("/search/index/meta.json");
    const after = finished.filter(done => done[0] <= entry.startTime).map(done => done[1]);
    const round = own ? 0 : 1 + Math.max(0, ...after);
    finished.push([entry.responseEnd, round]);
    most = Math.max(most, round);
  }
  return most;
}"""
"""Round trips until the results were on the page, beyond meta.json's (resource timing): a request
asked for after another's answer came is a round after it (the page asks for nothing between an
answer and what it reads from it), those asked for together one round. On a slow mobile link each
round costs its latency once, however many requests it holds. Read with the link slowed: on a
local server an answer can come before the page has asked for the rest of its round."""
TIMES = """() => [window.sitegenShownAt, performance.getEntriesByType("resource")
  .find(entry => new URL(entry.name).pathname.endsWith("/search/index/meta.json")).responseEnd,
  window.sitegenCountedAt, window.sitegenDoneAt]"""
"""When the results were on the page, when meta.json had come, when the results' count was on the
page (null for none: no results) and when the facets' counts too (the form's state "done"), in ms
from the navigation."""


def misspelt(site: Path, count: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    """One word of a profile of at least six letters with one inside letter dropped ("hurricne"),
    whole: a query no profile's word is, searched as its suggestion (when it has one)."""
    rng = random.Random(seed)
    files = sorted((site / "experts").glob("*.yaml"))
    chosen: list[tuple[str, dict[str, Any]]] = []
    while len(chosen) < count:
        profile = yaml.safe_load(rng.choice(files).read_text("utf-8"))
        words = sorted({t.text for t in FOLD(profile.get("bio", "")) if len(t.text) >= 6 and t.text.isalpha()})
        if not words:
            continue
        word = rng.choice(words)
        cut = rng.randrange(1, len(word) - 1)
        chosen.append((word[:cut] + word[cut + 1 :] + " ", profile))
    return chosen


def queries(
    site: Path, count: int, seed: int, each: int = 2, *, apart: bool = False
) -> list[tuple[str, dict[str, Any]]]:
    """``each`` words of one profile (so the query matches someone), the last cut to a prefix half
    the time; with the profile. ``apart``: each word whole and from a profile of its own, so that
    often no one matches every word and those matching some answer (the profile is the last
    word's)."""
    rng = random.Random(seed)
    files = sorted((site / "experts").glob("*.yaml"))
    chosen: list[tuple[str, dict[str, Any]]] = []
    while len(chosen) < count:
        drawn: list[str] = []
        for _ in range(each if apart else 1):
            profile = yaml.safe_load(rng.choice(files).read_text("utf-8"))
            text = " ".join([profile.get("headline", ""), profile.get("bio", ""), *profile.get("keywords", [])])
            words = sorted({t.text for t in FOLD(text) if len(t.text) > 3} - set(drawn))
            if len(words) < (1 if apart else each):
                break
            drawn += rng.sample(words, 1 if apart else each)
        if len(drawn) < each:
            continue
        *first, last = drawn  # two words of one profile: the same draws as before --words existed
        if apart:  # whole words (a prefix would match nearly everyone at 100,000 experts)
            chosen.append((" ".join(drawn) + " ", profile))
            continue
        chosen.append((" ".join([*first, last[: max(2, len(last) // 2)] if rng.random() < 0.5 else last]), profile))
    return chosen


def excluding(site: Path, drawn: list[tuple[str, dict[str, Any]]], seed: int) -> list[tuple[str, dict[str, Any]]]:
    """Each query led by a word of another profile after a hyphen ("-word climate chan"), which
    leaves out the experts that word finds: the query's own words are typed as before. (The
    profile the query was drawn from may be left out too: it still has results, as a rule.)"""
    rng = random.Random(seed + 1)
    files = sorted((site / "experts").glob("*.yaml"))
    led: list[tuple[str, dict[str, Any]]] = []
    for text, profile in drawn:
        other = yaml.safe_load(rng.choice(files).read_text("utf-8"))
        words = sorted({t.text for t in FOLD(other.get("bio", "")) if len(t.text) > 3 and t.text.isalpha()})
        led.append((f"-{rng.choice(words)} {text}" if words else text, profile))
    return led


def facet_value(profile: dict[str, Any], facet: str) -> str:
    """A profile's first value of a facet (its first topic, language, media format; its country)."""
    listed = {
        "topic": profile.get("topics"),
        "language": profile.get("languages"),
        "country": [(profile.get("location") or {}).get("country")],
        "format": (profile.get("media") or {}).get("formats"),
    }[facet]
    if not listed or not listed[0]:
        raise SystemExit(f"a profile has no {facet}: choose another facet")
    return str(listed[0])


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def percentile(values: list[Number], share: float) -> Number:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=2, help="words in each query (default 2)")
    parser.add_argument("--apart", action="store_true", help="each word from another profile (partial matches)")
    parser.add_argument("--misspelt", action="store_true", help="one word, a letter dropped (searched as corrected)")
    parser.add_argument("--exclude", action="store_true", help="each query led by '-word', a word of another profile")
    parser.add_argument("--verbose", action="store_true", help="print every query's requests")
    parser.add_argument("--facet", choices=["topic", "language", "country", "format"], help="filter each query so")
    parser.add_argument("--slow-link", action="store_true", help="gzip, 150 ms a request, 1.6 Mbit/s; time it")
    args = parser.parse_args()
    site = args.site / "_site"
    server: ThreadingHTTPServer
    if args.slow_link:
        server, base = serve_gzipped(site)
    else:
        server = make_server(site)
        serve_in_background(server)
        base = server.url.rstrip("/")
    counts: list[int] = []
    sizes: list[int] = []
    before: list[tuple[int, int]] = []  # (requests, bytes) until the results were on the page
    rounds: list[int] = []  # round trips until the results were on the page (with --slow-link)
    times: list[tuple[float, float]] = []  # ms until then: from the navigation, from meta.json's arrival
    counted: list[tuple[float, float]] = []  # ms from the navigation until the results' count, the facets' counts
    chunked = tiered = faceted = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            first: list[str] = []
            drawn = (
                misspelt(args.site, args.queries, args.seed)
                if args.misspelt
                else queries(args.site, args.queries, args.seed, args.words, apart=args.apart)
            )
            if args.exclude:
                drawn = excluding(args.site, drawn, args.seed)
            for number, (query, profile) in enumerate(drawn):
                facet = f"&{args.facet}={quote(facet_value(profile, args.facet))}" if args.facet else ""
                # An empty cache for every query. On the slow link without the service worker: its
                # own requests (which the page's, once it claims the page, go through) are not slowed.
                context = browser.new_context(service_workers="block" if args.slow_link else "allow")
                page = context.new_page()
                if args.slow_link:
                    slow_down(context, page)
                fetched: list[str] = []

                def note(request: Request, into: list[str] = fetched) -> None:
                    into.append(urlsplit(request.url).path.lstrip("/"))

                page.on("request", note)
                page.add_init_script(SHOWN)
                page.goto(f"{base}/search/?q={quote(query)}{facet}")
                page.wait_for_selector("#search-form[data-state=done]", timeout=60000)  # results and counts
                early = [
                    path
                    for path in page.evaluate(BEFORE_RESULTS)
                    if path.startswith("search/index/") and path not in OWN
                ]
                before.append((len(early), sum(gz(site / path) for path in early)))
                if args.slow_link:
                    rounds.append(page.evaluate(ROUNDS))
                    shown, own, count, done = page.evaluate(TIMES)
                    times.append((shown, shown - own))
                    counted.append((count if count is not None else shown, done))
                context.close()
                index = [path for path in fetched if path.startswith("search/index/") and path not in OWN]
                if number == 0:  # the page's own files (results' photos are not)
                    first = [path for path in fetched if path not in index and not path.startswith("photos/")]
                counts.append(len(index))
                sizes.append(sum(gz(site / path) for path in index))
                names = [path.split("/", 3)[3] for path in index]  # under the index's folder (``index_folder``)
                chunked += any(name.startswith("d/") for name in names)
                tiered += any(name.startswith("r/") for name in names)
                faceted += "facets.json" in names
                if args.verbose:
                    print(
                        f"{query!r}{facet}: {len(index)} requests, {sizes[-1]:,} B (results after {before[-1][0]},"
                        f" {before[-1][1]:,} B{f', {rounds[-1]} rounds, {times[-1][0]:,.0f} ms' if rounds else ''}):"
                        f" {' '.join(names)}"
                    )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    load = {path: gz(site / (path + "index.html" if path.endswith("/") else path)) for path in first}
    print(f"first load: {sum(load.values()):,} B gzip in {len(load)} files ({', '.join(sorted(load))})")
    print(
        f"requests per query: median {statistics.median(counts)}, 90th percentile {percentile(counts, 0.9)},"
        f" max {max(counts)}; within 4: {sum(c <= 4 for c in counts)} of {len(counts)}"
    )
    print(
        f"bytes per query (gzip): median {statistics.median(sizes):,.0f}, 90th percentile"
        f" {percentile(sizes, 0.9):,}, max {max(sizes):,}; within 40 KB: {sum(s <= 40 * 1024 for s in sizes)}"
        f" of {len(sizes)}"
    )
    if args.slow_link:
        since_load, since_own = [t for t, _ in times], [t for _, t in times]
        print(
            f"on the slow link, results on the page after (ms): median {statistics.median(since_load):,.0f},"
            f" 90th percentile {percentile(since_load, 0.9):,.0f} from the navigation; median"
            f" {statistics.median(since_own):,.0f}, 90th percentile {percentile(since_own, 0.9):,.0f} from"
            f" meta.json's arrival; round trips median {statistics.median(rounds)}, 90th percentile"
            f" {percentile(rounds, 0.9)}, max {max(rounds)}; within 2: {sum(r <= 2 for r in rounds)} of {len(rounds)}"
        )
        if args.facet:
            count_at, done_at = [c for c, _ in counted], [d for _, d in counted]
            print(
                f"on the slow link, from the navigation (ms): the results' count median"
                f" {statistics.median(count_at):,.0f}, 90th percentile {percentile(count_at, 0.9):,.0f};"
                f" the facets' counts median"
                f" {statistics.median(done_at):,.0f}, 90th percentile {percentile(done_at, 0.9):,.0f}"
            )
    print(
        f"queries that fetched rows no loaded shard carried: from a result chunk {chunked}, from a common"
        f" term's next rows (r/) {tiered}, of {len(counts)}"
    )
    if args.facet:
        print(f"queries that fetched facets.json (their results' rows not all loaded): {faceted} of {len(counts)}")
        requests, bytes_ = [n for n, _ in before], [b for _, b in before]
        print(
            f"until the results were on the page, before the counts: requests median {statistics.median(requests)},"
            f" 90th percentile {percentile(requests, 0.9)}, max {max(requests)}; within 4:"
            f" {sum(n <= 4 for n in requests)} of {len(requests)}; bytes median {statistics.median(bytes_):,.0f},"
            f" 90th percentile {percentile(bytes_, 0.9):,}, max {max(bytes_):,}"
        )


if __name__ == "__main__":
    main()
