"""The Nu HTML checker (the W3C validator, vnu-jar from npm) finds no error on any page.

Every GET route of the URL map is visited with a seeded workshop and a self-audit (so each page
has content), as consultant, viewer and participant, in English and Japanese, plus the pages a
form shows after a failed submission. All pages go to one vnu run, so the JVM starts once.
"""

from __future__ import annotations

import io
import itertools
import re
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Assessment, Organisation, Respondent, User, Workspace
from tests.factories import Person, add_user, stored_assessment, workspace_named
from tests.helpers import (
    REAL_STANDARDS,
    ROOT,
    autosave,
    csrf_token,
    join_by_code,
    join_classroom,
    login,
    make_app,
    open_workshop,
    post_button,
    post_form,
    rate_classroom,
    shown_password,
    start_classroom,
)
from tests.nu import java, nu_errors

LOGO_SVG = (ROOT / "assessor" / "static" / "favicon.svg").read_bytes()
"""A logo to upload (an SVG: it is stored as a PNG), so the branding pages and the report show one."""
NOT_PAGES = {
    "static": "files (the favicon is checked below)",
    "i18n.switch": "redirects back",
    "reports.report_pdf": "a PDF",
    "questionnaires.printable_pdf": "a PDF (the printable questionnaire; its page is checked)",
    "branding.logo": "an image",
    "reports.plotly_js": "JavaScript",
    "workshops.qr": "an SVG image",
    "workshops.live": "a fragment of the facilitator's page, checked as part of that page",
    "workshops.present_live": "a fragment of the presenter screen, checked as part of that page",
    "workshops.survey_live": "a fragment of the survey page, checked as part of that page",
    "auth.logout": "POST only",
    "classroom.qr": "an SVG image",
    "classroom.live": "a fragment of the trainer's screen, checked as part of that page",
    "classroom.results_live": "a fragment of the trainee's results page, checked as part of that page",
    "classroom.debrief_pdf": "a PDF",
    "questionnaires.import_template": "an XLSX workbook or a CSV file",
}


