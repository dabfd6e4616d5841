"""Golden-output tests: the fixture sites build to exactly the committed files."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.golden import build_case, cases, expected


@pytest.mark.parametrize("case", cases())
def test_golden_build(case: str, tmp_path: Path) -> None:
    built = build_case(case, tmp_path)
    wanted = expected(case)
    assert sorted(built) == sorted(wanted), "files differ; regenerate with: .venv/bin/python -m tests.golden"
    diffs = []
    for path in sorted(wanted):
        if built[path] != wanted[path]:
            diff = difflib.unified_diff(
                wanted[path].decode("utf-8", "replace").splitlines(),
                built[path].decode("utf-8", "replace").splitlines(),
                f"expected/{path}",
                f"built/{path}",
                lineterm="",
            )
            diffs.append("\n".join(list(diff)[:40]))
    assert not diffs, "\n\n".join(diffs) + "\n\nregenerate with: .venv/bin/python -m tests.golden"
