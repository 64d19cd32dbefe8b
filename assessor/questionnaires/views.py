"""Views: start answering, answer one element per page (autosaved item by item), the end screen
(the respondent's answers and, once the facilitator has revealed them, the room's), list the answers."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from wtforms import Form

from assessor.accounts.access import assessment_for
from assessor.assessments import (
    FINAL_MESSAGE,
    create_respondent,
    min_group_size,
    questionnaire_of,
    respondent_progress,
    room_of,
    segment_names,
    survey_closed_message,
)
from assessor.assessments.rounds import second_vote_pending
from assessor.domain import Item
from assessor.i18n import current_lang
from assessor.models import Respondent
from assessor.questionnaires import bp, operations, queries
from assessor.questionnaires.answers import AnswerInput, parse_answer
from assessor.questionnaires.forms import NA, StartForm, build_page_form, field_key
from assessor.segments import segment_choices
from assessor.standards import get_framework


@bp.route("/assessments/<int:assessment_id>/start", methods=["GET", "POST"])
@login_required
def start(assessment_id: int) -> ResponseReturnValue:
    """Self-audit: resume the user's own answers, or ask for details and start."""
    assessment = assessment_for(assessment_id, write=True)
    mine = next((r for r in assessment.respondents if r.user_id == current_user.id), None)
    if mine is not None:
        return redirect(url_for(".respond", token=mine.token))
    if assessment.is_final:
        flash(str(FINAL_MESSAGE), "error")
        return redirect(url_for("organisations.assessment", assessment_id=assessment_id)), 303
    form = StartForm(data={"name": current_user.name})
    form.segment.choices = segment_choices(segment_names(assessment, current_lang()).items())
    if form.validate_on_submit():
        respondent = create_respondent(assessment, form.name.data, form.segment.data, current_lang(), user=current_user)
        return redirect(url_for(".respond", token=respondent.token))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "questionnaires/start.html", assessment=assessment, form=form, min_group_size=min_group_size(assessment)
    ), status


def _respondent(token: str) -> Respondent:
    """The respondent of an answering link.

    :raise 404: for an unknown token.
    """
    return queries.respondent_by_token(token) or abort(404)


@bp.get("/respond/<token:token>")
def respond(token: str) -> ResponseReturnValue:
    """Resume answering at the first page with an unanswered item."""
    respondent = _respondent(token)
    if second_vote_pending(respondent):  # the facilitator opened a second vote: show those items again
        return redirect(url_for(".round2", token=token))
    done = queries.answers_by_code(respondent)
    for page in queries.pages(get_framework(), questionnaire_of(respondent.assessment)):
        if any(item.code not in done for item in page.items):
            return redirect(url_for(".page", token=token, element_id=page.element_id))
    return redirect(url_for(".summary", token=token))


@bp.route("/respond/<token:token>/<id:element_id>", methods=["GET", "POST"])
def page(token: str, element_id: str) -> ResponseReturnValue:
    """Show one element's items; save the answers given on POST (the no-JavaScript path)."""
    respondent = _respondent(token)
    fw = get_framework()
    questionnaire = questionnaire_of(respondent.assessment)
    all_pages = queries.pages(fw, questionnaire)
    index = next((i for i, p in enumerate(all_pages) if p.element_id == element_id), None)
    if index is None:
        abort(404)
    current = all_pages[index]
    form = build_page_form(current.items, fw.scale, data=_stored_data(respondent, current.items))
    final = respondent.assessment.is_final
    closed = respondent.assessment.survey_closed
    locked = respondent.assessment.locked or final or closed
    if closed and respondent.assessment.closes_at is not None:
        flash(survey_closed_message(respondent.assessment.closes_at), "error")
    saved: int | None = None
    last = queries.last_answers(respondent.assessment)
    if not locked and form.is_submitted():
        # Every item is checked on its own: the valid answers are saved even when another
        # item on the page needs attention, and the page then says which one.
        valid = form.validate()
        if not form.csrf_token.errors:  # (CSRFProtect refuses a bad token before this view runs)
            saved = operations.save_answers(respondent, _answers_from(form, current.items))
        if valid:
            flash(ngettext("%(num)d answer saved.", "%(num)d answers saved.", saved), "success")
            if index + 1 < len(all_pages):
                return redirect(url_for(".page", token=token, element_id=all_pages[index + 1].element_id))
            return redirect(url_for(".summary", token=token))
    status = 200
    if form.is_submitted():
        status = 409 if locked else 400
    return render_template(
        "questionnaires/page.html",
        respondent=respondent,
        questionnaire=questionnaire,
        form=form,
        page=current,
        pages=all_pages,
        index=index,
        element=fw.element(element_id),
        dimension=fw.dimension(current.dimension_id),
        revealed=_room_shown(respondent),
        scale=fw.scale,
        field_key=field_key,
        progress=respondent_progress(respondent, questionnaire),
        answered=(answered := queries.answers_by_code(respondent)),
        last=last,
        to_reconfirm=queries.to_reconfirm(questionnaire, last, answered),
        locked=locked,
        final=final,
        saved=saved,
        problems=[item for item in current.items if getattr(form, field_key(item.code)).errors],
        evidence=respondent.assessment.mode == "self",
        min_group_size=min_group_size(respondent.assessment),
    ), status


