"""Fixtures for the scoring tests: the pure builders and the worked example (tests/factories.py)."""

from __future__ import annotations

import pytest

from assessor.domain import Framework, Questionnaire
from assessor.scoring import AssessmentInput
from tests.factories import NA, Builders, make_example


@pytest.fixture(scope="session")
def build() -> type[Builders]:
    """Return the builders, shared by every test (session scope suits hypothesis)."""
    return Builders


@pytest.fixture(scope="session")
def na() -> type[NA]:
    """Return the N/A marker for :meth:`Builders.respondent`."""
    return NA


@pytest.fixture(scope="session")
def example() -> tuple[Framework, Questionnaire, AssessmentInput]:
    """Return the worked example of the methodology."""
    return make_example()
