"""The aggregate path (GROUP BY counts from the database) scores exactly as the per-answer path.

``score_assessment`` scores from the counts the database returns; ``score_assessment_answers``
loads every answer as an object and scores them one by one, as the app did before.  Both must
give the same :class:`ScoringResult` (==, floats included) on the demo and on generated
assessments (levels, N/A, comments, unanswered items, segments, consensus), on SQLite and
PostgreSQL; and the report built from either must be the same.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask

from assessor.assessments import respondent_tallies, score_assessment, score_assessment_answers
from assessor.assessments.progress import assessment_progress
from assessor.demo import seed_demo
from assessor.extensions import db
from assessor.models import Assessment, Organisation
from assessor.reports.context import ReportMeta, build_context
from assessor.standards import get_framework
from tests.factories import NA, Person, stored_assessment, workspace_named
from tests.helpers import REAL_STANDARDS, make_app

SEGMENTS = (None, "leadership", "front-line", "back-office", "x")


@pytest.fixture
def real_site(database_url: str) -> Iterator[Flask]:
    """An app with the shipped standards on each database."""
    application = make_app(database_url, standards=REAL_STANDARDS)
    yield application
    with application.app_context():
        db.engine.dispose()


def _same(assessment: Assessment) -> None:
    fast = score_assessment(assessment)
    slow = score_assessment_answers(assessment)
    assert fast.result == slow.result
    meta = ReportMeta(organisation="Org", assessment_title="T", report_date=date(2026, 1, 1))
    for lang in ("en", "ja"):
        contexts = [
            build_context(get_framework(), s.questionnaire, s.result, meta, lang=lang, answers=s.answers)
            for s in (fast, slow)
        ]
        assert contexts[0] == contexts[1]
    tallies = respondent_tallies(assessment.id, fast.questionnaire)
    progress = assessment_progress(assessment, fast.questionnaire)
    assert [(t.respondent_id, t.name, t.segment, t.answered, t.total) for t in tallies] == [
        (p.respondent.id, p.respondent.name, p.respondent.segment, p.answered, p.total) for p in progress
    ]


def test_demo_scores_the_same_both_ways(real_site: Flask) -> None:
    with real_site.app_context():
        assert seed_demo(get_framework())
        assessments = list(db.session.scalars(sa.select(Assessment)))
        assert len(assessments) >= 4
        for assessment in assessments:
            assert score_assessment(assessment).result.respondent_count > 0
            _same(assessment)


def _people(rng: random.Random, codes: list[str], na_allowed: set[str], count: int) -> list[Person]:
    people = []
    for n in range(count):
        answers: dict[str, int | NA] = {}
        comments: dict[str, str] = {}
        for code in codes:
            roll = rng.random()
            if roll < 0.15:
                continue  # unanswered
            if roll < 0.25 and code in na_allowed:
                answers[code] = NA(rng.choice(["", "not our business", "no such desk"]))
            else:
                answers[code] = rng.randint(0, 4)
            if rng.random() < 0.05:
                comments[code] = rng.choice(["slow at check-in", "owner unclear", "  "])
        if rng.random() < 0.1:
            answers = {}  # joined, answered nothing
        people.append(Person(segment=rng.choice(SEGMENTS), name=f"P{n}", answers=answers, comments=comments))
    return people


@pytest.mark.parametrize("seed", range(6))
def test_generated_assessments_score_the_same_both_ways(real_site: Flask, seed: int) -> None:
    rng = random.Random(seed)
    with real_site.app_context():
        questionnaire = get_framework().questionnaire(rng.choice(["quick", "full"]))
        codes = list(questionnaire.codes)
        if seed % 2:
            codes = rng.sample(codes, k=max(3, len(codes) // 3))  # some items nobody answered
        na_allowed = {item.code for item in questionnaire.items if item.allow_na}
        org = Organisation(name=f"Org {seed}", workspace=workspace_named("W"))
        consensus = {code: (rng.randint(0, 4), "agreed") for code in rng.sample(codes, k=2)} if seed % 3 else None
        assessment = stored_assessment(
            org,
            f"Generated {seed}",
            _people(rng, codes, na_allowed, rng.choice([1, 2, 7, 25, 60])),
            assessed_on=date(2026, 5, 1),
            consensus=consensus,
            questionnaire=(questionnaire.id, questionnaire.version),
            min_group_size=rng.choice([None, 3, 5, 10]),
        )
        db.session.add(org)
        db.session.commit()
        _same(assessment)


def test_empty_assessment_scores_the_same_both_ways(real_site: Flask) -> None:
    with real_site.app_context():
        org = Organisation(name="Empty", workspace=workspace_named("W"))
        full = get_framework().questionnaire("full")
        assessment = stored_assessment(org, "Nobody yet", questionnaire=(full.id, full.version))
        db.session.add(org)
        db.session.commit()
        assert score_assessment(assessment).result.respondent_count == 0
        _same(assessment)
