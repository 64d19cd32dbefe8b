"""Answer counts straight from the database: ``GROUP BY`` queries instead of every answer as an object.

What the scoring core needs of an assessment's answers is a handful of counts per segment
(:mod:`assessor.scoring.counts`); these queries return them, so the live panel, the presenter
screen, the results page and the report cost a few aggregate queries and O(items) of scoring,
however many people answered.  SQLAlchemy core selects only; they run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from assessor.domain import Questionnaire
from assessor.extensions import db
from assessor.models import Answer, Assessment, Respondent
from assessor.scoring import AssessmentInput, Consensus, RespondentAnswers, ScoringInputError
from assessor.scoring.counts import GroupCounts, code_sets, reach_of
from assessor.scoring.layout import Layout
from assessor.scoring.result import NotApplicableNote

_RATED = sa.and_(sa.not_(Answer.is_na), Answer.level.is_not(None))
"""An answer that gives a level (an N/A or a comment alone does not)."""


PARTIAL_CHUNK = 500
"""Respondents per query when listing the items rated by those who rated some but not all."""


def _mine(assessment_id: int) -> sa.ColumnElement[bool]:
    return Respondent.assessment_id == assessment_id


def _answers(assessment_id: int, *columns: Any) -> sa.Select[Any]:
    return sa.select(*columns).join(Respondent, Respondent.id == Answer.respondent_id).where(_mine(assessment_id))


def answers_state(assessment_id: int) -> list[sa.ScalarSelect[Any]]:
    """What moves whenever the answers or the people who gave them change, as scalar subqueries for
    one ``SELECT``: the assessment's ``revision`` (bumped by every answer write), and the count and
    newest id of its respondents (a removal lowers the count).  No answer is read."""
    mine = Respondent.assessment_id == assessment_id
    return [
        sa.select(Assessment.revision).where(Assessment.id == assessment_id).scalar_subquery(),
        sa.select(sa.func.count(Respondent.id)).where(mine).scalar_subquery(),
        sa.select(sa.func.max(Respondent.id)).where(mine).scalar_subquery(),
    ]


def _per_respondent(*where: sa.ColumnElement[bool]) -> sa.ScalarSelect[int]:
    """A respondent's answers (``where``: of a kind) counted in a correlated subquery: it reads the
    index on ``answer.respondent_id`` per respondent, several times faster than a join grouped by
    respondent.  Every stored answer is to an item of the assessment's questionnaire (the answering
    views refuse other codes; ``level_or_na`` makes each a level or an N/A), so no code filter."""
    return (
        sa.select(sa.func.count(Answer.id))
        .where(Answer.respondent_id == Respondent.id, *where)
        .correlate(Respondent)
        .scalar_subquery()
    )


def group_counts(assessment_id: int, layout: Layout) -> dict[str | None, GroupCounts]:
    """The assessment's answer counts per segment, in a few aggregate queries.

    Which items each respondent rated (for the roll-ups' respondent counts) is listed only for
    those who rated some but not all items; the others reach every roll-up or none.

    :raise ScoringInputError: if a stored level is off the layout's scale.
    """
    codes = [item.code for item in layout.items]
    people = db.session.execute(
        sa.select(Respondent.id, Respondent.segment, _per_respondent(_RATED)).where(_mine(assessment_id))
    ).all()
    respondents: dict[str | None, int] = {}
    patterns: dict[str | None, Counter[frozenset[str]]] = {}
    partial: list[int] = []
    everything = frozenset(codes)
    for respondent_id, segment, rated in people:
        respondents[segment] = respondents.get(segment, 0) + 1
        found = patterns.setdefault(segment, Counter())
        if rated == len(codes):
            found[everything] += 1  # rated every item: reaches every roll-up, no need to list them
        elif rated:
            partial.append(int(respondent_id))
    width = layout.maximum - layout.minimum + 1
    levels: dict[str | None, dict[str, list[int]]] = {segment: {} for segment in respondents}
    off_scale: list[str] = []
    rows = db.session.execute(
        _answers(assessment_id, Respondent.segment, Answer.item_code, Answer.level, sa.func.count(Answer.id))
        .where(_RATED)
        .group_by(Respondent.segment, Answer.item_code, Answer.level)
    ).all()
    for segment, code, level, count in rows:
        offset = int(level) - layout.minimum  # type: ignore[call-overload]
        if not 0 <= offset < width:
            off_scale.append(f"item {code}: level {level} is outside the scale {layout.minimum}-{layout.maximum}")
            continue
        levels[segment].setdefault(str(code), [0] * width)[offset] = int(count)  # type: ignore[call-overload]
    if off_scale:
        raise ScoringInputError(off_scale)
    notes: dict[str | None, dict[str, list[NotApplicableNote]]] = {segment: {} for segment in respondents}
    rows = db.session.execute(
        _answers(assessment_id, Respondent.segment, Answer.item_code, Respondent.id, Answer.na_reason)
        .where(Answer.is_na)
        .order_by(Respondent.id, Answer.item_code)
    ).all()
    for segment, code, respondent_id, reason in rows:
        notes[segment].setdefault(str(code), []).append(NotApplicableNote(str(respondent_id), str(reason or "")))
    for chunk in range(0, len(partial), PARTIAL_CHUNK):
        rows = db.session.execute(
            _answers(assessment_id, Respondent.segment, sa.func.aggregate_strings(Answer.item_code, ","))
            .where(_RATED, Answer.item_code.in_(codes), Respondent.id.in_(partial[chunk : chunk + PARTIAL_CHUNK]))
            .group_by(Respondent.id, Respondent.segment)
        ).all()
        for segment, rated in rows:
            patterns[segment][frozenset(str(rated).split(","))] += 1
    sets = code_sets(layout)
    return {
        segment: GroupCounts(
            int(count),
            {code: tuple(row) for code, row in levels[segment].items()},
            {code: tuple(found) for code, found in notes[segment].items()},
            reach_of(patterns[segment], sets),
        )
        for segment, count in respondents.items()
    }


@dataclass(frozen=True, slots=True)
class RespondentTally:
    """How far one respondent has got, without their answers: what the live panel lists."""

    respondent_id: int
    name: str | None
    segment: str | None
    answered: int
    """Items of the questionnaire with a level or an N/A."""
    total: int
    on_paper: bool = False
    """Entered by the facilitator from a paper form."""

    @property
    def finished(self) -> bool:
        """True when every item has a level or an N/A."""
        return self.answered >= self.total


def respondent_tallies(assessment_id: int, questionnaire: Questionnaire) -> list[RespondentTally]:
    """Every respondent of the assessment (in joining order) with their answered count, in one query."""
    codes = list(questionnaire.codes)
    rows = db.session.execute(
        sa.select(Respondent.id, Respondent.name, Respondent.segment, _per_respondent(), Respondent.on_paper)
        .where(_mine(assessment_id))
        .order_by(Respondent.id)
    ).all()
    return [
        RespondentTally(int(rid), name, segment, int(count), len(codes), bool(paper))
        for rid, name, segment, count, paper in rows
    ]


def notes_input(
    assessment_id: int,
    questionnaire_id: str,
    questionnaire_version: str,
    consensus: dict[str, Consensus],
    targets: dict[str, float],
) -> AssessmentInput:
    """The answers a report quotes, without the levels: the respondents who commented on an item or
    marked one N/A, with their segment, comments and N/A reasons (few rows, however many answered)."""
    rows = db.session.execute(
        _answers(assessment_id, Respondent.id, Respondent.segment, Answer.item_code, Answer.is_na, Answer.na_reason)
        .add_columns(Answer.comment)
        .where(sa.or_(Answer.is_na, Answer.comment.is_not(None)))
        .order_by(Respondent.id, Answer.id)
    ).all()
    found: dict[int, tuple[str | None, dict[str, str], dict[str, str]]] = {}
    for respondent_id, segment, code, is_na, reason, comment in rows:
        _, na, comments = found.setdefault(int(respondent_id), (segment, {}, {}))
        if is_na:
            na[str(code)] = reason or ""
        if comment:
            comments[str(code)] = str(comment)
    respondents: Sequence[RespondentAnswers] = [
        RespondentAnswers(str(rid), segment, {}, na, item_comments=comments)
        for rid, (segment, na, comments) in found.items()
    ]
    return AssessmentInput(questionnaire_id, questionnaire_version, tuple(respondents), consensus, targets)
