"""Finding a workshop by its short code or its join link (no writes here)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from assessor.extensions import db
from assessor.models import Assessment

JOIN_CODE_SHAPE = re.compile(r"[A-Z0-9]{4,12}")
"""What a typed code must look like once spaces are dropped and letters raised; anything else is not queried."""


def assessment_by_code(code: str) -> Assessment | None:
    """Find the workshop with this short code (case and spaces ignored)."""
    cleaned = "".join(code.split()).upper()
    if not JOIN_CODE_SHAPE.fullmatch(cleaned):
        return None
    found: Assessment | None = db.session.scalar(sa.select(Assessment).where(Assessment.join_code == cleaned))
    return found


def assessment_by_join_token(token: str) -> Assessment | None:
    """Find the workshop with this join-link token."""
    found: Assessment | None = db.session.scalar(sa.select(Assessment).where(Assessment.join_token == token))
    return found
