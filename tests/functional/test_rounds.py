"""Two rounds on both databases (peer instruction: vote, reveal, discuss, vote again): the facilitator
opens a second vote on the queue or one item, round 1 is kept as it was, phones show the items again,
scores use each person's latest vote, and the shift shows on the facilitator's page, the presenter
screen, the consensus page and the results; viewers and other workspaces can do none of it."""

from __future__ import annotations

from io import BytesIO

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from assessor.assessments import score_assessment
from assessor.extensions import db
from assessor.models import Answer, Assessment, Event, FirstRoundAnswer, VoteRound
from tests.factories import add_user
from tests.helpers import autosave, csrf_token, join_by_code, login, open_workshop

SPLIT = ("0", "4", "0", "4")
"""E1-01 in round 1: a room split between the two ends of the scale (median 2)."""


def _room(site: Flask, everything: bool = False) -> tuple[FlaskClient, int, list[tuple[FlaskClient, str]]]:
    add_user(site, "lead@example.com")
    lead = site.test_client()
    login(lead, "lead@example.com")
    assessment_id, code, _link = open_workshop(lead)
    people = []
    for index, level in enumerate(SPLIT):
        phone = site.test_client()
        token = join_by_code(phone, code, name=f"Person {index}")
        assert autosave(phone, token, "E1-01", level=level).status_code == 200
        assert autosave(phone, token, "E2-01", level="2").status_code == 200  # everyone agrees on E2-01
        for element in range(3, 10) if everything else ():  # (enough evidence for a full report)
            assert autosave(phone, token, f"E{element}-01", level="2").status_code == 200
        people.append((phone, token))
    return lead, assessment_id, people


def _post(client: FlaskClient, assessment_id: int, path: str) -> int:
    token = csrf_token(client.get("/join").get_data(as_text=True))
    return client.post(f"/assessments/{assessment_id}/workshop/{path}", data={"csrf_token": token}).status_code


def _vote(phone: FlaskClient, token: str, **levels: str) -> int:
    page = phone.get("/join").get_data(as_text=True)  # (the round-2 page has no form once the vote is closed)
    data = {f"i_{code.replace('-', '_')}-level": level for code, level in levels.items()}
    return phone.post(f"/respond/{token}/round2", data={"csrf_token": csrf_token(page), **data}).status_code


def _median(site: Flask, assessment_id: int, code: str) -> float | None:
    with site.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment is not None
        return score_assessment(assessment).result.item(code).median


