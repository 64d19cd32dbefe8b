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
