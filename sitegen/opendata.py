"""experts.json: the directory's open-data API (public fields only, versioned; see docs/open-data.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sitegen import urls
from sitegen.collate import ExpertEntry, SiteModel, in_az_order

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


def open_data(site: SiteModel, listed: Sequence[ExpertEntry]) -> bytes:
    """The listed experts, topics and offices as JSON."""
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
        "experts": [_expert(entry, base) for entry in in_az_order(listed)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
