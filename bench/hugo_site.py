"""The same directory as a Hugo project, for the side-by-side benchmark (bench.suite).

One content file per published expert (front matter + Markdown bio), a `topics` taxonomy with the
parent topic added as sitegen does, and templates that render what sitegen's pages show: profile
pages (name, title, headline, bio, topics, languages, media formats, press office, contact links),
topic pages paginated by 20, an A-Z list, a home page, RSS feeds and a sitemap (Hugo's defaults).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

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

SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.jobtitle }}</p>
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
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>, {{ .Params.jobtitle }}<br>{{ .Params.headline }}</li>{{ end }}
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


def write_hugo_site(directory: Path, out: Path) -> int:
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
    (out / "static" / "site.css").write_text("body{font-family:system-ui;max-width:60rem;margin:auto}", "utf-8")
    (out / "content" / "experts" / "_index.md").write_text('---\n{"title": "Experts A-Z"}\n---\n', "utf-8")
    count = 0
    for path in sorted((directory / "experts").glob("*.yaml")):
        profile = json.loads(path.read_text("utf-8"))  # the generator writes JSON, which is YAML
        if profile.get("status", "published") != "published":
            continue
        front = json.dumps(_front_matter(profile, parents), ensure_ascii=False)
        (out / "content" / "experts" / f"{path.stem}.md").write_text(f"{front}\n\n{profile['bio']}\n", "utf-8")
        count += 1
    return count
