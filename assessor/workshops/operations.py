"""State changes of a workshop (one commit per operation, each logged)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from assessor.accounts.joins import new_join_code
from assessor.extensions import db
from assessor.history import record
from assessor.models import Answer, Assessment, Consensus, FirstRoundAnswer, Respondent, User, VoteRound, new_token
from assessor.models.core import now

FLAGS = ("revealed", "locked")
"""The switches a facilitator sets: distributions shown to the room; answering ended."""


def open_workshop(assessment: Assessment, actor: User | None = None) -> None:
    """Give the assessment a join code and link (once) and switch it to workshop mode (a survey stays one)."""
    if assessment.join_token:
        return
    _draw(assessment, "workshop opened", actor)


def set_closing(assessment: Assessment, closes_at: datetime | None, actor: User | None = None) -> None:
    """Set (or clear, with None) a survey's closing time; the view has checked that it lies in the future."""
    assessment.closes_at = closes_at
    record("survey closing set", assessment, actor, closes_at.isoformat() if closes_at else "no closing date")
    db.session.commit()


def regenerate_join(assessment: Assessment, actor: User | None = None) -> None:
    """Replace the join code and link (or give new ones to a closed workshop): the old ones stop
    working at once. Participants who joined keep answering through their own links."""
    _draw(assessment, "join code regenerated", actor)


def close_join(assessment: Assessment, actor: User | None = None) -> None:
    """Withdraw the join code and link: nobody new can join until a new code is drawn."""
    assessment.join_code = None
    assessment.join_token = None
    record("join code closed", assessment, actor)
    db.session.commit()


def _draw(assessment: Assessment, verb: str, actor: User | None) -> None:
    for _attempt in range(5):
        if assessment.mode != "survey":  # a survey keeps its mode: its link is the same machinery
            assessment.mode = "workshop"
        assessment.join_code = new_join_code()
        assessment.join_token = new_token()
        record(verb, assessment, actor)
        try:
            db.session.commit()
        except IntegrityError:  # the same code was drawn twice: draw again
            db.session.rollback()
            continue
        return
    raise RuntimeError("could not draw a unique workshop code")


def set_flag(assessment: Assessment, flag: str, value: bool, actor: User | None = None) -> None:
    """Set ``revealed`` or ``locked``."""
    if flag not in FLAGS:
        raise ValueError(flag)
    setattr(assessment, flag, value)
    event = {("revealed", True): "revealed", ("revealed", False): "hidden", ("locked", True): "locked"}
    record(f"workshop {event.get((flag, value), 'unlocked')}", assessment, actor)
    db.session.commit()


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
    record("consensus set", assessment, actor, f"item {item_code} level {level}")
    db.session.commit()


def discuss_item(assessment: Assessment, item_code: str, actor: User | None = None) -> None:
    """Make ``item_code`` the item under discussion: the presenter screen shows its distribution."""
    assessment.discussed_item = item_code
    record("workshop item discussed", assessment, actor, f"item {item_code}")
    db.session.commit()


def open_second_round(assessment: Assessment, item_codes: list[str], actor: User | None = None) -> list[str]:
    """Open a second vote on ``item_codes`` (the discussion queue, or one item); return those opened.

    An item voted on for the first time gets a snapshot of every answer it has now (round 1), in
    the same transaction; an item whose second vote was closed is reopened and keeps its snapshot;
    an item already open is left as it is. Nothing happens (no history entry) when nothing opens.
    """
    known = {
        row.item_code: row
        for row in db.session.scalars(
            sa.select(VoteRound).where(VoteRound.assessment_id == assessment.id, VoteRound.item_code.in_(item_codes))
        )
    }
    fresh = [code for code in dict.fromkeys(item_codes) if code not in known]
    reopened = [code for code in dict.fromkeys(item_codes) if code in known and known[code].closed_at is not None]
    if not fresh and not reopened:
        return []
    stamp = now()
    for code in reopened:
        known[code].closed_at = None
        known[code].opened_at = stamp
    for code in fresh:
        db.session.add(VoteRound(assessment_id=assessment.id, item_code=code, opened_at=stamp))
    if fresh:
        db.session.execute(
            sa.insert(FirstRoundAnswer).from_select(
                ["respondent_id", "item_code", "level", "is_na"],
                sa.select(Answer.respondent_id, Answer.item_code, Answer.level, Answer.is_na)
                .join(Respondent, Respondent.id == Answer.respondent_id)
                .where(Respondent.assessment_id == assessment.id, Answer.item_code.in_(fresh)),
            )
        )
    opened = sorted(fresh + reopened)
    record("second round opened", assessment, actor, f"items {' '.join(opened)}")
    try:
        db.session.commit()
    except IntegrityError:  # a second click opened the same items at the same moment: that one stands
        db.session.rollback()
        return []
    return opened


def close_second_round(assessment: Assessment, actor: User | None = None) -> list[str]:
    """Close every open second vote of the assessment; return the items closed (none: no entry)."""
    rows = list(
        db.session.scalars(
            sa.select(VoteRound).where(VoteRound.assessment_id == assessment.id, VoteRound.closed_at.is_(None))
        )
    )
    if not rows:
        return []
    stamp = now()
    for row in rows:
        row.closed_at = stamp
    closed = sorted(row.item_code for row in rows)
    record("second round closed", assessment, actor, f"items {' '.join(closed)}")
    db.session.commit()
    return closed
