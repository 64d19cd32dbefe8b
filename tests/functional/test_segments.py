"""Custom segments: the consultant defines an assessment's segments (English and Japanese names),
participants and self-auditors pick one, and every breakdown, report and file names them in its
language under the same minimum group size as the four defaults."""

from __future__ import annotations

import json
import re
from io import BytesIO

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from assessor.assessments import assessment_file
from assessor.extensions import db
from assessor.models import Assessment, Organisation, Respondent, Segment, Workspace
from assessor.reports.service import context_for_assessment, context_for_document, render_report_html
from tests.factories import Person, add_user, stored_assessment
from tests.helpers import csrf_token, join_by_code, login, open_workshop, post_form

LEVELS = {f"E{n}-01": 2 + n % 2 for n in (1, 2, 3, 4, 5, 6, 8, 9)}
"""Answers on eight of the mini questionnaire's nine items: enough evidence for a full report."""


def _consultant(app: Flask) -> FlaskClient:
    add_user(app, "consultant@example.com")
    client = app.test_client()
    login(client, "consultant@example.com")
    return client


def _segments(app: Flask, assessment_id: int) -> list[tuple[str, str, str]]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(Segment.key, Segment.label_en, Segment.label_ja)
            .where(Segment.assessment_id == assessment_id)
            .order_by(Segment.position)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _segment_id(app: Flask, assessment_id: int, key: str) -> int:
    with app.app_context():
        found = db.session.scalar(
            sa.select(Segment.id).where(Segment.assessment_id == assessment_id, Segment.key == key)
        )
        assert found is not None
        return found


def _options(html: str) -> list[tuple[str, str]]:
    select = re.search(r'<select[^>]*name="segment"[^>]*>(.*?)</select>', html, re.S)
    assert select, html
    return re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def test_the_consultant_adds_renames_reorders_and_removes_segments_and_participants_see_them(site: Flask) -> None:
    consultant = _consultant(site)
    assessment_id, code, _link = open_workshop(consultant)
    url = f"/assessments/{assessment_id}/segments"
    assert _segments(site, assessment_id) == [  # a new assessment starts with the four defaults
        ("leadership", "Leadership", "経営層・管理職"),
        ("front-line", "Front line", "現場（顧客接点）"),
        ("back-office", "Back office", "バックオフィス"),
        ("other", "Other", "その他"),
    ]
    added = post_form(consultant, url, {"new-label_en": "Osaka site", "new-label_ja": "大阪拠点"})
    assert added.status_code == 302
    post_form(consultant, url, {"new-label_en": "Finance", "new-label_ja": ""})
    assert _segments(site, assessment_id)[-2:] == [("osaka-site", "Osaka site", "大阪拠点"), ("finance", "Finance", "")]

    front = _segment_id(site, assessment_id, "front-line")
    renamed = post_form(
        consultant, f"{url}/{front}", {f"s{front}-label_en": "Guest contact", f"s{front}-label_ja": "接客部門"}, url
    )
    assert renamed.status_code == 302
    osaka = _segment_id(site, assessment_id, "osaka-site")
    assert post_form(consultant, f"{url}/{osaka}/up", {}, url).status_code == 302
    other = _segment_id(site, assessment_id, "other")
    assert post_form(consultant, f"{url}/{other}/remove", {}, url).status_code == 302
    assert [key for key, _en, _ja in _segments(site, assessment_id)] == [
        "leadership",
        "front-line",
        "back-office",
        "osaka-site",
        "finance",
    ]

    participant = site.test_client()
    token = csrf_token(participant.get("/join").get_data(as_text=True))
    join_url = participant.post("/join", data={"csrf_token": token, "code": code}).headers["Location"]
    offered = _options(participant.get(join_url).get_data(as_text=True))
    assert offered == [
        ("", "Prefer not to say"),
        ("leadership", "Leadership"),
        ("front-line", "Guest contact"),
        ("back-office", "Back office"),
        ("osaka-site", "Osaka site"),
        ("finance", "Finance"),
    ]
    participant.get("/language/ja")
    japanese = dict(_options(participant.get(join_url).get_data(as_text=True)))
    assert japanese["front-line"] == "接客部門" and japanese["osaka-site"] == "大阪拠点"
    assert japanese["finance"] == "Finance" and japanese[""] == "回答しない"  # no Japanese name: the English one

    join_by_code(participant, code, segment="osaka-site")
    with site.app_context():
        assert db.session.scalar(sa.select(Respondent.segment)) == "osaka-site"
    refused = post_form(consultant, f"{url}/{osaka}/remove", {}, url)  # chosen by someone: kept, with the reason
    assert refused.status_code == 409
    assert "“Osaka site” was not removed: 1 respondent chose it." in refused.get_data(as_text=True)
    assert "osaka-site" in [key for key, _en, _ja in _segments(site, assessment_id)]


