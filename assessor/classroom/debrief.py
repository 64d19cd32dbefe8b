"""The one-page debrief of a class (PDF through the report machinery, :mod:`assessor.reports.pdf`).

Class-level figures only, the items furthest from the key with the key's rationale, and how many
trainees lean lenient, balanced or severe. Trainees appear as "Trainee 1..n" unless the trainer
asked for names, and then only those who gave one.
"""

from __future__ import annotations

from datetime import date

from flask import render_template
from flask_babel import force_locale

from assessor import numbers
from assessor.classroom.queries import Room
from assessor.classroom.wording import TENDENCY_NAMES
from assessor.reports import typeset
from assessor.reports.pdf import render_pdf
from assessor.scoring.calibration import ItemStats, furthest_from_key
from assessor.standards import get_framework

FURTHEST = 5
"""Items of the debrief's "furthest from the key" table: what a debrief gets through."""
SHOWN_DISTANCE = 0.005
"""The smallest distance that does not print as 0 (two decimals)."""


def render_html(room: Room, *, names: bool, lang: str) -> str:
    """The print HTML of the debrief, in ``lang``."""
    by_code = {item.code: item for item in room.questionnaire.items}
    with force_locale(lang):
        html = render_template(
            "classroom/debrief.html",
            room=room,
            names=names,
            lang=lang,
            num=numbers.in_language(lang),
            # an item rated by fewer than k trainees is not discussed by the numbers (minimum group size)
            furthest=_furthest(room),
            items=by_code,
            scale=get_framework().scale,
            today=numbers.day(date.today(), lang),
            tendency_names=TENDENCY_NAMES,
        )
    return typeset.japanese(html) if lang == "ja" else html


def _furthest(room: Room) -> list[ItemStats]:
    """The items to discuss: rated by at least k trainees (minimum group size), and whose class
    mean differs from the key once written with two decimals (a printed 0 is no distance)."""
    shown = [i for i in room.stats.items if i.rated >= room.min_group_size and abs(i.distance or 0) >= SHOWN_DISTANCE]
    return furthest_from_key(shown, FURTHEST)


def render(room: Room, *, names: bool, lang: str) -> bytes:
    """The debrief as PDF bytes."""
    return render_pdf(render_html(room, names=names, lang=lang))
