"""State changes for results: per-dimension targets (one commit per operation)."""

from __future__ import annotations

from collections.abc import Mapping

from assessor.extensions import db
from assessor.models import Assessment, DimensionTarget


def set_targets(assessment: Assessment, targets: Mapping[str, float]) -> None:
    """Store the target (%) of each given dimension, replacing earlier values."""
    existing = {t.dimension_id: t for t in assessment.targets}
    for dimension_id, value in targets.items():
        row = existing.get(dimension_id)
        if row is None:
            assessment.targets.append(DimensionTarget(dimension_id=dimension_id, target=float(value)))
        else:
            row.target = float(value)
    db.session.commit()
