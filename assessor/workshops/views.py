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

from assessor.accounts import joins
from assessor.accounts.access import assessment_for
from assessor.accounts.throttle import ThrottledError
from assessor.assessments import (
    FINAL_MESSAGE,
    create_respondent,
    min_group_size,
    paper_forms,
    score_assessment,
    segment_names,
    survey_closed_message,
)
from assessor.assessments.rounds import item_rounds
from assessor.i18n import current_lang
from assessor.inputs import parse_level
from assessor.models import Assessment
from assessor.scoring.agreement import consensus_start, discussion_queue
from assessor.segments import segment_choices
from assessor.standards import get_framework
from assessor.workshops import bp, operations, queries
from assessor.workshops.forms import ConsensusForm, ControlForm, JoinCodeForm, JoinForm
from assessor.workshops.present import conditional, current_item, discussion_sequence

QUEUE_LENGTH = 8
"""Items shown in the facilitator's discussion queue: a room gets through about this many."""


# ---------------------------------------------------------------- participants


@bp.route("/join", methods=["GET", "POST"])
def join() -> ResponseReturnValue:
    """Type the short code from the projector."""
    form = JoinCodeForm()
    if not form.validate_on_submit():
        return render_template("workshops/join_code.html", form=form), 400 if form.is_submitted() else 200
    try:
        assessment = joins.look_up(request.remote_addr or "?", form.code.data or "", _open_workshop)
    except ThrottledError as throttled:
        wait = throttled.seconds
        form.code.errors = [_("Too many wrong codes. Wait %(seconds)d seconds and try again.", seconds=wait)]
        return render_template("workshops/join_code.html", form=form), 429, {"Retry-After": str(wait)}
    if assessment is None or not assessment.join_token:  # (look_up found no open workshop)
        form.code.errors = [_("No workshop has this code. Check it on the screen and try again.")]
        return render_template("workshops/join_code.html", form=form), 404
    return redirect(url_for(".join_link", join_token=assessment.join_token))


def _open_workshop(code: str) -> Assessment | None:
    """The assessment whose join code is ``code`` and open."""
    found = queries.assessment_by_code(code)
    return found if found is not None and found.join_token else None


@bp.route("/w/<token:join_token>", methods=["GET", "POST"])
def join_link(join_token: str) -> ResponseReturnValue:
    """Pick a language and optionally give name and role, then start answering."""
    assessment = queries.assessment_by_join_token(join_token) or abort(404)
    form = JoinForm(data={"language": session.get("lang") or request.accept_languages.best_match(["en", "ja"]) or "en"})
    form.segment.choices = segment_choices(segment_names(assessment, current_lang()).items())
    promise = min_group_size(assessment)
    if assessment.survey_closed and assessment.closes_at is not None:
        closed = survey_closed_message(assessment.closes_at)
        return render_template(
            "workshops/join.html", assessment=assessment, form=form, locked=True, closed=closed, min_group_size=promise
        ), 409
    if assessment.locked or assessment.is_final:
        return render_template(
            "workshops/join.html", assessment=assessment, form=form, locked=True, min_group_size=promise
        ), 409
    if form.validate_on_submit():
        session["lang"] = form.language.data
        respondent = create_respondent(assessment, form.name.data, form.segment.data, form.language.data or "en")
        return redirect(url_for("questionnaires.respond", token=respondent.token))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "workshops/join.html", assessment=assessment, form=form, locked=False, min_group_size=promise
    ), status


# ---------------------------------------------------------------- facilitator


@bp.get("/assessments/<int:assessment_id>/workshop")
@login_required
def facilitate(assessment_id: int) -> ResponseReturnValue:
    """The facilitator's screen: join details, progress, the discussion queue, controls."""
    assessment = assessment_for(assessment_id, write=True)
    state = queries.live_state(assessment, *_extra(assessment))
    return render_template(
        "workshops/facilitate.html", **_live_context(assessment, state), control=ControlForm(), version=state.version
    )


@bp.get("/assessments/<int:assessment_id>/workshop/live")
@login_required
def live(assessment_id: int) -> ResponseReturnValue:
    """The changing part of the facilitator's screen, fetched every few seconds: 304 while nothing it
    shows has changed (the presenter screen's version, :func:`present.conditional`)."""
    assessment = assessment_for(assessment_id, write=True)
    return conditional(
        assessment,
        _extra(assessment),
        lambda state: render_template(
            "workshops/_live.html", **_live_context(assessment, state), control=ControlForm()
        ),
    )


