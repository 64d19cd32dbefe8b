"""Pure SVG geometry of the PDF charts: radar points, labels that are never cut off, the pyramid."""

from __future__ import annotations

import math

import pytest

from assessor.reports import palette
from assessor.reports.radar import (
    pyramid,
    radar,
    text_width,
    wrap,
)

ELEMENTS = [
    "E1 Service excellence vision, mission and strategy",
    "E2 Leadership and management commitment",
    "E3 Service excellence culture",
    "E4 Employee engagement",
    "E5 Understanding customer needs, expectations and desires",
    "E6 Designing and renewing outstanding customer experiences",
    "E7 Service innovation management",
    "E8 Effective processes and organisational structure",
    "E9 Monitoring service excellence activities and results",
]
ELEMENTS_JA = [
    "E1 サービスエクセレンスのビジョン、ミッション及び戦略",
    "E2 リーダーシップ及び経営層のコミットメント",
    "E3 サービスエクセレンス文化",
    "E4 従業員エンゲージメント",
    "E5 顧客ニーズ・期待・要望の理解",
    "E6 卓越した顧客体験の設計と改良",
    "E7 サービスイノベーションのマネジメント",
    "E8 効果的なプロセス及び組織構造",
    "E9 サービスエクセレンスの活動と結果のモニタリング",
]


def test_points_lie_on_their_axes_at_their_value() -> None:
    g = radar(["A", "B", "C", "D"], [("current", [100, 50, 0, 25])], radius=100)
    cx, cy = g.centre
    (current,) = g.series
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = current.vertices
    assert (x0, y0) == pytest.approx((cx, cy - 100))  # axis 1 points up
    assert (x1, y1) == pytest.approx((cx + 50, cy))  # clockwise: axis 2 points right
    assert (x2, y2) == pytest.approx((cx, cy))
    assert (x3, y3) == pytest.approx((cx - 25, cy))
    assert len(current.points.split()) == 4 and all("," in point for point in current.points.split())


def test_missing_score_is_drawn_at_the_centre_and_values_are_clamped() -> None:
    g = radar(["A", "B", "C"], [("current", [None, 120, -5])], radius=50)
    cx, cy = g.centre
    vertices = g.series[0].vertices
    assert vertices[0] == pytest.approx((cx, cy))
    assert math.dist(vertices[1], (cx, cy)) == pytest.approx(50)
    assert vertices[2] == pytest.approx((cx, cy))


def test_a_series_without_any_value_is_not_drawn() -> None:
    g = radar(["A", "B", "C"], [("current", [10, 20, 30]), ("previous", [None, None, None])])
    assert [s.key for s in g.series] == ["current"]


def test_too_few_axes_are_refused() -> None:
    with pytest.raises(ValueError, match="two axes"):
        radar(["A"], [("current", [1])])


@pytest.mark.parametrize("axes", [ELEMENTS, ELEMENTS_JA], ids=["en", "ja"])
def test_every_label_fits_inside_the_drawing(axes: list[str]) -> None:
    g = radar(axes, [("current", [50] * 9), ("target", [75] * 9)], label_width=128)
    assert len(g.labels) == 9
    for label in g.labels:
        assert "".join(label.lines).replace(" ", "") == axes[g.labels.index(label)].replace(" ", "")
        widest = max(text_width(line, g.font_size) for line in label.lines)
        left = {"start": label.x, "middle": label.x - widest / 2, "end": label.x - widest}[label.anchor]
        top = label.y - g.font_size
        bottom = label.y + label.line_step * (len(label.lines) - 1)
        assert left >= 0 and left + widest <= g.width, label
        assert top >= 0 and bottom <= g.height, label
        for line in label.lines:
            assert text_width(line, g.font_size) <= 128 or " " not in line


def test_labels_are_anchored_away_from_the_chart() -> None:
    g = radar(ELEMENTS, [("current", [50] * 9)])
    anchors = [label.anchor for label in g.labels]
    assert anchors[0] == "middle"  # top
    assert set(anchors[1:5]) == {"start"}  # right half
    assert set(anchors[5:9]) == {"end"}  # left half
    cx, _ = g.centre
    assert all(label.x > cx for label in g.labels[1:5])
    assert all(label.x < cx for label in g.labels[5:9])


def test_scale_is_shown_on_one_axis_only() -> None:
    g = radar(ELEMENTS, [("current", [50] * 9)], radius=100)
    assert [t.label for t in g.ticks] == ["25 %", "50 %", "75 %", "100 %"]
    cx, cy = g.centre
    # All four labels sit on one line from the centre, between the first two axes.
    angles = {round(math.degrees(math.atan2(t.y - cy, t.x - cx)), -1) for t in g.ticks}
    assert len(angles) <= 2
    assert all(t.x > cx and t.y < cy for t in g.ticks)
    assert len(g.rings) == 4 and len(g.spokes) == 9


def test_wrap_keeps_words_and_katakana_whole_and_obeys_kinsoku() -> None:
    assert wrap("E5 Understanding customer needs, expectations and desires", 128, 8) == (
        "E5 Understanding customer",
        "needs, expectations and",
        "desires",
    )
    lines = wrap("E1 サービスエクセレンスのビジョン、ミッション及び戦略", 128, 8)
    assert lines == ("E1 サービスエクセレンスの", "ビジョン、ミッション及び戦略")
    assert not any(line.startswith(("、", "。", "）")) for line in wrap("あいうえお、かきくけこ。さしすせそ", 40, 8))


def test_full_width_text_is_estimated_wider_than_latin() -> None:
    assert text_width("顧客", 10) == 20
    assert text_width("ab", 10) < 20


def test_pyramid_marks_reached_and_not_yet_counted_levels() -> None:
    g = pyramid(
        [
            (1, "Core service proposition", "reached", 82.0, "Established"),
            (2, "Customer feedback management", "below", 50.0, "Developing"),
            (3, "Individual excellent service provision", "not_yet_counted", 75.0, "Established"),
            (4, "Surprisingly excellent service provision", "no_evidence", None, None),
        ]
    )
    assert [band.rank for band in g.bands] == [4, 3, 2, 1]  # drawn top first
    colours = {band.rank: band.colour for band in g.bands}
    assert colours[1] == palette.REACHED and colours[3] == palette.NOT_YET
    assert [band.status for band in g.bands] == ["no_evidence", "not_yet_counted", "below", "reached"]
    # The foundation is the widest band and sits at the bottom.
    bottom = [tuple(map(float, p.split(","))) for p in g.bands[-1].points.split()]
    top = [tuple(map(float, p.split(","))) for p in g.bands[0].points.split()]
    assert max(x for x, _ in bottom) - min(x for x, _ in bottom) > max(x for x, _ in top) - min(x for x, _ in top)
    assert min(y for _, y in bottom) > max(y for _, y in top) - 1
    for band in g.bands:
        assert band.text_x + max(text_width(line, g.font_size) for line in band.name_lines) <= g.width + 1
        assert 0 < band.name_y < band.detail_y <= g.height
