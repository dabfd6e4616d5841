"""The preview's quick pass: the edited profiles' files, byte for byte what the full build makes next."""

from __future__ import annotations

import dataclasses
import mmap
import shutil
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from sitegen import live, quick, urls
from sitegen.build import BuildReport, build_site
from sitegen.collate import in_az_order
from sitegen.live import LiveState, Rebuilder, scratch_folder
from sitegen.preview import make_server, serve_in_background
from sitegen.quick import QuickBase, quick_base, quick_files, warm_parts
from sitegen.search_export import ROOT, files_folder
from sitegen.search_patch import SearchBase
from sitegen.templating import make_environment
from sitegen.write import whole
from tests.conftest import REPO, TODAY
from tests.test_incremental import replace_in

ANA = "experts/ana-ruiz-castellanos.yaml"


def built_sample(root: Path) -> BuildReport:
    """The sample's profiles and site.toml copied into ``root``, built into its ``_before``."""
    shutil.copytree(REPO / "experts", root / "experts")
    shutil.copy(REPO / "site.toml", root / "site.toml")
    return build_site(root, Path("_before"), TODAY)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, QuickBase]:
    """The sample, built once: the last good build the quick pass starts from."""
    root = tmp_path_factory.mktemp("pristine") / "site"
    report = built_sample(root)
    env = make_environment(root, report.site.config.site.base_url)
    return root, quick_base(root, report.site, report.headshots, env, False, built=root / "_before")


@pytest.fixture
def site(tmp_path: Path, pristine: tuple[Path, QuickBase]) -> Path:
    root = tmp_path / "site"
    shutil.copytree(pristine[0], root)
    return root


def base_of(root: Path, pristine: tuple[Path, QuickBase], local_forms: bool = False) -> QuickBase:
    return dataclasses.replace(pristine[1], site_root=root, local_forms=local_forms, built=root / "_before")


EDITS: dict[str, Callable[[Path], None]] = {
    "headline": lambda root: replace_in(root / ANA, "headline: ", "headline: Newly edited. "),
    "bio with markup": lambda root: replace_in(root / ANA, "bio: |\n", "bio: |\n  <b>raw</b> and *stress*.\n"),
    "a topic swapped (counts change)": lambda root: replace_in(root / ANA, "  - climate-change\n", "  - energy\n"),
    # Ruiz sorts last among energy's experts, and between Mukendi and Whitehorse among these.
    "a topic swapped, into the middle of its list (counts change)": lambda root: replace_in(
        root / ANA, "  - climate-change\n", "  - human-rights\n"
    ),
    "name (moves in A–Z order)": lambda root: replace_in(
        root / ANA, "name: Ana Ruiz Castellanos", "name: Zoe Ruiz Castellanos"
    ),
    "unlisted (counts change)": lambda root: replace_in(root / ANA, "title: ", "status: unlisted\ntitle: "),
    "availability": lambda root: replace_in(root / ANA, "status: available", "status: limited"),
}


def output_files(root: Path) -> dict[str, bytes]:
    """Every file of a built site but its search index (the quick pass patches that apart), by path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).as_posix().startswith("search/index/")
    }


def is_topic_page(path: str) -> bool:
    """A page listing a topic's experts (not the topics' index)."""
    return path.startswith("topics/") and path.endswith(".html") and path != "topics/index.html"


@pytest.fixture
def scratch(site: Path) -> Iterator[Path]:
    """A preview's scratch folder, held and removed as ``sitegen serve`` does."""
    with scratch_folder(site) as folder:
        yield folder


