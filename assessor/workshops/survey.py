"""Views: a survey's status page (responses by segment as they come in) and its closing date.

A survey is an assessment in ``survey`` mode: the whole organisation answers by one join link
(the workshop's link, code and QR code) over days, until :attr:`Assessment.closes_at`. Its status
page shows counts only, with the minimum group size applied to the segments as in the reports.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from assessor.accounts.access import assessment_for
from assessor.assessments import min_group_size, paper_forms, questionnaire_of, segment_names
from assessor.i18n import current_lang, local_zone, local_zone_label
from assessor.models import Assessment
from assessor.models.core import aware, now
from assessor.workshops import bp, operations, queries
from assessor.workshops.forms import ClosingForm, ControlForm


def _extra(assessment: Assessment) -> tuple[object, ...]:
    return ("survey", current_lang(), min_group_size(assessment), assessment.closes_at, assessment.mode)


def _context(assessment: Assessment) -> dict[str, Any]:
    status = queries.survey_status(
        assessment, questionnaire_of(assessment), segment_names(assessment, current_lang()), min_group_size(assessment)
    )
    return {
        "assessment": assessment,
        "status": status,
        "paper": paper_forms(assessment.id),
        "min_group_size": min_group_size(assessment),
        "join_url": url_for(".join_link", join_token=assessment.join_token, _external=True)
        if assessment.join_token
        else None,
    }


def _page(assessment: Assessment, closing: ClosingForm | None = None) -> str:
    if closing is None:
        closes_at = assessment.closes_at
        shown = aware(closes_at).astimezone(local_zone()).replace(tzinfo=None) if closes_at else None
        closing = ClosingForm(data={"closes_at": shown})
    return render_template(
        "workshops/survey.html",
        **_context(assessment),
        control=ControlForm(),
        closing=closing,
        version=queries.presenter_version(assessment, *_extra(assessment)),
    )


@bp.get("/assessments/<int:assessment_id>/survey")
@login_required
def survey(assessment_id: int) -> ResponseReturnValue:
    """The consultant's survey page: the link, the closing date, responses so far by segment."""
    return _page(assessment_for(assessment_id, write=True))


@bp.get("/assessments/<int:assessment_id>/survey/live")
@login_required
def survey_live(assessment_id: int) -> ResponseReturnValue:
    """The survey page's counts, polled: 304 while nothing changed (four aggregate queries)."""
    assessment = assessment_for(assessment_id, write=True)
    etag = queries.presenter_version(assessment, *_extra(assessment))
    if request.if_none_match.contains(etag):
        unchanged = Response(status=304)
        unchanged.set_etag(etag)
        return unchanged
    response = Response(render_template("workshops/_survey_live.html", **_context(assessment)))
    response.set_etag(etag)
    return response


@bp.post("/assessments/<int:assessment_id>/survey/closing")
@login_required
def set_closing(assessment_id: int) -> ResponseReturnValue:
    """Set, change or clear the closing date; a closing time must lie in the future."""
    assessment = assessment_for(assessment_id, write=True)
    form = ClosingForm()
    if not form.validate_on_submit():
        return _page(assessment, form), 400
    closes_at = form.closes_at.data
    if closes_at is not None:
        closes_at = closes_at.replace(tzinfo=local_zone()).astimezone(UTC)  # entered in the deployment's zone
        if closes_at <= now():
            zone = local_zone_label()
            form.closes_at.errors = [_("Choose a closing date and time in the future (%(zone)s).", zone=zone)]
            return _page(assessment, form), 400
    operations.set_closing(assessment, closes_at, current_user)
    flash(_("Closing date saved.") if closes_at else _("Closing date removed."), "success")
    return redirect(url_for(".survey", assessment_id=assessment_id))
