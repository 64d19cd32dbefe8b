"""Language selection: an explicit choice in the session, else the browser's, else the default."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, redirect, request, session
from werkzeug.wrappers import Response

bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    """Return ``en`` or ``ja`` for the current request (used by Flask-Babel)."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    best = request.accept_languages.best_match(languages)
    return best or str(current_app.config["BABEL_DEFAULT_LOCALE"])


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Return ``target`` if it is a path on this site, else ``fallback`` (no open redirects)."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


@bp.get("/language/<lang>")
def switch(lang: str) -> Response:
    """Remember the chosen language and go back to the page the user was on."""
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(safe_next(request.args.get("next")))


def current_lang() -> str:
    """The language of the current request, for templates (``en`` or ``ja``)."""
    from flask_babel import get_locale

    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def format_day(day: date) -> str:
    """A date as people write it: 22 November 2026 / 2026年11月22日 (same rule as the reports)."""
    from assessor import numbers

    return numbers.day(day, current_lang())


def segment_label(segment: str | None) -> str:
    """The translated name of a respondent segment."""
    from assessor.questionnaires.forms import SEGMENTS

    labels = {choice.value: choice.label for choice in SEGMENTS}
    return str(labels.get(segment or "", segment or ""))


def gap_points(value: float | None) -> str:
    """A gap to target (target − score) in whole points, or a tick when the target is met."""
    from assessor import numbers

    if value is None:
        return "—"
    return numbers.points(value) if numbers.whole(value) > 0 else "✔"


def init_app(app: Flask) -> None:
    """Expose the language and number helpers to templates."""
    from assessor import numbers

    app.jinja_env.globals.update(current_lang=current_lang, format_day=format_day, segment_label=segment_label)
    # Numbers are written by the same rules as in the PDF report (whole percentages, rounded half up).
    app.jinja_env.filters.update(pct=numbers.pct, gap=gap_points)
