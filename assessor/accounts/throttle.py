"""Slow down repeated failed logins, per e-mail address and per client address.

State lives in the database (``login_throttle``), so every worker and every machine
sharing the database applies the same limits.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError

from assessor.extensions import db
from assessor.models import LoginThrottle

FREE_FAILURES = 5
"""Failed attempts allowed before any waiting is imposed."""
MAX_DELAY_SECONDS = 300
"""Longest wait between attempts once an attacker keeps failing."""
FORGET_AFTER = timedelta(hours=1)
"""A key's failures are forgotten after this long without a new failure."""


def _aware(moment: datetime) -> datetime:
    # SQLite returns naive datetimes even for timezone-aware columns.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def required_wait(keys: list[str], now: datetime | None = None) -> int:
    """Seconds the client must still wait before its next attempt (0 = may try now)."""
    now = now or datetime.now(UTC)
    wait = 0
    for key in keys:
        row = db.session.get(LoginThrottle, key)
        if row is None or row.failures < FREE_FAILURES:
            continue
        last = _aware(row.last_failure_at)
        if now - last > FORGET_AFTER:
            continue
        delay = min(2 ** (row.failures - FREE_FAILURES), MAX_DELAY_SECONDS)
        remaining = delay - (now - last).total_seconds()
        wait = max(wait, int(remaining + 0.999))
    return wait


def record_failure(keys: list[str], now: datetime | None = None) -> None:
    """Count one more failed attempt for each key (committed immediately).

    Two workers may record the first failure of a key at once; the loser retries as an update.
    """
    now = now or datetime.now(UTC)
    try:
        _record(keys, now)
    except IntegrityError:
        db.session.rollback()
        _record(keys, now)


def _record(keys: list[str], now: datetime) -> None:
    for key in keys:
        row = db.session.get(LoginThrottle, key)
        if row is None:
            db.session.add(LoginThrottle(key=key, failures=1, last_failure_at=now))
        else:
            fresh = now - _aware(row.last_failure_at) > FORGET_AFTER
            row.failures = 1 if fresh else row.failures + 1
            row.last_failure_at = now
    db.session.commit()


def clear(keys: list[str]) -> None:
    """Forget the failures of ``keys`` after a successful login."""
    for key in keys:
        row = db.session.get(LoginThrottle, key)
        if row is not None:
            db.session.delete(row)
    db.session.commit()
