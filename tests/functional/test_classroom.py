"""A classroom session end to end on each database: start, join by code, read, rate, reveal, the key,
the figures, the debrief; and who may see what (other workspaces, other trainees, CSRF)."""

from __future__ import annotations

import io
import re

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from assessor.extensions import db
from assessor.models import Assessment, ClassroomSession, Event, Organisation
from assessor.standards import get_framework
from tests.factories import add_user
from tests.helpers import csrf_token, join_classroom, login, post_button, rate_classroom, start_classroom

CASE = "bus-operator"


def _trainer(app: Flask, email: str, workspace: str) -> FlaskClient:
    add_user(app, email, workspace=workspace)
    client = app.test_client()
    login(client, email)
    return client


def _join(app: Flask, code: str, name: str = "", language: str = "en") -> tuple[FlaskClient, str]:
    trainee = app.test_client()
    return trainee, join_classroom(trainee, code, name, language)


def _rate(trainee: FlaskClient, token: str, ratings: dict[str, str]) -> int:
    return rate_classroom(trainee, token, ratings).status_code


def _post(trainer: FlaskClient, session_id: int, path: str) -> int:
    return post_button(trainer, f"/classroom/{session_id}/{path}", f"/classroom/{session_id}")


def test_a_class_rates_a_case_and_sees_the_room_then_the_key(real_site: Flask) -> None:
    app = real_site
    trainer = _trainer(app, "trainer@example.com", "Academy")
    session_id, code = start_classroom(trainer)
    with app.app_context():
        case = get_framework().cases[CASE]
        codes = get_framework().questionnaire("quick").codes
    key = {c: case.key[c].level for c in codes}
    assert all(level is not None and level < 4 for level in key.values())

    screen = trainer.get(f"/classroom/{session_id}").get_data(as_text=True)
    link = re.search(r'<p class="small">http://localhost(/c/[^<]+)</p>', screen)
    assert link, screen
    promise = app.test_client().get(link.group(1)).get_data(as_text=True)
    assert "Who sees what" in promise and "The room sees only totals per item" in promise
    high, high_token = _join(app, code, name="Aiko <b>Sato</b>")
    exact, exact_token = _join(app, code, language="ja")
    third, third_token = _join(app, code)
    assert "Hoshimi" in high.get(f"/t/{high_token}").get_data(as_text=True)
    assert "星見交通" in exact.get(f"/t/{exact_token}").get_data(as_text=True)

    # one level high everywhere; exactly the key; the key but a wrong value on one item (refused, the rest saved)
    assert _rate(high, high_token, {c: str(level + 1) for c, level in key.items()}) == 303
    assert _rate(exact, exact_token, {c: str(level) for c, level in key.items()}) == 303
    refused = {**{c: str(level) for c, level in key.items()}, codes[0]: "5"}
    assert _rate(third, third_token, refused) == 400
    assert third.post(f"/t/{third_token}/rate", data={f"rate-{codes[0]}": "1"}).status_code == 400  # no CSRF token

    live = trainer.get(f"/classroom/{session_id}/live")
    assert "3 joined · 3 rating · 2 finished" in live.get_data(as_text=True)
    assert (
        trainer.get(f"/classroom/{session_id}/live", headers={"If-None-Match": live.headers["ETag"]}).status_code == 304
    )
    waiting = exact.get(f"/t/{exact_token}/results").get_data(as_text=True)
    assert "dist-bars" not in waiting

    assert _post(trainer, session_id, "reveal") == 302
    assert _rate(third, third_token, {codes[0]: "0"}) == 303  # rating has ended: nothing saved
    revealed = exact.get(f"/t/{exact_token}/results").get_data(as_text=True)
    assert "dist-bars" in revealed and "◆" not in revealed

    assert _post(trainer, session_id, f"key/{codes[1]}") == 302
    one_key = exact.get(f"/t/{exact_token}/results/live").get_data(as_text=True)
    assert case.key[codes[1]].rationale.ja in one_key and case.key[codes[0]].rationale.ja not in one_key
    assert "own-figures" not in one_key

    assert _post(trainer, session_id, "key") == 302
    mine = high.get(f"/t/{high_token}/results").get_data(as_text=True)
    figures = mine[mine.index("own-figures") : mine.index("</section>", mine.index("own-figures"))]
    assert re.search(r">0 %<", figures) and re.search(r">100 %<", figures)  # exact, within one
    assert ">1<" in figures and "+1 · lenient" in figures  # MAD, bias
    assert "Over 18 items" in figures
    assert "Aiko" not in exact.get(f"/t/{exact_token}/results").get_data(as_text=True)

    board = trainer.get(f"/classroom/{session_id}/live").get_data(as_text=True)
    assert "Aiko &lt;b&gt;Sato&lt;/b&gt;" in board and "Trainee 2" in board  # the trainer sees names given, escaped
    assert "<b>Sato" not in board

    pdf = trainer.get(f"/classroom/{session_id}/debrief.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert len(PdfReader(io.BytesIO(pdf.data)).pages) == 1
    assert "Trainee 1" in text and "Aiko" not in text
    named = trainer.get(f"/classroom/{session_id}/debrief.pdf?names=1")
    named_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(named.data)).pages)
    assert "Aiko <b>Sato</b>" in named_text and "Trainee 2" in named_text


