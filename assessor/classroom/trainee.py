"""Views of the trainees (no account): join by code, read the case, rate, then see the room and the key.

A trainee's personal link reaches only their own ratings and figures; the room is shown as
distributions of at least the minimum group size, never as anyone else's ratings.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext

from assessor import numbers
from assessor.accounts import joins
from assessor.accounts.throttle import ThrottledError
from assessor.classroom import bp, operations, queries
from assessor.classroom.forms import CodeForm, JoinForm
from assessor.classroom.live import conditional
from assessor.classroom.wording import SOURCE_NAMES, TENDENCY_NAMES
from assessor.domain import Item
from assessor.i18n import current_lang
from assessor.inputs import NA, parse_level
from assessor.models import Trainee
from assessor.scoring.calibration import Rating, trainee_stats
from assessor.standards import get_framework


@bp.route("/classroom/join", methods=["GET", "POST"])
def join() -> ResponseReturnValue:
    """Type the short code the trainer shows (throttled like workshop codes)."""
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("classroom/join_code.html", form=form), 400 if form.is_submitted() else 200
    try:
        found = joins.look_up(request.remote_addr or "?", form.code.data or "", queries.session_by_code)
    except ThrottledError as throttled:
        wait = throttled.seconds
        form.code.errors = [_("Too many wrong codes. Wait %(seconds)d seconds and try again.", seconds=wait)]
        return render_template("classroom/join_code.html", form=form), 429, {"Retry-After": str(wait)}
    if found is None or not found.join_token:
        form.code.errors = [_("No session has this code. Check it on the trainer’s screen and try again.")]
        return render_template("classroom/join_code.html", form=form), 404
    return redirect(url_for(".join_link", join_token=found.join_token))


@bp.route("/c/<token:join_token>", methods=["GET", "POST"])
def join_link(join_token: str) -> ResponseReturnValue:
    """Pick a language and, optionally, a display name; then read the case."""
    found = queries.session_by_join_token(join_token) or abort(404)
    default = session.get("lang") or request.accept_languages.best_match(["en", "ja"]) or "en"
    form = JoinForm(data={"language": default})
    if found.revealed:
        return render_template("classroom/join.html", form=form, closed=True), 409
    if form.validate_on_submit():
        session["lang"] = form.language.data
        trainee = operations.join(found, form.name.data, form.language.data or "en")
        return redirect(url_for(".case", token=trainee.token))
    return render_template("classroom/join.html", form=form, closed=False), 400 if form.is_submitted() else 200


def _trainee(token: str) -> tuple[Trainee, queries.Room]:
    trainee = queries.trainee_by_token(token) or abort(404)
    try:
        return trainee, queries.room(trainee.session)
    except queries.CaseNotInstalledError:
        abort(409)


@bp.get("/t/<token:token>")
def case(token: str) -> ResponseReturnValue:
    """The case to read: narrative, KPI readings and the evidence per element, in the trainee's language."""
    trainee, room = _trainee(token)
    lang = current_lang()
    return render_template(
        "classroom/case.html",
        trainee=trainee,
        room=room,
        fw=get_framework(),
        lang=lang,
        num=numbers.in_language(lang),
        source_names=SOURCE_NAMES,
    )


@bp.route("/t/<token:token>/rate", methods=["GET", "POST"])
def rate(token: str) -> ResponseReturnValue:
    """Rate every item 0-4 (or N/A where the item allows it); the no-JavaScript form saves what is chosen."""
    trainee, room = _trainee(token)
    fw = get_framework()
    problems: list[str] = []
    if request.method == "POST":
        if room.session.revealed:
            flash(_("Rating has ended: the trainer has shown the room’s ratings."), "error")
            return redirect(url_for(".results", token=token)), 303
        ratings, problems = _submitted(room.questionnaire.items)
        saved = operations.save_ratings(trainee, ratings)
        if not problems:
            flash(ngettext("%(num)d rating saved.", "%(num)d ratings saved.", saved), "success")
            return redirect(url_for(".results", token=token)), 303
    mine = queries.ratings_of(trainee)
    return render_template(
        "classroom/rate.html",
        trainee=trainee,
        room=room,
        fw=fw,
        scale=fw.scale,
        mine=mine,
        problems=problems,
        lang=current_lang(),
        na=NA,
    ), 400 if problems else 200


def _submitted(items: tuple[Item, ...]) -> tuple[dict[str, Rating], list[str]]:
    """The valid ratings of the form, and the codes of the items whose value was refused."""
    scale = get_framework().scale
    ratings: dict[str, Rating] = {}
    problems: list[str] = []
    for item in items:
        raw = request.form.get(f"rate-{item.code}")
        if raw is None or raw == "":
            continue
        try:
            level = parse_level(raw, scale)
        except ValueError:
            problems.append(item.code)
            continue
        if level is None and not item.allow_na:
            problems.append(item.code)
            continue
        ratings[item.code] = level
    return ratings, problems


@bp.get("/t/<token:token>/results")
def results(token: str) -> ResponseReturnValue:
    """After rating: waiting for the trainer, then the room's distribution, then the key and the
    trainee's own figures (polled like the presenter screen)."""
    trainee, room = _trainee(token)
    return render_template(
        "classroom/results.html",
        **_results_context(trainee, room),
        version=queries.version(room.session, "trainee", trainee.id, current_lang()),
    )


@bp.get("/t/<token:token>/results/live")
def results_live(token: str) -> ResponseReturnValue:
    """The changing part of the results page: 304 while nothing it shows has changed."""
    trainee = queries.trainee_by_token(token) or abort(404)
    return conditional(
        queries.version(trainee.session, "trainee", trainee.id, current_lang()),
        lambda: render_template("classroom/_results_live.html", **_results_context(*_trainee(token))),
    )


def _results_context(trainee: Trainee, room: queries.Room) -> dict[str, object]:
    mine = queries.ratings_of(trainee)
    key = {code: room.case.key[code].level for code in room.questionnaire.codes}
    return {
        "trainee": trainee,
        "room": room,
        "mine": mine,
        "own": trainee_stats(mine, key) if room.session.key_shown else None,
        "scale": get_framework().scale,
        "lang": current_lang(),
        "num": numbers.in_language(current_lang()),
        "tendency_names": TENDENCY_NAMES,
    }
