"""Builds with the build cache: after any series of edits, the output equals a cold build's, byte for byte."""

from __future__ import annotations

import copy
import dataclasses
import hmac
import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import sitegen.build
import sitegen.check
import sitegen.claims
import sitegen.parallel
import sitegen.profiles
import sitegen.render
from sitegen import photos
from sitegen.build import PhotoCache, build_site, process_photos
from sitegen.cache import MAGIC, SIGNATURE, Store
from sitegen.check import check_site
from sitegen.discover import discover
from sitegen.fingerprint import SHORT_TEXT, Fingerprints, digest
from sitegen.profiles import known_profiles
from sitegen.templating import make_environment, theme_dir
from sitegen.views import ExpertView
from tests.conftest import TODAY, copy_sample


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def inode(path: Path) -> int:
    return path.stat().st_ino


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "site")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def edit_profile(root: Path) -> None:
    replace_in(root / "experts/ana-ruiz-castellanos.yaml", "headline: ", "headline: Newly edited. ")


def add_expert(root: Path) -> None:
    text = (root / "experts/ana-ruiz-castellanos.yaml").read_text("utf-8")
    text = text.replace("Ana Ruiz Castellanos", "Zoe Added Person").replace("Ruiz Castellanos", "Added Person")
    (root / "experts/zoe-added-person.yaml").write_text(text.replace("ana.ruiz@", "zoe.added@"), "utf-8")


def remove_expert(root: Path) -> None:
    (root / "experts/zoe-added-person.yaml").unlink()


def edit_template(root: Path) -> None:
    (root / "templates").mkdir(exist_ok=True)
    text = (theme_dir() / "expert.html").read_text("utf-8")
    (root / "templates/expert.html").write_text(text.replace("</h1>", "</h1><!-- edited -->", 1), "utf-8")


def edit_asset(root: Path) -> None:
    (root / "templates/assets").mkdir(parents=True, exist_ok=True)
    css = (theme_dir() / "assets/site.css").read_text("utf-8")
    (root / "templates/assets/site.css").write_text(css + "\n/* edited */\n", "utf-8")


def edit_config(root: Path) -> None:
    replace_in(root / "site.toml", 'title = "', 'title = "The ')


def change_photo(root: Path) -> None:
    photo = next(p for p in sorted((root / "experts").rglob("*.jpg")))
    image = Image.new("RGB", (400, 400), (20, 120, 200))
    data = io.BytesIO()
    image.save(data, "JPEG", quality=90)
    photo.write_bytes(data.getvalue())


def touch_without_change(root: Path) -> None:
    path = root / "experts/david-cohen.yaml"
    path.write_bytes(path.read_bytes())


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("nothing", lambda root: None),
    ("edit a profile", edit_profile),
    ("add an expert", add_expert),
    ("rewrite a profile unchanged", touch_without_change),
    ("edit a template", edit_template),
    ("edit a theme asset", edit_asset),
    ("edit site.toml", edit_config),
    ("change a photo", change_photo),
    ("remove an expert", remove_expert),
]


def test_cached_builds_after_a_series_of_edits_equal_cold_builds(site: Path, tmp_path: Path) -> None:
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, store=store)
    for name, edit in EDITS:
        edit(site)
        build_site(site, None, TODAY, store=store)
        build_site(site, Path("_cold"), TODAY)  # no cache at all
        cached, cold = tree(site / "_site"), tree(site / "_cold")
        assert cached.keys() == cold.keys(), name
        assert [p for p in cached if cached[p] != cold[p]] == [], name


def test_an_expert_is_fingerprinted_by_its_profile_file(site: Path) -> None:
    """The fingerprints a build compares take an expert's profile file (by digest) for the model parsed
    from it: the model is made from those bytes alone, as the build cache already relies on."""
    checked = check_site(site, TODAY).site
    assert checked is not None
    entry, second = checked.experts[0], checked.experts[1]
    assert entry.source_digest == digest((site / "experts" / f"{entry.slug}.yaml").read_bytes())

    def of(value: object) -> bytes:
        return Fingerprints().of(value)

    assert of(entry) == of(dataclasses.replace(entry, expert=second.expert))  # the same file: the same
    assert of(entry) != of(dataclasses.replace(entry, source_digest=digest(b"edited")))
    assert of(entry) != of(dataclasses.replace(entry, status="unlisted"))  # what the site decided counts too
    assert of(entry) != of(dataclasses.replace(entry, topics=second.topics))
    assert of(entry) != of(dataclasses.replace(entry, affiliation="Elsewhere"))
    unknown = dataclasses.replace(entry, source_digest=b"")  # no file known: the model itself
    assert of(unknown) != of(dataclasses.replace(unknown, expert=second.expert))


