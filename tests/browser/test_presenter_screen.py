"""The presenter screen in Debian's chromium, beside the facilitator's page (two gunicorn workers):
it follows the joins, the reveal and the ←/→ keys within a few seconds through the database,
never shows a name, and fits every projector size in English and Japanese (screenshots)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.live import LiveServer, log_in, open_workshop

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 360, "height": 740}
PEOPLE = (("Zebulon Quartermaine", 0), ("Ottilie Brandywine", 4), ("山田 花子", 2))
SIZES = ((1280, 720), (1920, 1080), (1024, 768), (3840, 2160))
FOLLOW_MS = 6000
"""The presenter polls about every 2-3 s: it must follow a change within this."""

MEASURE = """() => {
  const box = (selector) => {
    const el = document.querySelector(selector); return el ? el.getBoundingClientRect() : null; };
  const overflowing = Array.from(document.querySelectorAll('.pv *')).filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || r.left < -1 || r.top < -1);
  }).map(el => el.className || el.tagName);
  const clipped = Array.from(document.querySelectorAll('.pv-code, .pv-url, .pv-step, .pv-counts, .pv-closing h1'))
    .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.className || el.tagName);
  return { qr: box('.pv-qr'), height: innerHeight, width: innerWidth, overflowing, clipped,
           scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight] };
}"""


def _fits(presenter, label: str, problems: dict[str, object]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    measured: dict[str, object] = presenter.evaluate(MEASURE)
    if measured["overflowing"] or measured["clipped"]:
        problems[label] = (measured["overflowing"], measured["clipped"])
    return measured


def test_presenter_follows_the_facilitator(live_server: LiveServer, browser, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    shots = artifacts / "presenter"
    shots.mkdir(exist_ok=True)
    problems: dict[str, object] = {}
    facilitator_context = browser.new_context(locale="en-GB", viewport={"width": 1366, "height": 900})
    facilitator = facilitator_context.new_page()
    log_in(facilitator, live_server)
    join_url = open_workshop(facilitator, "Presenter Hotels", "Front desk offsite")
    code = facilitator.locator(".code-big").inner_text()
    present_url = live_server.url + str(facilitator.locator("#open-presenter").get_attribute("href"))

    # The projector: a second window of the facilitator's session, nothing else open on it.
    presenter_context = browser.new_context(
        locale="en-GB", viewport={"width": 1920, "height": 1080}, storage_state=facilitator_context.storage_state()
    )
    presenter = presenter_context.new_page()
    polls: list[tuple[int, str | None]] = []
    presenter.on(
        "response",
        lambda response: (
            polls.append((response.status, response.request.headers.get("if-none-match")))
            if "/present/live" in response.url
            else None
        ),
    )
    presenter.goto(present_url)
    expect(presenter.locator(".pv-code")).to_have_text(code)
    presenter.wait_for_function("() => document.querySelector('img.pv-qr').complete")
    expect(presenter.locator(".pv-counts .num").first).to_have_text("0")

    # Three participants join with names and answer the first page on their phones.
    phones = []
    for name, level in PEOPLE:
        context = browser.new_context(locale="en-GB", viewport=PHONE, is_mobile=True)
        page = context.new_page()
        page.goto(join_url)
        page.locator("input[name=language][value=en]").check()
        page.locator("#name").fill(name)
        page.locator("form.panel button[type=submit]").click()
        items = page.locator("fieldset.item")
        items.first.wait_for()
        for index in range(items.count()):
            items.nth(index).locator("label.level").nth(level).click()
        expect(page.locator(".save-state.saved")).to_have_count(items.count())
        phones.append(context)
    expect(presenter.locator(".pv-counts .num").first).to_have_text("3", timeout=FOLLOW_MS)
    for name, _level in PEOPLE:
        assert name not in presenter.content()
    _shoot(presenter, shots, "join", problems)

    # The facilitator reveals: the presenter switches to the item under discussion.
    facilitator.reload()
    facilitator.get_by_role("button", name="Reveal distributions").click()
    screen = presenter.locator("#screen .pv")
    expect(screen).to_have_attribute("data-view", "discussion", timeout=FOLLOW_MS)
    first = screen.get_attribute("data-item")
    expect(facilitator.locator("#discussed")).to_have_attribute("data-item", str(first))
    bars = presenter.locator(".pv .dist-bars")
    assert re.search(r"0=1, 1=0, 2=1, 3=0, 4=1", str(bars.get_attribute("aria-label")))

    # A presentation clicker's "next" (Page Down) and the → key move the item; the presenter follows.
    facilitator.keyboard.press("PageDown")
    expect(screen).not_to_have_attribute("data-item", str(first), timeout=FOLLOW_MS)
    second = screen.get_attribute("data-item")
    expect(facilitator.locator("#discussed")).to_have_attribute("data-item", str(second), timeout=FOLLOW_MS)
    facilitator.keyboard.press("ArrowLeft")
    expect(screen).to_have_attribute("data-item", str(first), timeout=FOLLOW_MS)
    facilitator.keyboard.press("ArrowRight")
    expect(screen).to_have_attribute("data-item", str(second), timeout=FOLLOW_MS)
    expect(presenter.locator(".pv-queue li.current .code")).to_have_text(str(second))
    for name, _level in PEOPLE:
        assert name not in presenter.content()
    assert presenter.locator("button, form, input").count() == 0
    _shoot(presenter, shots, "discussion", problems)

    # Round 2 on the item under discussion: the phones show it again; two people change their vote.
    facilitator.reload()
    expect(facilitator.locator("#discussed")).to_have_attribute("data-item", str(second), timeout=FOLLOW_MS)
    facilitator.get_by_role("button", name=f"Vote again on this item ({second})").click()
    expect(presenter.locator(".pv-revote")).to_be_visible(timeout=FOLLOW_MS)
    for context, level in zip(phones[:2], (3, 3), strict=True):
        phone = context.pages[0]
        phone.goto(phone.url.split("/respond/")[0] + "/respond/" + phone.url.split("/respond/")[1].split("/")[0])
        expect(phone).to_have_url(re.compile(r"/round2$"))
        expect(phone.locator(".first-vote")).to_have_count(1)
        phone.locator(f"fieldset.round2-item input[value='{level}']").check()
        phone.get_by_role("button", name="Save my second vote").click()
        expect(phone.locator(".round2-item .saved-mark")).to_be_visible()
    compare = presenter.locator(f".rounds-compare[data-round-item='{second}']")
    expect(compare).to_be_visible(timeout=FOLLOW_MS)
    expect(compare.locator(".dist-bars")).to_have_count(2, timeout=FOLLOW_MS)  # round 1 beside round 2
    after = compare.locator(".dist-bars").nth(1)  # round 2: the two changed votes and the unchanged one
    expect(after).to_have_attribute("aria-label", re.compile(r"0=0, 1=0, 2=1, 3=2, 4=0"), timeout=FOLLOW_MS)
    before = compare.locator(".dist-bars").nth(0)
    expect(before).to_have_attribute("aria-label", re.compile(r"0=1, 1=0, 2=1, 3=0, 4=1"))
    _shoot(presenter, shots, "second-vote", problems, sizes=((1280, 720), (1920, 1080)))
    facilitator.reload()
    facilitator.get_by_role("button", name="Close the second vote").click()
    expect(presenter.locator(".pv-revote")).to_have_count(0, timeout=FOLLOW_MS)

    # Consensus from round 2 (the form starts at its median, 3): the facilitator's panel shows it agreed.
    facilitator.goto(
        f"{live_server.url}/assessments/{present_url.split('/assessments/')[1].split('/')[0]}/consensus/{second}"
    )
    facilitator.locator("[name=rationale]").fill("Agreed after the second vote")
    expect(facilitator.locator("[name=level]")).to_have_value("3")
    facilitator.get_by_role("button", name="Save consensus").click()
    facilitator.goto(present_url.replace("/present", ""))
    expect(facilitator.locator("#live")).to_contain_text("Agreed: level 3", timeout=FOLLOW_MS)

    # Lock with the distributions hidden: the closing view.
    facilitator.get_by_role("button", name="Lock answering").click()
    facilitator.get_by_role("button", name="Hide distributions").click()
    expect(screen).to_have_attribute("data-view", "closing", timeout=FOLLOW_MS)
    _shoot(presenter, shots, "closing", problems, sizes=((1280, 720),))

    # The same views in Japanese (the language of the projector's window).
    presenter.goto(f"{live_server.url}/language/ja?next={present_url.split(live_server.url)[1]}")
    expect(presenter.locator("html")).to_have_attribute("lang", "ja")
    _shoot(presenter, shots, "closing-ja", problems, sizes=((1280, 720),))
    for flag, state in (("locked", "off"), ("revealed", "on")):
        facilitator.goto(present_url.replace("/present", ""))
        facilitator.locator(f"form[action$='/{flag}/{state}'] button").click()
    expect(screen).to_have_attribute("data-view", "discussion", timeout=FOLLOW_MS)
    _shoot(presenter, shots, "discussion-ja", problems)
    facilitator.locator("form[action$='/revealed/off'] button").click()
    expect(screen).to_have_attribute("data-view", "join", timeout=FOLLOW_MS)
    presenter.wait_for_function("() => document.querySelector('img.pv-qr').complete")
    _shoot(presenter, shots, "join-ja", problems)
    assert problems == {}
    # Nothing changes now: the next polls are answered 304 (the ETag the screen sent is still current).
    with presenter.expect_response(lambda r: "/present/live" in r.url and r.status == 304, timeout=FOLLOW_MS):
        pass
    assert all(status in (200, 304) and sent for status, sent in polls), polls
    for context in phones:
        context.close()
    presenter_context.close()
    facilitator_context.close()


def _shoot(presenter, shots: Path, view: str, problems: dict[str, object], sizes=SIZES) -> None:  # type: ignore[no-untyped-def]
    """Screenshots at each projector size; the QR code's share of the height is printed and checked."""
    for width, height in sizes:
        presenter.set_viewport_size({"width": width, "height": height})
        presenter.wait_for_timeout(150)
        measured = _fits(presenter, f"{view} {width}x{height}", problems)
        if measured["qr"] is not None:
            share = measured["qr"]["height"] / height  # type: ignore[index]
            print(f"presenter {view} {width}x{height}: QR {measured['qr']['height']:.0f}px = {share:.0%} of the height")  # type: ignore[index]
            if share < 0.4:
                problems[f"{view} {width}x{height} QR"] = share
        presenter.screenshot(path=str(shots / f"presenter-{view}-{width}x{height}.png"))
    presenter.set_viewport_size({"width": 1920, "height": 1080})
