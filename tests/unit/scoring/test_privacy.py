"""The minimum group size rule: shown, combined and withheld groups, complementary suppression."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessor.scoring import MIN_GROUP_SIZE, plan_groups, score, shows_distribution


def test_default_is_three() -> None:
    assert MIN_GROUP_SIZE == 3


def test_groups_at_or_above_the_minimum_are_shown_as_they_are() -> None:
    plan = plan_groups([("leadership", 3), ("front-line", 7), (None, 4)])
    assert plan.shown == ("leadership", "front-line", None)
    assert plan.combined == plan.withheld == ()


def test_small_groups_are_combined_when_together_they_reach_the_minimum() -> None:
    plan = plan_groups([("back-office", 1), ("front-line", 5), ("leadership", 2)])
    assert plan.shown == ("front-line",)
    assert plan.combined == plan.withheld == ("back-office", "leadership")


def test_one_small_group_takes_the_smallest_shown_group_with_it() -> None:
    # Back office (1) alone would be "total minus the others": front line (4), the smallest, joins it.
    plan = plan_groups([("back-office", 1), ("front-line", 4), ("leadership", 6)])
    assert plan.shown == ("leadership",)
    assert plan.combined == ("back-office", "front-line")


def test_two_small_groups_below_the_minimum_together_also_take_a_shown_group() -> None:
    plan = plan_groups([("a", 1), ("b", 1), ("c", 3), ("d", 3)], 3)
    assert plan.shown == ("c",)  # of equals, the later one joins the pool
    assert plan.combined == ("a", "b", "d")


def test_the_breakdown_is_withheld_when_nothing_would_be_left_on_its_own() -> None:
    assert plan_groups([("back-office", 1), ("front-line", 5)]).shown == ()
    assert plan_groups([("back-office", 1), ("front-line", 5)]).withheld == ("back-office", "front-line")
    assert plan_groups([("a", 2), ("b", 2)]).combined == ()  # combined, they would be the whole team
    assert plan_groups([("a", 1), ("b", 1)]).withheld == ("a", "b")


def test_a_raised_minimum_hides_more() -> None:
    plan = plan_groups([("a", 4), ("b", 4), ("c", 9)], 5)
    assert plan.shown == ("c",) and plan.combined == ("a", "b")


def test_labels_only_for_groups_shown_on_their_own() -> None:
    plan = plan_groups([("back-office", 1), ("front-line", 5), ("leadership", 2)])
    assert plan.labels("front-line")
    assert not plan.labels("back-office") and not plan.labels("leadership") and not plan.labels(None)


@pytest.mark.parametrize("bad", [0, -1, True, 2.5, "3"])
def test_a_bad_minimum_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="minimum group size"):
        plan_groups([("a", 3)], bad)  # type: ignore[arg-type]


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        plan_groups([("a", -1)])
    with pytest.raises(ValueError, match="twice"):
        plan_groups([("a", 3), ("a", 4)])


def test_distributions_need_the_minimum_of_ratings() -> None:
    assert not shows_distribution(2, 3)
    assert shows_distribution(3, 3)


GROUPS = st.lists(
    st.tuples(st.one_of(st.none(), st.text(min_size=1, max_size=3)), st.integers(min_value=1, max_value=12)),
    max_size=7,
    unique_by=lambda pair: pair[0],
)


@given(GROUPS, st.integers(min_value=1, max_value=8))
def test_no_group_below_the_minimum_and_never_exactly_one_withheld(groups, k) -> None:  # type: ignore[no-untyped-def]
    plan = plan_groups(groups, k)
    size = dict(groups)
    assert all(size[g] >= k for g in plan.shown)
    if plan.combined:
        assert len(plan.combined) >= 2 and sum(size[g] for g in plan.combined) >= k
        assert plan.shown, "a combined group that is the whole team is withheld instead"
    # Never exactly one withheld group: the total minus the shown groups would give it away.
    assert len(plan.withheld) != 1 or len(groups) == 1
    # Every group is either shown or withheld, once.
    assert sorted(map(str, plan.shown + plan.withheld)) == sorted(str(g) for g, _ in groups)
    # What the reader can subtract (total minus shown groups) is never a group below k.
    rest = sum(size.values()) - sum(size[g] for g in plan.shown)
    assert rest == 0 or rest >= k or not plan.shown


def test_score_applies_the_rule_and_records_it(build) -> None:  # type: ignore[no-untyped-def]
    questionnaire = build.questionnaire([build.item("E1-01")])
    framework = build.framework([questionnaire])
    people = [("back-office", 1), ("leadership", 2), ("front-line", 5)]
    respondents = [
        build.respondent(f"{segment}-{n}", {"E1-01": n % 5}, segment) for segment, count in people for n in range(count)
    ]
    result = score(framework, questionnaire, build.assessment(questionnaire, respondents))
    assert [(s.segment, s.combined, s.respondent_count) for s in result.segments] == [
        ("front-line", False, 5),
        (None, True, 3),
    ]
    assert result.labelled_segments == frozenset({"front-line"}) and result.min_group_size == 3
    with pytest.raises(KeyError):
        result.segment(None)  # the combined group is no segment of its own
    raw = score(framework, questionnaire, build.assessment(questionnaire, respondents), min_group_size=1)
    assert {s.segment for s in raw.segments} == {"back-office", "leadership", "front-line"}
    assert raw.overall.score == result.overall.score  # the rule changes what is shown, never the scores
