"""The repository's own sample directory: realistic, complete, and clean."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from sitegen.check import check_site
from sitegen.collate import SiteModel
from sitegen.discover import discover
from sitegen.profiles import parse_profiles
from tests.conftest import REPO, TODAY


def sample() -> SiteModel:
    report = check_site(REPO, TODAY)
    assert report.problems == ()
    assert report.site is not None
    return report.site


def test_sample_directory_checks_clean() -> None:
    site = sample()
    assert len(site.experts) >= 40


def test_sample_has_a_taxonomy_offices_and_statuses() -> None:
    site = sample()
    topics = site.config.topics
    assert len(topics) >= 15
    assert sum(1 for t in topics if t.parent) >= 15
    assert len(site.config.offices) == 3
    statuses = [e.expert.status for e in site.experts]
    assert statuses.count("archived") == 1
    assert statuses.count("unlisted") >= 2
    assert sum(1 for e in site.experts if e.expert.photo) >= 10
    assert len({e.office.id for e in site.experts}) == 3


def test_sample_names_come_from_many_scripts() -> None:
    names = [e.expert.name for e in sample().experts]
    assert any(not n.isascii() and any("a" <= c.lower() <= "z" for c in n) for n in names)  # accents
    assert any(all(not ("a" <= c.lower() <= "z") for c in n if c.isalpha()) for n in names)  # non-Latin script
    assert any(len(n.split()) >= 4 for n in names)  # multi-part family names


def _set_fields(model: BaseModel, prefix: str = "") -> Iterator[str]:
    for name in model.model_fields_set:
        value = getattr(model, name)
        yield prefix + name
        if isinstance(value, BaseModel):
            yield from _set_fields(value, f"{prefix}{name}.")
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, BaseModel):
                    yield from _set_fields(item, f"{prefix}{name}[].")


def _all_fields(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    from sitegen.validation import _inner_model

    for name, info in model.model_fields.items():
        yield prefix + name
        inner = _inner_model(info.annotation)
        if inner is not None:
            is_list = "tuple" in str(info.annotation)
            yield from _all_fields(inner, f"{prefix}{name}{'[]' if is_list else ''}.")


def test_every_field_is_used_somewhere() -> None:
    from sitegen.schema import Expert

    used: set[str] = set()
    for entry in sample().experts:
        used.update(_set_fields(entry.expert))
    profiles = parse_profiles(discover(REPO).sources)
    assert any(p.private and p.private.data for p in profiles)
    assert set(_all_fields(Expert)) - used == set()
