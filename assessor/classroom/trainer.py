"""Views of the trainer: start a session, watch progress, reveal the room, show the key, the debrief PDF.

The trainer's screen polls its live fragment like the presenter screen (``static/js/present.js``):
the fragment answers 304 while :func:`queries.version` is unchanged, and all state lives in the
database, so any worker answers.
"""

from __future__ import annotations

import io

import segno
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields import SelectChoice

from assessor import numbers
from assessor.accounts.access import classroom_for, require_editor, visible_classrooms
from assessor.classroom import bp, debrief, operations, queries
from assessor.classroom.forms import ButtonForm, StartForm
from assessor.classroom.live import conditional
from assessor.classroom.wording import TENDENCY_NAMES
from assessor.i18n import current_lang
from assessor.models import ClassroomSession
from assessor.standards import get_framework

POLL_MS = 2000
"""The trainer's screen asks for changes about every 2 s (like the presenter screen)."""


def _room(session: ClassroomSession) -> queries.Room:
    """The room, or 409 when its case or questionnaire is no longer installed."""
    try:
        return queries.room(session)
    except queries.CaseNotInstalledError:
        abort(409)


def _start_form() -> StartForm:
    fw, lang = get_framework(), current_lang()
    form = StartForm()
    form.case.choices = [SelectChoice(c.id, c.title.get(lang)) for c in fw.cases.values()]
    form.questionnaire.choices = [
        SelectChoice(q.id, f"{q.title.get(lang)} ({len(q.items)})") for q in fw.questionnaires.values()
    ]
    return form


@bp.route("/classroom", methods=["GET", "POST"])
@login_required
def index() -> ResponseReturnValue:
    """The workspace's classroom sessions, and a form to start one on a case."""
    user = require_editor()
    form = _start_form()
    if form.validate_on_submit():
        workspace = user.workspace
        if workspace is None:
            flash(_("You need a workspace to run a classroom session. Ask an administrator."), "error")
        else:
            fw = get_framework()
            session = operations.start_session(
                workspace, user, fw.cases[form.case.data or ""], fw.questionnaire(form.questionnaire.data or "")
            )
            return redirect(url_for(".screen", session_id=session.id))
    status = 400 if form.is_submitted() else 200
    sessions = visible_classrooms()
    return render_template("classroom/index.html", form=form, sessions=sessions, cases=get_framework().cases), status


@bp.get("/classroom/<int:session_id>")
@login_required
def screen(session_id: int) -> ResponseReturnValue:
    """The trainer's screen: join details and progress, then the room's ratings and the key."""
    session = classroom_for(session_id)
    room = _room(session)
    return render_template(
        "classroom/trainer.html",
        **_context(room),
        version=queries.version(session, "trainer", current_lang()),
        poll_ms=POLL_MS,
        join_url=url_for(".join_link", join_token=session.join_token, _external=True),
        code_url=url_for(".join", _external=True),
    )


@bp.get("/classroom/<int:session_id>/live")
@login_required
def live(session_id: int) -> ResponseReturnValue:
    """The changing part of the trainer's screen: 304 while nothing it shows has changed."""
    session = classroom_for(session_id)
    return conditional(
        queries.version(session, "trainer", current_lang()),
        lambda: render_template("classroom/_trainer_live.html", **_context(_room(session))),
    )


def _context(room: queries.Room) -> dict[str, object]:
    lang = current_lang()
    return {
        "room": room,
        "scale": get_framework().scale,
        "control": ButtonForm(),
        "lang": lang,
        "num": numbers.in_language(lang),
        "tendency_names": TENDENCY_NAMES,
    }


@bp.post("/classroom/<int:session_id>/reveal")
@login_required
def reveal(session_id: int) -> ResponseReturnValue:
    """Show the room's distribution; rating ends."""
    session = classroom_for(session_id)
    if ButtonForm().validate_on_submit():
        operations.reveal(session, current_user)
    return redirect(url_for(".screen", session_id=session_id))


@bp.post("/classroom/<int:session_id>/key")
@bp.post("/classroom/<int:session_id>/key/<item:code>")
@login_required
def show_key(session_id: int, code: str | None = None) -> ResponseReturnValue:
    """Show the key with its rationale: of one item, or of every item at once."""
    session = classroom_for(session_id)
    room = _room(session)
    if code is not None and code not in room.questionnaire.codes:
        abort(404)
    if ButtonForm().validate_on_submit():
        operations.show_key(session, current_user, code)
    anchor = f"item-{code}" if code else None
    return redirect(url_for(".screen", session_id=session_id, _anchor=anchor))


@bp.get("/classroom/<int:session_id>/qr.svg")
@login_required
def qr(session_id: int) -> ResponseReturnValue:
    """The join link as a QR code (SVG, drawn on the server)."""
    session = classroom_for(session_id)
    if not session.join_token:
        abort(404)
    buffer = io.BytesIO()
    link = url_for(".join_link", join_token=session.join_token, _external=True)
    segno.make(link, error="m").save(buffer, kind="svg", scale=8, border=2, title="QR")
    return Response(buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


@bp.get("/classroom/<int:session_id>/debrief.pdf")
@login_required
def debrief_pdf(session_id: int) -> ResponseReturnValue:
    """The one-page debrief of the class; trainees' names only with ``?names=1`` (the trainer's tick)
    and only for trainees who gave one, else "Trainee 1..n"."""
    session = classroom_for(session_id)
    room = _room(session)
    if not room.session.key_shown:
        flash(_("Show the whole key first: the debrief compares the class with it."), "error")
        return redirect(url_for(".screen", session_id=session_id)), 303
    pdf = debrief.render(room, names=request.args.get("names") == "1", lang=current_lang())
    name = f"debrief-{session.case_id}-{session.id}-{current_lang()}.pdf"
    return Response(pdf, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{name}"'})
