"""Plain helpers for tests: paths, an app on a migrated database, and talking to forms."""

from __future__ import annotations

import os
import re
import secrets
import tempfile
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
            # Cached PDFs go to a folder of this app's own, never to the project's instance folder.
            # (created only when a PDF is written, so most apps leave nothing behind)
            "PRINTOUTS_DIR": Path(tempfile.gettempdir()) / f"assessor-printouts-{secrets.token_hex(8)}",
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


def logged_in(app: Flask, email: str) -> FlaskClient:
    """A new client of ``app``, logged in as ``email`` (with the test password)."""
    client = app.test_client()
    login(client, email)
    return client


def open_workshop(client: FlaskClient, questionnaire: str = "mini") -> tuple[int, str, str]:
    """Create an organisation and a workshop assessment, open it; return (id, code, join url)."""
    token = csrf_token(client.get("/").get_data(as_text=True))
    org_url = client.post("/organisations", data={"csrf_token": token, "name": "Client <em>X</em>"}).headers["Location"]
    made = client.post(
        f"{org_url}/assessments",
        data={
            "csrf_token": token,
            "title": "Kick-off workshop",
            "questionnaire": questionnaire,
            "assessed_on": "2026-11-22",
            "mode": "workshop",
        },
    )
    assessment_id = int(made.headers["Location"].rsplit("/", 1)[-1])
    client.post(f"/assessments/{assessment_id}/workshop/open", data={"csrf_token": token})
    page = client.get(f"/assessments/{assessment_id}/workshop").get_data(as_text=True)
    code = re.search(r'<strong class="code-big">([A-Z0-9]{6})</strong>', page)
    link = re.search(r'<p class="join-url"><a href="http://localhost(/w/[^"]+)">', page)
    assert code and link, page
    return assessment_id, code.group(1), link.group(1)


def join_by_code(participant: FlaskClient, code: str, language: str = "en", name: str = "", segment: str = "") -> str:
    """Join by the short code (typed in lower case with spaces) and return the respondent token."""
    token = csrf_token(participant.get("/join").get_data(as_text=True))
    found = participant.post("/join", data={"csrf_token": token, "code": f" {code[:3].lower()} {code[3:]} "})
    assert found.status_code == 302
    join_url = found.headers["Location"]
    token = csrf_token(participant.get(join_url).get_data(as_text=True))
    joined = participant.post(
        join_url, data={"csrf_token": token, "language": language, "name": name, "segment": segment}
    )
    assert joined.status_code == 302
    return participant.get(joined.headers["Location"]).headers["Location"].split("/")[2]


def autosave(participant: FlaskClient, token: str, code: str, **fields: str) -> TestResponse:
    """Autosave one item the way the answering page's script does (fields: level, comment, ...)."""
    page = participant.get(f"/respond/{token}/{code.split('-')[0]}").get_data(as_text=True)  # the item's element page
    key = "i_" + code.replace("-", "_")
    data = {f"{key}-{name}": value for name, value in fields.items()}
    return participant.post(f"/respond/{token}/items/{code}", data=data, headers={"X-CSRFToken": csrf_token(page)})


_SECRET = re.compile(r'<code class="secret">([^<]+)</code>')


def shown_password(html: str) -> str:
    """The one-time password a result page shows (once)."""
    match = _SECRET.search(html)
    assert match, "no one-time password in page"
    return match.group(1)


def start_classroom(trainer: FlaskClient, case: str = "bus-operator", questionnaire: str = "quick") -> tuple[int, str]:
    """Start a classroom session through the trainer's form; return (session id, join code)."""
    page = trainer.get("/classroom").get_data(as_text=True)
    made = trainer.post(
        "/classroom", data={"csrf_token": csrf_token(page), "case": case, "questionnaire": questionnaire}
    )
    assert made.status_code == 302, made.get_data(as_text=True)
    session_id = int(made.headers["Location"].rsplit("/", 1)[-1])
    screen = trainer.get(f"/classroom/{session_id}").get_data(as_text=True)
    code = re.search(r'<strong class="code-big">([A-Z0-9]{6})</strong>', screen)
    assert code, screen
    return session_id, code.group(1)


def join_classroom(trainee: FlaskClient, code: str, name: str = "", language: str = "en") -> str:
    """Join a classroom session by its code (typed in lower case with spaces); return the trainee token."""
    token = csrf_token(trainee.get("/classroom/join").get_data(as_text=True))
    found = trainee.post("/classroom/join", data={"csrf_token": token, "code": f" {code[:3].lower()} {code[3:]}"})
    assert found.status_code == 302
    join_url = found.headers["Location"]
    page = trainee.get(join_url).get_data(as_text=True)
    joined = trainee.post(join_url, data={"csrf_token": csrf_token(page), "language": language, "name": name})
    assert joined.status_code == 302
    return joined.headers["Location"].rsplit("/", 1)[-1]


def rate_classroom(trainee: FlaskClient, token: str, ratings: dict[str, str]) -> TestResponse:
    """Send the rating form of a trainee (item code -> level or ``na``)."""
    page = trainee.get(f"/t/{token}/rate").get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), **{f"rate-{code}": value for code, value in ratings.items()}}
    return trainee.post(f"/t/{token}/rate", data=data)


def post_button(client: FlaskClient, url: str, page_url: str) -> int:
    """Press a one-button form (only the CSRF token) on ``page_url``; return the status."""
    token = csrf_token(client.get(page_url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token}).status_code
