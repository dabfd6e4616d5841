"""The benchmark generator makes directories that sitegen accepts, the same for the same seed."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate
from sitegen.check import check_site
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
