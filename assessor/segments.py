"""Respondent segments (roles) offered for perception-gap analysis, with their translated labels."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.fields import SelectChoice

SEGMENTS = (
    SelectChoice("", _l("Prefer not to say")),
    SelectChoice("leadership", _l("Leadership")),
    SelectChoice("front-line", _l("Front line")),
    SelectChoice("back-office", _l("Back office")),
    SelectChoice("other", _l("Other")),
)
"""The choices of the segment field; the first one means "no segment given"."""


def segment_label(segment: str | None) -> str:
    """The translated name of a respondent segment (an unknown value is shown as given)."""
    labels = {choice.value: choice.label for choice in SEGMENTS}
    return str(labels.get(segment or "", segment or ""))


def group_label(segment: str | None, combined: bool = False) -> str:
    """The translated name of a group in a breakdown: a segment, the respondents who gave
    none, or several segments below the minimum group size shown together."""
    if combined:
        return str(_l("Smaller groups combined"))
    if not segment:
        return str(_l("No segment given"))
    return segment_label(segment)
