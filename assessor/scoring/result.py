"""Output of the scoring core: item values, roll-ups, verdicts, gaps and priorities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assessor.domain import Band, Text
from assessor.scoring.model import Consensus
from assessor.scoring.privacy import shows_distribution
from assessor.scoring.rules import COMPARISON_DECIMALS, EVIDENCE_THRESHOLD

RollUpKind = Literal[
    "overall",
    "dimension",
    "element",
    "pyramid_level",
    "principle",
    "design_principle",
    "design_activity",
]
ROLLUP_KINDS: tuple[RollUpKind, ...] = (
    "overall",
    "dimension",
    "element",
    "pyramid_level",
    "principle",
    "design_principle",
    "design_activity",
)
"""Every kind of roll-up, in the order results list them."""

ItemStatus = Literal["answered", "not_applicable", "unanswered"]
RollUpStatus = Literal["scored", "insufficient_evidence", "no_evidence"]
ValueSource = Literal["consensus", "median"]


@dataclass(frozen=True, slots=True)
class Agreement:
    """How far respondents agree: count, spread (scale points) and r_wg."""

    respondents: int
    sd: float | None
    iqr: float | None
    r_wg: float | None
    low: bool
    """True when r_wg is below the low-agreement threshold."""


@dataclass(frozen=True, slots=True)
class NotApplicableNote:
    """One respondent's N/A on an item and the reason given."""

    respondent_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ItemScore:
    """The value of one item and what produced it."""

    code: str
    element_id: str
    dimension_id: str
    pyramid_level_id: str
    weight: float
    status: ItemStatus
    source: ValueSource | None
    value: float | None
    """On the scale (0-4); may end in .5 (median of an even count)."""
    percent: float | None
    median: float | None
    """The respondents' median, reported even when a consensus overrides it."""
    consensus: Consensus | None
    distribution: tuple[int, ...]
    """Number of ratings per scale point, indexed from the scale minimum."""
    not_applicable: tuple[NotApplicableNote, ...]
    agreement: Agreement
    explanation: str


@dataclass(frozen=True, slots=True)
class Contribution:
    """An item used in a roll-up."""

    code: str
    source: ValueSource
    value: float
    percent: float
    weight: float


@dataclass(frozen=True, slots=True)
class Omission:
    """An item of a roll-up left out because it is N/A or unanswered."""

    code: str
    status: ItemStatus
    weight: float


@dataclass(frozen=True, slots=True)
class Explanation:
    """What produced a roll-up: the items used and left out and the arithmetic."""

    used: tuple[Contribution, ...]
    left_out: tuple[Omission, ...]
    formula: str
    calculation: str
    coverage_calculation: str


@dataclass(frozen=True, slots=True)
class RollUp:
    """A weighted score over a group of items (an element, a dimension, ...)."""

    kind: RollUpKind
    id: str
    name: Text
    score: float | None
    """Percent 0-100; ``None`` (never 0) when no item of the roll-up is answered."""
    band: Band | None
    status: RollUpStatus
    coverage: float
    """Answered weight / total weight, in percent."""
    answered_weight: float
    total_weight: float
    agreement: Agreement
    explanation: Explanation
    respondents: int = 0
    """Respondents who rated at least one of its items (an N/A is not a rating)."""
    respondent_total: int = 0
    """Respondents of the assessment (or segment): coverage by people is ``respondents`` of these."""

    @property
    def respondent_coverage(self) -> float:
        """Respondents who rated at least one item / all respondents, in percent (0 when there are none)."""
        return self.respondents / self.respondent_total * 100 if self.respondent_total else 0.0


@dataclass(frozen=True, slots=True)
class PyramidLevelResult:
    """One pyramid level in the verdict."""

    level_id: str
    rank: int
    name: Text
    score: float | None
    band: Band | None
    status: RollUpStatus
    meets_threshold: bool
    counted: bool
    """True when this level and every level below it meet the threshold."""


