"""axe-core on the pages with wide tables (results, report, answers) on a phone and a laptop, in both
languages; every sideways-scrolling table can be reached with the keyboard. And the autosave script
gives up after a bounded number of attempts when the server keeps failing, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from assessor.extensions import db
from assessor.models import Answer, Assessment, Organisation, Respondent, User
from tests.browser.axe import serious_violations
from tests.helpers import REAL_STANDARDS, make_app
from tests.live import LiveServer, log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 900}}
PEOPLE = [
    ("Hiroshi Watanabe-Thompson", "leadership"),
    ("山田 花子", "front-line"),
    ("Alexandra Konstantinopoulou", "front-line"),
    ("Jean-Baptiste Oyelaran", "back-office"),
    ("佐々木 健太郎", "back-office"),
    ("Priya Raghunathan", "leadership"),
]


def _seed(server: LiveServer) -> tuple[int, str]:
    """A workshop on the quick questionnaire in the facilitator's workspace, answered by six people."""
    app = make_app(f"sqlite:///{server.database}", standards=REAL_STANDARDS)
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == server.email))
        assert user is not None
        org = Organisation(name="Wide Tables Ltd", workspace_id=user.workspace_id)
        assessment = Assessment(
            organisation=org, title="Accessibility check", questionnaire_id="quick", questionnaire_version="1"
        )
        codes = app.extensions["assessor.framework"].questionnaire("quick").codes
        for index, (name, segment) in enumerate(PEOPLE):
            person = Respondent(assessment=assessment, name=name, segment=segment, language="en")
            for number, code in enumerate(codes):
                person.answers.append(Answer(item_code=code, level=(index + number) % 5, is_na=False))
            assessment.respondents.append(person)
        db.session.add(org)
        db.session.commit()
        token = assessment.respondents[0].token
        found = int(assessment.id), str(token)
        db.engine.dispose()
    return found


def test_results_report_and_answers_pass_axe_and_tables_take_focus(  # type: ignore[no-untyped-def]
    live_server: LiveServer, browser, artifacts: Path
) -> None:
    assessment_id, _token = _seed(live_server)
    problems: dict[str, list[str]] = {}
    regions = 0
    for lang in ("en", "ja"):
        for size, viewport in VIEWPORTS.items():
            context = browser.new_context(locale="ja-JP" if lang == "ja" else "en-GB", viewport=viewport)
            page = context.new_page()
            log_in(page, live_server)
            page.goto(f"{live_server.url}/language/{lang}")
            for name in ("results", "report", "answers"):
                page.goto(f"{live_server.url}/assessments/{assessment_id}/{name}")
                if name != "answers":
                    page.wait_for_selector("#radar .main-svg")
                found = serious_violations(page)
                if found:
                    problems[f"{name} {lang} {size}"] = found
                wraps = page.locator(".table-wrap")
                for i in range(wraps.count()):
                    wrap = wraps.nth(i)
                    named = wrap.get_attribute("role") == "region" and wrap.get_attribute("aria-label")
                    if wrap.get_attribute("tabindex") != "0" or not named:
                        problems.setdefault(f"{name} {lang} {size}", []).append(f"table-wrap {i} not a named region")
                    regions += 1
                if page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth"):
                    problems.setdefault(f"{name} {lang} {size}", []).append("the page scrolls sideways")
                page.screenshot(path=str(artifacts / f"a11y-{name}-{lang}-{size}.png"), full_page=True)
            if size == "phone":  # a wide table scrolls with the keyboard once it has focus
                wide = page.locator(".table-wrap").first
                assert wide.evaluate("el => el.scrollWidth > el.clientWidth"), "the answers table should scroll here"
                wide.focus()
                page.keyboard.press("ArrowRight")
                page.wait_for_function("el => el.scrollLeft > 0", arg=wide.element_handle())
            context.close()
    assert problems == {}, problems
    assert regions >= 4 * (2 + 6 + 4)  # every page, size and language: results, report and answers tables


def test_autosave_gives_up_after_bounded_attempts(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    _assessment_id, token = _seed(live_server)
    context = browser.new_context(locale="en-GB", viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.clock.install()
    attempts: list[str] = []

    def fail(route) -> None:  # type: ignore[no-untyped-def]
        attempts.append(route.request.url)
        route.fulfill(status=500, body="boom")

    page.route("**/items/*", fail)
    page.goto(f"{live_server.url}/respond/{token}/E1")
    item = page.locator("fieldset.item").first
    item.locator("input[type=radio]").nth(2).check()
    for _ in range(12):  # far longer than all the pauses together
        page.clock.run_for(31_000)
        page.wait_for_timeout(50)
    state = item.locator(".save-state")
    assert "several attempts failed" in state.inner_text()
    assert len(attempts) == 6
    context.close()
