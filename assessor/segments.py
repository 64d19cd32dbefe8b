"""Respondent segments as forms and pages show them: the choices of the segment field and the
names of the groups in a breakdown. Each assessment defines its own segments
(:class:`assessor.models.Segment`); the labels come in here already in the page's or report's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import lazy_gettext as _l
from wtforms.fields import SelectChoice

PREFER_NOT_TO_SAY = _l("Prefer not to say")
"""The choice of the segment field that means "no segment given"."""


def segment_choices(names: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """The choices of a segment field: "Prefer not to say" first, then the assessment's segments in order."""
    return [SelectChoice("", PREFER_NOT_TO_SAY), *(SelectChoice(key, label) for key, label in names)]


def segment_label(segment: str | None, names: Mapping[str, str]) -> str:
    """The name of a respondent's segment in ``names`` (an undefined key is shown as stored)."""
    if not segment:
        return str(PREFER_NOT_TO_SAY)
    return names.get(segment, segment)


def group_label(segment: str | None, combined: bool, names: Mapping[str, str]) -> str:
    """The name of a group in a breakdown: a segment, the respondents who gave none, or several
    segments below the minimum group size shown together."""
    if combined:
        return str(_l("Smaller groups combined"))
    if not segment:
        return str(_l("No segment given"))
    return segment_label(segment, names)
