"""The results page shows what moved since the comparison baseline, item by item, and, with three or more
assessments, the trend per dimension and overall; on SQLite and PostgreSQL, in English and Japanese."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from assessor.demo import DEMO_NAME, DEMO_NAME_JA
from assessor.extensions import db
from assessor.models import Assessment, Organisation
from tests.factories import NA, Person, add_user, stored_assessment, workspace_named
from tests.helpers import login

ITEMS = ("E1-01", "E2-01", "E3-01", "E4-01", "E5-01", "E6-01", "E7-01", "E8-01", "E9-01")
BASELINE = {
    "E1-01": 1,
    "E2-01": 3,
    "E3-01": 2,
    "E5-01": 2,
    "E6-01": 2,
    "E7-01": NA("no partner"),
    "E8-01": 2,
    "E9-01": 2,
}
"""2025: E4-01 not answered, E7-01 N/A."""
NOW = {"E1-01": 3, "E2-01": 2, "E3-01": 2, "E4-01": 2, "E5-01": 3, "E6-01": 3, "E7-01": 2, "E8-01": 3, "E9-01": 3}
"""2026: E1-01 +2, E5/E6/E8/E9 +1, E2-01 −1, E3-01 unchanged, E4-01 new, E7-01 not comparable."""


def _organisation(site: Flask, years: tuple[int, ...]) -> tuple[FlaskClient, dict[int, int]]:
    add_user(site, "lead@example.com")
    with site.app_context():
        org = Organisation(name="Client M", workspace=workspace_named("Workspace A"))
        stored = {}
        for year in years:
            answers = {2024: {code: 1 for code in ITEMS}, 2025: BASELINE, 2026: NOW}[year]
            people = [Person(answers=answers) for _ in range(3)]
            stored[year] = stored_assessment(
                org, f"Audit {year}", people, assessed_on=date(year, 5, 1), mode="workshop"
            )
        db.session.add(org)
        db.session.commit()
        ids = {year: a.id for year, a in stored.items()}
    lead = site.test_client()
    login(lead, "lead@example.com")
    return lead, ids


def _section(page: str, heading_id: str) -> str:
    return page.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def test_moves_by_category_biggest_first_and_the_trend_with_three(site: Flask) -> None:
    lead, ids = _organisation(site, (2024, 2025, 2026))
    page = lead.get(f"/assessments/{ids[2026]}/results").get_data(as_text=True)
    moves = _section(page, "moves-h")
    assert "What moved since Audit 2025: 5 up, 1 down, 1 new, 1 not comparable" in moves
    assert "1 item is unchanged." in moves
    codes = re.findall(r'<th scope="row" class="code">([^<]+)</th>', moves)
    assert codes == ["E1-01", "E5-01", "E6-01", "E8-01", "E9-01", "E2-01", "E4-01", "E7-01"]  # biggest move first
    assert "▲ +2" in moves and "▼ −1" in moves and "N/A in one of the two" in moves
    assert "another mode" not in moves and "another questionnaire" not in moves
    trend = _section(page, "trend-h")
    assert "Trend over 3 assessments" in trend and "<svg" in trend
    headers = re.findall(r'<th scope="col" class="num">([^<]+)</th>', trend)
    assert headers == ["2024", "2025", "2026", "Change since 2024"]
    overall = re.search(r"<th scope=\"row\">Overall</th>(.*?)</tr>", trend, re.S)
    assert overall is not None
    # Weights 1, E8-01 weight 2.  2024: every item at 1 of 4 = 25 %.  2025: (16 + 2) / (9 × 4) = 50 %
    # (E4-01 unanswered, E7-01 N/A).  2026: (23 + 3) / (10 × 4) = 65 %.  Change: +40 points.
    assert re.findall(r'<td class="num">([^<]+)</td>', overall.group(1)) == ["25 %", "50 %", "65 %", "▲ +40"]
    lead.get("/language/ja")
    japanese = lead.get(f"/assessments/{ids[2026]}/results").get_data(as_text=True)
    assert "上昇5件、低下1件、新規1件、比較不可1件" in _section(japanese, "moves-h")
    assert "3回の評価の推移" in japanese


def test_no_trend_with_two_assessments_and_no_moves_without_a_baseline(site: Flask) -> None:
    lead, ids = _organisation(site, (2025, 2026))
    page = lead.get(f"/assessments/{ids[2026]}/results").get_data(as_text=True)
    assert 'id="moves-h"' in page
    assert 'id="trend-h"' not in page and "trend-chart" not in page
    first = lead.get(f"/assessments/{ids[2025]}/results").get_data(as_text=True)
    assert 'id="moves-h"' not in first and 'id="trend-h"' not in first


def test_another_mode_is_said_once_and_nothing_is_compared(site: Flask) -> None:
    lead, ids = _organisation(site, (2025, 2026))
    with site.app_context():
        db.session.get(Assessment, ids[2025]).mode = "self"
        db.session.commit()
    moves = _section(lead.get(f"/assessments/{ids[2026]}/results").get_data(as_text=True), "moves-h")
    assert "0 up, 0 down, 1 new, 8 not comparable" in moves
    assert moves.count("another mode (a workshop and a self-audit)") == 1


def test_the_demo_shows_moves_against_last_year_and_a_three_year_trend(real_app: Flask, tmp_path: Path) -> None:
    runner = real_app.test_cli_runner()
    login_file = tmp_path / "login.txt"
    assert runner.invoke(args=["demo", "seed", "--login-file", str(login_file)]).exit_code == 0
    email, password = (line.split(": ", 1)[1] for line in login_file.read_text().splitlines()[:2])
    with real_app.app_context():
        current = {}
        for name in (DEMO_NAME, DEMO_NAME_JA):
            org = db.session.query(Organisation).filter_by(name=name).one()
            current[name] = max(org.assessments, key=lambda a: a.assessed_on).id
    client = real_app.test_client()
    login(client, email, password)
    page = client.get(f"/assessments/{current[DEMO_NAME]}/results").get_data(as_text=True)
    moves = _section(page, "moves-h")
    counts = re.search(r"(\d+) up, (\d+) down, (\d+) new, (\d+) not comparable", moves)
    assert counts is not None
    up, down, new, not_comparable = map(int, counts.groups())
    assert up > down and new == 72 - 18  # the quick check asked 18 of the 72 items
    assert "another questionnaire" in moves
    trend = _section(page, "trend-h")
    assert "Trend over 3 assessments" in trend and "different questionnaires" in trend
    client.get("/language/ja")
    japanese = client.get(f"/assessments/{current[DEMO_NAME_JA]}/results").get_data(as_text=True)
    assert "3回の評価の推移" in japanese and "比較不可" in japanese
