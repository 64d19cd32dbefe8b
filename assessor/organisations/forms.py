"""Forms for creating organisations and assessments."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, RadioField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from assessor.config import MIN_GROUP_SIZE_CEILING
from assessor.inputs import TOO_LONG, EmailAddress, InputForm, WholeNumberField
from assessor.models import SEGMENT_LABEL_LENGTH


class OrganisationForm(InputForm):
    """Name a new client organisation."""

    name = StringField(_l("Organisation name"), validators=[InputRequired(), Length(max=200, message=TOO_LONG)])


class TitlesForm(InputForm):
    """The assessment's title, and optionally its Japanese title for Japanese pages and reports."""

    title = StringField(_l("Assessment title"), validators=[InputRequired(), Length(max=200, message=TOO_LONG)])
    title_ja = StringField(
        _l("Japanese title (optional)"),
        description=_l("Shown on Japanese pages and in the Japanese report; leave empty to use the title above."),
        validators=[Optional(), Length(max=200, message=TOO_LONG)],
    )


class AssessmentForm(TitlesForm):
    """Start an assessment of an organisation with a chosen questionnaire."""

    # One option is always selected, so no ``required`` attribute: HTML asks a required select
    # to start with an empty placeholder option, which this list has no use for.
    questionnaire = SelectField(_l("Questionnaire"), validators=[InputRequired()], render_kw={"required": False})
    assessed_on = DateField(_l("Assessment date"), default=date.today, validators=[InputRequired()])
    mode = RadioField(
        _l("How will it be answered?"),
        choices=[
            SelectChoice("self", _l("Self-audit: one person answers, with evidence for each answer")),
            SelectChoice("workshop", _l("Workshop: many participants answer on their own devices")),
            SelectChoice("survey", _l("Survey: the whole organisation answers by one link, open until a closing date")),
        ],
        default="self",
        validators=[InputRequired()],
    )


class EditAssessmentForm(AssessmentForm):
    """Correct an assessment: titles and date always; questionnaire and mode only while nothing is answered."""

    def fix_answered(self) -> EditAssessmentForm:
        """Drop the questionnaire and mode fields: once answers exist they cannot change."""
        del self.questionnaire
        del self.mode
        return self


class ViewerForm(InputForm):
    """Give someone (e.g. the client's executive) read-only access to this organisation's results."""

    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120, message=TOO_LONG)])
    email = EmailField(_l("E-mail"), validators=[InputRequired(), Length(max=254, message=TOO_LONG), EmailAddress()])


class PrivacyForm(InputForm):
    """The assessment's minimum group size: raised above the deployment's, never below it."""

    min_group_size = WholeNumberField(_l("Minimum group size"), validators=[InputRequired()])

    def allow_from(self, lowest: int) -> PrivacyForm:
        """Accept only whole numbers from ``lowest`` to :data:`MIN_GROUP_SIZE_CEILING`."""
        message = _l("Choose a whole number from %(low)d to %(high)d.", low=lowest, high=MIN_GROUP_SIZE_CEILING)
        self.min_group_size.validators = [
            InputRequired(message=message),
            NumberRange(min=lowest, max=MIN_GROUP_SIZE_CEILING, message=message),
        ]
        return self


class RespondentNameForm(InputForm):
    """Correct (or clear) the name a respondent gave."""

    name = StringField(_l("Name (optional)"), validators=[Optional(), Length(max=120, message=TOO_LONG)])


class ConfirmForm(InputForm):
    """A confirmation that carries only its CSRF token."""


class DeleteOrganisationForm(InputForm):
    """Deleting an organisation: its name, typed again."""

    confirm_name = StringField(_l("Type the organisation's name to confirm"), validators=[InputRequired()])

    def matches(self, name: str) -> bool:
        """True if the typed name is the organisation's (surrounding spaces ignored); else says why."""
        if (self.confirm_name.data or "").strip() == name.strip():
            return True
        self.confirm_name.errors = [_l("The name does not match. Nothing was deleted.")]
        return False


def _strip(text: object) -> object:
    return text.strip() if isinstance(text, str) else text


class SegmentForm(InputForm):
    """A segment's labels: a department, site or role respondents may say they belong to."""

    # Stripped, then required: a name of spaces alone names nothing.
    label_en = StringField(
        _l("Name in English"),
        filters=[_strip],
        validators=[DataRequired(), Length(max=SEGMENT_LABEL_LENGTH, message=TOO_LONG)],
    )
    label_ja = StringField(
        _l("Name in Japanese (optional)"),
        description=_l("Shown on Japanese pages and in the Japanese report; leave empty to use the English name."),
        filters=[_strip],
        validators=[Optional(), Length(max=SEGMENT_LABEL_LENGTH, message=TOO_LONG)],
    )

    def distinct_from(self, others: list[tuple[str, str]]) -> bool:
        """True unless a name is already another segment's (in the same language, ignoring case); else says why."""
        english = (self.label_en.data or "").strip().casefold()
        japanese = (self.label_ja.data or "").strip().casefold()
        message = _l("Another segment has this name already.")
        if english in {en.strip().casefold() for en, _ja in others}:
            self.label_en.errors = [message]
            return False
        if japanese and japanese in {ja.strip().casefold() for _en, ja in others if ja.strip()}:
            self.label_ja.errors = [message]
            return False
        return True
