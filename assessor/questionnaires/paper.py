"""Views: the facilitator enters a paper form (for people without a phone) on one page.

The respondent it creates is marked ``on_paper`` (and who entered it); it is scored like any other.
Its label numbers the form ("Paper form 3"), never the person.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from assessor.accounts.access import assessment_for
from assessor.assessments import entry_refusal, paper_forms, questionnaire_of, segment_names
from assessor.i18n import current_lang
from assessor.models import Assessment
from assessor.questionnaires import bp, operations
from assessor.questionnaires.answers import AnswerInput
from assessor.questionnaires.forms import PaperForm, build_page_form, field_key
from assessor.segments import segment_choices
from assessor.standards import get_framework


def _home(assessment: Assessment) -> str:
    endpoint = "workshops.survey" if assessment.mode == "survey" else "workshops.facilitate"
    return url_for(endpoint, assessment_id=assessment.id)


@bp.route("/assessments/<int:assessment_id>/paper-form", methods=["GET", "POST"])
@login_required
def paper_form(assessment_id: int) -> ResponseReturnValue:
    """One page with every item, grouped by element: the facilitator copies a paper form."""
    assessment = assessment_for(assessment_id, write=True)
    fw = get_framework()
    questionnaire = questionnaire_of(assessment)
    number = paper_forms(assessment.id) + 1
    default_label = _("Paper form %(num)d", num=number)
    details = PaperForm(data={"label": default_label})
    details.segment.choices = segment_choices(segment_names(assessment, current_lang()).items())
    answers = build_page_form(questionnaire.items, fw.scale)
    refused = entry_refusal(assessment)
    problem = None
    if details.is_submitted() and refused is None:
        valid_details = details.validate()
        valid_answers = answers.validate()
        given: list[AnswerInput] = [
            found for item in questionnaire.items if (found := getattr(answers, field_key(item.code)).form.answer)
        ]
        if valid_details and valid_answers and not given:
            problem = _("Enter at least one answer from the paper form.")
        elif valid_details and valid_answers:
            label = (details.label.data or "").strip() or default_label
            operations.enter_paper_form(assessment, label, details.segment.data, current_lang(), given, current_user)
            flash(_("%(label)s saved: it counts as one respondent.", label=label), "success")
            return redirect(_home(assessment))
    elements = [
        (element, [item for item in questionnaire.items if item.element_id == element.id]) for element in fw.elements
    ]
    status = 200
    if details.is_submitted():
        status = 409 if refused else 400
    return render_template(
        "questionnaires/paper.html",
        assessment=assessment,
        details=details,
        form=answers,
        elements=[(element, items) for element, items in elements if items],
        scale=fw.scale,
        field_key=field_key,
        refused=refused,
        problem=problem,
        home=_home(assessment),
    ), status
