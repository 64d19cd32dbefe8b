"""Forms of the results page: the per-dimension targets, and the assessment to compare with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from assessor.domain import Dimension
from assessor.inputs import TOO_LONG, InputForm, WholeNumberField
from assessor.reports.branding import PREPARED_BY_LENGTH


def target_field(dimension_id: str) -> str:
    """Form field name of a dimension's target."""
    return f"target_{dimension_id}"


def build_targets_form(dimensions: tuple[Dimension, ...], targets: Mapping[str, float], **kwargs: Any) -> InputForm:
    """One whole-percent field (0-100) per dimension, pre-filled with the current targets."""
    attrs = {
        target_field(d.id): WholeNumberField(d.id, validators=[InputRequired(), NumberRange(min=0, max=100)])
        for d in dimensions
    }
    form_class = type("TargetsForm", (InputForm,), attrs)
    data = {target_field(d): round(v) for d, v in targets.items()}
    form: InputForm = form_class(data=data, **kwargs)
    return form


class BaselineForm(InputForm):
    """Which earlier assessment the results and the report compare with (empty: the latest earlier one)."""

    baseline = SelectField(_l("Compare with"), choices=[], validate_choice=True, validators=[Optional()])


class DownloadForm(InputForm):
    """The report download (a GET form, so no CSRF token): the consultant's name on the cover, per report."""

    class Meta:
        """A download changes nothing, and a GET form cannot carry a token in a link."""

        csrf = False

    prepared_by = StringField(
        _l("Prepared by"),
        description=_l("Your name on the cover of this download; leave it empty for none. It is not saved."),
        validators=[Optional(), Length(max=PREPARED_BY_LENGTH, message=TOO_LONG)],
    )
