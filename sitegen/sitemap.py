"""sitemap.xml (listed pages only) and robots.txt."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from sitegen import urls
from sitegen.xmldoc import xml_document

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(base_url: str, pages: Sequence[tuple[str, str | None]]) -> bytes:
    """A sitemap of (site-relative URL, ISO last-modified date or None) pairs."""
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    for url, modified in pages:
        entry = ET.SubElement(root, "url")
        ET.SubElement(entry, "loc").text = urls.absolute(base_url, url)
        if modified:
            ET.SubElement(entry, "lastmod").text = modified
    ET.indent(root)
    return xml_document(root)


def robots(base_url: str) -> bytes:
    """Allow everything, point at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(base_url, urls.sitemap())}\n".encode()