def _seed(app: Flask) -> tuple[FlaskClient, dict[str, list[str]], list[tuple[str, str]]]:
    """A consultant's organisation with a live workshop (answers, N/A, comments, consensus, revealed,
    locked), a self-audit with answers and an empty assessment; return the consultant's client,
    the values for each URL parameter, and pages shown after failed submissions."""
    add_user(app, "consultant@example.com")
    consultant = app.test_client()
    login(consultant, "consultant@example.com")
    workshop_id, code, join_link = open_workshop(consultant)
    for index, (level, comment) in enumerate(
        [("0", "We never measure this"), ("4", "Board <b>reviews</b> it"), ("2", "")]
    ):
        participant = app.test_client()
        token = join_by_code(participant, code, name=f"Person {index}", segment="front-line")
        autosave(participant, token, "E1-01", level=level, comment=comment)
        autosave(participant, token, "E2-01", level=str(4 - int(level)))
    participant_token = token
    na = app.test_client()
    na_token = join_by_code(na, code, language="ja")
    page_c = na.get(f"/respond/{na_token}/E7").get_data(as_text=True)
    na.post(
        f"/respond/{na_token}/items/E7-01",
        data={"i_E7_01-level": "na", "i_E7_01-na_reason": "対象の部署がない"},
        headers={"X-CSRFToken": csrf_token(page_c)},
    )
    post_form(consultant, f"/assessments/{workshop_id}/consensus/E1-01", {"level": "2", "rationale": "Agreed"})
    waiting = na.get(f"/respond/{na_token}/summary").get_data(as_text=True)  # the end screen before the reveal
    assert "room-wait" in waiting
    facilitate = f"/assessments/{workshop_id}/workshop"
    post_form(consultant, f"{facilitate}/revealed/on", {}, facilitate)
    # A second vote on E1-01 and the queue: the round-2 phone page, both rounds on every page.
    post_form(consultant, f"{facilitate}/round2/item/E1-01", {}, facilitate)
    post_form(consultant, f"{facilitate}/round2/queue", {}, facilitate)
    round2 = participant.get(f"/respond/{participant_token}/round2").get_data(as_text=True)
    post_form(participant, f"/respond/{participant_token}/round2", {"i_E1_01-level": "3"})
    round2_errors = post_form(participant, f"/respond/{participant_token}/round2", {"i_E1_01-level": "7"})
    assert "i_E1_01-level" in round2 and round2_errors.status_code == 400
    post_form(consultant, f"{facilitate}/locked/on", {}, facilitate)

    org_url = consultant.get(f"/assessments/{workshop_id}").get_data(as_text=True)
    org_path = re.search(r'href="(/organisations/\d+)"', org_url).group(1)  # type: ignore[union-attr]
    made = post_form(
        consultant,
        f"{org_path}/assessments",
        {"title": "Self-audit", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "self"},
        org_path,
    )
    self_id = made.headers["Location"].rsplit("/", 1)[-1]
    started = post_form(consultant, f"/assessments/{self_id}/start", {"name": "Quality manager", "segment": ""})
    self_token = started.headers["Location"].rsplit("/", 1)[-1]
    post_form(consultant, f"/respond/{self_token}/E1", {"i_E1_01-level": "3", "i_E1_01-comment": "Charter signed"})
    empty = post_form(
        consultant,
        f"{org_path}/assessments",
        {"title": "Not started", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "workshop"},
        org_path,
    )
    empty_id = empty.headers["Location"].rsplit("/", 1)[-1]
    org_id = org_path.rsplit("/", 1)[-1]
    add_user(app, "viewer@example.com", role="viewer", workspace=None, organisation_id=int(org_id))

    # Pages as they look after a failed submission (error summaries, flashes, kept input).
    failed: list[tuple[str, str]] = []
    failed.append(("end-screen-waiting", waiting))
    anonymous = app.test_client()
    failed.append(
        ("login-errors", post_form(anonymous, "/login", {"email": "", "password": ""}).get_data(as_text=True))
    )
    failed.append(("round2-open", round2))
    failed.append(("round2-errors", round2_errors.get_data(as_text=True)))
    failed.append(("join-wrong-code", post_form(anonymous, "/join", {"code": "ZZZZZZ"}).get_data(as_text=True)))
    failed.append(("join-locked", anonymous.get(join_link).get_data(as_text=True)))
    # A survey with respondents, a closing date, a paper form; its pages after errors and once closed.
    survey = post_form(
        consultant,
        f"{org_path}/assessments",
        {"title": "Staff survey", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "survey"},
        org_path,
    ).headers["Location"]
    post_form(consultant, f"{survey}/workshop/open", {}, f"{survey}/survey")
    post_form(consultant, f"{survey}/survey/closing", {"closes_at": "2099-01-31T17:00"}, f"{survey}/survey")
    survey_link = re.search(  # type: ignore[union-attr]
        r'<p class="join-url"><a href="http://localhost(/w/[^"]+)">',
        consultant.get(f"{survey}/survey").get_data(as_text=True),
    ).group(1)
    failed.append(("survey-join", anonymous.get(survey_link).get_data(as_text=True)))
    for segment in ("front-line", "front-line", "front-line", "leadership"):
        post_form(app.test_client(), survey_link, {"language": "en", "name": "", "segment": segment})
    post_form(consultant, f"{survey}/paper-form", {"label": "", "segment": "", "i_E1_01-level": "2"})
    failed.append(("survey-page", consultant.get(f"{survey}/survey").get_data(as_text=True)))
    past = post_form(consultant, f"{survey}/survey/closing", {"closes_at": "2020-01-31T17:00"}, f"{survey}/survey")
    failed.append(("survey-closing-past", past.get_data(as_text=True)))
    bad_paper = post_form(
        consultant, f"{survey}/paper-form", {"label": "", "i_E1_01-level": "9", "i_E7_01-level": "na"}
    )
    failed.append(("paper-form-errors", bad_paper.get_data(as_text=True)))
    failed.append(("survey-report", consultant.get(f"{survey}/report").get_data(as_text=True)))
    with app.app_context():
        closing = db.session.get(Assessment, int(survey.rsplit("/", 1)[-1]))
        assert closing is not None
        closing.closes_at = datetime.now(UTC) - timedelta(minutes=1)
        db.session.commit()
    failed.append(("survey-closed-join", anonymous.get(survey_link).get_data(as_text=True)))
    failed.append(("survey-closed-page", consultant.get(f"{survey}/survey").get_data(as_text=True)))
    failed.append(("survey-closed-paper", consultant.get(f"{survey}/paper-form").get_data(as_text=True)))
    failed.append(
        (
            "assessment-errors",
            post_form(consultant, f"{org_path}/assessments", {"questionnaire": "mini"}, org_path).get_data(
                as_text=True
            ),
        )
    )
    failed.append(
        (
            "viewer-created",
            post_form(
                consultant, f"{org_path}/viewers", {"name": "CEO", "email": "ceo@example.com"}, org_path
            ).get_data(as_text=True),
        )
    )
    failed.append(
        (
            "consensus-errors",
            post_form(consultant, f"/assessments/{workshop_id}/consensus/E2-01", {"level": "9"}).get_data(as_text=True),
        )
    )
    cycle = post_form(consultant, f"/assessments/{self_id}/next-cycle", {}, f"/assessments/{self_id}")
    cycle_id = cycle.headers["Location"].rsplit("/", 1)[-1]
    failed.append(("next-cycle", consultant.get(f"/assessments/{cycle_id}").get_data(as_text=True)))
    again = post_form(consultant, f"/assessments/{cycle_id}/start", {"name": "Quality manager", "segment": ""})
    again_token = again.headers["Location"].rsplit("/", 1)[-1]
    still_true = consultant.get(f"/respond/{again_token}/E1").get_data(as_text=True)
    assert "Still true" in still_true and "Charter signed" in still_true
    failed.append(("still-true", still_true))
    failed.append(
        (
            "answers-not-saved",
            post_form(consultant, f"/respond/{self_token}/E7", {"i_E7_01-level": "na"}).get_data(as_text=True),
        )
    )
    failed.append(
        (
            "targets-errors",
            post_form(
                consultant, f"/assessments/{self_id}/targets", {"target_A": "300"}, f"/assessments/{self_id}/results"
            ).get_data(as_text=True),
        )
    )
    # Accounts: an admin's result pages, a refused member, a viewer's reset and the forced password page.
    add_user(app, "admin@example.com", role="admin", workspace=None)
    admin = app.test_client()
    login(admin, "admin@example.com")
    account = {"email": "new@example.com", "name": "New", "role": "consultant", "workspace": "Workspace A"}
    made = post_form(admin, "/admin/accounts", account)
    failed.append(("account-created", made.get_data(as_text=True)))
    failed.append(("account-errors", post_form(admin, "/admin/accounts", account).get_data(as_text=True)))
    with app.app_context():
        ws_id = db.session.scalar(sa.select(Workspace.id).where(Workspace.name == "Workspace A"))
        viewer_id = db.session.scalar(sa.select(User.id).where(User.email == "ceo@example.com"))
    member = post_form(admin, f"/admin/workspaces/{ws_id}/members", {f"ws{ws_id}-email": "x@y.z"}, "/admin/workspaces")
    failed.append(("member-errors", member.get_data(as_text=True)))
    reset = post_form(consultant, f"{org_path}/viewers/{viewer_id}/password", {}, org_path)
    failed.append(("viewer-reset", reset.get_data(as_text=True)))
    forced = app.test_client()
    login(forced, "ceo@example.com", shown_password(reset.get_data(as_text=True)))
    failed.append(("forced-password", forced.get("/account/password").get_data(as_text=True)))
    token = csrf_token(failed[-1][1])
    common = {"csrf_token": token, "new": "password123", "confirm": "password123"}
    failed.append(("forced-password-common", forced.post("/account/password", data=common).get_data(as_text=True)))
    # The action plan: one action with a note and an overdue date, and its pages with errors.
    plan = f"{org_path}/actions"
    action_path = post_form(
        consultant, plan, {"title": "Call back", "elements": "E1", "kpis": "CSAT", "owner": "Ken", "due": "2020-01-31"}
    ).headers["Location"]
    post_form(consultant, f"{action_path}/notes", {"text": "Kick-off\nheld"}, action_path)
    failed.append(
        ("action-errors", post_form(consultant, plan, {"title": "", "progress": "300"}).get_data(as_text=True))
    )
    wont = post_form(consultant, f"{action_path}/status", {"status": "wont_do", "reason": ""}, action_path)
    failed.append(("action-status-errors", wont.get_data(as_text=True)))
    # Three years of one organisation: the results page with what moved and the trend, in both languages.
    with app.app_context():
        history = Organisation(name="Three years", workspace=workspace_named("Workspace A"))
        for year, level in ((2024, 1), (2025, 3), (2026, 2)):
            people = [Person(answers={f"E{n}-01": level for n in range(1, 10)}) for _ in range(3)]
            latest = stored_assessment(history, f"Audit {year}", people, assessed_on=date(year, 5, 1), mode="workshop")
        db.session.add(history)
        db.session.commit()
        latest_id = latest.id
    for lang in ("en", "ja"):
        consultant.get(f"/language/{lang}")
        page = consultant.get(f"/assessments/{latest_id}/results").get_data(as_text=True)
        assert 'id="moves-h"' in page and 'id="trend-h"' in page
        failed.append((f"results-moves-trend-{lang}", page))
    for lang in ("en", "ja"):  # the dry run of an import: problems listed, and a file ready to import
        consultant.get(f"/language/{lang}")
        url = f"/assessments/{workshop_id}/import"
        for name, body in (
            ("problems", b"Respondent label,E1-01 Q,E99-01\r\nP1,7,\r\n"),
            ("ready", b"E1-01 Q\r\n2\r\n"),
        ):
            token = csrf_token(consultant.get(url).get_data(as_text=True))
            data = {"csrf_token": token, "file": (io.BytesIO(body), f"{name}.csv")}
            checked = consultant.post(url, data=data, content_type="multipart/form-data").get_data(as_text=True)
            failed.append((f"import-{name}-{lang}", checked))
    consultant.get("/language/en")
    with app.app_context():  # a participant of the workshop (their rename and remove pages)
        respondent_id = str(db.session.scalar(sa.select(Respondent.id).where(Respondent.token == participant_token)))
    with app.app_context():
        workspace_id = db.session.scalar(sa.select(Workspace.id).where(Workspace.name == "Workspace A"))
    branding = f"/workspaces/{workspace_id}/branding"
    token = csrf_token(consultant.get(branding).get_data(as_text=True))
    logo = {"csrf_token": token, "logo": (BytesIO(LOGO_SVG), "logo.png")}
    assert consultant.post(f"{branding}/logo", data=logo, content_type="multipart/form-data").status_code == 302
    refused = {"csrf_token": token, "logo": (BytesIO(b"<html></html>"), "logo.png")}
    failed.append(("logo-refused", consultant.post(f"{branding}/logo", data=refused).get_data(as_text=True)))
    values = {
        "org_id": [org_id],
        "assessment_id": [str(workshop_id), self_id, empty_id],
        "token": [participant_token, na_token, self_token],
        "element_id": ["E1", "E7"],
        "code": ["E1-01", "E7-01"],
        "join_token": [join_link.rsplit("/", 1)[-1]],
        "questionnaire_id": ["mini"],
        "respondent_id": [respondent_id],
        "action_id": [action_path.rsplit("/", 1)[-1]],
        "workspace_id": [str(workspace_id)],
        "session_id": ["1"],  # none in the mini standards (no cases): the 404 page; see _classroom_pages
    }
    return consultant, values, failed


