"""The KPI reading form, and the wording of every KPI input problem in the user's language."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from assessor.inputs import TOO_LONG, InputForm, NumberField, WholeNumberField
from assessor.scoring.kpis import Problem

_COUNT = re.compile(r"[0-9]{1,9}")
_SEPARATOR = re.compile(r"[\s,、，]+")


def parse_counts(text: str | None) -> tuple[int, ...] | None:
    """``"3 5 10 12"`` -> (3, 5, 10, 12); ``None`` when empty; ``ValueError`` on anything else."""
    parts = [p for p in _SEPARATOR.split((text or "").strip()) if p]
    if not parts:
        return None
    if not all(_COUNT.fullmatch(p) for p in parts):
        raise ValueError(text)
    return tuple(int(p) for p in parts)


class CountsField(StringField):
    """Responses per answer, lowest answer first, separated by spaces or commas."""

    def pre_validate(self, form: object) -> None:
        try:
            parse_counts(self.data)
        except ValueError:
            raise ValidationError(
                _l("Enter whole numbers separated by spaces, one per answer, lowest answer first.")
            ) from None

    @property
    def counts(self) -> tuple[int, ...] | None:
        return parse_counts(self.data)


class KpiReadingForm(InputForm):
    """One KPI's value for one period: a number, or the responses per answer to compute it from."""

    kpi = SelectField(_l("KPI"), choices=[], validate_choice=True, validators=[InputRequired()])
    period = StringField(
        _l("Period"),
        description=_l("What the value covers, e.g. 2026 or 2026 Q3."),
        validators=[Optional(), Length(max=40, message=TOO_LONG)],
    )
    value = NumberField(_l("Value"), validators=[Optional()])
    counts = CountsField(
        _l("Or: responses per answer"),
        description=_l("CSAT 1–5, NPS 0–10 or CES 1–7: one count per answer, lowest answer first."),
        validators=[Optional(), Length(max=200, message=TOO_LONG)],
    )
    n = WholeNumberField(_l("Responses or cases"), validators=[Optional(), NumberRange(min=1, max=10**9)])
    target = NumberField(_l("Target"), validators=[Optional()])
    previous = NumberField(_l("Previous period's value"), validators=[Optional()])
    variant = SelectField(_l("Variant"), choices=[], validate_choice=True, validators=[Optional()])
    source = StringField(
        _l("Source"),
        description=_l("Where the number comes from, e.g. the survey tool or the ticket system."),
        validators=[Optional(), Length(max=200, message=TOO_LONG)],
    )


class CustomKpiForm(InputForm):
    """A KPI of the organisation's own: what it is called, measures and evidences.

    Its three choices have a preselected first option, so they carry no ``required`` attribute (the HTML
    checker refuses one without an empty placeholder); ``validate_choice`` refuses anything else.
    """

    kpi_code = StringField(
        _l("Code"),
        description=_l("2–20 capital letters, digits or underscores, e.g. ROOM_READY; values name the KPI by it."),
        filters=[lambda text: text.strip().upper() if isinstance(text, str) else text],
        validators=[InputRequired(), Length(max=20, message=TOO_LONG)],
    )
    name = StringField(_l("KPI name"), validators=[InputRequired(), Length(max=120, message=TOO_LONG)])
    name_ja = StringField(
        _l("KPI name in Japanese (optional)"), validators=[Optional(), Length(max=120, message=TOO_LONG)]
    )
    formula = TextAreaField(
        _l("How it is computed"),
        description=_l("In your own words, with the unit: what is counted, over which period, from which system."),
        validators=[Optional(), Length(max=500, message=TOO_LONG)],
    )
    unit = SelectField(_l("Unit"), choices=[], validate_choice=True)
    direction = SelectField(_l("Better when"), choices=[], validate_choice=True)
    kind = SelectField(_l("Kind"), choices=[], validate_choice=True)
    lower = NumberField(_l("Lowest value"), validators=[Optional()])
    upper = NumberField(
        _l("Highest value"),
        description=_l("Leave both empty for the unit's usual range; a rating scale needs both (e.g. 1 and 5)."),
        validators=[Optional()],
    )
    elements = SelectMultipleField(_l("Elements it gives evidence on"), choices=[], validate_choice=True)
    pyramid_levels = SelectMultipleField(_l("Pyramid levels it gives evidence on"), choices=[], validate_choice=True)
    min_n = WholeNumberField(
        _l("Minimum n"),
        description=_l("Below this many responses or cases a value is shown as indicative."),
        validators=[Optional(), NumberRange(min=1, max=10**6)],
    )


