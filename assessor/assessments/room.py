"""The room's answers as the participants' phones show them after the reveal, computed once per change.

After the facilitator's reveal every phone in the room reloads its end screen within seconds
(nextcloud/polls #1450: a room refetching at once took a server down).  Scoring the assessment
for each of 1,000 phones would cost 1,000 scorings; here the first request after a change scores
it and stores the distributions (:mod:`assessor.assessments.viewcache`, in the database, so every
worker and machine shares them), and every other phone reads that row.  The snapshot holds counts only (levels and N/A
per item), never a reason, a comment or who answered what.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from assessor.assessments.aggregates import answers_state
from assessor.assessments.stored import min_group_size, score_assessment
from assessor.assessments.viewcache import cached, keep
from assessor.extensions import db
from assessor.models import Assessment
from assessor.scoring.privacy import shows_distribution


@dataclass(frozen=True, slots=True)
class RoomItem:
    """One item's distribution as the room answered it (what ``workshops/_distribution.html`` draws)."""

    distribution: tuple[int, ...]
    """Ratings per level, lowest first."""
    not_applicable: tuple[str, ...]
    """One empty entry per N/A answer: the count, without the reasons (a phone never shows them)."""


@dataclass(frozen=True, slots=True)
class Room:
    """Every item's distribution and the minimum group size that decides which may be shown."""

    items: Mapping[str, RoomItem]
    min_group_size: int

    def item(self, code: str) -> RoomItem:
        """The distribution of item ``code``."""
        return self.items[code]

    def shows_distribution(self, item: RoomItem) -> bool:
        """True if ``item`` has enough ratings for its distribution to be shown (N/A answers do not count)."""
        return shows_distribution(sum(item.distribution), self.min_group_size)


def room_version(assessment: Assessment) -> str:
    """What the room's distributions depend on: the answers (``revision``, bumped by every answer
    write), who is in the room (count and newest id: a removal lowers the count), the minimum group
    size and the questionnaire version."""
    revision, count, newest = db.session.execute(sa.select(*answers_state(assessment.id))).one()
    return f"{revision}:{count}:{newest}:{min_group_size(assessment)}:{assessment.questionnaire_version}"


ROOM_KEY = "room"
"""The room's entry in :mod:`assessor.assessments.viewcache`."""


def room_of(assessment: Assessment) -> Room:
    """The room's distributions: the stored ones while they are current, else scored now and stored."""
    version = room_version(assessment)
    stored = cached(assessment.id, ROOM_KEY, version)
    if stored is not None:
        return _from_json(stored)
    result = score_assessment(assessment).result
    room = Room(
        {i.code: RoomItem(tuple(i.distribution), ("",) * len(i.not_applicable)) for i in result.items},
        result.min_group_size,
    )
    keep(assessment.id, ROOM_KEY, version, _to_json(room))
    return room


def _to_json(room: Room) -> str:
    items = {code: [list(item.distribution), len(item.not_applicable)] for code, item in room.items.items()}
    return json.dumps({"k": room.min_group_size, "items": items}, separators=(",", ":"))


def _from_json(payload: str) -> Room:
    data = json.loads(payload)
    items = {code: RoomItem(tuple(levels), ("",) * na) for code, (levels, na) in data["items"].items()}
    return Room(items, int(data["k"]))
