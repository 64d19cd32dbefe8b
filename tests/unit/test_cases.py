"""The calibration cases: the shipped ones load with the framework and cover both questionnaires;
a malformed case stops the load with file:line: message, like any other standards problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor import create_app
from assessor.cli.main import cli
from assessor.domain import Framework
from assessor.standards import StandardsError, load_framework
from tests.helpers import MINI_STANDARDS, REAL_STANDARDS
from tests.standards_edits import line_of, problems_in, replace

CASE = "standards/cases/bus-operator.yaml"


@pytest.fixture(scope="module")
def shipped() -> Framework:
    return load_framework(REAL_STANDARDS)


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped standards, to corrupt."""
    target = tmp_path / "standards"
    shutil.copytree(REAL_STANDARDS, target)
    return target


def test_the_shipped_cases_load_and_their_keys_cover_both_questionnaires(shipped: Framework) -> None:
    assert list(shipped.cases) == ["bus-operator", "hotel-group", "it-service-desk"]
    full, quick = shipped.questionnaire("full"), shipped.questionnaire("quick")
    assert set(quick.codes) < set(full.codes)
    for case in shipped.cases.values():
        assert list(case.key) == list(full.codes)  # in questionnaire order
        assert set(quick.codes) <= set(case.key)
        assert set(case.evidence) == {e.id for e in shipped.elements}
        assert all(entry.rationale.en and entry.rationale.ja for entry in case.key.values())
        assert case.narrative.ja and case.kpis


def test_the_three_cases_lie_at_clearly_different_levels(shipped: Framework) -> None:
    def mean(case_id: str) -> float:
        levels = [e.level for e in shipped.cases[case_id].key.values() if e.level is not None]
        return sum(levels) / len(levels)

    assert mean("bus-operator") < mean("it-service-desk") < mean("hotel-group")
    assert mean("hotel-group") - mean("bus-operator") > 1


def test_standards_without_a_cases_folder_have_no_cases() -> None:
    assert dict(load_framework(MINI_STANDARDS).cases) == {}


def test_missing_key_item_is_reported_at_the_key(real_copy: Path) -> None:
    path = real_copy / "cases" / "bus-operator.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  E1-02:\n")
    end = text.index("  E1-03:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert problems_in(real_copy) == [f"{CASE}:{line_of(path, 'key:')}: key: missing 1 item(s): E1-02"]


def test_level_out_of_range_names_the_line(real_copy: Path) -> None:
    path = real_copy / "cases" / "bus-operator.yaml"
    replace(path, "  E1-01:\n    level: 1\n", "  E1-01:\n    level: 5\n")
    line = line_of(path, "level: 5")
    assert problems_in(real_copy) == [f"{CASE}:{line}: key.E1-01.level: must be 0-4 or 'na', got 5"]


def test_na_where_the_item_has_none_is_refused(real_copy: Path) -> None:
    path = real_copy / "cases" / "bus-operator.yaml"
    replace(path, "  E1-01:\n    level: 1\n", "  E1-01:\n    level: na\n")
    line = line_of(path, "level: na")
    assert problems_in(real_copy) == [f"{CASE}:{line}: key.E1-01.level: 'na' is not allowed (E1-01 has no N/A)"]


def test_missing_japanese_text_names_the_field(real_copy: Path) -> None:
    path = real_copy / "cases" / "bus-operator.yaml"
    text = path.read_text(encoding="utf-8")
    ja_line = next(line for line in text.splitlines() if line.startswith("      ja: ") and "E1の根拠1・2" in line)
    replace(path, ja_line + "\n", "")
    line = line_of(path, "The formal mission mentions neither")  # where the rationale mapping starts
    assert problems_in(real_copy) == [f"{CASE}:{line}: key.E1-01.rationale: missing field 'ja'"]


def test_unknown_element_in_the_evidence_is_reported(real_copy: Path) -> None:
    path = real_copy / "cases" / "bus-operator.yaml"
    replace(path, "\n  E1:\n", "\n  E10:\n")
    line = line_of(path, "  E10:")
    evidence = line_of(path, "evidence:")
    assert problems_in(real_copy) == [
        f"{CASE}:{line}: evidence: unknown element 'E10'",
        f"{CASE}:{evidence}: evidence: missing element E1",
    ]


def test_the_app_refuses_to_start_on_a_malformed_case(real_copy: Path, tmp_path: Path) -> None:
    replace(real_copy / "cases" / "hotel-group.yaml", "  E1-01:\n    level: ", "  E1-01:\n    level: x")
    with pytest.raises(StandardsError, match=r"standards/cases/hotel-group.yaml:\d+: key.E1-01.level"):
        create_app({"STANDARDS_DIR": real_copy, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


def test_standards_check_and_cases_commands_report_case_problems(real_copy: Path) -> None:
    runner = CliRunner()
    good = runner.invoke(cli, ["standards", "cases", "--dir", str(REAL_STANDARDS)])
    assert good.exit_code == 0, good.output
    assert "bus-operator" in good.output and "quick (18)" in good.output and "ok: 3 case(s)" in good.output
    replace(real_copy / "cases" / "it-service-desk.yaml", "  E1-01:\n    level: 2\n", "  E1-01:\n    level: 7\n")
    for command in ("check", "cases"):
        bad = runner.invoke(cli, ["standards", command, "--dir", str(real_copy)])
        assert bad.exit_code == 1
        assert "standards/cases/it-service-desk.yaml:" in bad.output and "key.E1-01.level" in bad.output
