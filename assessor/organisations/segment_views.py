"""Views: the segments an assessment offers its respondents (add, rename, reorder, remove; consultants only)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from assessor.accounts.access import assessment_for
from assessor.assessments import min_group_size, respondents_in_segment, segment_of
from assessor.i18n import current_lang
from assessor.models import Assessment, Segment
from assessor.organisations import bp, operations
from assessor.organisations.forms import ConfirmForm, SegmentForm


def _rename_form(segment: Segment) -> SegmentForm:
    return SegmentForm(
        formdata=None, prefix=f"s{segment.id}", data={"label_en": segment.label_en, "label_ja": segment.label_ja}
    )


def _page(
    assessment: Assessment,
    *,
    add: SegmentForm | None = None,
    failed: SegmentForm | None = None,
    failed_id: int | None = None,
    refused: str | None = None,
) -> str:
    """The segments page; a form given here (after a refused post) replaces the blank one."""
    segments = list(assessment.segments)
    renames = {s.id: (failed if s.id == failed_id and failed is not None else _rename_form(s)) for s in segments}
    return render_template(
        "organisations/segments.html",
        assessment=assessment,
        segments=segments,
        chosen={s.id: respondents_in_segment(s) for s in segments},
        renames=renames,
        add=add or SegmentForm(formdata=None, prefix="new"),
        control=ConfirmForm(),
        refused=refused,
        min_group_size=min_group_size(assessment),
    )


def _segment(assessment: Assessment, segment_id: int) -> Segment:
    """The assessment's segment with this id; any other id answers 404."""
    return segment_of(assessment, segment_id) or abort(404)


def _others(assessment: Assessment, but: Segment | None = None) -> list[tuple[str, str]]:
    return [(s.label_en, s.label_ja) for s in assessment.segments if s is not but]


@bp.get("/assessments/<int:assessment_id>/segments")
@login_required
def segments(assessment_id: int) -> ResponseReturnValue:
    """The assessment's segments, with how many respondents chose each."""
    return _page(assessment_for(assessment_id, write=True))


@bp.post("/assessments/<int:assessment_id>/segments")
@login_required
def add_segment(assessment_id: int) -> ResponseReturnValue:
    """Add a segment at the end of the list."""
    found = assessment_for(assessment_id, write=True)
    form = SegmentForm(prefix="new")
    if not form.validate_on_submit() or not form.distinct_from(_others(found)):
        return _page(found, add=form), 400
    operations.add_segment(found, form.label_en.data or "", form.label_ja.data, current_user)
    flash(_("Segment added."), "success")
    return redirect(url_for(".segments", assessment_id=assessment_id))


@bp.post("/assessments/<int:assessment_id>/segments/<int:segment_id>")
@login_required
def rename_segment(assessment_id: int, segment_id: int) -> ResponseReturnValue:
    """Change a segment's English and Japanese names; respondents who chose it stay in it."""
    found = assessment_for(assessment_id, write=True)
    segment = _segment(found, segment_id)
    form = SegmentForm(prefix=f"s{segment.id}")
    if not form.validate_on_submit() or not form.distinct_from(_others(found, but=segment)):
        return _page(found, failed=form, failed_id=segment.id), 400
    operations.rename_segment(segment, form.label_en.data or "", form.label_ja.data, current_user)
    flash(_("Segment renamed."), "success")
    return redirect(url_for(".segments", assessment_id=assessment_id))


@bp.post("/assessments/<int:assessment_id>/segments/<int:segment_id>/<any(up, down):direction>")
@login_required
def move_segment(assessment_id: int, segment_id: int, direction: str) -> ResponseReturnValue:
    """Move a segment one place up or down in the list respondents see."""
    found = assessment_for(assessment_id, write=True)
    segment = _segment(found, segment_id)
    if ConfirmForm().validate_on_submit():
        operations.move_segment(segment, -1 if direction == "up" else 1, current_user)
    return redirect(url_for(".segments", assessment_id=assessment_id))


@bp.post("/assessments/<int:assessment_id>/segments/<int:segment_id>/remove")
@login_required
def remove_segment(assessment_id: int, segment_id: int) -> ResponseReturnValue:
    """Remove a segment nobody chose; one that respondents chose is kept, with the reason."""
    found = assessment_for(assessment_id, write=True)
    segment = _segment(found, segment_id)
    if not ConfirmForm().validate_on_submit():
        return _page(found), 400
    chosen = respondents_in_segment(segment)
    if chosen:
        refused = ngettext(
            "“%(name)s” was not removed: %(num)d respondent chose it. "
            "Rename it instead, or remove that respondent first.",
            "“%(name)s” was not removed: %(num)d respondents chose it. "
            "Rename it instead, or remove those respondents first.",
            chosen,
            name=segment.label(current_lang()),
        )
        return _page(found, refused=refused), 409
    operations.remove_segment(segment, current_user)
    flash(_("Segment removed."), "success")
    return redirect(url_for(".segments", assessment_id=assessment_id))
