"""The benchmark generator makes directories that sitegen accepts, the same for the same seed; the
Hugo project made of them shows what sitegen's pages show."""

from __future__ import annotations

import json
from pathlib import Path

from bench.generate import generate
from bench.hugo_site import write_hugo_site
from sitegen.check import check_site
from sitegen.images import avatar, process_photo
from tests.conftest import TODAY


def test_generated_directories_check_clean_and_repeat(tmp_path: Path) -> None:
    generate(tmp_path / "a", 60, 3, 0.2, TODAY)
    generate(tmp_path / "b", 60, 3, 0.2, TODAY)
    report = check_site(tmp_path / "a", TODAY)
    assert [p for p in report.problems if p.is_error] == []
    assert report.site is not None
    assert len(report.site.experts) == 60
    assert len(report.site.config.topics) == 330
    assert sum(1 for e in report.site.experts if e.expert.photo) > 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def _front_matters(project: Path) -> dict[str, dict[str, object]]:
    matters = {}
    for page in sorted((project / "content" / "experts").glob("expert-*.md")):
        matters[page.stem] = json.loads(page.read_text("utf-8").split("\n", 1)[0])
    return matters


def test_the_hugo_project_shows_the_headshots_sitegen_makes(tmp_path: Path) -> None:
    generate(tmp_path / "site", 40, 5, 0.3, TODAY)
    assert write_hugo_site(tmp_path / "site", tmp_path / "hugo") == 40
    matters = _front_matters(tmp_path / "hugo")
    photos = 0
    for slug, matter in matters.items():
        profile = json.loads((tmp_path / "site" / "experts" / f"{slug}.yaml").read_text("utf-8"))
        if "photo" in profile:
            photos += 1
            source = tmp_path / "site" / "experts" / profile["photo"]["file"]
            made = process_photo(slug, source, profile["photo"]["alt"], None).headshot
            assert matter["photo"] == {
                "file": f"photos/{slug}.jpg",
                "alt": profile["photo"]["alt"],
                "widths": [r.width for r in made.renditions],
                "credit": profile["photo"]["credit"],
            }
            assert (tmp_path / "hugo" / "assets" / "photos" / f"{slug}.jpg").read_bytes() == source.read_bytes()
        else:
            shot = avatar(slug, profile["name"]).headshot.avatar
            assert shot is not None
            assert matter["avatar"] == {"initials": shot.initials, "hue": shot.hue}
    assert 0 < photos < 40
    partial = (tmp_path / "hugo" / "layouts" / "partials" / "photo.html").read_text("utf-8")
    assert "webp q80" in partial and "jpg q82" in partial and "<svg" in partial


def test_the_hugo_project_without_headshots_is_the_earlier_one(tmp_path: Path) -> None:
    generate(tmp_path / "site", 20, 5, 0.3, TODAY)
    write_hugo_site(tmp_path / "site", tmp_path / "hugo", headshots=False)
    assert all("photo" not in m and "avatar" not in m for m in _front_matters(tmp_path / "hugo").values())
    assert (tmp_path / "hugo" / "layouts" / "partials" / "photo.html").read_text("utf-8") == ""
    assert not (tmp_path / "hugo" / "assets").exists()
