"""The comparison baseline: by default the latest earlier assessment; a consultant may choose another
earlier one of the organisation, which the report then compares with; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.assessments import previous_assessment, score_previous
from assessor.extensions import db
from assessor.models import Assessment, Event, Organisation
from tests.factories import Person, add_user, stored_assessment, workspace_named
from tests.helpers import login, post_form

EVERY_ITEM = ("E1-01", "E2-01", "E3-01", "E4-01", "E5-01", "E6-01", "E7-01", "E8-01", "E9-01")


def _organisation(site: Flask) -> tuple[FlaskClient, dict[str, int]]:
    add_user(site, "lead@example.com")
    with site.app_context():
        org = Organisation(name="Client B", workspace=workspace_named("Workspace A"))
        ids = {}
        for year, level in ((2024, 1), (2025, 2), (2026, 3)):
            people = [Person(answers={code: level for code in EVERY_ITEM}) for _ in range(3)]
            mode = "workshop" if year == 2024 else "self"
            ids[str(year)] = stored_assessment(org, f"Audit {year}", people, assessed_on=date(year, 5, 1), mode=mode)
        db.session.add(org)
        db.session.commit()
        found = {year: a.id for year, a in ids.items()}
    lead = site.test_client()
    login(lead, "lead@example.com")
    return lead, found


def _previous_title(site: Flask, assessment_id: int) -> str | None:
    with site.app_context():
        earlier = score_previous(db.session.get(Assessment, assessment_id))
        return None if earlier is None else earlier[0].title


def test_the_default_is_the_latest_earlier_and_a_chosen_one_replaces_it(site: Flask) -> None:
    lead, ids = _organisation(site)
    url = f"/assessments/{ids['2026']}"
    assert _previous_title(site, ids["2026"]) == "Audit 2025"
    page = lead.get(f"{url}/results").get_data(as_text=True)
    assert "Compare with" in page and "Audit 2024" in page and "Audit 2025" in page
    response = post_form(lead, f"{url}/baseline", {"baseline": str(ids["2024"])}, f"{url}/results")
    assert response.status_code == 302
    assert _previous_title(site, ids["2026"]) == "Audit 2024"
    with site.app_context():
        assert previous_assessment(db.session.get(Assessment, ids["2026"])).title == "Audit 2024"  # type: ignore[union-attr]
        assert db.session.scalars(sa.select(Event.verb).order_by(Event.id.desc())).first() == "baseline set"
    report = lead.get(f"{url}/report.pdf?lang=en")
    assert report.status_code == 200
    # back to automatic
    assert post_form(lead, f"{url}/baseline", {"baseline": ""}, f"{url}/results").status_code == 302
    assert _previous_title(site, ids["2026"]) == "Audit 2025"


def test_only_earlier_assessments_of_the_organisation_can_be_chosen(site: Flask) -> None:
    lead, ids = _organisation(site)
    later = f"/assessments/{ids['2024']}"
    # 2026 is later than 2024: not a candidate, refused, nothing changes
    response = post_form(lead, f"{later}/baseline", {"baseline": str(ids["2026"])}, f"{later}/results")
    assert response.status_code == 400
    with site.app_context():
        assert db.session.get(Assessment, ids["2024"]).baseline_id is None  # type: ignore[union-attr]
    add_user(site, "rival@example.com", workspace="Workspace B")
    rival = site.test_client()
    login(rival, "rival@example.com")
    url = f"/assessments/{ids['2026']}"
    assert post_form(rival, f"{url}/baseline", {"baseline": str(ids["2024"])}, "/").status_code == 404


def test_a_final_assessment_keeps_its_comparison(site: Flask) -> None:
    lead, ids = _organisation(site)
    url = f"/assessments/{ids['2026']}"
    assert post_form(lead, f"{url}/finalise", {}, url).status_code == 302
    assert "Save comparison" not in lead.get(f"{url}/results").get_data(as_text=True)  # the form is gone
    response = post_form(lead, f"{url}/baseline", {"baseline": str(ids["2024"])}, url)
    assert response.status_code == 409
    assert _previous_title(site, ids["2026"]) == "Audit 2025"


def test_deleting_the_chosen_baseline_falls_back_to_the_latest(site: Flask) -> None:
    lead, ids = _organisation(site)
    url = f"/assessments/{ids['2026']}"
    post_form(lead, f"{url}/baseline", {"baseline": str(ids["2024"])}, f"{url}/results")
    assert post_form(lead, f"/assessments/{ids['2024']}/delete", {}).status_code == 302
    with site.app_context():
        assert db.session.get(Assessment, ids["2026"]).baseline_id is None  # type: ignore[union-attr]
    assert _previous_title(site, ids["2026"]) == "Audit 2025"
