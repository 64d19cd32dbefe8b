"""The worked example of the reference page: made-up answers to real items, scored by the real core (pure).

The page computes the example when it is drawn (:func:`worked_example`), so every number it prints
comes from :func:`assessor.scoring.score` and can never disagree with the code.  The answers are
chosen to show each rule once: a median of three ratings, a median of two (an N/A left out, giving
a half level), a consensus that overrides the team's median, an item nobody answered (it lowers
coverage, never the score), weights 1 and 2, and a pyramid with a strong level above a weak one
(not yet counted).

Imports only the standard library, the domain and the scoring core.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assessor.domain import Framework, Item, Questionnaire, Text
from assessor.scoring import AssessmentInput, Consensus, RespondentAnswers, RollUp, ScoringResult, score

NA = None
"""An N/A answer in :data:`EXAMPLE_ANSWERS`."""

EXAMPLE_RESPONDENTS: tuple[str, ...] = ("R1", "R2", "R3")
EXAMPLE_ANSWERS: Mapping[str, tuple[int | None, ...] | None] = {
    "E5-03": (3, 4, 3),
    "E5-01": (1, 2, 4),
    "E5-06": (NA, 3, 4),
    "E6-03": (4, 3, 4),
    "E6-04": (2, 3, 2),
    "E6-01": (4, 4, 2),
    "E6-08": None,
}
"""Item code -> the level each of R1, R2 and R3 gave (``NA``: not applicable); ``None``: nobody answered.

Real items of the bank (dimension C, elements E5 and E6): their weights, pyramid levels and N/A
rules come from ``standards/items/``.
"""
EXAMPLE_CONSENSUS: Mapping[str, Consensus] = {
    "E6-01": Consensus(3, "Agreed in the workshop: not every unit uses the journey map yet."),
}
EXAMPLE_NA_REASON = "No customer data we may use for this."
EXAMPLE_ID = "worked-example"


@dataclass(frozen=True, slots=True)
class ExampleItem:
    """One item of the example: what each respondent answered (``None`` for N/A, absent when unanswered)."""

    item: Item
    answers: tuple[int | None, ...] | None
    consensus: Consensus | None


@dataclass(frozen=True, slots=True)
class WorkedExample:
    """The example's questionnaire, answers and the scoring core's result for them."""

    questionnaire: Questionnaire
    answers: AssessmentInput
    items: tuple[ExampleItem, ...]
    result: ScoringResult
    rollups: tuple[RollUp, ...]
    """The elements of the example's items, then their dimensions (framework order)."""
    respondents: tuple[str, ...] = EXAMPLE_RESPONDENTS

    @property
    def dimension_ids(self) -> tuple[str, ...]:
        """The dimensions the example's items belong to."""
        return tuple(r.id for r in self.rollups if r.kind == "dimension")


def _bank(framework: Framework) -> dict[str, Item]:
    """Every item of the installed questionnaires, by code (the bank's items keep their code everywhere)."""
    return {item.code: item for q in framework.questionnaires.values() for item in q.items}


def example_input(framework: Framework) -> tuple[Questionnaire, AssessmentInput]:
    """The example's questionnaire (the items of :data:`EXAMPLE_ANSWERS`, in that order) and its answers.

    :raise KeyError: if an example item is not in any installed questionnaire.
    """
    bank = _bank(framework)
    items = tuple(bank[code] for code in EXAMPLE_ANSWERS)
    questionnaire = Questionnaire(
        id=EXAMPLE_ID,
        version="1",
        title=Text("Worked example", "計算例"),
        description=Text("", ""),
        estimated_minutes=5,
        items=items,
    )
    respondents = []
    for index, name in enumerate(EXAMPLE_RESPONDENTS):
        levels: dict[str, int] = {}
        not_applicable: dict[str, str] = {}
        for code, given in EXAMPLE_ANSWERS.items():
            if given is None:
                continue
            level = given[index]
            if level is None:
                not_applicable[code] = EXAMPLE_NA_REASON
            else:
                levels[code] = level
        respondents.append(RespondentAnswers(name, None, levels, not_applicable))
    answers = AssessmentInput(EXAMPLE_ID, "1", tuple(respondents), consensus=EXAMPLE_CONSENSUS)
    return questionnaire, answers


def worked_example(framework: Framework) -> WorkedExample | None:
    """Score the example with the real core; ``None`` when the installed item bank lacks its items
    (a deployment's own bank, or the tests' small one): the page then shows the rules without it."""
    if not EXAMPLE_ANSWERS.keys() <= _bank(framework).keys():
        return None
    questionnaire, answers = example_input(framework)
    result = score(framework, questionnaire, answers)
    items = tuple(
        ExampleItem(item, EXAMPLE_ANSWERS[item.code], EXAMPLE_CONSENSUS.get(item.code)) for item in questionnaire.items
    )
    element_ids = {item.element_id for item in questionnaire.items}
    elements = [e for e in framework.elements if e.id in element_ids]
    dimension_ids = {e.dimension_id for e in elements}
    rollups = [result.rollup("element", e.id) for e in elements] + [
        result.rollup("dimension", d.id) for d in framework.dimensions if d.id in dimension_ids
    ]
    return WorkedExample(questionnaire, answers, items, result, tuple(rollups))
