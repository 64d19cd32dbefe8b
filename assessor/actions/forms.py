"""Forms of the action plan."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from assessor.inputs import TOO_LONG, InputForm, WholeNumberField
from assessor.models.actions import ACTION_TITLE_LENGTH, NOTE_LENGTH, OWNER_LENGTH, REASON_LENGTH

_ITEM_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,19}")


def item_codes(text: str | None) -> tuple[str, ...]:
    """``"E1-01 E1-02"`` -> ("E1-01", "E1-02"); spaces or commas separate codes."""
    return tuple(p for p in re.split(r"[\s,、，]+", (text or "").strip()) if p)


class ActionForm(InputForm):
    """An action's title, what it addresses, who owns it and by when."""

    title = StringField(
        _l("Action title"), validators=[InputRequired(), Length(max=ACTION_TITLE_LENGTH, message=TOO_LONG)]
    )
    title_ja = StringField(
        _l("Japanese title (optional)"),
        validators=[Optional(), Length(max=ACTION_TITLE_LENGTH, message=TOO_LONG)],
    )
    elements = SelectMultipleField(_l("Elements it addresses"), choices=[], validate_choice=True)
    items = StringField(
        _l("Item codes (optional)"),
        description=_l("Separated by spaces, e.g. E1-01 E1-02."),
        validators=[Optional(), Length(max=400, message=TOO_LONG)],
    )
    kpis = SelectMultipleField(_l("KPIs it should move"), choices=[], validate_choice=True)
    owner = StringField(
        _l("Owner"),
        description=_l("A name; the owner needs no account."),
        validators=[Optional(), Length(max=OWNER_LENGTH, message=TOO_LONG)],
    )
    due = DateField(_l("Due date"), validators=[Optional()])
    progress = WholeNumberField(_l("Progress (%)"), default=0, validators=[Optional(), NumberRange(min=0, max=100)])

    def validate_items(self, field: StringField) -> None:
        if not all(_ITEM_CODE.fullmatch(code) for code in item_codes(field.data)):
            raise ValidationError(_l("Enter item codes such as E1-01, separated by spaces."))


class StatusForm(InputForm):
    """Change an action's status; won't do needs a reason."""

    status = SelectField(_l("Status"), choices=[], validate_choice=True, validators=[InputRequired()])
    reason = TextAreaField(
        _l("Reason (required for won't do)"),
        validators=[Optional(), Length(max=REASON_LENGTH, message=TOO_LONG)],
    )

    def validate_reason(self, field: TextAreaField) -> None:
        if self.status.data == "wont_do" and not (field.data or "").strip():
            raise ValidationError(_l("Say why this action will not be done."))


class NoteForm(InputForm):
    """One dated note in an action's log."""

    text = TextAreaField(
        _l("Note"),
        validators=[InputRequired(), Length(max=NOTE_LENGTH, message=TOO_LONG)],
    )


class ConfirmForm(InputForm):
    """A confirmation (CSRF only)."""


class TrackForm(InputForm):
    """Track one of the report's recommended actions."""

    library_id = StringField(validators=[InputRequired(), Length(max=20)])


def status_choices(labels: dict[str, str]) -> list[SelectChoice]:
    """The status options, with an empty first option (the select is required)."""
    return [SelectChoice("", _l("Choose a status…"))] + [SelectChoice(k, v) for k, v in labels.items()]
