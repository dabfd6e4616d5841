"""sitegen build: atomic, reproducible, safe output."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import functools
import io
import json
import math
import os
import pickle
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageOps, ImageStat

import sitegen.build
import sitegen.claims
import sitegen.images
import sitegen.parallel
import sitegen.photos
import sitegen.profiles
import sitegen.search_export
from sitegen import urls
from sitegen.build import build_site
from sitegen.check import check_site
from sitegen.collate import SiteModel, in_az_order
from sitegen.fingerprint import digest
from sitegen.images import avatar, process_photo
from sitegen.opendata import open_data, pieces
from sitegen.problems import BuildError, ConfigError, ContentError
from sitegen.render import Output, plan_site
from sitegen.search_export import files_folder
from sitegen.sitemap import SITEMAP_NS, sitemap
from sitegen.templating import make_environment
from sitegen.vcard import _fold
from sitegen.views import TopicLink, topic_views
from sitegen.write import Chunks, Previous, Staging, Written, whole
from sitegen.xmldoc import xml_document
from tests.conftest import PROFILE, REPO, TODAY, SiteFactory


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def texts(root: Path) -> dict[str, str]:
    suffixes = (".html", ".xml", ".json", ".txt", ".vcf", ".svg", ".css", ".js")
    return {k: v.decode("utf-8") for k, v in tree(root).items() if k.endswith(suffixes)}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO / "experts", root / "experts")
    shutil.copy(REPO / "site.toml", root / "site.toml")
    build_site(root, None, TODAY)
    return root / "_site"


def test_sample_builds_every_page_type(sample_site: Path) -> None:
    for path in (
        "index.html", "experts/index.html", "experts/ana-ruiz-castellanos/index.html",
        "experts/ana-ruiz-castellanos.vcf",
        "topics/index.html", "topics/climate-change/index.html", "topics/climate-change/feed.xml", "guide/index.html",
        "search/index.html", "contact/index.html", "contact/thanks/index.html", "404.html", "sitemap.xml",
        "robots.txt", "feed.xml", "experts.json", "assets/site.css", ".sitegen-output",
    ):  # fmt: skip
        assert (sample_site / path).is_file(), path


def test_two_builds_are_byte_identical(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site({"ana-ruiz": PROFILE, "bea": PROFILE.replace("Ana Ruiz", "Bea Li")})
    build_site(root, Path("_a"), TODAY)
    build_site(root, Path("_b"), TODAY + dt.timedelta(days=3))
    assert tree(root / "_a") == tree(root / "_b")


def test_a_build_in_several_processes_equals_one_in_one(
    sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing, photos, pages and the search index split over worker processes change no byte."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "experts", root / "experts")
    shutil.copy(REPO / "site.toml", root / "site.toml")
    monkeypatch.setattr(sitegen.profiles, "PARALLEL_MIN", 1)
    monkeypatch.setattr(sitegen.build, "PARALLEL_MIN", 1)
    monkeypatch.setattr(sitegen.photos, "PARALLEL_PHOTOS", 1)
    forks: list[int] = []
    real_all_started = sitegen.parallel.all_started

    def counting(
        tasks: Sequence[Callable[[], object]], jobs: int
    ) -> AbstractContextManager[Callable[[], Iterator[object]]]:
        forks.append(len(tasks))
        return real_all_started(tasks, jobs)

    monkeypatch.setattr(sitegen.parallel, "all_started", counting)
    monkeypatch.setattr(sitegen.profiles, "all_started", counting)
    ahead: list[object] = []
    real_ahead = sitegen.parallel.Ahead

    def started(task: Callable[[Callable[[], object]], object]) -> sitegen.parallel.Ahead[object]:
        ahead.append(task)
        return real_ahead(task)

    monkeypatch.setattr(sitegen.build, "Ahead", started)
    monkeypatch.setattr(sitegen.search_export, "PARALLEL_MIN", 1)
    real_side_by_side = sitegen.parallel.side_by_side
    beside = tmp_path / "side by side"

    def noted(*makers: Callable[[], Generator[object, None, object]]) -> Generator[object, None, object]:
        beside.touch()  # in the search index's process: what it appends to a list here would stay there
        return real_side_by_side(*makers)

    monkeypatch.setattr(sitegen.search_export, "side_by_side", noted)
    assert sitegen.parallel.can_fork()  # one thread here: the parts really run in worker processes
    build_site(root, None, TODAY, jobs=2)
    parts = 2 * sitegen.profiles.PARTS_PER_JOB
    assert forks == [parts, 4, 4, 4]  # profiles in parts as they come; the check's photos, the photos and pages in four
    assert len(ahead) == 1  # the search index in its own process, from before the photos
    assert beside.exists()  # its export in two
    assert tree(root / "_site") == tree(sample_site)


def built_pair(make_site: SiteFactory) -> tuple[Path, dict[str, bytes]]:
    """A site of two experts, built once: its root and its output as it stands."""
    root = make_site({"ana-ruiz": PROFILE, "bea": PROFILE.replace("Ana Ruiz", "Bea Li")})
    build_site(root, None, TODAY)
    return root, tree(root / "_site")


def edited_pair(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, bytes]]:
    """``built_pair``, then an expert edited and the site small enough to build in several processes."""
    root, before = built_pair(make_site)
    (root / "experts" / "bea.yaml").write_text(PROFILE.replace("Ana Ruiz", "Bea Lin"), encoding="utf-8")
    monkeypatch.setattr(sitegen.build, "PARALLEL_MIN", 1)
    return root, before


def fails_leaving_it_untouched(root: Path, before: dict[str, bytes], message: str) -> None:
    """A build in several processes fails with ``message``; the output is as it was, no staging left."""
    assert sitegen.parallel.can_fork()
    with pytest.raises(BuildError, match=message):
        build_site(root, None, TODAY, jobs=2)
    assert tree(root / "_site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("._site")) == []


def test_a_search_index_that_fails_in_its_process_leaves_the_previous_site_untouched(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, before = edited_pair(make_site, monkeypatch)

    def failing(*_: object, **__: object) -> None:
        raise BuildError("the index could not be made")

    monkeypatch.setattr(sitegen.build, "SearchIndex", failing)
    fails_leaving_it_untouched(root, before, "the index could not be made")


def test_a_search_export_that_fails_in_its_other_process_leaves_the_previous_site_untouched(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, before = edited_pair(make_site, monkeypatch)
    monkeypatch.setattr(sitegen.search_export, "PARALLEL_MIN", 1)
    real_side_by_side = sitegen.parallel.side_by_side

    def failing() -> Generator[object, None, object]:
        yield "search/index/0123456789abcdef/t/6262.json", b"{}"
        raise BuildError("the other share of the index could not be made")

    def theirs_failing(
        _: Callable[[], Generator[object, None, object]], ours: Callable[[], Generator[object, None, object]]
    ) -> Generator[object, None, object]:
        return real_side_by_side(failing, ours)

    monkeypatch.setattr(sitegen.search_export, "side_by_side", theirs_failing)
    fails_leaving_it_untouched(root, before, "the other share of the index could not be made")


def test_a_template_error_in_a_worker_leaves_the_previous_site_untouched(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, before = built_pair(make_site)
    (root / "templates").mkdir()
    (root / "templates/expert.html").write_text('{% extends "base.html" %}{% block main %}{{ nope.x }}{% endblock %}')
    monkeypatch.setattr(sitegen.build, "PARALLEL_MIN", 1)
    assert sitegen.parallel.can_fork()
    with pytest.raises(BuildError) as failure:
        build_site(root, None, TODAY, jobs=2)
    assert failure.value.message == (
        "templates/expert.html:1: 'nope' is undefined\n"
        '    {% extends "base.html" %}{% block main %}{{ nope.x }}{% endblock %}'
    )
    assert tree(root / "_site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("._site")) == []


def test_a_failed_build_leaves_the_previous_site_untouched(make_site: SiteFactory) -> None:
    root = make_site()
    build_site(root, None, TODAY)
    before = tree(root / "_site")
    (root / "experts" / "ana-ruiz.yaml").write_text(PROFILE.replace("climate-change", "nope"), encoding="utf-8")
    with pytest.raises(ContentError) as failure:
        build_site(root, None, TODAY)
    assert [p.message for p in failure.value.problems] == ["unknown topic 'nope'"]
    assert tree(root / "_site") == before
    assert sorted(p.name for p in root.iterdir()) == ["_site", "experts", "site.toml"]


def test_stale_files_disappear(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PROFILE, "bea": PROFILE.replace("Ana Ruiz", "Bea Li")})
    build_site(root, None, TODAY)
    assert (root / "_site" / "experts" / "bea" / "index.html").exists()
    (root / "experts" / "bea.yaml").unlink()
    build_site(root, None, TODAY)
    assert not (root / "_site" / "experts" / "bea").exists()
    assert not (root / "_site" / "experts" / "bea.vcf").exists()


def retired(root: Path) -> list[str]:
    """Replaced outputs beside the output, not deleted yet."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith("._site.previous-"))


