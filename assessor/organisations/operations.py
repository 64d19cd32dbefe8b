"""State changes for organisations and assessments (one commit per operation, each logged)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from assessor.accounts.users import create_user, deactivate_quietly, reset_password
from assessor.domain import Questionnaire
from assessor.extensions import db
from assessor.history import record
from assessor.models import Assessment, Organisation, Role, Segment, User
from assessor.models.core import now


@dataclass(frozen=True, slots=True)
class AssessmentChanges:
    """What the edit form holds; ``mode`` and ``questionnaire`` are None once answers exist."""

    title: str
    title_ja: str | None
    assessed_on: date
    mode: str | None = None
    questionnaire: Questionnaire | None = None


def create_organisation(name: str, workspace_id: int, actor: User | None = None) -> Organisation:
    """Create and commit an organisation in a workspace."""
    org = Organisation(name=name.strip(), workspace_id=workspace_id)
    db.session.add(org)
    record("organisation created", org, actor)
    db.session.commit()
    return org


def create_assessment(
    org: Organisation,
    title: str,
    questionnaire: Questionnaire,
    assessed_on: date,
    mode: str = "self",
    actor: User | None = None,
    title_ja: str | None = None,
) -> Assessment:
    """Create and commit an assessment pinned to ``questionnaire``'s id and version."""
    assessment = Assessment(
        organisation=org,
        title=title.strip(),
        title_ja=(title_ja or "").strip() or None,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        assessed_on=assessed_on,
        mode=mode,
    )
    db.session.add(assessment)
    record("assessment created", assessment, actor, f"{questionnaire.id} v{questionnaire.version}, {mode}")
    db.session.commit()
    return assessment


def rename_assessment(assessment: Assessment, title: str, title_ja: str | None, actor: User | None = None) -> None:
    """Change and commit the assessment's titles (an empty Japanese title falls back to the title)."""
    assessment.title = title.strip()
    assessment.title_ja = (title_ja or "").strip() or None
    record("titles changed", assessment, actor)
    db.session.commit()


def create_viewer(org: Organisation, email: str, name: str, actor: User | None = None) -> tuple[User, str]:
    """Give someone read-only access to ``org``; return the account and its one-time password.

    :raise ValueError: if an account with this e-mail address exists already.
    """
    password = secrets.token_urlsafe(12)
    viewer = create_user(email, name, password, Role.VIEWER, organisation_id=org.id, actor=actor, verb="viewer created")
    return viewer, password


def revoke_viewer(viewer: User, actor: User | None = None) -> None:
    """End a viewer's read-only access: no more logins, and their open session stops on its next request."""
    deactivate_quietly(viewer)
    record("viewer revoked", viewer, actor, viewer.email)
    db.session.commit()


def reset_viewer_password(viewer: User, actor: User | None = None) -> str:
    """Give a viewer a one-time password (returned, to be shown once); they choose their own at the next login."""
    return reset_password(viewer, actor)


def set_min_group_size(assessment: Assessment, value: int, actor: User | None = None) -> None:
    """Store the assessment's own minimum group size (the view has checked it may not lower it)."""
    assessment.min_group_size = value
    record("min group size set", assessment, actor, f"to {value}")
    db.session.commit()


def rename_organisation(org: Organisation, name: str, actor: User | None = None) -> None:
    """Change and commit the organisation's name."""
    org.name = name.strip()
    record("organisation renamed", org, actor)
    db.session.commit()


def delete_assessment(assessment: Assessment, actor: User | None = None) -> None:
    """Delete the assessment with its respondents, answers, consensus and targets (permanent)."""
    respondents = len(assessment.respondents)
    answers = sum(len(r.answers) for r in assessment.respondents)
    record("assessment deleted", assessment, actor, f"{respondents} respondents, {answers} answers deleted")
    db.session.delete(assessment)
    db.session.commit()


def delete_organisation(org: Organisation, actor: User | None = None) -> None:
    """Delete the organisation with its assessments, their answers and its read-only logins (permanent)."""
    assessments = len(org.assessments)
    viewers = db.session.scalar(sa.select(sa.func.count()).where(User.organisation_id == org.id)) or 0
    record("organisation deleted", org, actor, f"{assessments} assessments, {viewers} read-only logins deleted")
    db.session.delete(org)  # the read-only logins go with it (their foreign key cascades in the database)
    db.session.commit()


