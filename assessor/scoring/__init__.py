"""Pure scoring core: item values, roll-ups, bands, pyramid, agreement, gaps, deltas.

Imports only the standard library, ``jsonschema`` and :mod:`assessor.domain`.
The rules are described in ``docs/methodology.md``.
"""

from assessor.domain import BANDS, Band, band_for
from assessor.scoring.compare import Comparison, ItemDelta, RollUpDelta, compare
from assessor.scoring.engine import Scored, score, score_answers
from assessor.scoring.model import AssessmentInput, Consensus, RespondentAnswers
from assessor.scoring.privacy import MIN_GROUP_SIZE, GroupPlan, check_min_group_size, plan_groups, shows_distribution
from assessor.scoring.recommend import BUCKETS, Bucket, Recommendations, RecommendedAction, recommend
from assessor.scoring.result import (
    ROLLUP_KINDS,
    Agreement,
    Contribution,
    Explanation,
    Gap,
    ItemScore,
    NotApplicableNote,
    Omission,
    Priority,
    PyramidLevelResult,
    PyramidVerdict,
    RollUp,
    RollUpKind,
    ScoringResult,
    SegmentResult,
)
from assessor.scoring.rules import (
    COVERAGE_THRESHOLD,
    EVIDENCE_THRESHOLD,
    LOW_AGREEMENT_THRESHOLD,
    PYRAMID_THRESHOLD_BAND,
)
from assessor.scoring.validation import ScoringInputError

__all__ = [
    "BANDS",
    "BUCKETS",
    "COVERAGE_THRESHOLD",
    "EVIDENCE_THRESHOLD",
    "LOW_AGREEMENT_THRESHOLD",
    "MIN_GROUP_SIZE",
    "PYRAMID_THRESHOLD_BAND",
    "ROLLUP_KINDS",
    "Agreement",
    "AssessmentInput",
    "Band",
    "Bucket",
    "Comparison",
    "Consensus",
    "Contribution",
    "Explanation",
    "Gap",
    "GroupPlan",
    "ItemDelta",
    "ItemScore",
    "NotApplicableNote",
    "Omission",
    "Priority",
    "PyramidLevelResult",
    "PyramidVerdict",
    "RecommendedAction",
    "Recommendations",
    "RespondentAnswers",
    "RollUp",
    "RollUpDelta",
    "RollUpKind",
    "ScoringInputError",
    "Scored",
    "ScoringResult",
    "SegmentResult",
    "band_for",
    "check_min_group_size",
    "compare",
    "plan_groups",
    "recommend",
    "score",
    "score_answers",
    "shows_distribution",
]
