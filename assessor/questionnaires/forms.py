"""Forms for answering: a respondent's details, and one page of items built from the questionnaire."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, FormField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import Length, Optional

from assessor.config import MAX_COMMENT_LENGTH, MAX_REASON_LENGTH
from assessor.domain import Item, Scale

NA = "na"
"""The choice value for "not applicable"."""

SEGMENTS = (
    SelectChoice("", _l("Prefer not to say")),
    SelectChoice("leadership", _l("Leadership")),
    SelectChoice("front-line", _l("Front line")),
    SelectChoice("back-office", _l("Back office")),
    SelectChoice("other", _l("Other")),
)
"""Respondent segments offered for perception-gap analysis."""


class StartForm(FlaskForm):
    """Optional details a respondent gives before answering."""

    name = StringField(_l("Your name (optional)"), validators=[Optional(), Length(max=120)])
    segment = SelectField(_l("Your role (optional)"), choices=SEGMENTS, validators=[Optional()])


class _ItemForm(Form):
    """One item's answer: a level or N/A, an N/A reason and a comment."""

    level = RadioField(choices=[], validators=[Optional()])
    na_reason = StringField(_l("Why is this not applicable?"), validators=[Length(max=MAX_REASON_LENGTH)])
    comment = TextAreaField(_l("Comment or evidence"), validators=[Length(max=MAX_COMMENT_LENGTH)])

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Check the answer as a whole: N/A needs a reason; a comment needs an answer to attach to."""
        ok = super().validate(extra_validators)
        if self.level.data == NA and not (self.na_reason.data or "").strip():
            self.na_reason.errors = [*self.na_reason.errors, str(_l("Give a short reason for N/A."))]
            ok = False
        if self.level.data in (None, "") and (self.comment.data or "").strip():
            self.level.errors = [*self.level.errors, str(_l("Choose a level (or N/A) to save your comment."))]
            ok = False
        return ok


def field_key(code: str) -> str:
    """Return the form field name for an item code (``E1-01`` -> ``i_E1_01``)."""
    return "i_" + code.replace("-", "_")


def build_page_form(items: Sequence[Item], scale: Scale, **kwargs: Any) -> FlaskForm:
    """Build a form with one sub-form per item; level choices follow the scale and N/A rules."""
    attrs: dict[str, Any] = {}
    for item in items:
        choices = [SelectChoice(str(level.value)) for level in scale.levels]
        if item.allow_na:
            choices.append(SelectChoice(NA))
        item_form = type(
            f"ItemForm_{field_key(item.code)}",
            (_ItemForm,),
            {"level": RadioField(choices=choices, validators=[Optional()])},
        )
        attrs[field_key(item.code)] = FormField(item_form)
    page_form = type("PageForm", (FlaskForm,), attrs)
    form: FlaskForm = page_form(**kwargs)
    return form
