"""assessor: a service-excellence self-assessment toolkit (Flask application factory)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from assessor import i18n, inputs, security, standards, templating, web
from assessor.accounts.sessions import load_user
from assessor.actions import bp as actions_bp
from assessor.admin import bp as admin_bp
from assessor.auth import bp as auth_bp
from assessor.branding import bp as branding_bp
from assessor.classroom import bp as classroom_bp
from assessor.cli import register_commands
from assessor.config import ROOT, defaults
from assessor.database import configure_engine
from assessor.extensions import babel, csrf, db, login_manager, migrate
from assessor.kpis import bp as kpis_bp
from assessor.logs import configure_logging
from assessor.organisations import bp as organisations_bp
from assessor.questionnaires import bp as questionnaires_bp
from assessor.reports import bp as reports_bp
from assessor.workshops import bp as workshops_bp


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
    if app.config["PROXY_HOPS"]:
        # Behind N trusted proxies: the client address and scheme come from their X-Forwarded-* headers.
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    configure_logging(app)
    _register_extensions(app)
    standards.init_app(app)
    _register_blueprints(app)
    register_commands(app)
    return app


def _register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    babel.init_app(app, locale_selector=i18n.select_locale)
    templating.init_app(app)
    configure_engine(app)


def _register_blueprints(app: Flask) -> None:
    inputs.register_converters(app)
    blueprints = (
        web.bp,
        auth_bp,
        branding_bp,
        classroom_bp,
        actions_bp,
        admin_bp,
        i18n.bp,
        kpis_bp,
        organisations_bp,
        questionnaires_bp,
        reports_bp,
        workshops_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    security.init_app(app)
    web.register_error_handlers(app)
