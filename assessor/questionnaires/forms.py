"""Forms for answering: a respondent's details, and one page of items built from the questionnaire."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import Form, FormField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import Length, Optional

from assessor.domain import Item, Scale
from assessor.inputs import InputForm
from assessor.questionnaires.answers import NA, AnswerInput, parse_answer

__all__ = ["NA", "ConfirmImportForm", "ImportForm", "PaperForm", "StartForm", "build_page_form", "field_key"]


class StartForm(InputForm):
    """Optional details a respondent gives before answering."""

    name = StringField(
        _l("Your name (optional)"),
        validators=[Optional(), Length(max=120, message=_l("Field cannot be longer than %(max)d characters."))],
    )
    segment = SelectField(_l("Your group (optional)"), choices=[], validators=[Optional()])
    """The choices are the assessment's own segments (set by the view)."""


class PaperForm(InputForm):
    """The details of a paper form the facilitator enters: a label for the form (not a person) and a segment."""

    label = StringField(
        _l("Label of the form"),
        description=_l("A number or code for the paper form, not the person’s name."),
        validators=[Optional(), Length(max=120, message=_l("Field cannot be longer than %(max)d characters."))],
    )
    segment = SelectField(_l("Group ticked on the form (optional)"), choices=[], validators=[Optional()])
    """The choices are the assessment's own segments (set by the view)."""


class _ItemForm(Form):
    """One item's answer: a level or N/A, an N/A reason and a comment.

    All rules live in :func:`assessor.questionnaires.answers.parse_answer`, which the autosave
    endpoint uses too; the form only carries the values and places the messages.
    """

    item: Item
    scale: Scale
    level = RadioField(choices=[], validate_choice=False)
    na_reason = StringField(_l("Why is this not applicable?"))
    comment = TextAreaField(_l("Comment or evidence"))
    answer: AnswerInput | None = None

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Apply the answer rules and attach each problem to its field."""
        self.answer, problems = parse_answer(
            self.item, self.scale, self.level.data, self.na_reason.data, self.comment.data
        )
        for problem in problems:
            field = getattr(self, problem.field)
            field.errors = [*field.errors, problem.message]
        return not problems


def field_key(code: str) -> str:
    """Return the form field name for an item code (``E1-01`` -> ``i_E1_01``)."""
    return "i_" + code.replace("-", "_")


def build_page_form(items: Sequence[Item], scale: Scale, **kwargs: Any) -> InputForm:
    """Build a form with one sub-form per item; level choices follow the scale and N/A rules."""
    form: InputForm = _page_form_class(tuple(items), scale)(**kwargs)
    return form


@lru_cache(maxsize=256)
def _page_form_class(items: tuple[Item, ...], scale: Scale) -> type[InputForm]:
    """The form class for a page; derived only from immutable framework data, so it is built
    once per worker instead of on every autosave."""
    attrs: dict[str, Any] = {}
    for item in items:
        item_form = type(f"ItemForm_{field_key(item.code)}", (_ItemForm,), {"item": item, "scale": scale})
        attrs[field_key(item.code)] = FormField(item_form)
    return type("PageForm", (InputForm,), attrs)


class ImportForm(InputForm):
    """An answers file to check (and then import): the offline template or a Forms export."""

    file = FileField(
        _l("Answers file (.xlsx or .csv)"),
        validators=[FileRequired(message=_l("Choose a file to upload."))],
    )
    layout = SelectField(
        _l("Layout"),
        choices=[
            SelectChoice("auto", _l("Detect")),
            SelectChoice("template", _l("The offline template")),
            SelectChoice("forms", _l("Forms export (Microsoft Forms, Google Forms)")),
        ],
        default="auto",
    )
    encoding = SelectField(
        _l("Character encoding of a CSV file"),
        choices=[
            SelectChoice("auto", _l("Detect")),
            SelectChoice("utf-8", "UTF-8"),
            SelectChoice("cp932", _l("Shift_JIS (Japanese Excel)")),
        ],
        default="auto",
    )


class ConfirmImportForm(InputForm):
    """The confirmation of a checked upload (the CSRF token only)."""