@pytest.mark.parametrize(("edit", "local_forms"), [*((edit, False) for edit in sorted(EDITS)), ("headline", True)])
def test_quick_files_are_the_full_builds_bytes(
    site: Path, pristine: tuple[Path, QuickBase], edit: str, local_forms: bool
) -> None:
    """Every file the edit changes (but the search index, patched apart) is among the quick files,
    which are the bytes the full build then makes."""
    base = base_of(site, pristine, local_forms)
    EDITS[edit](site)
    files = quick_files(base, [site / ANA], TODAY)
    assert files is not None
    own = {"experts/ana-ruiz-castellanos.vcf", "experts/ana-ruiz-castellanos/index.html"}
    before = output_files(site / "_before")
    assert local_forms or {path: files[path] for path in own} != {path: before[path] for path in own}  # it shows
    build_site(site, Path("_after"), TODAY, local_forms=local_forms)
    after = output_files(site / "_after")
    assert files == {path: after[path] for path in files}
    changed = {path for path in after.keys() | before.keys() if after.get(path) != before.get(path)}
    assert any(map(is_topic_page, files))  # the topic pages listing the expert, remade
    assert "experts.json" in changed  # and beyond them: on the open data, and so on
    assert "experts/index.html" in changed or not edit.startswith(("name", "unlisted"))  # the A–Z list
    assert any(map(is_topic_page, changed)) or not edit.endswith("(counts change)")
    if not local_forms:  # every file the edit changed is among the quick files
        assert changed <= set(files), sorted(changed - set(files))


def test_the_open_data_of_the_experts_an_edit_leaves_alone_is_the_last_builds(
    site: Path, pristine: tuple[Path, QuickBase]
) -> None:
    """The quick pass reuses the last build's open data for everyone but the edited experts (here a
    mark put into another expert's, to see it), read once for every edit until the next build (the
    file gone, the next edit's pieces are the same), and makes it whole when it cannot be read."""
    base = base_of(site, pristine)
    built = site / "_before" / "experts.json"
    document = built.read_bytes()
    other = b'"slug": "tomasz-wisniewski",\n      "url": '
    assert document.count(other) == 1
    built.write_bytes(document.replace(other, b'"slug": "tomasz-wisniewski",\n      "url": "marked",\n      "url": '))
    replace_in(site / ANA, "headline: ", "headline: Newly edited. ")
    files = quick_files(base, [site / ANA], TODAY)
    assert files is not None
    assert b'"url": "marked"' in files["experts.json"]
    assert b'"headline": "Newly edited. ' in files["experts.json"]
    built.unlink()
    replace_in(site / ANA, "headline: ", "headline: Again. ")
    next_edit = quick_files(base, [site / ANA], TODAY)
    assert next_edit is not None
    assert b'"url": "marked"' in next_edit["experts.json"]
    assert b'"headline": "Again. Newly edited. ' in next_edit["experts.json"]
    again = quick_files(base_of(site, pristine), [site / ANA], TODAY)  # after another build: unreadable
    assert again is not None
    build_site(site, Path("_after"), TODAY)
    assert again["experts.json"] == (site / "_after" / "experts.json").read_bytes()


def test_the_warm_up_reads_the_last_builds_open_data(site: Path, pristine: tuple[Path, QuickBase]) -> None:
    """``warm_parts`` splits the last build's open data before the first edit, mapped, not read;
    an edit coming first stops it before that."""
    built = site / "_before" / "experts.json"
    stopped, warmed = base_of(site, pristine), base_of(site, pristine)
    assert not warm_parts(stopped, lambda: True)
    assert warm_parts(warmed, lambda: False)
    document = built.read_bytes()
    built.unlink()
    assert stopped.open_data.pieces(stopped) == {}  # not read before the file went
    known = warmed.open_data.pieces(warmed)
    assert list(known) == list(warmed.views)
    assert isinstance(known[next(iter(known))].obj, mmap.mmap)
    assert b",\n".join(known.values()) in document


def test_two_profiles_edited_at_once(site: Path, pristine: tuple[Path, QuickBase]) -> None:
    base = base_of(site, pristine)
    other = sorted((site / "experts").glob("*.yaml"))[-1]
    replace_in(site / ANA, "headline: ", "headline: One. ")
    replace_in(other, "headline: ", "headline: Two. ")
    files = quick_files(base, [other, site / ANA, site / ANA], TODAY)
    assert files is not None
    experts = [path for path in files if path.startswith("experts/") and path != "experts/index.html"]
    assert len(experts) == 4  # two pages, two vCards
    assert any(path.startswith("topics/") for path in files)
    build_site(site, Path("_after"), TODAY)
    assert files == {path: (site / "_after" / path).read_bytes() for path in files}


