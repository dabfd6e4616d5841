"""Press-inquiry forms in real Chromium, against sitegen's local receiver started by the test."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from sitegen.build import build_site
from sitegen.preview import Receiver
from tests.browser import run_axe, serve
from tests.conftest import PROFILE, SITE_TOML, TODAY, write_photo

FIELDS = {
    "name": "Jo Reporter",
    "email": "jo@news.example",
    "phone": "+44 20 7946 0000",
    "outlet": "The Daily Example",
    "question": "Can you explain flood insurance?\nTwo lines & an ampersand.",
}


def make(tmp: Path, config_extra: str, *, local: bool) -> Path:
    root = tmp / "site"
    (root / "experts").mkdir(parents=True)
    (root / "site.toml").write_text(SITE_TOML + config_extra, encoding="utf-8")
    profile = PROFILE + "contact:\n  office: health\n  email: ana.direct@test.example\n"
    (root / "experts" / "ana-ruiz.yaml").write_text(profile, encoding="utf-8")
    write_photo(root / "experts" / "photos" / "ana.png")
    build_site(root, None, TODAY, local_forms=local)
    return root / "_site"


@pytest.fixture(scope="module")
def receiver(tmp_path_factory: pytest.TempPathFactory) -> Receiver:
    return Receiver(tmp_path_factory.mktemp("log") / "inquiries.jsonl")


@pytest.fixture(scope="module")
def local_site(tmp_path_factory: pytest.TempPathFactory, receiver: Receiver) -> Iterator[str]:
    site = make(tmp_path_factory.mktemp("local"), "\n[forms]\nmin_seconds = 1\n", local=True)
    with serve(site, receiver) as url:
        yield url


@pytest.fixture(scope="module")
def mailto_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = make(tmp_path_factory.mktemp("mailto"), '\n[forms]\nprovider = "mailto"\nmin_seconds = 0\n', local=False)
    with serve(site) as url:
        yield url


def received(receiver: Receiver) -> list[dict[str, str]]:
    assert receiver.log is not None
    if not receiver.log.exists():
        return []
    return [json.loads(line) for line in receiver.log.read_text(encoding="utf-8").splitlines()]


def fill(page: Page) -> None:
    form = page.locator("form.inquiry-form")
    for name, value in FIELDS.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("[name=deadline]").fill("2026-12-01T17:30")
    form.locator("[name=timezone]").fill("Europe/London")
    form.locator("[name=format]").select_option("radio")


def status(page: Page) -> str:
    return page.locator(".form-status").inner_text()


def test_a_filled_form_arrives_with_every_field_and_its_routing(
    browser: Browser, local_site: str, receiver: Receiver
) -> None:
    page = browser.new_page()
    page.goto(local_site + "/experts/ana-ruiz/")
    before = len(received(receiver))
    fill(page)
    page.locator("#inquiry-who-any").check()
    assert run_axe(page) == []
    page.wait_for_timeout(1100)  # past the time trap
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".form-status")).to_have_text(re.compile("^Thank you"))
    inquiry = received(receiver)[before]
    del inquiry["received"]
    assert inquiry == {
        **FIELDS,
        "office": "health",
        "expert": "ana-ruiz",
        "deadline": "2026-12-01T17:30",
        "timezone": "Europe/London",
        "format": "radio",
        "who": "any suitable expert",
    }
    assert page.locator("[name=name]").input_value() == ""  # success clears the form
    assert run_axe(page) == []
    page.close()


def test_the_time_zone_is_captured_and_the_deadline_echoed(browser: Browser, local_site: str) -> None:
    context = browser.new_context(timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(local_site + "/experts/ana-ruiz/")
    assert page.locator("[name=timezone]").input_value() == "Asia/Tokyo"
    page.locator("[name=deadline]").fill("2026-12-01T09:00")
    assert page.locator(".deadline-echo").inner_text() == "Your deadline: 2026-12-01 09:00 (Asia/Tokyo)."
    assert "usually answers" not in page.locator("#inquiry-timing").inner_text()  # health office gives no time
    context.close()


def test_a_filled_honeypot_never_arrives(browser: Browser, local_site: str, receiver: Receiver) -> None:
    page = browser.new_page()
    page.goto(local_site + "/experts/ana-ruiz/")
    before = len(received(receiver))
    fill(page)
    page.locator(".hp input").fill("http://spam.example", force=True)
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Send request").click()
    assert status(page).startswith("Thank you")
    page.wait_for_timeout(300)
    assert len(received(receiver)) == before
    page.close()


def test_the_honeypot_is_out_of_the_keyboard_and_screen_reader_path(browser: Browser, local_site: str) -> None:
    page = browser.new_page()
    page.goto(local_site + "/experts/ana-ruiz/")
    honeypot = page.locator(".hp input")
    assert honeypot.get_attribute("tabindex") == "-1"
    assert page.locator(".hp").get_attribute("aria-hidden") == "true"
    page.locator("[name=name]").focus()
    order = []
    for _ in range(12):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.name || document.activeElement.textContent"))
    assert "url_field" not in order
    assert order[:4] == ["email", "phone", "outlet", "deadline"]
    page.close()


def test_a_too_fast_submit_never_arrives_and_keeps_the_text(
    browser: Browser, tmp_path: Path, receiver: Receiver
) -> None:
    site = make(tmp_path, "\n[forms]\nmin_seconds = 30\n", local=True)
    trap = Receiver(tmp_path / "trap.jsonl")
    with serve(site, trap) as url:
        page = browser.new_page()
        page.goto(url + "/experts/ana-ruiz/")
        fill(page)
        page.get_by_role("button", name="Send request").click()
        assert status(page) == "That was very quick. Please check your request, then send it again."
        assert page.locator("[name=question]").input_value() == FIELDS["question"]
        assert run_axe(page) == []
        page.wait_for_timeout(300)
        assert received(trap) == []
        page.close()


@pytest.mark.parametrize("failure", ["status", "body"])
def test_a_provider_error_keeps_the_text_and_shows_the_phone(
    browser: Browser, local_site: str, receiver: Receiver, failure: str
) -> None:
    page = browser.new_page()
    page.goto(local_site + "/experts/ana-ruiz/")
    fill(page)
    page.wait_for_timeout(1100)
    before = len(received(receiver))
    receiver.fail = failure
    try:
        page.get_by_role("button", name="Send request").click()
        expect(page.locator(".form-status")).to_have_text(re.compile("^Your request"))
    finally:
        receiver.fail = None
    assert len(received(receiver)) == before
    assert status(page) == (
        "Your request could not be sent. Nothing you typed was lost: try again, "
        "or call the press office on +1 312-555-0177."
    )
    assert page.locator(".form-status a").get_attribute("href") == "tel:+13125550177"
    for name, value in FIELDS.items():
        assert page.locator(f"form.inquiry-form [name={name}]").input_value() == value
    assert run_axe(page) == []
    page.close()


def test_without_javascript_the_form_posts_natively(browser: Browser, local_site: str, receiver: Receiver) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(local_site + "/contact/")
    before = len(received(receiver))
    fill(page)
    page.locator("#inquiry-newsroom-office").select_option("health")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/contact/thanks/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you"
    inquiry = received(receiver)[before]
    assert (inquiry["office"], inquiry["expert"], inquiry["name"]) == ("health", "", "Jo Reporter")
    assert inquiry["timezone"] == "Europe/London"
    context.close()


def test_direct_email_is_assembled_by_script_only(browser: Browser, local_site: str) -> None:
    page = browser.new_page()
    page.goto(local_site + "/experts/ana-ruiz/")
    link = page.locator(".direct-email a")
    assert (link.inner_text(), link.get_attribute("href")) == (
        "ana.direct@test.example",
        "mailto:ana.direct@test.example",
    )
    page.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(local_site + "/experts/ana-ruiz/")
    assert "ana.direct@test.example" not in page.content()
    assert page.locator(".direct-email").inner_text() == "Direct email: use the form below, or ask the press office"
    context.close()


def test_mailto_links_carry_only_subject_and_body(browser: Browser, mailto_site: str) -> None:
    page = browser.new_page()
    page.goto(mailto_site + "/experts/ana-ruiz/")
    fill(page)
    hostile = "Jo&bcc=victim@example.org\r\nBcc: other@example.org?cc=x"
    page.locator("form.inquiry-form [name=name]").fill(hostile)
    page.locator("form.inquiry-form [name=outlet]").fill("Outlet&subject=Spoofed")
    href = page.evaluate("window.sitegenForms.mailtoHref(document.querySelector('form.inquiry-form'))")
    parts = urlsplit(href)
    assert (parts.scheme, parts.path) == ("mailto", "health@test.example")
    query = parse_qs(parts.query, keep_blank_values=True)
    assert sorted(query) == ["body", "subject"]
    assert query["subject"] == ["Press inquiry for ana-ruiz, deadline 2026-12-01 17:30 (Europe/London)"]
    body = query["body"][0].split("\r\n")
    typed = page.locator("form.inquiry-form [name=name]").input_value()  # single-line inputs drop line breaks
    assert body[0] == f"Name: {typed}"
    assert typed.startswith("Jo&bcc=victim@example.org") and typed.endswith("Bcc: other@example.org?cc=x")
    assert "Outlet: Outlet&subject=Spoofed" in body
    assert "Format: radio" in body and "Who can answer: this expert" in body
    assert body[-2:] == ["Can you explain flood insurance?", "Two lines & an ampersand."]
    assert run_axe(page) == []
    page.close()


def test_mailto_without_javascript_offers_the_office_link(browser: Browser, mailto_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(mailto_site + "/experts/ana-ruiz/")
    assert not page.locator("form.inquiry-form").is_visible()
    link = page.locator(".form-nojs a").first
    assert link.get_attribute("href") == "mailto:health@test.example"
    context.close()
    # The same page as a reader without the forms script sees it, checked by axe (which needs script itself).
    context = browser.new_context()
    context.route("**/forms.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(mailto_site + "/experts/ana-ruiz/")
    assert page.locator(".form-nojs").is_visible()
    assert run_axe(page) == []
    context.close()


def test_form_action_points_at_the_configured_provider(tmp_path: Path) -> None:
    config = '\n[forms]\nprovider = "formspree"\nendpoint = "https://formspree.io/f/abcd"\n'
    site = make(tmp_path, config, local=False)
    page = (site / "experts" / "ana-ruiz" / "index.html").read_text(encoding="utf-8")
    assert 'action="https://formspree.io/f/abcd"' in page
    assert 'name="_gotcha"' in page
    assert '<input type="hidden" name="_next" value="https://experts.test.example/contact/thanks/">' in page
    assert "form-action &#39;self&#39; https://formspree.io/f/abcd" in page
    shutil.rmtree(site.parent)
    site = make(tmp_path, '\n[forms]\nprovider = "netlify"\n', local=False)
    page = (site / "experts" / "ana-ruiz" / "index.html").read_text(encoding="utf-8")
    assert 'action="/contact/thanks/"' in page
    assert 'name="press-inquiry" data-netlify="true" netlify-honeypot="bot-field"' in page
    assert '<input type="hidden" name="form-name" value="press-inquiry">' in page