def test_segment_names_are_checked(site: Flask) -> None:
    consultant = _consultant(site)
    assessment_id, _code, _link = open_workshop(consultant)
    url = f"/assessments/{assessment_id}/segments"
    empty = post_form(consultant, url, {"new-label_en": "  ", "new-label_ja": "営業"})
    twice = post_form(consultant, url, {"new-label_en": "front LINE", "new-label_ja": ""})
    twice_ja = post_form(consultant, url, {"new-label_en": "Sales", "new-label_ja": "バックオフィス"})
    long = post_form(consultant, url, {"new-label_en": "x" * 61, "new-label_ja": ""})
    assert [r.status_code for r in (empty, twice, twice_ja, long)] == [400, 400, 400, 400]
    assert "Another segment has this name already." in twice.get_data(as_text=True)
    assert len(_segments(site, assessment_id)) == 4
    lead = _segment_id(site, assessment_id, "leadership")
    names = {f"s{lead}-label_en": "Leadership", f"s{lead}-label_ja": "経営層"}
    same = post_form(consultant, f"{url}/{lead}", names, url)
    assert same.status_code == 302  # its own name again is no clash
    assert _segments(site, assessment_id)[0] == ("leadership", "Leadership", "経営層")


def test_a_participant_cannot_pick_a_segment_the_assessment_does_not_define(site: Flask) -> None:
    consultant = _consultant(site)
    assessment_id, code, _link = open_workshop(consultant)
    url = f"/assessments/{assessment_id}/segments"
    other = _segment_id(site, assessment_id, "other")
    post_form(consultant, f"{url}/{other}/remove", {}, url)
    participant = site.test_client()
    token = csrf_token(participant.get("/join").get_data(as_text=True))
    join_url = participant.post("/join", data={"csrf_token": token, "code": code}).headers["Location"]
    token = csrf_token(participant.get(join_url).get_data(as_text=True))
    refused = participant.post(join_url, data={"csrf_token": token, "language": "en", "segment": "other"})
    assert refused.status_code == 400
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Respondent)) == 0


def test_the_self_audit_offers_the_assessments_segments(site: Flask) -> None:
    consultant = _consultant(site)
    org_url = post_form(consultant, "/organisations", {"name": "Solo"}, "/").headers["Location"]
    data = {"title": "Audit", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "self"}
    made = post_form(consultant, f"{org_url}/assessments", data, org_url)
    assessment_id = int(made.headers["Location"].split("/")[-1])
    url = f"/assessments/{assessment_id}/segments"
    post_form(consultant, url, {"new-label_en": "Head office", "new-label_ja": "本社"})
    start = f"/assessments/{assessment_id}/start"
    assert ("head-office", "Head office") in _options(consultant.get(start).get_data(as_text=True))
    assert post_form(consultant, start, {"name": "Me", "segment": "head-office"}).status_code == 302
    with site.app_context():
        assert db.session.scalar(sa.select(Respondent.segment)) == "head-office"


def test_viewers_read_no_segment_page_and_change_nothing(site: Flask) -> None:
    consultant = _consultant(site)
    assessment_id, _code, _link = open_workshop(consultant)
    with site.app_context():
        org_id = db.session.scalar(sa.select(Assessment.organisation_id).where(Assessment.id == assessment_id))
    add_user(site, "ceo@example.com", role="viewer", workspace=None, organisation_id=org_id)
    viewer = site.test_client()
    login(viewer, "ceo@example.com")
    url = f"/assessments/{assessment_id}/segments"
    lead = _segment_id(site, assessment_id, "leadership")
    token = csrf_token(viewer.get("/login").get_data(as_text=True))
    assert viewer.get(url).status_code == 403
    for target, data in (
        (url, {"new-label_en": "Spy"}),
        (f"{url}/{lead}", {f"s{lead}-label_en": "Spy"}),
        (f"{url}/{lead}/down", {}),
        (f"{url}/{lead}/remove", {}),
    ):
        response = viewer.post(target, data={"csrf_token": token, **data})
        assert response.status_code == 403 and "Read-only access" in response.get_data(as_text=True), target
    assert len(_segments(site, assessment_id)) == 4
    no_csrf = consultant.post(f"{url}/{lead}/remove", data={})
    assert no_csrf.status_code == 400 and len(_segments(site, assessment_id)) == 4


def _custom(app: Flask, sizes: dict[str, int]) -> int:
    """A workshop with three custom segments and ``sizes`` respondents in each (by key)."""
    with app.app_context():
        workspace = db.session.scalar(sa.select(Workspace).where(Workspace.name == "Workspace A"))
        org = Organisation(name="Harbour Client", workspace=workspace)
        segments = [
            Segment(key="kitchen", label_en="Kitchen team", label_ja="厨房チーム", position=0),
            Segment(key="reception", label_en="Reception desk", label_ja="フロント受付", position=1),
            Segment(key="spa", label_en="Spa staff", label_ja="スパスタッフ", position=2),
        ]
        people = [
            Person(segment=key, answers=LEVELS, comments={"E1-01": f"voice of {key} {n}"})
            for key, count in sizes.items()
            for n in range(count)
        ]
        assessment = stored_assessment(org, "Custom groups", people, mode="workshop", segments=segments)
        db.session.add(org)
        db.session.commit()
        return assessment.id


