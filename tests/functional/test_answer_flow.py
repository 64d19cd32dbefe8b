"""The first usable flow through the Flask test client: organisation -> assessment -> answers."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Answer, Respondent
from tests.factories import add_user
from tests.helpers import login, post_form


def _start(consultant_client: FlaskClient, lang: str = "en", questionnaire: str = "mini") -> str:
    """Create an organisation, an assessment and a respondent; return the respondent's token."""
    consultant_client.get(f"/language/{lang}")
    created = post_form(consultant_client, "/organisations", {"name": "Hotel <script>alert(1)</script>"}, "/")
    assert created.status_code == 302
    org_url = created.headers["Location"]
    made = post_form(
        consultant_client,
        f"{org_url}/assessments",
        {"title": "Self-audit 2026", "questionnaire": questionnaire, "assessed_on": "2026-11-22", "mode": "self"},
        org_url,
    )
    assert made.status_code == 302
    assessment_url = made.headers["Location"]
    started = post_form(consultant_client, f"{assessment_url}/start", {"name": "Kenji", "segment": "front-line"})
    assert started.status_code == 302
    token = started.headers["Location"].rsplit("/", 1)[-1]
    return token


def _answers(app: Flask) -> dict[str, Answer]:
    with app.app_context():
        rows = db.session.scalars(sa.select(Answer)).all()
        return {a.item_code: a for a in rows}


def test_answer_flow_saves_and_lists_answers(app: Flask, consultant_client: FlaskClient) -> None:
    token = _start(consultant_client)
    first = consultant_client.get(f"/respond/{token}")
    assert first.headers["Location"].endswith(f"/respond/{token}/E1")
    page = consultant_client.get(f"/respond/{token}/E1").get_data(as_text=True)
    assert "Leadership and strategy" in page  # the element's dimension, as its heading
    assert "established 1" in page  # item-specific level descriptions are visible
    assert "Page 1 of 9 · 0 of 9 answered" in page
    response = post_form(
        consultant_client,
        f"/respond/{token}/E1",
        {"i_E1_01-level": "3", "i_E1_01-comment": "Charter v2 <b>signed</b>", "i_E2_01-level": "0"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/respond/{token}/E2")
    saved = _answers(app)
    assert (saved["E1-01"].level, saved["E1-01"].comment) == (3, "Charter v2 <b>signed</b>")
    assert "E2-01" not in saved  # a field of another page is not taken from this one
    post_form(consultant_client, f"/respond/{token}/E2", {"i_E2_01-level": "0"})
    assert (_answers(app)["E2-01"].level, _answers(app)["E2-01"].is_na) == (0, False)  # 0 is an answer, not a gap
    page_again = consultant_client.get(f"/respond/{token}/E1").get_data(as_text=True)
    assert re.search(r'name="i_E1_01-level" value="3" checked', page_again)
    assert page_again.count('<span class="saved-mark">') == 1
    assert "Page 1 of 9 · 2 of 9 answered" in page_again

    # N/A with a reason on an item that allows it (E7-01), on element E7's page.
    post_form(
        consultant_client, f"/respond/{token}/E7", {"i_E7_01-level": "na", "i_E7_01-na_reason": "No R&D at this site"}
    )
    saved = _answers(app)
    assert (saved["E7-01"].is_na, saved["E7-01"].level, saved["E7-01"].na_reason) == (True, None, "No R&D at this site")

    # Changing an answer updates it in place.
    post_form(consultant_client, f"/respond/{token}/E1", {"i_E1_01-level": "4"})
    assert _answers(app)["E1-01"].level == 4
    assert len(_answers(app)) == 3

    listing = consultant_client.get("/assessments/1/answers").get_data(as_text=True)
    assert "Kenji" in listing
    assert "Charter v2 &lt;b&gt;signed&lt;/b&gt;" in listing
    assert "No R&amp;D at this site" in listing
    summary = consultant_client.get(f"/respond/{token}/summary").get_data(as_text=True)
    assert "3 of 9 answered." in summary


def test_names_are_escaped(consultant_client: FlaskClient) -> None:
    _start(consultant_client)
    home = consultant_client.get("/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in home
    assert "Hotel &lt;script&gt;alert(1)&lt;/script&gt;" in home


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"i_E1_01-level": "7"}, "Not a valid choice"),
        ({"i_E1_01-level": "-1"}, "Not a valid choice"),
        ({"i_E1_01-level": "na", "i_E1_01-na_reason": "x"}, "Not a valid choice"),  # E1-01 disallows N/A
        ({"i_E1_01-level": "2", "i_E1_01-comment": "x" * 2001}, "Field cannot be longer than 2000 characters"),
        ({"i_E1_01-comment": "great evidence"}, "Choose a level (or N/A) to save your comment."),
    ],
)
def test_an_invalid_answer_is_named_and_the_valid_ones_are_saved(
    real_app: Flask, data: dict[str, str], message: str
) -> None:
    # The shipped questionnaire: element E1's page holds E1-01 and E1-02 (the mini one has one item per page).
    add_user(real_app, "consultant@example.com")
    consultant_client = real_app.test_client()
    login(consultant_client, "consultant@example.com")
    token = _start(consultant_client, questionnaire="full")
    response = post_form(consultant_client, f"/respond/{token}/E1", {"i_E1_02-level": "2", **data})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    summary = body.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "1 answer needs your attention" in summary
    assert "1 other answer on this page was saved." in summary
    assert "nothing" not in body.lower()  # never "nothing was saved" when something was
    # The summary names the item and links to its field, which gets the focus.
    link = re.search(r'<a href="#(i_E1_01-[a-z_]+(?:-0)?)"><span class="code">E1-01</span> ([^<]+)</a>', summary)
    assert link and message in link.group(2), summary
    assert re.search(rf'id="{link.group(1)}"[^>]* autofocus', body)
    assert body.count("autofocus") == 1
    assert 'name="i_E1_02-level" value="2" checked' in body  # what the user typed is kept
    answers = _answers(real_app)
    assert set(answers) == {"E1-02"} and answers["E1-02"].level == 2


