"""Views: the second vote (vote, reveal, discuss, vote again) opened and closed by the facilitator.

Participants vote again on their phones (``/respond/<token>/round2``); both rounds are kept and
every score uses each respondent's latest answer (methodology §7b).
"""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from assessor.accounts.access import assessment_for
from assessor.assessments import FINAL_MESSAGE, score_assessment
from assessor.models import Assessment
from assessor.scoring.agreement import discussion_queue
from assessor.workshops import bp, operations
from assessor.workshops.forms import ControlForm

QUEUE_VOTE_LENGTH = 8
"""Items of the discussion queue a "vote again on the queue" opens (the facilitator's queue shows as many)."""


def queue_codes(assessment: Assessment) -> list[str]:
    """The items of the discussion queue not yet agreed: what "vote again on the queue" opens."""
    queue = discussion_queue(score_assessment(assessment).result)[:QUEUE_VOTE_LENGTH]
    return [item.code for item in queue if item.consensus is None]


def _refused(assessment: Assessment) -> bool:
    if assessment.is_final:
        flash(str(FINAL_MESSAGE), "error")
        return True
    if assessment.locked:
        flash(_("Answering is locked: unlock it before a second vote."), "error")
        return True
    return False


@bp.post("/assessments/<int:assessment_id>/workshop/round2/<any(queue):scope>")
@bp.post("/assessments/<int:assessment_id>/workshop/round2/item/<item:code>")
@login_required
def open_round(assessment_id: int, scope: str | None = None, code: str | None = None) -> ResponseReturnValue:
    """Open a second vote on the discussion queue's items (``scope`` ``queue``), or on one item."""
    assessment = assessment_for(assessment_id, write=True)
    if code is not None and code not in score_assessment(assessment).questionnaire.codes:
        abort(404)
    if ControlForm().validate_on_submit() and not _refused(assessment):
        codes = queue_codes(assessment) if code is None else [code]
        opened = operations.open_second_round(assessment, codes, current_user)
        if opened:
            flash(
                _(
                    "Second vote open on %(codes)s. Ask the room to open their answering page again.",
                    codes=", ".join(opened),
                ),
                "success",
            )
        else:
            flash(
                _("No item to vote on again: the second vote is already open on them, or the queue is empty."), "info"
            )
    return redirect(url_for(".facilitate", assessment_id=assessment_id))


@bp.post("/assessments/<int:assessment_id>/workshop/round2/close")
@login_required
def close_round(assessment_id: int) -> ResponseReturnValue:
    """Close every open second vote: answers keep the round they were given in."""
    assessment = assessment_for(assessment_id, write=True)
    if ControlForm().validate_on_submit():
        closed = operations.close_second_round(assessment, current_user)
        if closed:
            flash(_("Second vote closed on %(codes)s.", codes=", ".join(closed)), "success")
    return redirect(url_for(".facilitate", assessment_id=assessment_id))
