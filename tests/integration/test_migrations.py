"""Migrations carry existing data forward (organisations created before workspaces existed; workspace
owners who become members)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from assessor import create_app
from assessor.accounts.passwords import hash_password
from assessor.extensions import db
from tests.helpers import MINI_STANDARDS, PASSWORD, login


def test_existing_organisations_move_into_a_default_workspace(database_url: str) -> None:
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "STANDARDS_DIR": MINI_STANDARDS, "SECRET_KEY": "t"}
    )
    with app.app_context():
        upgrade(revision="0002")
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


def test_every_existing_consultants_workspace_becomes_a_membership(database_url: str) -> None:
    """0008: the owner of an existing workspace becomes its first member and still sees its organisations."""
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "STANDARDS_DIR": MINI_STANDARDS, "SECRET_KEY": "t"}
    )
    with app.app_context():
        upgrade(revision="0007_everyday_history")
        with db.engine.begin() as conn:
            conn.execute(
                sa.text("INSERT INTO workspace (id, name, created_at) VALUES (1, 'Firm A', CURRENT_TIMESTAMP)")
            )
            conn.execute(
                sa.text("INSERT INTO workspace (id, name, created_at) VALUES (2, 'Firm B', CURRENT_TIMESTAMP)")
            )
            conn.execute(
                sa.text(
                    "INSERT INTO organisation (id, name, is_demo, created_at, workspace_id)"
                    " VALUES (1, 'Old Client', false, CURRENT_TIMESTAMP, 1)"
                )
            )
            users = [
                (1, "owner@example.com", "consultant", 1, None),
                (2, "partner@example.com", "consultant", 2, None),
                (3, "exec@example.com", "viewer", None, 1),
                (4, "root@example.com", "admin", None, None),
            ]
            for uid, email, role, ws, org in users:
                conn.execute(
                    sa.text(
                        "INSERT INTO user_account (id, email, name, password_hash, role, workspace_id,"
                        " organisation_id, created_at, active, session_version)"
                        " VALUES (:id, :email, :email, :hash, :role, :ws, :org, CURRENT_TIMESTAMP, true, 1)"
                    ),
                    {"id": uid, "email": email, "hash": hash_password(PASSWORD), "role": role, "ws": ws, "org": org},
                )
        upgrade()
        with db.engine.connect() as conn:
            members = conn.execute(sa.text("SELECT workspace_id, user_id FROM workspace_member ORDER BY user_id")).all()
            flags = conn.execute(sa.text("SELECT must_change_password FROM user_account")).scalars().all()
        assert [tuple(m) for m in members] == [(1, 1), (2, 2)]
        assert flags and not any(flags)
        if db.engine.dialect.name == "postgresql":  # ids inserted by hand: move the sequence on
            with db.engine.begin() as conn:
                conn.execute(sa.text("SELECT setval('user_account_id_seq', 10)"))
    owner, partner = app.test_client(), app.test_client()
    login(owner, "owner@example.com")
    login(partner, "partner@example.com")
    assert owner.get("/organisations/1").status_code == 200
    assert "Old Client" in owner.get("/").get_data(as_text=True)
    assert partner.get("/organisations/1").status_code == 404
    with app.app_context():
        downgrade(revision="0007_everyday_history")
        with db.engine.connect() as conn:
            assert "workspace_member" not in sa.inspect(conn).get_table_names()
            assert conn.execute(sa.text("SELECT count(*) FROM user_account")).scalar() == 4
        db.engine.dispose()