def test_na_needs_a_reason(app: Flask, consultant_client: FlaskClient) -> None:
    token = _start(consultant_client)
    response = post_form(consultant_client, f"/respond/{token}/E7", {"i_E7_01-level": "na"})
    assert response.status_code == 400
    assert "Give a short reason for N/A." in response.get_data(as_text=True)
    assert _answers(app) == {}


def test_japanese_interface_and_content(consultant_client: FlaskClient) -> None:
    token = _start(consultant_client, lang="ja")
    page = consultant_client.get(f"/respond/{token}/E1").get_data(as_text=True)
    assert '<html lang="ja">' in page
    assert "サービスエクセレンスのリーダーシップ及び戦略" in page
    assert "テスト質問1" in page and "定着1" in page
    assert "保存して次へ" in page


def test_language_follows_the_browser_until_chosen(consultant_client: FlaskClient) -> None:
    page = consultant_client.get("/", headers={"Accept-Language": "ja,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="ja">' in page
    consultant_client.get("/language/en")
    page = consultant_client.get("/", headers={"Accept-Language": "ja"}).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_language_switch_does_not_redirect_off_site(consultant_client: FlaskClient) -> None:
    response = consultant_client.get("/language/ja?next=https://evil.example/")
    assert response.headers["Location"] == "/"


def test_wrong_token_and_unknown_ids_are_404(consultant_client: FlaskClient) -> None:
    _start(consultant_client)
    assert consultant_client.get("/respond/not-a-token/E1").status_code == 404
    assert consultant_client.get("/organisations/999").status_code == 404
    assert consultant_client.get("/assessments/999").status_code == 404
    assert consultant_client.get("/assessments/999/answers").status_code == 404


def test_unknown_element_page_is_404(consultant_client: FlaskClient) -> None:
    token = _start(consultant_client)
    assert consultant_client.get(f"/respond/{token}/Z").status_code == 404
    assert consultant_client.get(f"/respond/{token}/A").status_code == 404  # a dimension is no longer a page


def test_posts_without_csrf_token_are_refused(app: Flask, consultant_client: FlaskClient) -> None:
    token = _start(consultant_client)
    for url, data in [
        ("/organisations", {"name": "X"}),
        ("/organisations/1/assessments", {"title": "t", "questionnaire": "mini", "assessed_on": "2026-01-01"}),
        ("/assessments/1/start", {"name": "y"}),
        (f"/respond/{token}/E1", {"i_E1_01-level": "2"}),
    ]:
        response = consultant_client.post(url, data=data)
        assert response.status_code == 400, url
        assert "Your form expired" in response.get_data(as_text=True)
    assert _answers(app) == {}


def test_oversized_request_is_refused_cleanly(consultant_client: FlaskClient) -> None:
    token = _start(consultant_client)
    response = consultant_client.post(f"/respond/{token}/E1", data={"i_E1_01-comment": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


def test_respondent_details_are_stored(app: Flask, consultant_client: FlaskClient) -> None:
    token = _start(consultant_client)
    with app.app_context():
        respondent = db.session.scalar(sa.select(Respondent).where(Respondent.token == token))
        assert respondent is not None
        assert (respondent.name, respondent.segment, respondent.language) == ("Kenji", "front-line", "en")