def test_the_minimum_group_size_applies_to_custom_segments(site: Flask) -> None:
    consultant = _consultant(site)
    assessment_id = _custom(site, {"kitchen": 3, "reception": 3, "spa": 2})
    results = consultant.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
    # 3 + 3 + 2 with a minimum of 3: the spa's two are pooled with the next smallest group,
    # so neither they nor that group is named; only the other three-person group is.
    assert "Spa staff" not in results
    assert "Smaller groups combined (n=5)" in results
    table = re.search(r'<section aria-labelledby="segments-h">.*?</section>', results, re.S)
    assert table, results
    named = [name for name in ("Kitchen team", "Reception desk") if f"{name} (n=3)" in table.group(0)]
    assert len(named) == 1 and table.group(0).count("(n=3)") == 1
    assert [name for name in ("Kitchen team", "Reception desk") if name in results] == named
    enough = _custom(site, {"kitchen": 3, "reception": 3, "spa": 3})
    page = consultant.get(f"/assessments/{enough}/results").get_data(as_text=True)
    assert all(f"{name} (n=3)" in page for name in ("Kitchen team", "Reception desk", "Spa staff"))
    consultant.get("/language/ja")
    page = consultant.get(f"/assessments/{enough}/results").get_data(as_text=True)
    assert all(f"{name} (n=3)" in page for name in ("厨房チーム", "フロント受付", "スパスタッフ"))
    assert "Kitchen team" not in page


def test_reports_and_the_exported_file_name_the_assessments_own_segments(site: Flask) -> None:
    consultant = _consultant(site)
    assessment_id = _custom(site, {"kitchen": 3, "reception": 3, "spa": 3})
    report_ja = consultant.get(f"/assessments/{assessment_id}/report.pdf?lang=ja")
    text_ja = "".join(page.extract_text() or "" for page in PdfReader(BytesIO(report_ja.data)).pages)
    assert all(name in text_ja for name in ("厨房チーム", "フロント受付", "スパスタッフ"))
    assert "Kitchen team" not in text_ja
    with site.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None
        document = json.loads(json.dumps(assessment_file(found)))
        assert document["segment_labels"] == {
            "kitchen": {"en": "Kitchen team", "ja": "厨房チーム"},
            "reception": {"en": "Reception desk", "ja": "フロント受付"},
            "spa": {"en": "Spa staff", "ja": "スパスタッフ"},
        }
        assert {r["segment"] for r in document["respondents"]} == {"kitchen", "reception", "spa"}
        with site.test_request_context():
            html_ja = render_report_html(context_for_document(document, "ja"))
            html_en = render_report_html(context_for_document(document, "en"))
            del document["segment_labels"]  # a file without labels: keys as written
            bare = render_report_html(context_for_document(document, "en"))
    assert "スパスタッフ" in html_ja and "Spa staff" not in html_ja
    assert "Spa staff" in html_en
    assert "Spa staff" not in bare and ">spa<" in bare


def test_without_segments_nobody_is_asked_and_joining_still_works(site: Flask) -> None:
    consultant = _consultant(site)
    assessment_id, code, _link = open_workshop(consultant)
    url = f"/assessments/{assessment_id}/segments"
    for key in ("leadership", "front-line", "back-office", "other"):
        segment_id = _segment_id(site, assessment_id, key)
        assert post_form(consultant, f"{url}/{segment_id}/remove", {}, url).status_code == 302
    assert _segments(site, assessment_id) == []
    assert "No segments: respondents are not asked" in consultant.get(url).get_data(as_text=True)
    participant = site.test_client()
    token = csrf_token(participant.get("/join").get_data(as_text=True))
    join_url = participant.post("/join", data={"csrf_token": token, "code": code}).headers["Location"]
    page = participant.get(join_url).get_data(as_text=True)
    assert 'name="segment"' not in page
    joined = participant.post(join_url, data={"csrf_token": csrf_token(page), "language": "en"})
    assert joined.status_code == 302
    with site.app_context():
        assert db.session.scalar(sa.select(Respondent.segment)) is None


def test_breakdowns_follow_the_assessments_order_of_its_segments(site: Flask) -> None:
    consultant = _consultant(site)
    assessment_id = _custom(site, {"kitchen": 3, "reception": 3, "spa": 3})

    def columns() -> list[str]:
        page = consultant.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
        table = re.search(r'<section aria-labelledby="segments-h">.*?</section>', page, re.S)
        assert table, page
        return re.findall(r'<th scope="col">([^<]*) \(n=3\)</th>', table.group(0))

    assert columns() == ["Kitchen team", "Reception desk", "Spa staff"]
    url = f"/assessments/{assessment_id}/segments"
    spa = _segment_id(site, assessment_id, "spa")
    post_form(consultant, f"{url}/{spa}/up", {}, url)
    post_form(consultant, f"{url}/{spa}/up", {}, url)
    assert columns() == ["Spa staff", "Kitchen team", "Reception desk"]
    with site.app_context():
        found = db.session.get(Assessment, assessment_id)
        assert found is not None
        with site.test_request_context():
            ctx = context_for_assessment(found, "en")
    assert [row.segment for row in ctx.segments] == ["spa", "kitchen", "reception"]
