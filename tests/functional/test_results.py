"""The results page and the ``assessor score`` command, on real stored or filed answers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from assessor.models import Assessment, Organisation
from tests.factories import NA, Person, stored_assessment, workspace_named
from tests.helpers import ROOT, csrf_token

EXAMPLE = ROOT / "docs" / "examples" / "quick-assessment.json"


def _seed(app: Flask) -> int:
    """Three leaders and three front-line respondents (the minimum group size) on the mini questionnaire;
    E1-01 split 4 (leadership) vs 0 (front line), E2-01 with a consensus of 4."""
    with app.app_context():
        org = Organisation(name="Org <b>", workspace=workspace_named("Workspace A"))
        lead = Person("leadership", answers={"E1-01": 4, "E2-01": 2})
        front = Person("front-line", answers={"E1-01": 0, "E2-01": 2, "E7-01": NA("none")})
        assessment = stored_assessment(org, "T", [lead, front] * 3, consensus={"E2-01": (4, "evidence seen")})
        db.session.add(org)
        db.session.commit()
        return assessment.id


def test_results_page_shows_scores_verdict_and_disagreement(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id = _seed(app)
    page = consultant_client.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
    # Dimension A = E1-01 (median of 4 and 0 = 2 -> 50 %) and E2-01 (consensus 4 -> 100 %): 75 %.
    scores = page[page.index('id="scores-h"') :]
    row = re.search(r"A · Leadership and strategy</th>\s*<td>(\d+) %", scores)
    assert row and row.group(1) == "75"
    assert "E1-01" in page and "Test question 1" in page  # the divisive item is listed
    assert "Answers per level" in page
    assert "insufficient evidence" in page  # element scores with little coverage are flagged
    assert "Org &lt;b&gt;" in page
    assert "/vendor/plotly.min.js" in page and "cdn" not in page.lower()
    data = re.search(r'<script type="application/json" data-chart="radar">(.*?)</script>', page, re.S)
    assert data is not None
    figure = json.loads(data.group(1))
    names = [trace["name"] for trace in figure["data"]]
    # segment overlays, in the assessment's order of its segments
    assert names == ["Current", "Target", "Leadership (n=3)", "Front line (n=3)"]
    # Perception gap: E1-01 was 0 for the front line and 4 for leadership (leadership comes first).
    segments = page[page.index('id="segments-h"') : page.index('id="scores-h"')]
    assert re.search(r"A · Leadership and strategy</th>\s*<td>75 %</td><td>25 %</td>", segments)
    assert len(figure["data"][0]["r"]) == 10  # nine elements, closed polygon


def test_results_page_in_japanese(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id = _seed(app)
    consultant_client.get("/language/ja")
    page = consultant_client.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
    assert "サービスエクセレンスのリーダーシップ及び戦略" in page
    assert "回答者の見方が分かれている項目" in page


def test_results_without_answers_say_so(app: Flask, consultant_client: FlaskClient) -> None:
    with app.app_context():
        org = Organisation(name="Empty", workspace=workspace_named("Workspace A"))
        db.session.add(Assessment(organisation=org, title="T", questionnaire_id="mini", questionnaire_version="1"))
        db.session.commit()
    page = consultant_client.get("/assessments/1/results").get_data(as_text=True)
    assert "Nobody has answered yet" in page


def test_targets_are_validated_and_saved(app: Flask, consultant_client: FlaskClient) -> None:
    assessment_id = _seed(app)
    url = f"/assessments/{assessment_id}/results"
    token = csrf_token(consultant_client.get(url).get_data(as_text=True))
    bad = consultant_client.post(
        f"/assessments/{assessment_id}/targets",
        data={"csrf_token": token, "target_A": "150", "target_B": "70", "target_C": "70", "target_D": "x"},
    )
    assert bad.status_code == 400
    assert "Number must be between 0 and 100." in bad.get_data(as_text=True)
    good = consultant_client.post(
        f"/assessments/{assessment_id}/targets",
        data={"csrf_token": token, "target_A": "90", "target_B": "70", "target_C": "70", "target_D": "60"},
    )
    assert good.status_code == 302
    page = consultant_client.get(url).get_data(as_text=True)
    page = page[page.index('id="scores-h"') :]
    # Dimension A scores 75 % against a target of 90 %: 15 points below.
    assert re.search(
        r"A · Leadership and strategy</th>\s*<td>75 %</td>\s*<td>[^<]*</td>\s*<td>90 %</td>\s*<td>15</td>", page
    )
    assert consultant_client.post(f"/assessments/{assessment_id}/targets", data={"target_A": "1"}).status_code == 400


def test_plotly_is_served_locally(consultant_client: FlaskClient) -> None:
    response = consultant_client.get("/vendor/plotly.min.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert b"plotly" in response.get_data()[:2000].lower()
    response.close()


def test_score_command_prints_the_result(real_app: Flask) -> None:
    result = real_app.test_cli_runner().invoke(args=["score", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert output["questionnaire"] == {"id": "quick", "version": "1"}
    assert output["respondent_count"] == 5
    assert 0 <= output["overall"]["score"] <= 100


def test_score_command_compares_with_a_previous_file(real_app: Flask, tmp_path: Path) -> None:
    previous = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    previous["assessed_on"] = "2025-11-01"
    for respondent in previous["respondents"]:
        respondent["answers"] = {code: 1 for code in respondent["answers"] if code != "E9-02"}
    path = tmp_path / "previous.json"
    path.write_text(json.dumps(previous), encoding="utf-8")
    result = real_app.test_cli_runner().invoke(args=["score", str(EXAMPLE), "--previous", str(path)])
    assert result.exit_code == 0, result.output
    assert "comparison" in json.loads(result.output)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["respondents"][0]["answers"].update({"E1-01": 9}), "level 9 is outside the scale 0-4"),
        (lambda d: d["respondents"][0]["answers"].update({"E1-99": 2}), "E1-99"),
        (lambda d: d.update({"questionnaire": {"id": "quick", "version": "7"}}), "version"),
        (lambda d: d.pop("respondents"), "respondents"),
    ],
)
def test_score_command_rejects_invalid_files(real_app: Flask, tmp_path: Path, mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    mutate(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = real_app.test_cli_runner().invoke(args=["score", str(path)])
    assert result.exit_code == 1
    assert "error: " in result.output and expected in result.output
    assert "Traceback" not in result.output


def test_score_command_reports_json_syntax_errors_with_line(real_app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "questionnaire": {"id": "quick",,}\n}\n', encoding="utf-8")
    result = real_app.test_cli_runner().invoke(args=["score", str(path)])
    assert result.exit_code != 0
    assert f"{path}:2:" in result.output and "invalid JSON" in result.output


def test_export_round_trips_through_score(real_app: Flask, tmp_path: Path) -> None:
    """A stored assessment exported as a file scores exactly as it does in the app."""
    from assessor.assessments import score_assessment
    from assessor.files import result_to_dict

    runner = real_app.test_cli_runner()
    runner.invoke(args=["demo", "seed", "--login-file", str(tmp_path / "login.txt")])
    out = tmp_path / "full.json"
    exported = runner.invoke(args=["export", "2", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["questionnaire"] == {"id": "full", "version": "1"}
    assert [r["id"] for r in document["respondents"]] == [f"r{n}" for n in range(1, 13)]
    assert "Aiko" not in out.read_text(encoding="utf-8")  # respondents travel without names
    scored = runner.invoke(args=["score", str(out)])
    assert scored.exit_code == 0, scored.output
    with real_app.app_context():
        assessment = db.session.get(Assessment, 2)
        assert assessment is not None
        in_app = result_to_dict(score_assessment(assessment).result)
    from_file = json.loads(scored.output)
    assert from_file["overall"] == in_app["overall"]
    assert from_file["pyramid"] == in_app["pyramid"]
    assert runner.invoke(args=["export", "999"]).exit_code != 0
