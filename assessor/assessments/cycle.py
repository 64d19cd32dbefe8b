"""The next turn of the yearly cycle: a new assessment of the same organisation, set up like the last one.

Nothing of the source's answers is copied: the new assessment starts unanswered, compares with
the source (its chosen baseline), and the organisation's open actions carry over on their own
(the action plan belongs to the organisation, see :mod:`assessor.assessments.actions`).
"""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from assessor.assessments.actions import since_last
from assessor.extensions import db
from assessor.history import record
from assessor.models import Action, Assessment, DimensionTarget, Segment, User
from assessor.scoring.actions import CLOSED
from assessor.standards import get_framework

__all__ = ["carried_actions", "next_title", "open_actions", "start_next_cycle"]

_YEAR = re.compile(r"(?<!\d)(19|20)(\d\d)(?!\d)")


def next_title(title: str, today: date) -> str:
    """The source's title with its last year moved on by one (``Self-audit 2025`` -> ``Self-audit 2026``);
    a title without a year gets today's year appended."""
    years = list(_YEAR.finditer(title))
    if not years:
        return f"{title.strip()} {today.year}".strip()
    last = years[-1]
    return title[: last.start()] + str(int(last.group(0)) + 1) + title[last.end() :]


def open_actions(assessment: Assessment) -> int:
    """How many of the organisation's actions are open (not done, not won't do): the ones carried on."""
    query = (
        sa.select(sa.func.count())
        .select_from(Action)
        .where(Action.organisation_id == assessment.organisation_id, Action.status.not_in(sorted(CLOSED)))
    )
    return int(db.session.scalar(query) or 0)


def carried_actions(assessment: Assessment) -> int:
    """How many actions agreed before ``assessment`` are still open (in progress or overdue): those its
    report lists under "actions since the last assessment" and its page says are carried."""
    return sum(1 for group, _action in since_last(assessment) if group in ("in_progress", "overdue"))


def start_next_cycle(source: Assessment, actor: User | None, today: date | None = None) -> Assessment:
    """Create (and commit) the next assessment after ``source``: same organisation and mode, the current
    version of its questionnaire, its targets, segments and minimum group size, titles a year on,
    assessed today, compared with ``source``. Answers are not copied."""
    day = today or date.today()
    questionnaire = get_framework().questionnaire(source.questionnaire_id)
    assessment = Assessment(
        organisation=source.organisation,
        title=next_title(source.title, day)[:200],
        title_ja=next_title(source.title_ja, day)[:200] if source.title_ja else None,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        assessed_on=day,
        mode=source.mode,
        min_group_size=source.min_group_size,
        baseline_id=source.id,
        segments=[
            Segment(key=s.key, label_en=s.label_en, label_ja=s.label_ja, position=s.position) for s in source.segments
        ],
        targets=[DimensionTarget(dimension_id=t.dimension_id, target=t.target) for t in source.targets],
    )
    db.session.add(assessment)
    record(
        "next cycle started",
        assessment,
        actor,
        f"from assessment {source.id}, {questionnaire.id} v{questionnaire.version}, "
        f"{open_actions(source)} open actions",
    )
    db.session.commit()
    return assessment
