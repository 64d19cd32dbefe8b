"""KPIs in the assessment file: `assessor export` writes them, `assessor score` reads them back with
the findings, a report from the file shows them; a wrong KPI entry names its JSON path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from assessor.demo import DEMO_KPIS
from assessor.files import AssessmentFileError
from assessor.files.kpis import read_kpis
from assessor.reports.service import context_for_document
from assessor.standards import get_framework


def _exported(app: Flask, tmp_path: Path) -> dict[str, Any]:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "seed", "--login-file", str(tmp_path / "login.txt")]).exit_code == 0
    out = tmp_path / "full.json"
    assert runner.invoke(args=["export", "2", "--out", str(out)]).exit_code == 0
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def _score(app: Flask, tmp_path: Path, document: dict[str, Any]) -> tuple[int, str]:
    path = tmp_path / "scored.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["score", str(path)])
    return result.exit_code, result.output


def test_kpis_round_trip_through_export_and_score(real_app: Flask, tmp_path: Path) -> None:
    document = _exported(real_app, tmp_path)
    exported = {(k["kpi"], k["value"], k.get("target"), k.get("previous"), k.get("variant")) for k in document["kpis"]}
    assert exported == {
        (kpi, value, target, previous, variant) for kpi, value, _n, target, previous, variant, _s in DEMO_KPIS
    }
    assert {k["source"] for k in document["kpis"]} == {"Service desk tool", "Post-stay survey", "Post-contact survey"}
    status, output = _score(real_app, tmp_path, document)
    assert status == 0, output
    scored = json.loads(output)
    assert scored["kpis"] == document["kpis"]
    findings = {f["kind"]: f for f in scored["kpi_findings"]}
    assert set(findings) == {"watermelon", "optimism"}
    assert sorted(findings["watermelon"]["on_target"]) == ["FCR", "MTTR", "SLA"]
    assert sorted(findings["watermelon"]["missed_or_falling"]) == ["CES", "CSAT", "NPS"]
    assert {c["id"] for c in findings["optimism"]["contradicted"]} <= {"E5", "E6", "E7", "E8", "L3", "L4"}
    with real_app.test_request_context():  # a report from the file shows the same section
        ctx = context_for_document(document, "en")
        assert ctx.kpi is not None and [f.kind for f in ctx.kpi.findings] == ["watermelon", "optimism"]


def test_a_file_without_kpis_scores_as_before(real_app: Flask, tmp_path: Path) -> None:
    document = _exported(real_app, tmp_path)
    del document["kpis"]
    status, output = _score(real_app, tmp_path, document)
    assert status == 0 and "kpis" not in json.loads(output)


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda k: k[0].update(kpi="NOPE"), "$.kpis[0].kpi", "unknown KPI 'NOPE'"),
        (lambda k: k[0].update(kpi="NPS", value=-120), "$.kpis[0].value", "outside its range"),
        (lambda k: k[0].update(kpi="MTTR", value=3, variant="repair"), "$.kpis[0].variant", "name the variant"),
        (lambda k: k.append(dict(k[0])), "$.kpis[6]", "is already given at kpis[0]"),
        (lambda k: k[0].update(kpi="CSAT", target=180), "$.kpis[0].target", "outside its range"),
        (lambda k: k[0].update(kpi="CSAT", value=80, counts={"1": 10, "5": 10}), "$.kpis[0].counts", "the counts give"),
        (lambda k: k[0].update(kpi="SLA", counts={"1": 3}), "$.kpis[0].counts", "cannot be computed from"),
    ],
)
def test_a_wrong_kpi_entry_names_its_path(
    real_app: Flask, tmp_path: Path, change: Any, path: str, message: str
) -> None:
    document = _exported(real_app, tmp_path)
    broken = copy.deepcopy(document)
    assert broken["kpis"][0]["kpi"] == "CES" and "variant" not in broken["kpis"][0]  # exported by KPI id
    change(broken["kpis"])
    with real_app.app_context():
        _values, problems = read_kpis(get_framework(), broken)
    assert any(p.path == path and message in p.message for p in problems), problems
    status, output = _score(real_app, tmp_path, broken)
    assert status != 0 and path in output


def test_the_schema_refuses_a_kpi_entry_of_the_wrong_shape(real_app: Flask, tmp_path: Path) -> None:
    document = _exported(real_app, tmp_path)
    document["kpis"][0]["value"] = "high"
    with real_app.app_context(), pytest.raises(AssessmentFileError) as raised:
        context_for_document(document, "en")
    assert any(p.path == "$.kpis[0].value" for p in raised.value.problems)
