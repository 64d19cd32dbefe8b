"""Forms of the classroom: starting a session, joining one, the trainer's buttons."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import InputRequired

from assessor.inputs import InputForm, join_code_field, language_field, optional_name_field


class StartForm(InputForm):
    """The case and the questionnaire a class rates (the choices are set by the view)."""

    # No empty option, so no ``required`` attribute (HTML asks a required select to start with a placeholder).
    case = SelectField(_l("Case"), validators=[InputRequired()], render_kw={"required": False})
    questionnaire = SelectField(_l("Questionnaire"), validators=[InputRequired()], render_kw={"required": False})


class CodeForm(InputForm):
    """The short code the trainer shows."""

    code = join_code_field(_l("Session code"))


class JoinForm(InputForm):
    """A trainee's language and, optionally, a display name."""

    language = language_field()
    name = optional_name_field(_l("Display name (optional)"))


class ButtonForm(InputForm):
    """A trainer's button (reveal, show the key): the CSRF token only."""
