"""The ``assessor`` console command: the Flask CLI with the app loaded, plus batch jobs.

Examples::

    assessor run                       # development server
    assessor db upgrade                # apply database migrations
    assessor standards check           # validate standards/ and print the coverage matrix
    assessor demo seed                 # create the demo organisation with completed assessments
    assessor score FILE.json           # score an assessment file and print the result as JSON
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from assessor.config import ROOT
from assessor.standards import COVERAGE_AXES, StandardsError, coverage_matrix, load_framework


def _create_app() -> Flask:
    from assessor import create_app

    try:
        return create_app()
    except StandardsError as exc:
        click.echo(f"assessor cannot start: the standards data is invalid.\n{exc}", err=True)
        sys.exit(2)


@click.group("standards")
def standards_cli() -> None:
    """Framework data: validation and coverage."""


@standards_cli.command("check")
@click.option(
    "--dir",
    "standards_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Standards directory (default: ASSESSOR_STANDARDS_DIR or ./standards).",
)
def standards_check(standards_dir: Path | None) -> None:
    """Validate the standards data and print each questionnaire's coverage matrix."""
    import os

    directory = standards_dir or Path(os.environ.get("ASSESSOR_STANDARDS_DIR", ROOT / "standards"))
    try:
        framework = load_framework(directory)
    except StandardsError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"{len(exc.problems)} problem(s) in {directory}", err=True)
        sys.exit(1)
    for questionnaire in framework.questionnaires.values():
        click.echo(f"questionnaire {questionnaire.id} v{questionnaire.version}: {len(questionnaire.items)} items")
        matrix = coverage_matrix(framework, questionnaire)
        for axis in COVERAGE_AXES:
            cells = "  ".join(f"{key}={count}" for key, count in matrix[axis].items())
            click.echo(f"  {axis:<17} {cells}")
    versions = ", ".join(f"{k} {v}" for k, v in framework.versions.items())
    click.echo(f"ok: {versions}")


@click.group("demo")
def demo_cli() -> None:
    """Demonstration data for trainers and first-time users."""


@demo_cli.command("seed")
@with_appcontext
def demo_seed() -> None:
    """Create the demo organisation with completed assessments (skipped if it exists)."""
    from assessor.demo import seed_demo

    created = seed_demo(current_app.extensions["assessor.framework"])
    click.echo("demo data created" if created else "demo data already present")


def _read_json(path: Path) -> object:
    """Read a JSON file, turning syntax errors into a clear message (file, line, column)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from exc


@click.command("score")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An earlier assessment file of the same organisation, to compare with.",
)
@with_appcontext
def score_command(file: Path, previous: Path | None) -> None:
    """Score an assessment file (JSON; see docs/methodology.md) and print the result as JSON."""
    from assessor.scoring import AssessmentFileError, score_file_document

    document = _read_json(file)
    earlier = _read_json(previous) if previous else None
    try:
        output = score_file_document(current_app.extensions["assessor.framework"], document, earlier)
    except AssessmentFileError as exc:
        for problem in exc.problems:
            click.echo(f"error: {file}: {problem.path}: {problem.message}", err=True)
        sys.exit(1)
    click.echo(json.dumps(output, ensure_ascii=False, indent=2))


cli = FlaskGroup(create_app=_create_app, help=__doc__)
cli.add_command(standards_cli)


def main() -> None:
    """Entry point of the ``assessor`` console script."""
    cli.main(prog_name="assessor")
