"""Pure scoring core: item values, roll-ups, bands, pyramid, agreement, gaps, deltas.

Imports only the standard library, ``jsonschema`` and :mod:`assessor.domain`.
The rules are described in ``docs/methodology.md``.
"""

from assessor.domain import BANDS, Band, band_for
from assessor.scoring.compare import Comparison, ItemDelta, RollUpDelta, compare
from assessor.scoring.engine import score
from assessor.scoring.fileformat import (
    AssessmentFileError,
    Problem,
    load_schema,
    parse_assessment,
    score_file_document,
)
from assessor.scoring.model import AssessmentInput, Consensus, RespondentAnswers
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
    LOW_AGREEMENT_THRESHOLD,
    PYRAMID_THRESHOLD_BAND,
)
from assessor.scoring.serialise import comparison_to_dict, result_to_dict
from assessor.scoring.validation import ScoringInputError

__all__ = [
    "BANDS",
    "BUCKETS",
    "COVERAGE_THRESHOLD",
    "LOW_AGREEMENT_THRESHOLD",
    "PYRAMID_THRESHOLD_BAND",
    "ROLLUP_KINDS",
    "Agreement",
    "AssessmentFileError",
    "AssessmentInput",
    "Band",
    "Bucket",
    "Comparison",
    "Consensus",
    "Contribution",
    "Explanation",
    "Gap",
    "ItemDelta",
    "ItemScore",
    "NotApplicableNote",
    "Omission",
    "Priority",
    "Problem",
    "PyramidLevelResult",
    "PyramidVerdict",
    "RecommendedAction",
    "Recommendations",
    "RespondentAnswers",
    "RollUp",
    "RollUpDelta",
    "RollUpKind",
    "ScoringInputError",
    "ScoringResult",
    "SegmentResult",
    "band_for",
    "compare",
    "comparison_to_dict",
    "load_schema",
    "parse_assessment",
    "recommend",
    "result_to_dict",
    "score",
    "score_file_document",
]
