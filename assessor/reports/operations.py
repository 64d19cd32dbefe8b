"""State changes for results: per-dimension targets, the comparison baseline and report downloads (one commit per
operation, logged)."""

from __future__ import annotations

from collections.abc import Mapping

from assessor.extensions import db
from assessor.history import record
from assessor.models import Assessment, DimensionTarget, User


def set_targets(assessment: Assessment, targets: Mapping[str, float], actor: User | None = None) -> None:
    """Store the target (%) of each given dimension, replacing earlier values."""
    existing = {t.dimension_id: t for t in assessment.targets}
    for dimension_id, value in targets.items():
        row = existing.get(dimension_id)
        if row is None:
            assessment.targets.append(DimensionTarget(dimension_id=dimension_id, target=float(value)))
        else:
            row.target = float(value)
    shown = ", ".join(f"{k}={v:g}" for k, v in targets.items())
    record("targets set", assessment, actor, shown)
    db.session.commit()


def set_baseline(assessment: Assessment, baseline: Assessment | None, actor: User | None = None) -> None:
    """Compare ``assessment`` with ``baseline`` from now on (``None``: the latest earlier one)."""
    assessment.baseline_id = None if baseline is None else baseline.id
    record("baseline set", assessment, actor, "automatic" if baseline is None else f"assessment {baseline.id}")
    db.session.commit()


def record_export(assessment: Assessment, actor: User | None, file_format: str) -> None:
    """Log that ``actor`` (``None``: the command line) took the assessment away as ``file_format``."""
    record("assessment exported", assessment, actor, file_format)
    db.session.commit()


def record_download(assessment: Assessment, fmt: str, lang: str, actor: User | None = None) -> None:
    """Log that ``actor`` downloaded the report of ``assessment`` as ``fmt`` (pdf, docx or pptx) in ``lang``."""
    record("report downloaded", assessment, actor, f"{fmt} {lang}")
    db.session.commit()