def new_profile(root: Path) -> list[Path]:
    text = (root / ANA).read_text("utf-8").replace("Ana Ruiz Castellanos", "Zoe Added")
    (root / "experts/zoe-added.yaml").write_text(text.replace("ana.ruiz@", "zoe.added@"), "utf-8")
    return [root / "experts/zoe-added.yaml"]


def broken(root: Path) -> list[Path]:
    replace_in(root / ANA, "  - climate-change\n", "  - climte-change\n")
    return [root / ANA]


def archived(root: Path) -> list[Path]:
    replace_in(root / ANA, "title: ", "status: archived\ntitle: ")
    return [root / ANA]


def photo_text(root: Path) -> list[Path]:
    replace_in(root / ANA, "alt: Portrait of", "alt: A portrait of")
    return [root / ANA]


def photo_file(root: Path) -> list[Path]:
    replace_in(root / ANA, "headline: ", "headline: Edited. ")
    return [root / ANA, root / "experts/photos/ana-ruiz-castellanos.jpg"]


def config(root: Path) -> list[Path]:
    replace_in(root / "site.toml", 'title = "', 'title = "The ')
    return [root / "site.toml"]


def duplicate_name(root: Path) -> list[Path]:
    other = sorted((root / "experts").glob("*.yaml"))[-1]
    name = next(line for line in other.read_text("utf-8").splitlines() if line.startswith("name: "))
    replace_in(root / ANA, "name: Ana Ruiz Castellanos", name)
    return [root / ANA]


@pytest.mark.parametrize(
    "change", [new_profile, broken, archived, photo_text, photo_file, config], ids=lambda f: f.__name__
)
def test_what_only_the_full_rebuild_can_make(
    site: Path, pristine: tuple[Path, QuickBase], change: Callable[[Path], list[Path]]
) -> None:
    base = base_of(site, pristine)
    assert quick_files(base, change(site), TODAY) is None


def test_a_problem_across_files_shows_after_the_full_rebuild(site: Path, pristine: tuple[Path, QuickBase]) -> None:
    """The quick pass checks one file; the full rebuild that follows finds the clash and keeps the old site."""
    base = base_of(site, pristine)
    assert quick_files(base, duplicate_name(site), TODAY) is not None
    with pytest.raises(Exception, match="the site has errors"):
        build_site(site, Path("_before"), TODAY)


def test_a_move_between_two_subtopics_makes_only_the_parents_pages_showing_the_expert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Climate change to energy, both under environment: the parent's experts and count stay, so of
    its many pages (two experts a page here) only the one showing her is made again, and every file
    the edit changes is still among the quick files, the full build's bytes."""
    monkeypatch.setattr(urls, "PAGE_SIZE", 2)
    root = tmp_path / "site"
    report = built_sample(root)
    env = make_environment(root, report.site.config.site.base_url)
    base = quick_base(root, report.site, report.headshots, env, False, built=root / "_before")
    replace_in(root / ANA, "  - climate-change\n", "  - energy\n")
    files = quick_files(base, [root / ANA], TODAY)
    assert files is not None
    build_site(root, Path("_after"), TODAY)
    before, after = output_files(root / "_before"), output_files(root / "_after")
    assert files == {path: after[path] for path in files}
    # Climate change's last page goes: the quick pass cannot take a file away (the rebuild does).
    assert {path for path in before if path not in after} == {"topics/climate-change/page/4/index.html"}
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed <= set(files), sorted(changed - set(files))
    parent = [path for path in after if is_topic_page(path) and path.startswith("topics/environment/")]
    made = [path for path in files if path in parent]
    assert len(parent) > 3 and len(made) == 1 and b"ana-ruiz-castellanos" in files[made[0]]
    assert any(path.startswith("topics/energy/") for path in files)  # the subtopics: every page


