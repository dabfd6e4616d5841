"""The search page across builds, in real Chromium, on a host letting browsers keep files for ten
minutes (as GitHub Pages does): a new build's search never answers from the old build's files."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from sitegen import search_export
from sitegen.build import build_site
from sitegen.check import check_site
from sitegen.search import NO_FILTERS, SearchIndex
from tests.browser import searched
from tests.conftest import REPO, TODAY, copy_sample


class KeptTenMinutes(SimpleHTTPRequestHandler):
    """Static files with Last-Modified (from the standard handler) and a ten-minute max-age."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def host(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(KeptTenMinutes, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def indexed(root: Path, query: str) -> list[str]:
    """The names of the site's top ten for ``query``, as `sitegen search` ranks them."""
    site = check_site(root, TODAY).site
    assert site is not None
    return [hit.name for hit in SearchIndex(site).search(query, NO_FILTERS, 10).hits]


def test_a_new_build_is_searched_with_its_own_files(browser: Browser, tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site")
    build_site(root, None, TODAY)
    context = browser.new_context(service_workers="block")  # the browser's HTTP cache alone
    page = context.new_page()
    with host(root / "_site") as url:
        before = searched(page, url, "hurricane%20insurance")[1]
        assert before == indexed(root, "hurricane insurance") and before[0] == "Ana Ruiz Castellanos"
        # A new build without her: every expert after her in the index is numbered one less.
        (root / "experts" / "ana-ruiz-castellanos.yaml").unlink()
        build_site(root, None, TODAY)
        after = searched(page, url, "hurricane%20insurance")[1]
        assert after == indexed(root, "hurricane insurance")
        assert "Ana Ruiz Castellanos" not in after
    context.close()


def test_a_page_kept_from_another_index_format_renews_itself(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The browser keeps the page and search.js of format N; the host now serves an index of
    format N + 1 (another sitegen's): the page asks for both afresh, reloads once, and searches
    with the new script."""
    root = copy_sample(tmp_path / "site")
    build_site(root, None, TODAY)
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    with host(root / "_site") as url:
        assert searched(page, url, "hurricane%20insurance")[1][0] == "Ana Ruiz Castellanos"
        newer = search_export.FORMAT_VERSION + 1
        monkeypatch.setattr(search_export, "FORMAT_VERSION", newer)
        script = (REPO / "templates" / "assets" / "search.js").read_text(encoding="utf-8")
        (root / "templates" / "assets").mkdir(parents=True)
        (root / "templates" / "assets" / "search.js").write_text(
            script.replace(f"var VERSION = {newer - 1};", f"var VERSION = {newer};"), encoding="utf-8"
        )
        (root / "experts" / "ana-ruiz-castellanos.yaml").unlink()  # the index is made again
        build_site(root, None, TODAY)
        assert searched(page, url, "climate")[1] == indexed(root, "climate")
        assert page.evaluate(f"() => sessionStorage.getItem('sitegen-search-renewed-{newer}')") == "1"
    context.close()
