"""Plain helpers for tests: paths, an app on a migrated database, and talking to forms."""

from __future__ import annotations

import os
import re
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from werkzeug.test import TestResponse

from assessor import create_app

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
MINI_STANDARDS = TESTS / "data" / "mini_standards"
REAL_STANDARDS = ROOT / "standards"
POSTGRES_URL = os.environ.get("ASSESSOR_TEST_POSTGRES_URL")
"""A PostgreSQL database the tests may wipe, e.g. ``postgresql+psycopg:///assessor_test``.
CI sets it; without it the PostgreSQL variants are skipped locally (and CI fails if unset)."""

PASSWORD = "correct horse battery"
"""The password of every account the factories create."""


def make_app(database_url: str, standards: Path = MINI_STANDARDS, **extra: object) -> Flask:
    """Create an app on ``database_url`` and bring the schema up with the Alembic migrations."""
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "STANDARDS_DIR": standards,
            "SECRET_KEY": "test-secret",
            **extra,
        }
    )
    with app.app_context():
        upgrade()
    return app


def reset_postgres(url: str) -> None:
    """Drop everything in the test database's public schema."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """Extract the CSRF token from a rendered form."""
    match = _CSRF.search(html)
    assert match, "no CSRF token in page"
    return match.group(1)


def post_form(client: FlaskClient, url: str, data: dict[str, str], page_url: str | None = None) -> TestResponse:
    """Post ``data`` to ``url`` with the CSRF token of the form page (``page_url``, default ``url``)."""
    token = csrf_token(client.get(page_url or url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def login(client: FlaskClient, email: str, password: str = PASSWORD) -> None:
    """Log ``client`` in through the real login form."""
    response = post_form(client, "/login", {"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
