"""Migrations carry existing data forward (organisations created before workspaces existed)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from assessor import create_app
from tests.helpers import MINI_STANDARDS


def test_existing_organisations_move_into_a_default_workspace(database_url: str) -> None:
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "STANDARDS_DIR": MINI_STANDARDS, "SECRET_KEY": "t"}
    )
    with app.app_context():
        upgrade(revision="0002")
        from assessor.extensions import db

        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO organisation (name, is_demo, created_at) VALUES ('Old Co', false, CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO assessment (organisation_id, title, questionnaire_id, questionnaire_version,"
                    " assessed_on, created_at) VALUES (1, 'Old', 'mini', '1', CURRENT_DATE, CURRENT_TIMESTAMP)"
                )
            )
        upgrade()
        with db.engine.connect() as conn:
            workspace = conn.execute(
                sa.text("SELECT w.name FROM organisation o JOIN workspace w ON w.id = o.workspace_id")
            ).scalar()
            mode, locked = conn.execute(sa.text("SELECT mode, locked FROM assessment")).one()
        assert workspace == "Default workspace"
        assert (mode, bool(locked)) == ("self", False)
        downgrade(revision="base")  # and every migration can be undone
        with db.engine.connect() as conn:
            assert "organisation" not in sa.inspect(conn).get_table_names()
        db.engine.dispose()
