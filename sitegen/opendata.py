"""experts.json: the directory's open-data API (public fields only, versioned; see docs/open-data.md)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import orjson

from sitegen import urls
from sitegen.collate import ExpertEntry, SiteModel, in_az_order
from sitegen.write import Chunks

FORMAT_VERSION = 1


def _expert(entry: ExpertEntry, base_url: str) -> dict[str, Any]:
    e = entry.expert
    # Built field by field from the public model: nothing is copied wholesale, and the
    # expert's direct email is left out (scrapers), the press office is the contact.
    data: dict[str, Any] = {
        "slug": entry.slug,
        "url": urls.absolute(base_url, urls.expert(entry.slug)),
        "name": e.name,
        "sort_name": e.sorting_name,
        "pronouns": e.pronouns,
        "pronunciation": e.pronunciation,
        "title": e.title,
        "affiliation": entry.affiliation,
        "department": e.department,
        "headline": e.headline,
        "bio_markdown": e.bio,
        "topics": [t.id for t in entry.topics],
        "keywords": list(e.keywords),
        "languages": list(e.languages),
        "location": e.location.model_dump(mode="json") if e.location else None,
        "media": e.media.model_dump(mode="json") if e.media else None,
        "availability": e.availability.model_dump(mode="json") if e.availability else None,
        "appearances": [a.model_dump(mode="json") for a in e.appearances],
        "publications": [p.model_dump(mode="json") for p in e.publications],
        "links": e.links.model_dump(mode="json", exclude_none=True) if e.links else {},
        "office": entry.office.id,
        "direct_phone": e.contact.phone if e.contact else None,
        "vcard": urls.absolute(base_url, urls.vcard(entry.slug)),
        "reviewed": e.reviewed.isoformat(),
    }
    return data


def open_data(site: SiteModel, listed: Sequence[ExpertEntry]) -> Chunks:
    """The listed experts, topics and offices as JSON, indented by two spaces, in pieces.

    Each expert is serialised on its own and joined in (JSON strings hold no raw line
    breaks, so indenting a serialised expert is adding spaces after each of its line
    breaks), and written as it is made: the document is never held whole, as Python
    objects (a gigabyte at 100,000 experts) or as bytes (200 MB, and as much again joined).
    """
    config = site.config
    base = config.site.base_url
    document = {
        "format": "sitegen-experts",
        "version": FORMAT_VERSION,
        "site": {"title": config.site.title, "url": base, "organization": config.site.organization},
        "topics": [
            {"id": t.id, "name": t.name, "description": t.description, "parent": t.parent} for t in config.topics
        ],
        "offices": [
            {
                "id": o.id,
                "name": o.name,
                "email": o.email,
                "phone": o.phone,
                "hours": o.hours,
                "after_hours_phone": o.after_hours_phone,
                "response_time": o.response_time,
            }
            for o in config.offices
        ],
        "experts": [],
    }
    head = _dumps(document)
    if not listed:
        return Chunks([head + b"\n"])
    empty = b'"experts": []\n}'
    if not head.endswith(empty):  # the document's last member, as orjson writes it
        raise ValueError("the open-data document does not end with its experts")
    return Chunks(_pieces(head.removesuffix(b"[]\n}") + b"[\n", base, listed))


def _pieces(start: bytes, base: str, listed: Sequence[ExpertEntry]) -> Iterator[bytes]:
    yield start
    separator = b""
    for entry in in_az_order(listed):
        yield separator + b"    " + _dumps(_expert(entry, base)).replace(b"\n", b"\n    ")
        separator = b",\n"
    yield b"\n  ]\n}\n"


def _dumps(data: dict[str, Any]) -> bytes:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` in UTF-8, as orjson writes it (ten times faster)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)
