"""The presenter screen on both databases: who may open it, what it never shows (names, small
groups), 304 while nothing changed and 200 after a change, and next/previous moving the item
under discussion."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.assessments import questionnaire_of
from assessor.extensions import db
from assessor.models import Answer, Assessment, Event, Respondent
from tests.factories import add_user
from tests.helpers import autosave, csrf_token, join_by_code, login, open_workshop

NAMES = ("Zebulon Quartermaine", "Ottilie Brandywine", "佐藤花子", "Maximilian Oakheart")


def _consultant(site: Flask) -> FlaskClient:
    add_user(site, "lead@example.com")
    client = site.test_client()
    login(client, "lead@example.com")
    return client


def _room(site: Flask, client: FlaskClient, levels: tuple[str, ...] = ("0", "4", "0", "4")) -> tuple[int, str]:
    """A workshop where named participants answered E1-01 with ``levels``."""
    assessment_id, code, _link = open_workshop(client)
    for name, level in zip(NAMES, levels, strict=False):
        participant = site.test_client()
        token = join_by_code(participant, code, name=name, segment="front-line")
        assert autosave(participant, token, "E1-01", level=level).status_code == 200
    return assessment_id, code


def _post(client: FlaskClient, assessment_id: int, path: str) -> int:
    token = csrf_token(client.get(f"/assessments/{assessment_id}/workshop").get_data(as_text=True))
    return client.post(f"/assessments/{assessment_id}/workshop/{path}", data={"csrf_token": token}).status_code


def _discussed(site: Flask, assessment_id: int) -> str | None:
    with site.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment is not None
        return assessment.discussed_item


def test_only_the_facilitator_opens_the_presenter_screen(site: Flask) -> None:
    client = _consultant(site)
    assessment_id, _code = _room(site, client, levels=())
    urls = [f"/assessments/{assessment_id}/workshop/present", f"/assessments/{assessment_id}/workshop/present/live"]
    for url in urls:
        assert client.get(url).status_code == 200
        assert site.test_client().get(url).status_code == 302  # not logged in: to the login page
    with site.app_context():
        org_id = db.session.scalar(sa.select(Assessment.organisation_id).where(Assessment.id == assessment_id))
    add_user(site, "exec@example.com", role="viewer", workspace=None, organisation_id=org_id)
    add_user(site, "rival@example.com", workspace="Workspace B")
    viewer, rival = site.test_client(), site.test_client()
    login(viewer, "exec@example.com")
    login(rival, "rival@example.com")
    for url in urls:
        assert viewer.get(url).status_code == 403
        assert rival.get(url).status_code == 404
    for who, status in ((viewer, 403), (rival, 404)):
        token = csrf_token(who.get("/join").get_data(as_text=True))
        moved = who.post(f"/assessments/{assessment_id}/workshop/item/next", data={"csrf_token": token})
        assert moved.status_code == status
    assert _discussed(site, assessment_id) is None
    # Without the CSRF token nothing moves.
    assert client.post(f"/assessments/{assessment_id}/workshop/item/next").status_code in (302, 400)
    assert _discussed(site, assessment_id) is None


def test_the_presenter_screen_shows_no_names_and_no_controls(site: Flask) -> None:
    client = _consultant(site)
    assessment_id, code = _room(site, client)
    base = f"/assessments/{assessment_id}/workshop"
    facilitator = client.get(base).get_data(as_text=True)
    assert NAMES[0] in facilitator  # the facilitator's own page names them
    pages = {"join": [client.get(f"{base}/present").get_data(as_text=True)]}
    assert code in pages["join"][0] and "qr.svg" in pages["join"][0] and "http://localhost/join" not in pages["join"][0]
    assert "localhost<wbr>/join" in pages["join"][0]
    assert '<span class="num">4</span> joined' in pages["join"][0]
    assert _post(client, assessment_id, "revealed/on") == 302
    pages["discussion"] = [
        client.get(f"{base}/present").get_data(as_text=True),
        client.get(f"{base}/present/live").get_data(as_text=True),
    ]
    assert "0=2, 1=0, 2=0, 3=0, 4=2" in pages["discussion"][1]
    assert _post(client, assessment_id, "locked/on") == 302
    assert _post(client, assessment_id, "revealed/off") == 302
    pages["closing"] = [client.get(f"{base}/present").get_data(as_text=True)]
    assert "Answering has ended." in pages["closing"][0]
    for view, texts in pages.items():
        for text in texts:
            assert f'data-view="{view}"' in text
            for name in (*NAMES, "lead@example.com", "Front-line", "front-line"):
                assert name not in text, (view, name)
            assert "<form" not in text and "<button" not in text and "Log out" not in text


def test_the_distribution_is_hidden_below_the_minimum_group_size(site: Flask) -> None:
    client = _consultant(site)
    assessment_id, _code = _room(site, client, levels=("0", "4", "4"))
    assert _post(client, assessment_id, "revealed/on") == 302
    live = f"/assessments/{assessment_id}/workshop/present/live"
    shown = client.get(live).get_data(as_text=True)
    assert "0=1, 1=0, 2=0, 3=0, 4=2" in shown and "3 answers" in shown  # 3 people: the deployment's minimum
    with site.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment is not None
        assessment.min_group_size = 4
        db.session.commit()
    hidden = client.get(live).get_data(as_text=True)
    assert "Fewer than 4 people rated this item: its distribution is not shown." in hidden
    assert "dist-bars" not in hidden and "0=1" not in hidden and "3 answers" not in hidden


def test_the_live_endpoint_answers_304_until_something_changes(site: Flask) -> None:
    client = _consultant(site)
    assessment_id, code = _room(site, client, levels=("1", "3"))
    live = f"/assessments/{assessment_id}/workshop/present/live"
    first = client.get(live)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag
    page = client.get(f"/assessments/{assessment_id}/workshop/present").get_data(as_text=True)
    assert f'data-version="{etag.strip(chr(34))}"' in page  # the page starts from the same version
    unchanged = client.get(live, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.get_data() == b"" and unchanged.headers["ETag"] == etag

    def changed_by(change: object) -> str:
        nonlocal etag
        response = client.get(live, headers={"If-None-Match": etag})
        assert response.status_code == 200, change
        assert response.headers["ETag"] != etag, change
        etag = response.headers["ETag"]
        assert client.get(live, headers={"If-None-Match": etag}).status_code == 304, change
        return response.get_data(as_text=True)

    participant = site.test_client()
    token = join_by_code(participant, code, name="Late Comer")
    assert '<span class="num">3</span> joined' in changed_by("a participant joined")
    autosave(participant, token, "E1-01", level="2")
    changed_by("an answer")
    autosave(participant, token, "E1-01", level="4")
    changed_by("an answer changed")
    _post(client, assessment_id, "revealed/on")
    assert 'data-view="discussion"' in changed_by("the reveal")
    _post(client, assessment_id, "item/next")
    changed_by("the item under discussion")
    client.get("/language/ja")
    assert client.get(live, headers={"If-None-Match": etag}).status_code == 200  # another language, another page
    client.get("/language/en")
    _post(client, assessment_id, "regenerate")
    changed_by("a new join code")


def test_next_and_previous_move_the_item_under_discussion(site: Flask) -> None:
    client = _consultant(site)
    # E1-01 is split (0 and 4): it heads the discussion order; the other items follow in questionnaire order.
    assessment_id, _code = _room(site, client)
    _post(client, assessment_id, "revealed/on")
    live = f"/assessments/{assessment_id}/workshop/present/live"
    assert 'data-item="E1-01"' in client.get(live).get_data(as_text=True)  # nothing chosen: the first to discuss
    assert _post(client, assessment_id, "item/next") == 302
    second = _discussed(site, assessment_id)
    assert second is not None and second != "E1-01"
    screen = client.get(live).get_data(as_text=True)
    assert f'data-item="{second}"' in screen
    facilitator = client.get(f"/assessments/{assessment_id}/workshop/live").get_data(as_text=True)
    assert f'data-item="{second}"' in facilitator  # the facilitator sees what the room sees
    assert _post(client, assessment_id, "item/previous") == 302
    assert _discussed(site, assessment_id) == "E1-01"
    before = _events(site)
    assert _post(client, assessment_id, "item/previous") == 302  # already first: stays, no history entry
    assert _discussed(site, assessment_id) == "E1-01" and _events(site) == before
    with site.app_context():
        verbs = list(db.session.scalars(sa.select(Event.detail).where(Event.verb == "workshop item discussed")))
    assert verbs == [f"item {second}", "item E1-01"]
    # A consensus does not move the item in the order next/previous step through.
    token = csrf_token(client.get(f"/assessments/{assessment_id}/consensus/E1-01").get_data(as_text=True))
    client.post(
        f"/assessments/{assessment_id}/consensus/E1-01",
        data={"csrf_token": token, "level": "2", "rationale": "Discussed"},
    )
    assert _post(client, assessment_id, "item/next") == 302
    assert _discussed(site, assessment_id) == second
    assert "✓ Agreed" in client.get(live).get_data(as_text=True)


def _events(site: Flask) -> int:
    with site.app_context():
        return int(db.session.scalar(sa.select(sa.func.count(Event.id))) or 0)


def test_the_live_panel_answers_304_until_something_changes(site: Flask) -> None:
    """The facilitator's live panel polls with the presenter screen's version as its ETag."""
    client = _consultant(site)
    assessment_id, code = _room(site, client, levels=("1", "3"))
    live = f"/assessments/{assessment_id}/workshop/live"
    page = client.get(f"/assessments/{assessment_id}/workshop").get_data(as_text=True)
    first = client.get(live)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag
    assert f'data-version="{etag.strip(chr(34))}"' in page  # the page starts from the same version
    assert etag != client.get(f"/assessments/{assessment_id}/workshop/present/live").headers["ETag"]
    unchanged = client.get(live, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.get_data() == b"" and unchanged.headers["ETag"] == etag

    def changed_by(change: object) -> str:
        nonlocal etag
        response = client.get(live, headers={"If-None-Match": etag})
        assert response.status_code == 200, change
        assert response.headers["ETag"] != etag, change
        etag = response.headers["ETag"]
        assert client.get(live, headers={"If-None-Match": etag}).status_code == 304, change
        return response.get_data(as_text=True)

    participant = site.test_client()
    token = join_by_code(participant, code, name="Late Comer")
    assert "Late Comer" in changed_by("a participant joined")
    autosave(participant, token, "E1-01", level="2")
    assert "1 / " in changed_by("an answer")
    with site.app_context():
        late = db.session.scalar(sa.select(Assessment).where(Assessment.id == assessment_id))
        assert late is not None
        person = max(late.respondents, key=lambda r: r.id)
        person_id = person.id
    form = client.get(f"/assessments/{assessment_id}/respondents/{person_id}").get_data(as_text=True)
    renamed = client.post(
        f"/assessments/{assessment_id}/respondents/{person_id}",
        data={"csrf_token": csrf_token(form), "name": "Renamed Person"},
    )
    assert renamed.status_code == 302
    assert "Renamed Person" in changed_by("a participant renamed")
    _post(client, assessment_id, "revealed/on")
    changed_by("the reveal")
    client.get("/language/ja")
    assert client.get(live, headers={"If-None-Match": etag}).status_code == 200  # another language


def test_a_large_room_lists_only_those_still_answering(site: Flask) -> None:
    """Above 40 participants the live panel lists those still answering, least progress first, and
    counts the rest: the facilitator sees who to wait for, not 1,000 names."""
    client = _consultant(site)
    assessment_id, _code = _room(site, client, levels=())
    with site.app_context():
        assessment = db.session.get_one(Assessment, assessment_id)
        codes = [item.code for item in questionnaire_of(assessment).items]
        people = [
            Respondent(assessment_id=assessment_id, name=f"Person {n:02d}", segment="front-line") for n in range(45)
        ]
        db.session.add_all(people)
        db.session.flush()
        rows = []
        for n, person in enumerate(people):
            answered = len(codes) if n >= 3 else n  # Person 00-02 answered 0, 1 and 2 items; the rest all
            rows += [{"respondent_id": person.id, "item_code": code, "level": 2} for code in codes[:answered]]
        db.session.execute(sa.insert(Answer), rows)
        db.session.commit()
    panel = client.get(f"/assessments/{assessment_id}/workshop/live").get_data(as_text=True)
    assert '<span class="num">45</span> joined' in panel and '<span class="num">42</span> finished' in panel
    listed = re.findall(r"<td>(Person \d\d)</td>", panel)
    assert listed == ["Person 00", "Person 01", "Person 02"]
    assert "42 finished (not listed)" in panel and "more still answering" not in panel


def test_an_na_is_not_a_rating_on_the_projector_either(site: Flask) -> None:
    """Two ratings and one N/A stay below a minimum of 3 on the presenter screen, as on the phones."""
    client = _consultant(site)
    assessment_id, code = _room(site, client, levels=())
    for name, level in zip(NAMES, ("1", "3", "na"), strict=False):
        participant = site.test_client()
        token = join_by_code(participant, code, name=name)
        assert autosave(participant, token, "E7-01", level=level, na_reason="Not our service").status_code == 200
    assert _post(client, assessment_id, "revealed/on") == 302
    with site.app_context():
        db.session.get_one(Assessment, assessment_id).discussed_item = "E7-01"
        db.session.commit()
    screen = client.get(f"/assessments/{assessment_id}/workshop/present/live").get_data(as_text=True)
    assert 'data-item="E7-01"' in screen
    assert "Fewer than 3 people rated this item" in screen and "dist-bars" not in screen
