"""Reading respondents and answers for the answering pages (no writes here)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from assessor.assessments import previous_assessment
from assessor.domain import Framework, Item, Questionnaire
from assessor.extensions import db
from assessor.models import Answer, Assessment, Respondent


@dataclass(frozen=True, slots=True)
class Page:
    """One answering page: the items of one element, in questionnaire order (a phone screen's worth:
    8 items in the full questionnaire), with the element's dimension shown as its heading."""

    element_id: str
    dimension_id: str
    items: tuple[Item, ...]


def pages(framework: Framework, questionnaire: Questionnaire) -> list[Page]:
    """Split the questionnaire into one page per element that has items, in the framework's order."""
    result = []
    for element in framework.elements:
        items = tuple(i for i in questionnaire.items if i.element_id == element.id)
        if items:
            result.append(Page(element.id, element.dimension_id, items))
    return result


def page_of(all_pages: list[Page], code: str) -> Page:
    """The page that holds the item ``code``.

    :raise StopIteration: if no page holds it.
    """
    return next(p for p in all_pages if any(item.code == code for item in p.items))


@dataclass(frozen=True, slots=True)
class Section:
    """The items of one dimension, for the consultant's list of every respondent's answers."""

    dimension_id: str
    items: tuple[Item, ...]


def sections(framework: Framework, questionnaire: Questionnaire) -> list[Section]:
    """Split the questionnaire into one section per dimension that has items."""
    result = []
    for dimension in framework.dimensions:
        items = tuple(i for i in questionnaire.items if i.element_id in dimension.element_ids)
        if items:
            result.append(Section(dimension.id, items))
    return result


def respondent_by_token(token: str) -> Respondent | None:
    """Return the respondent with ``token``, with its assessment loaded in the same query."""
    found: Respondent | None = db.session.scalar(
        sa.select(Respondent).options(joinedload(Respondent.assessment)).where(Respondent.token == token)
    )
    return found


@dataclass(frozen=True, slots=True)
class AnsweringContext:
    """What an autosave needs to know about a respondent, read in one light query."""

    respondent_id: int
    locked: bool
    final: bool
    questionnaire_id: str
    questionnaire_version: str


# Autosave runs these on every answer: built once (immutable constructs, bound per call) so a
# save does not rebuild and re-key them each time.
_CONTEXT_QUERY = (
    sa.select(
        Respondent.id,
        Assessment.locked,
        Assessment.finalised_at.is_not(None),
        Assessment.questionnaire_id,
        Assessment.questionnaire_version,
    )
    .join(Assessment, Assessment.id == Respondent.assessment_id)
    .where(Respondent.token == sa.bindparam("token"))
)
ANSWER_COUNT_QUERY = (
    sa.select(sa.func.count()).select_from(Answer).where(Answer.respondent_id == sa.bindparam("respondent_id"))
)


def answering_context(token: str) -> AnsweringContext | None:
    """Look up the respondent with ``token`` and its assessment's state."""
    row = db.session.execute(_CONTEXT_QUERY, {"token": token}).first()
    return None if row is None else AnsweringContext(row[0], bool(row[1]), bool(row[2]), row[3], row[4])


_SHOWN_QUERY = (
    sa.select(sa.and_(Assessment.mode == "workshop", Assessment.revealed))
    .join(Respondent, Respondent.assessment_id == Assessment.id)
    .where(Respondent.token == sa.bindparam("token"))
)


def room_shown(token: str) -> bool | None:
    """Whether the respondent with ``token`` may see the room's answers (a workshop revealed by its
    facilitator); ``None`` for an unknown token."""
    row = db.session.execute(_SHOWN_QUERY, {"token": token}).first()
    return None if row is None else bool(row[0])


def answers_by_code(respondent: Respondent) -> dict[str, Answer]:
    """Return the respondent's stored answers keyed by item code."""
    return {a.item_code: a for a in respondent.answers}


def last_answers(assessment: Assessment) -> dict[str, Answer]:
    """In a self-audit, last time's answers by item code (the baseline's respondent who answered first);
    empty for a workshop or when there is no baseline. Shown beside each item, never copied."""
    if assessment.mode != "self":
        return {}
    earlier = previous_assessment(assessment)
    if earlier is None:
        return {}
    for respondent in earlier.respondents:
        if respondent.answers:
            return answers_by_code(respondent)
    return {}


def to_reconfirm(questionnaire: Questionnaire, last: dict[str, Answer], answered: dict[str, Answer]) -> int:
    """How many items of ``questionnaire`` were answered last time and not yet this time."""
    return sum(1 for item in questionnaire.items if item.code in last and item.code not in answered)