def test_after_a_build_every_card_is_made_once_and_a_topic_edit_makes_only_its_experts(tmp_path: Path) -> None:
    """The preview renders the A–Z page, the guide and every topic page once after a build: an edit
    moving an expert to another topic makes every page of both topics again, but only the edited
    expert's card, letter and guide topics."""
    root = tmp_path / "site"
    report = built_sample(root)
    (root / "templates").mkdir()  # the preview's cards, letters and guide topics, counted as made
    card = (REPO / "templates/_card.html").read_text("utf-8")
    (root / "templates/_card.html").write_text(card.replace("</li>", "{{ count(expert.slug) }}</li>"), "utf-8")
    for part, name in (("_letter.html", '"letter " ~ letter'), ("_guide_topic.html", '"guide " ~ topic.id')):
        text = (
            (REPO / "templates" / part).read_text("utf-8").replace("</section>", f"{{{{ count({name}) }}}}</section>")
        )
        (root / "templates" / part).write_text(text, "utf-8")
    env = make_environment(root, report.site.config.site.base_url)
    made: list[str] = []

    def count(part: str) -> str:
        made.append(part)
        return ""

    env.globals["count"] = count
    base = quick_base(root, report.site, report.headshots, env, False, built=root / "_before")
    assert not quick.warm_parts(base, lambda: True)  # an edit came: stops at once
    assert made == []
    assert quick.warm_parts(base, lambda: False)
    cards = [slug for slug in made if " " not in slug]
    assert sorted(cards) == sorted(entry.slug for entry in report.site.listed)  # each card once
    assert "letter A" in made and "guide climate-change" in made  # the A–Z page's and the guide's parts
    made.clear()
    replace_in(root / ANA, "  - climate-change\n", "  - energy\n")
    files = quick_files(base, [root / ANA], TODAY)
    assert files is not None
    shown = [path for path, data in files.items() if is_topic_page(path) and b"card" in data]
    assert len(shown) >= 3  # the pages of both topics and their parents
    topics = ["guide climate-change", "guide energy", "guide extreme-weather", "guide insurance-risk"]
    assert sorted(made) == ["ana-ruiz-castellanos", *topics, "letter R"]  # hers only, before and after


def test_the_preview_makes_its_parts_after_publishing_a_build_until_an_edit_comes(
    site: Path, monkeypatch: pytest.MonkeyPatch, scratch: Path
) -> None:
    calls: list[tuple[QuickBase, Callable[[], bool], Path]] = []
    state = LiveState(site)

    def warm(base: QuickBase, stop: Callable[[], bool]) -> bool:
        calls.append((base, stop, state.root))
        return True

    monkeypatch.setattr(live, "warm_parts", warm)
    rebuilder = Rebuilder(site, scratch, lambda: TODAY, local_forms=False, log=lambda _: None)
    report = rebuilder.rebuild(state)
    assert report is not None and rebuilder.base is not None
    [(base, stop, shown)] = calls
    assert base is rebuilder.base and shown == report.output  # the build published first
    assert not stop()
    replace_in(site / ANA, "headline: ", "headline: One. ")
    assert rebuilder.changed([site / ANA], state) is not None
    assert stop()