def test_a_pages_values_are_fingerprinted_by_every_field_and_every_text(site: Path) -> None:
    """A view (a frozen dataclass with slots, pickled field by field through the fingerprint's own
    reducers) fingerprints alike whenever its values are equal, and differently when any one field
    changes, nested views included; a text alike whether or not its fingerprint was remembered."""
    checked = check_site(site, TODAY).site
    assert checked is not None
    headshots, _ = process_photos(checked, site)
    plan = sitegen.render.plan_site(checked, make_environment(site, checked.config.site.base_url), headshots)
    views = [a for item in plan for a in item.make.args if isinstance(a, ExpertView)]  # type: ignore[attr-defined]
    view = next(v for v in views if v.photo.renditions)  # a photo: its headshot is a view within the view

    def of(value: object) -> bytes:
        return Fingerprints().of(value)

    assert of(view) == of(copy.deepcopy(view))  # equal values, no object shared
    for field in dataclasses.fields(view):
        changed: dict[str, Any] = {field.name: "changed"}  # of another type for most: a value the view never held
        assert of(view) != of(dataclasses.replace(view, **changed)), field.name
    assert of(view) != of(dataclasses.replace(view, photo=dataclasses.replace(view.photo, alt="changed")))
    assert of(view) != of(dataclasses.replace(view, office=dataclasses.replace(view.office, hours="changed")))
    prints, long = Fingerprints(), view.headline * 10
    assert len(long) > SHORT_TEXT
    for text in ("expert", long):
        assert prints.of(text) == prints.of(text) == of(text) == of("".join(text))  # remembered or not
    assert prints.of("expert") != prints.of("experts")
    assert prints.of("expert") == of("expert") and prints.of("experts") == of("experts")  # each remembered as itself


SAVING_FOR_EVER = """\
import sys, time
from pathlib import Path
from sitegen.cache import Store

class Slow:
    def __reduce__(self):
        print("writing", flush=True)
        time.sleep(600)
        return (Slow, ())

Store(Path(sys.argv[1]), Path(sys.argv[2])).save("profiles", ["x" * 100_000, Slow()])
"""


