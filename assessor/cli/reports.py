"""``assessor report``: reports (PDF, Word or PowerPoint) of stored assessments or of assessment files."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click
from flask.cli import with_appcontext

from assessor.assessments import QuestionnaireNotInstalledError
from assessor.cli.files import read_json
from assessor.extensions import db
from assessor.files import AssessmentFileError
from assessor.models import Assessment
from assessor.reports.branding import branding_for
from assessor.reports.logo_check import LogoError, check_logo
from assessor.reports.pdf import warm_up
from assessor.reports.service import (
    FORMATS,
    Branding,
    attached_file,
    context_for_assessment,
    context_for_document,
    render_report,
    report_filename,
)


def _read_logo(path: Path | None) -> bytes | None:
    """A logo given on the command line, checked as an upload is (an SVG comes back as PNG)."""
    if path is None:
        return None
    try:
        return check_logo(path.read_bytes()).data
    except LogoError as exc:
        raise click.ClickException(f"{path}: {exc}") from exc


def _stored_branding(assessment: Assessment, given: Branding) -> Branding:
    """The stored branding of ``assessment`` (firm name and logos), overridden by what the command line gave."""
    stored = branding_for(assessment, given.consultant)
    return replace(
        stored,
        consultant_logo=given.consultant_logo or stored.consultant_logo,
        client_logo=given.client_logo or stored.client_logo,
    )


@click.command("report")
@click.argument("assessment_ids", nargs=-1, type=int)
@click.option(
    "--file",
    "file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Report on an assessment file (JSON) instead of stored assessments.",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="With --file: an earlier assessment file of the same organisation, to compare with.",
)
@click.option("--lang", type=click.Choice(["en", "ja"]), default="en", show_default=True, help="Report language.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="pdf",
    show_default=True,
    help="pdf (the report), docx (the report as an editable Word file) or pptx (the closing-meeting deck).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write the files to (created if missing).",
)
@click.option("--consultant", help="Name of the consultant or assessor, shown on the cover.")
@click.option(
    "--consultant-logo",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="PNG/JPEG/SVG (default for stored assessments: the workspace's logo).",
)
@click.option(
    "--client-logo",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="PNG/JPEG/SVG (default for stored assessments: the organisation's logo).",
)
@with_appcontext
def report_command(
    assessment_ids: tuple[int, ...],
    file: Path | None,
    previous: Path | None,
    lang: str,
    fmt: str,
    out: Path,
    consultant: str | None,
    consultant_logo: Path | None,
    client_logo: Path | None,
) -> None:
    """Write reports (PDF, Word or PowerPoint): of stored assessments by id, or of an assessment file (--file)."""

    if bool(assessment_ids) == bool(file):
        raise click.UsageError("give assessment ids or --file FILE.json (not both)")
    if previous and not file:
        raise click.UsageError("--previous goes with --file; stored assessments find their predecessor themselves")
    branding = Branding(consultant, _read_logo(consultant_logo), _read_logo(client_logo))
    out.mkdir(parents=True, exist_ok=True)
    if file:
        document = read_json(file)
        try:
            ctx = context_for_document(document, lang, read_json(previous) if previous else None, branding)
        except AssessmentFileError as exc:
            for problem in exc.problems:
                click.echo(f"error: {file}: {problem.path}: {problem.message}", err=True)
            sys.exit(1)
        target = out / report_filename(ctx, fmt)
        target.write_bytes(render_report(ctx, fmt, attachment=document))  # type: ignore[arg-type]  # checked above
        click.echo(f"wrote {target}")
        return
    if len(assessment_ids) > 1 and fmt == "pdf":
        warm_up()  # a batch renders about 20 % faster (see warm_up)
    failed = 0
    written: list[Path] = []
    with click.progressbar(assessment_ids, label="Rendering reports", file=sys.stderr) as bar:
        for assessment_id in bar:
            assessment = db.session.get(Assessment, assessment_id)
            if assessment is None:
                click.echo(f"\nerror: no assessment with id {assessment_id}", err=True)
                failed += 1
                continue
            try:
                ctx = context_for_assessment(assessment, lang, _stored_branding(assessment, branding))
            except QuestionnaireNotInstalledError:
                click.echo(f"\nerror: assessment {assessment_id}: its questionnaire version is not installed", err=True)
                failed += 1
                continue
            target = out / f"{assessment_id}-{report_filename(ctx, fmt)}"
            carried = attached_file(assessment, ctx, full=True) if fmt == "pdf" else None
            target.write_bytes(render_report(ctx, fmt, attachment=carried))
            written.append(target)
    for target in written:
        click.echo(f"wrote {target}")
    if failed:
        sys.exit(1)