def test_sessions_are_out_of_reach_of_other_workspaces_and_trainees(real_site: Flask) -> None:
    app = real_site
    trainer = _trainer(app, "trainer@example.com", "Academy")
    session_id, code = start_classroom(trainer)
    trainee, token = _join(app, code)
    other = _trainer(app, "other@example.com", "Other firm")
    for path in ("", "/live", "/qr.svg", "/debrief.pdf"):
        assert other.get(f"/classroom/{session_id}{path}").status_code == 404
    other_token = csrf_token(other.get("/classroom").get_data(as_text=True))
    for path in ("reveal", "key"):
        assert other.post(f"/classroom/{session_id}/{path}", data={"csrf_token": other_token}).status_code == 404
    assert "Academy" not in other.get("/classroom").get_data(as_text=True)
    assert f"/classroom/{session_id}" not in other.get("/classroom").get_data(as_text=True)
    # a trainee's link opens no trainer page, and the trainer's buttons need the form token
    assert trainee.get(f"/classroom/{session_id}").status_code == 302
    assert trainer.post(f"/classroom/{session_id}/reveal").status_code == 400
    assert trainee.get("/t/not-a-real-token-at-all/results").status_code == 404
    with app.app_context():
        session = db.session.get(ClassroomSession, session_id)
        assert session is not None and not session.revealed
        # its own space: no organisation or assessment was made for the class
        assert db.session.query(Organisation).count() == 0 and db.session.query(Assessment).count() == 0
        session.case_version = "0"  # the case was revised since: the class rated another text and key
        db.session.commit()
    assert trainer.get(f"/classroom/{session_id}").status_code == 409
    assert trainee.get(f"/t/{token}/results").status_code == 409


def test_each_trainer_step_and_each_join_writes_one_history_entry(real_site: Flask) -> None:
    app = real_site
    trainer = _trainer(app, "trainer@example.com", "Academy")

    def verbs() -> list[str]:
        with app.app_context():
            return list(db.session.scalars(sa.select(Event.verb).order_by(Event.id)))

    before = len(verbs())
    session_id, code = start_classroom(trainer)
    _join(app, code)
    _post(trainer, session_id, "reveal")
    _post(trainer, session_id, "key/E1-01")
    _post(trainer, session_id, "key")
    assert verbs()[before:] == [
        "classroom started",
        "trainee joined",
        "classroom revealed",
        "classroom key shown",
        "classroom key shown",
    ]


def test_a_wrong_code_is_refused_and_counted(real_site: Flask) -> None:
    trainee = real_site.test_client()
    token = csrf_token(trainee.get("/classroom/join").get_data(as_text=True))
    assert trainee.post("/classroom/join", data={"csrf_token": token, "code": "ZZZZZZ"}).status_code == 404
