"""The baseline for benchmarks/workshop.py: a bare Flask + SQLAlchemy endpoint that inserts one row.

Same database engine and durability settings as assessor (SQLite, WAL, synchronous=FULL,
busy timeout), no sessions, no CSRF, no validation: what one save costs at the least.
Run by the benchmark as ``gunicorn benchmarks.bare_app:app`` with ``BARE_DATABASE`` set.
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from flask import Flask, jsonify, request

engine = sa.create_engine(f"sqlite:///{os.environ['BARE_DATABASE']}")


@sa.event.listens_for(engine, "connect")
def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


metadata = sa.MetaData()
answers = sa.Table(
    "answer",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("respondent", sa.String(64)),
    sa.Column("item_code", sa.String(20)),
    sa.Column("level", sa.Integer),
)


def create_schema() -> None:
    """Create the table (the benchmark calls this once, before the workers start)."""
    metadata.create_all(engine)


app = Flask(__name__)


@app.post("/save/<respondent>/<code>")
def save(respondent: str, code: str):  # type: ignore[no-untyped-def]
    """Insert one answer and commit."""
    level = int(request.form.get("level", "0"))
    with engine.begin() as conn:
        conn.execute(answers.insert().values(respondent=respondent, item_code=code, level=level))
    return jsonify(saved=True)
