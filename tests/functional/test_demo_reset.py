"""The demo at three levels, and putting it back as shipped (``assessor demo reset`` and the admin button),
on both databases: whatever a class did to the demo goes, a client's organisation stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from assessor.assessments import score_assessment
from assessor.demo import CASE_DEMOS, DEMO_NAME, DEMO_NAME_JA
from assessor.extensions import db
from assessor.models import Action, Answer, Assessment, Event, KpiReading, Organisation, Respondent
from assessor.standards.yamlsource import load_yaml
from tests.factories import Person, add_user, stored_assessment, workspace_named
from tests.helpers import REAL_STANDARDS, csrf_token, login, make_app

NAMES = [DEMO_NAME, DEMO_NAME_JA] + [n for _, names, _ in CASE_DEMOS for n in (names.en, names.ja)]


@pytest.fixture
def demo_site(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """The shipped standards on each database, with the demo seeded."""
    application = make_app(database_url, standards=REAL_STANDARDS)
    result = application.test_cli_runner().invoke(args=["demo", "seed", "--login-file", str(tmp_path / "login")])
    assert result.exit_code == 0, result.output
    yield application
    with application.app_context():
        db.engine.dispose()


def _current(name: str) -> Assessment:
    org = db.session.scalars(sa.select(Organisation).where(Organisation.name == name)).one()
    return max(org.assessments, key=lambda a: (a.assessed_on, a.questionnaire_id == "full"))


def test_three_demo_levels_follow_their_cases(demo_site: Flask) -> None:
    """Bus operator below the IT desk below the hotel group; the cases' demos answer around the key."""
    with demo_site.app_context():
        orgs = db.session.scalars(sa.select(Organisation).order_by(Organisation.id)).all()
        assert [o.name for o in orgs] == NAMES and all(o.is_demo for o in orgs)
        overall = {name: score_assessment(_current(name)).result.overall.score for name in NAMES}
        bus, desk = (names for _, names, _ in CASE_DEMOS)
        assert overall[bus.en] < overall[desk.en] < overall[DEMO_NAME]
        assert overall[bus.ja] == overall[bus.en] and overall[desk.ja] == overall[desk.en]  # same seed, both languages
        for case_id, names, bias in CASE_DEMOS:
            key = load_yaml(REAL_STANDARDS / "cases" / f"{case_id}.yaml")["key"]
            current = _current(names.en)
            for respondent in current.respondents:
                deviations = [a.level - key[a.item_code]["level"] for a in respondent.answers]
                mean = sum(deviations) / len(deviations)
                assert abs(mean - bias[respondent.segment]) < 0.3, (case_id, respondent.segment, mean)
            assert {r.kpi_id for r in current_kpis(current)} == {
                k["kpi"] for k in load_yaml(REAL_STANDARDS / "cases" / f"{case_id}.yaml")["kpis"]
            }
        japanese = _current(desk.ja)
        assert all(r.language == "ja" for r in japanese.respondents)
        assert any("サービス管理ツール" in (k.source or "") for k in current_kpis(japanese))


def current_kpis(assessment: Assessment) -> list[KpiReading]:
    return list(db.session.scalars(sa.select(KpiReading).where(KpiReading.assessment_id == assessment.id)))


def _tamper_and_add_client(app: Flask) -> int:
    """What a class does to the demo: answers changed, an assessment and an action deleted; a client exists."""
    with app.app_context():
        hotel = db.session.scalars(sa.select(Organisation).where(Organisation.name == DEMO_NAME)).one()
        first = min(hotel.assessments, key=lambda a: a.assessed_on)
        db.session.delete(first)
        db.session.execute(sa.update(Answer).where(Answer.level.is_not(None)).values(level=0))
        db.session.execute(sa.delete(Action))
        client = Organisation(name="Client Ltd", workspace=workspace_named("Workspace A"))
        db.session.add(client)
        db.session.add(
            stored_assessment(client, "Client 2026", [Person(answers={"E1-01": 3})], questionnaire=("full", "1"))
        )
        db.session.commit()
        return int(client.id)


def _snapshot(app: Flask) -> dict[str, object]:
    with app.app_context():
        return {
            name: (
                sorted((a.title, a.questionnaire_id) for a in _org(name).assessments),
                score_assessment(_current(name)).result.overall.score,
                db.session.scalar(sa.select(sa.func.count(Action.id)).where(Action.organisation_id == _org(name).id)),
            )
            for name in NAMES
        }


def _org(name: str) -> Organisation:
    return db.session.scalars(sa.select(Organisation).where(Organisation.name == name)).one()


def test_demo_reset_command_puts_the_demo_back_and_keeps_clients(demo_site: Flask) -> None:
    shipped = _snapshot(demo_site)
    client_id = _tamper_and_add_client(demo_site)
    assert _snapshot(demo_site) != shipped
    runner = demo_site.test_cli_runner()
    refused = runner.invoke(args=["demo", "reset"], input="n\n")
    assert refused.exit_code != 0 and _snapshot(demo_site) != shipped  # asked, and nothing happened
    result = runner.invoke(args=["demo", "reset", "--yes"])
    assert result.exit_code == 0, result.output
    assert "6 demo organisations replaced" in result.output
    assert _snapshot(demo_site) == shipped
    with demo_site.app_context():
        client = db.session.get(Organisation, client_id)
        assert client is not None and [a.title for a in client.assessments] == ["Client 2026"]
        assert (
            db.session.scalar(
                sa.select(sa.func.count(Respondent.id)).join(Assessment).where(Assessment.organisation_id == client_id)
            )
            == 1
        )
        event = db.session.scalars(sa.select(Event).where(Event.verb == "demo reset")).one()
        assert "6 demo organisations" in event.detail


def test_admin_button_resets_the_demo_consultants_cannot(demo_site: Flask) -> None:
    shipped = _snapshot(demo_site)
    _tamper_and_add_client(demo_site)
    add_user(demo_site, "admin@example.com", role="admin", workspace=None)
    add_user(demo_site, "consultant@example.com")
    consultant = demo_site.test_client()
    login(consultant, "consultant@example.com")
    assert consultant.get("/admin/workspaces").status_code == 403
    admin = demo_site.test_client()
    login(admin, "admin@example.com")
    page = admin.get("/admin/workspaces").get_data(as_text=True)
    assert "Put the demo back as shipped" in page
    token = csrf_token(page)
    assert consultant.post("/admin/demo/reset", data={"csrf_token": token}).status_code in (400, 403)
    assert admin.post("/admin/demo/reset", data={}).status_code == 400  # no CSRF token: nothing happens
    assert _snapshot(demo_site) != shipped
    done = admin.post("/admin/demo/reset", data={"csrf_token": token}, follow_redirects=True)
    assert done.status_code == 200 and "The demo is back as shipped" in done.get_data(as_text=True)
    assert _snapshot(demo_site) == shipped
    admin.get("/language/ja")
    assert "デモを出荷時の状態に戻す" in admin.get("/admin/workspaces").get_data(as_text=True)
