"""Logging: configured once in the app factory, to stderr (gunicorn collects it), one line per event.

Operations log every state change an operator may need later (logins, accounts,
workshops opened, revealed, locked, consensus, targets, viewers) with ids, never
with answer contents or passwords.
"""

from __future__ import annotations

import logging
import sys

from flask import Flask

from assessor.models import User

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOGGER = "assessor"
"""Every module logs under ``assessor.<module>`` (``logging.getLogger(__name__)``)."""


def configure_logging(app: Flask) -> None:
    """Send the ``assessor`` loggers to stderr at ``LOG_LEVEL`` (default INFO), once per process."""
    logger = logging.getLogger(LOGGER)
    logger.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    if not any(getattr(h, "assessor_handler", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.assessor_handler = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def who(user: User | None) -> str:
    """How a log line names the person who acted: ``user 7``, or ``command line`` outside a request."""
    return "command line" if user is None else f"user {user.id}"
