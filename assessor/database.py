"""Engine settings that make concurrent writers safe on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from assessor.extensions import db

SQLITE_BUSY_TIMEOUT_MS = 10_000
"""How long a SQLite writer waits for the lock before failing (workshops write in bursts)."""


def configure_engine(app: Flask) -> None:
    """Turn on WAL, a busy timeout and foreign keys for SQLite connections."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers work while a participant's answer is being written; synchronous=FULL
    # makes a committed answer survive a power cut, not only a process crash.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def dialect_insert(dialect: str) -> Callable[..., Any]:
    """The ``insert`` construct with ``ON CONFLICT ... DO UPDATE`` for the engine's dialect
    (``"postgresql"`` or ``"sqlite"``): the one home for every upsert."""
    return postgresql_insert if dialect == "postgresql" else sqlite_insert
