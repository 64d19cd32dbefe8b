"""What every template may use: language and number helpers, the palette, limits and scoring rules.

Templates never write a threshold or a limit themselves ("of 4", "62.5", "0.70",
``maxlength``): they read them from here, so the pages say what the code does.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from assessor import numbers
from assessor.assessments import assessment_title
from assessor.config import MAX_COMMENT_LENGTH, MAX_REASON_LENGTH
from assessor.domain import BANDS, band_by_id
from assessor.i18n import colon, current_lang, format_day, format_paren, format_pct, gap_points
from assessor.reports import palette
from assessor.scoring import COVERAGE_THRESHOLD, LOW_AGREEMENT_THRESHOLD, PYRAMID_THRESHOLD_BAND
from assessor.segments import segment_label
from assessor.standards import get_framework

RULES = {
    "bands": BANDS,
    "coverage_threshold": COVERAGE_THRESHOLD,
    "low_agreement": LOW_AGREEMENT_THRESHOLD,
    "pyramid_threshold": band_by_id(PYRAMID_THRESHOLD_BAND).lower,
}
"""The scoring rules as templates quote them (e.g. "above 62.5 %")."""
LIMITS = {"comment": MAX_COMMENT_LENGTH, "reason": MAX_REASON_LENGTH}
"""Longest texts accepted, for ``maxlength``."""


def init_app(app: Flask) -> None:
    """Register the helpers as Jinja globals and filters."""
    app.jinja_env.globals.update(
        current_lang=current_lang,
        format_day=format_day,
        segment_label=segment_label,
        title_of=lambda assessment: assessment_title(assessment, current_lang()),
        paren=format_paren,
        colon=colon,
        palette=palette,
        rules=RULES,
        limits=LIMITS,
    )
    # Numbers are written by the same rules as in the PDF report (whole percentages, rounded half up).
    app.jinja_env.filters.update(pct=format_pct, gap=gap_points, short=numbers.fmt)

    @app.context_processor
    def _scale() -> dict[str, Any]:
        scale = get_framework().scale
        percents = [numbers.fmt((lvl.value - scale.min) / (scale.max - scale.min) * 100) for lvl in scale.levels]
        return {"scale": scale, "rules": RULES | {"level_percents": percents}}
