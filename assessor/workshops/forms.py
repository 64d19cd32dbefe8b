"""Forms for joining a workshop and for the facilitator's controls."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateTimeLocalField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from assessor.config import MAX_COMMENT_LENGTH
from assessor.inputs import TOO_LONG, InputForm, join_code_field, language_field, optional_name_field


class JoinCodeForm(InputForm):
    """The short code shown on the projector."""

    code = join_code_field(_l("Workshop code"))


class JoinForm(InputForm):
    """What a participant tells about themselves; everything optional but the language."""

    language = language_field()
    name = optional_name_field(_l("Your name (optional)"))
    segment = SelectField(_l("Your group (optional)"), choices=[], validators=[Optional()])
    """The choices are the assessment's own segments (set by the view)."""


class ControlForm(InputForm):
    """A button that changes the workshop's state (reveal, hide, lock, unlock, open)."""


class ConsensusForm(InputForm):
    """The level the group agreed on for one item, and why."""

    # Starts at the median of the answers; no empty option, so no ``required`` attribute
    # (HTML asks a required select to start with an empty placeholder option).
    level = SelectField(_l("Agreed level"), validators=[InputRequired()], render_kw={"required": False})
    # Stripped, then required: a rationale of spaces alone is no reason, and the assessment file refuses it.
    rationale = TextAreaField(
        _l("Rationale"),
        filters=[lambda text: text.strip() if isinstance(text, str) else text],
        validators=[
            DataRequired(_l("Give the reason for the agreed level.")),
            Length(max=MAX_COMMENT_LENGTH, message=TOO_LONG),
        ],
    )


class ClosingForm(InputForm):
    """When a survey closes, in the deployment's time zone; empty: open until the link is closed by hand."""

    closes_at = DateTimeLocalField(
        _l("Closing date and time"),
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        validators=[Optional()],
    )
