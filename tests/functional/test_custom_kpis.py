"""An organisation's own KPIs: defined on the KPI page, entered and checked like the catalogue's, part of the
watermelon check, kept apart per organisation, refused when wrong, not deleted while they have values, and
carried by the assessment file; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import CustomKpi, KpiReading
from tests.factories import add_user
from tests.helpers import login, post_form

ROOMS = {
    "kpi_code": "room_ready",  # stored in capitals
    "name": "Rooms ready at check-in",
    "name_ja": "チェックイン時に準備済みの客室",
    "formula": "Rooms ready when the guest arrives ÷ all arrivals",
    "unit": "percent",
    "direction": "higher",
    "kind": "operational",
    "elements": "E4",
    "min_n": "30",
}


def _assessment(
    site: Flask, email: str = "lead@example.com", name: str = "Client K", workspace: str = "Workspace A"
) -> tuple[FlaskClient, str]:
    add_user(site, email, workspace=workspace)
    lead = site.test_client()
    login(lead, email)
    org = post_form(lead, "/organisations", {"name": name}, "/").headers["Location"]
    data = {"title": "Audit 2026", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "self"}
    return lead, post_form(lead, f"{org}/assessments", data, org).headers["Location"]


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def _defined(site: Flask) -> list[tuple[str, str, float, float | None]]:
    with site.app_context():
        rows = db.session.execute(sa.select(CustomKpi.code, CustomKpi.unit, CustomKpi.lower, CustomKpi.upper))
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_an_own_kpi_is_entered_checked_and_counted_in_the_watermelon_check(site: Flask) -> None:
    lead, url = _assessment(site)
    made = post_form(lead, f"{url}/kpis/custom", ROOMS, f"{url}/kpis")
    assert made.status_code == 302, _text(made.get_data(as_text=True))
    assert _defined(site) == [("ROOM_READY", "percent", 0.0, 100.0)]
    # It is offered beside the catalogue, and its range holds: 130 % is refused.
    page = lead.get(f"{url}/kpis").get_data(as_text=True)
    assert '<option value="ROOM_READY">Rooms ready at check-in</option>' in page
    refused = post_form(lead, f"{url}/kpis", {"kpi": "ROOM_READY", "period": "2026", "value": "130"})
    assert refused.status_code == 400 and "ROOM_READY lies between 0 and 100" in _text(refused.get_data(as_text=True))
    saved = {"kpi": "ROOM_READY", "period": "2026", "value": "97", "n": "400", "target": "95"}
    assert post_form(lead, f"{url}/kpis", saved).status_code == 302
    csat = {"kpi": "CSAT", "period": "2026", "value": "60", "n": "300", "target": "80"}
    assert post_form(lead, f"{url}/kpis", csat).status_code == 302
    text = _text(lead.get(f"{url}/kpis").get_data(as_text=True))
    assert "Watermelon effect" in text
    assert "ROOM_READY 97 % (target 95 %) on target, but CSAT 60 % (target 80 %)" in text
    lead.get("/language/ja")
    text_ja = _text(lead.get(f"{url}/kpis").get_data(as_text=True))
    assert "チェックイン時に準備済みの客室" in text_ja and "運用の指標" in text_ja


def test_a_wrong_definition_names_each_field_and_writes_nothing(site: Flask) -> None:
    lead, url = _assessment(site)
    wrong = {**ROOMS, "kpi_code": "CSAT", "name": "", "unit": "scale", "lower": "5", "elements": "E99"}
    response = post_form(lead, f"{url}/kpis/custom", wrong, f"{url}/kpis")
    assert response.status_code == 400
    text = _text(response.get_data(as_text=True))
    assert "KPI name: " in text
    assert _defined(site) == []
    scale = {**ROOMS, "unit": "scale", "lower": "5", "upper": "1"}
    text = _text(post_form(lead, f"{url}/kpis/custom", scale, f"{url}/kpis").get_data(as_text=True))
    assert "The highest value must lie above the lowest." in text
    clash = post_form(lead, f"{url}/kpis/custom", {**ROOMS, "kpi_code": "CSAT"}, f"{url}/kpis")
    assert clash.status_code == 400 and "CSAT is a KPI of the catalogue" in _text(clash.get_data(as_text=True))
    twice = post_form(lead, f"{url}/kpis/custom", ROOMS, f"{url}/kpis")
    assert twice.status_code == 302
    again = post_form(lead, f"{url}/kpis/custom", ROOMS, f"{url}/kpis")
    assert again.status_code == 400 and "ROOM_READY is already one of this organisation" in _text(
        again.get_data(as_text=True)
    )
    assert _defined(site) == [("ROOM_READY", "percent", 0.0, 100.0)]


def test_an_own_kpi_with_values_is_not_deleted_until_they_are(site: Flask) -> None:
    lead, url = _assessment(site)
    post_form(lead, f"{url}/kpis/custom", ROOMS, f"{url}/kpis")
    post_form(lead, f"{url}/kpis", {"kpi": "ROOM_READY", "period": "2026", "value": "97"})
    with site.app_context():
        custom_id = db.session.scalar(sa.select(CustomKpi.id))
        reading_id = db.session.scalar(sa.select(KpiReading.id))
    kept = post_form(lead, f"{url}/kpis/custom/{custom_id}/delete", {}, f"{url}/kpis")
    assert kept.status_code == 409 and "ROOM_READY has 1 stored values" in _text(kept.get_data(as_text=True))
    assert _defined(site) != []
    assert post_form(lead, f"{url}/kpis/{reading_id}/delete", {}, f"{url}/kpis").status_code == 302
    assert post_form(lead, f"{url}/kpis/custom/{custom_id}/delete", {}, f"{url}/kpis").status_code == 302
    assert _defined(site) == []


def test_own_kpis_stay_with_their_organisation(site: Flask) -> None:
    lead, url = _assessment(site)
    post_form(lead, f"{url}/kpis/custom", ROOMS, f"{url}/kpis")
    other, other_url = _assessment(site, "other@example.com", "Client Z", "Workspace B")
    # Another workspace's consultant sees neither the KPI nor its delete route.
    assert "Rooms ready at check-in" not in other.get(f"{other_url}/kpis").get_data(as_text=True)
    with site.app_context():
        custom_id = db.session.scalar(sa.select(CustomKpi.id))
    assert other.post(f"{url}/kpis/custom", data=ROOMS).status_code in {400, 404}
    assert post_form(other, f"{url}/kpis/custom/{custom_id}/delete", {}, f"{other_url}/kpis").status_code == 404
    assert post_form(other, f"{other_url}/kpis/custom/{custom_id}/delete", {}, f"{other_url}/kpis").status_code == 404
    refused = post_form(other, f"{other_url}/kpis", {"kpi": "ROOM_READY", "period": "2026", "value": "97"})
    assert refused.status_code == 400 and _defined(site) == [("ROOM_READY", "percent", 0.0, 100.0)]


def _exported(app: Flask, tmp_path: Path, assessment_id: int) -> dict[str, Any]:
    out = tmp_path / "a.json"
    result = app.test_cli_runner().invoke(args=["export", str(assessment_id), "--out", str(out)])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def _score(app: Flask, tmp_path: Path, document: dict[str, Any]) -> tuple[int, str]:
    path = tmp_path / "scored.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["score", str(path)])
    return result.exit_code, result.output


def test_own_kpis_travel_in_the_assessment_file(site: Flask, tmp_path: Path) -> None:
    lead, url = _assessment(site)
    post_form(lead, f"{url}/kpis/custom", ROOMS, f"{url}/kpis")
    post_form(lead, f"{url}/kpis", {"kpi": "ROOM_READY", "period": "2026", "value": "97", "target": "95"})
    document = _exported(site, tmp_path, int(url.rsplit("/", 1)[-1]))
    assert document["custom_kpis"] == [
        {
            "code": "ROOM_READY",
            "name": {"en": "Rooms ready at check-in", "ja": "チェックイン時に準備済みの客室"},
            "unit": "percent",
            "direction": "higher",
            "kind": "operational",
            "range": [0.0, 100.0],
            "formula": "Rooms ready when the guest arrives ÷ all arrivals",
            "elements": ["E4"],
            "min_n": 30,
        }
    ]
    assert document["kpis"] == [{"kpi": "ROOM_READY", "period": "2026", "value": 97.0, "target": 95.0}]
    document["respondents"] = document.get("respondents") or []
    status, output = _score(site, tmp_path, document)
    assert status == 0, output
    assert json.loads(output)["kpis"] == document["kpis"]
    # Without its definition the value names an unknown KPI; a wrong definition names its path.
    status, output = _score(site, tmp_path, {**document, "custom_kpis": []})
    assert status != 0 and "$.kpis[0].kpi" in output and "unknown KPI 'ROOM_READY'" in output
    broken = {**document, "custom_kpis": [{**document["custom_kpis"][0], "elements": ["E99"]}]}
    status, output = _score(site, tmp_path, broken)
    assert status != 0 and "$.custom_kpis[0].elements" in output and "unknown element 'E99'" in output
    status, output = _score(site, tmp_path, {**document, "custom_kpis": [{"code": "x"}]})
    assert status != 0 and "$.custom_kpis[0]" in output
