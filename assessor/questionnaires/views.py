"""Views: start answering, answer one dimension per page, list the answers."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from assessor.models import Respondent
from assessor.organisations.operations import get_assessment
from assessor.questionnaires import bp, operations
from assessor.questionnaires.forms import NA, StartForm, build_page_form, field_key
from assessor.questionnaires.progress import respondent_progress
from assessor.web import get_framework


@bp.route("/assessments/<int:assessment_id>/start", methods=["GET", "POST"])
def start(assessment_id: int) -> Response | str:
    """Ask for optional details, then create a respondent and go to the first page."""
    assessment = get_assessment(assessment_id)
    form = StartForm()
    if form.validate_on_submit():
        respondent = operations.create_respondent(assessment, form.name.data, form.segment.data, str(get_locale()))
        return redirect(url_for(".respond", token=respondent.token))
    return render_template("questionnaires/start.html", assessment=assessment, form=form)


@bp.get("/respond/<token>")
def respond(token: str) -> Response:
    """Resume answering at the first page with an unanswered item."""
    respondent = operations.respondent_by_token(token)
    fw = get_framework()
    done = operations.answers_by_code(respondent)
    all_pages = operations.pages(fw, operations.questionnaire_of(fw, respondent.assessment))
    for page in all_pages:
        if any(item.code not in done for item in page.items):
            return redirect(url_for(".page", token=token, dimension_id=page.dimension_id))
    return redirect(url_for(".page", token=token, dimension_id=all_pages[-1].dimension_id))


@bp.route("/respond/<token>/<dimension_id>", methods=["GET", "POST"])
def page(token: str, dimension_id: str) -> Response | str:
    """Show one dimension's items; save the answers given on POST."""
    respondent = operations.respondent_by_token(token)
    fw = get_framework()
    questionnaire = operations.questionnaire_of(fw, respondent.assessment)
    all_pages = operations.pages(fw, questionnaire)
    index = next((i for i, p in enumerate(all_pages) if p.dimension_id == dimension_id), None)
    if index is None:
        return render_template("error.html", code=404, csrf=False), 404  # type: ignore[return-value]
    current = all_pages[index]
    form = build_page_form(current.items, fw.scale, data=_stored_data(respondent, current.items))
    if form.validate_on_submit():
        saved = operations.save_answers(respondent, _answers_from(form, current.items))
        flash(_("%(count)d answers saved.", count=saved), "success")
        if index + 1 < len(all_pages):
            return redirect(url_for(".page", token=token, dimension_id=all_pages[index + 1].dimension_id))
        return redirect(url_for(".summary", token=token))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "questionnaires/page.html",
        respondent=respondent,
        questionnaire=questionnaire,
        form=form,
        page=current,
        pages=all_pages,
        index=index,
        dimension=fw.dimension(dimension_id),
        scale=fw.scale,
        field_key=field_key,
        progress=respondent_progress(respondent, questionnaire),
        answered=operations.answers_by_code(respondent),
    ), status  # type: ignore[return-value]


@bp.get("/respond/<token>/summary")
def summary(token: str) -> str:
    """Show the respondent's answers and what is still open."""
    respondent = operations.respondent_by_token(token)
    fw = get_framework()
    questionnaire = operations.questionnaire_of(fw, respondent.assessment)
    return render_template(
        "questionnaires/summary.html",
        respondent=respondent,
        questionnaire=questionnaire,
        pages=operations.pages(fw, questionnaire),
        answers=operations.answers_by_code(respondent),
        progress=respondent_progress(respondent, questionnaire),
        fw=fw,
    )


@bp.get("/assessments/<int:assessment_id>/answers")
def answers(assessment_id: int) -> str:
    """List every respondent's answers, item by item."""
    assessment = get_assessment(assessment_id)
    fw = get_framework()
    questionnaire = operations.questionnaire_of(fw, assessment)
    by_respondent = {r.id: operations.answers_by_code(r) for r in assessment.respondents}
    return render_template(
        "questionnaires/answers.html",
        assessment=assessment,
        questionnaire=questionnaire,
        pages=operations.pages(fw, questionnaire),
        by_respondent=by_respondent,
        fw=fw,
    )


def _stored_data(respondent: Respondent, items: tuple) -> dict[str, dict[str, str | None]]:  # type: ignore[type-arg]
    stored = operations.answers_by_code(respondent)
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


def _answers_from(form: object, items: tuple) -> list[operations.AnswerInput]:  # type: ignore[type-arg]
    result = []
    for item in items:
        sub = getattr(form, field_key(item.code)).form
        choice = sub.level.data
        if choice in (None, ""):
            continue
        result.append(
            operations.AnswerInput(
                item_code=item.code,
                level=None if choice == NA else int(choice),
                na_reason=(sub.na_reason.data or "").strip() or None,
                comment=(sub.comment.data or "").strip() or None,
            )
        )
    return result
