"""State changes of a workshop (one commit per operation)."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from flask import abort
from sqlalchemy.exc import IntegrityError

from assessor.extensions import db
from assessor.models import Assessment, Consensus, new_token

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Letters and digits that cannot be mistaken for one another when read off a projector."""
CODE_LENGTH = 6
"""31**6 ≈ 8.9 × 10⁸ codes; guessing is also slowed by the join throttle."""


def new_join_code() -> str:
    """Return a random short code, e.g. ``K7QX2M``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def open_workshop(assessment: Assessment) -> None:
    """Give the assessment a join code and link (once) and switch it to workshop mode."""
    if assessment.join_token:
        return
    for _attempt in range(5):
        assessment.mode = "workshop"
        assessment.join_code = new_join_code()
        assessment.join_token = new_token()
        try:
            db.session.commit()
            return
        except IntegrityError:  # the same code was drawn twice: draw again
            db.session.rollback()
    raise RuntimeError("could not draw a unique workshop code")


def set_flag(assessment: Assessment, flag: str, value: bool) -> None:
    """Set ``revealed`` or ``locked``."""
    if flag not in ("revealed", "locked"):
        raise ValueError(flag)
    setattr(assessment, flag, value)
    db.session.commit()


def set_consensus(assessment: Assessment, item_code: str, level: int, rationale: str) -> None:
    """Record (or change) the agreed level of one item; respondents' answers stay as they are."""
    existing = db.session.scalar(
        sa.select(Consensus).where(Consensus.assessment_id == assessment.id, Consensus.item_code == item_code)
    )
    if existing is None:
        db.session.add(Consensus(assessment=assessment, item_code=item_code, level=level, rationale=rationale))
    else:
        existing.level = level
        existing.rationale = rationale
    db.session.commit()


def clear_consensus(assessment: Assessment, item_code: str) -> None:
    """Remove the agreed level of one item, so the median counts again."""
    db.session.execute(
        sa.delete(Consensus).where(Consensus.assessment_id == assessment.id, Consensus.item_code == item_code)
    )
    db.session.commit()


def assessment_by_code(code: str) -> Assessment | None:
    """Find the workshop with this short code (case and spaces ignored)."""
    cleaned = "".join(code.split()).upper()
    return db.session.scalar(sa.select(Assessment).where(Assessment.join_code == cleaned))


def assessment_by_join_token(token: str) -> Assessment:
    """Return the workshop with this join-link token, or answer 404."""
    found = db.session.scalar(sa.select(Assessment).where(Assessment.join_token == token))
    if found is None:
        abort(404)
    return found
