"""Answering on a phone (issue 13, deliverable 4), on SQLite and PostgreSQL with the shipped
standards: one element per page, a progress line that stays in view, a clear end screen, the
room's distribution on the participant's phone after the reveal (never below the minimum group
size) and a light page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Answer, Assessment, ViewCache
from tests.factories import add_user
from tests.helpers import REAL_STANDARDS, autosave, csrf_token, join_by_code, login, make_app, open_workshop, post_form

ELEMENTS = [f"E{n}" for n in range(1, 10)]
PAGE_BUDGET = 150_000
"""Bytes a phone downloads for one answering page: its HTML and everything it references."""


@pytest.fixture
def phone_app(database_url: str) -> Iterator[Flask]:
    """The shipped standards (72 items in the full questionnaire, 8 per element) on each database."""
    application = make_app(database_url, standards=REAL_STANDARDS)
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def facilitator(phone_app: Flask) -> FlaskClient:
    add_user(phone_app, "consultant@example.com")
    client = phone_app.test_client()
    login(client, "consultant@example.com")
    return client


def _workshop(facilitator: FlaskClient, questionnaire: str = "full") -> tuple[int, str]:
    assessment_id, code, _link = open_workshop(facilitator, questionnaire=questionnaire)
    return assessment_id, code


def _codes(page_html: str) -> list[str]:
    return re.findall(r'<fieldset class="item[^"]*" id="[^"]+" data-code="([^"]+)"', page_html)


def _answer_page(participant: FlaskClient, token: str, element: str, level: str = "2") -> str:
    """Answer every item of one element page with the form (the no-JavaScript path); return the redirect."""
    url = f"/respond/{token}/{element}"
    codes = _codes(participant.get(url).get_data(as_text=True))
    response = post_form(participant, url, {f"i_{code.replace('-', '_')}-level": level for code in codes})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def _set(app: Flask, assessment_id: int, **values: object) -> None:
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment is not None
        for name, value in values.items():
            setattr(assessment, name, value)
        db.session.commit()


def test_one_element_per_page_with_next_previous_and_resume(phone_app: Flask, facilitator: FlaskClient) -> None:
    _assessment_id, code = _workshop(facilitator)
    participant = phone_app.test_client()
    token = join_by_code(participant, code)
    assert participant.get(f"/respond/{token}").headers["Location"].endswith(f"/respond/{token}/E1")

    first = participant.get(f"/respond/{token}/E1").get_data(as_text=True)
    assert _codes(first) == [f"E1-0{n}" for n in range(1, 9)]  # the 8 items of element E1, in order
    assert '<p class="crumbs">Leadership and strategy</p>' in first  # its dimension, as a heading
    assert "Page 1 of 9 · 0 of 72 answered" in first
    assert re.search(r'<progress max="72" value="0" aria-label="Items answered">', first)
    assert 'rel="prev"' not in first
    assert re.search(rf'href="/respond/{token}/E2" rel="next">Next page<', first)
    second = participant.get(f"/respond/{token}/E2").get_data(as_text=True)
    assert re.search(rf'href="/respond/{token}/E1" rel="prev">Previous page<', second)
    assert re.search(rf'href="/respond/{token}/E3" rel="next">Next page<', second)
    assert "Page 2 of 9" in second
    assert "Page 9 of 9" in participant.get(f"/respond/{token}/E9").get_data(as_text=True)
    assert 'rel="next"' not in participant.get(f"/respond/{token}/E9").get_data(as_text=True)

    # "Save and continue" saves the page and goes to the next element; the link resumes there.
    assert _answer_page(participant, token, "E1").endswith(f"/respond/{token}/E2")
    assert participant.get(f"/respond/{token}").headers["Location"].endswith(f"/respond/{token}/E2")
    assert autosave(participant, token, "E3-01", level="4").json["answered"] == 9  # type: ignore[index]
    assert participant.get(f"/respond/{token}").headers["Location"].endswith(f"/respond/{token}/E2")
    for item in _codes(second):
        autosave(participant, token, item, level="1")
    assert participant.get(f"/respond/{token}").headers["Location"].endswith(f"/respond/{token}/E3")
    third = participant.get(f"/respond/{token}/E3").get_data(as_text=True)
    assert "Page 3 of 9 · 17 of 72 answered" in third
    assert re.search(r'<progress max="72" value="17"', third)
    # The page list marks the elements answered in full.
    assert re.search(rf'href="/respond/{token}/E1" class="done">E1<span aria-hidden="true">✓</span>', third)
    with phone_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 17


def test_the_quick_questionnaire_has_one_page_per_element_too(phone_app: Flask, facilitator: FlaskClient) -> None:
    _assessment_id, code = _workshop(facilitator, questionnaire="quick")
    participant = phone_app.test_client()
    token = join_by_code(participant, code)
    page = participant.get(f"/respond/{token}/E4").get_data(as_text=True)
    assert len(_codes(page)) == 2 and "Page 4 of 9 · 0 of 18 answered" in page


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        (
            "en",
            [
                "You're done",
                "Your answers are saved. You can put your phone away.",
                "The facilitator will show the room's results.",
                "You can still change an answer until answering closes",
            ],
        ),
        (
            "ja",
            [
                "回答は完了です",
                "回答は保存されました。これで終了です。スマートフォンはしまっていただいて構いません。",
                "全体の結果はファシリテーターが会場で共有します。",
                "回答の受付が終わるまでは、回答を変更できます",
            ],
        ),
    ],
)
def test_the_end_screen_says_you_are_done(
    phone_app: Flask, facilitator: FlaskClient, lang: str, texts: list[str]
) -> None:
    assessment_id, code = _workshop(facilitator)
    participant = phone_app.test_client()
    token = join_by_code(participant, code, language=lang)
    for element in ELEMENTS[:-1]:
        _answer_page(participant, token, element)
    half = participant.get(f"/respond/{token}/summary").get_data(as_text=True)
    assert texts[0] not in half and texts[1] not in half  # not done yet: the last page is still open
    assert re.search(rf'href="/respond/{token}/E9">.*?</a>\s*<span class="open-count">', half)
    last = _answer_page(participant, token, "E9")
    assert last.endswith(f"/respond/{token}/summary")  # after the last page: the end screen
    done = participant.get(last).get_data(as_text=True)
    for text in texts:
        assert text in done, text
    assert f'href="/respond/{token}/E1"' in done  # going back to change an answer
    _set(phone_app, assessment_id, locked=True)
    locked = participant.get(last).get_data(as_text=True)
    assert texts[1] in locked and texts[3] not in locked


def test_the_room_is_shown_on_the_phone_only_after_the_reveal(phone_app: Flask, facilitator: FlaskClient) -> None:
    assessment_id, code = _workshop(facilitator)
    people = []
    for level in ("1", "3", "3"):
        participant = phone_app.test_client()
        token = join_by_code(participant, code)
        autosave(participant, token, "E1-01", level=level)
        people.append((participant, token))
    # E1-02: rated by two people only, below the minimum group size (3); E3-06: two ratings and
    # one N/A, still below it (an N/A is not a rating: ScoringResult.shows_distribution).
    for participant, token in people[:2]:
        autosave(participant, token, "E1-02", level="2")
        autosave(participant, token, "E3-06", level="3")
    autosave(people[2][0], people[2][1], "E3-06", level="na", na_reason="No such team here")
    me, my_token = people[0]

    before = me.get(f"/respond/{my_token}/summary").get_data(as_text=True)
    assert "dist-bars" not in before and 'class="room"' not in before
    assert f'data-poll-url="/respond/{my_token}/revealed"' in before and "/static/js/room.js" in before
    assert me.get(f"/respond/{my_token}/revealed").json == {"revealed": False, "second_vote": False}
    assert "See the room" not in me.get(f"/respond/{my_token}/E1").get_data(as_text=True)

    page = facilitator.get(f"/assessments/{assessment_id}/workshop").get_data(as_text=True)
    facilitator.post(f"/assessments/{assessment_id}/workshop/revealed/on", data={"csrf_token": csrf_token(page)})
    assert me.get(f"/respond/{my_token}/revealed").json == {"revealed": True, "second_vote": False}
    assert f'href="/respond/{my_token}/summary#room"' in me.get(f"/respond/{my_token}/E1").get_data(as_text=True)

    after = me.get(f"/respond/{my_token}/summary").get_data(as_text=True)
    assert 'data-shown="yes" hidden' in after  # still polling, for a second vote only
    item_block = r'<span class="code">(E1-0[12])</span>.*?(<div class="room">.*?</div>\s*</li>)'
    blocks = dict(re.findall(item_block, after, re.S))
    shown = blocks["E1-01"]
    assert "The room: 3 answers" in shown
    assert re.search(r'aria-label="Answers per level: 0=0, 1=1, 2=0, 3=2, 4=0(, 5=0)?; your answer: 1"', shown)
    assert re.findall(r'<div class="bar-row( mine)?"><span class="bar-label">(\d)', shown)[1] == (" mine", "1")
    assert shown.count("bar-row mine") == 1
    hidden = blocks["E1-02"]
    assert "dist-bars" not in hidden and "Fewer than 3 people rated this item" in hidden
    with_na = after.split('<span class="code">E3-06</span>', 1)[1].split("</li>", 1)[0]
    assert "dist-bars" not in with_na and "Fewer than 3 people rated this item" in with_na
    # A raised minimum hides E1-01 as well.
    _set(phone_app, assessment_id, min_group_size=4)
    raised = me.get(f"/respond/{my_token}/summary").get_data(as_text=True)
    assert "dist-bars" not in raised and "Fewer than 4 people rated this item" in raised


def test_a_self_audit_shows_no_room(phone_app: Flask, facilitator: FlaskClient) -> None:
    assessment_id, code = _workshop(facilitator)
    participant = phone_app.test_client()
    token = join_by_code(participant, code)
    autosave(participant, token, "E1-01", level="2")
    _set(phone_app, assessment_id, mode="self", revealed=True)
    page = participant.get(f"/respond/{token}/summary").get_data(as_text=True)
    assert 'class="room"' not in page and "room.js" not in page and "put your phone away" not in page
    assert participant.get(f"/respond/{token}/revealed").json == {"revealed": False, "second_vote": False}
    assert participant.get("/respond/no-such-token-here/revealed").status_code == 404


def _referenced(client: FlaskClient, url: str, seen: set[str]) -> int:
    """Bytes of ``url`` and, recursively, of every same-site file it references (CSS ``url()`` too)."""
    if url in seen:
        return 0
    seen.add(url)
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.get_data()
    total = len(body)
    if response.mimetype in ("text/html", "text/css"):
        text = body.decode()
        found = re.findall(r'(?:href|src)="(/[^"#?]*)', text) if response.mimetype == "text/html" else []
        found += re.findall(r"""url\(\s*["']?(/[^"')]+)""", text)
        for asset in found:
            if asset.startswith("/static/"):
                total += _referenced(client, asset, seen)
    return total


def test_an_element_page_weighs_under_150_kb(phone_app: Flask, facilitator: FlaskClient) -> None:
    _assessment_id, code = _workshop(facilitator)
    participant = phone_app.test_client()
    token = join_by_code(participant, code, language="ja")
    sizes = {}
    for element in ELEMENTS:
        seen: set[str] = set()
        sizes[element] = _referenced(participant, f"/respond/{token}/{element}", seen)
        assert not any("plotly" in url or url.endswith((".ttf", ".otf", ".woff", ".woff2")) for url in seen), seen
        assert "/static/css/app.css" in seen and "/static/js/autosave.js" in seen
    assert max(sizes.values()) < PAGE_BUDGET, sizes


def test_the_room_is_scored_once_per_change_and_shared_by_every_phone(
    phone_app: Flask, facilitator: FlaskClient
) -> None:
    """After the reveal the first phone scores the room and stores the distributions; the others
    read the stored row; a changed answer (or a new participant) makes the next phone score it again,
    so no phone is ever shown a stale room. The row holds counts only, never an N/A reason."""
    assessment_id, code = _workshop(facilitator)
    people = []
    for level in ("1", "3", "3"):
        participant = phone_app.test_client()
        token = join_by_code(participant, code)
        autosave(participant, token, "E1-01", level=level)
        people.append((participant, token))
    autosave(people[2][0], people[2][1], "E1-02", level="na", na_reason="Secret reason of one person")
    page = facilitator.get(f"/assessments/{assessment_id}/workshop").get_data(as_text=True)
    facilitator.post(f"/assessments/{assessment_id}/workshop/revealed/on", data={"csrf_token": csrf_token(page)})

    def snapshot() -> tuple[str, str] | None:
        with phone_app.app_context():
            row = db.session.get(ViewCache, (assessment_id, "room"))
            return None if row is None else (row.version, row.payload)

    def room_of_e1_01(client: FlaskClient, token: str) -> str:
        html = client.get(f"/respond/{token}/summary").get_data(as_text=True)
        found = re.search(r'<span class="code">E1-01</span>.*?aria-label="Answers per level: ([^";]+)', html, re.S)
        assert found is not None
        return found[1]

    assert snapshot() is None
    assert room_of_e1_01(*people[0]).startswith("0=0, 1=1, 2=0, 3=2")
    first = snapshot()
    assert first is not None and "Secret reason" not in first[1]
    assert room_of_e1_01(*people[1]).startswith("0=0, 1=1, 2=0, 3=2")
    assert snapshot() == first  # the second phone read the stored room
    autosave(*people[1], "E1-01", level="4")  # a late change: the next phone sees it
    assert room_of_e1_01(*people[2]).startswith("0=0, 1=1, 2=0, 3=1, 4=1")
    second = snapshot()
    assert second is not None and second[0] != first[0]
    late = phone_app.test_client()
    join_by_code(late, code)
    room_of_e1_01(*people[0])
    third = snapshot()
    assert third is not None and third[0] != second[0]  # a new participant: scored again