@dataclass(frozen=True, slots=True)
class PyramidVerdict:
    """The highest pyramid level reached with every level below it."""

    achieved_level_id: str | None
    achieved_rank: int
    """0 when not even level 1 is met."""
    blocking_level_id: str | None
    """The lowest level that does not meet the threshold, if any."""
    not_yet_counted: tuple[str, ...]
    """Levels that meet the threshold but sit above a weak level."""
    levels: tuple[PyramidLevelResult, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    """Target minus score for a dimension or an element (percentage points)."""

    kind: Literal["dimension", "element"]
    id: str
    target: float
    score: float | None
    gap: float | None
    """Positive when below target; ``None`` when there is no score."""
    status: RollUpStatus
    points: int | None = None
    """The gap as printed: whole target minus whole score (:func:`assessor.numbers.shown_gap`)."""

    @property
    def below_target(self) -> bool:
        """True when the printed gap is positive: the one test for ✔, "below target" and the roadmap."""
        return self.points is not None and self.points > 0


@dataclass(frozen=True, slots=True)
class Priority:
    """An item below its target, ranked for improvement."""

    rank: int
    code: str
    element_id: str
    dimension_id: str
    pyramid_level_id: str
    pyramid_rank: int
    weak_foundation: bool
    """True when the item's pyramid level does not meet the threshold."""
    weight: float
    percent: float
    target: float
    gap: float
    weighted_gap: float


def find_rollup(rollups: Sequence[RollUp], kind: RollUpKind, rollup_id: str) -> RollUp:
    """Return the roll-up of ``kind`` with ``rollup_id``; ``KeyError`` if absent."""
    for rollup in rollups:
        if rollup.kind == kind and rollup.id == rollup_id:
            return rollup
    raise KeyError(f"{kind}:{rollup_id}")


def find_item(items: Sequence[ItemScore], code: str) -> ItemScore:
    """Return the item score with ``code``; raise ``KeyError`` if absent."""
    for item in items:
        if item.code == code:
            return item
    raise KeyError(code)


@dataclass(frozen=True, slots=True)
class SegmentResult:
    """The same item values and roll-ups, computed from one segment's respondents.

    Consensus is a whole-team decision, so segment item values are always the
    segment's own medians.  A *combined* group stands for several segments below the
    minimum group size (:mod:`assessor.scoring.privacy`); its ``segment`` is ``None``.
    """

    segment: str | None
    respondent_count: int
    items: tuple[ItemScore, ...]
    rollups: tuple[RollUp, ...]
    pyramid: PyramidVerdict
    combined: bool = False

    def rollup(self, kind: RollUpKind, rollup_id: str) -> RollUp:
        """Return one roll-up of this segment."""
        return find_rollup(self.rollups, kind, rollup_id)

    def item(self, code: str) -> ItemScore:
        """Return one item of this segment."""
        return find_item(self.items, code)


@dataclass(frozen=True, slots=True)
class ScoringResult:
    """Everything computed for one assessment."""

    questionnaire_id: str
    questionnaire_version: str
    organisation: str | None
    assessed_on: str | None
    scale_min: int
    scale_max: int
    respondent_count: int
    items: tuple[ItemScore, ...]
    rollups: tuple[RollUp, ...]
    pyramid: PyramidVerdict
    low_agreement: tuple[str, ...]
    """Codes of low-agreement items, most divisive (largest variance) first."""
    segments: tuple[SegmentResult, ...]
    """The breakdown by segment after the minimum group size rule: only groups that may be shown."""
    gaps: tuple[Gap, ...]
    priorities: tuple[Priority, ...]
    min_group_size: int
    """The minimum group size the breakdown was built with (also the least ratings for a distribution)."""
    labelled_segments: frozenset[str]
    """Segments shown on their own: the only ones a comment or N/A reason may be labelled with."""

    def rollup(self, kind: RollUpKind, rollup_id: str) -> RollUp:
        """Return one roll-up, e.g. ``result.rollup("element", "E1")``."""
        return find_rollup(self.rollups, kind, rollup_id)

    def item(self, code: str) -> ItemScore:
        """Return one item score by code."""
        return find_item(self.items, code)

    def segment(self, name: str | None) -> SegmentResult:
        """Return one segment's result; ``KeyError`` if it is not shown on its own."""
        for segment in self.segments:
            if segment.segment == name and not segment.combined:
                return segment
        raise KeyError(name)

    def shows_distribution(self, item: ItemScore) -> bool:
        """True if ``item``'s answer distribution has enough ratings to be shown."""
        return shows_distribution(sum(item.distribution), self.min_group_size)

    @property
    def overall(self) -> RollUp:
        """The overall roll-up."""
        return self.rollup("overall", "overall")

    @property
    def enough_evidence(self) -> bool:
        """True when a report may state findings: some rating, and overall coverage >= the evidence threshold."""
        overall = self.overall
        return overall.score is not None and round(overall.coverage, COMPARISON_DECIMALS) >= EVIDENCE_THRESHOLD
