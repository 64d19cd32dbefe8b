"""A KPI of the organisation's own: defined from what someone entered, checked like the catalogue's."""

from __future__ import annotations

import dataclasses

import pytest

from assessor.domain import Framework
from assessor.scoring.kpidefs import KpiDefinition, define, with_custom_kpis
from assessor.scoring.kpis import KpiValue
from assessor.scoring.watermelon import findings
from assessor.standards import load_framework
from tests.helpers import REAL_STANDARDS

ROOMS = KpiDefinition(code="ROOM_READY", name="Rooms ready at check-in", unit="percent", kind="operational")


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework(REAL_STANDARDS)


def test_a_percentage_takes_the_units_range_and_its_japanese_name_falls_back_to_english(framework: Framework) -> None:
    kpi, problems = define(dataclasses.replace(ROOMS, element_ids=("E4",), min_n=20), framework)
    assert problems == [] and kpi is not None
    assert (kpi.id, kpi.lower, kpi.upper, kpi.kind, kpi.direction) == (
        "ROOM_READY",
        0.0,
        100.0,
        "operational",
        "higher",
    )
    assert (kpi.name.en, kpi.name.ja, kpi.element_ids, kpi.min_n) == (
        "Rooms ready at check-in",
        "Rooms ready at check-in",
        ("E4",),
        20,
    )
    durations, _ = define(dataclasses.replace(ROOMS, code="WAIT", unit="minutes", direction="lower"), framework)
    assert durations is not None and (durations.lower, durations.upper) == (0.0, None)


def test_a_rating_scale_must_give_both_ends_and_a_range_must_not_be_empty(framework: Framework) -> None:
    _, problems = define(dataclasses.replace(ROOMS, unit="scale", lower=1.0), framework)
    assert [(p.code, p.params["field"]) for p in problems] == [("scale_range", "upper")]
    kpi, problems = define(dataclasses.replace(ROOMS, unit="scale", lower=1.0, upper=5.0), framework)
    assert problems == [] and kpi is not None and (kpi.lower, kpi.upper) == (1.0, 5.0)
    _, problems = define(dataclasses.replace(ROOMS, lower=50.0, upper=50.0), framework)
    assert [p.code for p in problems] == ["empty_range"]
    _, problems = define(dataclasses.replace(ROOMS, upper=float("nan")), framework)
    assert [p.code for p in problems] == ["not_a_number"]


@pytest.mark.parametrize(
    ("change", "taken", "expected"),
    [
        ({"code": "NPS"}, (), [("catalogue_code", "code")]),
        ({"code": "ROOM_READY"}, ("ROOM_READY",), [("code_taken", "code")]),
        ({"code": "room ready"}, (), [("bad_code", "code")]),
        ({"code": "R"}, (), [("bad_code", "code")]),
        ({"name": "  "}, (), [("name_missing", "name")]),
        ({"unit": "furlongs", "kind": "mood"}, (), [("bad_choice", "unit"), ("bad_choice", "kind")]),
        (
            {"element_ids": ("E4", "E99"), "pyramid_level_ids": ("L5",)},
            (),
            [("unknown_element", "elements"), ("unknown_level", "pyramid_levels")],
        ),
        ({"min_n": 0}, (), [("bad_min_n", "min_n")]),
    ],
)
def test_every_problem_of_a_definition_names_its_field(
    framework: Framework, change: dict[str, object], taken: tuple[str, ...], expected: list[tuple[str, str]]
) -> None:
    kpi, problems = define(dataclasses.replace(ROOMS, **change), framework, taken)  # type: ignore[arg-type]
    assert kpi is None
    assert [(p.code, p.params["field"]) for p in problems] == expected


def test_a_custom_kpi_takes_part_in_the_watermelon_check(framework: Framework) -> None:
    rooms, _ = define(dataclasses.replace(ROOMS, element_ids=("E4",)), framework)
    assert rooms is not None
    extended = with_custom_kpis(framework, [rooms])
    assert extended.kpi("ROOM_READY") is rooms and len(extended.kpis) == len(framework.kpis) + 1
    nps = framework.kpi("NPS")
    # Own operational KPI on target (97 % >= 95 %) while NPS misses its target: a watermelon.
    found = findings([KpiValue(rooms, 97.0, n=400, target=95.0), KpiValue(nps, -12.0, n=300, target=20.0)], None)
    assert [(f.kind, [v.kpi.id for v in f.green], [v.kpi.id for v in f.red]) for f in found] == [
        ("watermelon", ["ROOM_READY"], ["NPS"])
    ]
    # At exactly its target it still counts as on target; below it there is no green side.
    assert findings([KpiValue(rooms, 95.0, n=400, target=95.0), KpiValue(nps, -12.0, n=300, target=20.0)], None)
    assert not findings([KpiValue(rooms, 94.9, n=400, target=95.0), KpiValue(nps, -12.0, n=300, target=20.0)], None)


def test_the_catalogue_wins_when_it_later_takes_a_custom_code(framework: Framework) -> None:
    own, _ = define(ROOMS, framework)
    assert own is not None
    clash = dataclasses.replace(own, id="CSAT")
    assert with_custom_kpis(framework, [clash]) is framework
