"""The trend over three or more assessments: hand-computed scores per dimension and overall, the rule
that fewer than three points with evidence give no trend, and the chart's geometry."""

from __future__ import annotations

from assessor.reports.trend import Trend, TrendPoint, TrendRow, trend, trend_chart
from assessor.scoring import ScoringResult, score
from tests.factories import Builders

ITEMS = (Builders.item("E1-01", "E1"), Builders.item("E1-02", "E1", weight=3.0), Builders.item("E2-01", "E2"))
QUESTIONNAIRE = Builders.questionnaire(ITEMS)
FRAMEWORK = Builders.framework([QUESTIONNAIRE])


def _year(levels: dict[str, int], respondents: int = 3) -> ScoringResult:
    people = [Builders.respondent(f"r{n}", levels) for n in range(respondents)]
    return score(FRAMEWORK, QUESTIONNAIRE, Builders.assessment(QUESTIONNAIRE, people), min_group_size=1)


def test_scores_per_dimension_and_overall_oldest_first() -> None:
    points = [
        TrendPoint("2024", _year({"E1-01": 0, "E1-02": 1, "E2-01": 2})),
        TrendPoint("2025", _year({"E1-01": 2, "E1-02": 2, "E2-01": 2})),
        TrendPoint("2026", _year({"E1-01": 4, "E1-02": 3, "E2-01": 1})),
    ]
    t = trend(FRAMEWORK, points)
    assert t is not None and t.labels == ("2024", "2025", "2026") and t.same_questionnaire
    rows = {r.key: r.values for r in t.rows}
    # A = E1 (weights 1 and 3): 2024 (0 + 3) / 16 = 18.75 %; 2025 50 %; 2026 (4 + 9) / 16 = 81.25 %.
    assert rows["A"] == (18.75, 50.0, 81.25)
    # B = E2-01 alone: 2 / 4, 2 / 4, 1 / 4.
    assert rows["B"] == (50.0, 50.0, 25.0)
    # Overall (weights 1, 3, 1): 2024 (0 + 3 + 2) / 20 = 25 %; 2025 50 %; 2026 (4 + 9 + 1) / 20 = 70 %.
    assert rows["overall"] == (25.0, 50.0, 70.0)
    assert [r.key for r in t.rows] == ["overall", "A", "B"]
    assert {r.key: r.change for r in t.rows} == {"overall": 45.0, "A": 62.5, "B": -25.0}


def test_fewer_than_three_points_with_evidence_give_no_trend() -> None:
    firm = _year({"E1-01": 2, "E1-02": 2, "E2-01": 2})
    thin = _year({"E1-01": 2})  # 1 of 5 weight answered: 20 % coverage, below the evidence threshold
    assert not thin.enough_evidence
    assert trend(FRAMEWORK, [TrendPoint("2025", firm), TrendPoint("2026", firm)]) is None
    assert trend(FRAMEWORK, [TrendPoint("2024", thin), TrendPoint("2025", firm), TrendPoint("2026", firm)]) is None
    kept = trend(FRAMEWORK, [TrendPoint(y, firm) for y in ("2024", "2025", "2026")])
    assert kept is not None and len(kept.labels) == 3


def test_chart_geometry_maps_scores_to_heights_and_breaks_at_gaps() -> None:
    t = Trend(
        labels=("2024", "2025", "2026"),
        questionnaires=("full", "quick", "full"),
        rows=(TrendRow("overall", (0.0, 50.0, 100.0)), TrendRow("A", (25.0, None, 75.0))),
    )
    g = trend_chart(t, width=420, height=180)
    assert not t.same_questionnaire
    # Plot: x from 30 to 360 (width − 30 left − 60 right), y from 8 (100 %) to 162 (0 %).
    assert [x for x, _ in g.x_ticks] == [30.0, 195.0, 360.0]
    overall, a = g.lines
    assert overall.points == ((30.0, 162.0), (195.0, 85.0), (360.0, 8.0))
    assert overall.segments == (overall.points,)
    assert a.points == ((30.0, 123.5), (360.0, 46.5)) and a.segments == ()  # a missing score breaks the line
    assert overall.end == (368.0, 8.0) and a.end == (368.0, 46.5)
    assert overall.width > a.width and overall.dash != a.dash


def test_end_labels_never_overlap() -> None:
    t = Trend(("1", "2", "3"), ("q", "q", "q"), tuple(TrendRow(k, (50.0, 50.0, 50.0)) for k in ("overall", "A", "B")))
    heights = sorted(line.end[1] for line in trend_chart(t).lines if line.end)
    assert all(b - a >= 9.0 for a, b in zip(heights, heights[1:], strict=False))
