"""The KPI reading form, and the wording of every KPI input problem in the user's language."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
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
}
"""Every KPI problem code of the core and the service, worded for the form."""

FIELD_OF = {"value_missing": "value", "value_and_counts": "counts", "counts_length": "counts", "off_scale": "counts"}
"""The form field a problem belongs to (others attach to the field the problem names, else to the value)."""


def attach(form: KpiReadingForm, problems: tuple[Problem, ...]) -> None:
    """Show each problem under its field, in the user's language."""
    for problem in problems:
        message = MESSAGES.get(problem.code, problem.message)
        field_name = problem.params.get("field") or FIELD_OF.get(problem.code)
        if field_name is None:
            field_name = "variant" if problem.code in {"variant_needed", "no_variants"} else "value"
        if field_name == "value" and form.counts.data and not form.value.data:
            field_name = "counts"
        getattr(form, field_name).errors.append(str(message) % dict(problem.params) if problem.params else str(message))
