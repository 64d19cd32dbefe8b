"""Database models: organisations, assessments, respondents and their answers.

Answers are keyed by the item's stable code (not a database id), and every
assessment records the questionnaire id and version it was taken with, so any
stored assessment can be re-scored against the data it was answered on.
The models hold no scoring logic: see :mod:`assessor.scoring`.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assessor.extensions import db

if TYPE_CHECKING:
    from assessor.models.accounts import Workspace


def now() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


DEFAULT_SEGMENTS = (
    ("leadership", "Leadership", "経営層・管理職"),
    ("front-line", "Front line", "現場（顧客接点）"),
    ("back-office", "Back office", "バックオフィス"),
    ("other", "Other", "その他"),
)
"""(key, English label, Japanese label) of the segments every new assessment starts with (editable);
the keys and labels of the four fixed segments that came before segments could be defined."""

SEGMENT_LABEL_LENGTH = 60
"""Longest segment label accepted, in either language."""


def aware(moment: datetime) -> datetime:
    """``moment`` with its time zone: SQLite gives naive UTC times back."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def has_passed(moment: datetime | None) -> bool:
    """True if ``moment`` is set and not in the future."""
    return moment is not None and aware(moment) <= now()


def new_token() -> str:
    """Return an unguessable URL-safe token (128 bits)."""
    return secrets.token_urlsafe(16)


class Organisation(db.Model):  # type: ignore[name-defined,misc]
    """A client organisation whose service excellence is assessed."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
    archived_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    """When set, the organisation is archived: hidden from the lists, restorable, nothing lost."""

    workspace: Mapped[Workspace] = relationship(back_populates="organisations")
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="Assessment.id"
    )


class Assessment(db.Model):  # type: ignore[name-defined,misc]
    """One assessment of an organisation, pinned to a questionnaire id and version."""

    __tablename__ = "assessment"
    __table_args__ = (
        sa.CheckConstraint("min_group_size IS NULL OR min_group_size >= 1", name="min_group_size_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    title_ja: Mapped[str | None] = mapped_column(sa.String(200))
    """The title in Japanese, if given; Japanese pages and reports show it, else :attr:`title`."""
    questionnaire_id: Mapped[str] = mapped_column(sa.String(50))
    questionnaire_version: Mapped[str] = mapped_column(sa.String(20))
    assessed_on: Mapped[date] = mapped_column(sa.Date, default=date.today)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
    mode: Mapped[str] = mapped_column(sa.String(20), default="self", server_default="self")
    """``self`` (one person, with evidence notes), ``workshop`` (many participants in a room) or ``survey``
    (a whole organisation answers by one link over days, until :attr:`closes_at`)."""
    join_code: Mapped[str | None] = mapped_column(sa.String(12), unique=True)
    """Short code participants type to join a workshop; None while no workshop is open."""
    join_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    """Unguessable token of the workshop's join link."""
    locked: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    """When True, answering has ended; answers and consensus are read-only."""
    revealed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    """When True, the facilitator shows the answer distributions to the room."""
    discussed_item: Mapped[str | None] = mapped_column(sa.String(20))
    """The code of the item under discussion (the presenter screen shows its distribution); None: none chosen."""
    min_group_size: Mapped[int | None] = mapped_column(sa.Integer)
    """Raises the deployment's minimum group size for this assessment (None: the deployment's)."""
    archived_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    """When set, the assessment is archived: hidden from lists and comparisons, restorable, nothing lost."""
    finalised_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    """When set, the assessment is final: answers, targets, consensus and KPI values are read-only until reopened."""
    finalised_by_id: Mapped[int | None] = mapped_column(sa.Integer)
    """The id of the user who finalised it (a plain id, like the history's: it outlives the account)."""
    finalised_by: Mapped[str | None] = mapped_column(sa.String(254))
    """The name (or e-mail address) of the user who finalised it, as it was then."""
    baseline_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("assessment.id", ondelete="SET NULL", name="fk_assessment_baseline_id_assessment")
    )
    """The earlier assessment chosen to compare with; None: the latest earlier one (automatic)."""
    revision: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    """Bumped in the same transaction as every answer write: the live screens' poll reads it instead
    of scanning the answers (:func:`assessor.workshops.queries.presenter_version`)."""
    closes_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    """A survey's closing time: from then on nobody joins and no answer is saved; None: open until closed."""

    organisation: Mapped[Organisation] = relationship(back_populates="assessments")
    respondents: Mapped[list[Respondent]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="Respondent.id"
    )
    consensus: Mapped[list[Consensus]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="Consensus.item_code"
    )
    targets: Mapped[list[DimensionTarget]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="DimensionTarget.dimension_id"
    )
    segments: Mapped[list[Segment]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="Segment.position"
    )

    def __init__(self, **kwargs: Any) -> None:
        """A new assessment starts with :data:`DEFAULT_SEGMENTS` unless ``segments`` are given."""
        if "segments" not in kwargs:
            kwargs["segments"] = [
                Segment(key=key, label_en=en, label_ja=ja, position=index)
                for index, (key, en, ja) in enumerate(DEFAULT_SEGMENTS)
            ]
        super().__init__(**kwargs)

    @property
    def is_final(self) -> bool:
        """True once finalised (and not reopened): answers, targets, consensus and KPI values are read-only."""
        return self.finalised_at is not None

    @property
    def answered_by_many(self) -> bool:
        """True for a workshop or a survey (many respondents, individual answers rolled up alike);
        False for a self-audit. Comparisons item by item need the same on both sides."""
        return self.mode in ("workshop", "survey")

    @property
    def survey_closed(self) -> bool:
        """True for a survey whose closing time has passed (no new respondents, no saves)."""
        return self.mode == "survey" and has_passed(self.closes_at)

    @property
    def answered(self) -> bool:
        """True once anyone has given an answer or a consensus was recorded (the questionnaire
        and mode are then fixed)."""
        return bool(self.consensus) or any(r.answers for r in self.respondents)


