"""``assessor questionnaire print``: the printable questionnaire as a PDF, for a workshop on paper."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from assessor.reports.printable import printable_filename, render_printable_pdf
from assessor.standards import get_framework


@click.group("questionnaire")
def questionnaire_cli() -> None:
    """The installed questionnaires."""


@questionnaire_cli.command("print")
@click.argument("questionnaire_id")
@click.option("--lang", type=click.Choice(["en", "ja"]), default="en", show_default=True, help="Language of the form.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The PDF to write (default: quick-v1-questionnaire-en.pdf in the current folder).",
)
@with_appcontext
def print_command(questionnaire_id: str, lang: str, out: Path | None) -> None:
    """Write QUESTIONNAIRE_ID (e.g. quick, full) as a printable PDF: every item with its guidance and
    level descriptions, tick boxes, a comment line and a name-free header box."""
    questionnaires = get_framework().questionnaires
    questionnaire = questionnaires.get(questionnaire_id)
    if questionnaire is None:
        known = ", ".join(sorted(questionnaires))
        raise click.ClickException(f"no questionnaire {questionnaire_id!r}; installed: {known}")
    target = out or Path(printable_filename(questionnaire, lang))
    pdf = render_printable_pdf(get_framework(), questionnaire, lang, int(current_app.config["MIN_GROUP_SIZE"]), None)
    try:
        target.write_bytes(pdf)
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {target}")
