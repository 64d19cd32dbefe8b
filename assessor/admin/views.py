"""Views: the administrator's pages."""

from __future__ import annotations

from flask import abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required
from wtforms.fields import SelectChoice

from assessor.accounts.access import require_editor
from assessor.admin import bp
from assessor.admin.forms import HistoryFilterForm
from assessor.history import VERBS, entries, verb_label
from assessor.models import Role


@bp.get("/history")
@login_required
def history() -> ResponseReturnValue:
    """Every history entry, newest first, filterable by verb and organisation (admins only)."""
    if require_editor().role != Role.ADMIN:
        abort(403)
    form = HistoryFilterForm(request.args)
    form.verb.choices = [SelectChoice("", _("Everything"))] + [SelectChoice(v, verb_label(v)) for v in VERBS]
    if request.args and not form.validate():
        return render_template("admin/history.html", form=form, events=[]), 400
    events = entries(verb=form.verb.data or None, organisation_id=form.organisation.data)
    return render_template("admin/history.html", form=form, events=events)
