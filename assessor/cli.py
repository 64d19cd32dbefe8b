"""The ``assessor`` console command: the Flask CLI with the app loaded, plus batch jobs.

Examples::

    assessor run                       # development server
    assessor db upgrade                # apply database migrations
    assessor standards check           # validate standards/ and print the coverage matrix
    assessor demo seed                 # create the demo organisation with completed assessments
    assessor users create EMAIL --role consultant   # create an account (prompts for the password)
    assessor score FILE.json           # score an assessment file and print the result as JSON
    assessor export 3 --out a.json     # write a stored assessment as an assessment file
    assessor report 3 4 --lang ja      # write the PDF reports of assessments 3 and 4
    assessor report --file FILE.json   # write the PDF report of an assessment file
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from assessor.config import ROOT
from assessor.domain import Framework
from assessor.standards import (
    COVERAGE_AXES,
    StandardsError,
    action_matrix,
    coverage_matrix,
    get_framework,
    load_framework,
)


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
    _echo_actions(framework)
    versions = ", ".join(f"{k} {v}" for k, v in framework.versions.items())
    click.echo(f"ok: {versions}")


def _echo_actions(framework: Framework) -> None:
    """Print the recommendations library: actions per element and maturity band."""
    if not framework.actions:
        click.echo("recommendations: none (no standards/recommendations folder)")
        return
    click.echo(f"recommendations: {len(framework.actions)} actions, {len(framework.kpis)} KPIs; actions per band:")
    matrix = action_matrix(framework)
    bands = list(next(iter(matrix.values())))
    click.echo("  element  " + "  ".join(f"{band:>12}" for band in bands) + "  actions")
    for element_id, counts in matrix.items():
        total = sum(1 for a in framework.actions if a.element_id == element_id)
        cells = "  ".join(f"{counts[band]:>12}" for band in bands)
        click.echo(f"  {element_id:<7}  {cells}  {total:>7}")


@click.group("demo")
def demo_cli() -> None:
    """Demonstration data for trainers and first-time users."""


@demo_cli.command("seed")
@click.option(
    "--login-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the demo trainer's login (default: instance/demo-login.txt).",
)
@with_appcontext
def demo_seed(login_file: Path | None) -> None:
    """Create the demo organisation with completed assessments, and a trainer account for it.

    The trainer's password is random, printed once and kept in the instance folder (mode 600);
    nothing secret is in the repository.
    """
    import secrets

    import sqlalchemy as sa

    from assessor.auth.operations import create_user
    from assessor.demo import DEMO_TRAINER, demo_workspace, seed_demo
    from assessor.extensions import db
    from assessor.models import Role, User

    created = seed_demo(get_framework())
    click.echo("demo data created" if created else "demo data already present")
    if db.session.scalar(sa.select(User.id).where(User.email == DEMO_TRAINER)) is None:
        password = secrets.token_urlsafe(12)
        create_user(DEMO_TRAINER, "Demo trainer", password, Role.CONSULTANT, workspace=demo_workspace())
        target = login_file or Path(current_app.instance_path) / "demo-login.txt"
        target.write_text(f"e-mail: {DEMO_TRAINER}\npassword: {password}\n", encoding="utf-8")
        target.chmod(0o600)
        click.echo(f"demo login: {DEMO_TRAINER} / {password}  (also in {target})")


@click.group("users")
def users_cli() -> None:
    """Accounts: create administrators, consultants and viewers."""


@users_cli.command("create")
@click.argument("email")
@click.option("--name", default="", help="Display name.")
@click.option("--role", type=click.Choice(["admin", "consultant", "viewer"]), default="consultant")
@click.option(
    "--workspace",
    "workspace_name",
    default=None,
    help="Consultants (and admins): the workspace to own; created if it does not exist.",
)
@click.option("--organisation", "organisation_id", type=int, default=None, help="Viewers: the organisation id.")
@click.password_option(
    help="The password (prompted twice if not given; or set ASSESSOR_PASSWORD).", envvar="ASSESSOR_PASSWORD"
)
@with_appcontext
def users_create(
    email: str, name: str, role: str, workspace_name: str | None, organisation_id: int | None, password: str
) -> None:
    """Create a user account."""
    import sqlalchemy as sa

    from assessor.auth.operations import create_user
    from assessor.extensions import db
    from assessor.models import Role, Workspace

    workspace = None
    if workspace_name or role in ("admin", "consultant"):
        name_of_workspace = workspace_name or f"{name or email}'s workspace"
        workspace = db.session.scalar(sa.select(Workspace).where(Workspace.name == name_of_workspace))
        if workspace is None:
            workspace = Workspace(name=name_of_workspace)
    try:
        user = create_user(email, name, password, Role(role), workspace=workspace, organisation_id=organisation_id)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created {user.role} {user.email}")


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
        output = score_file_document(get_framework(), document, earlier)
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
    from assessor.extensions import db
    from assessor.models import Assessment
    from assessor.reports.inputs import assessment_document

    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        raise click.ClickException(f"no assessment {assessment_id}")
    text = json.dumps(
        assessment_document(get_framework(), assessment), ensure_ascii=False, indent=2
    )
    if out is None:
        click.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {out}")


def _read_logo(path: Path | None) -> bytes | None:
    if path is None:
        return None
    data = path.read_bytes()
    from assessor.reports.context import logo_data_uri

    try:
        logo_data_uri(data)
    except ValueError as exc:
        raise click.ClickException(f"{path}: {exc}") from exc
    return data


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
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write the PDFs to (created if missing).",
)
@click.option("--consultant", help="Name of the consultant or assessor, shown on the cover.")
@click.option("--consultant-logo", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PNG/JPEG/SVG.")
@click.option("--client-logo", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PNG/JPEG/SVG.")
@with_appcontext
def report_command(
    assessment_ids: tuple[int, ...],
    file: Path | None,
    previous: Path | None,
    lang: str,
    out: Path,
    consultant: str | None,
    consultant_logo: Path | None,
    client_logo: Path | None,
) -> None:
    """Write PDF reports: of stored assessments by id, or of an assessment file (--file)."""
    from assessor.extensions import db
    from assessor.models import Assessment
    from assessor.reports.service import (
        Branding,
        context_for_assessment,
        context_for_document,
        render_report_pdf,
        report_filename,
    )
    from assessor.scoring import AssessmentFileError

    if bool(assessment_ids) == bool(file):
        raise click.UsageError("give assessment ids or --file FILE.json (not both)")
    if previous and not file:
        raise click.UsageError("--previous goes with --file; stored assessments find their predecessor themselves")
    framework = get_framework()
    branding = Branding(consultant, _read_logo(consultant_logo), _read_logo(client_logo))
    out.mkdir(parents=True, exist_ok=True)
    if file:
        try:
            ctx = context_for_document(
                framework, _read_json(file), lang, _read_json(previous) if previous else None, branding
            )
        except AssessmentFileError as exc:
            for problem in exc.problems:
                click.echo(f"error: {file}: {problem.path}: {problem.message}", err=True)
            sys.exit(1)
        target = out / report_filename(ctx)
        target.write_bytes(render_report_pdf(ctx))
        click.echo(f"wrote {target}")
        return
    if len(assessment_ids) > 1:
        from assessor.reports.pdf import warm_up

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
                ctx = context_for_assessment(framework, assessment, lang, branding)
            except KeyError:
                click.echo(f"\nerror: assessment {assessment_id}: its questionnaire version is not installed", err=True)
                failed += 1
                continue
            target = out / f"{assessment_id}-{report_filename(ctx)}"
            target.write_bytes(render_report_pdf(ctx))
            written.append(target)
    for target in written:
        click.echo(f"wrote {target}")
    if failed:
        sys.exit(1)


cli = FlaskGroup(create_app=_create_app, help=__doc__)
cli.add_command(standards_cli)


def main() -> None:
    """Entry point of the ``assessor`` console script."""
    cli.main(prog_name="assessor")
