"""Names shown for the calibration terms (lazy, so each page and the debrief use their own language)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

TENDENCY_NAMES: dict[str, object] = {
    "lenient": _l("lenient"),
    "balanced": _l("balanced"),
    "severe": _l("severe"),
}
"""The bias tendencies of :mod:`assessor.scoring.calibration`."""
SOURCE_NAMES: dict[str, object] = {
    "interview": _l("Interview"),
    "document": _l("Document"),
    "metric": _l("Metric"),
    "observation": _l("Observation"),
}
"""The sources of a case's evidence snippets."""
