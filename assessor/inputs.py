"""The input rules every entry point shares: plain text, levels, e-mail addresses and URL tokens.

**Text.** Control characters (Unicode category *Cc*: U+0000–U+001F and U+007F–U+009F) are
refused, NUL above all (PostgreSQL cannot store it in text, and no browser types one). Tab is
accepted everywhere; line breaks (LF, and CR as part of CRLF, which browsers send from a
``<textarea>``) only in multi-line fields. The rule is applied by :class:`InputForm` (the base
of every form) to every submitted field, by :func:`assessor.questionnaires.answers.parse_answer`
for the autosave API, and by account creation; a refused value gets a clear message, nothing is
silently changed.

**Levels.** :func:`parse_level` is the only way a submitted level becomes a number: ASCII
digits naming a level of the scale, or ``na``. ``²``, ``①``, ``٣``, ``３`` and 5,000 nines are
refused (``str.isdigit`` and ``int`` accept some of them).

**E-mail.** :func:`checked_email` (email-validator, syntax only: no DNS look-up) for every
account created, from the web or the command line.

**URL tokens.** :func:`register_converters` gives routes converters that match only the shape of
what they carry (answer and join tokens, item codes, ids), so a malformed value is a 404 from the
router before any view or query runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.routing import BaseConverter
from wtforms import Field, FloatField, FormField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from assessor.plaintext import NA as NA  # re-exported: the forms and the API import them from here
from assessor.plaintext import control_character as control_character
from assessor.plaintext import parse_level as parse_level

_WHOLE = re.compile(r"[0-9]{1,9}")
"""A whole number in a form field (targets): ASCII digits only, at most nine."""
_NUMBER = re.compile(r"[+\-−]?[0-9]{1,9}(?:\.[0-9]{1,6})?")
"""A decimal number as people type it: ASCII digits, an optional sign (also U+2212 −), a point."""


def control_message(char: str) -> str:
    """The message for a refused control character (translated)."""
    return str(_l("Remove the invisible control character %(char)s from this field: it cannot be saved.", char=char))


def check_text(text: str, what: str, *, multiline: bool = False) -> str:
    """Return ``text`` if it follows the text rule.

    :raise ValueError: naming ``what`` and the character (for the command line and services).
    """
    char = control_character(text, multiline=multiline)
    if char:
        raise ValueError(f"{what} contains the control character {char}; remove it")
    return text


def checked_email(address: str) -> str:
    """Return the e-mail address, lower-cased and without surrounding spaces, if it is valid.

    :raise ValueError: with the reason (email-validator's words), for the command line and services.
    """
    address = address.strip(" \t")  # not str.strip(): it would drop line breaks and some controls unseen
    char = control_character(address)
    if char:
        raise ValueError(f"the e-mail address contains the control character {char}")
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(f"{address!r} is not a valid e-mail address: {error}") from error
    return address.lower()


# ---------------------------------------------------------------- WTForms


class PlainText:
    """WTForms validator: every submitted value of the field follows the text rule."""

    def __init__(self, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, form: Any, field: Field) -> None:
        for value in field.raw_data or ():
            char = control_character(value, multiline=self.multiline) if isinstance(value, str) else None
            if char:
                raise ValidationError(control_message(char))


class EmailAddress:
    """WTForms validator: an e-mail address valid for a new account (same rule as :func:`checked_email`)."""

    def __call__(self, form: Any, field: Field) -> None:
        try:
            checked_email(field.data or "")
        except ValueError as error:
            raise ValidationError(str(_l("Enter a valid e-mail address, such as name@example.com."))) from error


TOO_LONG = _l("Field cannot be longer than %(max)d characters.")
"""Our own wording for a text over its length (WTForms' Japanese default reads as a translation)."""


class InputForm(FlaskForm):
    """The base of every form: the text rule applies to every field, whatever its type.

    Sub-forms (:class:`~wtforms.FormField`) apply their own rules (the answer form calls
    :func:`assessor.questionnaires.answers.parse_answer`, which applies the same text rule).
    """

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Validate as usual, with :class:`PlainText` added to every field."""
        extra: dict[str, list[Any]] = {name: list(v) for name, v in (extra_validators or {}).items()}
        for name, field in self._fields.items():
            if not isinstance(field, FormField):
                extra.setdefault(name, []).append(PlainText(multiline=isinstance(field, TextAreaField)))
        return bool(super().validate(extra))


def join_code_field(label: Any) -> StringField:
    """The short code a person without an account types to join (a workshop or a classroom session)."""
    return StringField(
        label, validators=[InputRequired(), Length(min=4, max=12, message=_l("Enter %(min)d to %(max)d characters."))]
    )


def language_field() -> RadioField:
    """The language a person without an account answers in (English or Japanese)."""
    return RadioField(
        _l("Language"),
        choices=[SelectChoice("en", "English"), SelectChoice("ja", "日本語")],
        validators=[InputRequired()],
    )


def optional_name_field(label: Any) -> StringField:
    """An optional name of up to 120 characters (participants, trainees)."""
    return StringField(label, validators=[Optional(), Length(max=120, message=TOO_LONG)])


class WholeNumberField(IntegerField):
    """An integer field that takes ASCII digits only (``IntegerField`` would take ``３`` or ``٣``)."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        """Refuse anything but ASCII digits, then convert as ``IntegerField`` does."""
        if valuelist and not (isinstance(valuelist[0], str) and _WHOLE.fullmatch(valuelist[0].strip())):
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value."))
        super().process_formdata(valuelist)


class NumberField(FloatField):
    """A decimal field that takes ``-12``, ``+20``, ``4.5`` or ``−5`` and nothing else: no ``nan``,
    ``inf``, exponents or non-ASCII digits (``float()`` would take ``１`` or ``nan``)."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        """Refuse anything but a plain decimal number, then convert it."""
        if not valuelist or not isinstance(valuelist[0], str) or not valuelist[0].strip():
            self.data = None
            return
        text = valuelist[0].strip()
        if not _NUMBER.fullmatch(text):
            self.data = None
            raise ValueError(self.gettext("Not a valid float value."))
        self.data = float(text.replace("−", "-"))


# ---------------------------------------------------------------- URL converters


class TokenConverter(BaseConverter):
    """An answer or join token: URL-safe base64 characters (``secrets.token_urlsafe``), 8–64 of them."""

    regex = r"[A-Za-z0-9_\-]{8,64}"


class ItemCodeConverter(BaseConverter):
    """An item code as the standards schema defines it, e.g. ``E1-01``."""

    regex = r"[A-Z][A-Z0-9]{0,15}-[0-9]{2,3}"


class IdConverter(BaseConverter):
    """A framework id (dimension, element), e.g. ``A`` or ``E3``."""

    regex = r"[A-Z][A-Z0-9]{0,15}"


class FileIdConverter(BaseConverter):
    """The id of a standards data file (a questionnaire), e.g. ``quick`` or ``full``."""

    regex = r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}"


CONVERTERS: dict[str, type[BaseConverter]] = {
    "token": TokenConverter,
    "item": ItemCodeConverter,
    "id": IdConverter,
    "file_id": FileIdConverter,
}


def register_converters(app: Flask) -> None:
    """Make the shape converters available to routes (before the blueprints are registered)."""
    app.url_map.converters.update(CONVERTERS)
