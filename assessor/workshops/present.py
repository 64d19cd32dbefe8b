"""Views: the presenter screen (the projector) and the item under discussion.

The facilitator opens the presenter screen in a second window on the projector; it shows no
controls and no names and follows the facilitator's controls through the database: its script
polls :func:`present_live`, which answers 304 while :func:`queries.presenter_version` is
unchanged, so any worker can answer and an unchanged screen costs four aggregate queries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from flask import Response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from assessor.accounts.access import assessment_for
from assessor.assessments import min_group_size, score_assessment
from assessor.assessments.rounds import item_rounds
from assessor.assessments.viewcache import cached, keep
from assessor.i18n import current_lang
from assessor.models import Assessment
from assessor.scoring.agreement import discussion_order
from assessor.scoring.result import ScoringResult
from assessor.standards import get_framework
from assessor.workshops import bp, operations, queries
from assessor.workshops.forms import ControlForm

PRESENTER_QUEUE_LENGTH = 6
"""Items of the discussion queue the projector lists (readable from the back of the room)."""
POLL_MS = 2000
"""The presenter screen asks for changes about every 2 s (plus up to 1 s of random jitter)."""


def discussion_sequence(result: ScoringResult) -> list[str]:
    """The order in which next/previous step through the items: the items with low agreement,
    most disagreement first (:func:`discussion_order`, not moved by a consensus), then every
    other item in questionnaire order."""
    first = [item.code for item in discussion_order(result)]
    return first + [item.code for item in result.items if item.code not in first]


def current_item(assessment: Assessment, sequence: list[str]) -> str | None:
    """The item under discussion: the one the facilitator chose, else the first to discuss."""
    if assessment.discussed_item in sequence:
        return assessment.discussed_item
    return sequence[0] if sequence else None


def screen(assessment: Assessment) -> str:
    """Which view the projector shows: ``closing`` (final, or answering locked with the
    distributions hidden), ``discussion`` (revealed), ``join`` (join code open) or ``waiting``."""
    if assessment.is_final or (assessment.locked and not assessment.revealed):
        return "closing"
    if assessment.revealed:
        return "discussion"
    return "join" if assessment.join_token else "waiting"


def _present_context(assessment: Assessment, state: queries.LiveState) -> dict[str, Any]:
    result = None if state.scored is None else state.scored.result
    code = None if result is None else current_item(assessment, discussion_sequence(result))
    rounds = {} if result is None else {r.code: r for r in item_rounds(assessment.id, result)}
    return {
        "rounds": rounds.get(code) if code else None,
        "open_rounds": [r for r in rounds.values() if r.open],
        "assessment": assessment,
        "view": screen(assessment),
        "questionnaire": state.questionnaire,
        "joined": state.joined,
        "finished": state.finished,
        "item": state.questionnaire.item(code) if code else None,
        "scored": result.item(code) if result is not None and code else None,
        # the core's rule, as on the phones: at least k ratings (an N/A is not one)
        "shown": result is not None and code is not None and result.shows_distribution(result.item(code)),
        "queue": [] if result is None else discussion_order(result)[:PRESENTER_QUEUE_LENGTH],
        "agreed": {c.item_code for c in assessment.consensus},
        "min_group_size": min_group_size(assessment),
        "scale": get_framework().scale,
        "join_url": url_for(".join", _external=True),
    }


@bp.get("/assessments/<int:assessment_id>/workshop/present")
@login_required
def present(assessment_id: int) -> ResponseReturnValue:
    """The presenter screen, full-screen on the projector: no controls, no names."""
    assessment = assessment_for(assessment_id, write=True)
    state = queries.live_state(assessment, *_extra(assessment))
    context = _present_context(assessment, state)
    return render_template("workshops/present.html", **context, version=state.version, poll_ms=POLL_MS)


@bp.get("/assessments/<int:assessment_id>/workshop/present/live")
@login_required
def present_live(assessment_id: int) -> ResponseReturnValue:
    """The presenter screen's changing part: 304 while nothing it shows has changed."""
    assessment = assessment_for(assessment_id, write=True)
    return conditional(
        assessment,
        _extra(assessment),
        lambda state: render_template("workshops/_present_live.html", **_present_context(assessment, state)),
        # the fragment names the join address, so one entry per language and host it is served under
        shared=f"present:{current_lang()}:{hashlib.sha256(request.host_url.encode()).hexdigest()[:12]}",
    )


@bp.post("/assessments/<int:assessment_id>/workshop/item/<any(next, previous):move>")
@login_required
def move_item(assessment_id: int, move: str) -> ResponseReturnValue:
    """Move the item under discussion to the next or previous one (the presenter follows)."""
    assessment = assessment_for(assessment_id, write=True)
    if ControlForm().validate_on_submit():
        sequence = discussion_sequence(score_assessment(assessment).result)
        code = current_item(assessment, sequence)
        if code is not None:
            index = sequence.index(code) + (1 if move == "next" else -1)
            target = sequence[max(0, min(index, len(sequence) - 1))]
            if target != assessment.discussed_item:
                operations.discuss_item(assessment, target, current_user)
    return redirect(url_for(".facilitate", assessment_id=assessment_id))


def _extra(assessment: Assessment) -> tuple[object, ...]:
    return (current_lang(), min_group_size(assessment))


def conditional(
    assessment: Assessment,
    extra: tuple[object, ...],
    render: Callable[[queries.LiveState], str],
    shared: str | None = None,
) -> Response:
    """A live view's answer: 304 while :func:`queries.presenter_version` (with ``extra``) matches the
    request's ``If-None-Match`` (one query, nothing scored), else ``render`` of the
    :func:`queries.live_state`, with the version as its ``ETag``.

    ``shared``: the fragment is the same for everyone who asks (the presenter screen: no controls, no
    names, no form token), so it is rendered once per version and kept in the database's view cache
    under this key; twenty projectors after a change cost one scoring, not twenty."""
    etag = queries.presenter_version(assessment, *extra)
    if request.if_none_match.contains(etag):
        unchanged = Response(status=304)
        unchanged.set_etag(etag)
        return unchanged
    body = None if shared is None else cached(assessment.id, shared, etag)
    if body is None:
        body = render(queries.live_state(assessment, *extra, version=etag))
        if shared is not None:
            keep(assessment.id, shared, etag, body)
    response = Response(body)
    response.set_etag(etag)
    return response
