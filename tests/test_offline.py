"""The site offline, in real Chromium: the service worker every page registers
(templates/offline-worker.js, by assets/offline.js) keeps the search page, what its searches
fetched and the pages opened since (the page that registered it too); it shows the offline page
for a page never opened, and drops the index files of an index replaced since."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from sitegen import search_export
from sitegen.build import build_site
from sitegen.check import check_site
from sitegen.search import NO_FILTERS, SearchIndex
from sitegen.search_export import files_folder
from tests.browser import run_axe, says_search_is_unavailable, searched, serve
from tests.conftest import TODAY, copy_sample, index_name, write_spanish_site

OFFLINE = "You are offline, and this search needs files not kept on this device. Searches made here before still work."


def sample(root: Path) -> Path:
    """The repository's sample directory, copied to ``root`` and built."""
    build_site(copy_sample(root), None, TODAY)
    return root


def controlled(page: Page, url: str) -> None:
    """Open the search page and wait until its worker controls it (the worker keeps the page's own
    files as it installs)."""
    page.goto(f"{url}/search/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


@contextmanager
def searching_sample(browser: Browser, tmp_path: Path) -> Iterator[tuple[Path, Page, str]]:
    """The sample built and served (its root, a page, the URL): the page, in a context of its own
    (closed by the caller, which may search on once the server has stopped), is controlled by the
    worker and has searched "hurricane insurance"."""
    root = sample(tmp_path / "site")
    page = browser.new_context().new_page()
    with serve(root / "_site") as url:
        controlled(page, url)
        assert searched(page, url, "hurricane%20insurance")[1][0] == "Ana Ruiz Castellanos"
        yield root, page, url


def test_the_page_and_the_searches_made_on_it_work_offline(browser: Browser, tmp_path: Path) -> None:
    root = sample(tmp_path / "site")
    context = browser.new_context()
    page = context.new_page()
    with serve(root / "_site") as url:
        controlled(page, url)
        online = searched(page, url, "hurricane%20insurance")
        filtered = searched(page, url, "climate&language=es")
        assert online[1][0] == "Ana Ruiz Castellanos"
        assert filtered[1]
    # The server is gone: the page, its assets and the two searches' files come from the worker.
    assert searched(page, url, "hurricane%20insurance") == online
    assert searched(page, url, "climate&language=es") == filtered
    assert page.locator("#results li").first.evaluate("li => getComputedStyle(li).display") == "flex"  # site.css
    # A search needing files never fetched says it is offline (not that search is broken) ...
    assert searched(page, url, "vaccination") == (OFFLINE, [])
    assert page.locator("#search-status").get_attribute("aria-live") == "polite"
    # Typed on the page, it leaves no earlier results beside the message ...
    searched(page, url, "hurricane%20insurance")
    page.fill("#search-q", "vaccination")
    page.press("#search-q", "Enter")
    page.wait_for_selector("#search-form[data-state=failed]")
    assert page.locator("#search-status").inner_text() == OFFLINE
    assert page.locator("#results li").count() == 0
    assert page.locator("button.more").is_hidden()
    # ... and a search made before still works on the same page afterwards.
    page.fill("#search-q", "hurricane insurance")
    page.press("#search-q", "Enter")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.locator("#results li h2").all_inner_texts() == online[1]
    context.close()


def test_pages_opened_since_open_offline_and_the_others_show_the_offline_page(browser: Browser, tmp_path: Path) -> None:
    root = sample(tmp_path / "site")
    context = browser.new_context()
    page = context.new_page()
    with serve(root / "_site") as url:
        controlled(page, url)
        searched(page, url, "hurricane%20insurance")
        page.locator("#results li h2 a").first.click()  # a profile opened from the results
        page.wait_for_url(f"{url}/experts/ana-ruiz-castellanos/")
        profile = page.locator("main").inner_text()
        footer = page.locator("footer").inner_text()
    page.goto(f"{url}/experts/ana-ruiz-castellanos/")
    assert page.locator("main").inner_text() == profile
    # A profile never opened: the offline page, with the press office's contact details.
    page.goto(f"{url}/experts/ahmed-hassan/")
    assert page.locator("h1").inner_text() == "You are offline"
    assert page.locator("footer").inner_text() == footer
    assert page.url == f"{url}/experts/ahmed-hassan/"  # the address stays: reloading online opens it
    context.close()


def test_a_profile_opened_from_a_link_keeps_the_site_without_the_search_page(browser: Browser, tmp_path: Path) -> None:
    """A journalist who opens a profile from a link, never the search page: that page registers the
    worker, so it and every page opened since open offline, and so does the search page."""
    root = sample(tmp_path / "site")
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    with serve(root / "_site") as url:
        page.goto(f"{url}/experts/ana-ruiz-castellanos/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        assert f"{url}/assets/offline.js" in fetched  # the page's own requests: never the search page's
        assert not any(address.startswith(f"{url}/search/") for address in fetched)
        # The page loaded before the worker, and its photo, asked for again through it and kept.
        kept = (
            "async () => Boolean(await caches.match(location.href))"
            " && Boolean(await caches.match(document.querySelector('main img').currentSrc))"
        )
        for _ in range(100):  # page.evaluate awaits the promise (wait_for_function would not)
            if page.evaluate(kept):
                break
            page.wait_for_timeout(100)
        else:
            pytest.fail("the page and its photo were not kept")
        profile = page.locator("main").inner_text()
        page.goto(f"{url}/topics/")
        topics = page.locator("main").inner_text()
    # The server is gone.
    page.goto(f"{url}/experts/ana-ruiz-castellanos/")
    assert page.locator("main").inner_text() == profile
    assert page.locator("main img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    page.goto(f"{url}/topics/")
    assert page.locator("main").inner_text() == topics
    page.goto(f"{url}/search/")  # kept as the worker installed
    expect(page.locator("#search-q")).to_be_visible()
    page.goto(f"{url}/experts/ahmed-hassan/")
    assert page.locator("h1").inner_text() == "You are offline"
    context.close()


def test_a_new_index_drops_the_files_kept_from_the_old_one(browser: Browser, tmp_path: Path) -> None:
    """Index files are numbered by their build: after a new build is seen online, offline searches
    kept from the old build say they are offline rather than show what the old files say."""
    with searching_sample(browser, tmp_path) as (root, page, url):
        # A new build: one expert fewer, so every document number after it moves.
        removed = sorted((root / "experts").glob("*.yaml"))[0]
        removed.unlink()
        build_site(root, None, TODAY)
        latest = searched(page, url, "climate")
        assert latest[1]
    assert searched(page, url, "climate") == latest
    assert searched(page, url, "hurricane%20insurance") == (OFFLINE, [])
    page.context.close()


def add_aaron_abel(root: Path) -> None:
    """A new expert first in A-Z (every document number after moves), with a word no one else has:
    "Zyxwvutian"."""
    profile = (root / "experts" / "ana-ruiz-castellanos.yaml").read_text("utf-8")
    for old, new in (("Ana Ruiz Castellanos", "Aaron Abel"), ("Ruiz Castellanos", "Abel"), ("ana.ruiz", "aaron.abel")):
        profile = profile.replace(old, new)
    (root / "experts" / "aaron-abel.yaml").write_text(profile.replace("Hurricane insurance", "Zyxwvutian"), "utf-8")


def test_a_page_open_while_the_site_is_rebuilt_searches_the_new_build(browser: Browser, tmp_path: Path) -> None:
    """A page kept open across a build that numbers the experts otherwise never reads the new
    build's files with the old meta.json: its next search finds its own build's files gone, reads
    meta.json afresh, reloads and shows what ``sitegen search`` finds in the new build; so does a
    shard holding another number of terms than meta.json says, once meta.json is another. A file
    missing from the index the page holds (meta.json unchanged) is a failure, not a reload."""
    with searching_sample(browser, tmp_path) as (root, page, _):
        before = files_folder(root / "_site")
        add_aaron_abel(root)
        build_site(root, None, TODAY)
        assert files_folder(root / "_site") != before and not before.exists()
        site = check_site(root, TODAY).site
        assert site is not None
        index = SearchIndex(site)
        queries = ("climate", "zyxwvutian")
        expected = {q: [hit.name for hit in index.search(q, NO_FILTERS, 10).hits] for q in queries}
        assert expected["zyxwvutian"] == ["Aaron Abel"] and "Aaron Abel" in expected["climate"]
        # A word the page's own build has, in a file it has not fetched yet: gone with that build.
        page.evaluate("() => { window.sitegenOpenSince = true; }")
        page.fill("#search-q", "climate")  # searched as typed: Enter could reach the reloaded page first
        page.wait_for_function("() => window.sitegenOpenSince === undefined")  # reloaded
        page.wait_for_selector("#search-form[data-state=done]")
        assert page.input_value("#search-q") == "climate"
        assert page.locator("#results li h2").all_inner_texts() == expected["climate"]
        # The new build searched on, without reloading again: a word only it has.
        page.evaluate("() => { window.sitegenOpenSince = true; }")
        page.fill("#search-q", "zyxwvutian")
        page.press("#search-q", "Enter")
        page.wait_for_function(
            "names => Array.from(document.querySelectorAll('#results li h2'), h => h.textContent).join('|') === names",
            arg="|".join(expected["zyxwvutian"]),
        )
        # A newer build in the same folder (the experts numbered alike) whose shard holds another
        # number of terms than the page's meta.json says: meta.json is read afresh and, another,
        # the page reloads, then searches on with that shard.
        files = files_folder(root / "_site")
        shard = next(p for p in files.glob("t/*.json") if "drought" in json.loads(p.read_bytes())["t"])
        loaded = json.loads(shard.read_bytes())
        other = next(term for term in loaded["t"] if term != "drought")
        del loaded["t"][other]
        shard.write_text(json.dumps(loaded), "utf-8")
        meta_path = root / "_site" / search_export.ROOT / search_export.META
        meta = json.loads(meta_path.read_bytes())
        meta_path.write_text(json.dumps({**meta, "keep": None if meta["keep"] else 1}), "utf-8")
        drought = [hit.name for hit in index.search("drought", NO_FILTERS, 10).hits]
        assert drought
        page.fill("#search-q", "drought")
        page.wait_for_function("() => window.sitegenOpenSince === undefined")  # reloaded
        page.wait_for_selector("#search-form[data-state=done]")
        assert page.locator("#results li h2").all_inner_texts() == drought
        page.evaluate("() => { window.sitegenOpenSince = true; }")
        # A shard missing from the build the page has (a host's error): said, not reloaded for.
        next(p for p in files.glob("t/*.json") if "vaccin" in json.loads(p.read_bytes())["t"]).unlink()
        page.fill("#search-q", "vaccination")
        page.press("#search-q", "Enter")
        says_search_is_unavailable(page)
        assert page.evaluate("() => window.sitegenOpenSince") is True
    page.context.close()


def note_index_file(into: list[str], request: Request) -> None:
    """Note an index file's name as the page asks for it (``index_name``); not the page's other files."""
    if "/search/index/" in request.url:
        into.append(index_name(request.url))


def test_a_word_the_page_s_index_lacks_has_meta_json_read_afresh_after_five_minutes(
    browser: Browser, tmp_path: Path
) -> None:
    """A word only a newer build has asks for no file of the page's index, so meets no missing
    one: the page finds no one at first, and once five minutes have passed since it read
    meta.json, reads it again, reloads and finds the expert published since."""
    root = sample(tmp_path / "site")
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.clock.install()
    fetched: list[str] = []
    with serve(root / "_site") as url:
        assert searched(page, url, "hurricane%20insurance")[1][0] == "Ana Ruiz Castellanos"
        add_aaron_abel(root)
        build_site(root, None, TODAY)
        page.on("request", partial(note_index_file, fetched))
        page.evaluate("() => { window.sitegenOpenSince = true; }")
        page.fill("#search-q", "zyxwvutian")
        page.press("#search-q", "Enter")
        page.wait_for_selector("#search-form[data-state=done]")
        assert page.locator("#results li").count() == 0 and fetched == []
        page.clock.fast_forward("05:01")
        page.fill("#search-q", "zyxwvutian ")
        page.wait_for_function("() => window.sitegenOpenSince === undefined")  # reloaded
        page.wait_for_selector("#search-form[data-state=done]")
        assert page.locator("#results li h2").all_inner_texts() == ["Aaron Abel"]
        assert fetched[0] == "meta.json"
    context.close()


def test_without_a_worker_the_page_searches_as_before(browser: Browser, tmp_path: Path) -> None:
    """A browser context refusing service workers (as some private windows do) still searches; a
    file that failed on a dropped connection is asked for again by the next search."""
    root = sample(tmp_path / "site")
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    with serve(root / "_site") as url:
        assert searched(page, url, "hurricane%20insurance")[1][0] == "Ana Ruiz Castellanos"
        assert page.evaluate("() => navigator.serviceWorker.controller") is None
        context.set_offline(True)
        page.fill("#search-q", "vaccination")
        page.press("#search-q", "Enter")
        says_search_is_unavailable(page)
        context.set_offline(False)
        page.press("#search-q", "Enter")
        page.wait_for_selector("#search-form[data-state=done]")
        assert page.locator("#results li").count() > 0
    context.close()


def test_a_page_whose_index_cannot_be_reached_says_so(browser: Browser, tmp_path: Path) -> None:
    """meta.json missing (a host's error): the page says search is unavailable, rather than waiting
    forever or saying that JavaScript is needed."""
    root = sample(tmp_path / "site")
    (root / "_site" / "search" / "index" / "meta.json").unlink()
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    with serve(root / "_site") as url:
        page.goto(f"{url}/search/?q=climate")
        says_search_is_unavailable(page)
    context.close()


def test_the_whole_directory_kept_answers_searches_never_made(browser: Browser, tmp_path: Path) -> None:
    """Where the index is small enough, the search page offers to keep it all, with every expert's
    page: offline, a search never made and a profile never opened then answer as the index says."""
    root = sample(tmp_path / "site")
    site = check_site(root, TODAY).site
    assert site is not None
    index = SearchIndex(site)
    expected = [hit.name for hit in index.search("vaccination", NO_FILTERS, 10).hits]
    assert expected
    context = browser.new_context()
    page = context.new_page()
    with serve(root / "_site") as url:
        controlled(page, url)
        page.goto(f"{url}/search/")
        keep = page.locator("section.keep")
        expect(keep).to_be_visible()
        size = json.loads((root / "_site" / "search" / "index" / "meta.json").read_text("utf-8"))["keep"]
        assert keep.locator(".keep-size").inner_text() == f"{size / 1e6:.1f} MB"
        assert run_axe(page) == []
        page.focus("#keep-all")
        page.keyboard.press("Enter")
        kept = re.compile(r"^Kept on this device: \d+ files\.")
        expect(page.locator("#keep-status")).to_have_text(kept, timeout=60000)
        assert page.locator("#keep-all").inner_text() == "Keep the directory on this device"  # progress over
    found = f"{len(expected)} experts found." if len(expected) > 1 else "1 expert found."
    assert searched(page, url, "vaccination") == (found, expected)
    page.goto(f"{url}/search/?q=vaccination&language=espa%C3%B1ol")  # a language by its own name: names.json kept
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.input_value("#facet-language") == "es"
    # A country alone, without words: its experts A-Z and the counts from its counting file, kept.
    in_kenya, in_us = len(index.facets["country"]["KE"]), len(index.facets["country"]["US"])
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(index_name(request.url)))
    page.goto(f"{url}/search/?country=KE")
    page.wait_for_selector("#search-form[data-state=done]")
    assert page.locator("#search-status").inner_text() == (
        "1 expert found." if in_kenya == 1 else f"{in_kenya} experts found."
    )
    expect(page.locator("#facet-country option[value=US]")).to_have_text(re.compile(rf"\({in_us}\)$"))
    assert f"f/country/{b'KE'.hex()}.c.json" in fetched and "facets.json" not in fetched
    page.goto(f"{url}/experts/ahmed-hassan/")
    assert page.locator("h1").inner_text() == next(e.expert.name for e in site.listed if e.slug == "ahmed-hassan")
    context.close()


def test_a_directory_kept_whole_is_kept_again_when_a_new_build_is_seen(browser: Browser, tmp_path: Path) -> None:
    """The worker drops the old build's index files when it sees a new meta.json; the page, which
    noted the build it kept whole, keeps the new one without being asked, and a search never made
    then answers offline as the new index says. The same build seen again is said to be kept."""
    root = sample(tmp_path / "site")
    context = browser.new_context()
    page = context.new_page()
    kept = re.compile(r"^Kept on this device: \d+ files\.")
    with serve(root / "_site") as url:
        controlled(page, url)
        page.goto(f"{url}/search/")
        page.click("#keep-all")
        expect(page.locator("#keep-status")).to_have_text(kept, timeout=60000)
        page.goto(f"{url}/search/")
        page.wait_for_selector("#search-form[data-state=done]")
        expect(page.locator("#keep-status")).to_have_text(
            "Kept on this device: every search and every expert's page work offline."
        )
        # A new build: a word no one used before, and one expert fewer (every later number moves).
        profile = root / "experts" / "ana-ruiz-castellanos.yaml"
        profile.write_text(
            profile.read_text("utf-8").replace(
                "headline: Hurricane insurance,", "headline: Quokkaology, hurricane insurance,"
            ),
            "utf-8",
        )
        sorted((root / "experts").glob("*.yaml"))[0].unlink()
        build_site(root, None, TODAY)
        page.goto(f"{url}/search/")
        expect(page.locator("#keep-status")).to_have_text(kept, timeout=60000)  # not asked: no click
        assert page.locator("#keep-all").is_enabled()
    site = check_site(root, TODAY).site
    assert site is not None
    for query in ("quokkaology", "vaccination", "climate"):
        expected = [hit.name for hit in SearchIndex(site).search(query, NO_FILTERS, 10).hits]
        assert expected and searched(page, url, query)[1] == expected, query
    context.close()


def test_a_large_index_is_not_offered_whole(browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_export, "KEEP_BYTES", 1000)
    root = sample(tmp_path / "site")
    assert json.loads((root / "_site" / "search" / "index" / "meta.json").read_text("utf-8"))["keep"] is None
    context = browser.new_context()
    page = context.new_page()
    with serve(root / "_site") as url:
        controlled(page, url)
        page.goto(f"{url}/search/")
        page.wait_for_selector("#search-form[data-state=done]")
        assert page.locator("section.keep").is_hidden()
    context.close()


def test_a_spanish_site_s_search_page_opens_offline_with_its_stemmer(browser: Browser, tmp_path: Path) -> None:
    """The worker keeps the search page's stemmer script as it installs, as it keeps search.js:
    after a profile alone was opened, the search page opens offline and works, rather than
    saying search is unavailable for want of the stemmer."""
    root = write_spanish_site(tmp_path / "es")
    build_site(root, None, TODAY)
    worker = (root / "_site" / "sw.js").read_text(encoding="utf-8")
    assert 'SHELL.push(ROOT + "assets/stem/snowball.js");\nSHELL.push(ROOT + "assets/stem/spanish.js");' in worker
    context = browser.new_context()
    page = context.new_page()
    with serve(root / "_site") as url:
        page.goto(f"{url}/experts/lucia-moreno/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    status, names = searched(page, url, "")
    assert page.locator("#search-form").get_attribute("data-state") == "done", status
    assert page.evaluate("() => typeof window.sitegenStemmers.spanish") == "function"
    assert names == []
    context.close()