def _classroom_pages(tmp_path: Path) -> list[tuple[str, str]]:
    """The classroom's pages with the shipped cases, at each stage, in English and Japanese: the
    trainer's list and screen, the join pages, the case, the rating form (also with a refused value)
    and the results, before the reveal, after it and with the key."""
    app = make_app(f"sqlite:///{tmp_path / 'classroom.sqlite'}", standards=REAL_STANDARDS)
    add_user(app, "trainer@example.com")
    trainer = app.test_client()
    login(trainer, "trainer@example.com")
    session_id, code = start_classroom(trainer)
    screen = f"/classroom/{session_id}"
    trainee = app.test_client()
    token = join_classroom(trainee, code, name="Aiko")
    for other in range(3):
        rate_classroom(app.test_client(), join_classroom(app.test_client(), code), {"E1-01": str(other)})
    pages: list[tuple[str, str]] = []
    refused = rate_classroom(trainee, token, {"E1-01": "2", "E1-02": "9"})
    assert refused.status_code == 400
    pages.append(("classroom-rate-errors", refused.get_data(as_text=True)))
    anonymous = app.test_client()
    wrong = post_form(anonymous, "/classroom/join", {"code": "ZZZZZZ"})
    pages.append(("classroom-join-wrong-code", wrong.get_data(as_text=True)))
    stages = {"rating": None, "revealed": "reveal", "key": "key"}
    for stage, button in stages.items():
        if button:
            assert post_button(trainer, f"{screen}/{button}", screen) == 302
        for lang in ("en", "ja"):
            for client in (trainer, trainee, anonymous):
                client.get(f"/language/{lang}")
            urls = {"trainer": (trainer, screen), "list": (trainer, "/classroom"), "case": (trainee, f"/t/{token}")}
            urls |= {"rate": (trainee, f"/t/{token}/rate"), "results": (trainee, f"/t/{token}/results")}
            urls |= {"join-code": (anonymous, "/classroom/join")}
            for name, (client, url) in urls.items():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                pages.append((f"classroom-{stage}-{lang}-{name}", response.get_data(as_text=True)))
    return pages


