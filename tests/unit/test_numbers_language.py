"""One number convention per language: ``72 %`` in English, ``72%`` and full-width asides in Japanese."""

from __future__ import annotations

from datetime import date

import pytest

from assessor import numbers
from assessor.reports.radar import radar


@pytest.mark.parametrize(
    ("lang", "whole", "decimal", "coverage"),
    [("en", "63 %", "66.7 %", "2 / 3 = 66.7 %"), ("ja", "63%", "66.7%", "2 / 3 = 66.7%")],
)
def test_percentages_follow_the_language(lang: str, whole: str, decimal: str, coverage: str) -> None:
    assert numbers.pct(62.6, lang) == whole  # ties (62.5) go down: see test_honest_numbers
    assert numbers.pct1(66.66, lang) == decimal
    assert numbers.coverage_sum(2, 3, 66.666, lang=lang) == coverage
    assert numbers.pct(None, lang) == "—"


@pytest.mark.parametrize(
    ("text", "en", "ja"),
    [
        ("2025年11月20日", " (2025年11月20日)", "（2025年11月20日）"),  # Japanese inside: full width, no space
        ("FCR", " (FCR)", "(FCR)"),  # pure ASCII: half width
        ("E6 · 0〜3か月", " (E6 · 0〜3か月)", "（E6 · 0〜3か月）"),
    ],
)
def test_asides_follow_the_language(text: str, en: str, ja: str) -> None:
    assert numbers.paren(text, "en") == en
    assert numbers.paren(text, "ja") == ja


def test_japanese_lists_and_counts_use_japanese_punctuation() -> None:
    many = [1, 10, 0, 19, 0]  # 30 ratings: written as totals
    assert numbers.ratings(many, 0, "ja") == "中央値（30件：0×1、1×10、3×19）"
    assert numbers.ratings(many, 0, "en") == "median of 30 ratings (0×1, 1×10, 3×19)"
    assert numbers.not_applicable(2, "ja") == "該当なし×2"
    assert numbers.not_applicable(2, "en") == "N/A × 2"


def test_bound_writers_carry_the_language() -> None:
    ja, en = numbers.in_language("ja"), numbers.in_language("en")
    assert (ja.pct(50), en.pct(50)) == ("50%", "50 %")
    assert ja.day(date(2026, 11, 22)) == "2026年11月22日" and en.day(date(2026, 11, 22)) == "22 November 2026"
    assert ja.paren("定着") == "（定着）" and ja.signed(4.6) == en.signed(4.6) == "▲ +5"


def test_radar_scale_labels_follow_the_language() -> None:
    axes = ["A", "B", "C"]
    assert [t.label for t in radar(axes, [("current", [1, 2, 3])], lang="ja").ticks] == ["25%", "50%", "75%", "100%"]
    assert [t.label for t in radar(axes, [("current", [1, 2, 3])]).ticks][0] == "25 %"


@pytest.mark.parametrize(
    ("value", "unit", "en", "ja"),
    [
        (98.4, "percent", "98 %", "98%"),
        (62.5, "percent", "62 %", "62%"),  # the one rounding rule: ties down
        (23, "points", "+23", "+23"),
        (-12.4, "points", "−12", "−12"),
        (0.4, "points", "0", "0"),
        (4.875, "scale", "4.9", "4.9"),
        (3.25, "hours", "3.3 h", "3.3時間"),
        (4, "hours", "4 h", "4時間"),
        (42, "minutes", "42 min", "42分"),
        (2.34, "count", "2.3", "2.3"),
        (None, "scale", "—", "—"),
    ],
)
def test_kpi_values_are_written_in_their_unit(value: float | None, unit: str, en: str, ja: str) -> None:
    assert numbers.kpi(value, unit, "en") == en
    assert numbers.in_language("ja").kpi(value, unit) == ja


def test_a_list_of_names_is_joined_by_each_languages_rule() -> None:
    assert numbers.listing(["FCR", "MTTR"], "en") == "FCR, MTTR"
    assert numbers.listing(["FCR", "MTTR"], "ja") == "FCR、MTTR"
    assert numbers.listing([], "ja") == "—"
