"""The assessment file inside every report PDF: in full for a consultant, a reader's copy for a viewer (§12)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assessor.assessments import assessment_file, score_assessment
from assessor.extensions import db
from assessor.files import result_to_dict, score_file_document
from assessor.files.aggregate import COMBINED_KEY, WITHHELD
from assessor.models import Assessment
from assessor.reports.pdf import read_attachment, render_pdf
from assessor.reports.service import context_for_assessment
from assessor.standards import get_framework
from tests.factories import PARTICIPANT, add_user, mixed_workshop
from tests.helpers import logged_in

pytestmark = pytest.mark.slow  # renders report PDFs


def _pdf(client: FlaskClient, aid: int) -> bytes:
    response = client.get(f"/assessments/{aid}/report.pdf?lang=en")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return response.data


def _vector(respondent: dict[str, Any]) -> tuple[tuple[str, object], ...]:
    def level(value: object) -> object:
        return ("na" if value.get("na") else value.get("level")) if isinstance(value, dict) else value

    return tuple(sorted((code, level(v)) for code, v in respondent["answers"].items()))


def _numbers(scored: dict[str, Any]) -> dict[str, Any]:
    """What the report prints: roll-up scores and coverage by items, item values and distributions, the pyramid."""
    return {
        "rollups": [(r["kind"], r["id"], r["score"], r["coverage"], r["status"]) for r in scored["rollups"]],
        "items": [(i["code"], i["value"], i["distribution"], i["status"]) for i in scored["items"]],
        "pyramid": scored["pyramid"],
        "segments": [  # a viewer's copy names the combined group; its numbers are the same
            (
                s["respondent_count"],
                [(r["kind"], r["id"], r["score"]) for r in s["rollups"]],
                s["pyramid"]["achieved_rank"],
            )
            for s in scored["segments"]
        ],
    }


def test_a_consultants_pdf_carries_the_full_file_and_extract_then_score_gives_the_reports_numbers(
    site: Flask, tmp_path: Path
) -> None:
    aid = mixed_workshop(site)["assessment_id"]
    report = tmp_path / "report.pdf"
    report.write_bytes(_pdf(logged_in(site, "consultant@example.com"), aid))
    runner = site.test_cli_runner()
    extracted = tmp_path / "extracted.json"
    assert runner.invoke(args=["extract", str(report), "--out", str(extracted)]).exit_code == 0
    scored = runner.invoke(args=["score", str(extracted)])
    assert scored.exit_code == 0, scored.output
    with site.app_context():
        assessment = db.session.get(Assessment, aid)
        assert assessment is not None
        assert json.loads(extracted.read_text(encoding="utf-8")) == assessment_file(assessment)
        expected = result_to_dict(score_assessment(assessment).result)
    # The same numbers as the stored assessment's (the file numbers respondents r1, r2, … instead of ids).
    assert _numbers(json.loads(scored.output)) == _numbers(json.loads(json.dumps(expected)))


def test_a_viewers_pdf_carries_no_person_no_small_group_and_the_same_numbers(site: Flask) -> None:
    seeded = mixed_workshop(site)
    aid = seeded["assessment_id"]
    add_user(site, "ceo@example.com", role="viewer", workspace=None, organisation_id=seeded["org_id"])
    copy = json.loads(read_attachment(_pdf(logged_in(site, "ceo@example.com"), aid)))
    with site.app_context():
        assessment = db.session.get(Assessment, aid)
        assert assessment is not None
        full = assessment_file(assessment)
        ctx = context_for_assessment(assessment, "en")
        expected = result_to_dict(score_assessment(assessment).result)
    real = [_vector(r) for r in full["respondents"]]
    assert len(set(real)) == len(real)  # every real respondent is identifiable by their answers
    assert copy["shuffled"] is True and len(copy["respondents"]) == len(real)
    assert not {_vector(r) for r in copy["respondents"]} & set(real)
    text = json.dumps(copy, ensure_ascii=False)
    assert PARTICIPANT not in text and "back-office" not in text and "leadership" not in text
    assert {r["segment"] for r in copy["respondents"]} == {"front-line", "ops", COMBINED_KEY}
    assert sum(r["segment"] == COMBINED_KEY for r in copy["respondents"]) == 3
    # Notes only as the viewer's report quotes them.
    quoted = {n.text for d in ctx.dimensions for n in d.notes} | {n.text for n in ctx.general_comments}
    carried = {
        a.get(key)
        for r in copy["respondents"]
        for a in r["answers"].values()
        if isinstance(a, dict)
        for key in ("comment", "reason")
    } - {None}
    assert carried <= quoted | {WITHHELD} and WITHHELD in carried
    with site.app_context():
        rescored = score_file_document(get_framework(), copy, min_group_size=ctx.min_group_size)
    assert _numbers(rescored) == _numbers(json.loads(json.dumps(expected)))


def test_extract_says_clearly_what_is_wrong(site: Flask, tmp_path: Path) -> None:
    runner = site.test_cli_runner()
    text = tmp_path / "notes.pdf"
    text.write_text("hello", encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    bare = tmp_path / "bare.pdf"
    with site.app_context():
        bare.write_bytes(render_pdf("<p>no file attached</p>"))
    for path, message in (
        (text, "not a PDF file"),
        (broken, "not a readable PDF"),
        (bare, "the PDF carries no assessment file"),
    ):
        result = runner.invoke(args=["extract", str(path)])
        assert result.exit_code == 1 and message in result.output, (path, result.output)
        assert "Traceback" not in result.output
