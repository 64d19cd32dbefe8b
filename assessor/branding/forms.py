"""Forms of the branding pages: a logo upload and the workspace's name."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from assessor.inputs import TOO_LONG, InputForm


class LogoForm(InputForm):
    """Upload a logo; what it is, is judged from its content (:func:`assessor.reports.logo_check.check_logo`)."""

    logo = FileField(
        _l("Logo file"),
        description=_l("PNG, JPEG or SVG, at most 1 MB. An SVG is converted to a PNG picture."),
        validators=[FileRequired(message=_l("Choose an image file to upload."))],
    )


class WorkspaceNameForm(InputForm):
    """The workspace's name: the consulting firm's name on the report cover."""

    name = StringField(_l("Firm name"), validators=[InputRequired(), Length(max=200, message=TOO_LONG)])
