"""The one place that maps things to their URL and output path.

Paths are relative to the output folder with forward slashes; URLs are
site-relative (starting with "/") unless made absolute with ``absolute``.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

PAGE_SIZE = 50
ASSETS = "assets/"
PHOTOS = "photos/"
PHOTO_WIDTHS = (160, 320, 640)


def output_path(url: str) -> str:
    """The file a site-relative URL is served from (``/a/`` is ``a/index.html``)."""
    path = url.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


PLAIN = re.compile(r"(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*)?")
"""A relative path of plain segments (none is "." or ".."; no query, fragment or scheme); each
segment ends at its "/", so matching never backtracks."""


def absolute(base_url: str, url: str) -> str:
    """Join a site-relative URL to the site's base address (which ends in "/").

    A plain path is appended to the base as ``urljoin`` would join it (a test compares), without
    its parsing: the build joins three URLs per expert."""
    relative = url.lstrip("/")
    if base_url.endswith("/") and PLAIN.fullmatch(relative):
        return base_url + relative
    return urljoin(base_url, relative)


def home() -> str:
    return "/"


def experts_index() -> str:
    return "/experts/"


def expert(slug: str) -> str:
    return f"/experts/{slug}/"


def vcard(slug: str) -> str:
    return f"/experts/{slug}.vcf"


def topics_index() -> str:
    return "/topics/"


def topic(topic_id: str, page: int = 1) -> str:
    return f"/topics/{topic_id}/" if page == 1 else f"/topics/{topic_id}/page/{page}/"


def topic_feed(topic_id: str) -> str:
    return f"/topics/{topic_id}/feed.xml"


def guide() -> str:
    return "/guide/"


def search() -> str:
    return "/search/"


def worker() -> str:
    """The site's service worker (offline): at the root, so the whole site is its scope."""
    return "/sw.js"


def offline() -> str:
    """The page the service worker shows offline for a page it has not kept."""
    return "/offline/"


def contact() -> str:
    return "/contact/"


def contact_thanks() -> str:
    return "/contact/thanks/"


def not_found() -> str:
    return "/404.html"


def feed() -> str:
    return "/feed.xml"


def sitemap() -> str:
    return "/sitemap.xml"


def robots() -> str:
    return "/robots.txt"


def open_data() -> str:
    return "/experts.json"


def asset(name: str) -> str:
    return f"/{ASSETS}{name}"


def photo(slug: str, width: int, extension: str) -> str:
    return f"/{PHOTOS}{slug}-{width}.{extension}"
