"""Atom feeds (RFC 4287) of new and re-reviewed experts, for the site and for each topic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from sitegen import urls
from sitegen.views import ExpertView, newest
from sitegen.xmldoc import xml_document

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50


def _timestamp(iso_date: str) -> str:
    return dt.date.fromisoformat(iso_date).isoformat() + "T00:00:00Z"


def atom_feed(title: str, feed_url: str, page_url: str, base_url: str, experts: Sequence[ExpertView]) -> bytes:
    """An Atom feed of the most recently reviewed experts, newest first; its date is theirs, not the clock's."""
    latest = newest(experts, FEED_SIZE)
    feed = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(feed, "title").text = title
    ET.SubElement(feed, "id").text = urls.absolute(base_url, feed_url)
    ET.SubElement(feed, "link", rel="self", href=urls.absolute(base_url, feed_url))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=urls.absolute(base_url, page_url))
    updated = latest[0].reviewed_iso if latest else "1970-01-01"
    ET.SubElement(feed, "updated").text = _timestamp(updated)
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = title
    for expert in latest:
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "title").text = f"{expert.name}, {expert.title}"
        link = urls.absolute(base_url, expert.url)
        ET.SubElement(entry, "id").text = f"{link}#reviewed-{expert.reviewed_iso}"
        ET.SubElement(entry, "link", rel="alternate", type="text/html", href=link)
        ET.SubElement(entry, "updated").text = _timestamp(expert.reviewed_iso)
        ET.SubElement(entry, "summary").text = expert.headline
        for topic in expert.topics:
            ET.SubElement(entry, "category", term=topic.id, label=topic.name)
    ET.indent(feed)
    return xml_document(feed)
