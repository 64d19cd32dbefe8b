"""Pages that do not mislead (issue 9, deliverable 5), on SQLite and PostgreSQL.

Errors look like errors, forms with errors say so at the top and focus the first, "save and
continue" saves what it can and names what it cannot, consensus starts at the median and shows
what the room wrote, the discussion queue weighs how many people answered, the results page
shows the agreed levels.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask, flash, render_template_string
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Answer, Consensus
from tests.factories import add_user
from tests.helpers import (
    REAL_STANDARDS,
    autosave,
    csrf_token,
    join_by_code,
    login,
    make_app,
    open_workshop,
    post_form,
)


@pytest.fixture
def db_app(database_url: str) -> Iterator[Flask]:
    application = make_app(database_url)
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def facilitator(db_app: Flask) -> FlaskClient:
    add_user(db_app, "consultant@example.com")
    client = db_app.test_client()
    login(client, "consultant@example.com")
    return client


def _room(app: Flask, code: str, answers: dict[str, list[dict[str, str]]]) -> None:
    """Let len(list) participants join; participant i gives answers[item][i] (when present)."""
    people = max(len(given) for given in answers.values())
    for index in range(people):
        participant = app.test_client()
        token = join_by_code(participant, code, name=f"Person {index}")
        for item, given in answers.items():
            if index < len(given) and given[index]:
                reply = autosave(participant, token, item, **given[index])
                assert reply.status_code == 200, reply.get_data(as_text=True)


def _levels(*levels: int) -> list[dict[str, str]]:
    return [{"level": str(level)} for level in levels]


# ---------------------------------------------------------------- messages and error summaries


@pytest.mark.parametrize(
    ("category", "role", "css", "label"),
    [("error", "alert", "flash-error", "Error"), ("warning", "alert", "flash-warning", "Attention")],
)
def test_error_and_warning_messages_look_like_errors(
    db_app: Flask, category: str, role: str, css: str, label: str
) -> None:
    with db_app.test_request_context("/"):
        flash("Something is wrong", category)
        html = render_template_string('{% extends "base.html" %}')
    match = re.search(r'<p class="flash ([\w-]+)" role="(\w+)">\s*<strong class="flash-label">(\w+)</strong>', html)
    assert match and match.groups() == (css, role, label), html
    assert "flash-success" not in html


def test_success_messages_are_a_quiet_status(db_app: Flask) -> None:
    with db_app.test_request_context("/"):
        flash("Saved", "success")
        flash("Uncategorised", "message")  # anything not an error or a warning counts as success
        html = render_template_string('{% extends "base.html" %}')
    assert html.count('class="flash flash-success" role="status"') == 2
    assert "flash-label" not in html and 'role="alert"' not in html


def test_a_form_with_errors_says_so_at_the_top_and_focuses_the_first(db_app: Flask) -> None:
    client = db_app.test_client()
    response = post_form(client, "/login", {"email": "", "password": ""})
    body = response.get_data(as_text=True)
    assert response.status_code in (400, 401, 200)
    summary = re.search(r'<div class="error-summary" role="alert"[^>]*>(.*?)</div>', body, re.S)
    assert summary, body
    assert "This form has 2 problems" in summary.group(1)
    assert re.findall(r'<a href="#(\w+)">', summary.group(1)) == ["email", "password"]
    # The summary comes before the fields; the first field with an error gets the focus.
    assert body.index("error-summary") < body.index('id="email"')
    assert re.search(r'<input[^>]*autofocus[^>]*id="email"', body)
    assert body.count("autofocus") == 1
    assert re.search(r'<input[^>]*aria-describedby="email-error"[^>]*aria-invalid="true"', body)


def test_a_form_without_errors_has_no_summary_and_no_autofocus(db_app: Flask) -> None:
    body = db_app.test_client().get("/login").get_data(as_text=True)
    assert "error-summary" not in body and "autofocus" not in body


def test_a_radio_group_error_links_to_its_first_option(facilitator: FlaskClient) -> None:
    org = facilitator.post(
        "/organisations",
        data={"csrf_token": csrf_token(facilitator.get("/").get_data(as_text=True)), "name": "Client"},
    ).headers["Location"]
    response = post_form(facilitator, org, {"title": "", "questionnaire": "mini", "assessed_on": "2026-11-22"})
    response = facilitator.post(
        f"{org}/assessments",
        data={"csrf_token": csrf_token(facilitator.get(org).get_data(as_text=True)), "questionnaire": "mini"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    links = re.findall(r'<li><a href="#([\w-]+)">', body)
    assert "title" in links and "mode-0" in links
    assert 'id="mode-0"' in body


def test_pages_with_two_forms_have_no_duplicate_ids(facilitator: FlaskClient) -> None:
    assessment_id, _code, _link = open_workshop(facilitator)
    for url in ("/", f"/assessments/{assessment_id}/workshop", f"/assessments/{assessment_id}/results"):
        body = facilitator.get(url).get_data(as_text=True)
        ids = re.findall(r'\sid="([^"]+)"', body)
        assert len(ids) == len(set(ids)), (url, sorted(i for i in ids if ids.count(i) > 1))
        assert body.count('name="csrf_token"') >= 2


# ---------------------------------------------------------------- save and continue


@pytest.fixture
def real_db_app(database_url: str) -> Iterator[Flask]:
    """The shipped standards (their element pages hold several items each), on each database."""
    application = make_app(database_url, standards=REAL_STANDARDS)
    yield application
    with application.app_context():
        db.engine.dispose()


def test_save_and_continue_saves_the_valid_answers_and_names_the_item(real_db_app: Flask) -> None:
    db_app = real_db_app
    add_user(db_app, "consultant@example.com")
    facilitator = db_app.test_client()
    login(facilitator, "consultant@example.com")
    _assessment_id, code, _link = open_workshop(facilitator, questionnaire="full")
    participant = db_app.test_client()
    token = join_by_code(participant, code)
    url = f"/respond/{token}/E5"
    response = post_form(
        participant,
        url,
        {"i_E5_01-level": "3", "i_E5_02-level": "1", "i_E5_06-level": "na", "i_E5_06-na_reason": ""},
    )
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    summary = body.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "1 answer needs your attention" in summary
    assert "2 other answers on this page were saved." in summary
    assert re.search(r'href="#i_E5_06-na_reason"><span class="code">E5-06</span> Give a short reason for N/A', summary)
    assert re.search(r'id="i_E5_06-na_reason"[^>]*autofocus', body)
    assert "nothing" not in summary.lower() and "No answer on this page was saved" not in body
    # The two valid answers carry their "saved" mark; the page's progress counts them.
    assert body.count('class="saved-mark"') == 2
    with db_app.app_context():
        saved = {a.item_code: a.level for a in db.session.scalars(sa.select(Answer))}
    assert saved == {"E5-01": 3, "E5-02": 1}
    # Fixing the one item moves on and says how many were saved.
    fixed = post_form(
        participant, url, {"i_E5_01-level": "3", "i_E5_06-level": "na", "i_E5_06-na_reason": "No kitchen"}
    )
    assert fixed.status_code == 302
    follow = participant.get(fixed.headers["Location"]).get_data(as_text=True)
    assert "3 answers saved." in follow, re.findall(r"flash[^<]*<[^<]*", follow)


def test_a_page_where_nothing_was_valid_says_nothing_was_saved(db_app: Flask, facilitator: FlaskClient) -> None:
    _assessment_id, code, _link = open_workshop(facilitator)
    participant = db_app.test_client()
    token = join_by_code(participant, code)
    response = post_form(participant, f"/respond/{token}/E1", {"i_E1_01-level": "9"})
    body = response.get_data(as_text=True)
    assert "No answer on this page was saved yet." in body
    assert re.search(r'href="#i_E1_01-level-0"><span class="code">E1-01</span> Not a valid choice', body)
    assert re.search(r'id="i_E1_01-level-0"[^>]*autofocus', body)
    with db_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 0


# ---------------------------------------------------------------- consensus


@pytest.mark.parametrize(("levels", "expected"), [((1, 3, 3), "3"), ((1, 2), "1"), ((0, 4, 4, 4), "4")])
def test_consensus_starts_at_the_median(
    db_app: Flask, facilitator: FlaskClient, levels: tuple[int, ...], expected: str
) -> None:
    assessment_id, code, _link = open_workshop(facilitator)
    _room(db_app, code, {"E1-01": _levels(*levels)})
    body = facilitator.get(f"/assessments/{assessment_id}/consensus/E1-01").get_data(as_text=True)
    assert re.findall(r'<option selected value="(\d)">', body) == [expected]
    assert f"{len(levels)} answers" in body


def test_consensus_without_answers_asks_for_a_level_instead_of_suggesting_zero(facilitator: FlaskClient) -> None:
    assessment_id, _code, _link = open_workshop(facilitator)
    url = f"/assessments/{assessment_id}/consensus/E1-01"
    body = facilitator.get(url).get_data(as_text=True)
    assert re.search(r'<option selected value="">Choose a level</option>', body)
    refused = post_form(facilitator, url, {"level": "", "rationale": "We agree"})
    assert refused.status_code == 400 and "error-summary" in refused.get_data(as_text=True)


def test_consensus_page_shows_comments_and_na_reasons_without_names(db_app: Flask, facilitator: FlaskClient) -> None:
    assessment_id, code, _link = open_workshop(facilitator)
    _room(
        db_app,
        code,
        {
            "E7-01": [
                {"level": "2", "comment": "Zeta: done in <b>spring</b>"},
                {"level": "na", "na_reason": "No such team here"},
                {"level": "3", "comment": "Alpha: audited"},
            ]
        },
    )
    body = facilitator.get(f"/assessments/{assessment_id}/consensus/E7-01").get_data(as_text=True)
    notes = body.split('id="notes-h"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<li>([^<]*(?:&lt;[^<]*)*)</li>", notes) == [
        "Alpha: audited",
        "Zeta: done in &lt;b&gt;spring&lt;/b&gt;",
        "No such team here",
    ]
    assert "Person" not in notes
    assert "2 answers · N/A: 1" in body


def test_consensus_can_be_recorded_while_answering_is_locked(db_app: Flask, facilitator: FlaskClient) -> None:
    assessment_id, code, _link = open_workshop(facilitator)
    _room(db_app, code, {"E1-01": _levels(0, 4)})
    page = facilitator.get(f"/assessments/{assessment_id}/workshop").get_data(as_text=True)
    facilitator.post(f"/assessments/{assessment_id}/workshop/locked/on", data={"csrf_token": csrf_token(page)})
    url = f"/assessments/{assessment_id}/consensus/E1-01"
    assert "Answering is locked" in facilitator.get(url).get_data(as_text=True)
    saved = post_form(facilitator, url, {"level": "2", "rationale": "Agreed after the discussion"})
    assert saved.status_code == 302
    assert "Consensus saved for E1-01." in facilitator.get(saved.headers["Location"]).get_data(as_text=True)
    with db_app.app_context():
        agreed = db.session.scalar(sa.select(Consensus))
        assert agreed is not None and agreed.level == 2


# ---------------------------------------------------------------- queue and results


def test_the_queue_ranks_ten_people_disagreeing_above_two(db_app: Flask, facilitator: FlaskClient) -> None:
    assessment_id, code, _link = open_workshop(facilitator)
    # E1-01: two people at opposite ends (r_wg 0). E2-01: ten people split 1/2/3 with one N/A on
    # E7-01 for the counts. E3-01: ten people who agree (not in the queue).
    split = _levels(1, 1, 1, 1, 2, 2, 3, 3, 3, 4)
    _room(
        db_app,
        code,
        {
            "E1-01": _levels(0, 4),
            "E2-01": split,
            "E3-01": _levels(*[2] * 10),
            "E7-01": [*_levels(0, 4, 0, 4), {"level": "na", "na_reason": "n/a"}],
        },
    )
    page = facilitator.get(f"/assessments/{assessment_id}/workshop").get_data(as_text=True)
    facilitator.post(f"/assessments/{assessment_id}/workshop/revealed/on", data={"csrf_token": csrf_token(page)})
    live = facilitator.get(f"/assessments/{assessment_id}/workshop/live").get_data(as_text=True)
    queue = live.split('<ol class="queue">', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r'<span class="code">([\w-]+)</span>', queue) == ["E2-01", "E7-01", "E1-01"]
    assert "10 answers · N/A: 0" in queue
    assert "4 answers · N/A: 1" in queue
    assert "2 answers · N/A: 0" in queue


def test_results_page_shows_the_agreed_levels(db_app: Flask, facilitator: FlaskClient) -> None:
    assessment_id, code, _link = open_workshop(facilitator)
    _room(db_app, code, {"E1-01": _levels(0, 4, 4)})
    post_form(
        facilitator,
        f"/assessments/{assessment_id}/consensus/E1-01",
        {"level": "3", "rationale": "Seen in the audit"},
    )
    body = facilitator.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
    section = body.split('id="consensus-h"', 1)[1].split("</section>", 1)[0]
    assert "1 item has an agreed level" in section
    row = re.search(r'<span class="code">E1-01</span>.*?</li>', section, re.S)
    assert row, section
    assert re.search(r'<dd class="agreed-level">3 · [^<]+</dd>', row.group(0))
    assert '<dd class="median">4</dd>' in row.group(0)
    assert '<dd class="rationale">Seen in the audit</dd>' in row.group(0)
