"""Answer counts: what the scoring engine needs of the answers, without the answers themselves (pure).

Every statistic the engine reports is a function of a few counts per group of respondents
(segment): how many respondents, how many rated each item at each level, who marked it N/A
and why, and how many rated at least one item of each roll-up.  A database can return these
with ``GROUP BY`` queries (:mod:`assessor.assessments.aggregates`) instead of every answer;
:func:`count_answers` builds the same counts from individual answers, so both paths feed
:func:`assessor.scoring.engine.score_counts` and give the same result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from assessor.scoring.layout import Layout
from assessor.scoring.model import AssessmentInput, Consensus, RespondentAnswers
from assessor.scoring.result import NotApplicableNote
from assessor.scoring.validation import ScoringInputError


def _empty_consensus() -> Mapping[str, Consensus]:
    return MappingProxyType({})


def _empty_targets() -> Mapping[str, float]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class GroupCounts:
    """The counts of one group of respondents (one segment, or those who gave none)."""

    respondents: int
    levels: Mapping[str, tuple[int, ...]]
    """Per item code: how many rated it at each scale point, lowest first (an item nobody rated may be missing)."""
    not_applicable: Mapping[str, tuple[NotApplicableNote, ...]]
    """Per item code: who marked it N/A and why (an item nobody marked may be missing)."""
    reach: Mapping[frozenset[str], int]
    """Per set of item codes (each roll-up's): respondents who rated at least one of them."""

    def __post_init__(self) -> None:
        """Freeze the mappings."""
        object.__setattr__(self, "levels", MappingProxyType({k: tuple(v) for k, v in self.levels.items()}))
        object.__setattr__(
            self, "not_applicable", MappingProxyType({k: tuple(v) for k, v in self.not_applicable.items()})
        )
        object.__setattr__(self, "reach", MappingProxyType(dict(self.reach)))

    def na_count(self, code: str) -> int:
        """How many respondents of the group marked ``code`` N/A."""
        return len(self.not_applicable.get(code, ()))


@dataclass(frozen=True, slots=True)
class AnswerCounts:
    """Everything the scoring core needs about one assessment, with the answers as counts per group."""

    questionnaire_id: str
    questionnaire_version: str
    groups: Mapping[str | None, GroupCounts]
    consensus: Mapping[str, Consensus] = field(default_factory=_empty_consensus)
    targets: Mapping[str, float] = field(default_factory=_empty_targets)
    organisation: str | None = None
    assessed_on: str | None = None

    def __post_init__(self) -> None:
        """Freeze the mappings."""
        object.__setattr__(self, "groups", MappingProxyType(dict(self.groups)))
        object.__setattr__(self, "consensus", MappingProxyType(dict(self.consensus)))
        object.__setattr__(self, "targets", MappingProxyType(dict(self.targets)))

    @property
    def respondents(self) -> int:
        """Respondents in all groups."""
        return sum(group.respondents for group in self.groups.values())


def code_sets(layout: Layout) -> tuple[frozenset[str], ...]:
    """The distinct non-empty item sets of the layout's roll-ups: the keys :attr:`GroupCounts.reach` needs."""
    return tuple(dict.fromkeys(spec.codes for spec in layout.specs if spec.codes))


def reach_of(patterns: Mapping[frozenset[str], int], sets: Iterable[frozenset[str]]) -> dict[frozenset[str], int]:
    """For each item set, how many respondents rated at least one of its items, from the rated-item
    sets of the respondents (``patterns``: each distinct set and how many respondents have it)."""
    return {codes: sum(n for pattern, n in patterns.items() if not pattern.isdisjoint(codes)) for codes in sets}


def _group_counts(layout: Layout, group: list[RespondentAnswers], sets: tuple[frozenset[str], ...]) -> GroupCounts:
    width = layout.maximum - layout.minimum + 1
    levels: dict[str, list[int]] = {}
    notes: dict[str, list[NotApplicableNote]] = {}
    for respondent in group:
        for code, level in respondent.levels.items():
            levels.setdefault(code, [0] * width)[level - layout.minimum] += 1
        for code, reason in respondent.not_applicable.items():
            notes.setdefault(code, []).append(NotApplicableNote(respondent.respondent_id, reason))
    patterns = Counter(frozenset(r.levels) for r in group)
    return GroupCounts(
        len(group),
        {code: tuple(counts) for code, counts in levels.items()},
        {code: tuple(found) for code, found in notes.items()},
        reach_of(patterns, sets),
    )


def count_answers(answers: AssessmentInput, layout: Layout) -> AnswerCounts:
    """Count individual answers per segment (levels must be on the layout's scale: check the input first)."""
    grouped: dict[str | None, list[RespondentAnswers]] = {}
    for respondent in answers.respondents:
        grouped.setdefault(respondent.segment, []).append(respondent)
    sets = code_sets(layout)
    return AnswerCounts(
        questionnaire_id=answers.questionnaire_id,
        questionnaire_version=answers.questionnaire_version,
        groups={segment: _group_counts(layout, group, sets) for segment, group in grouped.items()},
        consensus=answers.consensus,
        targets=answers.targets,
        organisation=answers.organisation,
        assessed_on=answers.assessed_on,
    )


def count_problems(layout: Layout, counts: AnswerCounts) -> list[str]:
    """Every way ``counts`` does not fit the layout (or itself), as sentences; empty when it fits."""
    width = layout.maximum - layout.minimum + 1
    known = {item.code for item in layout.items}
    na_allowed = {item.code for item in layout.items if item.allow_na}
    needed = code_sets(layout)
    problems: list[str] = []
    for segment, group in counts.groups.items():
        where = f"segment {segment!r}"
        if group.respondents < 0:
            problems.append(f"{where}: negative respondent count")
        for code, row in group.levels.items():
            if code not in known:
                problems.append(f"{where}: unknown item {code!r}")
            if len(row) != width or any(n < 0 for n in row):
                problems.append(f"{where}, item {code}: need {width} non-negative counts, one per scale point")
            elif sum(row) + group.na_count(code) > group.respondents:
                problems.append(f"{where}, item {code}: more answers than respondents")
        for code in group.not_applicable:
            if code not in known:
                problems.append(f"{where}: N/A on unknown item {code!r}")
            elif code not in na_allowed:
                problems.append(f"{where}, item {code}: N/A is not allowed on this item")
        for codes in needed:
            reached = group.reach.get(codes)
            if reached is None:
                problems.append(f"{where}: no reach count for roll-up items {', '.join(sorted(codes))}")
            elif not 0 <= reached <= group.respondents:
                problems.append(f"{where}: reach count {reached} outside 0..{group.respondents}")
    return problems


def check_counts(layout: Layout, counts: AnswerCounts) -> None:
    """Raise :class:`ScoringInputError` listing every problem of :func:`count_problems`."""
    problems = count_problems(layout, counts)
    if problems:
        raise ScoringInputError(problems)