def test_a_quick_file_that_cannot_be_written_leaves_the_folder_unshown(tmp_path: Path) -> None:
    """The files are written by several threads: a failed write still stops the quick pass (the
    rebuild reports it), after the others finished, and the folder is not shown."""
    state = LiveState(tmp_path / "build")
    rebuilder = Rebuilder(tmp_path, tmp_path / "scratch", lambda: TODAY, local_forms=False, log=lambda _: None)
    folder = tmp_path / "scratch/quick-1"
    folder.mkdir(parents=True)
    (folder / "experts").write_bytes(b"a file where a folder should be")
    files = [(f"topics/t/page/{n}/index.html", b"x" * n) for n in range(1, 40)]
    with pytest.raises(NotADirectoryError):
        rebuilder._show([*files[:20], ("experts/ana/index.html", b"ana"), *files[20:]], folder, 1, state)
    assert state.overlay is None
    assert all((folder / path).read_bytes() == data for path, data in files)  # each whole, none left half-made
    assert not list(folder.rglob("*.part"))
    assert rebuilder._show(files, folder, 1, state) == len(files) and state.overlay == folder


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[tuple[LiveState, str]]:
    (tmp_path / "build/experts/ana").mkdir(parents=True)
    (tmp_path / "build/experts/ana/index.html").write_bytes(b"<head></head>old ana")
    (tmp_path / "build/experts/bo").mkdir(parents=True)
    (tmp_path / "build/experts/bo/index.html").write_bytes(b"<head></head>bo")
    (tmp_path / "build/site.css").write_bytes(b"body{}")
    state = LiveState(tmp_path / "build")
    server = make_server(state.root, live=state)
    serve_in_background(server)
    try:
        yield state, server.url
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        return bytes(response.read())


def test_stopping_the_preview_ends_the_open_pages_event_streams(tmp_path: Path) -> None:
    """An open page's event stream ends when the server stops, not at its next keep-alive (its thread
    would hold the process: a process with other threads may not fork its workers)."""
    (tmp_path / "build").mkdir()
    state = LiveState(tmp_path / "build")
    server = make_server(state.root, live=state)
    serve_in_background(server)
    before = set(threading.enumerate())
    stream = urllib.request.urlopen(f"{server.url}/__sitegen__/events", timeout=10)
    assert stream.readline() == b"event: ok\n"
    streaming = set(threading.enumerate()) - before
    assert streaming  # the thread answering the stream
    started = time.monotonic()
    server.shutdown()
    server.server_close()
    for thread in streaming:
        thread.join(timeout=5)
    assert time.monotonic() - started < 5 and not any(thread.is_alive() for thread in streaming)
    stream.close()


def test_the_preview_serves_quick_files_in_front_of_the_build(
    tmp_path: Path, live_server: tuple[LiveState, str]
) -> None:
    state, url = live_server
    (tmp_path / "quick/experts/ana").mkdir(parents=True)
    (tmp_path / "quick/experts/ana/index.html").write_bytes(b"<head></head>new ana")
    version = state.version
    state.show_quick(tmp_path / "quick")
    assert state.version == version + 1  # open pages are told to reload
    assert state.event() == f"event: ok\ndata: {state.version}\n\n"
    assert b"new ana" in fetch(url + "/experts/ana/")
    assert b"new ana" in fetch(url + "/experts/ana/index.html")
    assert b"bo" in fetch(url + "/experts/bo/")  # not in the quick folder: the build's
    assert fetch(url + "/site.css") == b"body{}"
    state.publish(None, "experts/ana.yaml:1:1: error: …")  # the full rebuild failed: quick files go too
    assert state.overlay is None
    assert b"old ana" in fetch(url + "/experts/ana/")


def gone(path: Path) -> bool:
    """True once ``path`` no longer exists (folders left behind are deleted in the background)."""
    deadline = time.monotonic() + 60
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not path.exists()


