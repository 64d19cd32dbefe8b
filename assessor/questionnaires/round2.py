"""Views: a participant's second vote on the items the facilitator opened it for (on the phone).

The page lists those items with the participant's first vote beside each, and the level choices;
saving goes through the same answer upsert as every other answer, so the answer becomes their
latest (round 2). The comment given in the first round is kept.
"""

from __future__ import annotations

from dataclasses import replace

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext

from assessor.assessments import questionnaire_of
from assessor.assessments.rounds import first_round_of, open_round_codes, revoted_codes
from assessor.questionnaires import bp, operations, queries
from assessor.questionnaires.answers import AnswerInput
from assessor.questionnaires.forms import NA, build_page_form, field_key
from assessor.standards import get_framework


@bp.route("/respond/<token:token>/round2", methods=["GET", "POST"])
def round2(token: str) -> ResponseReturnValue:
    """Show the items of the open second vote again; save the new votes on POST."""
    respondent = queries.respondent_by_token(token) or abort(404)
    assessment = respondent.assessment
    fw = get_framework()
    questionnaire = questionnaire_of(assessment)
    open_codes = open_round_codes(assessment.id)
    items = tuple(item for item in questionnaire.items if item.code in open_codes)
    stored = queries.answers_by_code(respondent)
    data = {
        field_key(item.code): {"level": NA if answer.is_na else str(answer.level), "na_reason": answer.na_reason}
        for item in items
        if (answer := stored.get(item.code)) is not None
    }
    form = build_page_form(items, fw.scale, data=data)
    locked = assessment.locked or assessment.is_final
    if items and not locked and form.validate_on_submit():
        given: list[AnswerInput] = []
        for item in items:
            answer = getattr(form, field_key(item.code)).form.answer
            if answer is not None:
                earlier = stored.get(item.code)
                given.append(replace(answer, comment=earlier.comment if earlier is not None else None))
        saved = operations.save_answers(respondent, given)
        flash(ngettext("%(num)d vote saved.", "%(num)d votes saved.", saved), "success")
        return redirect(url_for(".round2", token=token))
    status = 200
    if form.is_submitted():
        status = 409 if locked or not items else 400
    codes = [item.code for item in items]
    return render_template(
        "questionnaires/round2.html",
        respondent=respondent,
        form=form,
        items=items,
        scale=fw.scale,
        field_key=field_key,
        first=first_round_of(respondent.id, codes),
        revoted=revoted_codes(respondent.id, codes),
        locked=locked,
        problems=[item for item in items if getattr(form, field_key(item.code)).errors],
        closed_message=_("No second vote is open now. Your answers are kept."),
    ), status
