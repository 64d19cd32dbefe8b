"""The ``assessor`` console script: the Flask CLI with the app factory, plus ``standards check``.

Kept apart from :mod:`assessor.cli` because it imports the factory, which itself
registers the commands of :mod:`assessor.cli`.
"""

from __future__ import annotations

import sys

import click
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


def main() -> None:
    """Entry point of the ``assessor`` console script."""
    cli.main(prog_name="assessor")
