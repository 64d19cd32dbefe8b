"""assessor: a service-excellence self-assessment toolkit (Flask application factory)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from assessor.config import ROOT, defaults


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the application.

    :param test_config: settings that override the defaults and the environment (tests).
    :raise assessor.standards.StandardsError: if the framework data is invalid; the
        CLI turns it into a readable message naming file and line.
    """
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "assessor" / "static"),
    )
    app.config.from_mapping(defaults(Path(app.instance_path)))
    if test_config is not None:
        app.config.update(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    _register_extensions(app)
    _load_standards(app)
    _register_blueprints(app)
    _register_commands(app)
    return app


def _register_extensions(app: Flask) -> None:
    from assessor import (
        i18n,
        models,  # noqa: F401  (registers the tables on the metadata)
    )
    from assessor.database import configure_engine
    from assessor.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    configure_engine(app)


def _load_user(user_id: str) -> object:
    from assessor.extensions import db
    from assessor.models import User

    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def _load_standards(app: Flask) -> None:
    from assessor import standards

    standards.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from assessor import i18n, security, web
    from assessor.auth import bp as auth_bp
    from assessor.organisations import bp as organisations_bp
    from assessor.questionnaires import bp as questionnaires_bp
    from assessor.reports import bp as reports_bp
    from assessor.workshops import bp as workshops_bp

    app.register_blueprint(web.bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(i18n.bp)
    app.register_blueprint(organisations_bp)
    app.register_blueprint(questionnaires_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(workshops_bp)
    security.init_app(app)
    web.register_error_handlers(app)


def _register_commands(app: Flask) -> None:
    from assessor.cli import demo_cli, export_command, report_command, score_command, users_cli

    app.cli.add_command(demo_cli)
    app.cli.add_command(report_command)
    app.cli.add_command(export_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(score_command)
