"""Shared fixtures: apps on a real, migrated database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from assessor import create_app

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
MINI_STANDARDS = TESTS / "data" / "mini_standards"
REAL_STANDARDS = ROOT / "standards"
POSTGRES_URL = os.environ.get("ASSESSOR_TEST_POSTGRES_URL")
"""A PostgreSQL database the tests may wipe, e.g. ``postgresql+psycopg:///assessor_test``.
CI sets it; without it the PostgreSQL variants are skipped locally (and CI fails if unset)."""


def make_app(database_url: str, standards: Path = MINI_STANDARDS, **extra: object) -> Flask:
    """Create an app on ``database_url`` and bring the schema up with the Alembic migrations."""
    from flask_migrate import upgrade

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


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("ASSESSOR_TEST_POSTGRES_URL must be set in CI")
        pytest.skip("ASSESSOR_TEST_POSTGRES_URL not set")
    reset_postgres(POSTGRES_URL)
    yield POSTGRES_URL


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    """An app with the mini standards on a fresh SQLite file; CSRF is on, as in production."""
    application = make_app(f"sqlite:///{tmp_path / 'app.sqlite'}")
    yield application
    with application.app_context():
        from assessor.extensions import db

        db.engine.dispose()


@pytest.fixture
def real_app(tmp_path: Path) -> Flask:
    """An app with the shipped standards on a fresh SQLite file."""
    return make_app(f"sqlite:///{tmp_path / 'real.sqlite'}", standards=REAL_STANDARDS)


PASSWORD = "correct horse battery"


def add_user(
    app: Flask, email: str, role: str = "consultant", workspace: str | None = "Workspace A", **extra: object
) -> int:
    """Create a user (and its workspace) directly in the database; return the user id."""
    from assessor.accounts.users import create_user
    from assessor.extensions import db
    from assessor.models import Role, Workspace

    with app.app_context():
        ws = None
        if workspace is not None:
            ws = db.session.scalar(sa.select(Workspace).where(Workspace.name == workspace)) or Workspace(name=workspace)
        user = create_user(email, email.split("@")[0], PASSWORD, Role(role), workspace=ws, **extra)  # type: ignore[arg-type]
        return int(user.id)


def login(client: FlaskClient, email: str, password: str = PASSWORD) -> None:
    """Log ``client`` in through the real login form."""
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"csrf_token": token, "email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client logged in as a consultant owning "Workspace A"."""
    add_user(app, "consultant@example.com")
    test_client = app.test_client()
    login(test_client, "consultant@example.com")
    return test_client


@pytest.fixture
def anon_client(app: Flask) -> FlaskClient:
    """A test client that is not logged in (a workshop participant)."""
    return app.test_client()


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini standards, to corrupt."""
    target = tmp_path / "standards"
    shutil.copytree(MINI_STANDARDS, target)
    return target


_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """Extract the CSRF token from a rendered form."""
    match = _CSRF.search(html)
    assert match, "no CSRF token in page"
    return match.group(1)
