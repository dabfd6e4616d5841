"""Keystroke-to-results latency of the search page in headless Chromium, with the index pieces cached.

    .venv/bin/python -m bench.search_latency --site DIR_WITH_BUILT_SITE [--queries 20] [--runs 5] [--seed 1]

DIR is a built site (e.g. a generated directory after `sitegen build`), served by sitegen's
preview server. For each query (seeded: two words from the profiles' vocabulary, the last one cut
to a prefix half the time, as someone typing), the page is warmed with the query once so every
piece it needs is in the browser's cache, then timed --runs times on two paths:
- Enter: from `requestSubmit()` to the results in the page (the form's data-state "done");
- typing: from the input event to the same, which includes the page's 30 ms debounce.
Prints the median, min and max over all runs of all queries.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitegen.preview import make_server, serve_in_background
from sitegen.search import FOLD

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]  # fmt: skip

TIMED = """async ([query, typing]) => {
  const form = document.getElementById("search-form"), input = document.getElementById("search-q");
  form.removeAttribute("data-state");
  const done = new Promise(resolve => {
    new MutationObserver((_, observer) => {
      if (form.getAttribute("data-state") === "done") { observer.disconnect(); resolve(performance.now()); }
    }).observe(form, {attributes: true, attributeFilter: ["data-state"]});
  });
  const started = performance.now();
  input.value = query;
  if (typing) { input.dispatchEvent(new Event("input", {bubbles: true})); } else { form.requestSubmit(); }
  return (await done) - started;
}"""


def queries(site: Path, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    files = sorted((site / "experts").glob("*.yaml"))[:200]
    vocabulary = sorted({t.text for p in files for t in FOLD(p.read_text("utf-8")) if len(t.text) > 3})
    chosen = []
    for _ in range(count):
        first, second = rng.sample(vocabulary, 2)
        chosen.append(f"{first} {second[: max(2, len(second) // 2)] if rng.random() < 0.5 else second}")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not (args.site / "_site" / "search").is_dir():
        parser.error(f"{args.site}: no built site in its _site/ (--site takes the directory, not _site)")
    server = make_server(args.site / "_site")
    serve_in_background(server)
    timings: dict[str, list[float]] = {"Enter": [], "typing": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            page = browser.new_page()
            page.goto(f"{server.url.rstrip('/')}/search/")
            # meta.json loaded and the handlers in place (selectors: the pages' CSP forbids the
            # string evaluation wait_for_function would need)
            page.wait_for_selector(".no-js[hidden]", state="attached")
            page.wait_for_selector("#search-form[data-state=done]")
            for query in queries(args.site, args.queries, args.seed):
                page.evaluate(TIMED, [query, False])  # warm: fetch and cache the pieces
                for _ in range(args.runs):
                    timings["Enter"].append(page.evaluate(TIMED, [query, False]))
                    timings["typing"].append(page.evaluate(TIMED, [query, True]))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    for path, values in timings.items():
        print(
            f"{path:<7} median {statistics.median(values):6.1f} ms  min {min(values):6.1f}  max {max(values):6.1f}"
            f"  ({len(values)} timings, {args.queries} queries)"
        )


if __name__ == "__main__":
    main()