def test_the_replaced_output_is_deleted_in_the_background(make_site: SiteFactory) -> None:
    root = make_site()
    build_site(root, None, TODAY)
    interrupted = root / "._site.previous-1-0badc0de"  # one an interrupted deletion left
    (interrupted / "experts").mkdir(parents=True)
    (interrupted / "experts" / "old.html").write_text("old")
    first = tree(root / "_site")
    build_site(root, None, TODAY)
    assert tree(root / "_site") == first  # the new output is whole at once
    deadline = time.monotonic() + 60
    while retired(root) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert retired(root) == []
    assert sorted(p.name for p in root.iterdir()) == ["_site", "experts", "site.toml"]


def test_without_a_process_to_delete_it_the_replaced_output_is_deleted_at_once(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_process(*args: object, **kwargs: object) -> None:
        raise OSError("no more processes")

    root = make_site()
    build_site(root, None, TODAY)
    monkeypatch.setattr(subprocess, "run", no_process)
    build_site(root, None, TODAY)
    assert retired(root) == [] and (root / "_site" / "index.html").exists()


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (".", "the output folder . would contain the site itself"),
        ("experts/out", "the output folder experts/out is inside the site's experts"),
        ("templates", "the output folder templates is inside the site's templates"),
        ("../elsewhere", "the output folder ../elsewhere lies outside the site"),
        ("docs", "docs exists and was not written by sitegen; remove it or choose another --output"),
    ],
)
def test_dangerous_output_folders_are_refused(make_site: SiteFactory, output: str, message: str) -> None:
    root = make_site(files={"docs/important.md": b"keep me"})
    with pytest.raises(BuildError) as failure:
        build_site(root, Path(output), TODAY)
    assert failure.value.message == message
    assert (root / "docs" / "important.md").read_bytes() == b"keep me"


