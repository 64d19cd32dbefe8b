"""Administration pages (admins only): the whole history."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from assessor.admin import views  # noqa: E402,F401
