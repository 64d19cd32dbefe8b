"""Attempt counters over fixed windows, shared by every worker through the database.

Each counter (a row of ``throttle``) is counted by one atomic statement,
``INSERT … ON CONFLICT (key) DO UPDATE SET hits = hits + 1 … RETURNING hits``, on SQLite and
PostgreSQL alike, so parallel attempts are all counted and each one sees its own rank: of 30
parallel attempts against a limit of 5, exactly 5 are let through. The rules built on these
counters live with their callers (:mod:`assessor.accounts.users` for logins,
:mod:`assessor.accounts.joins` for join codes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from assessor.extensions import db
from assessor.models import Throttle


class ThrottledError(Exception):
    """Too many attempts: the client must wait ``seconds`` before trying again (``Retry-After``)."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"wait {seconds} s")
        self.seconds = max(1, seconds)


@dataclass(frozen=True)
class Count:
    """A counter just after a hit: ``hits`` in the current window, which ends in ``seconds_left``."""

    hits: int
    seconds_left: int


def _aware(moment: datetime) -> datetime:
    # SQLite returns naive datetimes even for timezone-aware columns (they are stored in UTC).
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _storable(key: str) -> str:
    # Keys embed what clients typed; PostgreSQL refuses NUL in text, and the column has a length.
    return key.replace("\x00", "\ufffd")[:300]


def hit(key: str, window: timedelta, now: datetime | None = None) -> Count:
    """Count one attempt for ``key`` in one atomic statement and commit it.

    A key whose window has ended starts again from 1 with a fresh window.
    """
    now = now or datetime.now(UTC)
    key = _storable(key)
    table = Throttle.__table__
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(table).values(key=key, hits=1, expires_at=now + window)
    expired = table.c.expires_at <= now
    statement = insert.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "hits": sa.case((expired, 1), else_=table.c.hits + 1),
            "expires_at": sa.case((expired, now + window), else_=table.c.expires_at),
        },
    ).returning(table.c.hits, table.c.expires_at)
    hits, expires_at = db.session.execute(statement).one()
    db.session.commit()
    return Count(hits, math.ceil((_aware(expires_at) - now).total_seconds()))


def refund(*keys: str) -> None:
    """Take back one counted attempt of each key (a success that should not count)."""
    table = Throttle.__table__
    keys = tuple(map(_storable, keys))
    db.session.execute(sa.update(table).where(table.c.key.in_(keys), table.c.hits > 0).values(hits=table.c.hits - 1))
    db.session.commit()


def reset(*keys: str) -> None:
    """Forget the attempts of ``keys`` (a success that clears the slate)."""
    table = Throttle.__table__
    db.session.execute(sa.delete(table).where(table.c.key.in_(tuple(map(_storable, keys)))))
    db.session.commit()


def forget_expired(now: datetime | None = None) -> int:
    """Delete the counters whose window has ended; return how many."""
    table = Throttle.__table__
    result = db.session.execute(sa.delete(table).where(table.c.expires_at <= (now or datetime.now(UTC))))
    db.session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
