"""``assessor import``: offline answers (the template or a Forms export) into a stored assessment."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from assessor.assessments import entry_refusal
from assessor.assessments.imports import check_file, import_answers
from assessor.extensions import db
from assessor.models import Assessment
from assessor.offline import ENCODINGS, FORMATS, MAX_FILE_BYTES


@click.command("import")
@click.argument("assessment_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and print what would be created; write nothing.")
@click.option(
    "--format",
    "layout",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="template: the offline template; forms: a Microsoft Forms or Google Forms export.",
)
@click.option(
    "--encoding",
    type=click.Choice(ENCODINGS),
    default="auto",
    show_default=True,
    help="Character encoding of a CSV file (cp932: Shift_JIS from Japanese Excel).",
)
@click.option(
    "--lang",
    type=click.Choice(("en", "ja")),
    default="en",
    show_default=True,
    help="Language of the messages and of generated labels.",
)
@with_appcontext
def import_command(assessment_id: int, file: Path, dry_run: bool, layout: str, encoding: str, lang: str) -> None:
    """Import answers from FILE (.xlsx or .csv) into assessment ASSESSMENT_ID: every row a respondent.

    Every problem is printed as FILE:ROW:COLUMN: message and nothing is written unless the whole file
    is valid (exit status 1 on problems).
    """
    with force_locale(lang):  # the refusals are translated; there is no request to choose the language
        _import(assessment_id, file, dry_run, layout, encoding, lang)


def _import(assessment_id: int, file: Path, dry_run: bool, layout: str, encoding: str, lang: str) -> None:
    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        raise click.ClickException(f"no assessment {assessment_id}")
    refused = entry_refusal(assessment, locked_too=True)
    if refused is not None and not dry_run:
        raise click.ClickException(refused)
    if file.stat().st_size > MAX_FILE_BYTES:
        raise click.ClickException(f"{file}: larger than {MAX_FILE_BYTES >> 20} MB")
    checked = check_file(
        assessment,
        file.read_bytes(),
        layout=layout,
        encoding=encoding,
        lang=lang,
    )
    for problem in checked.problems:
        where = ":".join(str(part) for part in (problem.row, problem.column) if part is not None)
        click.echo(f"{file}:{where + ':' if where else ''} {problem.message.get(lang)}", err=True)
    if checked.problems:
        click.echo(f"{len(checked.problems)} problems; nothing imported", err=True)
        sys.exit(1)
    summary = f"{len(checked.respondents)} respondents, {checked.answer_count} answers"
    if checked.ignored:
        summary += f"; ignored columns: {', '.join(checked.ignored)}"
    if dry_run:
        click.echo(f"dry run: would import {summary}")
        return
    import_answers(assessment, checked, None, file.name)
    click.echo(f"imported {summary}")