def edit_assessment(
    assessment: Assessment,
    changes: AssessmentChanges,
    actor: User | None = None,
) -> None:
    """Change and commit the assessment's titles, date, and (while nothing is answered) mode and
    questionnaire; the view has refused a mode or questionnaire change once answers exist."""
    changed = []
    title_ja = (changes.title_ja or "").strip() or None
    if (assessment.title, assessment.title_ja) != (changes.title.strip(), title_ja):
        changed.append("titles")
    assessment.title = changes.title.strip()
    assessment.title_ja = title_ja
    if assessment.assessed_on != changes.assessed_on:
        changed.append(f"date {assessment.assessed_on.isoformat()} -> {changes.assessed_on.isoformat()}")
        assessment.assessed_on = changes.assessed_on
    if changes.mode is not None and changes.mode != assessment.mode:
        changed.append(f"mode {assessment.mode} -> {changes.mode}")
        assessment.mode = changes.mode
        if changes.mode == "self":  # a self-audit has no join code or link
            assessment.join_code = None
            assessment.join_token = None
    new = changes.questionnaire
    if new is not None and new.id != assessment.questionnaire_id:
        changed.append(f"questionnaire {new.id} v{new.version}")
        assessment.questionnaire_id = new.id
        assessment.questionnaire_version = new.version
    record("assessment edited", assessment, actor, ", ".join(changed) or "nothing changed")
    db.session.commit()


def set_archived(obj: Organisation | Assessment, archived: bool, actor: User | None = None) -> None:
    """Archive (hide from lists and comparisons, nothing lost) or restore an organisation or assessment."""
    obj.archived_at = now() if archived else None
    kind = "organisation" if isinstance(obj, Organisation) else "assessment"
    record(f"{kind} {'archived' if archived else 'restored'}", obj, actor)
    db.session.commit()


def set_final(assessment: Assessment, final: bool, actor: User) -> None:
    """Finalise the assessment (who and when are kept) or reopen it; both are recorded."""
    if final:
        assessment.finalised_at = now()
        assessment.finalised_by_id = actor.id
        assessment.finalised_by = (actor.name or actor.email)[:254]
    else:
        assessment.finalised_at = None
        assessment.finalised_by_id = None
        assessment.finalised_by = None
    record("assessment finalised" if final else "assessment reopened", assessment, actor)
    db.session.commit()


RESERVED_SEGMENT_KEYS = frozenset({"current", "target", "previous"})
"""Keys a segment never gets: they name the other series of the radar chart."""


def _new_segment_key(assessment: Assessment, label_en: str) -> str:
    """A stable key from the English label (``finance``, ``site-osaka``), unique in the assessment."""
    base = re.sub(r"[^a-z0-9]+", "-", label_en.lower()).strip("-")[:40].strip("-") or "segment"
    if base in RESERVED_SEGMENT_KEYS:
        base = f"segment-{base}"
    taken = {segment.key for segment in assessment.segments}
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def add_segment(assessment: Assessment, label_en: str, label_ja: str | None, actor: User | None = None) -> Segment:
    """Add a segment at the end of the assessment's list; respondents can pick it from now on."""
    position = max((s.position for s in assessment.segments), default=-1) + 1
    segment = Segment(
        key=_new_segment_key(assessment, label_en.strip()),
        label_en=label_en.strip(),
        label_ja=(label_ja or "").strip(),
        position=position,
    )
    assessment.segments.append(segment)
    record("segment added", assessment, actor, f"segment {segment.key}")
    db.session.commit()
    return segment


def rename_segment(segment: Segment, label_en: str, label_ja: str | None, actor: User | None = None) -> None:
    """Change a segment's labels; its key, and so every respondent's choice, stays."""
    segment.label_en = label_en.strip()
    segment.label_ja = (label_ja or "").strip()
    record("segment renamed", segment.assessment, actor, f"segment {segment.key}")
    db.session.commit()


def move_segment(segment: Segment, step: int, actor: User | None = None) -> bool:
    """Swap the segment with its neighbour (``step`` -1: up, +1: down); False at either end (nothing changes)."""
    ordered = list(segment.assessment.segments)
    index = ordered.index(segment)
    other = index + step
    if step not in (-1, 1) or not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, each in enumerate(ordered):
        each.position = position
    record("segment moved", segment.assessment, actor, f"segment {segment.key} {'up' if step < 0 else 'down'}")
    db.session.commit()
    return True


def remove_segment(segment: Segment, actor: User | None = None) -> None:
    """Remove a segment nobody chose (the view has checked: one in use is refused, never re-labelled)."""
    assessment = segment.assessment
    record("segment removed", assessment, actor, f"segment {segment.key}")
    assessment.segments.remove(segment)
    db.session.commit()
