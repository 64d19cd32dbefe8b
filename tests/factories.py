"""Builders for tests: pure framework objects and inputs, and stored workspaces, users,
organisations and assessments with answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

import sqlalchemy as sa
from flask import Flask

from assessor.accounts.users import create_user
from assessor.domain import (
    Action,
    Dimension,
    Element,
    Entry,
    Framework,
    Item,
    PyramidLevel,
    Questionnaire,
    Scale,
    ScaleLevel,
    Text,
)
from assessor.extensions import db
from assessor.models import Answer, Assessment, ClassroomSession, Organisation, Respondent, Role, Segment, Workspace
from assessor.models import Consensus as StoredConsensus
from assessor.scoring import AssessmentInput, Consensus, RespondentAnswers
from tests.helpers import PASSWORD

# ---- pure builders (no database) -------------------------------------------------------------


def _t(text: str) -> Text:
    return Text(text, text)


def _entry(entry_id: str) -> Entry:
    return Entry(entry_id, _t(entry_id), _t(""))


SCALE_NAMES = ("Not in place", "Initial", "Developing", "Established", "Leading")


class NA:
    """Marks an N/A answer in :meth:`Builders.respondent`."""

    def __init__(self, reason: str = "does not apply") -> None:
        self.reason = reason


class Builders:
    """Small builders for domain objects and assessment inputs."""

    @staticmethod
    def framework(questionnaires: Sequence[Questionnaire] = ()) -> Framework:
        """Dimensions A (E1) and B (E2), principles P1-P2, DP1, DA1, L1-L4, 0-4."""
        return Framework(
            versions=MappingProxyType({"test": "1"}),
            principles=(_entry("P1"), _entry("P2")),
            dimensions=(
                Dimension("A", _t("Dimension A"), _t(""), ("E1",)),
                Dimension("B", _t("Dimension B"), _t(""), ("E2",)),
            ),
            elements=(
                Element("E1", _t("Element 1"), _t(""), "A"),
                Element("E2", _t("Element 2"), _t(""), "B"),
            ),
            design_principles=(_entry("DP1"),),
            design_activities=(_entry("DA1"),),
            pyramid_levels=tuple(
                PyramidLevel(
                    f"L{rank}",
                    _t(f"Level {rank}"),
                    _t(""),
                    rank,
                    "satisfaction" if rank <= 2 else "delight",
                )
                for rank in (1, 2, 3, 4)
            ),
            scale=Scale(
                "maturity-scale",
                "1",
                tuple(ScaleLevel(value, _t(name), _t("")) for value, name in enumerate(SCALE_NAMES)),
            ),
            questionnaires=MappingProxyType({q.id: q for q in questionnaires}),
        )

    @staticmethod
    def item(
        code: str,
        element_id: str = "E1",
        level_id: str = "L1",
        *,
        weight: float = 1.0,
        allow_na: bool = True,
        principles: tuple[str, ...] = ("P1",),
        design_principles: tuple[str, ...] = (),
        design_activities: tuple[str, ...] = (),
    ) -> Item:
        """Return an item with placeholder texts."""
        return Item(
            code=code,
            element_id=element_id,
            pyramid_level_id=level_id,
            principle_ids=principles,
            design_principle_ids=design_principles,
            design_activity_ids=design_activities,
            weight=weight,
            allow_na=allow_na,
            question=_t(code),
            guidance=_t(""),
            level_descriptions=tuple(_t(str(v)) for v in range(5)),
        )

    @staticmethod
    def questionnaire(items: Sequence[Item], qid: str = "mini", version: str = "1") -> Questionnaire:
        """Return a questionnaire holding ``items``."""
        return Questionnaire(qid, version, _t(qid), _t(""), 10, tuple(items))

    @staticmethod
    def respondent(rid: str, answers: Mapping[str, int | NA], segment: str | None = None) -> RespondentAnswers:
        """Return a respondent; ``NA(...)`` values become N/A answers."""
        return RespondentAnswers(
            respondent_id=rid,
            segment=segment,
            levels={c: a for c, a in answers.items() if isinstance(a, int)},
            not_applicable={c: a.reason for c, a in answers.items() if isinstance(a, NA)},
        )

    @staticmethod
    def assessment(
        questionnaire: Questionnaire,
        respondents: Sequence[RespondentAnswers],
        consensus: Mapping[str, Consensus] | None = None,
        targets: Mapping[str, float] | None = None,
    ) -> AssessmentInput:
        """Return an assessment input for ``questionnaire``."""
        return AssessmentInput(
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            respondents=tuple(respondents),
            consensus=consensus or {},
            targets=targets or {},
        )


# The worked example of docs/methodology.md §13, held as data.  Keep in sync.
EXAMPLE_ITEMS = (
    # code, element, level, weight, principles, design principles, activities
    ("E1-01", "E1", "L1", 1.0, ("P1",), (), ()),
    ("E1-02", "E1", "L2", 2.0, ("P1", "P2"), (), ()),
    ("E2-01", "E2", "L1", 1.0, ("P2",), (), ()),
    ("E2-02", "E2", "L3", 1.0, ("P2",), ("DP1",), ("DA1",)),
    ("E2-03", "E2", "L4", 1.0, ("P2",), (), ("DA1",)),
)
EXAMPLE_ANSWERS: dict[str, tuple[str, dict[str, int | NA]]] = {
    "r1": ("leadership", {"E1-01": 4, "E1-02": 4, "E2-01": 2, "E2-02": NA("no CRM")}),
    "r2": ("front-line", {"E1-01": 3, "E1-02": 1, "E2-01": 3, "E2-02": 3}),
    "r3": ("front-line", {"E1-01": 4, "E1-02": 4, "E2-01": 3, "E2-02": 4}),
}
EXAMPLE_CONSENSUS = {"E1-02": Consensus(2, "Complaints are logged everywhere but followed up in 2 of 5")}
EXAMPLE_TARGETS = {"A": 75.0, "B": 80.0}


def make_example() -> tuple[Framework, Questionnaire, AssessmentInput]:
    """Build the worked example of the methodology (framework, questionnaire, input)."""
    items = [
        Builders.item(
            code,
            element,
            level,
            weight=weight,
            allow_na=code != "E1-01",
            principles=principles,
            design_principles=dps,
            design_activities=das,
        )
        for code, element, level, weight, principles, dps, das in EXAMPLE_ITEMS
    ]
    questionnaire = Builders.questionnaire(items, "example", "1")
    framework = Builders.framework([questionnaire])
    respondents = [Builders.respondent(rid, answers, segment) for rid, (segment, answers) in EXAMPLE_ANSWERS.items()]
    assessment = Builders.assessment(questionnaire, respondents, EXAMPLE_CONSENSUS, EXAMPLE_TARGETS)
    return framework, questionnaire, assessment


def _action(
    action_id: str,
    level: str,
    bands: tuple[str, ...],
    effort: int,
    impact: int,
    prerequisites: tuple[str, ...] = (),
) -> Action:
    text = Text(action_id, action_id)
    return Action(
        id=action_id,
        element_id=action_id.split("-")[1],
        pyramid_level_id=level,
        design_activity_ids=(),
        bands=bands,
        effort=effort,
        impact=impact,
        prerequisite_ids=prerequisites,
        kpi_ids=("CSAT",),
        title=text,
        why=text,
        what=text,
        verify=text,
    )


LIBRARY = (
    _action("R-E1-01", "L2", ("developing", "established"), effort=2, impact=4),
    _action("R-E1-02", "L3", ("established", "leading"), effort=1, impact=5, prerequisites=("R-E1-01",)),
    _action("R-E1-03", "L1", ("not_in_place", "initial"), effort=1, impact=3),
    _action("R-E1-04", "L4", ("established",), effort=5, impact=5, prerequisites=("R-E2-03",)),
    _action("R-E1-05", "L2", ("leading",), effort=1, impact=1),
    _action("R-E2-01", "L1", ("established", "leading"), effort=4, impact=2),
    _action("R-E2-02", "L3", ("developing",), effort=2, impact=3),
    _action("R-E2-03", "L3", ("established",), effort=3, impact=4, prerequisites=("R-E2-02", "R-E1-05")),
)


# ---- stored builders (inside an app context) ---------------------------------------------------


def add_user(
    app: Flask, email: str, role: str = "consultant", workspace: str | None = "Workspace A", **extra: object
) -> int:
    """Create a user (and its workspace) directly in the database; return the user id."""
    with app.app_context():
        ws = workspace_named(workspace) if workspace is not None else None
        user = create_user(email, email.split("@")[0], PASSWORD, Role(role), workspace=ws, **extra)  # type: ignore[arg-type]
        return int(user.id)


def workspace_named(name: str) -> Workspace:
    """The workspace called ``name``, created when missing (not committed)."""
    return db.session.scalar(sa.select(Workspace).where(Workspace.name == name)) or Workspace(name=name)


@dataclass(frozen=True)
class Person:
    """One stored respondent: segment, name and answers (item code -> level, or ``NA(reason)``)."""

    segment: str | None = None
    name: str | None = None
    answers: Mapping[str, int | NA] = field(default_factory=dict)
    comments: Mapping[str, str] = field(default_factory=dict)


def stored_assessment(
    organisation: Organisation,
    title: str,
    people: Iterable[Person] = (),
    *,
    assessed_on: date | None = None,
    consensus: Mapping[str, tuple[int, str]] | None = None,
    questionnaire: tuple[str, str] = ("mini", "1"),
    **columns: object,
) -> Assessment:
    """Add an assessment with respondents, answers and consensus to ``organisation`` (not committed)."""
    assessment = Assessment(
        organisation=organisation,
        title=title,
        questionnaire_id=questionnaire[0],
        questionnaire_version=questionnaire[1],
        assessed_on=assessed_on,
        **columns,
    )
    for person in people:
        respondent = Respondent(assessment=assessment, segment=person.segment, name=person.name)
        for code, value in person.answers.items():
            if isinstance(value, NA):
                answer = Answer(item_code=code, level=None, is_na=True, na_reason=value.reason)
            else:
                answer = Answer(item_code=code, level=value, is_na=False)
            answer.comment = person.comments.get(code)
            respondent.answers.append(answer)
    for code, (level, rationale) in (consensus or {}).items():
        assessment.consensus.append(StoredConsensus(item_code=code, level=level, rationale=rationale))
    return assessment


PARTICIPANT = "Zebulon Quillfeather"
"""Participants of :func:`mixed_workshop` are named ``Zebulon Quillfeather 1`` … (easy to find in a file)."""
INJECTIONS = ('=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)")
"""Comments a spreadsheet would evaluate if they were written as they are."""


def mixed_workshop(app: Flask) -> dict[str, int]:
    """A consultant (consultant@example.com) in Workspace A, and a workshop there of 11 named, commenting people,
    each with answers of their own.

    Front line (5) and an ops team labelled "=Ops" (3) are shown on their own; back office (1) and
    leadership (2) only combined.  Everyone answers E7-01 N/A with a reason; the organisation is
    called "=Harbour+Client".  Returns the organisation's and the assessment's ids.
    """
    add_user(app, "consultant@example.com")
    codes = ("E1-01", "E2-01", "E3-01", "E4-01", "E5-01", "E6-01", "E8-01")
    people = []
    number = 0
    for segment, count in (("front-line", 5), ("ops", 3), ("back-office", 1), ("leadership", 2)):
        for _ in range(count):
            number += 1
            # Every person's answers differ from everyone else's: the answers alone would identify them.
            answers: dict[str, int | NA] = {
                code: (number * (k + 1) + (number // 5) * k) % 5 for k, code in enumerate(codes)
            }
            answers["E7-01"] = NA(f"reason {number}")
            comments = {"E1-01": INJECTIONS[number % 4]} if number <= 4 else {"E2-01": f"note {number} back"}
            people.append(Person(segment=segment, name=f"{PARTICIPANT} {number}", answers=answers, comments=comments))
    with app.app_context():
        org = Organisation(name="=Harbour+Client", workspace=workspace_named("Workspace A"))
        assessment = stored_assessment(org, "Workshop 2026", people)
        assessment.segments.append(Segment(key="ops", label_en="=Ops", label_ja="=運用", position=9))
        db.session.add(org)
        db.session.commit()
        return {"org_id": org.id, "assessment_id": assessment.id}


def classroom_session(
    workspace_id: int, join_code: str, join_token: str, case_id: str = "bus-operator"
) -> ClassroomSession:
    """A classroom session row (not committed) on the mini questionnaire, for route-wide checks."""
    return ClassroomSession(
        workspace_id=workspace_id,
        case_id=case_id,
        case_version="1",
        questionnaire_id="mini",
        questionnaire_version="1",
        join_code=join_code,
        join_token=join_token,
    )
