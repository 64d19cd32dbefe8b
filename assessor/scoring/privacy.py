"""Minimum group size: which respondent groups a breakdown may show, and what it may label (pure).

A breakdown by segment (role) must never let a reader work out what one person, or a
handful of people, answered.  The rule, applied by :func:`plan_groups` once, in the
scoring engine, so every page, report and file shows the same groups:

1. A group with at least ``k`` respondents (the minimum group size) is shown on its own.
2. The groups below ``k`` are combined into one group, "smaller groups combined".
3. Complementary suppression: if that combined group would still be below ``k`` (for
   instance a single group of one), the smallest group shown is added to it, so no group
   can be worked out by subtracting the shown groups from the total.
4. If no group is left to show on its own, the breakdown is withheld altogether: one
   group is the whole team, whose numbers the report shows anyway.

So every group shown has at least ``k`` respondents, and either no group or at least two
groups are withheld (never exactly one, whose numbers the total would give away).

Notes (comments, N/A reasons) carry a segment label only when that segment is shown on
its own (:meth:`GroupPlan.labels`); an item's answer distribution is shown only when the
item has at least ``k`` ratings (:func:`shows_distribution`).
Imports only the standard library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_GROUP_SIZE = 3
"""The default minimum group size: HR survey practice uses 3 to 5; a deployment may raise it."""

Group = str | None
"""A segment label; ``None`` for respondents who gave none."""


@dataclass(frozen=True, slots=True)
class GroupPlan:
    """What a breakdown by segment shows for one assessment."""

    min_group_size: int
    shown: tuple[Group, ...]
    """Groups shown on their own, in input order; each has at least ``min_group_size`` respondents."""
    combined: tuple[Group, ...]
    """Groups shown together as one "smaller groups combined" group (at least ``min_group_size``
    respondents in all, and never a single group); empty when there is none."""
    withheld: tuple[Group, ...]
    """Groups not shown on their own: the combined ones, or every group when the breakdown is withheld."""

    def labels(self, group: Group) -> bool:
        """True if a note from ``group`` may name its segment (the segment is shown on its own)."""
        return group is not None and group in self.shown


def check_min_group_size(value: int) -> int:
    """Return ``value`` if it is a usable minimum group size (an integer of at least 1).

    :raise ValueError: otherwise.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"the minimum group size must be a whole number of at least 1, got {value!r}")
    return value


def plan_groups(sizes: Sequence[tuple[Group, int]], min_group_size: int = MIN_GROUP_SIZE) -> GroupPlan:
    """Decide which groups a breakdown shows, combines or withholds (see the module docstring).

    :param sizes: each group with its number of respondents, in display order (groups of
        size 0 are ignored; a group may appear only once).
    :param min_group_size: ``k``; 1 shows every group.
    :raise ValueError: for a bad ``k``, a negative size or a repeated group.
    """
    k = check_min_group_size(min_group_size)
    groups = [(group, size) for group, size in sizes if size != 0]
    if any(size < 0 for _, size in groups):
        raise ValueError("a group size cannot be negative")
    if len({group for group, _ in groups}) != len(groups):
        raise ValueError("a group is listed twice")
    small = [(group, size) for group, size in groups if size < k]
    large = [(group, size) for group, size in groups if size >= k]
    if not small:
        return GroupPlan(k, tuple(group for group, _ in large), (), ())
    pooled = sum(size for _, size in small)
    if pooled < k and large:
        # The smallest shown group joins the pool (the last of equals, so display order decides ties).
        smallest = min(range(len(large)), key=lambda i: (large[i][1], -i))
        small.append(large.pop(smallest))
        pooled += small[-1][1]
    if pooled < k or not large:
        return GroupPlan(k, (), (), tuple(group for group, _ in groups))
    shown = tuple(group for group, _ in large)
    combined = tuple(group for group, _ in groups if group not in shown)
    return GroupPlan(k, shown, combined, combined)


def shows_distribution(ratings: int, min_group_size: int) -> bool:
    """True if an item's answer distribution (ratings per level) may be shown.

    Fewer ratings than the minimum group size would let each of those respondents read
    the others' answers, so only the item's value is shown then.
    """
    return ratings >= min_group_size
