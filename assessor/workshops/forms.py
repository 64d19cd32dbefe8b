"""Forms for joining a workshop and for the facilitator's controls."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from assessor.config import MAX_COMMENT_LENGTH
from assessor.inputs import InputForm
from assessor.segments import SEGMENTS


class JoinCodeForm(InputForm):
    """The short code shown on the projector."""

    code = StringField(_l("Workshop code"), validators=[InputRequired(), Length(min=4, max=12)])


class JoinForm(InputForm):
    """What a participant tells about themselves; everything optional but the language."""

    language = RadioField(
        _l("Language"),
        choices=[SelectChoice("en", "English"), SelectChoice("ja", "日本語")],
        validators=[InputRequired()],
    )
    name = StringField(_l("Your name (optional)"), validators=[Optional(), Length(max=120)])
    segment = SelectField(_l("Your role (optional)"), choices=SEGMENTS, validators=[Optional()])


class ControlForm(InputForm):
    """A button that changes the workshop's state (reveal, hide, lock, unlock, open)."""


class ConsensusForm(InputForm):
    """The level the group agreed on for one item, and why."""

    level = SelectField(_l("Agreed level"), validators=[InputRequired()])
    rationale = TextAreaField(_l("Rationale"), validators=[InputRequired(), Length(max=MAX_COMMENT_LENGTH)])
