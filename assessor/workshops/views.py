"""Views: joining (participants, no account) and the facilitator's live view and controls."""

from __future__ import annotations

import io
from typing import Any

import segno
from flask import Response, abort, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields import SelectChoice

from assessor.accounts import throttle
from assessor.accounts.access import assessment_for
from assessor.assessments import assessment_progress, create_respondent, score_assessment
from assessor.i18n import current_lang
from assessor.inputs import parse_level
from assessor.models import Assessment
from assessor.standards import get_framework
from assessor.workshops import bp, operations, queries
from assessor.workshops.forms import ConsensusForm, ControlForm, JoinCodeForm, JoinForm

QUEUE_LENGTH = 8
"""Items shown in the facilitator's discussion queue: a room gets through about this many."""


# ---------------------------------------------------------------- participants


@bp.route("/join", methods=["GET", "POST"])
def join() -> ResponseReturnValue:
    """Type the short code from the projector."""
    form = JoinCodeForm()
    if not form.validate_on_submit():
        return render_template("workshops/join_code.html", form=form), 400 if form.is_submitted() else 200
    keys = [f"join:{request.remote_addr or '?'}"]
    wait = throttle.required_wait(keys)
    if wait:
        form.code.errors = [_("Too many wrong codes. Wait %(seconds)d seconds and try again.", seconds=wait)]
        return render_template("workshops/join_code.html", form=form), 429
    assessment = queries.assessment_by_code(form.code.data or "")
    if assessment is None or not assessment.join_token:
        throttle.record_failure(keys)
        form.code.errors = [_("No workshop has this code. Check it on the screen and try again.")]
        return render_template("workshops/join_code.html", form=form), 404
    return redirect(url_for(".join_link", join_token=assessment.join_token))


@bp.route("/w/<token:join_token>", methods=["GET", "POST"])
def join_link(join_token: str) -> ResponseReturnValue:
    """Pick a language and optionally give name and role, then start answering."""
    assessment = queries.assessment_by_join_token(join_token) or abort(404)
    form = JoinForm(data={"language": session.get("lang") or request.accept_languages.best_match(["en", "ja"]) or "en"})
    if assessment.locked:
        return render_template("workshops/join.html", assessment=assessment, form=form, locked=True), 409
    if form.validate_on_submit():
        session["lang"] = form.language.data
        respondent = create_respondent(assessment, form.name.data, form.segment.data, form.language.data or "en")
        return redirect(url_for("questionnaires.respond", token=respondent.token))
    status = 400 if form.is_submitted() else 200
    return render_template("workshops/join.html", assessment=assessment, form=form, locked=False), status


# ---------------------------------------------------------------- facilitator


@bp.get("/assessments/<int:assessment_id>/workshop")
@login_required
def facilitate(assessment_id: int) -> ResponseReturnValue:
    """The facilitator's screen: join details, progress, the discussion queue, controls."""
    assessment = assessment_for(assessment_id, write=True)
    return render_template("workshops/facilitate.html", **_live_context(assessment), control=ControlForm())


@bp.get("/assessments/<int:assessment_id>/workshop/live")
@login_required
def live(assessment_id: int) -> ResponseReturnValue:
    """The changing part of the facilitator's screen, fetched every few seconds."""
    assessment = assessment_for(assessment_id, write=True)
    return render_template("workshops/_live.html", **_live_context(assessment), control=ControlForm())


@bp.post("/assessments/<int:assessment_id>/workshop/open")
@login_required
def open_workshop(assessment_id: int) -> ResponseReturnValue:
    """Create the join code and link."""
    assessment = assessment_for(assessment_id, write=True)
    if ControlForm().validate_on_submit():
        operations.open_workshop(assessment, current_user)
    return redirect(url_for(".facilitate", assessment_id=assessment_id))


@bp.post(f"/assessments/<int:assessment_id>/workshop/<any({', '.join(operations.FLAGS)}):flag>/<any(on, off):state>")
@login_required
def toggle(assessment_id: int, flag: str, state: str) -> ResponseReturnValue:
    """Reveal or hide the distributions; lock or unlock answering."""
    assessment = assessment_for(assessment_id, write=True)
    if flag in operations.FLAGS and state in ("on", "off") and ControlForm().validate_on_submit():
        operations.set_flag(assessment, flag, state == "on", current_user)
    return redirect(url_for(".facilitate", assessment_id=assessment_id))


@bp.route("/assessments/<int:assessment_id>/consensus/<item:code>", methods=["GET", "POST"])
@login_required
def consensus(assessment_id: int, code: str) -> ResponseReturnValue:
    """Agree a level for one item, with the rationale; individual answers are kept."""
    assessment = assessment_for(assessment_id, write=True)
    scored = score_assessment(assessment)
    try:
        item = scored.questionnaire.item(code)
    except KeyError:
        abort(404)
    existing = next((c for c in assessment.consensus if c.item_code == code), None)
    form = ConsensusForm(data={"level": str(existing.level), "rationale": existing.rationale} if existing else None)
    scale = get_framework().scale
    form.level.choices = [
        SelectChoice(str(lvl.value), f"{lvl.value} · {lvl.name.get(current_lang())}") for lvl in scale.levels
    ]
    if form.validate_on_submit():
        if assessment.locked:
            flash(_("Answering is locked; unlock it to change the consensus."), "error")
        else:
            level = parse_level(form.level.data or "", scale)
            if level is None:  # the choices are the scale's levels: N/A is not one of them
                abort(400)
            operations.set_consensus(assessment, code, level, (form.rationale.data or "").strip(), current_user)
            flash(_("Consensus saved for %(code)s.", code=code), "success")
        return redirect(url_for(".facilitate", assessment_id=assessment_id))
    return render_template(
        "workshops/consensus.html",
        assessment=assessment,
        item=item,
        scored=scored.result.item(code),
        form=form,
        scale=scale,
    ), 400 if form.is_submitted() else 200


@bp.get("/assessments/<int:assessment_id>/workshop/qr.svg")
@login_required
def qr(assessment_id: int) -> ResponseReturnValue:
    """The join link as a QR code (SVG, drawn on the server)."""
    assessment = assessment_for(assessment_id, write=True)
    if not assessment.join_token:
        abort(404)
    link = url_for(".join_link", join_token=assessment.join_token, _external=True)
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="svg", scale=8, border=2, title="QR")
    return Response(buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


def _live_context(assessment: Assessment) -> dict[str, Any]:
    scored = score_assessment(assessment)
    result = scored.result
    progress = assessment_progress(assessment, scored.questionnaire)
    return {
        "assessment": assessment,
        "questionnaire": scored.questionnaire,
        "result": result,
        "progress": progress,
        "finished": sum(1 for p in progress if p.finished),
        "queue": [result.item(code) for code in result.low_agreement[:QUEUE_LENGTH]],
        "consensus": {c.item_code: c for c in assessment.consensus},
        "scale": get_framework().scale,
        "join_url": url_for(".join_link", join_token=assessment.join_token, _external=True)
        if assessment.join_token
        else None,
    }