class DeleteReadingForm(InputForm):
    """Delete one reading (the button's CSRF token only)."""


MESSAGES = {
    "off_scale": _l("Answer %(answer)s is not on this KPI's scale."),
    "bad_count": _l("Counts must be whole numbers of 0 or more."),
    "no_responses": _l("Enter at least one response."),
    "not_distribution": _l("%(kpi)s cannot be computed from responses per answer: enter its value."),
    "counts_length": _l("%(kpi)s needs %(expected)s counts, one per answer; you entered %(got)s."),
    "value_missing": _l("Enter a value, or the responses per answer."),
    "value_and_counts": _l("Enter either a value or the responses per answer, not both."),
    "not_a_number": _l("Enter a number."),
    "out_of_range": _l("%(kpi)s lies between %(lowest)s and %(highest)s."),
    "below_range": _l("%(kpi)s cannot be below %(lowest)s."),
    "variant_needed": _l("Choose how %(kpi)s is measured: %(variants)s."),
    "no_variants": _l("%(kpi)s has no variants: leave the variant empty."),
    "unknown_kpi": _l("Unknown KPI."),
    "bad_code": _l("Use 2–20 capital letters, digits or underscores, starting with a letter."),
    "catalogue_code": _l("%(code)s is a KPI of the catalogue: choose another code."),
    "code_taken": _l("%(code)s is already one of this organisation's KPIs."),
    "name_missing": _l("Give the KPI a name."),
    "bad_choice": _l("Choose one of the options."),
    "scale_range": _l("A rating scale needs its lowest and highest answer."),
    "empty_range": _l("The highest value must lie above the lowest."),
    "unknown_element": _l("Unknown element."),
    "unknown_level": _l("Unknown pyramid level."),
    "bad_min_n": _l("The minimum n is 1 or more."),
    "in_use": _l("%(code)s has %(count)s stored values: delete them first."),
}
"""Every KPI problem code of the core and the service, worded for the form."""

FIELD_OF = {"value_missing": "value", "value_and_counts": "counts", "counts_length": "counts", "off_scale": "counts"}
"""The form field a problem belongs to (others attach to the field the problem names, else to the value)."""


def worded(problem: Problem) -> str:
    """The problem in the user's language."""
    message = str(MESSAGES.get(problem.code, problem.message))
    return message % dict(problem.params) if problem.params else message


def attach(form: KpiReadingForm, problems: tuple[Problem, ...]) -> None:
    """Show each problem under its field, in the user's language."""
    for problem in problems:
        field_name = problem.params.get("field") or FIELD_OF.get(problem.code)
        if field_name is None:
            field_name = "variant" if problem.code in {"variant_needed", "no_variants"} else "value"
        if field_name == "value" and form.counts.data and not form.value.data:
            field_name = "counts"
        getattr(form, field_name).errors.append(worded(problem))


def attach_definition(form: CustomKpiForm, problems: tuple[Problem, ...]) -> None:
    """Show each problem of a custom KPI's definition under its field (the code's when it names none)."""
    for problem in problems:
        field_name = problem.params.get("field", "code")
        getattr(form, "kpi_code" if field_name == "code" else field_name).errors.append(worded(problem))
