"""State changes of a workshop (one commit per operation, each logged)."""

from __future__ import annotations

import logging
import secrets

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from assessor.extensions import db
from assessor.logs import who
from assessor.models import Assessment, Consensus, User, new_token

log = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Letters and digits that cannot be mistaken for one another when read off a projector."""
CODE_LENGTH = 6
"""31**6 ≈ 8.9 × 10⁸ codes; guessing is also slowed by the join throttle."""
FLAGS = ("revealed", "locked")
"""The switches a facilitator sets: distributions shown to the room; answering ended."""


def new_join_code() -> str:
    """Return a random short code, e.g. ``K7QX2M``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def open_workshop(assessment: Assessment, actor: User | None = None) -> None:
    """Give the assessment a join code and link (once) and switch it to workshop mode."""
    if assessment.join_token:
        return
    for _attempt in range(5):
        assessment.mode = "workshop"
        assessment.join_code = new_join_code()
        assessment.join_token = new_token()
        try:
            db.session.commit()
        except IntegrityError:  # the same code was drawn twice: draw again
            db.session.rollback()
            continue
        log.info("workshop opened: assessment %s by %s", assessment.id, who(actor))
        return
    raise RuntimeError("could not draw a unique workshop code")


def set_flag(assessment: Assessment, flag: str, value: bool, actor: User | None = None) -> None:
    """Set ``revealed`` or ``locked``."""
    if flag not in FLAGS:
        raise ValueError(flag)
    setattr(assessment, flag, value)
    db.session.commit()
    event = {("revealed", True): "revealed", ("revealed", False): "hidden", ("locked", True): "locked"}
    log.info("workshop %s: assessment %s by %s", event.get((flag, value), "unlocked"), assessment.id, who(actor))


def set_consensus(
    assessment: Assessment, item_code: str, level: int, rationale: str, actor: User | None = None
) -> None:
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
    log.info("consensus set: assessment %s item %s level %d by %s", assessment.id, item_code, level, who(actor))
