"""``assessor users create``: accounts from the command line."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from assessor.accounts.users import create_user
from assessor.extensions import db
from assessor.models import Role, Workspace


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
