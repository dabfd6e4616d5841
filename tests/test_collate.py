"""Cross-file checks, photos and warnings, on small sites built in tmp_path."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from dataclasses import dataclass

from sitegen.collate import members_by_topic
from tests.conftest import PROFILE, SiteFactory, lines, run_check, write_photo


def test_unknown_topic_message_matches_the_documented_form(make_site: SiteFactory) -> None:
    profile = PROFILE.replace("  - climate-change\n", "  - energy\n  - environment\n  - climte-change\n")
    root = make_site({"ana-ruiz": profile})
    assert lines(run_check(root)) == [
        "experts/ana-ruiz.yaml:9:5: error: topics[2]: unknown topic 'climte-change' [did you mean 'climate-change'?]"
    ]


def test_unknown_office(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PROFILE + "contact:\n  office: helth\n"})
    assert lines(run_check(root)) == [
        "experts/ana-ruiz.yaml:17:11: error: contact.office: unknown office 'helth' [did you mean 'health'?]"
    ]


def test_duplicate_names_after_folding_case_and_accents(make_site: SiteFactory) -> None:
    jose = PROFILE.replace("Ana Ruiz", "José García", 1)
    other = PROFILE.replace("Ana Ruiz", "JOSE GARCIA", 1)
    root = make_site({"jose-garcia": jose, "jose-garcia-2": other})
    assert lines(run_check(root)) == [
        "experts/jose-garcia.yaml:1:7: error: name: 'José García' is the same name as 'JOSE GARCIA' in "
        "experts/jose-garcia-2.yaml:1:7 once case and accents are ignored "
        "[if they are two people, tell them apart (a middle initial, for example)]"
    ]


def test_duplicate_direct_emails(make_site: SiteFactory) -> None:
    contact = "contact:\n  email: same@test.example\n"
    root = make_site({"ana-ruiz": PROFILE + contact, "bea-ruiz": PROFILE.replace("Ana", "Bea", 1) + contact})
    assert lines(run_check(root)) == [
        "experts/bea-ruiz.yaml:17:10: error: contact.email: the direct email 'same@test.example' is also given in "
        "experts/ana-ruiz.yaml:17:10"
    ]


def test_review_age_warnings_and_future_dates(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PROFILE.replace("2026-10-01", "2025-01-01")})
    assert lines(run_check(root)) == [
        "experts/ana-ruiz.yaml:15:11: warning: reviewed: last reviewed 693 days ago; profiles are reviewed every "
        "365 days [confirm the profile with the expert, then update 'reviewed']"
    ]
    assert lines(run_check(root, dt.date(2025, 6, 1))) == []


def test_future_review_date_is_an_error(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PROFILE.replace("2026-10-01", "2027-10-01")})
    assert lines(run_check(root)) == [
        "experts/ana-ruiz.yaml:15:11: error: reviewed: the review date 2027-10-01 is in the future"
    ]


def test_photo_warnings(make_site: SiteFactory) -> None:
    no_photo = PROFILE[: PROFILE.index("photo:")] + "reviewed: 2026-10-01\n"
    no_credit = PROFILE.replace("  credit: Test\n", "")
    archived = no_photo.replace("Ana Ruiz", "Old Name") + "status: archived\n"
    root = make_site({"ana-ruiz": no_credit, "bea-ruiz": no_photo.replace("Ana", "Bea"), "old": archived})
    assert lines(run_check(root)) == [
        "experts/ana-ruiz.yaml:11:1: warning: photo.credit: the photo has no credit [add 'credit:' under 'photo']",
        "experts/bea-ruiz.yaml:1:1: warning: photo: the profile has no photo "
        "[journalists trust profiles with a headshot]",
    ]


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header declares a huge size; no pixel data is ever decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_photos_are_judged_by_content_size_and_sanity(make_site: SiteFactory) -> None:
    profiles = {
        "ana-ruiz": PROFILE,
        "bea-small": PROFILE.replace("Ana Ruiz", "Bea").replace("photos/ana.png", "photos/small.png"),
        "cai-text": PROFILE.replace("Ana Ruiz", "Cai").replace("photos/ana.png", "photos/fake.jpg"),
        "dan-bomb": PROFILE.replace("Ana Ruiz", "Dan").replace("photos/ana.png", "photos/bomb.png"),
        "eve-gone": PROFILE.replace("Ana Ruiz", "Eve").replace("photos/ana.png", "photos/missing.png"),
        "fay-gif": PROFILE.replace("Ana Ruiz", "Fay").replace("photos/ana.png", "photos/anim.gif"),
    }
    root = make_site(
        profiles,
        files={
            "experts/photos/fake.jpg": b"<svg onload=alert(1)>",
            "experts/photos/bomb.png": _png_header(50000, 50000),
        },
    )
    write_photo(root / "experts" / "photos" / "small.png", (199, 400))
    write_photo(root / "experts" / "photos" / "anim.gif", (300, 300), "GIF")
    assert lines(run_check(root)) == [
        "experts/bea-small.yaml:12:9: error: photo.file: the photo is 199×400 pixels; at least 200×200 are needed",
        "experts/cai-text.yaml:12:9: error: photo.file: the photo is not a JPEG, PNG or WebP image "
        "(judged by its content)",
        "experts/dan-bomb.yaml:12:9: error: photo.file: the photo declares more than 40,000,000 pixels "
        "(a decompression bomb?)",
        "experts/eve-gone.yaml:12:9: error: photo.file: the photo 'experts/photos/missing.png' does not exist "
        "[check the file name and folder]",
        "experts/fay-gif.yaml:12:9: error: photo.file: the photo is not a JPEG, PNG or WebP image "
        "(judged by its content)",
    ]


def test_every_problem_is_reported_at_once(make_site: SiteFactory) -> None:
    broken = PROFILE.replace("  - climate-change\n", "  - nope\n").replace("2026-10-01", "2026-02-30")
    root = make_site({"ana-ruiz": broken, "bea": "name: [\n", "cai": PROFILE.replace("Ana", "Cai") + "x: 1\n"})
    assert [line.split(": ", 3)[3] for line in lines(run_check(root))] == [
        "'2026-02-30' is not a real date: February 2026 has 28 days",
        "YAML syntax error: while parsing a flow node, did not find expected node content",
        "unknown field 'x' [known fields: name, sort_name, pronouns, pronunciation, title, affiliation, department, "
        "headline, bio, topics, keywords, languages, location, media, availability, appearances, publications, links, "
        "photo, contact, status, reviewed]",
    ]


def test_model_defaults_are_applied(make_site: SiteFactory) -> None:
    root = make_site(
        {"ana-ruiz": PROFILE, "bea": PROFILE.replace("Ana Ruiz", "Bea Li") + "contact:\n  office: health\n"}
    )
    report = run_check(root)
    assert report.site is not None
    ana, bea = report.site.experts
    assert (ana.affiliation, ana.office.id, ana.expert.sorting_name) == ("Test University", "newsroom", "Ruiz")
    assert (bea.office.id, [t.id for t in bea.topics]) == ("health", ["climate-change"])


@dataclass(frozen=True)
class _Named:
    id: str
    parent: str | None


@dataclass(frozen=True)
class _Item:
    name: str
    topics: tuple[_Named, ...]


def test_members_by_topic_lists_each_item_once_per_topic_in_order() -> None:
    """Each topic's items in the order given; with children, a parent also lists its children's
    items once each, even an item naming the parent and two of its children."""
    climate, policy, science = _Named("climate", None), _Named("policy", "climate"), _Named("science", "climate")
    health = _Named("health", None)
    items = [
        _Item("a", (policy, science, climate)),
        _Item("b", (health,)),
        _Item("c", (science, health)),
        _Item("d", (policy,)),
    ]
    ids = ["climate", "policy", "science", "health", "energy"]
    direct = members_by_topic(items, ids, with_children=False)
    assert {topic: [item.name for item in listed] for topic, listed in direct.items()} == {
        "climate": ["a"],
        "policy": ["a", "d"],
        "science": ["a", "c"],
        "health": ["b", "c"],
        "energy": [],
    }
    under = members_by_topic(items, ids, with_children=True)
    assert {topic: [item.name for item in listed] for topic, listed in under.items()} == {
        "climate": ["a", "c", "d"],
        "policy": ["a", "d"],
        "science": ["a", "c"],
        "health": ["b", "c"],
        "energy": [],
    }