def _saving(site: Path, cache: Path) -> subprocess.Popen[str]:
    """A process writing a cache entry, stopped in the middle of it."""
    process = subprocess.Popen(
        [sys.executable, "-c", SAVING_FOR_EVER, str(site), str(cache)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "writing\n"
    process.stdout.close()
    return process


@pytest.mark.skipif(sys.platform == "win32", reason="cache entries being written are held with flock")
def test_a_cache_entry_a_killed_process_was_writing_is_removed_and_one_being_written_is_not(
    site: Path, tmp_path: Path
) -> None:
    """kill -9 while the cache is saved leaves its temporary file (hundreds of MB at 100,000
    experts): the next run removes it, never one another process is writing, nor a new one."""
    cache = tmp_path / "cache"
    folder = Store(site, cache).folder
    killed = _saving(site, cache)
    killed.kill()
    killed.wait(10)
    [left] = folder.glob(".profiles-*")
    writing = _saving(site, cache)
    try:
        [busy] = set(folder.glob(".profiles-*")) - {left}
        young = folder / ".photos-young"
        young.write_bytes(b"being written, not yet held")
        outside = tmp_path / "outside.txt"
        outside.write_text("not the cache's")
        (folder / ".search-link").symlink_to(outside)
        old = time.time() - 2 * sitegen.claims.STALE_AFTER
        for path in (left, busy, outside):
            os.utime(path, (old, old))
        Store(site, cache)  # the next run
        assert not left.exists()
        assert busy.exists() and young.exists() and (folder / ".search-link").is_symlink() and outside.exists()
    finally:
        writing.kill()
        writing.wait(10)
    Store(site, cache)
    assert not busy.exists()  # once its process has ended, as the killed one's


def test_unchanged_files_are_linked_not_written_and_changed_ones_remade(site: Path, tmp_path: Path) -> None:
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, store=store)
    out = site / "_site"
    before = {p: inode(out / p) for p in ("experts/david-cohen/index.html", "experts/ana-ruiz-castellanos/index.html")}
    search_meta = inode(out / "search/index/meta.json")
    build_site(site, None, TODAY, store=store)
    assert {p: inode(out / p) for p in before} == before  # nothing changed: every file kept
    assert inode(out / "search/index/meta.json") == search_meta
    edit_profile(site)
    build_site(site, None, TODAY, store=store)
    assert inode(out / "experts/david-cohen/index.html") == before["experts/david-cohen/index.html"]
    assert inode(out / "experts/ana-ruiz-castellanos/index.html") != before["experts/ana-ruiz-castellanos/index.html"]
    assert "Newly edited." in (out / "experts/ana-ruiz-castellanos/index.html").read_text("utf-8")


def test_after_a_cold_build_an_edit_renders_only_the_pages_it_changes(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build fingerprints each page's inputs as it makes it (nothing can be kept then); the
    next build must find every other page's inputs unchanged and render only the edited ones."""
    rendered: list[str] = []
    real = sitegen.render._page_bytes

    def counting(env: Any, template: str, values: dict[str, Any]) -> bytes:
        rendered.append(values["page"].url)
        return real(env, template, values)

    counting.__module__, counting.__qualname__ = real.__module__, real.__qualname__  # the same call, by name
    monkeypatch.setattr(sitegen.render, "_page_bytes", counting)
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, store=store)
    everything = len(rendered)
    rendered.clear()
    edit_profile(site)  # Ana's headline: her page, and the topic pages whose cards show it
    build_site(site, None, TODAY, store=store)
    assert "/experts/ana-ruiz-castellanos/" in rendered
    assert not any("/experts/david-cohen/" in url for url in rendered)
    assert 0 < len(rendered) < everything / 3


def test_a_cold_build_in_several_processes_remembers_the_same_inputs(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitegen.build, "PARALLEL_MIN", 1)
    build_site(site, Path("_one"), TODAY, store=Store(site, tmp_path / "one"))
    build_site(site, Path("_two"), TODAY, store=Store(site, tmp_path / "two"), jobs=2)
    one = Store(site, tmp_path / "one").load("build", sitegen.build.BuildMemory)
    two = Store(site, tmp_path / "two").load("build", sitegen.build.BuildMemory)
    assert one is not None and two is not None
    planned = {
        path for path in one.files if path not in one.search_files and not path.startswith(("photos/", "assets/"))
    }
    assert set(one.inputs) == planned  # every page and data file; not the index, headshots or the theme's assets
    assert one.inputs == two.inputs


def test_an_edit_build_links_the_pages_it_keeps_before_waiting_for_the_search_index(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an edit the search index's process is the longest task: the pages kept from the last
    build are linked into the new output while it runs, not once it has ended."""
    monkeypatch.setattr(sitegen.build, "PARALLEL_MIN", 1)
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, store=store, jobs=2)
    kept = "experts/david-cohen/index.html"
    before = inode(site / "_site" / kept)
    edit_profile(site)  # Ana's headline: David's page is kept, the index made again
    seen: list[bool] = []
    wait = sitegen.parallel.Ahead.result

    def result(self: sitegen.parallel.Ahead[Any]) -> Any:
        staging = list(site.glob("._site.staging-*"))
        if staging:  # a wait while the new output is being made: is the kept page in it already?
            seen.append((staging[0] / kept).exists())
        return wait(self)

    monkeypatch.setattr(sitegen.parallel.Ahead, "result", result)
    build_site(site, None, TODAY, store=store, jobs=2)
    assert seen == [True]  # the one wait for the index, the kept page linked before it
    assert inode(site / "_site" / kept) == before


def profile_savers(monkeypatch: pytest.MonkeyPatch, log: Path) -> Callable[[], list[int]]:
    """Note the process that saves the profiles to the cache each time; gives the ones so far."""
    save = Store.save

    def recorded(self: Store, name: str, value: object) -> bool:
        if name == "profiles":
            with log.open("a") as file:
                file.write(f"{os.getpid()}\n")
        return save(self, name, value)

    monkeypatch.setattr(Store, "save", recorded)
    return lambda: [int(pid) for pid in log.read_text().split()]


def kept_keys(store: Store) -> set[tuple[str, bytes]] | None:
    """The (path, digest) of every profile the cache holds, None if it holds none."""
    kept = store.load("profiles", tuple)
    return None if kept is None else set(known_profiles(kept))


def profile_keys(site: Path) -> set[tuple[str, bytes]]:
    """The keys the cache should hold the site's profiles under: path and digest of the bytes."""
    return {(f"experts/{f.name}", digest(f.read_bytes())) for f in (site / "experts").glob("*.yaml")}


def test_a_build_in_several_processes_keeps_the_checks_learning_from_a_process_of_its_own(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check's profiles are saved beside the build (seconds at 100,000 experts, before the
    search index could start), and are there for the next check all the same, as its verdicts."""
    monkeypatch.setattr(sitegen.check, "PARALLEL_MIN", 1)
    monkeypatch.setattr(sitegen.build, "PARALLEL_MIN", 1)
    # Every photo counts as settled: one copied in just now is remembered only once it is two
    # seconds old, which a slow or busy machine reaches between the build and the check below.
    monkeypatch.setattr(photos, "SETTLED_NS", 0)
    savers = profile_savers(monkeypatch, tmp_path / "savers")
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, jobs=2, store=store)
    assert savers() != [os.getpid()] and len(savers()) == 1
    assert kept_keys(store) == profile_keys(site)
    assert store.load("check", sitegen.check.CheckMemory) == check_site(site, TODAY).memory
    edit_profile(site)
    build_site(site, None, TODAY, store=store)  # in one process: saved at once, by this one
    assert savers()[1:] == [os.getpid()]


def test_editing_a_template_remakes_only_the_pages_that_use_it(site: Path, tmp_path: Path) -> None:
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, store=store)
    out = site / "_site"
    topic, profile = out / "topics/climate-change/index.html", out / "experts/david-cohen/index.html"
    topic_before, profile_before = inode(topic), inode(profile)
    edit_template(site)  # expert.html only
    build_site(site, None, TODAY, store=store)
    assert inode(topic) == topic_before
    assert inode(profile) != profile_before
    assert "<!-- edited -->" in profile.read_text("utf-8")
    (site / "templates/base.html").write_text(
        (theme_dir() / "base.html").read_text("utf-8").replace("<body", "<!-- base --><body", 1), "utf-8"
    )
    build_site(site, None, TODAY, store=store)  # every page extends base.html
    assert inode(topic) != topic_before
    assert "<!-- base -->" in topic.read_text("utf-8")


def add_unused_template(root: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates/unused.html").write_text("{{ 1 }}", "utf-8")


def test_a_build_with_nothing_changed_plans_nothing(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, store=store)
    out = site / "_site"
    before, page = tree(out), out / "experts/david-cohen/index.html"
    planned: list[int] = []
    real_plan = sitegen.render.plan_site

    def counting(*args: Any, **kwargs: Any) -> Any:
        planned.append(1)
        return real_plan(*args, **kwargs)

    monkeypatch.setattr(sitegen.build, "plan_site", counting)
    first = inode(page)
    report = build_site(site, None, TODAY, store=store)
    assert (planned, tree(out), inode(page)) == ([], before, first)  # the output left as it was
    assert (report.files, report.experts) == (len(before) - 1, 45)  # its marker file is not counted
    touch_without_change(site)  # same bytes: still nothing to do
    build_site(site, None, TODAY, store=store)
    assert planned == []
    # Each of these makes the build plan again, and its output equal a cold build's:
    for change in (
        lambda: (out / "stray.html").write_text("left by hand"),
        (out / "experts/david-cohen/index.html").unlink,
        lambda: add_unused_template(site),
        lambda: build_site(site, Path("_elsewhere"), TODAY, store=store),  # the last build went elsewhere
        lambda: edit_profile(site),
    ):
        change()
        planned.clear()
        build_site(site, None, TODAY, store=store)
        assert planned == [1]
        build_site(site, Path("_cold"), TODAY)
        assert tree(out) == tree(site / "_cold")


def test_an_output_file_changed_by_hand_is_made_again(site: Path, tmp_path: Path) -> None:
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, store=store)
    page = site / "_site/experts/david-cohen/index.html"
    original = page.read_bytes()
    page.write_bytes(b"tampered")
    os.utime(page, ns=(1, 1))
    build_site(site, None, TODAY, store=store)
    assert page.read_bytes() == original


def test_a_failed_build_with_the_cache_leaves_the_site_untouched(site: Path, tmp_path: Path) -> None:
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, store=store)
    before = tree(site / "_site")
    replace_in(site / "experts/ana-ruiz-castellanos.yaml", "reviewed: ", "reviewed: 2026-02-30 #")
    with pytest.raises(Exception, match="the site has errors"):
        build_site(site, None, TODAY, store=store)
    assert tree(site / "_site") == before


def test_cache_entries_are_signed_and_versioned(site: Path, tmp_path: Path) -> None:
    store = Store(site, tmp_path / "cache")
    store.save("thing", {"a": 1})
    assert store.load("thing", dict) == {"a": 1}
    path = store.folder / "thing.pickle"
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF  # one flipped bit in the pickle: the signature no longer matches, nothing is unpickled
    path.write_bytes(bytes(data))
    assert store.load("thing", dict) is None
    store.save("thing", {"a": 1})
    other = Store(site, tmp_path / "cache")
    other.environment = "sitegen=0.0.0"  # another version of sitegen or of a library
    assert other.load("thing", dict) is None
    foreign = Store(site, tmp_path / "elsewhere")  # another machine's key
    shutil.copy(path, foreign.folder / "thing.pickle")
    assert foreign.load("thing", dict) is None
    assert (tmp_path / "cache" / "key").stat().st_mode & 0o777 == 0o600


def test_a_cache_entry_is_pickled_into_its_file_and_signed_whole(site: Path, tmp_path: Path) -> None:
    """An entry is pickled straight into its file (never held whole), in many pieces, its signature
    over all of them put in front."""
    store = Store(site, tmp_path / "cache")
    big = {str(n): f"value {n} " * 20 for n in range(20_000)}  # 3 MB: dozens of the pickler's frames
    store.save("big", big)
    data = (store.folder / "big.pickle").read_bytes()
    signature, body = data[len(MAGIC) : len(MAGIC) + SIGNATURE], data[len(MAGIC) + SIGNATURE :]
    assert data.startswith(MAGIC) and len(body) > 3_000_000
    assert signature == hmac.digest(store.key, body, "sha256")
    assert store.load("big", dict) == big


def test_the_cache_lives_outside_the_site(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITEGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    store = Store(site)
    assert store.folder.is_relative_to(tmp_path / "xdg" / "sitegen")
    assert not store.folder.is_relative_to(site)


def test_the_photo_cache_keeps_only_this_builds_photos(site: Path) -> None:
    report = check_site(site, TODAY)
    assert report.site is not None
    cache: PhotoCache = {}
    process_photos(report.site, site, cache=cache)
    fresh = dict(cache)
    assert fresh and all(key[0] in {e.slug for e in report.site.built} for key in fresh)
    change_photo(site)
    process_photos(report.site, site, cache=cache)
    assert len(cache) == len(fresh) and cache.keys() != fresh.keys()  # the replaced photo's old entry is gone


def test_check_reuses_parsed_profiles_and_rewrites_the_cache_only_when_they_change(site: Path) -> None:
    from click.testing import CliRunner

    from sitegen.cli import main

    def check() -> str:
        result = CliRunner().invoke(main, ["--site", str(site), "check", "--format", "json"])
        assert result.exit_code == 0, result.output
        return result.output

    first = check()
    entry = Store(site).folder / "profiles.pickle"
    written = entry.stat().st_mtime_ns, inode(entry)
    assert check() == first  # every profile from the cache: the same report
    assert (entry.stat().st_mtime_ns, inode(entry)) == written  # and the entry was not written again
    edit_profile(site)
    assert check() == first  # the edit adds no problem
    assert inode(entry) != written[1]  # the edited profile's new parse was kept
    assert kept_keys(Store(site)) == profile_keys(site)


def test_a_check_in_several_processes_reports_as_one_and_saves_its_profiles_from_another(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers read the files the cache does not know themselves, site.toml is read beside
    them, and the profiles are saved from a process of their own while the check goes on."""
    from click.testing import CliRunner

    from sitegen.cli import main

    monkeypatch.setattr(sitegen.profiles, "PARALLEL_MIN", 1)
    monkeypatch.setattr(sitegen.check, "PARALLEL_MIN", 1)
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    savers = profile_savers(monkeypatch, tmp_path / "savers")
    replace_in(site / "experts/ana-ruiz-castellanos.yaml", "headline: ", "headline: Zero\u200bwidth. ")

    def check(*options: str) -> str:
        result = CliRunner().invoke(main, ["--site", str(site), *options, "check", "--format", "json"])
        assert result.exit_code == 1, result.output
        return result.output

    alone = check("--no-cache", "--jobs", "1")
    assert "headline" in alone
    assert check("--jobs", "2") == alone
    assert savers() != [os.getpid()]
    kept = Store(site).load("profiles", tuple)
    assert kept is not None and kept[0] and kept[1] == {}  # as the workers packed them, none pickled again
    assert check("--jobs", "2") == alone and len(savers()) == 1  # all from the cache: nothing saved
    edit_profile(site)  # one file changed: read here to compare, parsed again in a worker
    assert check("--jobs", "2") == check("--no-cache", "--jobs", "1")
    assert len(savers()) == 2
    assert kept_keys(Store(site)) == profile_keys(site)
    kept = Store(site).load("profiles", tuple)
    assert kept is not None and len(kept[1]) == len(profile_keys(site)) - 1  # the edited one in a pack


def test_profiles_parsed_where_no_worker_can_be_forked_are_kept_unpacked(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process with threads (the preview) parses here: nothing is pickled for the cache until saved."""
    monkeypatch.setattr(sitegen.profiles, "PARALLEL_MIN", 1)
    monkeypatch.setattr(sitegen.profiles, "can_fork", lambda: False)
    monkeypatch.setattr(sitegen.parallel, "can_fork", lambda: False)
    sources = discover(site).sources
    with sitegen.profiles.parsing(sources, 2) as parsed:
        done = parsed()
    packs, others = done.kept
    assert packs == () and set(others) == profile_keys(site) and len(done.profiles) == len(sources)


def test_the_validators_load_what_they_use_before_workers_are_forked() -> None:
    """Loaded once in the parent, shared by every worker it forks (each loaded its own before); the
    language names are not among them (the registry says which tags are known). In a new
    interpreter: this one has loaded every module the other tests used."""
    script = (
        "import sys; from sitegen.fields import load_validators; load_validators(); "
        "print(' '.join(sorted(sys.modules)))"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert {"langcodes.data_dicts", "pycountry", "phonenumbers", "email_validator"} <= set(found)
    assert "language_data.name_data" not in found


def test_check_opens_a_photo_again_only_when_its_file_changed(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    judge = photos.image_problem

    def counted(path: Path) -> str:
        opened.append(path.name)
        return judge(path)

    monkeypatch.setattr(photos, "image_problem", counted)
    named = sorted(p.relative_to(site / "experts").as_posix() for p in (site / "experts/photos").iterdir())

    fresh = check_site(site, TODAY)
    assert len(opened) == len(named) and fresh.memory.config is not None
    assert fresh.memory.photos == {}  # every file was copied just now: too recent to vouch for (racily clean)

    monkeypatch.setattr(photos, "SETTLED_NS", 0)  # from here on, every file counts as settled
    first = check_site(site, TODAY, memory=fresh.memory)
    assert sorted(first.memory.photos) == named and all(message == "" for _, message in first.memory.photos.values())
    opened.clear()
    again = check_site(site, TODAY, memory=first.memory)
    assert opened == [] and again.problems == first.problems and again.memory == first.memory

    photo = site / "experts" / named[0]
    photo.write_bytes(b"not an image at all")
    third = check_site(site, TODAY, memory=again.memory)
    assert opened == [photo.name]  # only the changed file was opened again
    broken = [p for p in third.problems if p.field == "photo.file"]
    assert len(broken) == 1 and "not a JPEG, PNG or WebP image" in broken[0].message
    assert third.memory.photos[named[0]][1] == broken[0].message

    owner = next(p for p in (site / "experts").glob("*.yaml") if named[1] in p.read_text("utf-8"))
    owner.unlink()  # the verdict on a photo no profile names any more is forgotten
    assert sorted(check_site(site, TODAY, memory=third.memory).memory.photos) == [named[0], *named[2:]]


def test_photos_opened_in_several_processes_are_judged_as_in_one(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    openers = tmp_path / "openers"
    judge = photos.image_problem

    def recorded(path: Path) -> str:
        with openers.open("a") as file:
            file.write(f"{os.getpid()}\n")
        return judge(path)

    monkeypatch.setattr(photos, "image_problem", recorded)
    monkeypatch.setattr(photos, "SETTLED_NS", 0)
    monkeypatch.setattr(photos, "PARALLEL_PHOTOS", 1)
    named = sorted((site / "experts/photos").iterdir())
    named[0].write_bytes(b"not an image at all")
    alone = check_site(site, TODAY, jobs=1)
    assert openers.read_text().split() == [str(os.getpid())] * len(named)
    openers.unlink()
    several = check_site(site, TODAY, jobs=2)
    assert os.getpid() not in {int(pid) for pid in openers.read_text().split()}
    assert len(openers.read_text().split()) == len(named)
    assert several.problems == alone.problems and several.memory == alone.memory
    assert [p.field for p in several.problems if p.is_error] == ["photo.file"]


def test_a_kept_search_index_comes_with_the_statistics_it_was_scored_with(site: Path, tmp_path: Path) -> None:
    """The preview patches edits into the last build's index with them, even when that build kept the index."""
    store = Store(site, tmp_path / "cache")
    first = build_site(site, None, TODAY, store=store)
    assert first.search_basis is not None and first.search_basis.documents == len(first.site.listed)
    search_meta = inode(site / "_site/search/index/meta.json")
    edit_template(site)
    kept = build_site(site, None, TODAY, store=store)
    assert inode(site / "_site/search/index/meta.json") == search_meta  # the index was kept, not made
    assert kept.search_basis == first.search_basis
    edit_profile(site)
    remade = build_site(site, None, TODAY, store=store)
    assert remade.search_basis is not None and remade.search_basis != first.search_basis  # new headline lengths
    (store.folder / "build-search.pickle").unlink()  # a cache without them: the preview cannot patch
    replace_in(site / "templates/expert.html", "<!-- edited -->", "<!-- edited again -->")
    assert build_site(site, None, TODAY, store=store).search_basis is None
    assert build_site(site, None, TODAY).search_basis is not None  # no cache: the index is always made


def test_in_several_processes_the_index_starts_at_once_and_stops_if_it_may_be_kept(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search index's process starts before its content is fingerprinted (seconds at 10,000
    experts); when the content is unchanged it is stopped, and the last index kept."""
    monkeypatch.setattr(sitegen.profiles, "PARALLEL_MIN", 1)
    monkeypatch.setattr(sitegen.build, "PARALLEL_MIN", 1)
    started: list[sitegen.parallel.Ahead[object]] = []
    stopped: list[sitegen.parallel.Ahead[object]] = []
    real_ahead, real_stop = sitegen.parallel.Ahead, sitegen.parallel.Ahead.stop

    def start(task: Callable[[Callable[[], object]], object]) -> sitegen.parallel.Ahead[object]:
        started.append(real_ahead(task))
        return started[-1]

    def stop(ahead: sitegen.parallel.Ahead[object]) -> None:
        stopped.append(ahead)
        real_stop(ahead)

    monkeypatch.setattr(sitegen.build, "Ahead", start)
    monkeypatch.setattr(sitegen.parallel.Ahead, "stop", stop)
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, jobs=2, store=store)
    assert len(started) == 1 and not stopped
    search_meta = inode(site / "_site/search/index/meta.json")
    edit_template(site)
    build_site(site, None, TODAY, jobs=2, store=store)
    assert len(started) == 2 and stopped == [started[1]]
    assert not started[1].process.is_alive()
    assert inode(site / "_site/search/index/meta.json") == search_meta  # the last index, kept
    edit_profile(site)
    build_site(site, None, TODAY, jobs=2, store=store)
    assert len(started) == 3 and stopped == [started[1]]  # changed content: the index is remade
    assert inode(site / "_site/search/index/meta.json") != search_meta


def test_processed_photos_are_saved_when_they_change_and_beside_a_build_in_several_processes(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitegen.profiles, "PARALLEL_MIN", 1)
    monkeypatch.setattr(sitegen.build, "PARALLEL_MIN", 1)
    savers = tmp_path / "savers"
    save = sitegen.build._save_photos

    def recorded(store: Store, photos: PhotoCache | None, *rest: Any) -> None:
        with savers.open("a") as file:
            file.write(f"{os.getpid()}:{photos is not None}\n")
        save(store, photos, *rest)

    monkeypatch.setattr(sitegen.build, "_save_photos", recorded)
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, jobs=2, store=store)
    kept = store.load("photos", dict)
    assert kept is not None and len(kept) == sum(1 for _ in (site / "experts/photos").iterdir())
    saved = store.folder / "photos.pickle"
    first = inode(saved)
    edit_profile(site)  # text only: the same photos
    build_site(site, None, TODAY, jobs=2, store=store)
    assert inode(saved) == first
    photo = sorted((site / "experts/photos").iterdir())[0]
    with Image.open(photo) as opened:
        changed = opened.convert("RGB")
    changed.paste((0, 0, 255), (0, 0, 50, 50))
    changed.save(photo, opened.format)
    build_site(site, None, TODAY, jobs=2, store=store)
    assert inode(saved) != first
    again = store.load("photos", dict)
    assert again is not None and len(again) == len(kept) and again.keys() != kept.keys()
    calls = [line.split(":") for line in savers.read_text().split()]
    assert [changed for _, changed in calls] == ["True", "False", "True"]
    assert all(int(pid) != os.getpid() for pid, _ in calls)  # each beside the build, in a process of its own


def test_a_photo_unchanged_since_it_was_hashed_is_not_read_again(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Photos are known by their bytes' hash; a file still as it was when hashed (and settled then) is
    not read again by any build, one with nothing changed included; a changed one is."""
    hashed: list[str] = []
    real_hash = sitegen.build._content_hash

    def counting(path: str) -> str:
        hashed.append(os.path.basename(path))
        return real_hash(path)

    monkeypatch.setattr(sitegen.build, "_content_hash", counting)
    monkeypatch.setattr(photos, "SETTLED_NS", 10**18)  # every file counts as just changed (racily clean)
    store = Store(site, tmp_path / "cache")
    build_site(site, None, TODAY, store=store)
    every = sorted(hashed)
    assert len(every) >= 5
    hashed.clear()
    build_site(site, None, TODAY, store=store)
    assert sorted(hashed) == every  # too recent to vouch for: read again
    monkeypatch.setattr(photos, "SETTLED_NS", 0)  # from here on, every file counts as settled
    hashed.clear()
    build_site(site, None, TODAY, store=store)  # nothing changed: hashed once more, and remembered
    assert sorted(hashed) == every
    hashed.clear()
    build_site(site, None, TODAY, store=store)
    assert hashed == []
    photo = next(p for p in (site / "experts/photos").iterdir() if p.name == every[0])
    with Image.open(photo) as opened:
        changed = opened.convert("RGB")
    changed.paste((255, 0, 0), (0, 0, 100, 100))
    changed.save(photo, opened.format)
    hashed.clear()
    build_site(site, None, TODAY, store=store)
    assert hashed == [photo.name]
    build_site(site, Path("_cold"), TODAY)
    assert tree(site / "_site") == tree(site / "_cold")
