"""Classroom: a trainer's class rates a calibration case, then sees the room's ratings and the answer key."""

from flask import Blueprint

bp = Blueprint("classroom", __name__)

from assessor.classroom import trainee, trainer  # noqa: E402,F401
