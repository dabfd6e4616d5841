"""Real Chromium for the browser tests: Debian's chromium driven by Playwright, a local server, and the search
page's top ten beside the index's."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from sitegen.preview import Receiver, make_server, serve_in_background
from sitegen.search import Filters, SearchIndex

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def require(executable: str, package: str) -> str:
    """A program the browser tests need; in CI its absence fails the run, elsewhere the test is skipped."""
    path = shutil.which(executable)
    if path is None:
        message = f"{executable} is not installed; scripts/test installs it (apt-get install {package})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_axe(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page, one line each (evaluated by the driver, not the page)."""
    page.evaluate((resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8"))
    found: list[str] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        AXE_TAGS,
    )
    return found


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium for one test module."""
    executable = require("chromium", "chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def searched(page: Page, url: str, query: str) -> tuple[str, list[str]]:
    """Open the search page with ``query`` (URL-encoded) and wait until it has answered (its state
    "done" or "failed"): its status and the results' names."""
    page.goto(f"{url}/search/?q={query}")
    page.wait_for_selector("#search-form[data-state=done], #search-form[data-state=failed]")
    return page.locator("#search-status").inner_text(), page.locator("#results li h2").all_inner_texts()


UNAVAILABLE = "Search is unavailable right now. Browse experts by topic or A–Z instead."
"""What the search page says when it cannot search (search.js's ``UNAVAILABLE``)."""


def says_search_is_unavailable(page: Page) -> None:
    """Wait for the search page's failed state, and check that it says search is unavailable,
    not that JavaScript is needed."""
    page.wait_for_selector("#search-form[data-state=failed]")
    assert page.locator("#search-status").inner_text() == UNAVAILABLE
    assert page.locator(".no-js").is_hidden()


@contextmanager
def serve(root: Path, receiver: Receiver | None = None) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 at a free port with sitegen's preview server; yields the base URL."""
    server = make_server(root, receiver=receiver)
    serve_in_background(server)
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()


def browser_top10(page: Page, base: str, text: str, filters: dict[str, str], state: str = "done") -> list[str]:
    """The page's top ten for a search, once its form's state is ``state`` (or done)."""
    params = {"q": text, **filters} if text else dict(filters)
    page.goto(f"{base}/search/?{urlencode(params)}")
    page.wait_for_selector(f"#search-form[data-state={state}], #search-form[data-state=done]")
    slugs: list[str] = page.eval_on_selector_all("#results li", "items => items.map(i => i.dataset.slug)")
    return slugs[:10]


def differences_from_the_index(
    page: Page, url: str, index: SearchIndex, queries: list[tuple[str, dict[str, str]]]
) -> dict[str, tuple[list[str], list[str]]]:
    """The queries whose top 10 in the browser is not the index's (as `sitegen search` ranks)."""
    differences = {}
    for text, filters in queries:
        chosen = Filters(**{k: (v if k != "available" else True) for k, v in filters.items()})  # type: ignore[arg-type]
        expected = [hit.slug for hit in index.search(text, chosen, 10).hits]
        found = browser_top10(page, url, text, filters)
        if found != expected:
            differences[f"{text!r} {filters}"] = (found, expected)
    return differences
