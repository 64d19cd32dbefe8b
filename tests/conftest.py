"""Shared fixtures: apps on a real, migrated database (SQLite, and PostgreSQL when configured),
and test clients that say whose they are. Helpers live in tests/helpers.py, builders in tests/factories.py."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from assessor.extensions import db
from tests.factories import add_user
from tests.helpers import MINI_STANDARDS, POSTGRES_URL, REAL_STANDARDS, login, make_app, reset_postgres


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
def site(database_url: str) -> Iterator[Flask]:
    """An app with the mini standards on each database (SQLite and PostgreSQL), nobody in it yet."""
    application = make_app(database_url)
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def real_site(database_url: str) -> Iterator[Flask]:
    """An app with the shipped standards (full and quick questionnaires, the calibration cases) on each database."""
    application = make_app(database_url, standards=REAL_STANDARDS)
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    """An app with the mini standards on a fresh SQLite file; CSRF is on, as in production."""
    application = make_app(f"sqlite:///{tmp_path / 'app.sqlite'}")
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def real_app(tmp_path: Path) -> Flask:
    """An app with the shipped standards on a fresh SQLite file."""
    return make_app(f"sqlite:///{tmp_path / 'real.sqlite'}", standards=REAL_STANDARDS)


@pytest.fixture
def consultant_client(app: Flask) -> FlaskClient:
    """A test client logged in as a consultant owning "Workspace A"."""
    add_user(app, "consultant@example.com")
    test_client = app.test_client()
    login(test_client, "consultant@example.com")
    return test_client


@pytest.fixture
def participant_client(app: Flask) -> FlaskClient:
    """A test client that is not logged in (a workshop participant)."""
    return app.test_client()


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini standards, to corrupt."""
    target = tmp_path / "standards"
    shutil.copytree(MINI_STANDARDS, target)
    return target
