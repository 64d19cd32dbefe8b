"""Finding a workshop by its short code or its join link (no writes here)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import sqlalchemy as sa

from assessor.assessments import RespondentTally, respondent_tallies, score_assessment
from assessor.extensions import db
from assessor.models import Answer, Assessment, Consensus, Event, Respondent
from assessor.scoring import Scored

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


def item_notes(assessment: Assessment, item_code: str) -> tuple[list[str], list[str]]:
    """The participants' comments and N/A reasons on one item, without names.

    Sorted alphabetically, not by respondent, so that their order cannot be matched against
    the order in which people joined.
    """
    rows = db.session.execute(
        sa.select(Answer.comment, Answer.is_na, Answer.na_reason)
        .join(Respondent, Respondent.id == Answer.respondent_id)
        .where(Respondent.assessment_id == assessment.id, Answer.item_code == item_code)
    ).all()
    comments = sorted(comment for comment, _na, _reason in rows if comment)
    reasons = sorted(reason for _comment, na, reason in rows if na and reason)
    return comments, reasons


def presenter_version(assessment: Assessment, *extra: object) -> str:
    """A short fingerprint of everything the presenter screen and the live panel show, read from
    the database in four aggregate queries; it changes whenever the screen would change (``extra``:
    the language, the minimum group size, which view), so an unchanged screen is answered with 304
    without scoring anything.

    The assessment's own switches and texts, the respondents (count, newest id), the answers
    (count, sum of levels, latest change: an upsert stamps ``updated_at``; removing a respondent
    lowers the count; sum of rounds: a second-round answer raises it), the consensus (count, sum of
    levels, latest change) and the newest history entry of the assessment (every other change
    writes one: a respondent renamed, segments, targets, a second vote opened or closed).
    """
    mine = Respondent.assessment_id == assessment.id
    respondents = sa.select(sa.func.count(Respondent.id), sa.func.max(Respondent.id)).where(mine)
    answers = (
        sa.select(
            sa.func.count(Answer.id),
            sa.func.sum(Answer.level),
            sa.func.max(Answer.updated_at),
            sa.func.sum(Answer.round),
        )
        .join(Respondent, Respondent.id == Answer.respondent_id)
        .where(mine)
    )
    agreed = sa.select(
        sa.func.count(Consensus.id), sa.func.sum(Consensus.level), sa.func.max(Consensus.updated_at)
    ).where(Consensus.assessment_id == assessment.id)
    events = sa.select(sa.func.max(Event.id)).where(Event.assessment_id == assessment.id)
    rows = [tuple(db.session.execute(query).one()) for query in (respondents, answers, agreed, events)]
    state = (
        assessment.title,
        assessment.title_ja,
        assessment.join_code,
        assessment.join_token,
        assessment.revealed,
        assessment.locked,
        assessment.finalised_at,
        assessment.discussed_item,
        assessment.questionnaire_id,
        assessment.questionnaire_version,
    )
    return hashlib.sha256(repr((state, rows, extra)).encode()).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class LiveState:
    """What the live panel and the presenter screen show, from aggregate queries only."""

    version: str
    """:func:`presenter_version` read before the rest: a change meanwhile costs one more 200, never a missed one."""
    scored: Scored
    tallies: list[RespondentTally]

    @property
    def joined(self) -> int:
        """Respondents who joined."""
        return len(self.tallies)

    @property
    def finished(self) -> int:
        """Respondents who gave a level or an N/A on every item."""
        return sum(1 for tally in self.tallies if tally.finished)


def live_state(assessment: Assessment, *extra: object) -> LiveState:
    """The live views' state: the version (``extra`` as for :func:`presenter_version`), the score
    from the answer counts the database returns, and every respondent's answered count; no answer
    is loaded as an object, so the cost hardly grows with the number of participants."""
    version = presenter_version(assessment, *extra)
    scored = score_assessment(assessment)
    return LiveState(version, scored, respondent_tallies(assessment.id, scored.questionnaire))
