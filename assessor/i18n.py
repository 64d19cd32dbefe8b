"""Language selection (an explicit choice in the session, else the browser's, else the default)
and the language-aware helpers templates use."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, has_request_context, redirect, request, session
from flask.typing import ResponseReturnValue
from flask_babel import get_locale

from assessor import numbers
from assessor.config import LANGUAGES
from assessor.inputs import control_character

bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    """Return ``en`` or ``ja`` for the current request (used by Flask-Babel); the default outside one (commands)."""
    if not has_request_context():
        return str(current_app.config["BABEL_DEFAULT_LOCALE"])
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    best = request.accept_languages.best_match(languages)
    return best or str(current_app.config["BABEL_DEFAULT_LOCALE"])


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Return ``target`` if it is a path on this site, else ``fallback`` (no open redirects).

    A target with a control character or a line break is refused too (it would break the
    ``Location`` header).
    """
    if not target or control_character(target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


@bp.get(f"/language/<any({', '.join(LANGUAGES)}):lang>")
def switch(lang: str) -> ResponseReturnValue:
    """Remember the chosen language and go back to the page the user was on."""
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(safe_next(request.args.get("next")))


def current_lang() -> str:
    """The language of the current request, for templates (``en`` or ``ja``)."""
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def asked_lang() -> str:
    """The language a download asks for with ``?lang=en|ja``; the page's language otherwise (an unknown value too)."""
    lang = request.args.get("lang", "")
    return lang if lang in current_app.config["LANGUAGES"] else current_lang()


def format_day(day: date) -> str:
    """A date as people write it: 22 November 2026 / 2026年11月22日 (same rule as the reports)."""
    return numbers.day(day, current_lang())


def local_zone() -> tzinfo:
    """The deployment's time zone (``ASSESSOR_TIMEZONE``, default UTC): times are shown and entered in it."""
    name = str(current_app.config.get("TIMEZONE", "UTC"))
    return UTC if name == "UTC" else ZoneInfo(name)


def local_zone_label() -> str:
    """The abbreviation of the deployment's time zone now (``UTC``, ``JST``)."""
    return numbers.zone_label(datetime.now(local_zone()))


def format_moment(at: datetime) -> str:
    """A point in time in the deployment's time zone, in the page's language (same rule as :func:`format_day`)."""
    return numbers.moment(at, current_lang(), local_zone())


def format_pct(value: float | None) -> str:
    """A whole percentage in the page's language: ``72 %`` / ``72%``."""
    return numbers.pct(value, current_lang())


def format_paren(text: object) -> str:
    """An aside in the page's language: `` (Developing)`` / ``（発展途上）``."""
    return numbers.paren(text, current_lang())


def colon() -> str:
    """What separates a label from its value: ``: `` in English, a full-width ``：`` in Japanese."""
    return "：" if current_lang() == "ja" else ": "


def gap_points(value: float | None) -> str:
    """A gap to target (target − score) in whole points, or a tick when the target is met."""
    if value is None:
        return "—"
    return numbers.points(value) if numbers.whole(value) > 0 else "✔"