def _urls(app: Flask, values: dict[str, list[str]]) -> list[str]:
    urls: list[str] = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_PAGES or "GET" not in (rule.methods or set()):
            continue
        missing = [name for name in rule.arguments if name not in values]
        assert not missing, f"{rule.rule}: no test value for {missing}; add one to _seed()"
        names = sorted(rule.arguments)
        for combination in itertools.product(*(values[name] for name in names)):
            path = rule.rule
            for name, value in zip(names, combination, strict=True):
                path = re.sub(rf"<(?:\w+:)?{name}>", value, path)
            urls.append(path)
    return urls


def test_every_page_passes_the_nu_html_checker(app: Flask, tmp_path: Path) -> None:
    java()  # before the seeding: skip or fail at once without the checker
    consultant, values, failed = _seed(app)
    viewer = app.test_client()
    login(viewer, "viewer@example.com")
    participant = app.test_client()
    admin = app.test_client()
    login(admin, "admin@example.com")
    clients = {"consultant": consultant, "viewer": viewer, "participant": participant, "admin": admin}
    pages: dict[str, str] = {}
    for (role, client), lang in itertools.product(clients.items(), ("en", "ja")):
        client.get(f"/language/{lang}")
        for url in _urls(app, values):
            response = client.get(url)
            if response.mimetype == "text/html":
                pages[f"{role}-{lang}-{url}"] = response.get_data(as_text=True)
        pages[f"{role}-{lang}-not-found"] = client.get("/no/such/page").get_data(as_text=True)
    for name, html in failed + _classroom_pages(tmp_path):
        pages[f"after-{name}"] = html
    assert len(pages) > 100  # every role and language saw the pages, not only redirects
    assert sum(1 for html in pages.values() if "error-summary" in html) >= 5
    errors = nu_errors(pages, tmp_path)
    assert not errors, "\n".join(errors[:40])


def test_the_favicon_is_served_and_linked(app: Flask) -> None:
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert link
    icon = client.get(link.group(1))
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    assert icon.get_data(as_text=True).startswith("<svg")


def test_no_page_template_needs_an_emoji_font() -> None:
    # Pictographs outside the basic text symbols (e.g. the lock U+1F512) need a colour emoji font.
    pictograph = re.compile("[\U0001f000-\U0001faff\u2600-\u26ff\ufe0f]")
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)!r}"
        for path in (ROOT / "templates").rglob("*.html")
        if "pdf" not in path.parts  # the PDF embeds its own font; these are the web pages
        for match in pictograph.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders
