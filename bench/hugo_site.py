"""The same directory as a Hugo project, for the side-by-side benchmark (bench.suite).

One content file per published expert (front matter + Markdown bio), a `topics` taxonomy with the
parent topic added as sitegen does, and templates that render what sitegen's pages show: profile
pages (name, title, headline, bio, topics, languages, media formats, press office, contact links),
topic pages paginated by 20, an A-Z list, a home page, RSS feeds and a sitemap (Hugo's defaults).
Headshots as sitegen makes and shows them (``HEADSHOT``): each photo cropped square to the widths
sitegen makes of it (``rendition_widths``), in WebP (quality 80) and JPEG (quality 82) by
Hugo's image processing, in a ``<picture>`` on the profile (with its credit) and on every card of a list; an
initials avatar (inline SVG, sitegen's letters and hue) for experts without one. With
``headshots=False`` (the project of the suites before the twenty-third session) pages show neither.
"""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from pathlib import Path
from typing import Any

from PIL import Image

from sitegen.images import avatar, rendition_widths

CONFIG = """baseURL = "https://synthetic.example/"
languageCode = "en"
title = "Synthetic Experts"
disableKinds = []
[taxonomies]
  topic = "topics"
[pagination]
  pagerSize = 20
"""

BASEOF = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title><link rel="stylesheet" href="/site.css">
<link rel="canonical" href="{{ .Permalink }}"></head>
<body><a href="#main">Skip to content</a><header><a href="/">{{ site.Title }}</a>
<nav><a href="/experts/">Experts A-Z</a> <a href="/topics/">Topics</a></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>Press office: newsroom@synthetic.example, +1 312 555 0140</p></footer></body></html>
"""

SINGLE = """{{ define "main" }}<article>
<figure>{{ partial "photo.html" (dict "page" . "sizes" "(min-width: 40em) 240px, 160px" "lazy" false) }}
{{ with .Params.photo }}{{ with .credit }}<figcaption class="small">{{ . }}</figcaption>{{ end }}{{ end }}</figure>
<h1>{{ .Title }}</h1><p>{{ .Params.jobtitle }}</p>
<p class="headline">{{ .Params.headline }}</p>{{ .Content }}
<h2>Topics</h2><ul>{{ range .GetTerms "topics" }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<h2>Languages</h2><ul>{{ range .Params.languages }}<li>{{ . }}</li>{{ end }}</ul>
<h2>Media</h2><ul>{{ range .Params.formats }}<li>{{ . }}</li>{{ end }}</ul>
<p>Availability: {{ .Params.availability }}</p><p>Press office: {{ .Params.office }}</p>
<form method="post" action="https://forms.synthetic.example/inquiry">
<label>Your email <input name="email" type="email" required></label>
<label>Deadline <input name="deadline" type="datetime-local"></label><button>Send</button></form></article>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range (.Paginate .Pages.ByTitle).Pages }}
<li>{{ partial "photo.html" (dict "page" . "sizes" "96px" "lazy" true) }}
<a href="{{ .RelPermalink }}">{{ .Title }}</a>, {{ .Params.jobtitle }}<br>{{ .Params.headline }}</li>{{ end }}
</ul>{{ template "_internal/pagination.html" . }}{{ end }}
"""

TERMS = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}
"""

HOME = """{{ define "main" }}<h1>{{ site.Title }}</h1><ul>
{{ range first 12 (where site.RegularPages "Section" "experts") }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>{{ end }}
"""

HEADSHOT = """{{ $page := .page }}{{ with $page.Params.photo }}{{ with resources.Get .file }}{{ $image := . }}
{{ $webp := slice }}{{ $jpeg := slice }}{{ $fallback := "" }}{{ $side := 0 }}
{{ range $i, $number := $page.Params.photo.widths }}{{ $width := int $number }}
{{ $spec := printf "%dx%d Center" $width $width }}
{{ $w := $image.Fill (printf "%s webp q80" $spec) }}{{ $j := $image.Fill (printf "%s jpg q82" $spec) }}
{{ $webp = $webp | append (printf "%s %dw" $w.RelPermalink $width) }}
{{ $jpeg = $jpeg | append (printf "%s %dw" $j.RelPermalink $width) }}
{{ if or (eq $i 1) (not $fallback) }}{{ $fallback = $j.RelPermalink }}{{ $side = $width }}{{ end }}{{ end }}
<picture><source type="image/webp" srcset="{{ delimit $webp ", " }}" sizes="{{ $.sizes }}">
<img src="{{ $fallback }}" srcset="{{ delimit $jpeg ", " }}" sizes="{{ $.sizes }}"
width="{{ $side }}" height="{{ $side }}" alt="{{ $page.Params.photo.alt }}"
{{ if $.lazy }}loading="lazy" {{ end }}decoding="async"></picture>
{{ end }}{{ else }}<svg class="avatar" viewBox="0 0 320 320" width="320" height="320" aria-hidden="true">
<rect width="320" height="320" fill="hsl({{ $page.Params.avatar.hue }}, 45%, 32%)"/>
<text x="160" y="160" dy="0.35em" text-anchor="middle" fill="#ffffff" font-family="system-ui, sans-serif"
font-size="120">{{ $page.Params.avatar.initials }}</text></svg>{{ end }}
"""
NO_HEADSHOT = ""


def _headshot(directory: Path, out: Path, slug: str, profile: dict[str, Any]) -> dict[str, Any]:
    """The front matter a page's headshot needs: the photo (linked into the project's assets) and
    the widths sitegen makes of it, or the initials avatar sitegen draws."""
    photo = profile.get("photo")
    if not photo:
        shot = avatar(slug, profile["name"]).headshot.avatar
        assert shot is not None  # noqa: S101 - an avatar always has one
        return {"avatar": {"initials": shot.initials, "hue": shot.hue}}
    source = directory / "experts" / photo["file"]
    target = out / "assets" / "photos" / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    with Image.open(source) as image:
        side = min(image.size)
    shown = {"file": f"photos/{source.name}", "alt": photo.get("alt", ""), "widths": rendition_widths(side)}
    return {"photo": shown | ({"credit": photo["credit"]} if photo.get("credit") else {})}


def _front_matter(profile: dict[str, Any], parents: dict[str, str | None]) -> dict[str, Any]:
    topics = list(profile.get("topics", []))
    topics += sorted({p for t in topics if (p := parents.get(t)) and p not in topics})
    return {
        "title": profile["name"],
        "jobtitle": profile["title"],
        "headline": profile["headline"],
        "topics": topics,
        "keywords": profile.get("keywords", []),
        "languages": profile.get("languages", []),
        "formats": profile.get("media", {}).get("formats", []),
        "availability": profile.get("availability", {}).get("status", "available"),
        "office": profile.get("contact", {}).get("office", "newsroom"),
        "country": profile.get("location", {}).get("country", ""),
    }


def write_hugo_site(directory: Path, out: Path, headshots: bool = True) -> int:
    """Write the Hugo project for a generated directory; returns the number of expert pages."""
    config = tomllib.loads((directory / "site.toml").read_text("utf-8"))
    parents = {t["id"]: t.get("parent") for t in config.get("topics", [])}
    (out / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (out / "content" / "experts").mkdir(parents=True, exist_ok=True)
    (out / "static").mkdir(exist_ok=True)
    (out / "hugo.toml").write_text(CONFIG, "utf-8")
    for name, text in (("baseof", BASEOF), ("single", SINGLE), ("list", LIST), ("terms", TERMS)):
        (out / "layouts" / "_default" / f"{name}.html").write_text(text, "utf-8")
    (out / "layouts" / "index.html").write_text(HOME, "utf-8")
    (out / "layouts" / "partials").mkdir(exist_ok=True)
    (out / "layouts" / "partials" / "photo.html").write_text(HEADSHOT if headshots else NO_HEADSHOT, "utf-8")
    (out / "static" / "site.css").write_text("body{font-family:system-ui;max-width:60rem;margin:auto}", "utf-8")
    (out / "content" / "experts" / "_index.md").write_text('---\n{"title": "Experts A-Z"}\n---\n', "utf-8")
    count = 0
    for path in sorted((directory / "experts").glob("*.yaml")):
        profile = json.loads(path.read_text("utf-8"))  # the generator writes JSON, which is YAML
        if profile.get("status", "published") != "published":
            continue
        matter = _front_matter(profile, parents)
        if headshots:
            matter.update(_headshot(directory, out, path.stem, profile))
        front = json.dumps(matter, ensure_ascii=False)
        (out / "content" / "experts" / f"{path.stem}.md").write_text(f"{front}\n\n{profile['bio']}\n", "utf-8")
        count += 1
    return count
