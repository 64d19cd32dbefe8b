"""A classroom session in Debian's chromium (two gunicorn workers): three trainees join by code on a
phone and laptops, read the case and rate it; the trainer's screen follows them, reveals the room,
shows the key, and the debrief PDF downloads with the trainees unnamed (read back with pypdf)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.live import LiveServer, log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
FOLLOW_MS = 8000
"""The polled pages ask every 2-3 s: they must follow a change within this."""
TRAINEES = (("Zebulon Quartermaine", "en", PHONE, 2), ("", "ja", PHONE, 1), ("", "en", LAPTOP, 0))
"""(display name, language, viewport, level chosen for every item)."""


def test_a_class_rates_a_case_in_the_browser(live_server: LiveServer, browser, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    shots = artifacts / "classroom"
    shots.mkdir(exist_ok=True)
    trainer_context = browser.new_context(locale="en-GB", viewport=LAPTOP, accept_downloads=True)
    trainer = trainer_context.new_page()
    log_in(trainer, live_server)
    trainer.get_by_role("link", name="Classroom").click()
    trainer.get_by_label("Case").select_option("bus-operator")
    trainer.get_by_label("Questionnaire").select_option("quick")
    trainer.get_by_role("button", name="Start").click()
    code = trainer.locator(".code-big").inner_text()

    phones = []
    for name, language, viewport, level in TRAINEES:
        page = browser.new_context(locale="en-GB", viewport=viewport).new_page()
        page.goto(live_server.url + "/classroom/join")
        page.get_by_label("Session code").fill(code.lower())
        page.get_by_role("button", name="Join").click()
        page.locator(f"input[name=language][value={language}]").check()
        if name:
            page.locator("#name").fill(name)
        page.locator("form.panel button[type=submit]").click()
        expect(page.locator("h2#narrative-h")).to_be_visible()
        page.locator(".actions a.button").first.click()
        items = page.locator("fieldset.item")
        assert items.count() == 18
        for index in range(items.count()):
            items.nth(index).locator(f"input[type=radio][value='{level}']").check()
        if language == "ja" and viewport is PHONE:
            page.screenshot(path=str(shots / "rate-ja-390.png"))
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.locator("form.answer-form button[type=submit]").click()
        expect(page.locator("#screen")).to_be_visible()
        phones.append(page)

    expect(trainer.locator("#screen")).to_contain_text("3 joined · 3 rating · 3 finished", timeout=FOLLOW_MS)
    trainer.get_by_role("button", name="Reveal the room’s ratings").click()
    for page in phones:
        expect(page.locator("#screen .dist-bars").first).to_be_visible(timeout=FOLLOW_MS)
    trainer.get_by_role("button", name="Show the whole key").click()
    lenient = phones[0]
    expect(lenient.locator(".own-figures")).to_contain_text("lenient", timeout=FOLLOW_MS)
    japanese = phones[1]
    expect(japanese.locator(".own-figures")).to_contain_text("評価の偏り", timeout=FOLLOW_MS)
    expect(japanese.locator(".key-line").first).to_be_visible()
    japanese.screenshot(path=str(shots / "results-ja-390.png"), full_page=False)
    assert japanese.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for page in phones[1:]:
        assert "Zebulon" not in page.content()  # no trainee sees another's name
    expect(trainer.locator("#screen")).to_contain_text("Zebulon Quartermaine")
    trainer.screenshot(path=str(shots / "trainer-key-en.png"))

    with trainer.expect_download() as download:
        trainer.get_by_role("button", name="Debrief PDF").click()
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 1
    assert "Calibration debrief" in text and "Trainee 1" in text and "Trainee 3" in text
    assert "Zebulon" not in text  # names stay hidden unless the trainer ticks "show names"
