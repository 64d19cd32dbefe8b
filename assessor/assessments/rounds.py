"""Second votes of a workshop, read from the database (GROUP BY queries; the writes are the workshop's).

Round 1 of an item is the snapshot taken when its second vote opened (``first_round_answer``);
round 2 is the answers as they are now, the same counts every score uses, so scores always use
each respondent's latest round.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from assessor.extensions import db
from assessor.models import Answer, FirstRoundAnswer, Respondent, VoteRound
from assessor.models.rounds import SECOND_ROUND
from assessor.scoring.result import ScoringResult
from assessor.scoring.rounds import RoundShift, round_shift


@dataclass(frozen=True, slots=True)
class ItemRounds:
    """One item voted on twice: both distributions (counts per scale point), N/A counts, who re-voted."""

    code: str
    open: bool
    """True while participants can still vote again on it."""
    before: tuple[int, ...]
    after: tuple[int, ...]
    na_before: int
    na_after: int
    revoted: int
    """Answers given (or confirmed) during the second vote."""
    shift: RoundShift

    @property
    def answered_before(self) -> int:
        """Levels and N/A of round 1."""
        return sum(self.before) + self.na_before

    @property
    def answered_after(self) -> int:
        """Levels and N/A of round 2 (the latest answers)."""
        return sum(self.after) + self.na_after

    def shows(self, min_group_size: int) -> bool:
        """True when both rounds have at least ``min_group_size`` ratings (an N/A is not one): only
        then are the distributions and their medians shown (the core's rule for every distribution)."""
        return min(sum(self.before), sum(self.after)) >= min_group_size


def vote_rounds(assessment_id: int) -> dict[str, VoteRound]:
    """The assessment's second votes by item code (open and closed)."""
    rows = db.session.scalars(sa.select(VoteRound).where(VoteRound.assessment_id == assessment_id))
    return {row.item_code: row for row in rows}


def open_round_codes(assessment_id: int) -> set[str]:
    """The items whose second vote is open."""
    return set(
        db.session.scalars(
            sa.select(VoteRound.item_code).where(
                VoteRound.assessment_id == assessment_id, VoteRound.closed_at.is_(None)
            )
        )
    )


def revoted_codes(respondent_id: int, codes: Iterable[str]) -> set[str]:
    """Which of ``codes`` the respondent has answered during a second vote."""
    wanted = list(codes)
    if not wanted:
        return set()
    return set(
        db.session.scalars(
            sa.select(Answer.item_code).where(
                Answer.respondent_id == respondent_id, Answer.item_code.in_(wanted), Answer.round == SECOND_ROUND
            )
        )
    )


def _mine(assessment_id: int) -> sa.ColumnElement[bool]:
    return Respondent.assessment_id == assessment_id


def item_rounds(assessment_id: int, result: ScoringResult) -> list[ItemRounds]:
    """Every item of ``result`` voted on twice, in questionnaire order, from three aggregate queries."""
    rounds = vote_rounds(assessment_id)
    codes = [item.code for item in result.items if item.code in rounds]
    if not codes:
        return []
    width = result.scale_max - result.scale_min + 1
    first: dict[str, list[int]] = {code: [0] * width for code in codes}
    first_na: dict[str, int] = dict.fromkeys(codes, 0)
    rows = db.session.execute(
        sa.select(FirstRoundAnswer.item_code, FirstRoundAnswer.is_na, FirstRoundAnswer.level, sa.func.count())
        .join(Respondent, Respondent.id == FirstRoundAnswer.respondent_id)
        .where(_mine(assessment_id), FirstRoundAnswer.item_code.in_(codes))
        .group_by(FirstRoundAnswer.item_code, FirstRoundAnswer.is_na, FirstRoundAnswer.level)
    ).all()
    for code, is_na, level, count in rows:
        if is_na or level is None:
            first_na[code] += int(count)
        elif 0 <= int(level) - result.scale_min < width:
            first[code][int(level) - result.scale_min] += int(count)
    again = dict(
        db.session.execute(
            sa.select(Answer.item_code, sa.func.count())
            .join(Respondent, Respondent.id == Answer.respondent_id)
            .where(_mine(assessment_id), Answer.item_code.in_(codes), Answer.round == SECOND_ROUND)
            .group_by(Answer.item_code)
        ).all()
    )
    found = []
    for code in codes:
        scored = result.item(code)
        before = tuple(first[code])
        found.append(
            ItemRounds(
                code,
                rounds[code].closed_at is None,
                before,
                tuple(scored.distribution),
                first_na[code],
                len(scored.not_applicable),
                int(again.get(code, 0)),
                round_shift(before, scored.distribution, result.scale_min),
            )
        )
    return found


def first_round_of(respondent_id: int, codes: Iterable[str]) -> dict[str, FirstRoundAnswer]:
    """The respondent's first-round answers to ``codes`` (those they had given when the second vote opened)."""
    wanted = list(codes)
    if not wanted:
        return {}
    rows = db.session.scalars(
        sa.select(FirstRoundAnswer).where(
            FirstRoundAnswer.respondent_id == respondent_id, FirstRoundAnswer.item_code.in_(wanted)
        )
    )
    return {row.item_code: row for row in rows}


def second_vote_pending(respondent: Respondent) -> bool:
    """True while a second vote is open on an item the respondent has not voted on again
    (and answering is neither locked nor final): their answering link then opens the second vote."""
    assessment = respondent.assessment
    if assessment.locked or assessment.is_final:
        return False
    codes = open_round_codes(assessment.id)
    return bool(codes - revoted_codes(respondent.id, codes))
