"""``assessor score``, ``export`` and ``extract``: assessment files in and out (and workbooks and CSVs out)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from assessor.assessments import QuestionnaireNotInstalledError, assessment_file, deployment_min_group_size
from assessor.extensions import db
from assessor.files import AssessmentFileError, document_bytes, score_file_document
from assessor.models import Assessment
from assessor.office.itemcsv import items_csv
from assessor.office.xlsx import workbook
from assessor.reports.operations import record_export
from assessor.reports.pdf import NoAttachmentError, read_attachment
from assessor.reports.service import context_for_assessment, report_filename
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
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["json", "xlsx", "csv"]),
    default="json",
    show_default=True,
    help="json: the assessment file; xlsx: the workbook; csv: one row per item.",
)
@click.option("--lang", type=click.Choice(["en", "ja"]), default="en", show_default=True, help="xlsx/csv headers.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File (default: stdout; for xlsx a file named after the assessment).",
)
@with_appcontext
def export_command(assessment_id: int, file_format: str, lang: str, out: Path | None) -> None:
    """Write a stored assessment as an assessment file (JSON; `assessor score` reads it), a workbook or a CSV."""

    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        raise click.ClickException(f"no assessment {assessment_id}")
    try:
        data, name = _export(assessment, file_format, lang)
    except QuestionnaireNotInstalledError as exc:
        raise click.ClickException(f"assessment {assessment_id}: its questionnaire version is not installed") from exc
    record_export(assessment, None, file_format)
    if out is None and file_format == "xlsx":  # a workbook is no text for a terminal
        out = Path(f"{assessment_id}-{name}").with_suffix(".xlsx")
    if out is None:
        click.echo(data.decode("utf-8-sig"), nl=False)
    else:
        out.write_bytes(data)
        click.echo(f"wrote {out}")


def _export(assessment: Assessment, file_format: str, lang: str) -> tuple[bytes, str]:
    """The file's bytes and the report's file name (for a default name)."""
    if file_format == "json":
        return document_bytes(assessment_file(assessment)), ""
    ctx = context_for_assessment(assessment, lang)
    return (workbook(ctx, viewer=False) if file_format == "xlsx" else items_csv(ctx)), report_filename(ctx)


@click.command("extract")
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File (default: stdout).")
def extract_command(report: Path, out: Path | None) -> None:
    """Write out the assessment file (JSON) a report PDF carries; `assessor score` reads it."""
    try:
        data = read_attachment(report.read_bytes())
    except NoAttachmentError as exc:
        raise click.ClickException(f"{report}: {exc}") from exc
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        out.write_bytes(data)
        click.echo(f"wrote {out}")
