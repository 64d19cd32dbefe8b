"""The reference page explains how scores are made: its thresholds are the scoring rules' constants, and every
number of its worked example is the scoring core's result for the example's answers (computed here through the
core); the page and the printable questionnaire pass the Nu HTML checker in both languages."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
from flask import Flask

from assessor import numbers
from assessor.domain import BANDS, band_by_id
from assessor.reports.primer import example_input
from assessor.scoring import (
    COVERAGE_THRESHOLD,
    EVIDENCE_THRESHOLD,
    LOW_AGREEMENT_THRESHOLD,
    MIN_GROUP_SIZE,
    PYRAMID_THRESHOLD_BAND,
    ScoringResult,
    score,
)
from assessor.standards import get_framework
from tests.factories import add_user
from tests.helpers import login
from tests.nu import nu_errors

STATUS = {
    "en": {"reached": "reached", "not_yet": "not yet counted", "none": "no evidence", "below": "below threshold"},
    "ja": {"reached": "到達", "not_yet": "判定保留（下位レベルが未達）", "none": "根拠なし", "below": "基準未満"},
}


def _reference(app: Flask, lang: str) -> str:
    client = app.test_client()
    client.get(f"/language/{lang}")
    response = client.get("/reference")  # public: it holds no client data
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _cells(page: str, attribute: str, key: str) -> dict[str, str]:
    """The cells of the row ``<tr attribute="key">``: class -> its text (tags removed, whitespace collapsed)."""
    row = re.search(rf'<tr {attribute}="{re.escape(key)}">(.*?)</tr>', page, re.S)
    assert row, (attribute, key)
    return {
        cls: " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).split())
        for cls, text in re.findall(r'<td class="(?:num )?([a-z]+)">(.*?)</td>', row.group(1), re.S)
    }


def _core(app: Flask) -> ScoringResult:
    """The worked example's answers, scored here through the scoring core."""
    with app.app_context():
        framework = get_framework()
        questionnaire, answers = example_input(framework)
        return score(framework, questionnaire, answers)


def test_the_example_shows_every_rule_once(real_app: Flask) -> None:
    result = _core(real_app)
    sources = {item.source for item in result.items}
    assert {"median", "consensus", None} <= sources  # a median, a consensus, an item nobody answered
    assert any(item.not_applicable and item.value is not None and item.value % 1 for item in result.items)
    assert {item.weight for item in result.items} >= {1.0, 2.0}
    assert result.pyramid.blocking_level_id is not None and result.pyramid.not_yet_counted
    assert result.pyramid.achieved_rank >= 1 and result.enough_evidence and result.low_agreement


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_worked_example_numbers_are_the_scoring_cores(real_app: Flask, lang: str) -> None:
    page = _reference(real_app, lang)
    result = _core(real_app)
    num = numbers.in_language(lang)
    for item in result.items:
        cells = _cells(page, "data-code", item.code)
        assert cells["value"] == ("–" if item.value is None else num.fmt(item.value)), item.code
        assert cells["score"] == ("–" if item.percent is None else num.fmt(item.percent) + num.percent_sign())
    for kind in ("element", "dimension"):
        for rollup in (r for r in result.rollups if r.kind == kind and r.score is not None):
            cells = _cells(page, "data-rollup", f"{kind}:{rollup.id}")
            assert cells["score"] == num.fmt(rollup.score)
            assert cells["printed"] == num.pct(rollup.score)
            assert cells["band"] == rollup.band.name.get(lang)  # type: ignore[union-attr]
            assert cells["calc"] == rollup.explanation.calculation
            coverage = num.coverage_sum(
                rollup.answered_weight, rollup.total_weight, rollup.coverage, num.fmt, formula=True
            )
            assert cells["coverage"] == coverage
            assert cells["coverage"].replace("%", " %").replace("  ", " ") == rollup.explanation.coverage_calculation
    words = STATUS[lang]
    for level in result.pyramid.levels:
        cells = _cells(page, "data-level", level.level_id)
        assert cells["printed"] == num.pct(level.score)
        expected = (
            words["reached"]
            if level.counted
            else words["not_yet"]
            if level.meets_threshold
            else words["none"]
            if level.status == "no_evidence"
            else words["below"]
        )
        assert cells["status"] == expected, level.level_id
    verdict = re.search(r'<p id="example-verdict">(.*?)</p>', page, re.S).group(1)  # type: ignore[union-attr]
    reached = (
        f"{result.pyramid.achieved_rank} of 4" if lang == "en" else f"到達したレベル：{result.pyramid.achieved_rank}"
    )
    assert reached in verdict
    for code in result.low_agreement:
        r_wg = num.agreement(result.item(code).agreement.r_wg)
        assert f"{code} (r_wg {r_wg})" in page


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_bands_and_thresholds_shown_are_the_constants(real_app: Flask, lang: str) -> None:
    page = _reference(real_app, lang)
    num = numbers.in_language(lang)
    for band in BANDS:
        row = re.search(rf'<tr id="band-{band.id}"><th scope="row">([^<]+)</th>\s*<td class="range">([^<]+)</td>', page)
        assert row, band.id
        assert row.group(1) == band.name.get(lang)
        assert num.fmt(band.upper) + num.percent_sign() in row.group(2)
        assert num.fmt(band.lower) in row.group(2)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", page))
    threshold_band = band_by_id(PYRAMID_THRESHOLD_BAND)
    assert threshold_band.name.get(lang) in text
    assert num.fmt(threshold_band.lower) + num.percent_sign() in text
    assert num.pct(COVERAGE_THRESHOLD) in text and num.pct(EVIDENCE_THRESHOLD) in text
    assert num.agreement(LOW_AGREEMENT_THRESHOLD) in text
    assert (f"at least {MIN_GROUP_SIZE} people" if lang == "en" else f"{MIN_GROUP_SIZE}名以上") in text


def test_the_minimum_group_size_shown_is_the_deployments(real_app: Flask) -> None:
    real_app.config["MIN_GROUP_SIZE"] = 7
    assert "groups of at least 7 people" in _reference(real_app, "en")


def test_without_the_example_items_the_page_still_explains_the_rules(site: Flask) -> None:
    page = _reference(site, "en")  # the tests' small item bank lacks the example's items
    assert 'id="scoring"' in page and 'id="scoring-pyramid"' in page
    assert 'id="worked-example"' not in page


def test_reference_and_printable_pages_pass_the_nu_checker(real_app: Flask, tmp_path: Path) -> None:
    add_user(real_app, "consultant@example.com")
    client = real_app.test_client()
    login(client, "consultant@example.com")
    pages = {}
    for lang in ("en", "ja"):
        pages[f"reference-{lang}"] = _reference(real_app, lang)
        for qid in ("quick", "full"):
            response = client.get(f"/questionnaires/{qid}/print?lang={lang}")
            assert response.status_code == 200
            pages[f"printable-{qid}-{lang}"] = response.get_data(as_text=True)
    errors = nu_errors(pages, tmp_path)
    assert not errors, "\n".join(errors[:20])
