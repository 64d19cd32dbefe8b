"""A cache in the database for what many people ask of one assessment at once.

After the reveal every phone reloads its end screen, and every projector polls the presenter
screen; computing the same thing for each would cost one scoring per request.  The first request
after a change computes it and stores it here, keyed by assessment and view and tagged with the
version it was computed from; every other request, on any worker or machine, reads the row.  A row
is used only while its version is the current one, so nobody is shown anything stale.  Writing it
is a cache fill, not a state change: no history entry and no log line.
"""

from __future__ import annotations

from assessor.database import dialect_insert
from assessor.extensions import db
from assessor.models import ViewCache
from assessor.models.core import now


def cached(assessment_id: int, key: str, version: str) -> str | None:
    """The stored payload of ``key`` if it was computed from ``version``, else ``None``."""
    row = db.session.get(ViewCache, (assessment_id, key), populate_existing=True)
    return row.payload if row is not None and row.version == version else None


def keep(assessment_id: int, key: str, version: str, payload: str) -> None:
    """Store ``payload`` as ``key``'s, computed from ``version`` (two workers storing at once both succeed)."""
    statement = dialect_insert(db.engine.dialect.name)(ViewCache).values(
        assessment_id=assessment_id, key=key, version=version, payload=payload, computed_at=now()
    )
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=[ViewCache.assessment_id, ViewCache.key],
            set_={
                "version": statement.excluded.version,
                "payload": statement.excluded.payload,
                "computed_at": statement.excluded.computed_at,
            },
        )
    )
    db.session.commit()