def test_invalid_config_is_a_config_error(make_site: SiteFactory) -> None:
    root = make_site(config="[site]\n")
    with pytest.raises(ConfigError):
        build_site(root, None, TODAY)
    assert not (root / "_site").exists()


def test_two_sources_for_one_path_are_refused() -> None:
    out = Output()
    out.add("experts/a/index.html", lambda: b"1", "templates/expert.html")
    with pytest.raises(BuildError) as failure:
        out.add("experts/a/index.html", lambda: b"2", "vCard of a")
    assert failure.value.message == "two sources write experts/a/index.html: templates/expert.html and vCard of a"


CANARY = "CANARY-7f3a"
PRIVATE = (
    PROFILE
    + f"contact:\n  email: {CANARY.lower()}-direct@test.example\n"
    + f"private:\n  mobile: '+1 {CANARY}-mobile'\n  notes:\n    - {CANARY}-note\n  {CANARY}-key: {CANARY}-value\n"
)


def test_private_data_never_reaches_any_output(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PRIVATE})
    build_site(root, None, TODAY)
    output = tree(root / "_site")
    assert len(output) > 20
    for path, data in output.items():
        assert CANARY.encode() not in data, path
        # The public direct email is shown only as parts joined by script, never whole.
        assert f"{CANARY.lower()}-direct@test.example".encode() not in data, path
    page = output["experts/ana-ruiz/index.html"].decode("utf-8")
    assert f'data-user="{CANARY.lower()}-direct" data-domain="test.example"' in page


HOSTILE = PROFILE.replace("name: Ana Ruiz", 'name: "Ana </script><script>alert(1)</script>"').replace(
    "Ana studies **risk**.",
    "<img src=x onerror=alert(1)> [click](javascript:alert(1)) [ok](https://example.org) {{ site.title }} {% raw %}",
)


