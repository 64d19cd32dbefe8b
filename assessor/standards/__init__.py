"""The framework data: schema, loading and validation of ``standards/``, the recommendations library.

``load_framework(path)`` reads and checks every file once at start-up; the app keeps
the result and views and services reach it through :func:`get_framework`.
"""

from __future__ import annotations

from flask import Flask, current_app

from assessor.domain import Framework
from assessor.standards.coverage import COVERAGE_AXES, action_matrix, coverage_matrix
from assessor.standards.loading import load_framework
from assessor.standards.problems import Problem, StandardsError

__all__ = [
    "COVERAGE_AXES",
    "Problem",
    "StandardsError",
    "action_matrix",
    "coverage_matrix",
    "get_framework",
    "init_app",
    "load_framework",
]

_EXTENSION = "assessor.framework"


def init_app(app: Flask) -> None:
    """Load the standards named by ``STANDARDS_DIR`` and keep them on the app.

    :raise StandardsError: if the data is invalid (the CLI and ``wsgi.py`` print it as file:line: message).
    """
    app.extensions[_EXTENSION] = load_framework(app.config["STANDARDS_DIR"])


def get_framework() -> Framework:
    """Return the framework the current app loaded at start-up."""
    framework: Framework = current_app.extensions[_EXTENSION]
    return framework
