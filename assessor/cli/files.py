"""``assessor score`` and ``assessor export``: assessment files in and out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from assessor.assessments import assessment_file, deployment_min_group_size
from assessor.extensions import db
from assessor.files import AssessmentFileError, score_file_document
from assessor.models import Assessment
from assessor.standards import get_framework


def read_json(path: Path) -> object:
    """Read a JSON file, turning syntax errors into a clear message (file, line, column)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise click.ClickException(f"{path}: invalid JSON: nested too deeply to read") from exc


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
    document = read_json(file)
    earlier = read_json(previous) if previous else None
    try:
        output = score_file_document(get_framework(), document, earlier, min_group_size=deployment_min_group_size())
    except AssessmentFileError as exc:
        for problem in exc.problems:
            click.echo(f"error: {file}: {problem.path}: {problem.message}", err=True)
        sys.exit(1)
    click.echo(json.dumps(output, ensure_ascii=False, indent=2))


@click.command("export")
@click.argument("assessment_id", type=int)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File (default: stdout).")
@with_appcontext
def export_command(assessment_id: int, out: Path | None) -> None:
    """Write a stored assessment as an assessment file (JSON), which `assessor score` reads back."""

    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        raise click.ClickException(f"no assessment {assessment_id}")
    text = json.dumps(assessment_file(assessment), ensure_ascii=False, indent=2)
    if out is None:
        click.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {out}")
