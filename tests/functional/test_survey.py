"""Survey mode and paper forms, on SQLite and PostgreSQL: a link open until a closing date, response
counts by segment with small segments not given away, refusals after closing (join and save, 409),
and paper forms entered by the facilitator: marked, counted, named in the report and carried by the file."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import jsonschema
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from assessor.extensions import db
from assessor.files import load_schema, parse_assessment
from assessor.models import Answer, Assessment, Event, Respondent
from assessor.standards import get_framework
from tests.factories import add_user
from tests.helpers import autosave, csrf_token, login, make_app, post_form

ITEMS = ("E1-01", "E2-01", "E3-01", "E4-01", "E5-01", "E6-01", "E7-01", "E8-01", "E9-01")


def _consultant(site: Flask) -> FlaskClient:
    add_user(site, "consultant@example.com")
    client = site.test_client()
    login(client, "consultant@example.com")
    return client


def _survey(client: FlaskClient, mode: str = "survey") -> tuple[int, str]:
    """Create an assessment in ``mode`` through the form and open its link; return (id, join path)."""
    org = post_form(client, "/organisations", {"name": "Client S"}, "/").headers["Location"]
    data = {"title": "Staff survey", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": mode}
    assessment_id = int(post_form(client, f"{org}/assessments", data, org).headers["Location"].rsplit("/", 1)[-1])
    home = f"/assessments/{assessment_id}/{'survey' if mode == 'survey' else 'workshop'}"
    opened = post_form(client, f"/assessments/{assessment_id}/workshop/open", {}, home)
    assert opened.headers["Location"] == home
    link = re.search(
        r'<p class="join-url"><a href="http://localhost(/w/[^"]+)">', client.get(home).get_data(as_text=True)
    )
    assert link
    return assessment_id, link.group(1)


def _join(site: Flask, link: str, segment: str = "") -> tuple[FlaskClient, str]:
    participant = site.test_client()
    joined = post_form(participant, link, {"language": "en", "name": "", "segment": segment})
    assert joined.status_code == 302, joined.get_data(as_text=True)
    return participant, participant.get(joined.headers["Location"]).headers["Location"].split("/")[2]


def _close_now(site: Flask, assessment_id: int) -> None:
    """Move the closing time into the past (the form refuses that: time passes instead)."""
    with site.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None
        found.closes_at = datetime.now(UTC) - timedelta(minutes=1)
        db.session.commit()


def test_a_survey_counts_responses_by_segment_without_giving_small_ones_away(site: Flask) -> None:
    client = _consultant(site)
    assessment_id, link = _survey(client)
    with site.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None and found.mode == "survey" and found.join_token  # opening keeps the mode
    join_page = site.test_client().get(link).get_data(as_text=True)
    assert "Who sees what" in join_page and "The consultant running this survey" in join_page
    for segment in ("front-line",) * 4 + ("back-office",) * 3 + ("leadership",):
        participant, token = _join(site, link, segment)
        assert autosave(participant, token, "E1-01", level="2").status_code == 200
    page = client.get(f"/assessments/{assessment_id}/survey").get_data(as_text=True)
    table = page[page.index('class="survey-segments"') :]
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]+)</td></tr>', table))
    assert rows["Front line"] == "4" and rows["Other"] == "0"
    assert rows["Leadership"] == "fewer than 3 people"  # one person: no number
    # Leadership (1) alone would be given away by the total: the smallest shown group joins it.
    assert rows["Back office"] == "counted with the smaller groups"
    assert rows["Smaller groups combined"] == "4"
    assert '<th scope="row">All respondents</th><td class="num">8</td>' in table
    assert '<span class="num">8</span> respondents' in page and "Last response:" in page
    # The poll answers 304 while nothing changed, and the new counts after a join.
    live = client.get(f"/assessments/{assessment_id}/survey/live")
    assert live.status_code == 200 and live.headers["ETag"]
    assert (
        client.get(
            f"/assessments/{assessment_id}/survey/live", headers={"If-None-Match": live.headers["ETag"]}
        ).status_code
        == 304
    )
    _join(site, link, "leadership")
    again = client.get(f"/assessments/{assessment_id}/survey/live", headers={"If-None-Match": live.headers["ETag"]})
    assert again.status_code == 200 and '<span class="num">9</span>' in again.get_data(as_text=True)


def test_the_closing_date_must_lie_in_the_future_and_closing_refuses_joins_and_saves(site: Flask) -> None:
    client = _consultant(site)
    assessment_id, link = _survey(client)
    survey = f"/assessments/{assessment_id}/survey"
    past = post_form(client, f"{survey}/closing", {"closes_at": "2020-01-31T17:00"}, survey)
    assert past.status_code == 400
    assert "Choose a closing date and time in the future (UTC)." in past.get_data(as_text=True)
    assert "In UTC. Leave empty" in client.get(survey).get_data(as_text=True)
    bad = post_form(client, f"{survey}/closing", {"closes_at": "31/01/2099"}, survey)
    assert bad.status_code == 400
    saved = post_form(client, f"{survey}/closing", {"closes_at": "2099-01-31T17:00"}, survey)
    assert saved.status_code == 302
    with site.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None and found.closes_at is not None
        assert found.closes_at.replace(tzinfo=UTC) == datetime(2099, 1, 31, 17, 0, tzinfo=UTC)
    assert "The survey closes on 31 January 2099 17:00 UTC." in client.get(f"/assessments/{assessment_id}").get_data(
        as_text=True
    )
    participant, token = _join(site, link)
    assert autosave(participant, token, "E1-01", level="3").status_code == 200
    page_csrf = csrf_token(participant.get(f"/respond/{token}/E1").get_data(as_text=True))
    _close_now(site, assessment_id)
    # Nobody new joins: the link says when the survey closed.
    newcomer = site.test_client()
    refused = newcomer.get(link)
    assert refused.status_code == 409 and "This survey closed on" in refused.get_data(as_text=True)
    newcomer.get("/language/ja")
    japanese = newcomer.get(link)
    assert japanese.status_code == 409 and "このアンケートは" in japanese.get_data(as_text=True)
    assert "締め切られました" in japanese.get_data(as_text=True)
    newcomer.get("/language/en")
    late = newcomer.post(link, data={"csrf_token": csrf_token(participant.get("/join").get_data(as_text=True))})
    assert late.status_code in (400, 409)
    # No save: autosave and the page form answer 409 with the message, never a 500.
    blocked = participant.post(
        f"/respond/{token}/items/E2-01", data={"i_E2_01-level": "2"}, headers={"X-CSRFToken": page_csrf}
    )
    assert blocked.status_code == 409 and blocked.json is not None
    assert blocked.json["saved"] is False and "This survey closed on" in blocked.json["error"]
    posted = participant.post(f"/respond/{token}/E1", data={"csrf_token": page_csrf, "i_E2_01-level": "2"})
    assert posted.status_code == 409 and "This survey closed on" in posted.get_data(as_text=True)
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Respondent)) == 1
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 1
    assert "The survey closed on" in client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    # The consultant may move the date on again (into the future) and answering resumes.
    post_form(client, f"{survey}/closing", {"closes_at": "2099-01-31T17:00"}, survey)
    assert autosave(participant, token, "E2-01", level="2").status_code == 200


def _enter_paper(client: FlaskClient, assessment_id: int, segment: str = "", **levels: str) -> object:
    data = {"label": "", "segment": segment} | {f"i_{code.replace('-', '_')}-level": v for code, v in levels.items()}
    return post_form(client, f"/assessments/{assessment_id}/paper-form", data)


def test_a_paper_form_is_marked_counted_reported_and_exported(site: Flask, tmp_path: Path) -> None:
    client = _consultant(site)
    assessment_id, link = _survey(client, mode="workshop")
    for _ in range(2):
        participant, token = _join(site, link, "front-line")
        for code in ITEMS:
            autosave(participant, token, code, level="2")
    form_page = client.get(f"/assessments/{assessment_id}/paper-form").get_data(as_text=True)
    assert 'value="Paper form 1"' in form_page and "E9-01" in form_page
    levels = {code.replace("-", "_"): "3" for code in ITEMS if code != "E7-01"}
    data = {"label": "", "segment": "back-office", "i_E7_01-level": "na", "i_E7_01-na_reason": "No such unit"}
    data |= {f"i_{key}-level": value for key, value in levels.items()}
    before = client.get(f"/assessments/{assessment_id}/workshop").get_data(as_text=True)
    entered = post_form(client, f"/assessments/{assessment_id}/paper-form", data)
    assert entered.status_code == 302 and entered.headers["Location"] == f"/assessments/{assessment_id}/workshop"
    with site.app_context():
        paper = db.session.scalar(sa.select(Respondent).where(Respondent.on_paper))
        assert paper is not None and paper.name == "Paper form 1" and paper.segment == "back-office"
        assert paper.entered_by_id is not None and len(paper.answers) == 9
        na = next(a for a in paper.answers if a.item_code == "E7-01")
        assert na.is_na and na.na_reason == "No such unit"
        assert (
            db.session.scalar(sa.select(sa.func.count()).select_from(Event).where(Event.verb == "paper form entered"))
            == 1
        )
    assert '<span class="num">0</span> on paper' in before
    assessment_page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert 'Paper form 1</a><span class="muted"> (entered from paper)</span>' in assessment_page
    live = client.get(f"/assessments/{assessment_id}/workshop/live").get_data(as_text=True)
    assert '<span class="num">1</span> on paper' in live and '<span class="num">3</span> joined' in live
    assert '<td>Paper form 1<span class="muted"> (entered from paper)</span></td>' in live
    assert 'value="Paper form 2"' in client.get(f"/assessments/{assessment_id}/paper-form").get_data(as_text=True)
    sentence = "1 of 3 responses was entered by the facilitator from a paper form."
    assert sentence in client.get(f"/assessments/{assessment_id}/report").get_data(as_text=True)
    pdf = client.get(f"/assessments/{assessment_id}/report.pdf?lang=en")
    assert pdf.status_code == 200
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() or "" for p in PdfReader(BytesIO(pdf.get_data())).pages))
    assert sentence in text
    japanese = client.get(f"/assessments/{assessment_id}/report.pdf?lang=ja").get_data()
    assert "紙の回答票" in re.sub(
        r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(BytesIO(japanese)).pages)
    )
    # The assessment file carries the marker, validates against the schema and reads back.
    out = tmp_path / "survey.json"
    result = site.test_cli_runner().invoke(args=["export", str(assessment_id), "--out", str(out)])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    assert [r.get("on_paper", False) for r in document["respondents"]] == [False, False, True]
    with site.app_context():
        parsed = parse_assessment(get_framework(), document)
    assert [r.on_paper for r in parsed.respondents] == [False, False, True]
    folder = tmp_path / "pdf"
    made = site.test_cli_runner().invoke(args=["report", "--file", str(out), "--out", str(folder)])
    assert made.exit_code == 0, made.output
    (written,) = folder.glob("*.pdf")
    from_file = "\n".join(p.extract_text() or "" for p in PdfReader(str(written)).pages)
    assert sentence in re.sub(r"\s+", " ", from_file)


def test_bad_paper_forms_are_refused_without_a_500(site: Flask) -> None:
    client = _consultant(site)
    assessment_id, _link = _survey(client)
    url = f"/assessments/{assessment_id}/paper-form"
    for levels in ({"E1-01": "5"}, {"E1-01": "-1"}, {"E1-01": "na"}, {"E7-01": "na"}, {}):
        response = _enter_paper(client, assessment_id, **levels)
        assert response.status_code == 400, (levels, response.status_code)  # type: ignore[attr-defined]
    wrong_segment = _enter_paper(client, assessment_id, segment="nobody", **{"E1-01": "2"})
    assert wrong_segment.status_code == 400  # type: ignore[attr-defined]
    assert "Enter at least one answer from the paper form." in client.post(
        url, data={"csrf_token": csrf_token(client.get(url).get_data(as_text=True))}
    ).get_data(as_text=True)
    assert client.post(url, data={"csrf_token": "forged", "i_E1_01-level": "2"}).status_code == 400
    assert client.get(f"/assessments/{assessment_id + 1000}/paper-form").status_code == 404
    assert client.get("/assessments/x/paper-form").status_code == 404
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Respondent)) == 0
    _close_now(site, assessment_id)
    closed = _enter_paper(client, assessment_id, **{"E1-01": "2"})
    assert closed.status_code == 409 and "This survey closed on" in closed.get_data(as_text=True)  # type: ignore[attr-defined]
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Respondent)) == 0


def test_viewers_cannot_open_the_survey_or_paper_pages(site: Flask) -> None:
    client = _consultant(site)
    assessment_id, _link = _survey(client)
    with site.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None
        org_id = found.organisation_id
    add_user(site, "exec@example.com", role="viewer", workspace=None, organisation_id=org_id)
    viewer = site.test_client()
    login(viewer, "exec@example.com")
    for url in ("survey", "survey/live", "paper-form"):
        assert viewer.get(f"/assessments/{assessment_id}/{url}").status_code == 403
    token = csrf_token(viewer.get("/login").get_data(as_text=True))
    posted = viewer.post(f"/assessments/{assessment_id}/survey/closing", data={"csrf_token": token})
    assert posted.status_code == 403


def test_a_closing_time_is_entered_and_shown_in_the_deployments_time_zone(tmp_path: Path) -> None:
    """With ASSESSOR_TIMEZONE=Asia/Tokyo, 09:00 typed is 00:00 UTC stored, and shown as 09:00 JST."""
    site = make_app(f"sqlite:///{tmp_path / 'tokyo.sqlite'}", TIMEZONE="Asia/Tokyo")
    client = _consultant(site)
    assessment_id, _link = _survey(client)
    survey = f"/assessments/{assessment_id}/survey"
    assert "In JST. Leave empty" in client.get(survey).get_data(as_text=True)
    assert post_form(client, f"{survey}/closing", {"closes_at": "2099-02-01T09:00"}, survey).status_code == 302
    with site.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None and found.closes_at is not None
        assert found.closes_at.replace(tzinfo=UTC) == datetime(2099, 2, 1, 0, 0, tzinfo=UTC)
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "The survey closes on 1 February 2099 09:00 JST." in page
    assert 'value="2099-02-01T09:00"' in client.get(survey).get_data(as_text=True)  # the form shows it as typed
