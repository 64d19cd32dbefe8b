"""Finding a workshop by its short code or its join link (no writes here)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from assessor.accounts.joins import JOIN_CODE_SHAPE, normalise_code
from assessor.assessments import RespondentTally, questionnaire_of, respondent_tallies, score_assessment
from assessor.assessments.aggregates import answers_state
from assessor.domain import Questionnaire
from assessor.extensions import db
from assessor.models import Answer, Assessment, Consensus, Event, Respondent
from assessor.models.core import aware
from assessor.scoring import Scored
from assessor.scoring.privacy import plan_groups
from assessor.segments import PREFER_NOT_TO_SAY


def assessment_by_code(code: str) -> Assessment | None:
    """Find the workshop with this short code (case and spaces ignored)."""
    cleaned = normalise_code(code)
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
    the database in one query of small indexed aggregates; it changes whenever the screen would
    change (``extra``: the language, the minimum group size, which view), so an unchanged screen is
    answered with 304 without scoring anything and without reading a single answer.

    The assessment's own switches and texts and its ``revision`` (bumped by every answer write, in
    the same transaction: a second-round vote too), the respondents (count, newest id: removing one
    lowers the count), the consensus (count, sum of levels, latest change) and the newest history
    entry of the assessment (every other change writes one: a respondent renamed, segments, targets,
    a second vote opened or closed).
    """
    agreed = Consensus.assessment_id == assessment.id
    query = sa.select(
        *answers_state(assessment.id),
        sa.select(sa.func.count(Consensus.id)).where(agreed).scalar_subquery(),
        sa.select(sa.func.sum(Consensus.level)).where(agreed).scalar_subquery(),
        sa.select(sa.func.max(Consensus.updated_at)).where(agreed).scalar_subquery(),
        sa.select(sa.func.max(Event.id)).where(Event.assessment_id == assessment.id).scalar_subquery(),
    )
    rows = tuple(db.session.execute(query).one())
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


PARTICIPANTS_LISTED = 40
"""Up to this many participants the live panel lists everyone; above it only those still answering:
a facilitator cannot read 1,000 names, and the list would cost more to render than the scores."""


@dataclass(frozen=True, slots=True)
class LiveState:
    """What the live panel and the presenter screen show, from aggregate queries only."""

    version: str
    """:func:`presenter_version` read before the rest: a change meanwhile costs one more 200, never a missed one."""
    questionnaire: Questionnaire
    scored: Scored | None
    """The score from the answer counts, only once the distributions are revealed: before the reveal
    the live views show progress alone (joined, finished, who is still answering), so the answering
    phase, when every poll finds something new, costs no scoring."""
    tallies: list[RespondentTally]

    @property
    def joined(self) -> int:
        """Respondents who joined."""
        return len(self.tallies)

    @property
    def finished(self) -> int:
        """Respondents who gave a level or an N/A on every item."""
        return sum(1 for tally in self.tallies if tally.finished)

    @property
    def listed(self) -> list[RespondentTally]:
        """The participants the live panel lists: everyone up to :data:`PARTICIPANTS_LISTED`; above it,
        only those still answering, least progress first (at most that many)."""
        if len(self.tallies) <= PARTICIPANTS_LISTED:
            return self.tallies
        waiting = sorted((t for t in self.tallies if not t.finished), key=lambda t: (t.answered, t.respondent_id))
        return waiting[:PARTICIPANTS_LISTED]

    @property
    def unlisted(self) -> tuple[int, int]:
        """(still answering, finished) of the participants :attr:`listed` leaves out."""
        if len(self.tallies) <= PARTICIPANTS_LISTED:
            return 0, 0
        waiting = self.joined - self.finished
        return max(0, waiting - PARTICIPANTS_LISTED), self.finished


def live_state(assessment: Assessment, *extra: object, version: str | None = None) -> LiveState:
    """The live views' state: the version (``extra`` as for :func:`presenter_version`), every
    respondent's answered count and, once the distributions are revealed, the score from the answer
    counts the database returns; no answer is loaded as an object, so the cost hardly grows with the
    number of participants.  ``version``: the :func:`presenter_version` the caller has just read."""
    version = version or presenter_version(assessment, *extra)
    questionnaire = questionnaire_of(assessment)
    scored = score_assessment(assessment) if assessment.revealed else None
    return LiveState(version, questionnaire, scored, respondent_tallies(assessment.id, questionnaire))


@dataclass(frozen=True, slots=True)
class SegmentCount:
    """One segment's line on the survey page: its respondent count only when the segment is shown
    on its own (``shown``), else ``small`` (fewer than the minimum group size), ``combined`` (counted
    with the smaller groups so that they cannot be worked out) or ``none`` (nobody yet)."""

    label: str
    state: str
    respondents: int | None


@dataclass(frozen=True, slots=True)
class SurveyStatus:
    """What a survey's status page shows: counts only, small segments not given away."""

    respondents: int
    finished: int
    segments: tuple[SegmentCount, ...]
    combined: int | None
    """Respondents of the segments not shown on their own, together (None: every segment is shown)."""
    last_response: datetime | None


def survey_status(
    assessment: Assessment, questionnaire: Questionnaire, names: dict[str, str], min_group_size: int
) -> SurveyStatus:
    """Respondents, finished and the count per segment (the minimum group size applied as in the
    reports: :func:`plan_groups`), and the latest join or answer; three aggregate queries."""
    tallies = respondent_tallies(assessment.id, questionnaire)
    sizes: dict[str | None, int] = {key: 0 for key in names}
    for tally in tallies:
        key = tally.segment if tally.segment in names else None
        sizes[key] = sizes.get(key, 0) + 1
    plan = plan_groups(list(sizes.items()), min_group_size)
    rows = []
    for key, size in sizes.items():
        if key is None and size == 0:
            continue
        label = names[key] if key is not None else str(PREFER_NOT_TO_SAY)
        if size == 0:
            rows.append(SegmentCount(label, "none", 0))
        elif key in plan.shown:
            rows.append(SegmentCount(label, "shown", size))
        else:
            rows.append(SegmentCount(label, "small" if size < min_group_size else "combined", None))
    combined = sum(sizes[key] for key in plan.withheld) if plan.withheld else None
    mine = Respondent.assessment_id == assessment.id
    joined = db.session.scalar(sa.select(sa.func.max(Respondent.created_at)).where(mine))
    answered = db.session.scalar(
        sa.select(sa.func.max(Answer.updated_at)).join(Respondent, Respondent.id == Answer.respondent_id).where(mine)
    )
    moments = [aware(moment) for moment in (joined, answered) if moment is not None]
    return SurveyStatus(
        respondents=len(tallies),
        finished=sum(1 for tally in tallies if tally.finished),
        segments=tuple(rows),
        combined=combined,
        last_response=max(moments) if moments else None,
    )
