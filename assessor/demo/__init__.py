"""Demo data: three fictional organisations at clearly different maturity, for trainers and first runs.

The hotel group (:mod:`assessor.demo.hotel`, pyramid level 2 moving to 3) has three years of
workshops, KPIs and an action plan; the bus operator and the IT service desk
(:mod:`assessor.demo.cases`) are drawn from calibration cases.  Each comes in English and in
Japanese.  ``assessor demo reset`` puts them all back as shipped.
"""

from __future__ import annotations

import sqlalchemy as sa

from assessor.demo.cases import CASE_DEMOS, seed_cases
from assessor.demo.hotel import DEMO_ACTIONS, DEMO_KPIS, DEMO_NAME, DEMO_NAME_JA, seed_hotel
from assessor.domain import Framework
from assessor.extensions import db
from assessor.history import record
from assessor.models import Organisation, User, Workspace

__all__ = [
    "CASE_DEMOS",
    "DEMO_ACTIONS",
    "DEMO_KPIS",
    "DEMO_NAME",
    "DEMO_NAME_JA",
    "DEMO_TRAINER",
    "DEMO_WORKSPACE",
    "demo_workspace",
    "reset_demo",
    "seed_demo",
]

DEMO_WORKSPACE = "Demo workspace"
DEMO_TRAINER = "trainer@demo.example"
"""The demo consultant account (example.com domains are reserved for examples, RFC 2606)."""


def demo_workspace() -> Workspace | None:
    """The workspace holding the demo organisations, if seeded."""
    return db.session.scalar(sa.select(Workspace).where(Workspace.name == DEMO_WORKSPACE))


def seed_demo(framework: Framework) -> bool:
    """Create the demo organisations that do not exist yet; return True if any was created."""
    created = _seed(framework)
    db.session.commit()
    return created


def reset_demo(framework: Framework, actor: User | None = None) -> int:
    """Put the demo back as shipped: delete every demo organisation with all it holds, then seed again.

    Whatever was added to or changed in the demo (assessments, answers, actions, logins) goes;
    clients' organisations are untouched.  Returns how many demo organisations were deleted.
    """
    demos = db.session.scalars(sa.select(Organisation).where(Organisation.is_demo)).all()
    for org in demos:
        db.session.delete(org)  # assessments, answers, actions and read-only logins cascade
    db.session.flush()
    _seed(framework)
    record("demo reset", None, actor, f"{len(demos)} demo organisations replaced by the shipped ones")
    db.session.commit()
    return len(demos)


def _seed(framework: Framework) -> bool:
    workspace = demo_workspace() or Workspace(name=DEMO_WORKSPACE)
    hotel = seed_hotel(framework, workspace)
    cases = seed_cases(framework, workspace)
    return hotel or cases
