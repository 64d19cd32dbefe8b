"""Demo data: a fictional organisation with completed assessments, for trainers and first runs."""

from __future__ import annotations

import random
from datetime import date

import sqlalchemy as sa

from assessor.domain import Framework, Questionnaire
from assessor.extensions import db
from assessor.models import Answer, Assessment, Organisation, Respondent, Workspace

DEMO_NAME = "Harbourview Hotels (demo)"
DEMO_WORKSPACE = "Demo workspace"
DEMO_TRAINER = "trainer@demo.example"
"""The demo consultant account (example.com domains are reserved for examples, RFC 2606)."""

# Typical profile of an organisation that handles the basics well and is starting on delight:
# mean maturity per pyramid level (0-4 scale).
_PROFILE = {"L1": 3.1, "L2": 2.6, "L3": 1.8, "L4": 1.1}
_RESPONDENTS = (
    ("Aiko Tanaka", "leadership", "ja"),
    ("Ben Carter", "leadership", "en"),
    ("Chika Mori", "front-line", "ja"),
    ("Dan Osei", "front-line", "en"),
    ("Emi Sato", "back-office", "ja"),
)


def demo_workspace() -> Workspace | None:
    """The workspace holding the demo organisation, if seeded."""
    return db.session.scalar(sa.select(Workspace).where(Workspace.name == DEMO_WORKSPACE))


def seed_demo(framework: Framework) -> bool:
    """Create the demo organisation unless it exists; return True if it was created."""
    if db.session.scalar(sa.select(Organisation).where(Organisation.name == DEMO_NAME)):
        return False
    workspace = db.session.scalar(sa.select(Workspace).where(Workspace.name == DEMO_WORKSPACE))
    if workspace is None:
        workspace = Workspace(name=DEMO_WORKSPACE)
    org = Organisation(name=DEMO_NAME, is_demo=True, workspace=workspace)
    rng = random.Random(23592)  # fixed seed: the demo looks the same on every machine
    today = date.today()
    _completed(org, framework.questionnaires["quick"], date(today.year - 1, 11, 20), rng, 0.0, 3)
    _completed(org, framework.questionnaires["full"], today, rng, 0.4, len(_RESPONDENTS))
    db.session.add(org)
    db.session.commit()
    return True


def _completed(
    org: Organisation,
    questionnaire: Questionnaire,
    when: date,
    rng: random.Random,
    uplift: float,
    respondents: int,
) -> Assessment:
    assessment = Assessment(
        organisation=org,
        title=f"{questionnaire.title.en} {when.year}",
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        assessed_on=when,
    )
    # Each item has a "true" level around the profile; people see it with a little noise,
    # leaders a little rosier than the front line (a typical perception gap).
    true_level = {i.code: rng.gauss(_PROFILE[i.pyramid_level_id] + uplift, 0.6) for i in questionnaire.items}
    for name, segment, language in _RESPONDENTS[:respondents]:
        respondent = Respondent(assessment=assessment, name=name, segment=segment, language=language)
        bias = 0.5 if segment == "leadership" else -0.2
        for item in questionnaire.items:
            if item.allow_na and rng.random() < 0.08:
                respondent.answers.append(
                    Answer(item_code=item.code, level=None, is_na=True, na_reason="Not offered by us")
                )
                continue
            level = min(4, max(0, round(true_level[item.code] + bias + rng.gauss(0, 0.45))))
            respondent.answers.append(Answer(item_code=item.code, level=level, is_na=False))
    return assessment
