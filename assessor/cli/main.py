"""The ``assessor`` console script: the Flask CLI with the app factory, plus ``standards check``.

Kept apart from :mod:`assessor.cli` because it imports the factory, which itself
registers the commands of :mod:`assessor.cli`.
"""

from __future__ import annotations

import sys

import click
import sqlalchemy.exc
from flask import Flask
from flask.cli import FlaskGroup

import assessor.cli
from assessor import create_app
from assessor.cli.standards import standards_cli
from assessor.standards import StandardsError


def _create_app() -> Flask:
    try:
        return create_app()
    except StandardsError as exc:
        click.echo(f"assessor cannot start: the standards data is invalid.\n{exc}", err=True)
        sys.exit(2)


cli = FlaskGroup(create_app=_create_app, help=assessor.cli.__doc__)
cli.add_command(standards_cli)


def _missing_tables(exc: sqlalchemy.exc.DBAPIError) -> bool:
    """Whether the database has not been migrated (SQLite's and PostgreSQL's wording)."""
    message = str(exc.orig)
    return "no such table" in message or ("relation" in message and "does not exist" in message)


def main() -> None:
    """Entry point of the ``assessor`` console script."""
    try:
        cli.main(prog_name="assessor")
    except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.ProgrammingError) as exc:
        if not _missing_tables(exc):
            raise
        click.echo("assessor: the database has no assessor tables yet; run `assessor db upgrade` first.", err=True)
        sys.exit(2)