def test_hostile_content_is_text_everywhere(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": HOSTILE})
    build_site(root, None, TODAY)
    page = (root / "_site" / "experts" / "ana-ruiz" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript' not in page
    assert '<a href="https://example.org" rel="nofollow ugc noopener">ok</a>' in page
    assert "{{ site.title }} {% raw %}" in page  # content is never rendered as a template
    ld = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(ld)["name"] == "Ana </script><script>alert(1)</script>"
    for path, text in texts(root / "_site").items():
        if path.endswith((".html", ".xml", ".svg")):  # markup; vCards and JSON are not parsed as HTML
            assert "<script>alert(1)" not in text, path


def test_unlisted_and_archived_experts(make_site: SiteFactory) -> None:
    root = make_site(
        {
            "ana-ruiz": PROFILE,
            "una-listed": PROFILE.replace("Ana Ruiz", "Una Listed") + "status: unlisted\n",
            "arch": PROFILE.replace("Ana Ruiz", "Old Archive") + "status: archived\n",
        }
    )
    build_site(root, None, TODAY)
    site = root / "_site"
    unlisted = (site / "experts" / "una-listed" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in unlisted
    assert '<meta name="robots"' not in (site / "experts" / "ana-ruiz" / "index.html").read_text(encoding="utf-8")
    assert not (site / "experts" / "arch").exists()
    for path, text in texts(site).items():
        assert "Old Archive" not in text, path
        if not path.startswith("experts/una-listed"):
            assert "Una Listed" not in text, path
            assert "una-listed" not in text, path


def test_headshots_are_upright_and_stripped(make_site: SiteFactory) -> None:
    root = make_site(photo=False)
    image = Image.new("RGB", (400, 300), (200, 0, 0))
    image.paste((0, 0, 200), (0, 150, 400, 300))  # stored: red on top, blue below
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 0.0)}  # GPS
    path = root / "experts" / "photos" / "ana.png"
    path.parent.mkdir(parents=True)
    image.save(path.with_suffix(".jpg"), "JPEG", exif=exif, quality=95)
    (root / "experts" / "ana-ruiz.yaml").write_text(PROFILE.replace("ana.png", "ana.jpg"), encoding="utf-8")
    build_site(root, None, TODAY)
    for name in ("ana-ruiz-160.jpg", "ana-ruiz-160.webp"):
        with Image.open(root / "_site" / "photos" / name) as shown:
            assert shown.size == (160, 160)
            assert not shown.getexif()
            assert "exif" not in shown.info and "icc_profile" not in shown.info and "xmp" not in shown.info
            rgb = shown.convert("RGB")
            left, right = rgb.getpixel((10, 80)), rgb.getpixel((150, 80))
            assert isinstance(left, tuple) and isinstance(right, tuple)
            assert left[2] > 150 and right[0] > 150  # rotated: blue on the left, red on the right
    page = (root / "_site" / "experts" / "ana-ruiz" / "index.html").read_text(encoding="utf-8")
    assert 'width="160" height="160"' in page
    assert '<source type="image/webp" srcset="/photos/ana-ruiz-160.webp 160w"' in page


@pytest.mark.parametrize("suffix", [".jpg", ".mpo", ".png"])
def test_a_camera_sized_headshot_is_brought_down_before_resampling_and_looks_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """A 9-megapixel photo turned by EXIF is decoded smaller (JPEG, MPO) or reduced (PNG) to twice the
    largest rendition before it is resampled: every size, upright, as if made from every pixel."""
    shapes = random.Random(7)
    image = Image.new("RGB", (3400, 2600), (240, 240, 240))
    draw = ImageDraw.Draw(image)
    for _ in range(300):
        x, y, size = shapes.randrange(3400), shapes.randrange(2600), shapes.randrange(80, 900)
        draw.ellipse((x, y, x + size, y + size), fill=tuple(shapes.randrange(256) for _ in range(3)))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown: 2600 × 3400 upright
    path = tmp_path / f"big{suffix}"
    if suffix == ".jpg":
        image.save(path, exif=exif, quality=92)
    elif suffix == ".mpo":  # a JPEG followed by a second picture, as some phones write
        image.save(path, "MPO", exif=exif, quality=92, save_all=True, append_images=[image])
    else:
        image.save(path, exif=exif, compress_level=1)
    decoded: list[tuple[int, int]] = []
    resampled: list[tuple[int, int]] = []
    squares: list[Image.Image] = []  # each rendition as resampled, before it is encoded
    real_transpose, real_fit, real_encode = ImageOps.exif_transpose, ImageOps.fit, sitegen.images._encode

    def transpose(picture: Image.Image) -> Image.Image:
        decoded.append(picture.size)
        return real_transpose(picture)

    def fit(picture: Image.Image, *args: Any, **kwargs: Any) -> Image.Image:
        resampled.append(picture.size)
        return real_fit(picture, *args, **kwargs)

    def encode(picture: Image.Image, fmt: str) -> bytes:
        if fmt == "JPEG":
            squares.append(picture.copy())
        return real_encode(picture, fmt)

    monkeypatch.setattr(ImageOps, "exif_transpose", transpose)
    monkeypatch.setattr(ImageOps, "fit", fit)
    monkeypatch.setattr(sitegen.images, "_encode", encode)
    smaller = process_photo("ana", path, "Ana", None)
    assert decoded == [(3400, 2600) if suffix == ".png" else (1700, 1300)]  # a JPEG decoded at half scale
    assert resampled == [(1300, 1700)] * 3  # half of 2600 × 3400, upright: 1,300 ≥ twice 640
    monkeypatch.setattr(sitegen.images, "WORKING_SIDE", 10**6)  # every pixel, as before
    full = process_photo("ana", path, "Ana", None)
    assert resampled[3:] == [(2600, 3400)] * 3
    assert smaller.headshot == full.headshot and smaller.files.keys() == full.files.keys()
    assert [r.width for r in smaller.headshot.renditions] == [160, 320, 640]
    for ours, theirs in zip(squares[:3], squares[3:], strict=True):
        assert ours.size == theirs.size
        error = max(ImageStat.Stat(ImageChops.difference(ours, theirs)).rms)
        assert error == 0 or 20 * math.log10(255 / error) > 40, (ours.size, error)  # PSNR > 40 dB: unseen


def test_a_photo_is_made_in_the_widths_it_has_pixels_for_and_never_enlarged(tmp_path: Path) -> None:
    assert urls.PHOTO_WIDTHS == (160, 320, 640)
    assert sitegen.images.rendition_widths(5000) == [160, 320, 640]
    assert sitegen.images.rendition_widths(640) == [160, 320, 640]
    assert sitegen.images.rendition_widths(639) == [160, 320]
    assert sitegen.images.rendition_widths(240) == [160]
    assert sitegen.images.rendition_widths(120) == [120]
    Image.new("RGB", (120, 90), (200, 120, 40)).save(tmp_path / "small.jpg", "JPEG")
    made = sitegen.images.process_photo("small", tmp_path / "small.jpg", "A portrait", None)
    assert [r.width for r in made.headshot.renditions] == [90]
    assert made.headshot.fallback.width == 90


def test_experts_without_photo_get_an_initials_avatar_drawn_in_the_page(make_site: SiteFactory) -> None:
    no_photo = PROFILE[: PROFILE.index("photo:")] + "reviewed: 2026-10-01\n"
    root = make_site({"ana-ruiz": no_photo, "bea": PROFILE.replace("Ana Ruiz", "Bea Li")})
    build_site(root, None, TODAY)
    site = root / "_site"
    page = (site / "experts" / "ana-ruiz" / "index.html").read_text(encoding="utf-8")
    svg = ET.fromstring(page[page.index('<svg class="avatar"') : page.index("</svg>") + len("</svg>")])
    assert svg.get("aria-hidden") == "true"  # decorative: the name is beside it
    assert "".join(svg.itertext()) == "AR"
    hue = int(svg[0].get("fill", "").removeprefix("hsl(").split(",")[0])
    listing = (site / "topics" / "climate-change" / "index.html").read_text(encoding="utf-8")
    assert listing.count('<svg class="avatar"') == 1  # Ana's card; Bea has a photo
    assert sorted(p.name for p in (site / "photos").iterdir()) == [
        "bea-160.jpg", "bea-160.webp"
    ]  # no file for an avatar  # fmt: skip
    rows = json.loads((files_folder(site) / "d" / "0.json").read_bytes())
    assert {row[0]: row[6] for row in rows} == {"ana-ruiz": ["AR", hue], "bea": "/photos/bea-160.webp"}


def test_vcard_is_rfc6350(sample_site: Path) -> None:
    data = (sample_site / "experts" / "ana-ruiz-castellanos.vcf").read_bytes()
    lines = data.decode("utf-8").split("\r\n")
    assert lines[:4] == ["BEGIN:VCARD", "VERSION:4.0", "FN:Ana Ruiz Castellanos", "N:Ruiz Castellanos;;;;"]
    assert "TEL;TYPE=work;VALUE=uri:tel:+13125550140" in lines
    assert lines[-2:] == ["END:VCARD", ""]
    assert all(len(line.encode()) <= 75 for line in lines)


@pytest.mark.parametrize("seed", range(4))
def test_vcard_lines_fold_at_75_octets_whole_characters(seed: int) -> None:
    # Characters of one to four UTF-8 octets, in lines from empty to several folds long.
    rng = random.Random(seed)
    alphabet = "a ,;é\u00dfж\u0800中\uffef\U0001f600\U00010000"
    for _ in range(300):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 200)))
        parts = _fold(line).split("\r\n ")
        assert "".join(parts) == line
        for number, part in enumerate(parts):
            room = 75 if number == 0 else 74  # a continuation line starts with a space
            assert len(part.encode("utf-8")) <= room
            if number + 1 < len(parts):  # full: the next character would not have fitted
                assert len((part + parts[number + 1][0]).encode("utf-8")) > room
        assert all(parts) or parts == [""]


