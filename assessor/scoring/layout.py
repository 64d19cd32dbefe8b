"""Which items belong to which roll-up, worked out once per questionnaire."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assessor.domain import Entry, Framework, Item, Questionnaire, Text
from assessor.scoring.agreement import uniform_null_variance
from assessor.scoring.result import RollUpKind

OVERALL_ID = "overall"
"""Id of the single overall roll-up."""
OVERALL_NAME = Text("Overall", "総合")
"""Display name of the overall roll-up."""


@dataclass(frozen=True, slots=True)
class RollUpSpec:
    """One roll-up: its identity and the indices of its items in questionnaire order."""

    kind: RollUpKind
    id: str
    name: Text
    indices: tuple[int, ...]
    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Layout:
    """The questionnaire's items, their dimensions and every roll-up's members."""

    items: tuple[Item, ...]
    dimension_ids: tuple[str, ...]
    specs: tuple[RollUpSpec, ...]
    minimum: int
    maximum: int
    null_variance: float
    """sigma^2_EU for the scale's A options."""


def _item_keys(item: Item, dimension_id: str) -> list[tuple[RollUpKind, str]]:
    keys: list[tuple[RollUpKind, str]] = [
        ("dimension", dimension_id),
        ("element", item.element_id),
        ("pyramid_level", item.pyramid_level_id),
    ]
    keys += [("principle", p) for p in item.principle_ids]
    keys += [("design_principle", p) for p in item.design_principle_ids]
    keys += [("design_activity", a) for a in item.design_activity_ids]
    return keys


def build_layout(framework: Framework, questionnaire: Questionnaire) -> Layout:
    """Group the questionnaire's items into every roll-up the framework defines.

    Every framework entry gets a roll-up, even one without items in this
    questionnaire (it is then reported as "no evidence").

    :raise ValueError: if the scale is not contiguous or an item refers to an
        id the framework does not define.
    """
    values = [level.value for level in framework.scale.levels]
    if values != list(range(values[0], values[0] + len(values))) or len(values) < 2:
        raise ValueError(f"scale {framework.scale.id} must be contiguous integers")
    element_dimension = {e.id: e.dimension_id for e in framework.elements}
    members: dict[tuple[RollUpKind, str], list[int]] = {}
    dimension_ids: list[str] = []
    for index, item in enumerate(questionnaire.items):
        if item.element_id not in element_dimension:
            raise ValueError(f"item {item.code}: unknown element {item.element_id!r}")
        dimension_ids.append(element_dimension[item.element_id])
        for key in _item_keys(item, dimension_ids[-1]):
            members.setdefault(key, []).append(index)
    pyramid = sorted(framework.pyramid_levels, key=lambda level: level.rank)
    groups: list[tuple[RollUpKind, Sequence[Entry]]] = [
        ("dimension", framework.dimensions),
        ("element", framework.elements),
        ("pyramid_level", pyramid),
        ("principle", framework.principles),
        ("design_principle", framework.design_principles),
        ("design_activity", framework.design_activities),
    ]
    defined = {(kind, entry.id) for kind, entries in groups for entry in entries}
    undefined = sorted(members.keys() - defined)
    if undefined:
        raise ValueError(
            "items refer to ids the framework does not define: "
            + ", ".join(f"{kind} {entry_id}" for kind, entry_id in undefined)
        )
    items = questionnaire.items
    everything = tuple(range(len(items)))
    specs = [
        RollUpSpec(
            "overall",
            OVERALL_ID,
            OVERALL_NAME,
            everything,
            frozenset(questionnaire.codes),
        )
    ]
    for kind, entries in groups:
        for entry in entries:
            indices = tuple(members.get((kind, entry.id), ()))
            codes = frozenset(items[i].code for i in indices)
            specs.append(RollUpSpec(kind, entry.id, entry.name, indices, codes))
    return Layout(
        items=items,
        dimension_ids=tuple(dimension_ids),
        specs=tuple(specs),
        minimum=values[0],
        maximum=values[-1],
        null_variance=uniform_null_variance(len(values)),
    )
