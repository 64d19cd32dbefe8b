"""The pure report context: verdict, highlights, numbers, comparison, voices, actions, appendix."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from assessor import numbers
from assessor.domain import Framework, Kpi, PyramidLevel, Text
from assessor.reports.context import ReportMeta, build_context
from assessor.reports.logos import logo_data_uri
from assessor.reports.wording import VERDICT_CHARS, verdict
from assessor.scoring import AssessmentInput, RespondentAnswers, ScoringResult, score
from assessor.standards import load_framework
from tests.factories import LIBRARY, make_example
from tests.helpers import REAL_STANDARDS
from tests.verdicts import every_verdict, example_result

PYRAMID_NAMES = (
    ("Core service proposition", "コアとなるサービスの提案"),
    ("Customer feedback management", "顧客からのフィードバックのマネジメント"),
    ("Individual excellent service provision", "個別の優れたサービスの提供"),
    ("Surprisingly excellent service provision", "驚きのある優れたサービスの提供"),
)
META = ReportMeta("Example Hotel", "Annual check 2025", date(2026, 11, 22))


def _framework() -> tuple[Framework, object, AssessmentInput]:
    framework, questionnaire, assessment = make_example()
    levels = tuple(
        dataclasses.replace(level, name=Text(*PYRAMID_NAMES[level.rank - 1])) for level in framework.pyramid_levels
    )
    kpis = (
        Kpi(
            "CSAT",
            Text("Customer satisfaction (CSAT)", "顧客満足度（CSAT）"),
            Text("4-5 / all", "4〜5 ÷ 全体"),
            Text("", ""),
        ),
    )
    framework = dataclasses.replace(framework, pyramid_levels=levels, actions=LIBRARY, kpis=kpis)
    return framework, questionnaire, assessment


@pytest.fixture
def example() -> tuple[Framework, object, AssessmentInput, ScoringResult]:
    framework, questionnaire, assessment = _framework()
    assessment = dataclasses.replace(assessment, targets={"A": 75.0, "B": 90.0}, assessed_on="2026-11-01")
    return framework, questionnaire, assessment, score(framework, questionnaire, assessment)


def test_verdict_sentence_in_both_languages(example) -> None:
    framework, _, _, result = example
    # L1 met, L2 (50 %) blocks, L3 (87.5 %) meets the threshold above it, L4 has no evidence.
    en, ja = verdict(framework, result, "en"), verdict(framework, result, "ja")
    assert en.sentence == "Level 1 of 4. Next: customer feedback management."
    assert en.note == "Level 3 already meets the threshold; it counts once level 2 does."
    assert ja.sentence == "レベル1に到達（全4段階）。次の課題は顧客からのフィードバックのマネジメントです。"
    assert ja.note == "レベル3は基準を満たしていますが、レベル2が基準に達するまで判定には含めません。"


def test_verdict_when_nothing_or_everything_is_reached(example) -> None:
    framework, questionnaire, assessment, _ = example
    low = dataclasses.replace(
        assessment, respondents=(RespondentAnswers("r1", None, {c: 0 for c in questionnaire.codes}),), consensus={}
    )
    assert verdict(framework, score(framework, questionnaire, low), "en").sentence == (
        "No level reached yet. First: core service proposition."
    )
    top = dataclasses.replace(
        assessment, respondents=(RespondentAnswers("r1", None, {c: 4 for c in questionnaire.codes}),), consensus={}
    )
    # L4 (E2-03) is answered now, so every level is met.
    assert verdict(framework, score(framework, questionnaire, top), "ja").sentence == (
        "ピラミッドの全4レベルに到達しています。"
    )


def test_highlights_actions_and_numbers(example) -> None:
    framework, questionnaire, assessment, result = example
    ctx = build_context(framework, questionnaire, result, META, lang="en", answers=assessment)
    # Both elements are below target: no strength, only relative strengths, smallest printed gap first.
    assert ctx.strengths_kind == "relative"
    assert [(row.id, row.gap) for row in ctx.strengths] == [("E1", 8.0), ("E2", 9.0)]  # 75 − 67, 90 − 81
    assert [row.id for row in ctx.gaps] == ["E2", "E1"]  # gaps 9 and 8 points as printed
    assert ctx.gaps[0].name == "E2 Element 2"
    assert [a.id for a in ctx.top_actions] == ["R-E1-01", "R-E1-05", "R-E2-03"]
    assert ctx.actions[2].needs == (2,)  # R-E2-03 waits for R-E1-05, ranked 2nd
    assert ctx.actions[0].kpis[0].formula == "4-5 / all"
    assert ctx.kpis[0].name == "Customer satisfaction (CSAT)"
    assert [bucket for bucket, _ in ctx.roadmap] == ["quick_win", "within_year", "beyond_year"]
    assert ctx.overall.score == pytest.approx(72.5) and numbers.pct(ctx.overall.score) == "72 %"
    assert ctx.assessed_on == "1 November 2026" and ctx.report_date == "22 November 2026"
    assert ctx.previous is None and [s.key for s in ctx.radar.series] == ["current", "target"]
    assert [p.status for p in ctx.pyramid] == ["reached", "below", "not_yet_counted", "no_evidence"]
    assert ctx.verdict.achieved_rank == 1


def test_japanese_context_uses_japanese_data(example) -> None:
    framework, questionnaire, assessment, result = example
    ctx = build_context(framework, questionnaire, result, META, lang="ja", answers=assessment)
    assert ctx.assessed_on == "2026年11月1日" and ctx.report_date == "2026年11月22日"
    assert ctx.overall.band == "定着"
    assert ctx.pyramid[0].name == "コアとなるサービスの提案"
    assert ctx.kpis[0].name == "顧客満足度（CSAT）"


def test_comparison_with_previous_assessment(example) -> None:
    framework, questionnaire, assessment, result = example
    earlier_input = dataclasses.replace(
        assessment,
        respondents=(RespondentAnswers("p1", None, {c: 2 for c in questionnaire.codes}),),
        consensus={},
        assessed_on="2025-11-01",
    )
    earlier = score(framework, questionnaire, earlier_input)
    ctx = build_context(framework, questionnaire, result, META, lang="en", previous=earlier)
    assert ctx.previous is not None and ctx.previous.assessed_on == "1 November 2025"
    assert ctx.previous.same_questionnaire and ctx.previous.pyramid_rank == 0
    e1 = next(row for d in ctx.dimensions for row in d.elements if row.id == "E1")
    assert e1.previous == pytest.approx(50.0) and e1.delta == pytest.approx(16.6667, abs=1e-3)
    assert numbers.signed(e1.delta) == "▲ +17"
    assert [s.key for s in ctx.radar.series] == ["current", "target", "previous"]


def test_voices_come_without_names_and_are_shortened(example) -> None:
    framework, questionnaire, assessment, _ = example
    long_text = "word " * 80
    first = assessment.respondents[0]
    commented = dataclasses.replace(
        first, item_comments={"E1-02": "<script>alert(1)</script>", "E1-01": long_text}, comment="General remark"
    )
    answers = dataclasses.replace(assessment, respondents=(commented, *assessment.respondents[1:]))
    result = score(framework, questionnaire, answers, min_group_size=1)  # every segment may be named
    ctx = build_context(framework, questionnaire, result, META, lang="en", answers=answers)
    notes = {(n.code, n.kind): n for d in ctx.dimensions for n in d.notes}
    assert notes[("E1-02", "consensus")].text.startswith("Complaints are logged everywhere")
    assert notes[("E1-02", "comment")].text == "<script>alert(1)</script>"  # escaping is the template's job
    assert notes[("E1-02", "comment")].segment == "leadership"
    assert len(notes[("E1-01", "comment")].text) <= 220 and notes[("E1-01", "comment")].text.endswith("…")
    assert (
        notes[("E2-02", "not_applicable")].text == "no CRM"
        and notes[("E2-02", "not_applicable")].segment == "leadership"
    )
    assert [n.text for n in ctx.general_comments] == ["General remark"]
    assert [(s.segment, s.respondents) for s in ctx.segments] == [("front-line", 2), ("leadership", 1)]
    # With the default minimum group size (3) the groups of 2 and 1 are neither shown nor named.
    guarded = build_context(
        framework, questionnaire, score(framework, questionnaire, answers), META, lang="en", answers=answers
    )
    assert guarded.segments == () and guarded.min_group_size == 3
    assert all(n.segment is None for d in guarded.dimensions for n in d.notes)
    assert all(n.segment is None for n in guarded.general_comments)


def test_appendix_shows_one_decimal(example) -> None:
    framework, questionnaire, assessment, result = example
    ctx = build_context(framework, questionnaire, result, META, lang="en", answers=assessment)
    e1 = next(c for c in ctx.computations if c.kind == "element" and c.id == "E1")
    assert e1.calculation == "(1 × 100.0 + 2 × 50.0) / (1 + 2) = 66.7"
    assert e1.coverage == "3 / 3 = 100.0 %"
    e2 = next(c for c in ctx.computations if c.kind == "element" and c.id == "E2")
    assert e2.left_out == ("E2-03",)
    items = {i.code: i.calculation for i in ctx.item_computations}
    # Two ratings are fewer than the minimum group size (3): the median, not the ratings.
    assert items["E2-02"] == "median = 3.5; N/A × 1 → 87.5 %"
    assert items["E1-02"] == "consensus = 2 (median(1, 4, 4) = 4.0) → 50.0 %"
    assert items["E2-03"] == "—"
    ja = build_context(framework, questionnaire, result, META, lang="ja", answers=assessment)
    assert {i.code: i.calculation for i in ja.item_computations}["E1-02"] == "合意 = 2 (中央値(1, 4, 4) = 4.0) → 50.0 %"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(62.5, "62 %"), (62.51, "63 %"), (0.4, "0 %"), (None, "—"), (99.5, "99 %"), (99.51, "100 %")],
)
def test_percentages_are_whole_numbers_ties_down(value: float | None, expected: str) -> None:
    assert numbers.pct(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(4.5, "▲ +4"), (4.6, "▲ +5"), (-4.5, "▼ −4"), (0.2, "± 0"), (None, "—")]
)
def test_changes_carry_sign_and_arrow(value: float | None, expected: str) -> None:
    assert numbers.signed(value) == expected


def test_dates_in_both_languages() -> None:
    assert numbers.day(date(2026, 11, 22), "ja") == "2026年11月22日"
    assert numbers.day(date(2026, 11, 22), "en") == "22 November 2026"


def test_logos_must_be_images() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    assert logo_data_uri(png).startswith("data:image/png;base64,")
    assert logo_data_uri(b"\xef\xbb\xbf<?xml version='1.0'?><svg/>").startswith("data:image/svg+xml;base64,")
    assert logo_data_uri(b"\xff\xd8\xff\xe0rest").startswith("data:image/jpeg;base64,")
    with pytest.raises(ValueError, match="PNG, JPEG or SVG"):
        logo_data_uri(b"<html><img src='file:///etc/passwd'></html>")


def test_context_is_frozen(example) -> None:
    framework, questionnaire, _, result = example
    ctx = build_context(framework, questionnaire, result, META, lang="en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.organisation = "x"  # type: ignore[misc]
    assert isinstance(PyramidLevel, type)


def test_every_verdict_fits_two_lines_and_names_no_finding_without_evidence() -> None:
    """All verdicts the real standards can produce stay within the measured two-line budget."""
    framework = load_framework(REAL_STANDARDS)
    result = example_result(framework)
    for lang in ("en", "ja"):
        verdicts = list(every_verdict(framework, result, lang))
        assert len({v.sentence for v in verdicts}) >= 9
        for v in verdicts:
            assert len(v.sentence) <= VERDICT_CHARS[lang], v.sentence
            assert "—" not in v.sentence and "下のレベルが固まるまで" not in v.sentence
        thin = verdicts[-1]
        assert not thin.enough_evidence and thin.note is None
    assert verdicts[-1].sentence == "判定に必要な根拠がまだありません。回答は設問の6%で、50%以上が必要です。"
