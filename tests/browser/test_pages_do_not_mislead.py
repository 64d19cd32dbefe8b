"""In Debian's chromium: a form with errors focuses its first error; e-mail, password and number
fields look like text fields; a partly valid page says which item needs attention; the consensus
page starts at the median, lock first then agree; the results page lists the agreed level.
Screenshots of each screen at 390x844 and 1366x900 in both languages go to out/screenshots."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.live import LiveServer, log_in, open_workshop
from tests.participants import Participant

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 900}}
LOOK = ("border-top-width", "border-top-style", "border-top-color", "padding-top", "min-height", "font-size", "width")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of this module's own: the workshop seeded here must not show up in other tests."""
    own = LiveServer(tmp_path_factory.mktemp("pages"))
    own.start()
    yield own
    own.stop()


def _style(page, selector: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return page.locator(selector).evaluate("(el, props) => props.map(p => getComputedStyle(el)[p])", list(LOOK))


def _shoot(browser, url: str, name: str, artifacts: Path, storage: dict | None = None) -> None:  # type: ignore[no-untyped-def,type-arg]
    """Screenshot ``url`` at both sizes in both languages."""
    base, path = url.split("/", 3)[:3], "/" + url.split("/", 3)[3]
    origin = "/".join(base)
    for lang in ("en", "ja"):
        for size_name, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, storage_state=storage)
            page = context.new_page()
            page.goto(f"{origin}/language/{lang}?next={path}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(artifacts / f"pages-{name}-{lang}-{size_name}.png"), full_page=True)
            context.close()


def test_login_errors_focus_the_first_field_and_fields_look_alike(  # type: ignore[no-untyped-def]
    server: LiveServer, browser, artifacts: Path
) -> None:
    context = browser.new_context(viewport=SIZES["phone"], locale="en-GB")
    page = context.new_page()
    page.goto(server.url + "/join")
    text_look = _style(page, "#code")
    page.goto(server.url + "/login")
    assert _style(page, "#email") == text_look
    assert _style(page, "#password") == text_look
    page.locator("form.panel button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "email"
    summary.get_by_role("link").nth(1).click()
    assert page.evaluate("document.activeElement.id") == "password"
    assert serious_violations(page) == []
    context.close()
    for lang, (size_name, viewport) in [(lang, size) for lang in ("en", "ja") for size in SIZES.items()]:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(f"{server.url}/language/{lang}?next=/login")
        page.locator("#email").fill("not-an-address")
        page.locator("form.panel button[type=submit]").click()
        expect(page.locator(".error-summary")).to_be_visible()
        page.screenshot(path=str(artifacts / f"pages-login-errors-{lang}-{size_name}.png"), full_page=True)
        context.close()


def test_workshop_pages_do_not_mislead(server: LiveServer, browser, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=SIZES["laptop"], locale="en-GB")
    facilitator = context.new_page()
    log_in(facilitator, server)
    join_url = open_workshop(facilitator, "Minato Hotels", "Front desk workshop")
    workshop_url = facilitator.url

    # A participant on a phone: one valid answer, and a comment without a level on the next item,
    # then "save and continue".
    phone_context = browser.new_context(viewport=SIZES["phone"], locale="en-GB", is_mobile=True)
    phone = phone_context.new_page()
    phone.goto(join_url)
    phone.locator("input[name=language][value=en]").check()
    phone.locator("form.panel button[type=submit]").click()
    items = phone.locator("fieldset.item")
    items.first.wait_for()
    items.nth(0).locator("label.level").nth(3).click()
    expect(items.nth(0).locator(".save-state.saved")).to_be_visible()
    second = items.nth(1).get_attribute("data-code")
    items.nth(1).locator("textarea").fill("We do this at the main desk only")
    phone.locator(".actions button[type=submit]").click()
    summary = phone.locator(".error-summary")
    expect(summary).to_contain_text("1 answer needs your attention")
    expect(summary).to_contain_text("1 other answer on this page was saved.")
    expect(summary).to_contain_text(f"{second} Choose a level (or N/A) to save your comment.")
    assert phone.evaluate("document.activeElement.id") == f"i_{second.replace('-', '_')}-level-0"  # type: ignore[union-attr]
    assert serious_violations(phone) == []
    phone.screenshot(path=str(artifacts / "pages-partly-saved-en-phone.png"), full_page=True)
    phone_context.close()
    ja_context = browser.new_context(viewport=SIZES["phone"], locale="ja-JP", is_mobile=True)
    ja_phone = ja_context.new_page()
    ja_phone.goto(join_url)
    ja_phone.locator("input[name=language][value=ja]").check()
    ja_phone.locator("form.panel button[type=submit]").click()
    ja_items = ja_phone.locator("fieldset.item")
    ja_items.nth(0).locator("label.level").nth(2).click()
    expect(ja_items.nth(0).locator(".save-state.saved")).to_be_visible()
    ja_items.nth(1).locator("textarea").fill("本館のフロントのみで実施している")
    ja_phone.locator(".actions button[type=submit]").click()
    expect(ja_phone.locator(".error-summary")).to_contain_text("このページのほかの回答1件は保存しました。")
    ja_phone.screenshot(path=str(artifacts / "pages-partly-saved-ja-phone.png"), full_page=True)
    ja_context.close()

    # Nine more people answer over HTTP: the first item splits the room.
    token = join_url.rsplit("/", 1)[-1]
    for level in (0, 1, 1, 2, 3, 3, 4, 4, 4):
        person = Participant(server.url)
        person.join(token)
        page_one = [code for code in re.findall(r'data-code="([^"]+)"', _page_html(person))]
        for code in page_one[:3]:
            assert person.save(code, level if code == page_one[0] else 2)

    # Lock first, then reveal and discuss.
    facilitator.goto(workshop_url)
    facilitator.get_by_role("button", name="Lock answering").click()
    facilitator.get_by_role("button", name="Reveal distributions").click()
    expect(facilitator.locator(".stat svg.lock-icon")).to_have_count(1)
    queue = facilitator.locator("ol.queue > li")
    expect(queue.first).to_contain_text("11 answers · N/A: 0")  # nine here and the two phones
    first = queue.first.locator(".code").inner_text()
    queue.first.get_by_role("link", name="Agree a level").click()
    consensus_url = facilitator.url
    # Median of 0,1,1,2,2,3,3,3,4,4,4 is 3.
    assert facilitator.get_by_label("Agreed level").input_value() == "3"
    expect(facilitator.get_by_text("Answering is locked")).to_be_visible()
    storage = context.storage_state()
    _shoot(browser, consensus_url, "consensus", artifacts, storage)
    facilitator.get_by_label("Rationale").fill("Most sites do it; two do not yet")
    facilitator.get_by_role("button", name="Save consensus").click()
    flash = facilitator.locator(".flash")
    expect(flash).to_contain_text(f"Consensus saved for {first}")
    assert flash.get_attribute("role") == "status"
    _shoot(browser, workshop_url, "facilitator", artifacts, storage)

    results_url = workshop_url.replace("/workshop", "/results")
    facilitator.goto(results_url)
    agreed = facilitator.locator("ul.agreed > li")
    expect(agreed).to_have_count(1)
    expect(agreed.first).to_contain_text(first)
    # Targets out of range: the number field shows the error summary and takes the focus.
    facilitator.locator(".targets input[type=number]").first.fill("300")
    facilitator.get_by_role("button", name="Save targets").click()
    expect(facilitator.locator(".error-summary")).to_be_visible()
    assert facilitator.evaluate("document.activeElement.type") == "number"
    _shoot(browser, results_url, "results", artifacts, storage)
    context.close()


def _page_html(person: Participant) -> str:
    with person._open(f"/respond/{person.token}") as response:
        return str(response.read().decode())
