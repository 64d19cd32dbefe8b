"""KPI values per assessment: entered or computed from responses per answer, checked, replaced,
deleted; the watermelon finding on the page; access rules; on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Assessment, KpiReading
from tests.factories import add_user
from tests.helpers import login, post_form


def _assessment(site: Flask) -> tuple[FlaskClient, str, int]:
    add_user(site, "lead@example.com")
    lead = site.test_client()
    login(lead, "lead@example.com")
    org = post_form(lead, "/organisations", {"name": "Client K"}, "/").headers["Location"]
    data = {"title": "Audit 2026", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": "self"}
    url = post_form(lead, f"{org}/assessments", data, org).headers["Location"]
    return lead, url, int(url.rsplit("/", 1)[-1])


def _save(client: FlaskClient, url: str, page: str | None = None, **data: str) -> tuple[int, str]:
    response = post_form(client, f"{url}/kpis", data, page or f"{url}/kpis")
    return response.status_code, response.get_data(as_text=True)


def _readings(site: Flask) -> list[tuple[str, str, float, int | None, str | None]]:
    with site.app_context():
        rows = db.session.execute(
            sa.select(KpiReading.kpi_id, KpiReading.period, KpiReading.value, KpiReading.n, KpiReading.counts)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_green_operations_and_unhappy_customers_show_a_watermelon(site: Flask) -> None:
    lead, url, _ = _assessment(site)
    assert _save(lead, url, kpi="FCR", period="2026", value="78", n="1200", target="75", variant="gross")[0] == 302
    # CSAT from the responses per answer 1-5: 8 12 20 25 35 -> (25 + 35) / 100 = 60 %.
    status, _page = _save(lead, url, kpi="CSAT", period="2026", counts="8 12 20 25 35", target="80", previous="71")
    assert status == 302
    assert sorted(_readings(site)) == [
        ("CSAT", "2026", 60.0, 100, '{"1": 8, "2": 12, "3": 20, "4": 25, "5": 35}'),
        ("FCR", "2026", 78.0, 1200, None),
    ]
    sentence = "FCR 78 % (target 75 %) on target, but CSAT 60 % (target 80 %, down from 71 %)."
    page = _text(lead.get(f"{url}/kpis").get_data(as_text=True))
    assert "Watermelon effect" in page and sentence in page
    assert sentence in _text(lead.get(f"{url}/results").get_data(as_text=True))  # also on the results page
    lead.get("/language/ja")
    page_ja = _text(lead.get(f"{url}/kpis").get_data(as_text=True))
    assert "FCR 78%（目標75%）は目標を達成していますが、CSATは60%（目標80%、前回71%から低下）です。" in page_ja


def test_a_value_below_its_minimum_n_is_indicative_and_takes_no_part(site: Flask) -> None:
    lead, url, _ = _assessment(site)
    _save(lead, url, kpi="FCR", period="2026", value="78", n="1200", target="75", variant="gross")
    _save(lead, url, kpi="CSAT", period="2026", counts="1 1 2 3 3", target="80")  # n = 10 < 30
    page = _text(lead.get(f"{url}/kpis").get_data(as_text=True))
    assert "Indicative: fewer than 30 responses" in page
    assert "Watermelon effect" not in page and "No contradiction found" in page


def test_saving_the_same_kpi_and_period_replaces_it_and_delete_removes_it(site: Flask) -> None:
    lead, url, _ = _assessment(site)
    _save(lead, url, kpi="CSAT", period="2026 Q3", value="70")
    _save(lead, url, kpi="CSAT", period="2026 Q3", value="74", n="40")
    _save(lead, url, kpi="CSAT", period="2026 Q4", value="75", n="40")
    assert sorted(r[:4] for r in _readings(site)) == [("CSAT", "2026 Q3", 74.0, 40), ("CSAT", "2026 Q4", 75.0, 40)]
    with site.app_context():
        first = db.session.scalar(sa.select(KpiReading.id).where(KpiReading.period == "2026 Q3"))
    assert post_form(lead, f"{url}/kpis/{first}/delete", {}, f"{url}/kpis").status_code == 302
    assert [r[1] for r in _readings(site)] == ["2026 Q4"]
    assert post_form(lead, f"{url}/kpis/{first}/delete", {}, f"{url}/kpis").status_code == 404


def test_bad_values_are_refused_with_a_clear_message_and_nothing_is_stored(site: Flask) -> None:
    lead, url, _ = _assessment(site)
    cases = [
        ({"kpi": "CSAT", "value": "120"}, "CSAT lies between 0 and 100."),
        ({"kpi": "CSAT", "value": "nan"}, "Not a valid float value."),
        ({"kpi": "CSAT", "value": "１２"}, "Not a valid float value."),
        ({"kpi": "CSAT", "counts": "1 2 3"}, "CSAT needs 5 counts, one per answer; you entered 3."),
        ({"kpi": "CSAT", "counts": "1 2 x 4 5"}, "Enter whole numbers separated by spaces"),
        ({"kpi": "CSAT", "value": "70", "counts": "1 2 3 4 5"}, "Enter either a value or the responses per answer"),
        ({"kpi": "CSAT"}, "Enter a value, or the responses per answer."),
        ({"kpi": "FCR", "value": "70"}, "Choose how FCR is measured: gross, net."),
        ({"kpi": "FCR", "counts": "1 2"}, "FCR cannot be computed from responses per answer"),
        ({"kpi": "CSAT", "value": "70", "target": "-5"}, "CSAT lies between 0 and 100."),
        ({"kpi": "CSAT", "value": "70", "variant": "net"}, "CSAT has no variants"),
        ({"kpi": "NOPE", "value": "70"}, "Not a valid choice"),
        ({"kpi": "CSAT", "value": "70", "period": "x" * 41}, "Field cannot be longer than 40 characters."),
        ({"kpi": "CSAT", "value": "70", "source": "bad\x00byte"}, "control character"),
    ]
    for data, message in cases:
        status, page = _save(lead, url, **data)
        assert status == 400, data
        assert message in page.replace("&#39;", "'"), (data, _text(page)[:2000])
    assert _readings(site) == []
    lead.get("/language/ja")
    status, page = _save(lead, url, kpi="CSAT", value="120")
    assert status == 400 and "CSATは0〜100の範囲で入力してください。" in page


def test_viewers_read_kpis_but_cannot_change_them_and_other_workspaces_get_404(site: Flask) -> None:
    lead, url, assessment_id = _assessment(site)
    _save(lead, url, kpi="CSAT", period="2026", value="72", n="50")
    with site.app_context():
        org_id = db.session.get(Assessment, assessment_id).organisation_id
    add_user(site, "ceo@example.com", role="viewer", workspace=None, organisation_id=org_id)
    viewer = site.test_client()
    login(viewer, "ceo@example.com")
    page = viewer.get(f"{url}/kpis")
    assert page.status_code == 200 and "72 %" in page.get_data(as_text=True)
    assert "Add a KPI value" not in page.get_data(as_text=True)
    assert _save(viewer, url, "/login", kpi="CSAT", period="2026", value="99")[0] == 403
    add_user(site, "rival@example.com", workspace="Workspace B")
    rival = site.test_client()
    login(rival, "rival@example.com")
    assert rival.get(f"{url}/kpis").status_code == 404
    assert _save(rival, url, "/login", kpi="CSAT", value="1")[0] == 404
    assert [r[2] for r in _readings(site)] == [72.0]


def test_deleting_the_assessment_deletes_its_kpi_values(site: Flask) -> None:
    lead, url, _ = _assessment(site)
    _save(lead, url, kpi="CSAT", period="2026", value="72")
    assert post_form(lead, f"{url}/delete", {}).status_code == 302
    assert _readings(site) == []


def test_a_final_assessment_keeps_its_kpi_values(site: Flask) -> None:
    lead, url, _ = _assessment(site)
    _save(lead, url, kpi="CSAT", period="2026", value="72")
    assert post_form(lead, f"{url}/finalise", {}, url).status_code == 302
    status, page = _save(lead, url, kpi="CSAT", period="2026", value="90")
    assert status == 409 and "This assessment is final" in page
    with site.app_context():
        reading = db.session.scalar(sa.select(KpiReading.id))
    assert post_form(lead, f"{url}/kpis/{reading}/delete", {}, f"{url}/kpis").status_code == 409
    assert [r[2] for r in _readings(site)] == [72.0]
