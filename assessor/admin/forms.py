"""Forms of the administration pages: the history filter, accounts and workspace members."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, IntegerField, RadioField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from assessor.inputs import TOO_LONG, EmailAddress, InputForm


class HistoryFilterForm(InputForm):
    """Narrow the history to one verb and/or one organisation (a GET form: it changes nothing)."""

    class Meta:
        csrf = False

    verb = SelectField(_l("What"), choices=[], validate_choice=True, validators=[Optional()])
    organisation = IntegerField(_l("Organisation id"), validators=[Optional(), NumberRange(min=1, max=2**31 - 1)])


class AccountForm(InputForm):
    """A new consultant or administrator; the password is a one-time password made by assessor."""

    email = EmailField(_l("E-mail"), validators=[InputRequired(), Length(max=254, message=TOO_LONG), EmailAddress()])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120, message=TOO_LONG)])
    role = RadioField(
        _l("Role"),
        choices=[
            SelectChoice("consultant", _l("Consultant: works on the organisations of their workspaces")),
            SelectChoice("admin", _l("Administrator: sees and manages everything, including accounts")),
        ],
        default="consultant",
        validators=[InputRequired()],
    )
    workspace = StringField(
        _l("Workspace"),
        description=_l(
            "The firm's workspace (an existing name joins it, a new name creates it). Needed for a consultant;"
            " optional for an administrator."
        ),
        validators=[Optional(), Length(max=200, message=TOO_LONG)],
    )


class MemberForm(InputForm):
    """Add an existing consultant or administrator to a workspace, by e-mail address."""

    email = EmailField(
        _l("E-mail of the account to add"), validators=[InputRequired(), Length(max=254, message=TOO_LONG)]
    )


class ConfirmForm(InputForm):
    """A button that carries only its CSRF token."""
