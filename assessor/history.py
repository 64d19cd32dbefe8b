"""The history: one function records a state change, in the same transaction as the change,
and writes the log line, so the log and the history cannot tell different stories.

Operations call :func:`record` before their single commit. Entries name objects by type and id
and keep the acting user's e-mail address as a label, so they survive the deletion of both.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from assessor.extensions import db
from assessor.logs import who
from assessor.models import Assessment, Event, Organisation, Respondent, User, Workspace

log = logging.getLogger(__name__)

ACTOR_LENGTH = 254
DETAIL_LENGTH = 300

VERBS = {
    "login": _l("logged in"),
    "login failed": _l("login failed"),
    "login throttled": _l("login slowed down after failed attempts"),
    "logout": _l("logged out"),
    "password changed": _l("password changed"),
    "password reset": _l("password reset to a one-time password"),
    "account created": _l("account created"),
    "account deactivated": _l("account deactivated"),
    "account reactivated": _l("account reactivated"),
    "viewer created": _l("read-only access given"),
    "viewer revoked": _l("read-only access revoked"),
    "member added": _l("workspace member added"),
    "member removed": _l("workspace member removed"),
    "workspace renamed": _l("firm name changed"),
    "logo uploaded": _l("logo uploaded"),
    "logo removed": _l("logo removed"),
    "organisation created": _l("organisation created"),
    "assessment created": _l("assessment created"),
    "next cycle started": _l("next cycle started from this assessment"),
    "organisation renamed": _l("organisation renamed"),
    "assessment deleted": _l("assessment deleted with its respondents and answers"),
    "organisation deleted": _l("organisation deleted with its assessments"),
    "titles changed": _l("titles changed"),
    "assessment edited": _l("assessment edited"),
    "organisation archived": _l("organisation archived"),
    "organisation restored": _l("organisation restored from the archive"),
    "assessment archived": _l("assessment archived"),
    "assessment restored": _l("assessment restored from the archive"),
    "assessment finalised": _l("assessment finalised"),
    "assessment exported": _l("assessment exported"),
    "assessment reopened": _l("assessment reopened"),
    "min group size set": _l("minimum group size set"),
    "workshop opened": _l("workshop opened"),
    "workshop revealed": _l("distributions shown to the room"),
    "workshop hidden": _l("distributions hidden"),
    "workshop locked": _l("answering locked"),
    "workshop unlocked": _l("answering unlocked"),
    "workshop item discussed": _l("item under discussion changed"),
    "second round opened": _l("second vote opened"),
    "second round closed": _l("second vote closed"),
    "consensus set": _l("consensus recorded"),
    "targets set": _l("targets set"),
    "baseline set": _l("comparison baseline chosen"),
    "report downloaded": _l("report downloaded"),
    "respondent joined": _l("participant joined"),
    "respondent renamed": _l("participant renamed"),
    "respondent removed": _l("participant removed with their answers"),
    "join code regenerated": _l("join code and link replaced"),
    "join code closed": _l("join code and link closed"),
    "survey closing set": _l("survey closing date set"),
    "paper form entered": _l("paper form entered by the facilitator"),
    "answers imported": _l("answers imported from a file"),
    "kpi value set": _l("KPI value recorded"),
    "kpi value deleted": _l("KPI value deleted"),
    "custom KPI defined": _l("KPI of the organisation's own defined"),
    "custom KPI deleted": _l("KPI of the organisation's own deleted"),
    "segment added": _l("segment added"),
    "segment renamed": _l("segment renamed"),
    "segment moved": _l("segments reordered"),
    "segment removed": _l("segment removed"),
    "action created": _l("action added to the action plan"),
    "action edited": _l("action edited"),
    "action status set": _l("action status changed"),
    "action note added": _l("note added to an action"),
    "action deleted": _l("action deleted"),
    "demo reset": _l("demo organisations put back as shipped"),
    "classroom started": _l("classroom session started"),
    "classroom revealed": _l("classroom: the room's ratings shown"),
    "classroom key shown": _l("classroom: the answer key shown"),
    "trainee joined": _l("classroom: a trainee joined"),
}
"""Every verb the history knows, with its wording on the history pages."""

Subject = Organisation | Assessment | Respondent | User | Workspace | None


def record(
    verb: str,
    obj: Subject,
    actor: User | None,
    detail: str = "",
    *,
    actor_label: str | None = None,
    level: int = logging.INFO,
) -> Event:
    """Add a history entry for ``verb`` on ``obj`` by ``actor`` to the session and log it.

    The caller commits (once, with its own change). ``actor_label`` names an actor without an
    account (the e-mail address typed at a failed login, ``participant``); it is truncated.

    :raise ValueError: on a verb not in :data:`VERBS` (every entry must be readable on the pages).
    """
    if verb not in VERBS:
        raise ValueError(f"unknown history verb {verb!r}")
    if obj is not None and getattr(obj, "id", None) is None:
        db.session.flush()  # a new object: give it its id
    organisation_id, assessment_id, workspace_id = _scope(obj)
    label = actor_label if actor_label is not None else (actor.email if actor is not None else "command line")
    event = Event(
        actor_id=actor.id if actor is not None else None,
        actor=label[:ACTOR_LENGTH],
        verb=verb,
        object_type=_type(obj),
        object_id=obj.id if obj is not None else None,
        organisation_id=organisation_id,
        assessment_id=assessment_id,
        workspace_id=workspace_id,
        detail=detail[:DETAIL_LENGTH],
    )
    db.session.add(event)
    shown = f"{event.object_type} {event.object_id}" if obj is not None else "-"
    by = who(actor) if actor is not None or actor_label is None else label[:ACTOR_LENGTH]
    log.log(level, "%s: %s by %s%s", verb, shown, by, f" ({detail})" if detail else "")
    return event


def _type(obj: Subject) -> str:
    names: dict[type, str] = {
        Organisation: "organisation",
        Assessment: "assessment",
        Respondent: "respondent",
        User: "user",
        Workspace: "workspace",
    }
    return names.get(type(obj), "none")


def _scope(obj: Subject) -> tuple[int | None, int | None, int | None]:
    """(organisation, assessment, workspace) ids of ``obj``, as far as it has them."""
    if isinstance(obj, Respondent):
        obj = obj.assessment
    if isinstance(obj, Assessment):
        return obj.organisation_id, obj.id, obj.organisation.workspace_id
    if isinstance(obj, Organisation):
        return obj.id, None, obj.workspace_id
    if isinstance(obj, User):
        return obj.organisation_id, None, obj.workspace_id
    if isinstance(obj, Workspace):
        return None, None, obj.id
    return None, None, None


def verb_label(verb: str) -> str:
    """The verb as the history pages show it (in the page's language)."""
    label = VERBS.get(verb)
    return str(label) if label is not None else verb


PAGE_SIZE = 200
"""Entries shown on one history page, newest first."""


def entries(
    *, organisation_id: int | None = None, assessment_id: int | None = None, verb: str | None = None
) -> list[Event]:
    """The newest :data:`PAGE_SIZE` entries, narrowed to an organisation, an assessment or a verb."""
    query = sa.select(Event).order_by(Event.at.desc(), Event.id.desc()).limit(PAGE_SIZE)
    if organisation_id is not None:
        query = query.where(Event.organisation_id == organisation_id)
    if assessment_id is not None:
        query = query.where(Event.assessment_id == assessment_id)
    if verb:
        query = query.where(Event.verb == verb)
    return list(db.session.scalars(query))
