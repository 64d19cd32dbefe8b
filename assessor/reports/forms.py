"""Form for the per-dimension targets of an assessment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from assessor.domain import Dimension


def target_field(dimension_id: str) -> str:
    """Form field name of a dimension's target."""
    return f"target_{dimension_id}"


def build_targets_form(dimensions: tuple[Dimension, ...], targets: Mapping[str, float], **kwargs: Any) -> FlaskForm:
    """One whole-percent field (0-100) per dimension, pre-filled with the current targets."""
    attrs = {
        target_field(d.id): IntegerField(d.id, validators=[InputRequired(), NumberRange(min=0, max=100)])
        for d in dimensions
    }
    form_class = type("TargetsForm", (FlaskForm,), attrs)
    data = {target_field(d): round(v) for d, v in targets.items()}
    form: FlaskForm = form_class(data=data, **kwargs)
    return form
