"""experts.json: the directory's open-data API (public fields only, versioned; see docs/open-data.md)."""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from sitegen import urls
from sitegen.collate import ExpertEntry, SiteModel
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


def open_data(
    site: SiteModel, listed: Sequence[ExpertEntry], known: Mapping[str, bytes | memoryview] | None = None
) -> Chunks:
    """The listed experts (in A–Z order: ``in_az_order``), topics and offices as JSON, indented by two
    spaces, in pieces.

    Each expert is serialised on its own and joined in (JSON strings hold no raw line
    breaks, so indenting a serialised expert is adding spaces after each of its line
    breaks), and written as it is made: the document is never held whole, as Python
    objects (a gigabyte at 100,000 experts) or as bytes (200 MB, and as much again joined).
    ``known`` gives the pieces of experts unchanged since an earlier document (``pieces``), by slug.
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
    return Chunks(_pieces(head.removesuffix(b"[]\n}") + b"[\n", base, listed, known or {}))


def _pieces(
    start: bytes, base: str, listed: Sequence[ExpertEntry], known: Mapping[str, bytes | memoryview]
) -> Iterator[bytes]:
    yield start
    separator = b""
    for entry in listed:
        piece = known.get(entry.slug)
        yield separator + (piece if piece is not None else _piece(entry, base))
        separator = SEPARATOR
    yield END


SEPARATOR = b",\n"
END = b"\n  ]\n}\n"
EXPERTS = b'\n  "experts": [\n'
"""Where the experts begin: the document's last member, the only line indented by two spaces
that starts a list (a quotation mark within a string is escaped)."""
NEXT = SEPARATOR + b"    {\n"
"""Between two experts: a line of an expert's own is indented by six spaces or more, so only an
expert starts with a line that is four spaces and a brace."""


def _piece(entry: ExpertEntry, base: str) -> bytes:
    return b"    " + _dumps(_expert(entry, base)).replace(b"\n", b"\n    ")


def pieces(document: bytes | mmap.mmap, slugs: Sequence[str]) -> dict[str, memoryview] | None:
    """Each expert's piece of an ``open_data`` document listing the experts ``slugs`` (in its order),
    by slug: an unchanged expert's, reused where the next document lists it. None if the document
    does not split into exactly those experts, each piece starting with its own slug. The pieces
    are views of the document (bytes, or a file mapped: ``mapped``), not copies (210 MB at 100,000
    experts)."""
    start = document.find(EXPERTS)
    stop = len(document) - len(END)
    if start < 0 or document[stop:] != END or not slugs:
        return None
    at = start + len(EXPERTS)
    whole = memoryview(document)
    found: dict[str, memoryview] = {}
    end = at
    for slug in slugs:
        first = b'    {\n      "slug": ' + orjson.dumps(slug) + b",\n"
        if at + len(first) > stop or document[at : at + len(first)] != first:
            return None
        end = document.find(NEXT, at, stop)
        end = stop if end < 0 else end
        found[slug] = whole[at:end]
        at = end + len(SEPARATOR)
    return found if end == stop and len(found) == len(slugs) else None


def mapped(path: Path) -> mmap.mmap | bytes:
    """A built ``open_data`` document, mapped read-only rather than read: the preview keeps the last
    build's for every edit until the next build (210 MB at 100,000 experts, kept as the file's own
    pages, which the system may drop and read again, not as the process's memory). Builds write
    each file anew, never into one a build made, so the mapped bytes stay as they were."""
    with path.open("rb") as file:
        if os.fstat(file.fileno()).st_size == 0:
            return b""  # an empty file cannot be mapped
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _dumps(data: dict[str, Any]) -> bytes:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` in UTF-8, as orjson writes it (ten times faster)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)
