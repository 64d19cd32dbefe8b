"""docs/methodology.md and the code agree on the worked example (both languages)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assessor.files import parse_assessment
from assessor.scoring import ScoringResult, score

DOC = Path(__file__).resolve().parents[3] / "docs" / "methodology.md"
DASH = "–"


def _tables(marker: str) -> list[list[list[str]]]:
    """Return the rows (without header) of every table that follows the marker."""
    tables = []
    for chunk in DOC.read_text("utf-8").split(f"<!-- example:{marker} -->")[1:]:
        rows = []
        for line in chunk.strip().splitlines():
            if not line.startswith("|"):
                break
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        tables.append(rows[2:])
    return tables


def _number(cell: str) -> float | None:
    return None if cell == DASH else float(cell)


def _close(documented: str, computed: float | None) -> bool:
    value = _number(documented)
    if value is None or computed is None:
        return value is computed
    return abs(value - computed) <= 0.006  # the doc shows two decimals, half up


@pytest.fixture(scope="module")
def result(example) -> ScoringResult:
    return score(*example)


def test_both_languages_hold_every_example_table() -> None:
    assert len(_tables("items")) == 2
    assert len(_tables("rollups")) == 2
    assert DOC.read_text("utf-8").count("<!-- example:file -->") == 2


@pytest.mark.parametrize("language", [0, 1], ids=["en", "ja"])
def test_documented_item_values(result: ScoringResult, language: int) -> None:
    rows = _tables("items")[language]
    assert [row[0] for row in rows] == [item.code for item in result.items]
    for row in rows:
        item = result.item(row[0])
        agreement = item.agreement
        computed = [
            item.value,
            item.percent,
            agreement.respondents,
            agreement.sd,
            agreement.iqr,
            agreement.r_wg,
        ]
        for cell, value in zip(row[6:12], computed, strict=True):
            assert _close(cell, value), (row[0], cell, value)


@pytest.mark.parametrize("language", [0, 1], ids=["en", "ja"])
def test_documented_rollups(result: ScoringResult, language: int) -> None:
    rows = _tables("rollups")[language]
    by_id = {r.id: r for r in result.rollups if r.total_weight > 0}
    assert sorted(row[1] for row in rows) == sorted(by_id)
    for row in rows:
        rollup = by_id[row[1]]
        band = DASH if rollup.band is None else rollup.band.name.get(("en", "ja")[language])
        assert row[4] == band, row[1]
        assert _close(row[3], rollup.score), (row[1], row[3])
        assert _close(row[5], rollup.coverage), (row[1], row[5])
        agreement = rollup.agreement
        spread = [agreement.respondents, agreement.sd, agreement.iqr, agreement.r_wg]
        for cell, value in zip(row[7:11], spread, strict=True):
            assert _close(cell, value), (row[1], cell, value)


def test_documented_file_is_the_example(example) -> None:
    framework, _, expected = example
    blocks = re.findall(r"<!-- example:file -->\s*```json\n(.*?)```", DOC.read_text("utf-8"), re.S)
    assert len(blocks) == 2
    assert blocks[0] == blocks[1]
    parsed = parse_assessment(framework, json.loads(blocks[0]))
    assert [(r.respondent_id, r.segment, r.levels, r.not_applicable) for r in parsed.respondents] == [
        (r.respondent_id, r.segment, r.levels, r.not_applicable) for r in expected.respondents
    ]
    assert parsed.consensus == expected.consensus
    assert parsed.targets == expected.targets
