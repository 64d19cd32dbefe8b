"""KPI readings: the customer and operational evidence entered for an assessment."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from assessor.extensions import db
from assessor.models.core import now


class KpiReading(db.Model):  # type: ignore[name-defined,misc]
    """One KPI's value for one period of an assessment, with its target, previous value and source.

    ``kpi_id`` names an entry of the KPI catalogue (``standards/recommendations/kpis.yaml``).
    ``counts`` keeps the raw distribution (answer -> responses, JSON) when the value was
    computed from one, so the computation can be shown and repeated.  The row goes with
    its assessment (``ON DELETE CASCADE``).
    """

    __tablename__ = "kpi_reading"
    __table_args__ = (sa.UniqueConstraint("assessment_id", "kpi_id", "period", name="uq_kpi_reading_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    kpi_id: Mapped[str] = mapped_column(sa.String(40))
    period: Mapped[str] = mapped_column(sa.String(40), default="")
    """What the value covers, as people name it: ``2026``, ``2026 Q3``, ``Oct 2026``."""
    value: Mapped[float] = mapped_column(sa.Float)
    n: Mapped[int | None] = mapped_column(sa.Integer)
    """Responses or cases behind the value; unknown when empty."""
    target: Mapped[float | None] = mapped_column(sa.Float)
    previous: Mapped[float | None] = mapped_column(sa.Float)
    """The value of the period before, to show the trend."""
    variant: Mapped[str | None] = mapped_column(sa.String(20))
    source: Mapped[str] = mapped_column(sa.String(200), default="")
    counts: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now, onupdate=now)


class CustomKpi(db.Model):  # type: ignore[name-defined,misc]
    """A KPI an organisation defines for itself, beside the catalogue (``standards/recommendations/kpis.yaml``).

    It is read exactly like a catalogue KPI (unit, direction, kind, range, elements, pyramid
    levels, minimum n), so its values take part in the watermelon and optimism checks.  ``code``
    is the id its readings name (``KpiReading.kpi_id``), unique within the organisation; the
    catalogue's ids are refused, and should the catalogue later take a code, the catalogue's
    KPI wins.  The row goes with its organisation (``ON DELETE CASCADE``).
    """

    __tablename__ = "custom_kpi"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "code", name="uq_custom_kpi_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(sa.String(20))
    name: Mapped[str] = mapped_column(sa.String(120))
    name_ja: Mapped[str] = mapped_column(sa.String(120), default="")
    formula: Mapped[str] = mapped_column(sa.String(500), default="")
    """How the organisation computes it, in its own words."""
    unit: Mapped[str] = mapped_column(sa.String(10))
    direction: Mapped[str] = mapped_column(sa.String(10))
    kind: Mapped[str] = mapped_column(sa.String(12))
    lower: Mapped[float] = mapped_column(sa.Float)
    upper: Mapped[float | None] = mapped_column(sa.Float)
    elements: Mapped[str] = mapped_column(sa.String(100), default="")
    """Element ids, space-separated (``"E5 E8"``)."""
    pyramid_levels: Mapped[str] = mapped_column(sa.String(40), default="")
    min_n: Mapped[int | None] = mapped_column(sa.Integer)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=now)
