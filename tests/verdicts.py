"""Every verdict the report can print, for the length and line tests (real standards, synthetic pyramid results)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

from assessor.domain import Framework
from assessor.files import parse_assessment
from assessor.reports.wording import Verdict, verdict
from assessor.scoring import PyramidVerdict, ScoringResult, score_answers
from tests.helpers import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "quick-assessment.json"


def example_result(framework: Framework) -> ScoringResult:
    answers = parse_assessment(framework, json.loads(EXAMPLE.read_text(encoding="utf-8")))
    return score_answers(framework, answers).result


def every_verdict(framework: Framework, result: ScoringResult, lang: str) -> Iterator[Verdict]:
    """Blocked at each level (shown or lacking evidence), everything reached, and not enough evidence."""
    levels = sorted(result.pyramid.levels, key=lambda lv: lv.rank)
    for blocked in [*levels, None]:
        for status in ("scored", "insufficient_evidence"):
            rows = []
            for level in levels:
                below = blocked is None or level.rank < blocked.rank
                rows.append(
                    dataclasses.replace(
                        level,
                        meets_threshold=below or level.rank > (blocked.rank if blocked else 0),
                        counted=below,
                        status=status if blocked is not None and level.rank == blocked.rank else "scored",
                    )
                )
            reached = [r for r in rows if r.counted]
            pyramid = PyramidVerdict(
                achieved_level_id=reached[-1].level_id if reached else None,
                achieved_rank=len(reached),
                blocking_level_id=None if blocked is None else blocked.level_id,
                not_yet_counted=tuple(r.level_id for r in rows if r.meets_threshold and not r.counted),
                levels=tuple(rows),
            )
            yield verdict(framework, dataclasses.replace(result, pyramid=pyramid), lang)
    thin = tuple(dataclasses.replace(r, coverage=6.0) if r.kind == "overall" else r for r in result.rollups)
    yield verdict(framework, dataclasses.replace(result, rollups=thin), lang)