class Segment(db.Model):  # type: ignore[name-defined,misc]
    """A group respondents may say they belong to (a department, site or role), defined per assessment.

    Respondents store the :attr:`key`, which never changes: renaming a segment changes only its labels.
    """

    __tablename__ = "segment"
    __table_args__ = (sa.UniqueConstraint("assessment_id", "key", name="assessment_segment_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(sa.String(60))
    label_en: Mapped[str] = mapped_column(sa.String(SEGMENT_LABEL_LENGTH))
    label_ja: Mapped[str] = mapped_column(sa.String(SEGMENT_LABEL_LENGTH))
    position: Mapped[int] = mapped_column(sa.Integer, default=0)

    assessment: Mapped[Assessment] = relationship(back_populates="segments")

    def label(self, lang: str) -> str:
        """The label in ``lang``: the Japanese one on Japanese pages and reports when given, else the English one."""
        return self.label_ja if lang == "ja" and self.label_ja.strip() else self.label_en


class Respondent(db.Model):  # type: ignore[name-defined,misc]
    """A person (possibly anonymous) answering an assessment, reached by an unguessable token."""

    __tablename__ = "respondent"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_token)
    name: Mapped[str | None] = mapped_column(sa.String(120))
    segment: Mapped[str | None] = mapped_column(sa.String(60))
    language: Mapped[str] = mapped_column(sa.String(5), default="en")
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    """Set when a logged-in user answers (self-audit); workshop participants have no account."""
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
    on_paper: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    """True when the facilitator entered this respondent's answers from a paper form."""
    entered_by_id: Mapped[int | None] = mapped_column(sa.Integer)
    """The id of the user who entered the paper form or imported the file (a plain id, like the history's:
    it outlives the account)."""
    imported: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    """True when the answers came in from a file (the offline template or a Forms export)."""

    assessment: Mapped[Assessment] = relationship(back_populates="respondents")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", order_by="Answer.id"
    )


class Answer(db.Model):  # type: ignore[name-defined,misc]
    """A respondent's answer to one item: a maturity level, or N/A with a reason."""

    __tablename__ = "answer"
    __table_args__ = (
        sa.UniqueConstraint("respondent_id", "item_code", name="respondent_item"),
        sa.CheckConstraint(
            "(is_na AND level IS NULL) OR (NOT is_na AND level IS NOT NULL AND level >= 0)",
            name="level_or_na",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(sa.ForeignKey("respondent.id", ondelete="CASCADE"), index=True)
    item_code: Mapped[str] = mapped_column(sa.String(20))
    level: Mapped[int | None] = mapped_column(sa.SmallInteger)
    is_na: Mapped[bool] = mapped_column(default=False)
    na_reason: Mapped[str | None] = mapped_column(sa.String(500))
    comment: Mapped[str | None] = mapped_column(sa.Text)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now, onupdate=now)
    round: Mapped[int] = mapped_column(sa.SmallInteger, default=1, server_default="1")
    """1, or 2 once saved while the item's second vote was open (:mod:`assessor.models.rounds`)."""

    respondent: Mapped[Respondent] = relationship(back_populates="answers")


class Consensus(db.Model):  # type: ignore[name-defined,misc]
    """The level a team agreed for one item, with its rationale; individual answers are kept."""

    __tablename__ = "consensus"
    __table_args__ = (
        sa.UniqueConstraint("assessment_id", "item_code", name="assessment_item"),
        sa.CheckConstraint("level >= 0", name="level_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    item_code: Mapped[str] = mapped_column(sa.String(20))
    level: Mapped[int] = mapped_column(sa.SmallInteger)
    rationale: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now, onupdate=now)

    assessment: Mapped[Assessment] = relationship(back_populates="consensus")


class DimensionTarget(db.Model):  # type: ignore[name-defined,misc]
    """The score (0-100 %) an organisation aims for in one dimension."""

    __tablename__ = "dimension_target"
    __table_args__ = (
        sa.UniqueConstraint("assessment_id", "dimension_id", name="assessment_dimension"),
        sa.CheckConstraint("target >= 0 AND target <= 100", name="target_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    dimension_id: Mapped[str] = mapped_column(sa.String(10))
    target: Mapped[float] = mapped_column(sa.Float)

    assessment: Mapped[Assessment] = relationship(back_populates="targets")


class ViewCache(db.Model):  # type: ignore[name-defined,misc]
    """What a view computed once for everyone who asks for the same thing, shared by every worker and
    machine (a cache in the database, :mod:`assessor.assessments.viewcache`): the room's distributions
    for the phones after the reveal, the presenter screen's fragment for every projector.  ``version``
    names what it was computed from; a row whose version is not the current one is never used."""

    __tablename__ = "view_cache"

    assessment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    key: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    version: Mapped[str] = mapped_column(sa.String(120))
    payload: Mapped[str] = mapped_column(sa.Text)
    computed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