@bp.post("/respond/<token:token>/items/<item:code>")
def save_item(token: str, code: str) -> ResponseReturnValue:
    """Autosave one answer (JavaScript); answers ``saved: true`` only after the commit.

    CSRF is checked for every POST by Flask-WTF's CSRFProtect before this view runs.
    """
    context = queries.answering_context(token) or abort(404)
    if context.final:  # refused like a lock: the page script shows the message and does not retry
        return jsonify(saved=False, error=str(FINAL_MESSAGE)), 409
    if context.locked:
        return jsonify(saved=False, error=_("Answering is locked.")), 409
    if context.closes_at is not None:
        return jsonify(saved=False, error=survey_closed_message(context.closes_at)), 409
    fw = get_framework()
    try:
        questionnaire = fw.questionnaire(context.questionnaire_id, context.questionnaire_version)
        item = questionnaire.item(code)
    except KeyError:
        return jsonify(saved=False, error=_("Unknown item.")), 404
    key = field_key(code)
    answer, problems = parse_answer(
        item,
        fw.scale,
        request.form.get(f"{key}-level"),
        request.form.get(f"{key}-na_reason"),
        request.form.get(f"{key}-comment"),
    )
    if answer is None:
        messages = [p.message for p in problems] or [_("Choose a level (or N/A) to save your comment.")]
        return jsonify(saved=False, errors=messages), 400
    answered = operations.save_answer(context.respondent_id, answer)
    return jsonify(saved=True, code=code, answered=answered, total=len(questionnaire.items)), 200


@bp.post("/respond/<token:token>/items/<item:code>/still-true")
def still_true(token: str, code: str) -> ResponseReturnValue:
    """Self-audit: record last time's answer to ``code`` anew ("still true"), then back to its page."""
    respondent = _respondent(token)
    if respondent.assessment.locked or respondent.assessment.is_final:
        flash(str(FINAL_MESSAGE) if respondent.assessment.is_final else _("Answering is locked."), "error")
        return redirect(url_for(".respond", token=token)), 303
    earlier = queries.last_answers(respondent.assessment).get(code)
    questionnaire = questionnaire_of(respondent.assessment)
    if earlier is None or code not in {item.code for item in questionnaire.items}:
        abort(404)
    operations.confirm_still_true(respondent, earlier)
    flash(_("%(code)s: last time's answer recorded again.", code=code), "success")
    page_id = queries.page_of(queries.pages(get_framework(), questionnaire), code).element_id
    return redirect(url_for(".page", token=token, element_id=page_id, _anchor=field_key(code)))


@bp.get("/respond/<token:token>/summary")
def summary(token: str) -> ResponseReturnValue:
    """The end screen: done (or what is still open), the respondent's answers with a way back to
    change them while answering is open, and, once the facilitator has revealed them, the room's
    distribution per item beside the respondent's own answer (scored once per change of the answers
    and shared by every phone, :func:`assessor.assessments.room.room_of`; an item with fewer ratings
    than the minimum group size shows none)."""
    respondent = _respondent(token)
    assessment = respondent.assessment
    fw = get_framework()
    questionnaire = questionnaire_of(assessment)
    room = room_of(assessment) if _room_shown(respondent) else None
    return render_template(
        "questionnaires/summary.html",
        respondent=respondent,
        questionnaire=questionnaire,
        pages=queries.pages(fw, questionnaire),
        answers=queries.answers_by_code(respondent),
        progress=respondent_progress(respondent, questionnaire),
        fw=fw,
        workshop=assessment.mode == "workshop",
        open=not (assessment.locked or assessment.is_final),
        final=assessment.is_final,
        room=room,
        min_group_size=min_group_size(assessment),
    )


@bp.get("/respond/<token:token>/revealed")
def revealed(token: str) -> ResponseReturnValue:
    """The end screen's light poll: whether the room's results are shown yet (one small query) and,
    once they are, whether a second vote waits for this participant (the end screen then opens it)."""
    shown = queries.room_shown(token)
    if shown is None:
        abort(404)
    return jsonify(revealed=shown, second_vote=shown and second_vote_pending(_respondent(token)))


def _room_shown(respondent: Respondent) -> bool:
    """True if the respondent may see the room's answers: a workshop whose facilitator revealed them."""
    return respondent.assessment.mode == "workshop" and respondent.assessment.revealed


@bp.get("/assessments/<int:assessment_id>/answers")
@login_required
def answers(assessment_id: int) -> ResponseReturnValue:
    """List every respondent's answers, item by item: for the consultant only (viewers see aggregates)."""
    assessment = assessment_for(assessment_id, write=True)
    fw = get_framework()
    questionnaire = questionnaire_of(assessment)
    return render_template(
        "questionnaires/answers.html",
        assessment=assessment,
        questionnaire=questionnaire,
        sections=queries.sections(fw, questionnaire),
        by_respondent={r.id: queries.answers_by_code(r) for r in assessment.respondents},
        fw=fw,
    )


def _stored_data(respondent: Respondent, items: tuple[Item, ...]) -> dict[str, dict[str, str | None]]:
    stored = queries.answers_by_code(respondent)
    data: dict[str, dict[str, str | None]] = {}
    for item in items:
        answer = stored.get(item.code)
        if answer is not None:
            data[field_key(item.code)] = {
                "level": NA if answer.is_na else str(answer.level),
                "na_reason": answer.na_reason,
                "comment": answer.comment,
            }
    return data


def _answers_from(form: Form, items: tuple[Item, ...]) -> list[AnswerInput]:
    """The answers a validated page form holds (items left blank are skipped)."""
    found = (getattr(form, field_key(item.code)).form.answer for item in items)
    return [answer for answer in found if answer is not None]