def test_feeds_sitemap_robots_and_open_data(sample_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(sample_site / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert 0 < len(entries) <= 50
    assert feed.findtext(f"{atom}updated") == "2026-11-12T00:00:00Z"
    sitemap = ET.parse(sample_site / "sitemap.xml").getroot()
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://experts.lakemont.example/experts/ana-ruiz-castellanos/" in locs
    assert not any("sarah-mitchell" in (loc or "") for loc in locs)
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith("Sitemap: https://experts.lakemont.example/sitemap.xml\n")
    data = json.loads((sample_site / "experts.json").read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("sitegen-experts", 1)
    slugs = [e["slug"] for e in data["experts"]]
    assert "ana-ruiz-castellanos" in slugs
    assert "sarah-mitchell" not in slugs and "olumide-adebayo" not in slugs
    assert all("private" not in e and "email" not in json.dumps(e) for e in data["experts"])


def test_profile_has_json_ld_and_social_cards(sample_site: Path) -> None:
    page = (sample_site / "experts" / "ana-ruiz-castellanos" / "index.html").read_text(encoding="utf-8")
    ld = json.loads(page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert ld["@type"] == "Person"
    assert ld["jobTitle"] == "Associate Professor of Economics"
    assert ld["worksFor"] == {"@type": "Organization", "name": "Lakemont University"}
    assert ld["knowsLanguage"] == ["es", "en"]
    assert ld["image"] == "https://experts.lakemont.example/photos/ana-ruiz-castellanos-320.jpg"
    assert "https://orcid.org/0000-0002-1825-0097" in ld["sameAs"]
    assert (
        '<meta property="og:image" content="https://experts.lakemont.example/photos/ana-ruiz-castellanos-320.jpg">'
        in page
    )
    assert '<link rel="canonical" href="https://experts.lakemont.example/experts/ana-ruiz-castellanos/">' in page
    assert "Spanish, </span>" not in page and '<span lang="es">Spanish</span>' in page


def test_topic_pages_paginate_beyond_fifty(make_site: SiteFactory) -> None:
    experts = {f"e{i:03d}": PROFILE.replace("Ana Ruiz", f"Expert Number{i:03d}") for i in range(51)}
    root = make_site(experts)
    build_site(root, None, TODAY)
    first = (root / "_site" / "topics" / "climate-change" / "index.html").read_text(encoding="utf-8")
    second = (root / "_site" / "topics" / "climate-change" / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert first.count('class="card"') == 50 and second.count('class="card"') == 1
    assert '<a rel="next" href="/topics/climate-change/page/2/">' in first
    assert '<a rel="prev" href="/topics/climate-change/">' in second
    parent = (root / "_site" / "topics" / "environment" / "index.html").read_text(encoding="utf-8")
    assert "51 experts" in parent


def test_no_inline_scripts_or_styles(sample_site: Path) -> None:
    for path, text in texts(sample_site).items():
        if path.endswith(".html"):
            assert " style=" not in text, path
            for chunk in text.split("<script")[1:]:
                assert chunk.startswith((' type="application/ld+json">', ' src="/assets/')), path
                assert chunk.split(">", 1)[1].startswith("</script>") or "ld+json" in chunk[:30], path


def test_images_are_real_and_sized(sample_site: Path) -> None:
    with Image.open(io.BytesIO((sample_site / "photos" / "ana-ruiz-castellanos-320.webp").read_bytes())) as img:
        assert (img.format, img.size) == ("WEBP", (320, 320))


def test_progress_is_reported_per_stage(make_site: SiteFactory) -> None:
    root = make_site({"ana-ruiz": PROFILE, "bea": PROFILE.replace("Ana Ruiz", "Bea Li")})
    calls: list[tuple[str, int, int]] = []
    build_site(root, None, TODAY, lambda stage, done, total: calls.append((stage, done, total)))
    assert calls == [("photos", 1, 2), ("photos", 2, 2), ("pages", 1, 2), ("pages", 2, 2)]


def test_open_data_is_in_a_to_z_order(sample_site: Path) -> None:
    data = json.loads((sample_site / "experts.json").read_text(encoding="utf-8"))
    names = [e["sort_name"] for e in data["experts"]]
    assert names[:3] == ["Al-Ahmad", "Álvarez", "Asante"]


def test_open_data_is_json_indented_by_two_spaces_with_or_without_experts() -> None:
    """Experts serialised one by one and joined make the document json.dumps(indent=2) would."""
    site = check_site(REPO, TODAY).site
    assert site is not None
    for listed in (in_az_order(site.listed), site.listed[:1], []):
        data = whole(open_data(site, listed))
        assert data == (json.dumps(json.loads(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        assert [e["slug"] for e in json.loads(data)["experts"]] == [e.slug for e in in_az_order(listed)]


def test_open_data_splits_into_each_experts_piece_for_the_preview_to_reuse() -> None:
    """``pieces`` gives each expert's part of a document by slug (a bio holding what separates two
    experts, as text, included), from which ``open_data`` makes the same document again; anything
    else than the experts it was made for gives None."""
    site = check_site(REPO, TODAY).site
    assert site is not None
    first, *others = in_az_order(site.listed)
    tricky = '",\n    {\n      "slug": "zz",\n  "experts": [\n  ]\n}\n'
    first = dataclasses.replace(first, expert=first.expert.model_copy(update={"bio": tricky}))
    listed = [first, *others]
    slugs = [entry.slug for entry in listed]
    document = whole(open_data(site, listed))
    found = pieces(document, slugs)
    assert found is not None and list(found) == slugs
    assert json.loads(b"[" + b",".join(found.values()) + b"]")[0]["bio_markdown"] == tricky
    assert whole(open_data(site, listed, found)) == document
    marked: dict[str, bytes | memoryview] = dict(found)
    marked[slugs[1]] = bytes(found[slugs[1]]).replace(b'"headline": "', b'"headline": "Reused. ')
    assert b'"headline": "Reused. ' in whole(open_data(site, listed, marked))  # what is known is not made again
    for wrong in (slugs[1:], [*slugs, "zz"], [slugs[1], slugs[0], *slugs[2:]], []):
        assert pieces(document, wrong) is None
    assert pieces(document[:-3], slugs) is None
    assert pieces(whole(open_data(site, [])), slugs) is None


def test_an_experts_view_is_the_same_when_another_expert_leaves_their_topic() -> None:
    """Another expert unlisted changes the topic's count, and no other expert's page inputs: a view
    names its topics without counts (the preview keeps everyone else's parts; a build, their pages)."""
    site = check_site(REPO, TODAY).site
    assert site is not None
    ana = next(entry for entry in site.listed if entry.slug == "ana-ruiz-castellanos")
    other = next(e for e in site.listed if e is not ana and set(e.topics) & set(ana.topics))
    fewer = SiteModel(
        site.config,
        tuple(dataclasses.replace(e, status="unlisted") if e is other else e for e in site.experts),
    )
    env = make_environment(REPO, site.config.site.base_url)
    photos = {entry.slug: avatar(entry.slug, entry.expert.name).headshot for entry in site.experts}

    def page_values(model: SiteModel) -> tuple[dict[str, Any], dict[str, int]]:
        plan = {item.path: item for item in plan_site(model, env, photos)}
        make = plan["experts/ana-ruiz-castellanos/index.html"].make
        assert isinstance(make, functools.partial)
        return make.args[2], {t.id: t.count for t in topic_views(model).values()}

    before, counts_before = page_values(site)
    after, counts_after = page_values(fewer)
    assert counts_before != counts_after  # the shared topic counts one expert fewer
    assert before["expert"] == after["expert"]
    assert all(type(topic) is TopicLink for topic in before["expert"].topics)


def sitemap_by_elementtree(base_url: str, pages: Sequence[tuple[str, str | None]]) -> bytes:
    """The sitemap as the build wrote it before it was written as text: an indented ElementTree."""
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    for url, modified in pages:
        entry = ET.SubElement(root, "url")
        ET.SubElement(entry, "loc").text = urls.absolute(base_url, url)
        if modified:
            ET.SubElement(entry, "lastmod").text = modified
    ET.indent(root)
    return xml_document(root)


def test_the_sitemap_is_the_indented_elementtree_document() -> None:
    rng = random.Random(7)
    alphabet = "a/-_.~%&<>\"'=?#é中 \u00a0\t]]>"
    for base_url in ("https://experts.example.org/", "https://x.example/a&b/<c>/"):
        pages: list[tuple[str, str | None]] = [("/", None), ("/experts/", "2026-11-25")]
        pages += [
            (
                "/" + "".join(rng.choice(alphabet) for _ in range(rng.randrange(12))),
                rng.choice([None, "", "2026-01-0&"]),
            )
            for _ in range(300)
        ]
        assert sitemap(base_url, pages) == sitemap_by_elementtree(base_url, pages)
    assert sitemap("https://x.example/", []) == sitemap_by_elementtree("https://x.example/", [])


def test_csp_allows_only_the_site_and_the_form_endpoints(make_site: SiteFactory) -> None:
    from tests.conftest import SITE_TOML

    config = SITE_TOML + '\n[forms]\nprovider = "post"\nendpoint = "https://forms.example/inbox"\n'
    root = make_site(config=config)
    build_site(root, None, TODAY)
    page = (root / "_site" / "index.html").read_text(encoding="utf-8")
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;; '
        "style-src &#39;self&#39;; img-src &#39;self&#39;; font-src &#39;self&#39;; "
        "connect-src &#39;self&#39; https://forms.example/inbox; form-action &#39;self&#39; "
        'https://forms.example/inbox; base-uri &#39;none&#39;; manifest-src &#39;self&#39;">'
    ) in page


def test_the_wheel_ships_the_default_theme(tmp_path: Path) -> None:
    import subprocess
    import sys
    import zipfile

    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("sitegen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "sitegen/theme/base.html" in names
    assert "sitegen/theme/assets/site.css" in names
    assert "sitegen/starter/site.toml" in names


def test_overdue_profiles_can_be_unlisted_automatically(make_site: SiteFactory) -> None:
    from tests.conftest import SITE_TOML

    stale = PROFILE.replace("Ana Ruiz", "Old Review").replace("2026-10-01", "2024-01-01")
    root = make_site({"ana-ruiz": PROFILE, "old": stale}, config=SITE_TOML + "\n[review]\nunlist_overdue = true\n")
    report = build_site(root, None, TODAY)
    assert [p.message for p in report.warnings] == [
        "last reviewed 1059 days ago; profiles are reviewed every 365 days; it is unlisted until then"
    ]
    site = root / "_site"
    assert '<meta name="robots" content="noindex">' in (site / "experts" / "old" / "index.html").read_text("utf-8")
    assert "Old Review" not in (site / "experts" / "index.html").read_text(encoding="utf-8")
    assert "Old Review" not in (site / "experts.json").read_text(encoding="utf-8")


def test_a_written_files_record_pickles_as_itself_every_field_kept() -> None:
    """Records are pickled by their values (a build's memory holds one per file): every field, each
    record back equal and a Written, the same in a dict as the build keeps them."""
    records = {f"p/{n}.html": Written(bytes([n]) * 32, n * 1000, 1_700_000_000_000_000_000 + n) for n in range(50)}
    back = pickle.loads(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301 - made just above
    assert back == records  # a dataclass's equality compares every field
    assert all(type(record) is Written for record in back.values())


def test_staging_writes_each_file_before_the_next_is_made_and_refuses_a_path_twice(tmp_path: Path) -> None:
    """The search index's files are staged as they are made (never all held at once)."""
    staging = Staging(tmp_path / "_site")
    folder = Path(staging.folder)

    def files() -> Iterator[tuple[str, bytes]]:
        yield "search/a.json", b"1"
        assert (folder / "search/a.json").read_bytes() == b"1"  # on disk before the next is made
        yield "search/b.json", b"2"

    written = staging.put_each(files())
    assert sorted(written) == ["search/a.json", "search/b.json"]
    with pytest.raises(BuildError, match=r"search/a\.json was made twice"):
        staging.put_each([("search/a.json", b"1"), ("search/a.json", b"3")])
    staging.discard()
    assert not folder.exists()


def test_two_builds_publishing_at_the_same_moment_both_succeed_and_the_last_one_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another build of the same output publishes between this one's two renames: this one still
    publishes (its output replacing the other's), no error, no traceback."""
    output = tmp_path / "_site"
    output.mkdir()
    (output / "index.html").write_text("the last build's")
    staging = Staging(output)
    staging.put("index.html", b"this build's")
    rename = Path.rename
    folder = Path(staging.folder)
    raced_once: list[bool] = []

    def raced(self: Path, target: Any) -> Path:
        if self == folder and not raced_once:  # the other build publishes just now
            raced_once.append(True)
            output.mkdir()
            (output / "index.html").write_text("the other build's")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", raced)
    staging.publish()
    assert (output / "index.html").read_text() == "this build's"


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_on_a_file_system_without_locks_builds_and_the_cache_work_and_nothing_is_taken_for_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some network file systems refuse ``flock``: then nothing is held, and nothing can be told
    left behind, so nothing is removed; building and caching go on as before."""
    import fcntl

    from sitegen.cache import Store

    def refused(*_: object) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", refused)
    output = tmp_path / "_site"
    left = tmp_path / "._site.staging-left"
    left.mkdir()
    old = time.time() - 2 * sitegen.claims.STALE_AFTER
    os.utime(left, (old, old))
    staging = Staging(output)
    staging.put("index.html", b"built")
    staging.publish()
    assert (output / "index.html").read_bytes() == b"built"
    assert left.exists()
    store = Store(tmp_path / "site", tmp_path / "cache")
    assert store.save("profiles", ["kept"])
    assert store.load("profiles", list) == ["kept"]


def test_a_staging_folder_that_cannot_be_made_is_a_build_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(
        BuildError, match=r"cannot make a staging folder beside .*a-file/_site: .*a-file is not a folder"
    ):
        Staging(tmp_path / "a-file" / "_site")


HOLD_A_STAGING_FOLDER = """\
import sys, time
from pathlib import Path
from sitegen.write import Staging
staging = Staging(Path(sys.argv[1]))
staging.put("experts/a/index.html", b"half a build")
print(staging.folder, flush=True)
time.sleep(600)
"""


def _building(output: Path) -> tuple[subprocess.Popen[str], Path]:
    """A process that stages part of a build into ``output``'s staging folder and waits, as a build does."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_STAGING_FOLDER, str(output)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


@pytest.mark.skipif(sys.platform == "win32", reason="staging folders are claimed with flock")
def test_a_staging_folder_a_killed_build_left_is_removed_by_the_next_build_and_a_running_one_s_never(
    tmp_path: Path,
) -> None:
    """kill -9 (the out-of-memory killer, a CI timeout) leaves a build's staging folder, hundreds of
    MB at 10,000 experts: the next build removes it; a running build's, a folder just made and a
    link by such a name stay."""
    output = tmp_path / "_site"
    killed, left = _building(output)
    running, busy = _building(output)
    try:
        killed.kill()
        killed.wait(10)
        assert killed.stdout is not None
        killed.stdout.close()
        assert (left / "experts/a/index.html").exists()  # what kill -9 leaves
        young = tmp_path / "._site.staging-just-made"
        young.mkdir()
        outside = tmp_path / "outside"
        outside.mkdir()
        (outside / "keep.txt").write_text("not the build's")
        link = tmp_path / "._site.staging-link"
        link.symlink_to(outside, target_is_directory=True)
        old = time.time() - 2 * sitegen.claims.STALE_AFTER
        for folder in (left, busy, outside):
            os.utime(folder, (old, old))
        staging = Staging(output)  # the next build
        assert not left.exists()
        assert (busy / "experts/a/index.html").exists()
        assert young.is_dir() and link.is_symlink() and (outside / "keep.txt").exists()
        deadline = time.monotonic() + 20
        while any(tmp_path.glob("._site.previous-*")) and time.monotonic() < deadline:
            time.sleep(0.05)  # deleted in the background
        assert not any(tmp_path.glob("._site.previous-*"))
        staging.discard()
        Staging(output).discard()  # the running build's folder is left again, as long as it runs
        assert busy.exists()
    finally:
        for process in (killed, running):
            process.kill()
            process.wait(10)
            assert process.stdout is not None
            process.stdout.close()
    Staging(output).discard()  # once it has ended, it is a folder like the killed build's
    assert not busy.exists()


def test_a_file_in_pieces_is_written_as_they_come_and_linked_when_the_previous_build_wrote_the_same(
    tmp_path: Path,
) -> None:
    """The pages and data listing every expert are written piece by piece (never held whole); the
    record is the one their bytes would have, and equal bytes are linked from the last output."""
    staging = Staging(tmp_path / "_site")

    def pieces(stage: Staging, path: str, text: bytes) -> Chunks:
        def made() -> Iterator[bytes]:
            yield text[:3]
            assert (Path(stage.folder) / path).exists()  # being written before the last piece is made
            yield text[3:]

        return Chunks(made())

    record = staging.put("experts.json", pieces(staging, "experts.json", b'{"a": 1}\n'))
    other = staging.put("guide/index.html", pieces(staging, "guide/index.html", b"<p>old</p>"))
    assert (record.digest, record.size) == (digest(b'{"a": 1}\n'), 9)
    assert (Path(staging.folder) / "guide/index.html").read_bytes() == b"<p>old</p>"
    staging.publish()
    site = tmp_path / "_site"
    second = Staging(site, Previous(site, {"experts.json": record, "guide/index.html": other}))
    assert second.put("experts.json", pieces(second, "experts.json", b'{"a": 1}\n')) == record  # the same: linked
    assert os.stat(Path(second.folder) / "experts.json").st_ino == os.stat(site / "experts.json").st_ino
    changed = second.put("guide/index.html", pieces(second, "guide/index.html", b"<p>new</p>"))
    assert (Path(second.folder) / "guide/index.html").read_bytes() == b"<p>new</p>"
    assert changed.digest == digest(b"<p>new</p>")
    assert os.stat(Path(second.folder) / "guide/index.html").st_ino != os.stat(site / "guide/index.html").st_ino
    assert whole(Chunks([b"a", b"", b"bc"])) == b"abc" and whole(b"abc") == b"abc"
    second.discard()


def test_a_template_error_in_a_page_written_in_pieces_is_located_and_leaves_the_site_untouched(
    make_site: SiteFactory,
) -> None:
    root, before = built_pair(make_site)
    (root / "templates").mkdir()
    (root / "templates/guide.html").write_text(
        '{% extends "base.html" %}{% block main %}{% for g in guide %}{{ g.nope.x }}{% endfor %}{% endblock %}'
    )
    with pytest.raises(BuildError) as failure:
        build_site(root, None, TODAY)
    assert failure.value.message.startswith("templates/guide.html:1: 'sitegen.render.TopicGroup object' has no")
    assert tree(root / "_site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("._site")) == []
