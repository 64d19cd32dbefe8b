"""``assessor demo seed``: the demo organisations (English and Japanese) and their trainer login."""

from __future__ import annotations

import secrets
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from assessor.accounts.users import create_user
from assessor.demo import DEMO_TRAINER, demo_workspace, reset_demo, seed_demo
from assessor.extensions import db
from assessor.models import Role, User
from assessor.standards import get_framework


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
    """Create the demo organisations with completed workshops, and a trainer account for them.

    The trainer's password is random, printed once and kept in the instance folder (mode 600);
    nothing secret is in the repository.
    """
    created = seed_demo(get_framework())
    click.echo("demo data created" if created else "demo data already present")
    if db.session.scalar(sa.select(User.id).where(User.email == DEMO_TRAINER)) is None:
        password = secrets.token_urlsafe(12)
        create_user(DEMO_TRAINER, "Demo trainer", password, Role.CONSULTANT, workspace=demo_workspace())
        target = login_file or Path(current_app.instance_path) / "demo-login.txt"
        target.write_text(f"e-mail: {DEMO_TRAINER}\npassword: {password}\n", encoding="utf-8")
        target.chmod(0o600)
        click.echo(f"demo login: {DEMO_TRAINER} / {password}  (also in {target})")


@demo_cli.command("reset")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def demo_reset(yes: bool) -> None:
    """Put the demo organisations back as shipped (everything added to or changed in them goes).

    Clients' organisations are not touched, and the demo trainer keeps their login.
    """
    if not yes:
        click.confirm("Delete the demo organisations with everything in them and seed them again?", abort=True)
    deleted = reset_demo(get_framework())
    click.echo(f"demo reset: {deleted} demo organisations replaced by the shipped ones")
