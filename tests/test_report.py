"""`sitegen report` on the sample directory, with exact figures, and on small sites with gaps."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.check import check_site
from sitegen.cli import main
from sitegen.health import health
from tests.conftest import PROFILE, REPO, SiteFactory

FEB_20_2027 = str(int(dt.datetime(2027, 2, 20, tzinfo=dt.UTC).timestamp()))


def run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FEB_20_2027)
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


def test_report_on_the_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(monkeypatch, "--site", str(REPO), "report")
    assert code == 0
    assert out.splitlines()[:12] == [
        "Directory health on 2027-02-20: 43 published, 2 unlisted, 1 archived",
        "",
        "Overdue for review (3):",
        "  amara-diallo           reviewed 2026-01-19  32 days overdue  "
        "-> Lakemont Health Sciences Press Office <healthnews@lakemont.example>",
        "  jean-baptiste-mukendi  reviewed 2026-02-05  15 days overdue  "
        "-> University Media Relations <media@lakemont.example>",
        "  dmitri-sokolov         reviewed 2026-02-14  6 days overdue  "
        "-> University Media Relations <media@lakemont.example>",
        "",
        "Due for review within 30 days (3):",
        "  mehmet-yilmaz  reviewed 2026-02-27  due in 7 days (2027-02-27)  "
        "-> University Media Relations <media@lakemont.example>",
        "  kwame-asante   reviewed 2026-03-03  due in 11 days (2027-03-03)  "
        "-> University Media Relations <media@lakemont.example>",
        "  david-cohen    reviewed 2026-03-12  due in 20 days (2027-03-12)  "
        "-> School of Law Communications <lawpress@lakemont.example>",
        "",
    ]
    assert out.splitlines()[12:] == [
        "Topics with fewer than 2 published experts: none",
        "Topics with no expert who gives interviews in a second language: none",
        "",
        "Languages (34): en 43, fr 7, es 6, de 4, ar 3, he 3, hi 2, ig 2, pl 2, pt 2, sv 2, ta 2, yo 2, zh 2, "
        "da 1, el 1, fa 1, ga 1, gu 1, it 1, ja 1, ko 1, ln 1, nb 1, nv 1, pt-BR 1, ru 1, sw 1, to 1, tr 1, tw 1, "
        "vi 1, wo 1, yue 1",
        "Countries (4): US 40, CL 1, DK 1, KE 1",
        "",
        "Profiles with photo: 43 of 43 (100.0%)",
        "Profiles with pronunciation: 10 of 43 (23.3%)",
        "Profiles with media formats: 43 of 43 (100.0%)",
    ]


def test_report_json_and_html(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    page = tmp_path / "health.html"
    code, out = run(monkeypatch, "--site", str(REPO), "report", "--json", "--html", str(page))
    assert code == 0
    data = json.loads(out)
    assert (data["today"], data["published"], data["unlisted"], data["archived"]) == ("2027-02-20", 43, 2, 1)
    assert [item["slug"] for item in data["overdue"]] == ["amara-diallo", "jean-baptiste-mukendi", "dmitri-sokolov"]
    assert data["overdue"][0]["office_email"] == "healthnews@lakemont.example"
    assert data["shares"][1] == {"label": "pronunciation", "count": 10, "total": 43, "percent": 23.3}
    assert data["countries"][0] == {"code": "US", "experts": 40}
    html = page.read_text(encoding="utf-8")
    HTMLParser().feed(html)
    assert "<h2>Overdue for review (3)</h2>" in html
    assert "Amara Diallo" in html and html.count("<rect ") == 3 + 15 + 4


def test_thin_and_single_language_topics(make_site: SiteFactory) -> None:
    english_only = PROFILE.replace("  - es\n", "")
    root = make_site({"ana-ruiz": english_only, "bea": english_only.replace("Ana Ruiz", "Bea Li")})
    report = check_site(root, dt.date(2026, 11, 25))
    assert report.site is not None
    result = health(report.site, dt.date(2026, 11, 25))
    assert [(g.id, g.published) for g in result.thin_topics] == [("energy", 0)]
    assert [g.id for g in result.single_language_topics] == ["environment", "climate-change", "energy"]


def test_report_refuses_a_broken_site(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site({"ana-ruiz": PROFILE.replace("climate-change", "nope")})
    code, out = run(monkeypatch, "--site", str(root), "report")
    assert code == 1
    assert out == "experts/ana-ruiz.yaml:7:5: error: topics[0]: unknown topic 'nope'\n"
