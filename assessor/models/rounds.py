"""Second rounds of a workshop vote (peer instruction: vote, reveal, discuss, vote again).

The ``answer`` row always holds a respondent's latest answer, so every score means "the latest
round per respondent". Opening a second round on an item snapshots the answers it had then into
:class:`FirstRoundAnswer` (in the same transaction): the first round stays readable beside the
second, and an answer saved while the item's round is open is marked ``answer.round = 2``.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from assessor.extensions import db
from assessor.models.core import now

SECOND_ROUND = 2
"""The round an answer saved while its item's second vote is open belongs to."""


class VoteRound(db.Model):  # type: ignore[name-defined,misc]
    """A second vote on one item of a workshop: opened by the facilitator, closed later (or not).

    One row per item at most: opening the same item again reopens it and keeps the first snapshot,
    so "round 1" always means the answers given before the first re-vote.
    """

    __tablename__ = "vote_round"
    __table_args__ = (sa.UniqueConstraint("assessment_id", "item_code", name="uq_vote_round_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    item_code: Mapped[str] = mapped_column(sa.String(20))
    number: Mapped[int] = mapped_column(sa.SmallInteger, default=SECOND_ROUND, server_default="2")
    opened_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
    closed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    """None while participants can vote again on the item."""


class FirstRoundAnswer(db.Model):  # type: ignore[name-defined,misc]
    """A respondent's answer to an item as it was when its second vote opened (level, or N/A)."""

    __tablename__ = "first_round_answer"
    __table_args__ = (sa.UniqueConstraint("respondent_id", "item_code", name="uq_first_round_answer_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(sa.ForeignKey("respondent.id", ondelete="CASCADE"), index=True)
    item_code: Mapped[str] = mapped_column(sa.String(20))
    level: Mapped[int | None] = mapped_column(sa.SmallInteger)
    is_na: Mapped[bool] = mapped_column(default=False)
