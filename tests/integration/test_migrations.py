"""Migrations carry existing data forward (organisations created before workspaces existed)."""

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


def test_existing_assessments_are_carried_forward_not_archived_and_not_final(database_url: str) -> None:
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "STANDARDS_DIR": MINI_STANDARDS, "SECRET_KEY": "t"}
    )
    with app.app_context():
        upgrade(revision="0007_everyday_history")
        from assessor.extensions import db

        with db.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO workspace (name, created_at) VALUES ('Firm', CURRENT_TIMESTAMP)"))
            conn.execute(
                sa.text(
                    "INSERT INTO organisation (workspace_id, name, is_demo, created_at)"
                    " VALUES (1, 'Old Co', false, CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO assessment (organisation_id, title, title_ja, questionnaire_id, questionnaire_version,"
                    " assessed_on, created_at, mode, locked, revealed)"
                    " VALUES (1, 'Old', '旧', 'mini', '1', '2025-11-20', CURRENT_TIMESTAMP, 'workshop', true, false)"
                )
            )
        upgrade(revision="0009_lifecycle_archive_final")
        with db.engine.connect() as conn:
            org = conn.execute(sa.text("SELECT name, archived_at FROM organisation")).one()
            row = conn.execute(
                sa.text(
                    "SELECT title, title_ja, mode, locked, archived_at, finalised_at, finalised_by_id, finalised_by"
                    " FROM assessment"
                )
            ).one()
        assert tuple(org) == ("Old Co", None)
        assert (row[0], row[1], row[2], bool(row[3])) == ("Old", "旧", "workshop", True)
        assert tuple(row[4:]) == (None, None, None, None)  # not archived, not final
        downgrade(revision="0007_everyday_history")
        with db.engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("assessment")}
            title = conn.execute(sa.text("SELECT title FROM assessment")).scalar()
        assert "finalised_at" not in columns and "archived_at" not in columns and title == "Old"
        db.engine.dispose()


def test_existing_assessments_get_the_four_segments_and_respondents_keep_their_meaning(database_url: str) -> None:
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "STANDARDS_DIR": MINI_STANDARDS, "SECRET_KEY": "t"}
    )
    with app.app_context():
        upgrade(revision="0007_everyday_history")
        from assessor.extensions import db

        with db.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO workspace (name, created_at) VALUES ('W', CURRENT_TIMESTAMP)"))
            conn.execute(
                sa.text(
                    "INSERT INTO organisation (name, is_demo, created_at, workspace_id)"
                    " VALUES ('Old Co', false, CURRENT_TIMESTAMP, 1)"
                )
            )
            for title in ("Old", "Older"):
                conn.execute(
                    sa.text(
                        "INSERT INTO assessment (organisation_id, title, questionnaire_id, questionnaire_version,"
                        " assessed_on, created_at, mode, locked, revealed)"
                        " VALUES (1, :title, 'mini', '1', CURRENT_DATE, CURRENT_TIMESTAMP, 'workshop', false, false)"
                    ),
                    {"title": title},
                )
            for assessment_id, segment in ((1, "front-line"), (1, "leadership"), (1, None), (2, "night-shift")):
                conn.execute(
                    sa.text(
                        "INSERT INTO respondent (assessment_id, token, segment, language, created_at)"
                        " VALUES (:a, :token, :segment, 'en', CURRENT_TIMESTAMP)"
                    ),
                    {"a": assessment_id, "token": f"token-{assessment_id}-{segment}", "segment": segment},
                )
        upgrade()
        from assessor.assessments import segment_names
        from assessor.models import Assessment

        first, second = db.session.scalars(sa.select(Assessment).order_by(Assessment.id)).all()
        fixed = [
            ("leadership", "Leadership", "経営層・管理職"),
            ("front-line", "Front line", "現場（顧客接点）"),
            ("back-office", "Back office", "バックオフィス"),
            ("other", "Other", "その他"),
        ]
        assert [(s.key, s.label_en, s.label_ja) for s in first.segments] == fixed
        # a value outside the four (written outside the forms) becomes a segment of its own
        assert [(s.key, s.label_en, s.label_ja) for s in second.segments] == [*fixed, ("night-shift",) * 3]
        assert sorted(r.segment or "" for r in first.respondents) == ["", "front-line", "leadership"]
        names = segment_names(first, "ja")
        assert [names[r.segment] for r in first.respondents if r.segment] == ["現場（顧客接点）", "経営層・管理職"]
        db.session.remove()
        downgrade(revision="0007_everyday_history")
        with db.engine.connect() as conn:
            assert "segment" not in sa.inspect(conn).get_table_names()
            assert conn.execute(sa.text("SELECT count(*) FROM respondent")).scalar() == 4
        downgrade(revision="base")
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


def test_actions_plan_upgrades_from_0011_with_existing_data(database_url: str) -> None:
    """0012: existing organisations and assessments stay; actions link to them and go with the organisation."""
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "STANDARDS_DIR": MINI_STANDARDS, "SECRET_KEY": "t"}
    )
    with app.app_context():
        upgrade(revision="0011_accounts_members")
        with db.engine.begin() as conn:
            conn.execute(
                sa.text("INSERT INTO workspace (id, name, created_at) VALUES (1, 'Firm A', CURRENT_TIMESTAMP)")
            )
            conn.execute(
                sa.text(
                    "INSERT INTO organisation (id, name, is_demo, created_at, workspace_id)"
                    " VALUES (1, 'Old Client', false, CURRENT_TIMESTAMP, 1)"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO assessment (id, organisation_id, title, title_ja, questionnaire_id,"
                    " questionnaire_version, assessed_on, created_at, mode, locked, min_group_size)"
                    " VALUES (1, 1, 'Old', '', 'mini', '1', CURRENT_DATE, CURRENT_TIMESTAMP, 'self', false, 3)"
                )
            )
        upgrade()
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO action (organisation_id, assessment_id, library_id, title, title_ja, element_ids,"
                    " item_codes, kpi_ids, owner, status, reason, progress, created_at, updated_at)"
                    " VALUES (1, 1, 'R-E8-01', 'Map journeys', '', 'E8', '', 'NPS', 'Aiko', 'planned', '', 0,"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO action_note (action_id, at, author, text)"
                    " SELECT id, CURRENT_TIMESTAMP, 'a@example.com', 'Kick-off held' FROM action"
                )
            )
        with db.engine.connect() as conn:
            title = conn.execute(sa.text("SELECT a.title FROM action a JOIN assessment s ON s.id = a.assessment_id"))
            assert title.scalar() == "Map journeys"
            assert conn.execute(sa.text("SELECT title FROM assessment")).scalar() == "Old"
        with db.engine.begin() as conn:  # a second tracking of the same library action is refused
            try:
                with conn.begin_nested():
                    conn.execute(
                        sa.text(
                            "INSERT INTO action (organisation_id, library_id, title, title_ja, element_ids,"
                            " item_codes, kpi_ids, owner, status, reason, progress, created_at, updated_at)"
                            " VALUES (1, 'R-E8-01', 'Again', '', 'E8', '', '', '', 'planned', '', 0,"
                            " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                        )
                    )
                refused = False
            except sa.exc.IntegrityError:
                refused = True
        assert refused
        downgrade(revision="0011_accounts_members")
        upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM action")).scalar() == 0
            assert conn.execute(sa.text("SELECT title FROM assessment")).scalar() == "Old"
