"""State changes of the administration pages (each one history entry and log line, one commit).

Passwords, deactivation and members live in :mod:`assessor.accounts`; the command line calls the
same functions.
"""

from __future__ import annotations

from assessor.accounts.members import workspace_named
from assessor.accounts.passwords import one_time_password
from assessor.accounts.users import create_user
from assessor.models import Role, User


def create_account(email: str, name: str, role: Role, workspace_name: str, actor: User) -> tuple[User, str]:
    """Create a consultant or an administrator with a one-time password; return both.

    The new user chooses their own password at the first login. A consultant needs a workspace:
    an existing name makes them a member of it, a new name creates it.

    :raise ValueError: on an e-mail address in use, or a consultant without a workspace.
    """
    if role not in (Role.CONSULTANT, Role.ADMIN):
        raise ValueError("only consultants and administrators are created here")
    workspace = workspace_named(workspace_name) if workspace_name.strip() else None
    password = one_time_password()
    user = create_user(email, name, password, role, workspace=workspace, actor=actor, one_time=True)
    return user, password
