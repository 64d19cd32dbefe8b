"""Configuration: defaults in code, deployment values from the environment.

Environment variables (all optional):

``DATABASE_URL``
    SQLAlchemy URL, e.g. ``postgresql+psycopg://user:pass@host/assessor``.
    Default: a SQLite file ``assessor.sqlite`` in the instance folder.
``SECRET_KEY``
    Signs sessions and CSRF tokens.  Default: a random key generated once into
    ``instance/secret_key`` (never committed; shared by every worker on the machine).
``ASSESSOR_LANGUAGE``
    Default UI language when the browser expresses no preference: ``en`` or ``ja``.
``ASSESSOR_STANDARDS_DIR``
    Where the framework data lives.  Default: ``standards/`` in the project.
``ASSESSOR_SECURE_COOKIES``
    ``1`` to send cookies only over HTTPS (set it whenever the site is served over HTTPS).
``ASSESSOR_LOG_LEVEL``
    Level of the ``assessor.*`` log lines on stderr (default ``INFO``).
``ASSESSOR_SESSION_IDLE_MINUTES``
    A login session ends after this many minutes without a request (default 120).
``ASSESSOR_SESSION_HOURS``
    A login session ends this many hours after the login, however active (default 12).
``ASSESSOR_PROXY_HOPS``
    Number of reverse proxies in front of the app whose ``X-Forwarded-*`` headers are trusted
    (default 0: none; the client address is the connection's).
``ASSESSOR_PRINTOUTS_DIR``
    Where the printable questionnaires' PDFs are cached.  Default: ``printouts/`` in the instance folder.
``ASSESSOR_MIN_GROUP_SIZE``
    Minimum group size (default 3, at least 3): breakdowns by segment, answer distributions
    and segment labels on comments show only groups of at least this many respondents.
    An assessment may raise it, never lower it.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assessor.scoring.privacy import MIN_GROUP_SIZE

ROOT = Path(__file__).resolve().parent.parent
"""The project directory: ``templates/``, ``standards/`` and ``migrations/`` live here."""

LANGUAGES = ("en", "ja")
MIN_GROUP_SIZE_FLOOR = MIN_GROUP_SIZE
"""The lowest minimum group size a deployment may set (the default too)."""
MIN_GROUP_SIZE_CEILING = 100
"""The highest minimum group size accepted (a deployment or an assessment)."""
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
MAX_COMMENT_LENGTH = 2000
"""Longest comment or evidence note accepted per answer (characters)."""
MAX_REASON_LENGTH = 500
"""Longest N/A reason accepted (characters)."""


def defaults(instance_path: Path) -> dict[str, Any]:
    """Return the configuration defaults, reading the environment once."""
    language = os.environ.get("ASSESSOR_LANGUAGE", "en")
    if language not in LANGUAGES:
        raise RuntimeError(f"ASSESSOR_LANGUAGE must be one of {', '.join(LANGUAGES)}, got {language!r}")
    log_level = os.environ.get("ASSESSOR_LOG_LEVEL", "INFO").upper()
    if log_level not in LOG_LEVELS:
        raise RuntimeError(f"ASSESSOR_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {log_level!r}")
    zone = os.environ.get("ASSESSOR_TIMEZONE", "UTC").strip() or "UTC"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise RuntimeError(f"ASSESSOR_TIMEZONE must name an IANA time zone such as Asia/Tokyo, got {zone!r}") from exc
    session_lifetime = timedelta(hours=_whole_number("ASSESSOR_SESSION_HOURS", 12, minimum=1, maximum=24 * 31))
    return {
        "MIN_GROUP_SIZE": _whole_number(
            "ASSESSOR_MIN_GROUP_SIZE",
            MIN_GROUP_SIZE_FLOOR,
            minimum=MIN_GROUP_SIZE_FLOOR,
            maximum=MIN_GROUP_SIZE_CEILING,
        ),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or _instance_secret(instance_path),
        "STANDARDS_DIR": Path(os.environ.get("ASSESSOR_STANDARDS_DIR", ROOT / "standards")),
        "PRINTOUTS_DIR": Path(os.environ.get("ASSESSOR_PRINTOUTS_DIR", instance_path / "printouts")),
        "BABEL_DEFAULT_LOCALE": language,
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "assessor" / "translations"),
        "LANGUAGES": LANGUAGES,
        "TIMEZONE": zone,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("ASSESSOR_SECURE_COOKIES") == "1",
        "SESSION_IDLE_TIMEOUT": timedelta(
            minutes=_whole_number("ASSESSOR_SESSION_IDLE_MINUTES", 120, minimum=1, maximum=24 * 60 * 31)
        ),
        "SESSION_LIFETIME": session_lifetime,
        "PERMANENT_SESSION_LIFETIME": session_lifetime,  # Flask refuses older signatures too
        "PROXY_HOPS": _whole_number("ASSESSOR_PROXY_HOPS", 0, minimum=0, maximum=5),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "LOG_LEVEL": log_level,
        "WTF_CSRF_TIME_LIMIT": None,  # a workshop can last all day; the token is bound to the session
    }


def _whole_number(name: str, default: int, *, minimum: int, maximum: int) -> int:
    """Read a whole-number setting, refusing anything else with a message naming it."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9) or not minimum <= int(raw) <= maximum:
        raise RuntimeError(f"{name} must be a whole number from {minimum} to {maximum}, got {raw!r}")
    return int(raw)


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        # Heroku-style URLs name the old driver; SQLAlchemy 2 wants an explicit psycopg (v3) one.
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgres://")
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url
    return f"sqlite:///{instance_path / 'assessor.sqlite'}"


def _instance_secret(instance_path: Path) -> str:
    """Read the instance secret, creating it atomically on first use."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        tmp = key_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(secrets.token_hex(32), encoding="ascii")
        tmp.chmod(0o600)
        # os.link fails if another worker won the race; then its key is the key.
        try:
            os.link(tmp, key_file)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return key_file.read_text(encoding="ascii").strip()
