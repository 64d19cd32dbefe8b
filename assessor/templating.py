"""What every template may use: language and number helpers, the palette, limits and scoring rules.

Templates never write a threshold or a limit themselves ("of 4", "62.5", "0.70",
``maxlength``): they read them from here, so the pages say what the code does.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import ngettext
from wtforms import Field, Form

from assessor import numbers
from assessor.assessments import FINAL_MESSAGE, assessment_title
from assessor.config import MAX_COMMENT_LENGTH, MAX_REASON_LENGTH
from assessor.domain import BANDS, band_by_id
from assessor.history import verb_label
from assessor.i18n import (
    colon,
    current_lang,
    format_day,
    format_moment,
    format_paren,
    format_pct,
    gap_points,
    local_zone_label,
)
from assessor.reports import palette
from assessor.scoring import COVERAGE_THRESHOLD, EVIDENCE_THRESHOLD, LOW_AGREEMENT_THRESHOLD, PYRAMID_THRESHOLD_BAND
from assessor.segments import group_label, segment_label
from assessor.standards import get_framework

RULES = {
    "bands": BANDS,
    "coverage_threshold": COVERAGE_THRESHOLD,
    "evidence_threshold": EVIDENCE_THRESHOLD,
    "low_agreement": LOW_AGREEMENT_THRESHOLD,
    "pyramid_threshold": band_by_id(PYRAMID_THRESHOLD_BAND).lower,
}
"""The scoring rules as templates quote them (e.g. "above 62.5 %")."""
LIMITS = {"comment": MAX_COMMENT_LENGTH, "reason": MAX_REASON_LENGTH}
"""Longest texts accepted, for ``maxlength``."""


def form_errors(form: Form) -> list[tuple[Field, str, str]]:
    """Each field's first error in the form's order, for the summary at the top of a form:
    (field, the id a link to it points at, message).

    The CSRF field is left out: its error is not the user's to fix on this page. A radio
    group is reached through its first option.
    """
    found = []
    for field in form:
        if not field.errors or field.type == "CSRFTokenField" or not isinstance(field.errors, list):
            continue
        anchor = f"{field.id}-0" if field.type == "RadioField" else field.id
        found.append((field, anchor, str(field.errors[0])))
    return found


def error_summary_title(count: int) -> str:
    """The heading of a form's error summary (here, not in the macro: Babel does not extract
    from ``templates/_macros``)."""
    return ngettext("This form has %(num)d problem", "This form has %(num)d problems", count)


def first_error(field: Field) -> bool:
    """True for the first field of its form with an error: that field gets ``autofocus``."""
    form = getattr(field, "_form", None)
    found = form_errors(form) if form is not None else []
    return bool(found) and found[0][0] is field


def init_app(app: Flask) -> None:
    """Register the helpers as Jinja globals and filters."""
    app.jinja_env.globals.update(
        current_lang=current_lang,
        format_day=format_day,
        format_moment=format_moment,
        local_zone_label=local_zone_label,
        verb_label=verb_label,
        segment_label=segment_label,
        group_label=group_label,
        title_of=lambda assessment: assessment_title(assessment, current_lang()),
        paren=format_paren,
        colon=colon,
        listing=lambda parts: numbers.listing(list(parts), current_lang()),
        palette=palette,
        rules=RULES,
        limits=LIMITS,
        form_errors=form_errors,
        first_error=first_error,
        error_summary_title=error_summary_title,
        final_message=FINAL_MESSAGE,
    )
    # Numbers are written by the same rules as in the PDF report (whole percentages, rounded half up).
    app.jinja_env.filters.update(pct=format_pct, gap=gap_points, short=numbers.fmt)

    @app.context_processor
    def _scale() -> dict[str, Any]:
        scale = get_framework().scale
        percents = [numbers.fmt((lvl.value - scale.min) / (scale.max - scale.min) * 100) for lvl in scale.levels]
        return {"scale": scale, "rules": RULES | {"level_percents": percents}}
