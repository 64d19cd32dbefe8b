"""Loading and validating the standards data: valid files load, broken ones are named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.domain import Framework
from assessor.standards import coverage_matrix, load_framework
from tests.helpers import MINI_STANDARDS
from tests.standards_edits import line_of, problems_in, replace


def test_mini_standards_load_into_immutable_objects() -> None:
    fw = load_framework(MINI_STANDARDS)
    assert isinstance(fw, Framework)
    assert [d.id for d in fw.dimensions] == ["A", "B", "C", "D"]
    assert fw.dimension("A").element_ids == ("E1", "E2")
    assert len(fw.principles) == 7 and len(fw.elements) == 9
    assert [lvl.outcome for lvl in fw.pyramid_levels] == ["satisfaction"] * 2 + ["delight"] * 2
    q = fw.questionnaire("mini", "1")
    item = q.item("E8-01")
    assert item.weight == 2.0 and item.element_id == "E8" and item.pyramid_level_id == "L4"
    assert item.level_descriptions[3].ja == "定着8"
    assert fw.versions["iso-23592"] == "2021.1"
    with pytest.raises(AttributeError):
        item.weight = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        fw.questionnaires["x"] = q  # type: ignore[index]


def test_unknown_questionnaire_version_is_a_key_error() -> None:
    fw = load_framework(MINI_STANDARDS)
    with pytest.raises(KeyError):
        fw.questionnaire("mini", "2")


def test_bad_yaml_names_file_and_line(mini_copy: Path) -> None:
    bank = mini_copy / "items" / "bank.yaml"
    line = line_of(bank, "code: E3-01")
    replace(bank, "    element: E3\n", "    element: [E3\n")
    problems = problems_in(mini_copy)
    assert len(problems) == 1
    assert problems[0].startswith("standards/items/bank.yaml:")
    assert "invalid YAML" in problems[0]
    reported = int(problems[0].split(":")[1])
    assert line <= reported <= line + 3


def test_duplicate_yaml_key_is_rejected(mini_copy: Path) -> None:
    scale = mini_copy / "maturity_scale.yaml"
    replace(scale, "id: maturity-scale\n", "id: maturity-scale\nid: again\n")
    (problem,) = problems_in(mini_copy)
    assert problem.startswith("standards/maturity_scale.yaml:3:")
    assert "duplicate key 'id' (first given on line 2)" in problem


def test_missing_translation_names_field_and_line(mini_copy: Path) -> None:
    bank = mini_copy / "items" / "bank.yaml"
    replace(bank, 'question: {en: "Test question 4", ja: "テスト質問4"}', 'question: {en: "Test question 4"}')
    line = line_of(bank, 'question: {en: "Test question 4"}')
    (problem,) = problems_in(mini_copy)
    assert problem == f"standards/items/bank.yaml:{line}: items.3.question.ja: missing Japanese (ja) text"


def test_empty_translation_is_rejected(mini_copy: Path) -> None:
    iso = mini_copy / "iso_23592.yaml"
    replace(iso, 'name: {en: "Use of technology", ja: "技術の活用"}', 'name: {en: "Use of technology", ja: "  "}')
    line = line_of(iso, 'name: {en: "Use of technology", ja: "  "}')
    (problem,) = problems_in(mini_copy)
    assert problem == f"standards/iso_23592.yaml:{line}: principles.5.name.ja: must not be empty"


def test_unknown_mapping_id_is_rejected(mini_copy: Path) -> None:
    bank = mini_copy / "items" / "bank.yaml"
    replace(bank, "design_activities: [DA5]", "design_activities: [DA99]")
    line = line_of(bank, "design_activities: [DA99]")
    problems = problems_in(mini_copy)
    assert problems == [f"standards/items/bank.yaml:{line}: item E5-01: unknown design activity 'DA99'"]


def test_unknown_element_is_rejected(mini_copy: Path) -> None:
    bank = mini_copy / "items" / "bank.yaml"
    replace(bank, "element: E2\n", "element: E12\n")
    line = line_of(bank, "element: E12")
    problems = problems_in(mini_copy)
    assert f"standards/items/bank.yaml:{line}: item E2-01: unknown element 'E12'" in problems


def test_element_pointing_at_unknown_dimension(mini_copy: Path) -> None:
    iso = mini_copy / "iso_23592.yaml"
    replace(iso, "dimension: D\n", "dimension: X\n")
    line = line_of(iso, "dimension: X")
    problems = problems_in(mini_copy)
    assert problems[0] == f"standards/iso_23592.yaml:{line}: element E8 points at unknown dimension 'X'"


def test_duplicate_item_code_names_both_places(mini_copy: Path) -> None:
    bank = mini_copy / "items" / "bank.yaml"
    first = line_of(bank, "code: E2-01")
    replace(bank, "code: E3-01", "code: E2-01")
    second = line_of(bank, "code: E2-01", occurrence=2)
    problems = problems_in(mini_copy)
    assert (
        f"standards/items/bank.yaml:{second}: duplicate item code E2-01 (first in standards/items/bank.yaml:{first})"
    ) in problems


def test_duplicate_item_code_across_files(mini_copy: Path) -> None:
    bank = mini_copy / "items" / "bank.yaml"
    text = bank.read_text(encoding="utf-8")
    start = text.index("  - code: E1-01")
    end = text.index("  - code: E2-01")
    (mini_copy / "items" / "extra.yaml").write_text("items:\n" + text[start:end], encoding="utf-8")
    problems = problems_in(mini_copy)
    assert problems == [
        "standards/items/extra.yaml:2: duplicate item code E1-01 (first in standards/items/bank.yaml:3)"
    ]


def test_coverage_hole_is_reported_on_the_rule(mini_copy: Path) -> None:
    q = mini_copy / "questionnaires" / "mini.yaml"
    replace(q, "pyramid_level: 2", "pyramid_level: 3")
    line = line_of(q, "pyramid_level: 3")
    problems = problems_in(mini_copy)
    # 9 items over 4 levels: L1 has 3 (E1, E5, E9), L2-L4 have 2 each.
    assert problems == [
        f"standards/questionnaires/mini.yaml:{line}: coverage hole: pyramid level {lvl} has 2 item(s), "
        "at least 3 required"
        for lvl in ("L2", "L3", "L4")
    ]


def test_questionnaire_referencing_unknown_item(mini_copy: Path) -> None:
    q = mini_copy / "questionnaires" / "mini.yaml"
    replace(q, "E9-01]", "E9-01, E9-77]")
    problems = problems_in(mini_copy)
    assert any("unknown item code E9-77 (not in the item bank)" in p for p in problems)


def test_levels_must_match_the_scale(mini_copy: Path) -> None:
    bank = mini_copy / "items" / "bank.yaml"
    replace(bank, '      4: {en: "leading 6", ja: "先進6"}\n', "")
    problems = problems_in(mini_copy)
    assert any(
        "item E6-01: levels must describe exactly the scale values [0, 1, 2, 3, 4], got [0, 1, 2, 3]" in p
        for p in problems
    )


def test_wrong_types_and_unknown_fields(mini_copy: Path) -> None:
    bank = mini_copy / "items" / "bank.yaml"
    replace(bank, "allow_na: false", 'allow_na: "no"')
    replace(bank, "weight: 1\n", "weight: 1\n    colour: red\n")
    problems = problems_in(mini_copy)
    assert any(p.endswith("items.0.allow_na: Input should be a valid boolean") for p in problems)
    assert any(p.endswith("items.0.colour: unknown field") for p in problems)


def test_missing_file_is_reported(mini_copy: Path) -> None:
    (mini_copy / "service_excellence_pyramid.yaml").unlink()
    assert "standards/service_excellence_pyramid.yaml:0: file is missing" in problems_in(mini_copy)


def test_every_problem_is_collected_not_only_the_first(mini_copy: Path) -> None:
    bank = mini_copy / "items" / "bank.yaml"
    replace(bank, "pyramid_level: L2", "pyramid_level: L9")
    replace(bank, "principles: [P3]", "principles: [P0]")
    problems = problems_in(mini_copy)
    assert any("unknown pyramid_level 'L9'" in p for p in problems)
    assert any("unknown principle 'P0'" in p for p in problems)


def test_coverage_matrix_counts_every_mapping() -> None:
    fw = load_framework(MINI_STANDARDS)
    matrix = coverage_matrix(fw, fw.questionnaire("mini"))
    assert matrix["element"] == {f"E{n}": 1 for n in range(1, 10)}
    assert matrix["pyramid_level"] == {"L1": 3, "L2": 2, "L3": 2, "L4": 2}
    assert matrix["design_activity"]["DA8"] == 1
    assert sum(matrix["principle"].values()) == 9
