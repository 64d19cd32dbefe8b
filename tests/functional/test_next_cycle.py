"""Starting the next cycle: a new assessment of the same organisation set up like the source (current
questionnaire, mode, targets, segments, minimum group size), compared with it, its open actions carried;
consultants only; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.assessments import previous_assessment
from assessor.assessments.actions import since_last
from assessor.assessments.cycle import next_title
from assessor.extensions import db
from assessor.models import Action, Answer, Assessment, DimensionTarget, Event, Organisation, Respondent, Segment
from assessor.standards import get_framework
from tests.factories import Person, add_user, stored_assessment, workspace_named
from tests.helpers import login, post_form

EVERY_ITEM = ("E1-01", "E2-01", "E3-01", "E4-01", "E5-01", "E6-01", "E7-01", "E8-01", "E9-01")
LAST_YEAR = date.today() - timedelta(days=365)


def _source(site: Flask) -> tuple[FlaskClient, int, int]:
    add_user(site, "lead@example.com")
    with site.app_context():
        org = Organisation(name="Client N", workspace=workspace_named("Workspace A"))
        people = [Person(answers={code: 2 for code in EVERY_ITEM}, comments={"E1-01": "SOP v3"}) for _ in range(3)]
        source = stored_assessment(
            org,
            "Self-audit 2025",
            people,
            assessed_on=LAST_YEAR,
            title_ja="自己評価 2025",
            min_group_size=4,
            segments=[Segment(key="osaka", label_en="Osaka", label_ja="大阪", position=0)],
        )
        source.targets.append(DimensionTarget(dimension_id=next(iter(_dimensions(site))), target=60.0))
        db.session.add(org)
        db.session.flush()
        for title, status, reason in (
            ("Open one", "in_progress", ""),
            ("Closed one", "done", ""),
            ("Blocked", "blocked", ""),
        ):
            db.session.add(
                Action(
                    organisation_id=org.id,
                    assessment_id=source.id,
                    title=title,
                    title_ja="",
                    status=status,
                    reason=reason,
                    element_ids="E1",
                    item_codes="",
                    kpi_ids="",
                    owner="",
                    progress=0,
                    done_on=date.today() if status == "done" else None,
                )
            )
        db.session.commit()
        source_id, org_id = source.id, org.id
    lead = site.test_client()
    login(lead, "lead@example.com")
    return lead, source_id, org_id


def _dimensions(site: Flask) -> list[str]:
    return [d.id for d in get_framework().dimensions]


def test_next_cycle_copies_the_set_up_sets_the_baseline_and_carries_open_actions(site: Flask) -> None:
    lead, source_id, org_id = _source(site)
    url = f"/assessments/{source_id}"
    assert "Start the next cycle" in lead.get(url).get_data(as_text=True)
    response = post_form(lead, f"{url}/next-cycle", {}, url)
    assert response.status_code == 302
    new_url = response.headers["Location"]
    with site.app_context():
        source = db.session.get_one(Assessment, source_id)
        new = db.session.scalars(sa.select(Assessment).where(Assessment.id != source_id)).one()
        assert new_url.endswith(f"/assessments/{new.id}")
        assert (new.organisation_id, new.mode, new.questionnaire_id) == (org_id, source.mode, source.questionnaire_id)
        assert (new.title, new.title_ja) == ("Self-audit 2026", "自己評価 2026")
        assert new.assessed_on == date.today() and new.baseline_id == source_id and new.min_group_size == 4
        assert [(s.key, s.label_en, s.label_ja) for s in new.segments] == [("osaka", "Osaka", "大阪")]
        assert {t.dimension_id: t.target for t in new.targets} == {t.dimension_id: t.target for t in source.targets}
        assert not new.respondents  # nothing answered, nothing copied
        assert previous_assessment(new).id == source_id  # type: ignore[union-attr]
        verbs = list(db.session.scalars(sa.select(Event.verb).order_by(Event.id.desc()).limit(2)))
        assert verbs[0] == "next cycle started" and verbs[1] != "next cycle started"
    page = lead.get(new_url).get_data(as_text=True)
    assert "2 open actions are carried from earlier assessments" in page
    with site.app_context():  # once answered, the report shows the actions agreed before it
        new = db.session.scalars(sa.select(Assessment).where(Assessment.id != source_id)).one()
        assert [a.title for _group, a in since_last(new)] == ["Open one", "Closed one", "Blocked"]
        for _ in range(3):
            new.respondents.append(
                Respondent(answers=[Answer(item_code=code, level=3, is_na=False) for code in EVERY_ITEM])
            )
        db.session.commit()
    report = lead.get(f"{new_url}/report").get_data(as_text=True)
    assert "Actions since the last assessment" in report
    assert "Open one" in report and "Blocked" in report and "Closed one" in report


def test_viewers_may_not_start_a_cycle_and_other_workspaces_get_404(site: Flask) -> None:
    lead, source_id, org_id = _source(site)
    url = f"/assessments/{source_id}"
    add_user(site, "ceo@client.example", role="viewer", workspace=None, organisation_id=org_id)
    viewer = site.test_client()
    login(viewer, "ceo@client.example")
    page = viewer.get(url).get_data(as_text=True)
    assert "Start the next cycle" not in page
    assert post_form(viewer, f"{url}/next-cycle", {}, "/account/password").status_code == 403
    add_user(site, "rival@example.com", workspace="Workspace B")
    rival = site.test_client()
    login(rival, "rival@example.com")
    assert post_form(rival, f"{url}/next-cycle", {}, "/").status_code == 404
    with site.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Assessment)) == 1


def test_next_title_moves_the_year_on() -> None:
    today = date(2026, 5, 1)
    assert next_title("Self-audit 2025", today) == "Self-audit 2026"
    assert next_title("FY2024 review (2025)", today) == "FY2024 review (2026)"
    assert next_title("Service review", today) == "Service review 2026"
    assert next_title("2025年度 自己評価", today) == "2026年度 自己評価"


def _self_audit_from_last_year(site: Flask) -> tuple[FlaskClient, str, int]:
    lead, source_id, _org_id = _source(site)
    url = f"/assessments/{source_id}"
    new_url = post_form(lead, f"{url}/next-cycle", {}, url).headers["Location"]
    started = post_form(lead, f"{new_url}/start", {"name": "Lead", "segment": ""})
    assert started.status_code == 302
    first = lead.get(started.headers["Location"])
    assert first.status_code == 302  # to the first page with an unanswered item
    with site.app_context():
        new_id = db.session.scalars(sa.select(Assessment.id).where(Assessment.id != source_id)).one()
    return lead, first.headers["Location"], new_id


def _stored_answers(site: Flask, assessment_id: int) -> list[tuple[str, int | None, str | None]]:
    with site.app_context():
        query = (
            sa.select(Answer.item_code, Answer.level, Answer.comment)
            .join(Respondent, Respondent.id == Answer.respondent_id)
            .where(Respondent.assessment_id == assessment_id)
        )
        return [tuple(row) for row in db.session.execute(query)]  # type: ignore[misc]


def test_a_self_audit_from_last_year_shows_last_answers_and_records_nothing_until_confirmed(site: Flask) -> None:
    lead, page_url, new_id = _self_audit_from_last_year(site)
    page = lead.get(page_url).get_data(as_text=True)
    with site.app_context():
        expected = len({i.code for i in get_framework().questionnaire("mini").items} & set(EVERY_ITEM))
    assert f"{expected} items still to re-confirm" in page
    assert "Last time:" in page and "Evidence last time: SOP v3" in page and "Still true" in page
    assert _stored_answers(site, new_id) == []  # nothing copied silently
    token_url = page_url.rsplit("/", 1)[0]
    confirmed = post_form(lead, f"{token_url}/items/E1-01/still-true", {}, page_url)
    assert confirmed.status_code == 302
    assert _stored_answers(site, new_id) == [("E1-01", 2, "SOP v3")]
    again = lead.get(confirmed.headers["Location"].split("#")[0]).get_data(as_text=True)
    assert f"{expected - 1} items still to re-confirm" in again
