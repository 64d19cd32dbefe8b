"""The action plan in the assessment file: `assessor export` writes it, `assessor score` reads it back
with each action's group, a report from the file has the same action-plan page as the app's, and a
wrong action entry names its JSON path."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from assessor.assessments import score_previous
from assessor.demo import DEMO_NAME
from assessor.extensions import db
from assessor.files import AssessmentFileError, score_files
from assessor.models import Action, Assessment, Organisation
from assessor.reports.service import context_for_assessment, context_for_document
from assessor.standards import get_framework
from tests.pdf_layout import flat, read_pages

REPORT_DAY = date(2026, 12, 2)


def _seeded(app: Flask, tmp_path: Path) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "seed", "--login-file", str(tmp_path / "login.txt")])
    assert result.exit_code == 0, result.output


def _newest(app: Flask) -> int:
    with app.app_context():
        org = db.session.query(Organisation).filter_by(name=DEMO_NAME).one()
        return max(org.assessments, key=lambda a: a.assessed_on).id


def _exported(app: Flask, tmp_path: Path, assessment_id: int) -> dict[str, Any]:
    out = tmp_path / f"exported-{assessment_id}.json"
    result = app.test_cli_runner().invoke(args=["export", str(assessment_id), "--out", str(out)])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def _score(app: Flask, tmp_path: Path, document: dict[str, Any]) -> tuple[int, str, str]:
    path = tmp_path / "scored.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["score", str(path)])
    return result.exit_code, result.stdout, result.stderr


def test_actions_round_trip_through_export_score_and_report(real_app: Flask, tmp_path: Path) -> None:
    _seeded(real_app, tmp_path)
    newest = _newest(real_app)
    document = _exported(real_app, tmp_path, newest)
    with real_app.app_context():
        org = db.session.query(Organisation).filter_by(name=DEMO_NAME).one()
        org_actions = db.session.query(Action).filter_by(organisation_id=org.id).order_by(Action.id).all()
        authors = {note.author for a in org_actions for note in a.notes}
        expected = [
            (a.title, a.title_ja, a.status, a.owner, a.due.isoformat() if a.due else None, a.progress, a.element_ids)
            for a in org_actions
        ]
    entries = document["actions"]
    # The newest assessment's report lists the demo's actions, all agreed from last year's quick check.
    assert {e["agreed"] for e in entries} == {"earlier"}
    assert [
        (
            e["title"]["en"],
            e["title"].get("ja", ""),
            e["status"],
            e.get("owner", ""),
            e.get("due"),
            e["progress"],
            " ".join(e.get("elements", ())),
        )
        for e in entries
    ] == expected
    assert any(e.get("notes") for e in entries) and any(e["status"] == "wont_do" and e["reason"] for e in entries)
    text = json.dumps(document, ensure_ascii=False)
    assert authors and not any(author in text for author in authors if author)  # no author e-mail travels

    status, output, errors = _score(real_app, tmp_path, document)
    assert status == 0, errors
    scored = {a["title"]["en"]: a for a in json.loads(output)["actions"]}
    with real_app.test_request_context():
        app_ctx = context_for_assessment(db.session.get_one(Assessment, newest), "en", report_date=REPORT_DAY)
        earlier = score_previous(db.session.get_one(Assessment, newest))
        assert earlier is not None
        previous = _exported(real_app, tmp_path, earlier[0].id)
        file_ctx = context_for_document(document, "en", previous, report_date=REPORT_DAY)
    assert app_ctx.plan is not None and file_ctx.plan is not None
    # The same page from the file as from the database: titles, groups, owners, due dates, progress
    # and each element's change in score (the file compared with the same baseline).
    assert file_ctx.plan == app_ctx.plan
    groups = {row.title: row.group for row in app_ctx.plan.since}
    assert {"done", "in_progress", "overdue", "dropped"} <= set(groups.values())
    for title, group in groups.items():
        if group != "overdue":  # `assessor score` judges overdue on the day it runs
            assert scored[title]["group"] == group
    assert [a["overdue"] for a in scored.values()].count(True) >= 1


@pytest.mark.slow
def test_a_report_from_the_file_has_the_action_plan_page(real_app: Flask, tmp_path: Path) -> None:
    _seeded(real_app, tmp_path)
    document = _exported(real_app, tmp_path, _newest(real_app))
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    result = real_app.test_cli_runner().invoke(args=["report", "--file", str(path), "--lang", "ja", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (pdf,) = out.glob("*.pdf")
    texts = [flat(page.text(page.body)) for page in read_pages(pdf)]
    (page,) = [t for t in texts if t.startswith(flat("施策計画"))]
    assert flat("前回の評価以降の施策") in page
    for entry in document["actions"]:
        assert flat(entry["title"]["ja"])[:8] in page


def test_a_file_without_actions_has_no_action_plan(real_app: Flask, tmp_path: Path) -> None:
    _seeded(real_app, tmp_path)
    document = _exported(real_app, tmp_path, _newest(real_app))
    del document["actions"]
    status, output, _errors = _score(real_app, tmp_path, document)
    assert status == 0 and "actions" not in json.loads(output)
    with real_app.test_request_context():
        assert context_for_document(document, "en").plan is None


def _broken(document: dict[str, Any]) -> dict[str, Any]:
    broken = copy.deepcopy(document)
    done, under_way = broken["actions"][0], broken["actions"][1]
    broken["custom_kpis"] = [
        {"code": "OWN_KPI", "name": {"en": "Own"}, "unit": "percent", "direction": "higher", "kind": "customer"}
    ]
    broken["actions"] = [
        done | {"elements": ["E8", "E99"], "items": ["NOPE-1"], "kpis": ["NPS", "OWN_KPI", "XYZ"], "progress": 50},
        under_way | {"status": "wont_do", "reason": "   ", "due": "2026-02-30", "done_on": "2026-01-05"},
        {"title": {"en": "Twice"}, "status": "planned", "library_id": done.get("library_id", "R-E8-01")},
        {"title": {"en": "Unknown"}, "status": "planned", "library_id": "R-E1-99"},
        {"title": {"en": "Log"}, "status": "planned", "notes": [{"at": "yesterday at noon", "text": "x"}]},
    ]
    return broken


def test_every_problem_with_actions_is_reported_at_its_path(real_app: Flask, tmp_path: Path) -> None:
    _seeded(real_app, tmp_path)
    document = _exported(real_app, tmp_path, _newest(real_app))
    assert document["actions"][0]["status"] == "done" and document["actions"][0].get("library_id")
    broken = _broken(document)
    status, output, errors = _score(real_app, tmp_path, broken)
    assert status == 1 and output == ""
    lines = errors.splitlines()
    expected = [
        "$.actions[0].elements[1]: unknown element 'E99'",
        "$.actions[0].items[0]: unknown item 'NOPE-1'",
        "$.actions[0].kpis[2]: unknown KPI 'XYZ'",
        "$.actions[0].progress: a done action is 100 % done, not 50 %",
        "$.actions[1].due: '2026-02-30' is not a calendar date",
        "$.actions[1].reason: won't do needs a reason",
        "$.actions[1].done_on: only a done action has a done date (status is wont_do)",
        "$.actions[2].library_id: " + broken["actions"][2]["library_id"] + " is already tracked at actions[0]",
        "$.actions[3].library_id: unknown library action 'R-E1-99'",
        "$.actions[4].notes[0].at: 'yesterday at noon' is not a date and time",
    ]
    for line in expected:
        assert any(line in found for found in lines), (line, lines)
    assert not any("OWN_KPI" in found or "'NPS'" in found for found in lines)  # the file's own KPI is known
    assert len(lines) == len(expected)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"progress": 150}, "$.actions[0].progress"),
        ({"status": "finished"}, "$.actions[0].status"),
        ({"author": "trainer@demo.example"}, "$.actions[0]"),
        ({"title": {"en": ""}}, "$.actions[0].title.en"),
        ({"due": "next week"}, "$.actions[0].due"),
    ],
)
def test_the_schema_refuses_malformed_actions(
    real_app: Flask, tmp_path: Path, change: dict[str, Any], path: str
) -> None:
    document = {
        "questionnaire": {"id": "quick-check", "version": "1.0"},
        "respondents": [],
        "actions": [{"title": {"en": "Call back every complaint"}, "status": "planned"} | change],
    }
    with real_app.app_context(), pytest.raises(AssessmentFileError) as error:
        score_files(get_framework(), document)
    assert path in {problem.path for problem in error.value.problems}