def test_a_second_vote_on_the_queue_keeps_round_one_and_scores_the_latest(site: Flask) -> None:
    lead, assessment_id, people = _room(site, everything=True)
    base = f"/assessments/{assessment_id}/workshop"
    assert "Vote again on the queue" not in lead.get(base).get_data(as_text=True)  # not before the reveal
    assert _post(lead, assessment_id, "revealed/on") == 302
    assert "Vote again on the queue" in lead.get(base).get_data(as_text=True)
    # Nothing open yet: the answering link starts where it always did.
    phone, token = people[0]
    assert "/round2" not in phone.get(f"/respond/{token}").headers["Location"]
    assert _post(lead, assessment_id, "round2/queue") == 302
    with site.app_context():
        rounds = list(db.session.scalars(sa.select(VoteRound)))
        snapshot = sorted(db.session.execute(sa.select(FirstRoundAnswer.level)).scalars())
        assert [(r.item_code, r.closed_at) for r in rounds] == [("E1-01", None)]  # E2-01 is agreed: not in the queue
        assert snapshot == [0, 0, 4, 4]
        assert db.session.scalar(sa.select(Event.detail).where(Event.verb == "second round opened")) == "items E1-01"
    # The phones show the item again, with the first vote; the end screen's poll says so.
    assert phone.get(f"/respond/{token}").headers["Location"].endswith(f"/respond/{token}/round2")
    assert phone.get(f"/respond/{token}/revealed").json == {"revealed": True, "second_vote": True}
    assert f'data-second-vote-url="/respond/{token}/round2"' in phone.get(f"/respond/{token}/summary").get_data(
        as_text=True
    )
    page = phone.get(f"/respond/{token}/round2").get_data(as_text=True)
    assert "E1-01" in page and "E2-01" not in page and "Your first vote" in page
    assert 'value="0" checked' in page  # the current answer is chosen already
    # Three of four vote again (3, 3, 4); one keeps their round-1 answer (4).
    for (phone, token), level in zip(people[:3], ("3", "3", "4"), strict=True):
        assert _vote(phone, token, **{"E1-01": level}) == 302
    assert "/round2" not in people[0][0].get(f"/respond/{people[0][1]}").headers["Location"]  # voted: back as usual
    assert people[0][0].get(f"/respond/{people[0][1]}/revealed").json == {"revealed": True, "second_vote": False}
    assert people[3][0].get(f"/respond/{people[3][1]}/revealed").json == {"revealed": True, "second_vote": True}
    with site.app_context():
        answers = dict(
            db.session.execute(
                sa.select(Answer.level, sa.func.count()).where(Answer.item_code == "E1-01").group_by(Answer.level)
            ).all()
        )
        rounds_given = sorted(db.session.scalars(sa.select(Answer.round).where(Answer.item_code == "E1-01")))
        assert answers == {3: 2, 4: 2} and rounds_given == [1, 2, 2, 2]
        assert sorted(db.session.execute(sa.select(FirstRoundAnswer.level)).scalars()) == [0, 0, 4, 4]  # kept
    assert _median(site, assessment_id, "E1-01") == 3.5  # the latest round per respondent: 3, 3, 4, 4
    # The facilitator, the presenter screen, the consensus page and the results show the shift.
    live = lead.get(f"{base}/live").get_data(as_text=True)
    assert "3 people voted again" in live and "Median 2 → 3.5" in live and "moved up · converged" in live
    presenter = lead.get(f"{base}/present/live").get_data(as_text=True)
    assert "0=2, 1=0, 2=0, 3=0, 4=2" in presenter and "0=0, 1=0, 2=0, 3=2, 4=2" in presenter
    assert "Second vote open" in presenter
    consensus = lead.get(f"/assessments/{assessment_id}/consensus/E1-01").get_data(as_text=True)
    assert (
        "First vote" in consensus and "0=2, 1=0, 2=0, 3=0, 4=2" in consensus and "0=0, 1=0, 2=0, 3=2, 4=2" in consensus
    )
    assert '<option selected value="3">' in consensus  # the consensus starts from round 2's median (3.5 -> 3)
    results = lead.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
    assert "Second round" in results and "Median 2 → 3.5" in results
    # The report's appendix lists it too, in both languages (the PDF read back).
    for lang, words in (
        ("en", ("Second round", "2 → 3.5", "0.00 → 0.83", "moved up · converged")),
        ("ja", ("再投票", "2 → 3.5", "上昇 · 意見が収束")),
    ):
        pdf = lead.get(f"/assessments/{assessment_id}/report.pdf?lang={lang}")
        text = " ".join("\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf.data)).pages).split())
        for word in words:
            assert word in text, (lang, word)
    # Closing: the phones go back to the usual pages; later changes stay round 2.
    assert _post(lead, assessment_id, "round2/close") == 302
    with site.app_context():
        assert db.session.scalar(sa.select(VoteRound.closed_at)) is not None
    phone, token = people[3]
    assert "/round2" not in phone.get(f"/respond/{token}").headers["Location"]
    assert "No second vote is open now" in phone.get(f"/respond/{token}/round2").get_data(as_text=True)
    assert _vote(phone, token, **{"E1-01": "3"}) == 409
    assert autosave(people[0][0], people[0][1], "E1-01", level="4").status_code == 200
    with site.app_context():
        assert sorted(db.session.scalars(sa.select(Answer.round).where(Answer.item_code == "E1-01"))) == [1, 2, 2, 2]
    # Reopening keeps the first snapshot (round 1 is the answers before the first re-vote).
    assert _post(lead, assessment_id, "round2/item/E1-01") == 302
    with site.app_context():
        assert sorted(db.session.execute(sa.select(FirstRoundAnswer.level)).scalars()) == [0, 0, 4, 4]
        assert db.session.scalar(sa.select(VoteRound.closed_at)) is None
    assert _vote(phone, token, **{"E1-01": "3"}) == 302
    with site.app_context():
        assert sorted(db.session.scalars(sa.select(Answer.round).where(Answer.item_code == "E1-01"))) == [2, 2, 2, 2]
        verbs = list(
            db.session.scalars(sa.select(Event.verb).where(Event.verb.like("second round%")).order_by(Event.id))
        )
    assert verbs == ["second round opened", "second round closed", "second round opened"]


def test_one_item_the_version_and_the_comment(site: Flask) -> None:
    lead, assessment_id, people = _room(site)
    phone, token = people[0]
    assert autosave(phone, token, "E1-01", level="0", comment="We never measure it").status_code == 200
    _post(lead, assessment_id, "revealed/on")
    live = f"/assessments/{assessment_id}/workshop/present/live"
    etag = lead.get(live).headers["ETag"]
    assert _post(lead, assessment_id, "round2/item/E2-01") == 302  # any one item, even an agreed one
    opened = lead.get(live, headers={"If-None-Match": etag})
    assert opened.status_code == 200
    etag = opened.headers["ETag"]
    assert lead.get(live, headers={"If-None-Match": etag}).status_code == 304
    page = phone.get(f"/respond/{token}/round2").get_data(as_text=True)
    assert "E2-01" in page and "E1-01" not in page
    assert _vote(phone, token, **{"E2-01": "2"}) == 302  # the same level again: still a second-round vote
    assert lead.get(live, headers={"If-None-Match": etag}).status_code == 200  # a round-2 answer changes the screen
    assert _vote(phone, token, **{"E2-01": "9"}) == 400  # not a level
    with site.app_context():
        row = db.session.execute(
            sa.select(Answer.level, Answer.round).where(Answer.item_code == "E2-01", Answer.comment.is_(None))
        ).all()
        assert (2, 2) in row
        kept = db.session.scalar(
            sa.select(Answer.comment).where(Answer.item_code == "E1-01", Answer.level == 0, Answer.comment.is_not(None))
        )
        assert kept == "We never measure it"
    assert _post(lead, assessment_id, "round2/item/E9-99") == 404
    # The N/A reason follows the rules of every answer: a control character is refused, nothing stored.
    assert _post(lead, assessment_id, "round2/item/E7-01") == 302
    page = phone.get("/join").get_data(as_text=True)
    hostile = {"i_E7_01-level": "na", "i_E7_01-na_reason": "No\x00branch", "csrf_token": csrf_token(page)}
    refused = phone.post(f"/respond/{token}/round2", data=hostile)
    assert refused.status_code == 400 and "U+0000" in refused.get_data(as_text=True)
    assert _vote(phone, token, **{"E7-01": "na"}) == 400  # N/A needs a reason
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer).where(Answer.item_code == "E7-01")) == 0
    # Locked: no second vote opens, and the phone page refuses.
    _post(lead, assessment_id, "round2/close")
    _post(lead, assessment_id, "locked/on")
    assert _post(lead, assessment_id, "round2/item/E1-01") == 302
    with site.app_context():
        assert (
            db.session.scalar(sa.select(sa.func.count()).select_from(VoteRound).where(VoteRound.closed_at.is_(None)))
            == 0
        )


def test_viewers_and_other_workspaces_cannot_open_or_close_a_second_vote(site: Flask) -> None:
    lead, assessment_id, _people = _room(site)
    _post(lead, assessment_id, "revealed/on")
    with site.app_context():
        org_id = db.session.scalar(sa.select(Assessment.organisation_id).where(Assessment.id == assessment_id))
    add_user(site, "exec@example.com", role="viewer", workspace=None, organisation_id=org_id)
    add_user(site, "rival@example.com", workspace="Workspace B")
    viewer, rival = site.test_client(), site.test_client()
    login(viewer, "exec@example.com")
    login(rival, "rival@example.com")
    for path in ("round2/queue", "round2/item/E1-01", "round2/close"):
        assert _post(viewer, assessment_id, path) == 403
        assert _post(rival, assessment_id, path) == 404
        assert lead.post(f"/assessments/{assessment_id}/workshop/{path}").status_code in (302, 400)  # no CSRF token
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(VoteRound)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(FirstRoundAnswer)) == 0
    # The viewer reads the results' second-round section only as aggregates (and only from k answers).
    _post(lead, assessment_id, "round2/queue")
    results = viewer.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
    assert "Second round" in results and "Person 0" not in results
