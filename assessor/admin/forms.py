"""Forms of the administration pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from assessor.inputs import InputForm


class HistoryFilterForm(InputForm):
    """Narrow the history to one verb and/or one organisation (a GET form: it changes nothing)."""

    class Meta:
        csrf = False

    verb = SelectField(_l("What"), choices=[], validate_choice=True, validators=[Optional()])
    organisation = IntegerField(_l("Organisation id"), validators=[Optional(), NumberRange(min=1, max=2**31 - 1)])
