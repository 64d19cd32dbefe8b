"""``assessor users create|reset-password|deactivate|reactivate``: accounts from the command line."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from assessor.accounts.members import workspace_named
from assessor.accounts.passwords import MIN_PASSWORD_LENGTH
from assessor.accounts.users import create_user, reset_password, set_active, user_by_email
from assessor.models import Role, User

POLICY = (
    f"At least {MIN_PASSWORD_LENGTH} characters, and not one of the 30,000 common passwords of zxcvbn's list"
    " (case does not matter)."
)
"""The password policy as the help texts state it (the rule itself: assessor.accounts.passwords)."""


@click.group("users")
def users_cli() -> None:
    """Accounts: create administrators, consultants and viewers; reset passwords; deactivate."""


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
    help=f"The password (prompted twice if not given; or set ASSESSOR_PASSWORD). {POLICY}", envvar="ASSESSOR_PASSWORD"
)
@with_appcontext
def users_create(
    email: str, name: str, role: str, workspace_name: str | None, organisation_id: int | None, password: str
) -> None:
    """Create a user account."""

    workspace = None
    if workspace_name or role in ("admin", "consultant"):
        workspace = workspace_named(workspace_name or f"{name or email}'s workspace")
    try:
        user = create_user(email, name, password, Role(role), workspace=workspace, organisation_id=organisation_id)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created {user.role} {user.email}")


def _user(email: str) -> User:
    user = user_by_email(email)
    if user is None:
        raise click.ClickException(f"no user has the e-mail {email.strip().lower()}")
    return user


@users_cli.command("reset-password")
@click.argument("email")
@click.option(
    "--password",
    default=None,
    envvar="ASSESSOR_PASSWORD",
    help="The one-time password to give (or set ASSESSOR_PASSWORD); a random one is made and printed if not given."
    f" {POLICY}",
)
@with_appcontext
def users_reset_password(email: str, password: str | None) -> None:
    """Reset to a one-time password: it opens one session, in which the user must choose a new
    password; every session of the user ends now."""
    user = _user(email)
    try:
        given = reset_password(user, None, password)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"one-time password set for {user.email}; all of their sessions have ended")
    if password is None:
        click.echo(f"one-time password (shown only now): {given}")


@users_cli.command("deactivate")
@click.argument("email")
@with_appcontext
def users_deactivate(email: str) -> None:
    """Stop a user from logging in; every session of the user ends (their data stays)."""
    user = _user(email)
    set_active(user, False, None)
    click.echo(f"deactivated {user.email}")


@users_cli.command("reactivate")
@click.argument("email")
@with_appcontext
def users_reactivate(email: str) -> None:
    """Let a deactivated user log in again."""
    user = _user(email)
    set_active(user, True, None)
    click.echo(f"reactivated {user.email}")
