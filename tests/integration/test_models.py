"""Models round-trip through the migrated schema on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from assessor.extensions import db
from assessor.models import Answer, Assessment, Organisation, Respondent, Workspace
from tests.helpers import make_app


def test_models_round_trip(database_url: str) -> None:
    app = make_app(database_url)
    with app.app_context():
        org = Organisation(name="Kōbe Ryokan 神戸旅館 <b>&</b>", workspace=Workspace(name="W"))
        assessment = Assessment(
            organisation=org,
            title="2026 self-audit",
            questionnaire_id="mini",
            questionnaire_version="1",
            assessed_on=date(2026, 11, 22),
        )
        respondent = Respondent(assessment=assessment, name="山田 太郎", segment="front-line", language="ja")
        respondent.answers.append(Answer(item_code="E1-01", level=3, is_na=False, comment="証拠: 手順書 v2"))
        respondent.answers.append(Answer(item_code="E7-01", level=None, is_na=True, na_reason="対象外"))
        db.session.add(org)
        db.session.commit()
        token = respondent.token
        db.session.expunge_all()

        loaded = db.session.scalar(sa.select(Respondent).where(Respondent.token == token))
        assert loaded is not None
        assert loaded.name == "山田 太郎" and loaded.language == "ja"
        assert loaded.assessment.organisation.name == "Kōbe Ryokan 神戸旅館 <b>&</b>"
        assert loaded.assessment.assessed_on == date(2026, 11, 22)
        assert (loaded.assessment.questionnaire_id, loaded.assessment.questionnaire_version) == ("mini", "1")
        by_code = {a.item_code: a for a in loaded.answers}
        assert (by_code["E1-01"].level, by_code["E1-01"].is_na, by_code["E1-01"].comment) == (
            3,
            False,
            "証拠: 手順書 v2",
        )
        assert (by_code["E7-01"].level, by_code["E7-01"].is_na, by_code["E7-01"].na_reason) == (None, True, "対象外")
        assert by_code["E1-01"].updated_at is not None
        assert len(token) >= 20
        db.engine.dispose()


def test_one_answer_per_item_and_respondent(database_url: str) -> None:
    app = make_app(database_url)
    with app.app_context():
        org = Organisation(name="Org", workspace=Workspace(name="W"))
        assessment = Assessment(organisation=org, title="t", questionnaire_id="mini", questionnaire_version="1")
        respondent = Respondent(assessment=assessment)
        respondent.answers.append(Answer(item_code="E1-01", level=1, is_na=False))
        respondent.answers.append(Answer(item_code="E1-01", level=2, is_na=False))
        db.session.add(org)
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.engine.dispose()


@pytest.mark.parametrize(("level", "is_na"), [(None, False), (2, True), (-1, False)])
def test_database_rejects_inconsistent_answers(database_url: str, level: int | None, is_na: bool) -> None:
    app = make_app(database_url)
    with app.app_context():
        org = Organisation(name="Org", workspace=Workspace(name="W"))
        assessment = Assessment(organisation=org, title="t", questionnaire_id="mini", questionnaire_version="1")
        respondent = Respondent(assessment=assessment)
        respondent.answers.append(Answer(item_code="E1-01", level=level, is_na=is_na))
        db.session.add(org)
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.engine.dispose()


def test_deleting_an_organisation_removes_its_data(database_url: str) -> None:
    app = make_app(database_url)
    with app.app_context():
        org = Organisation(name="Org", workspace=Workspace(name="W"))
        assessment = Assessment(organisation=org, title="t", questionnaire_id="mini", questionnaire_version="1")
        Respondent(assessment=assessment).answers.append(Answer(item_code="E1-01", level=1, is_na=False))
        db.session.add(org)
        db.session.commit()
        db.session.delete(org)
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 0
        db.engine.dispose()


def test_migrations_match_the_models(database_url: str) -> None:
    """The schema built by Alembic is the schema the models describe (no missing migration)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    app = make_app(database_url)
    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        assert diff == []
        db.engine.dispose()
