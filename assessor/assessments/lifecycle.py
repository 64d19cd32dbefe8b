"""Finalised and archived assessments: what every face says when it refuses a change.

A final assessment's answers, targets, consensus and KPI values are read-only until someone with write
access reopens it; the blueprints that hold those forms (answering, results, workshops) all
refuse with :data:`FINAL_MESSAGE`, so the wording is the same everywhere.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

FINAL_MESSAGE = _l(
    "This assessment is final: answers, targets, consensus and KPI values are read-only until it is reopened."
)
"""The refusal of any change to a final assessment's answers, targets, consensus or KPI values."""
