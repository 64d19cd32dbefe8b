"""Input data for the scoring core: one assessment's answers, consensus and targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def _empty_text_map() -> Mapping[str, str]:
    return MappingProxyType({})


def _empty_consensus() -> Mapping[str, Consensus]:
    return MappingProxyType({})


def _empty_targets() -> Mapping[str, float]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class RespondentAnswers:
    """One respondent's answers, keyed by item code.

    ``levels`` holds the items the respondent rated (an integer on the scale);
    ``not_applicable`` holds the items the respondent marked N/A, each with the
    reason given.  An item in neither mapping is unanswered by this respondent.
    ``segment`` is a free label such as ``"leadership"`` or ``"front-line"``.
    """

    respondent_id: str
    segment: str | None
    levels: Mapping[str, int]
    not_applicable: Mapping[str, str] = field(default_factory=_empty_text_map)
    comment: str | None = None
    item_comments: Mapping[str, str] = field(default_factory=_empty_text_map)
    on_paper: bool = False
    """True when the facilitator entered these answers from a paper form (scored like any other)."""
    imported: bool = False
    """True when these answers were imported from a file (offline template, Forms export; scored like any other)."""

    def __post_init__(self) -> None:
        """Freeze the mappings and reject an item that is both rated and N/A."""
        both = self.levels.keys() & self.not_applicable.keys()
        if both:
            raise ValueError(f"respondent {self.respondent_id!r} both rated and marked N/A: " + ", ".join(sorted(both)))
        object.__setattr__(self, "levels", MappingProxyType(dict(self.levels)))
        object.__setattr__(self, "not_applicable", MappingProxyType(dict(self.not_applicable)))
        object.__setattr__(self, "item_comments", MappingProxyType(dict(self.item_comments)))


@dataclass(frozen=True, slots=True)
class Consensus:
    """The level a facilitated team agreed on for one item, and why."""

    level: int
    rationale: str


@dataclass(frozen=True, slots=True)
class AssessmentInput:
    """Everything the scoring core needs about one assessment.

    ``consensus`` is keyed by item code; ``targets`` maps a dimension id to a
    target score in percent (0-100).  Elements inherit their dimension's target.
    """

    questionnaire_id: str
    questionnaire_version: str
    respondents: tuple[RespondentAnswers, ...]
    consensus: Mapping[str, Consensus] = field(default_factory=_empty_consensus)
    targets: Mapping[str, float] = field(default_factory=_empty_targets)
    organisation: str | None = None
    assessed_on: str | None = None

    def __post_init__(self) -> None:
        """Freeze the mappings so a scored input cannot change afterwards."""
        object.__setattr__(self, "respondents", tuple(self.respondents))
        object.__setattr__(self, "consensus", MappingProxyType(dict(self.consensus)))
        object.__setattr__(self, "targets", MappingProxyType(dict(self.targets)))
