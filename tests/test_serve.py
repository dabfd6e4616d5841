"""sitegen serve in real Chromium: edits show without a manual reload; errors show over the page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.conftest import PROFILE, SiteFactory

EPOCH = "1795564800"
QUICK_LINE = r"updated \d+ files in \d+\.\d\d s; rebuilding the rest"


@pytest.fixture
def served(make_site: SiteFactory) -> Iterator[tuple[Path, str, list[str]]]:
    root = make_site()
    script = Path(sys.executable).parent / "sitegen"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    lines: list[str] = []
    with subprocess.Popen(
        [str(script), "--site", str(root), "serve", "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stderr is not None
        url = ""
        for line in process.stderr:
            lines.append(line.rstrip())
            found = re.match(r"serving at (http://127\.0\.0\.1:\d+)/", line)
            if found:
                url = found.group(1)
                break
        stream = process.stderr
        reader = threading.Thread(target=lambda: lines.extend(line.rstrip() for line in stream), daemon=True)
        reader.start()
        try:
            yield root, url, lines
        finally:
            process.terminate()
            process.wait(timeout=10)
            reader.join(timeout=5)
    assert not any((root / ".sitegen").glob("preview-*"))


def wait_for_line(lines: list[str], pattern: str, count: int = 2, seconds: float = 15) -> None:
    """Wait until ``count`` lines of the server's log match ``pattern`` (the first build's is one)."""
    deadline = time.monotonic() + seconds
    while sum(1 for line in list(lines) if re.match(pattern, line)) < count:
        assert time.monotonic() < deadline, lines
        time.sleep(0.05)


def test_edit_break_and_fix_a_profile_while_the_page_is_open(
    browser: Browser, served: tuple[Path, str, list[str]]
) -> None:
    root, url, lines = served
    profile = root / "experts" / "ana-ruiz.yaml"
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url + "/experts/ana-ruiz/")
    assert page.locator("p.lead").inner_text() == "Hurricane insurance"
    page.wait_for_timeout(300)  # let the event stream connect

    profile.write_text(PROFILE.replace("Hurricane insurance", "Flood insurance, live"), encoding="utf-8")
    expect(page.locator("p.lead")).to_have_text("Flood insurance, live", timeout=15000)
    # The profile's own page and vCard came first (the quick pass), then the full rebuild.
    wait_for_line(lines, r"built 1 experts in ")
    quick = [i for i, line in enumerate(lines) if re.fullmatch(QUICK_LINE, line)]
    built = [i for i, line in enumerate(lines) if line.startswith("built 1 experts in ")]
    assert len(quick) == 1 and quick[0] < built[-1], lines

    profile.write_text(PROFILE.replace("climate-change", "climte-change"), encoding="utf-8")
    overlay = page.locator("#sitegen-overlay")
    overlay.wait_for(timeout=15000)
    assert "experts/ana-ruiz.yaml:7:5: error: topics[0]: unknown topic 'climte-change'" in overlay.inner_text()
    assert page.locator("p.lead").inner_text() == "Flood insurance, live"  # the last good build stays
    assert any("unknown topic 'climte-change'" in line for line in lines)

    profile.write_text(PROFILE.replace("Hurricane insurance", "Fixed again"), encoding="utf-8")
    expect(page.locator("p.lead")).to_have_text("Fixed again", timeout=15000)
    assert page.locator("#sitegen-overlay").count() == 0
    assert errors == []
    page.close()


def test_the_reload_script_is_only_in_the_preview(served: tuple[Path, str, list[str]]) -> None:
    import urllib.request

    root, url, _ = served
    with urllib.request.urlopen(url + "/experts/ana-ruiz/") as response:
        assert '<script src="/__sitegen__/live.js" defer></script>' in response.read().decode()
    assert not (root / "_site").exists()  # serve never writes the real output folder