def test_an_edit_saved_during_a_rebuild_shows_at_once_and_stays_in_front(
    site: Path, monkeypatch: pytest.MonkeyPatch, scratch: Path
) -> None:
    log: list[str] = []
    rebuilder = Rebuilder(site, scratch, lambda: TODAY, local_forms=False, log=log.append)
    first, _ = rebuilder.build()
    assert first is not None, log
    state = LiveState(first.output)
    running, release = threading.Event(), threading.Event()
    build = rebuilder.build

    def long_build() -> tuple[BuildReport | None, str]:
        running.set()
        release.wait(60)
        return build()

    monkeypatch.setattr(rebuilder, "build", long_build)
    replace_in(site / ANA, "headline: ", "headline: One. ")
    assert rebuilder.changed([site / ANA], state) is not None
    worker = threading.Thread(target=rebuilder.rebuild, args=(state,))
    worker.start()
    running.wait(60)
    replace_in(site / ANA, "headline: One. ", "headline: Two. ")  # saved while the rebuild runs
    quick = rebuilder.changed([site / ANA], state)
    assert quick is not None and state.overlay == quick  # shown at once, not after the rebuild
    page = "experts/ana-ruiz-castellanos/index.html"
    assert b"Two. " in (quick / page).read_bytes()
    folder = files_folder(state.root).relative_to(state.root)
    assert any(b"Two. " in p.read_bytes() for p in (quick / folder / "d").iterdir())  # and in search
    assert b"Two. " in (quick / "guide/index.html").read_bytes()  # and in the guide listing everyone
    release.set()
    worker.join(60)
    # Newer than the build that began before it, the edit stays in front: made again from the new
    # build, so that its search files are patched into that build's index, not the older one's.
    again = state.overlay
    assert again is not None and again != quick and b"Two. " in (again / page).read_bytes()
    assert gone(quick / "search/index")  # never served in front of another build's index

    def served(relative: str) -> bytes:
        return ((again if (again / relative).exists() else state.root) / relative).read_bytes()

    chunks = [f"{folder}/d/{p.name}" for p in (files_folder(state.root) / "d").iterdir()]
    assert any(b"Two. " in served(chunk) for chunk in chunks)
    rebuilder.rebuild(state)  # the rebuild its batch asked for
    assert state.overlay is None and gone(quick) and gone(again)
    assert b"Two. " in (state.root / page).read_bytes()
    assert all(gone(p) for p in scratch.iterdir() if p != state.root)  # earlier builds and quick files gone


def test_the_search_page_finds_an_edit_as_soon_as_the_quick_pass_patched_the_index(
    site: Path, browser: Browser, scratch: Path
) -> None:
    """In Chromium, before any rebuild: the preview's search page finds a new word, and not a removed one."""
    rebuilder = Rebuilder(site, scratch, lambda: TODAY, local_forms=False, log=lambda _: None)
    first, _ = rebuilder.build()
    assert first is not None and first.search_basis is not None
    state = LiveState(first.output)
    server = make_server(state.root, live=state)
    serve_in_background(server)
    try:

        def found(query: str) -> list[str]:
            page = browser.new_page()  # a page of its own: open pages reload when the quick pass shows
            page.goto(f"{server.url}/search/?q={query}")
            page.wait_for_selector("#search-form[data-state=done]")
            slugs = page.eval_on_selector_all("#results li", "items => items.map(i => i.dataset.slug)")
            page.close()
            return list(slugs)

        assert "ana-ruiz-castellanos" in found("parametric")
        assert found("zyxwvutian") == []
        replace_in(site / ANA, "**parametric insurance**", "**zyxwvutian cover**")
        replace_in(site / ANA, "  - parametric insurance\n", "")
        quick = rebuilder.changed([site / ANA], state)
        assert quick is not None and any((quick / files_folder(state.root).relative_to(state.root) / "t").iterdir())
        assert found("zyxwvutian") == ["ana-ruiz-castellanos"]
        assert found("zyxwvut") == ["ana-ruiz-castellanos"]  # typed as a prefix
        assert "ana-ruiz-castellanos" not in found("parametric")
        assert rebuilder.builds == 1  # all before any rebuild
    finally:
        server.shutdown()
        server.server_close()


def test_a_connection_closed_by_the_browser_prints_no_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    server = make_server(Path("."))
    try:
        for closed in (BrokenPipeError(), ConnectionResetError()):
            try:
                raise closed
            except ConnectionError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real bug")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: a real bug" in capsys.readouterr().err  # real errors still show
    finally:
        server.server_close()


