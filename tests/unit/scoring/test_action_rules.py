"""Action plan rules, with hand-picked dates: overdue, due soon, done after due, won't do, progress."""

from __future__ import annotations

from datetime import date

import pytest

from assessor.scoring.actions import (
    BLOCKED,
    DONE,
    IN_PROGRESS,
    PLANNED,
    STATUSES,
    WONT_DO,
    ActionRuleError,
    ActionState,
    check,
    done_after_due,
    is_due_soon,
    is_overdue,
    progress_for,
)

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize("status", [PLANNED, IN_PROGRESS, BLOCKED])
def test_an_open_action_due_yesterday_is_overdue(status: str) -> None:
    assert is_overdue(ActionState(status, due=date(2026, 12, 1)), TODAY)


@pytest.mark.parametrize("status", [DONE, WONT_DO])
def test_a_closed_action_is_never_overdue(status: str) -> None:
    assert not is_overdue(ActionState(status, due=date(2020, 1, 1), reason="x"), TODAY)


def test_due_today_is_not_overdue_and_no_due_date_never_is() -> None:
    assert not is_overdue(ActionState(PLANNED, due=TODAY), TODAY)
    assert not is_overdue(ActionState(PLANNED, due=None), TODAY)


def test_due_soon_covers_today_to_thirty_days_ahead() -> None:
    assert is_due_soon(ActionState(PLANNED, due=TODAY), TODAY)
    assert is_due_soon(ActionState(PLANNED, due=date(2027, 1, 1)), TODAY)  # 30 days on
    assert not is_due_soon(ActionState(PLANNED, due=date(2027, 1, 2)), TODAY)  # 31 days on
    assert not is_due_soon(ActionState(PLANNED, due=date(2026, 12, 1)), TODAY)  # overdue, not soon
    assert not is_due_soon(ActionState(DONE, due=date(2026, 12, 10)), TODAY)


def test_done_after_due_is_recognisable() -> None:
    due = date(2026, 6, 30)
    assert done_after_due(ActionState(DONE, due=due, done_on=date(2026, 7, 1)))
    assert not done_after_due(ActionState(DONE, due=due, done_on=due))
    assert not done_after_due(ActionState(IN_PROGRESS, due=due, done_on=date(2026, 7, 1)))
    assert not done_after_due(ActionState(DONE, due=None, done_on=date(2026, 7, 1)))


def test_wont_do_needs_a_reason() -> None:
    with pytest.raises(ActionRuleError) as refused:
        check(ActionState(WONT_DO, reason="   "))
    assert refused.value.code == "reason"
    check(ActionState(WONT_DO, reason="The site closes next year."))


def test_unknown_status_and_progress_outside_0_100_are_refused() -> None:
    with pytest.raises(ActionRuleError, match="status"):
        check(ActionState("finished"))
    for bad in (-1, 101):
        with pytest.raises(ActionRuleError) as refused:
            check(ActionState(PLANNED, progress=bad))
        assert refused.value.code == "progress"
    check(ActionState(PLANNED, progress=0))
    check(ActionState(PLANNED, progress=100))


def test_done_counts_as_full_progress() -> None:
    assert progress_for(DONE, 40) == 100
    assert progress_for(IN_PROGRESS, 40) == 40
    assert progress_for(PLANNED, 140) == 100
    assert STATUSES == ("planned", "in_progress", "blocked", "done", "wont_do")


def test_the_report_groups_actions_since_the_last_assessment() -> None:
    from assessor.scoring.actions import since_group

    assert since_group(ActionState(DONE, due=date(2020, 1, 1)), TODAY) == "done"
    assert since_group(ActionState(WONT_DO, reason="x", due=date(2020, 1, 1)), TODAY) == "dropped"
    assert since_group(ActionState(BLOCKED, due=date(2026, 12, 1)), TODAY) == "overdue"
    assert since_group(ActionState(PLANNED, due=TODAY), TODAY) == "in_progress"
    assert since_group(ActionState(IN_PROGRESS), TODAY) == "in_progress"
