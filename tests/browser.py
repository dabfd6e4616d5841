"""Real Chromium for the browser tests: Debian's chromium driven by Playwright, and a local server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from sitegen.preview import Receiver, make_server, serve_in_background

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path() -> str:
    """Debian's chromium; in CI a missing browser fails the run, elsewhere the test is skipped."""
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; run scripts/test, which installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (scripts/test installs it)")
    return path


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium for one test module."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


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