def test_each_quick_pass_remakes_every_profile_edited_since_the_last_build(site: Path, scratch: Path) -> None:
    """Its folder replaces the one before: an earlier edit stays shown; a template edit stops nothing."""
    rebuilder = Rebuilder(site, scratch, lambda: TODAY, local_forms=False, log=lambda _: None)
    first, _ = rebuilder.build()
    assert first is not None
    state = LiveState(first.output)
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates/footer-note.html").write_text("<p>note</p>", "utf-8")
    assert rebuilder.changed([site / "templates/footer-note.html"], state) is None  # the full rebuild's
    replace_in(site / ANA, "headline: ", "headline: One. ")
    one = rebuilder.changed([site / ANA], state)
    assert one is not None and state.overlay == one  # the pending template edit does not stop it
    david = "experts/david-cohen.yaml"
    replace_in(site / david, "headline: ", "headline: Two. ")
    two = rebuilder.changed([site / david], state)
    assert two is not None and state.overlay == two
    assert b"One. " in (two / "experts/ana-ruiz-castellanos/index.html").read_bytes()  # made again
    assert b"Two. " in (two / "experts/david-cohen/index.html").read_bytes()
    # A quick pass that ends after a newer one (the two threads) never takes its place.
    older = rebuilder.scratch / "quick-older"
    rebuilder._show([("experts/x/index.html", b"old")], older, 1, state)
    assert state.overlay == two and older in rebuilder.stale


def test_a_failing_search_patch_leaves_the_pages_shown_and_the_search_to_the_rebuild(
    site: Path, monkeypatch: pytest.MonkeyPatch, scratch: Path
) -> None:
    log: list[str] = []
    rebuilder = Rebuilder(site, scratch, lambda: TODAY, local_forms=False, log=log.append)
    first, _ = rebuilder.build()
    assert first is not None
    state = LiveState(first.output)

    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(quick, "patch_search", broken)
    replace_in(site / ANA, "headline: ", "headline: One. ")
    folder = rebuilder.changed([site / ANA], state)  # the watcher thread must not die of it
    assert folder is not None and state.overlay == folder
    assert b"One. " in (folder / "experts/ana-ruiz-castellanos/index.html").read_bytes()
    assert not (folder / ROOT).exists()
    assert "search not updated before the rebuild: RuntimeError: a bug" in log
    assert b"One. " in (folder / "guide/index.html").read_bytes()  # the files after the search, made all the same


def test_an_initials_avatar_follows_a_renamed_expert(tmp_path: Path) -> None:
    """An expert without a photo: the quick pass draws the new initials, as the rebuild does (the
    search index follows with the rebuild: a new name moves an expert in A–Z order)."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "experts", root / "experts")
    shutil.copy(REPO / "site.toml", root / "site.toml")
    text = (root / ANA).read_text("utf-8")
    start = text.index("photo:\n")
    (root / ANA).write_text(text[:start] + text[text.index("contact:\n", start) :], "utf-8")
    report = build_site(root, Path("_before"), TODAY)
    assert report.search_basis is not None
    env = make_environment(root, report.site.config.site.base_url)
    order = tuple(entry.slug for entry in in_az_order(report.site.listed))
    search = SearchBase(report.search_basis, root / "_before", order)
    base = quick_base(root, report.site, report.headshots, env, False, search)
    page = "experts/ana-ruiz-castellanos/index.html"
    assert ">ARC</text>" not in (root / "_before" / page).read_text("utf-8")
    assert ">AC</text>" in (root / "_before" / page).read_text("utf-8")
    replace_in(root / ANA, "name: Ana Ruiz Castellanos", "name: Beatriz Ruiz Castellanos")  # same place A–Z
    plan = quick.quick_plan(base, [root / ANA], TODAY)
    assert plan is not None
    files = {item.path: whole(item.make()) for item in [*plan.own, *plan.listings()]}
    assert ">BC</text>" in files[page].decode("utf-8")
    assert plan.search() is None
    build_site(root, Path("_after"), TODAY)
    assert files == {path: (root / "_after" / path).read_bytes() for path in files}
    rows = b"".join(path.read_bytes() for path in (files_folder(root / "_after") / "d").iterdir())
    assert b'["BC",' in rows and b'["AC",' not in rows
