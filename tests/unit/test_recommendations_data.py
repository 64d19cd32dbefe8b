"""The recommendations library (KPIs and improvement actions) loads and is validated like the standards."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessor.standards import action_matrix, load_framework
from tests.helpers import MINI_STANDARDS, REAL_STANDARDS
from tests.standards_edits import line_of, problems_in, replace

E1 = "standards/recommendations/E1.yaml"


def test_mini_library_loads_into_frozen_actions_and_kpis() -> None:
    fw = load_framework(MINI_STANDARDS)
    assert [k.id for k in fw.kpis] == ["CSAT", "FCR"]
    assert len(fw.actions) == 27
    action = fw.action("R-E1-02")
    assert action.element_id == "E1" and action.pyramid_level_id == "L2"
    assert action.bands == ("initial", "developing")
    assert (action.effort, action.impact) == (3, 4)
    assert action.prerequisite_ids == ("R-E1-01",) and action.kpi_ids == ("FCR",)
    assert action.title.ja == "要素E1の取り組みを測定し見直す"
    assert fw.kpi("FCR").formula.en.startswith("Contacts resolved at the first contact")
    assert fw.versions["kpis"] == "1"
    fcr = fw.kpi("FCR")
    assert (fcr.unit, fcr.direction, fcr.kind, fcr.lower, fcr.upper) == ("percent", "higher", "operational", 0, 100)
    assert fcr.element_ids == ("E8",) and fcr.pyramid_level_ids == ("L1", "L2") and fcr.variants == ("gross", "net")
    assert fw.kpi("CSAT").kind == "customer" and fw.kpi("CSAT").min_n == 30
    assert action_matrix(fw)["E1"] == {
        "not_in_place": 1,
        "initial": 2,
        "developing": 2,
        "established": 1,
        "leading": 1,
    }
    with pytest.raises(AttributeError):
        action.effort = 1  # type: ignore[misc]


def test_shipped_library_is_valid() -> None:
    fw = load_framework(REAL_STANDARDS)
    assert fw.actions, "standards/recommendations holds no actions"
    for element in fw.elements:
        mine = [a for a in fw.actions if a.element_id == element.id]
        assert len(mine) >= 3
        assert len({band for a in mine for band in a.bands}) >= 2


def test_without_a_recommendations_folder_no_actions_are_loaded(mini_copy: Path) -> None:
    shutil.rmtree(mini_copy / "recommendations")
    fw = load_framework(mini_copy)
    assert fw.actions == () and fw.kpis == ()
    assert "kpis" not in fw.versions


def test_unknown_kpi_names_file_and_line(mini_copy: Path) -> None:
    path = mini_copy / "recommendations" / "E1.yaml"
    replace(path, "kpis: [FCR]", "kpis: [FCR, NPS]")
    (problem,) = problems_in(mini_copy)
    assert problem == f"{E1}:{line_of(path, 'kpis: [FCR, NPS]')}: action R-E1-02: unknown KPI 'NPS' (not in kpis.yaml)"


def test_unknown_prerequisite_names_file_and_line(mini_copy: Path) -> None:
    path = mini_copy / "recommendations" / "E1.yaml"
    replace(path, "prerequisites: [R-E1-01]", "prerequisites: [R-E1-01, R-E7-99]")
    (problem,) = problems_in(mini_copy)
    line = line_of(path, "R-E7-99")
    assert problem == f"{E1}:{line}: action R-E1-02: unknown prerequisite 'R-E7-99'"


def test_prerequisite_cycle_is_reported_once_with_its_path(mini_copy: Path) -> None:
    # R-E1-03 needs R-E1-02, which needs R-E1-01; make R-E1-01 need R-E1-03.
    path = mini_copy / "recommendations" / "E1.yaml"
    replace(path, "prerequisites: []", "prerequisites: [R-E1-03]")
    (problem,) = problems_in(mini_copy)
    # Reported at the prerequisite entry that closes the cycle (R-E1-02 -> R-E1-01).
    line = line_of(path, "prerequisites: [R-E1-01]")
    assert problem == f"{E1}:{line}: action R-E1-02: prerequisite cycle R-E1-01 -> R-E1-03 -> R-E1-02 -> R-E1-01"


def test_an_action_that_needs_itself_is_a_cycle(mini_copy: Path) -> None:
    path = mini_copy / "recommendations" / "E2.yaml"
    replace(path, "prerequisites: [R-E2-01]", "prerequisites: [R-E2-02]")
    (problem,) = problems_in(mini_copy)
    line = line_of(path, "prerequisites: [R-E2-02]")
    assert problem == (
        f"standards/recommendations/E2.yaml:{line}: action R-E2-02: prerequisite cycle R-E2-02 -> R-E2-02"
    )


def test_missing_japanese_names_file_and_line(mini_copy: Path) -> None:
    path = mini_copy / "recommendations" / "E1.yaml"
    replace(path, ', ja: "要素E1の取り組みを測定し見直す"}', "}")
    (problem,) = problems_in(mini_copy)
    line = line_of(path, 'title: {en: "Measure and review the practice of element E1"}')
    assert problem == f"{E1}:{line}: actions.1.title.ja: missing Japanese (ja) text"


def test_bad_band_names_file_and_line(mini_copy: Path) -> None:
    path = mini_copy / "recommendations" / "E1.yaml"
    replace(path, "bands: [initial, developing]", "bands: [initial, excellent]")
    (problem,) = problems_in(mini_copy)
    line = line_of(path, "bands: [initial, excellent]")
    assert problem.startswith(f"{E1}:{line}: action R-E1-02: unknown band 'excellent' (use not_in_place, initial")


def test_unknown_element_level_and_activity_are_named(mini_copy: Path) -> None:
    path = mini_copy / "recommendations" / "E3.yaml"
    replace(path, "    pyramid_level: L2\n", "    pyramid_level: L7\n")
    replace(path, "design_activities: [DA4]", "design_activities: [DA9]")
    problems = problems_in(mini_copy)
    assert f"standards/recommendations/E3.yaml:{line_of(path, 'pyramid_level: L7')}: " in "\n".join(problems)
    assert any("action R-E3-01: unknown design activity 'DA9'" in p for p in problems)
    assert any("action R-E3-02: unknown pyramid_level 'L7'" in p for p in problems)


def test_duplicate_action_id_points_at_the_first(mini_copy: Path) -> None:
    path = mini_copy / "recommendations" / "E4.yaml"
    replace(path, "  - id: R-E4-03", "  - id: R-E4-02")
    problems = problems_in(mini_copy)
    first = line_of(path, "id: R-E4-02")
    assert any(
        p.startswith("standards/recommendations/E4.yaml:")
        and f"duplicate action id R-E4-02 (first in standards/recommendations/E4.yaml:{first})" in p
        for p in problems
    )


def test_too_few_actions_or_bands_per_element(mini_copy: Path) -> None:
    folder = mini_copy / "recommendations"
    text = (folder / "E5.yaml").read_text(encoding="utf-8")
    (folder / "E5.yaml").write_text(text[: text.index("  - id: R-E5-03")], encoding="utf-8")
    for band in ("not_in_place, initial", "initial, developing", "developing, established, leading"):
        replace(folder / "E6.yaml", f"bands: [{band}]", "bands: [initial]")
    problems = problems_in(mini_copy)
    assert any("element E5 has 2 action(s); at least 3 required" in p for p in problems)
    assert any("element E6: actions cover 1 band(s); at least 2 required" in p for p in problems)


def test_effort_out_of_range_is_a_schema_error(mini_copy: Path) -> None:
    path = mini_copy / "recommendations" / "E1.yaml"
    replace(path, "effort: 3", "effort: 9")
    (problem,) = problems_in(mini_copy)
    assert problem.startswith(f"{E1}:{line_of(path, 'effort: 9')}: actions.1.effort:")


def test_standards_check_prints_actions_per_element_and_band() -> None:
    from click.testing import CliRunner

    from assessor.cli.main import cli

    result = CliRunner().invoke(cli, ["standards", "check", "--dir", str(MINI_STANDARDS)])
    assert result.exit_code == 0, result.output
    assert "recommendations: 27 actions, 2 KPIs" in result.output
    lines = result.output.splitlines()
    header = lines[lines.index("recommendations: 27 actions, 2 KPIs; actions per band:") + 1]
    assert header.split() == ["element", "not_in_place", "initial", "developing", "established", "leading", "actions"]
    assert "  E1                  1             2             2             1             1        3" in result.output


def test_shipped_kpis_pair_customer_and_operational_evidence() -> None:
    """The watermelon check needs both kinds; every KPI says which way is better and what it evidences."""
    fw = load_framework(REAL_STANDARDS)
    kinds = {k.id: k.kind for k in fw.kpis}
    assert {"CSAT", "NPS", "CES", "COMPLAINTS"} <= {i for i, kind in kinds.items() if kind == "customer"}
    assert {"SLA", "FCR", "MTTR", "FRT"} <= {i for i, kind in kinds.items() if kind == "operational"}
    assert fw.kpi("NPS").lower == -100 and fw.kpi("NPS").unit == "points"
    assert fw.kpi("MTTR").direction == "lower" and fw.kpi("MTTR").upper is None
    assert fw.kpi("MTTR").variants == ("respond", "restore", "resolve")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("elements: [E8]", "elements: [E8, E42]", "KPI FCR: unknown element 'E42'"),
        (
            "pyramid_levels: [L1, L2]\n    variants",
            "pyramid_levels: [L1, L9]\n    variants",
            "KPI FCR: unknown pyramid level 'L9'",
        ),
        ("variants: [gross, net]", "variants: [gross, gross]", "KPI FCR: variants repeats a value"),
        (
            "range: [0, 100]\n    elements: [E8]",
            "range: [100, 0]\n    elements: [E8]",
            "KPI FCR: the range [100.0, 0.0] is empty",
        ),
    ],
)
def test_a_wrong_kpi_field_names_file_and_line(mini_copy: Path, old: str, new: str, message: str) -> None:
    path = mini_copy / "recommendations" / "kpis.yaml"
    replace(path, old, new)
    (problem,) = problems_in(mini_copy)
    assert problem == f"standards/recommendations/kpis.yaml:{line_of(path, new.splitlines()[0])}: {message}"


def test_a_kpi_without_a_kind_is_refused(mini_copy: Path) -> None:
    path = mini_copy / "recommendations" / "kpis.yaml"
    replace(path, "    kind: operational\n", "")
    (problem,) = problems_in(mini_copy)
    assert "kind" in problem and problem.startswith("standards/recommendations/kpis.yaml:")
