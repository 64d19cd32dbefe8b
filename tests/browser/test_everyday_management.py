"""Everyday management in Debian's chromium, as a consultant in the real app: define a custom
segment, rename the organisation, remove a participant, regenerate the join code (the old code and
link then fail) and change one's own password (then log in with the new one, never the old)."""

from __future__ import annotations

import re
import subprocess
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.helpers import ROOT
from tests.live import BIN, LiveServer, open_workshop

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 360, "height": 740}
OLD_PASSWORD = "everyday-browser-password"
NEW_PASSWORD = "a brand new and much longer password"


def _consultant(server: LiveServer) -> str:
    """A consultant of their own (the session's facilitator keeps their password for the other tests)."""
    email = f"everyday-{uuid.uuid4().hex[:8]}@example.com"
    subprocess.run(
        [BIN / "assessor", "users", "create", email, "--name", "Everyday Consultant", "--role", "consultant"],
        env={**server.env, "ASSESSOR_PASSWORD": OLD_PASSWORD},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return email


def _log_in(page, server: LiveServer, email: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("form.panel button[type=submit]").click()


def _join_by_code(page, server: LiveServer, code: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/join")
    page.locator("#code").fill(code)
    page.locator("form.panel button[type=submit]").click()


def test_everyday_management_in_the_browser(live_server: LiveServer, browser, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    email = _consultant(live_server)
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in(page, live_server, email, OLD_PASSWORD)
    page.wait_for_url(live_server.url + "/")

    join_url = open_workshop(page, "Everyday Client", "Everyday workshop")
    old_code = page.locator(".code-big").inner_text()
    facilitate_url = page.url
    assessment_url = facilitate_url.removesuffix("/workshop")

    # A custom segment, named in English and Japanese, offered to the participants.
    page.goto(assessment_url)
    page.get_by_role("link", name="Edit segments").click()
    page.locator("#new-label_en").fill("Osaka site")
    page.locator("#new-label_ja").fill("大阪拠点")
    page.get_by_role("button", name="Add segment").click()
    expect(page.locator(".flash")).to_have_text("Segment added.")
    expect(page.locator("ol.segments > li h2").last).to_have_text("Osaka site · 大阪拠点")
    assert not serious_violations(page)

    # Two participants join on phones; the second will be removed.
    phones = []
    for name in ("Keeps Answering", "Joined By Mistake"):
        phone_context = browser.new_context(locale="en-GB", viewport=PHONE, is_mobile=True)
        phone = phone_context.new_page()
        _join_by_code(phone, live_server, old_code.lower())
        phone.locator("input[name=language][value=en]").check()
        phone.locator("#name").fill(name)
        expect(phone.locator("#segment option")).to_have_text(
            ["Prefer not to say", "Leadership", "Front line", "Back office", "Other", "Osaka site"]
        )
        phone.locator("#segment").select_option(label="Osaka site")
        phone.locator("form.panel button[type=submit]").click()
        phone.locator("fieldset.item").first.wait_for()
        phones.append((phone_context, phone))

    # Remove a participant: the confirmation says what goes, then the list no longer has them.
    page.goto(assessment_url)
    page.get_by_role("link", name="Joined By Mistake").click()
    page.get_by_role("link", name="Remove this respondent…").click()
    expect(page.locator("h1")).to_contain_text("Joined By Mistake")
    page.get_by_role("button", name="Remove respondent and answers").click()
    expect(page.locator(".flash")).to_have_text("Respondent removed with 0 answers.")
    expect(page.get_by_role("link", name="Joined By Mistake")).to_have_count(0)
    expect(page.get_by_role("link", name="Keeps Answering")).to_have_count(1)
    expect(page.locator("table").first).to_contain_text("Osaka site")

    # Regenerate the join code: a new one shows, the old code and link stop working at once.
    page.goto(facilitate_url)
    page.get_by_role("button", name="New join code and link").click()
    expect(page.locator(".flash")).to_contain_text("The old ones no longer work.")
    new_code = page.locator(".code-big").inner_text()
    new_url = page.locator(".join-url a").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{6}", new_code) and new_code != old_code and new_url != join_url
    latecomer_context = browser.new_context(locale="en-GB", viewport=PHONE, is_mobile=True)
    latecomer = latecomer_context.new_page()
    _join_by_code(latecomer, live_server, old_code)
    expect(latecomer.locator(".error")).to_contain_text("No workshop has this code.")
    assert latecomer.goto(join_url).status == 404
    _join_by_code(latecomer, live_server, new_code)
    expect(latecomer.locator("input[name=language][value=en]")).to_be_visible()
    # The participant who stayed keeps answering with their own link.
    phones[0][1].reload()
    expect(phones[0][1].locator("fieldset.item").first).to_be_visible()

    # Rename the organisation: the page and the list show the new name.
    page.goto(assessment_url)
    page.locator(".crumbs").get_by_role("link", name="Everyday Client", exact=True).click()
    page.get_by_role("textbox", name="Organisation name").fill("Everyday Client Renamed")
    page.get_by_role("button", name="Save name").click()
    expect(page.locator(".flash")).to_have_text("Name saved.")
    expect(page.locator("h1")).to_have_text("Everyday Client Renamed")
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="Everyday Client Renamed")).to_be_visible()
    page.screenshot(path=str(artifacts / "everyday-organisations.png"), full_page=True)

    # Change one's own password (from the name in the header), then log in with the new one only.
    page.get_by_role("link", name="Everyday Consultant").click()
    page.locator("#current").fill("not the password")
    page.locator("#new").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".error").first).to_contain_text("The current password is not correct.")
    page.locator("#current").fill(OLD_PASSWORD)
    page.locator("#new").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".flash")).to_contain_text("Your password has been changed.")
    page.get_by_role("button", name="Log out").click()
    _log_in(page, live_server, email, OLD_PASSWORD)
    expect(page.locator(".error").first).to_be_visible()
    assert page.url.startswith(live_server.url + "/login")
    _log_in(page, live_server, email, NEW_PASSWORD)
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_role("link", name="Everyday Client Renamed")).to_be_visible()

    for phone_context, _phone in phones:
        phone_context.close()
    latecomer_context.close()
    context.close()
