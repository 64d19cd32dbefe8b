"""Answering questionnaires: respondents, the per-dimension answer pages and the answer list."""

from flask import Blueprint

bp = Blueprint("questionnaires", __name__)

from assessor.questionnaires import imports, paper, printing, round2, views  # noqa: E402,F401
