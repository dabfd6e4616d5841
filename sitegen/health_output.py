"""`sitegen report` output: a terminal table, JSON, or a standalone HTML page with bar charts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from markupsafe import escape

from sitegen.health import Health, ReviewItem, TopicGap


def _review_lines(items: tuple[ReviewItem, ...], overdue: bool) -> list[str]:
    width = max((len(i.slug) for i in items), default=0)
    lines = []
    for item in items:
        when = f"{item.days} days overdue" if overdue else f"due in {item.days} days ({item.due.isoformat()})"
        office = f"{item.office} <{item.office_email}>"
        lines.append(f"  {item.slug:<{width}}  reviewed {item.reviewed.isoformat()}  {when}  -> {office}")
    return lines or ["  none"]


def _gaps(gaps: tuple[TopicGap, ...]) -> str:
    return ", ".join(f"{g.id} ({g.published})" for g in gaps) or "none"


def format_table(report: Health) -> str:
    """The report for a terminal."""
    lines = [
        f"Directory health on {report.today.isoformat()}: {report.published} published, "
        f"{report.unlisted} unlisted, {report.archived} archived",
        "",
        f"Overdue for review ({len(report.overdue)}):",
        *_review_lines(report.overdue, overdue=True),
        "",
        f"Due for review within 30 days ({len(report.due_soon)}):",
        *_review_lines(report.due_soon, overdue=False),
        "",
        f"Topics with fewer than 2 published experts: {_gaps(report.thin_topics)}",
        f"Topics with no expert who gives interviews in a second language: {_gaps(report.single_language_topics)}",
        "",
        f"Languages ({len(report.languages)}): " + ", ".join(f"{tag} {n}" for tag, n in report.languages),
        f"Countries ({len(report.countries)}): " + ", ".join(f"{code} {n}" for code, n in report.countries),
        "",
        *(f"Profiles with {s.label}: {s.count} of {s.total} ({s.percent:.1f}%)" for s in report.shares),
    ]
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def format_json(report: Health) -> str:
    """The report as JSON."""
    data = _plain(dataclasses.asdict(report))
    data["shares"] = [{**share, "percent": s.percent} for share, s in zip(data["shares"], report.shares, strict=True)]
    data["languages"] = [{"tag": tag, "experts": n} for tag, n in report.languages]
    data["countries"] = [{"code": code, "experts": n} for code, n in report.countries]
    return json.dumps(data, ensure_ascii=False, indent=2)


def _bars(rows: list[tuple[str, int]], total: int) -> str:
    height = 22
    svg = [
        f'<svg role="img" aria-label="bar chart" width="640" height="{height * len(rows) + 4}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, (label, count) in enumerate(rows):
        width = 0 if total == 0 else round(440 * count / total)
        y = index * height + 2
        svg.append(f'<text x="0" y="{y + 15}" font-size="13">{escape(label)}</text>')
        svg.append(f'<rect x="160" y="{y + 3}" width="{width}" height="{height - 8}" fill="#0b5cad"/>')
        svg.append(f'<text x="{166 + width}" y="{y + 15}" font-size="13">{count}</text>')
    svg.append("</svg>")
    return "".join(svg)


def _table(items: tuple[ReviewItem, ...], overdue: bool) -> str:
    if not items:
        return "<p>None.</p>"
    head = "<tr><th>Expert</th><th>Reviewed</th><th>" + ("Overdue" if overdue else "Due") + "</th><th>Office</th></tr>"
    rows = "".join(
        f"<tr><td>{escape(i.name)}</td><td>{i.reviewed.isoformat()}</td>"
        f"<td>{i.days} days{'' if overdue else ' (' + i.due.isoformat() + ')'}</td>"
        f"<td>{escape(i.office)} &lt;{escape(i.office_email)}&gt;</td></tr>"
        for i in items
    )
    return f"<table>{head}{rows}</table>"


def format_html(report: Health, title: str) -> str:
    """A standalone page for a staff meeting (not part of the published site)."""
    languages = _bars(list(report.languages[:15]), report.published)
    countries = _bars(list(report.countries[:15]), report.published)
    shares = _bars([(s.label, s.count) for s in report.shares], report.published)
    gaps = "".join(f"<li>{escape(g.name)} ({g.published})</li>" for g in report.thin_topics) or "<li>None</li>"
    mono = "".join(f"<li>{escape(g.name)}</li>" for g in report.single_language_topics) or "<li>None</li>"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Directory health: {escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f24; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #d3d9df; }}
</style>
</head>
<body>
<h1>Directory health: {escape(title)}</h1>
<p>{report.today.isoformat()}: {report.published} published, {report.unlisted} unlisted, {report.archived} archived.</p>
<h2>Overdue for review ({len(report.overdue)})</h2>
{_table(report.overdue, overdue=True)}
<h2>Due for review within 30 days ({len(report.due_soon)})</h2>
{_table(report.due_soon, overdue=False)}
<h2>Topics with fewer than 2 published experts</h2>
<ul>{gaps}</ul>
<h2>Topics with no expert who gives interviews in a second language</h2>
<ul>{mono}</ul>
<h2>Profiles with…</h2>
{shares}
<h2>Languages (top 15 of {len(report.languages)})</h2>
{languages}
<h2>Countries</h2>
{countries}
</body>
</html>
"""
