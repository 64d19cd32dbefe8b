"""Forms for creating organisations and assessments."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, RadioField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length

from assessor.inputs import EmailAddress, InputForm


class OrganisationForm(InputForm):
    """Name a new client organisation."""

    name = StringField(_l("Organisation name"), validators=[InputRequired(), Length(max=200)])


class AssessmentForm(InputForm):
    """Start an assessment of an organisation with a chosen questionnaire."""

    title = StringField(_l("Assessment title"), validators=[InputRequired(), Length(max=200)])
    questionnaire = SelectField(_l("Questionnaire"), validators=[InputRequired()])
    assessed_on = DateField(_l("Assessment date"), default=date.today, validators=[InputRequired()])
    mode = RadioField(
        _l("How will it be answered?"),
        choices=[
            SelectChoice("self", _l("Self-audit: one person answers, with evidence for each answer")),
            SelectChoice("workshop", _l("Workshop: many participants answer on their own devices")),
        ],
        default="self",
        validators=[InputRequired()],
    )


class ViewerForm(InputForm):
    """Give someone (e.g. the client's executive) read-only access to this organisation's results."""

    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[InputRequired(), Length(max=254), EmailAddress()])
