"""The PDF's trend page: with three assessments it holds the chart and the table, read back from the
PDF in English and Japanese; with two there is no such page; on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

from flask import Flask
from pypdf import PdfReader

from assessor.extensions import db
from assessor.models import Organisation
from tests.factories import Person, add_user, stored_assessment, workspace_named
from tests.helpers import login

ITEMS = ("E1-01", "E2-01", "E3-01", "E4-01", "E5-01", "E6-01", "E7-01", "E8-01", "E9-01")


def _pages(site: Flask, years: dict[int, int], lang: str) -> list[str]:
    """The PDF of the latest of ``years`` (year -> level of every item), one flat text per page."""
    add_user(site, "lead@example.com")
    with site.app_context():
        org = Organisation(name="Client T", workspace=workspace_named("Workspace A"))
        for year, level in years.items():
            people = [Person(answers={code: level for code in ITEMS}) for _ in range(3)]
            latest = stored_assessment(org, f"Audit {year}", people, assessed_on=date(year, 5, 1), mode="workshop")
        db.session.add(org)
        db.session.commit()
        latest_id = latest.id
    lead = site.test_client()
    login(lead, "lead@example.com")
    response = lead.get(f"/assessments/{latest_id}/report.pdf?lang={lang}")
    assert response.status_code == 200
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(BytesIO(response.get_data())).pages]


def test_the_trend_page_with_three_assessments(site: Flask) -> None:
    pages = _pages(site, {2024: 1, 2025: 2, 2026: 3}, "en")
    (page,) = [p for p in pages if "Trendover3assessments" in p[:200]]
    # Every item at 1, 2 and 3 of 4: 25 %, 50 %, 75 % overall and in every dimension; +50 points.
    assert "Overall25%50%75%▲+50" in page
    assert "Changesince2024" in page and "A·" in page and "D·" in page
    assert "differentquestionnaires" not in page  # all three used the same one


def test_the_trend_page_in_japanese(site: Flask) -> None:
    pages = _pages(site, {2024: 1, 2025: 2, 2026: 3}, "ja")
    (page,) = [p for p in pages if "3回の評価の推移" in p[:200]]
    assert "総合25%50%75%▲+50" in page and "2024年からの変化" in page


def test_no_trend_page_with_two_assessments(site: Flask) -> None:
    pages = _pages(site, {2025: 2, 2026: 3}, "en")
    assert not any("Trendover" in p for p in pages)