@bp.post("/assessments/<int:assessment_id>/workshop/open")
@login_required
def open_workshop(assessment_id: int) -> ResponseReturnValue:
    """Create the join code and link."""
    assessment = assessment_for(assessment_id, write=True)
    if ControlForm().validate_on_submit():
        operations.open_workshop(assessment, current_user)
    return redirect(home(assessment))


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
    result_item = scored.result.item(code)
    start = existing.level if existing else consensus_start(result_item.median)
    form = ConsensusForm(
        data={"level": "" if start is None else str(start), "rationale": existing.rationale if existing else ""}
    )
    scale = get_framework().scale
    choices = [SelectChoice(str(lvl.value), f"{lvl.value} · {lvl.name.get(current_lang())}") for lvl in scale.levels]
    if start is None:  # nobody gave a level yet: make the facilitator choose, do not suggest 0
        choices.insert(0, SelectChoice("", _("Choose a level")))
    form.level.choices = choices
    # Recording a consensus is allowed while answering is locked (lock first, then discuss),
    # but not once the assessment is final.
    if assessment.is_final and form.is_submitted():
        form.level.errors = [str(FINAL_MESSAGE)]
    elif form.validate_on_submit():
        level = parse_level(form.level.data or "", scale)
        if level is None:  # the choices are the scale's levels: N/A is not one of them
            abort(400)
        operations.set_consensus(assessment, code, level, (form.rationale.data or "").strip(), current_user)
        flash(_("Consensus saved for %(code)s.", code=code), "success")
        return redirect(url_for(".facilitate", assessment_id=assessment_id))
    comments, reasons = queries.item_notes(assessment, code)
    rounds = next((r for r in item_rounds(assessment.id, scored.result) if r.code == code), None)
    return render_template(
        "workshops/consensus.html",
        rounds=rounds,
        assessment=assessment,
        item=item,
        scored=result_item,
        form=form,
        scale=scale,
        comments=comments,
        na_reasons=reasons,
    ), (409 if assessment.is_final else 400) if form.is_submitted() else 200


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


def _extra(assessment: Assessment) -> tuple[object, ...]:
    """What else the live panel depends on: which view, the language, the minimum group size."""
    return ("live", current_lang(), min_group_size(assessment))


def _live_context(assessment: Assessment, state: queries.LiveState) -> dict[str, Any]:
    result = None if state.scored is None else state.scored.result
    rounds = [] if result is None else item_rounds(assessment.id, result)
    return {
        "rounds": rounds,
        "rounds_by_code": {r.code: r for r in rounds},
        "assessment": assessment,
        "questionnaire": state.questionnaire,
        "result": result,
        "progress": state.listed,
        "joined": state.joined,
        "unlisted": state.unlisted,
        "finished": state.finished,
        "paper": paper_forms(assessment.id),
        "queue": [] if result is None else discussion_queue(result)[:QUEUE_LENGTH],
        "discussed": None if result is None else current_item(assessment, discussion_sequence(result)),
        "consensus": {c.item_code: c for c in assessment.consensus},
        "scale": get_framework().scale,
        "segment_names": segment_names(assessment, current_lang()),
        "join_url": url_for(".join_link", join_token=assessment.join_token, _external=True)
        if assessment.join_token
        else None,
    }


@bp.post("/assessments/<int:assessment_id>/workshop/regenerate")
@login_required
def regenerate(assessment_id: int) -> ResponseReturnValue:
    """Replace the join code and link; the old ones stop working at once."""
    assessment = assessment_for(assessment_id, write=True)
    if ControlForm().validate_on_submit():
        operations.regenerate_join(assessment, current_user)
        flash(_("New join code and link. The old ones no longer work."), "success")
    return redirect(home(assessment))


@bp.post("/assessments/<int:assessment_id>/workshop/close")
@login_required
def close(assessment_id: int) -> ResponseReturnValue:
    """Withdraw the join code and link: nobody new can join; those who joined keep answering."""
    assessment = assessment_for(assessment_id, write=True)
    if ControlForm().validate_on_submit():
        operations.close_join(assessment, current_user)
        flash(_("The join code and link are closed. Participants who joined can still answer."), "success")
    return redirect(home(assessment))


def home(assessment: Assessment) -> str:
    """The consultant's page of the assessment's join link: the survey page or the facilitator's."""
    return url_for(".survey" if assessment.mode == "survey" else ".facilitate", assessment_id=assessment.id)
