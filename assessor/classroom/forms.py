"""Forms of the classroom: starting a session, joining one, the trainer's buttons."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from assessor.inputs import TOO_LONG, InputForm


class StartForm(InputForm):
    """The case and the questionnaire a class rates (the choices are set by the view)."""

    case = SelectField(_l("Case"), validators=[InputRequired()])
    questionnaire = SelectField(_l("Questionnaire"), validators=[InputRequired()])


class CodeForm(InputForm):
    """The short code the trainer shows."""

    code = StringField(
        _l("Session code"),
        validators=[InputRequired(), Length(min=4, max=12, message=_l("Enter %(min)d to %(max)d characters."))],
    )


class JoinForm(InputForm):
    """A trainee's language and, optionally, a display name."""

    language = RadioField(
        _l("Language"),
        choices=[SelectChoice("en", "English"), SelectChoice("ja", "日本語")],
        validators=[InputRequired()],
    )
    name = StringField(_l("Display name (optional)"), validators=[Optional(), Length(max=120, message=TOO_LONG)])


class ButtonForm(InputForm):
    """A trainer's button (reveal, show the key): the CSRF token only."""
