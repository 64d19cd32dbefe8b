"""Benchmark of the scoring core: median time of ``score`` for 10, 100 and 1,000 respondents.

Run from the project root: ``.venv/bin/python benchmarks/scoring.py``.  It uses
the real ``full`` questionnaire (72 items) when :mod:`assessor.standards` can
load ``standards/``, and otherwise a synthetic 72-item questionnaire built from
the domain classes.  Target: 1,000 respondents in under 100 ms, growing roughly
linearly.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessor.domain import (  # noqa: E402
    Dimension,
    Element,
    Entry,
    Framework,
    Item,
    PyramidLevel,
    Questionnaire,
    Scale,
    ScaleLevel,
    Text,
)
from assessor.files import score_file_document  # noqa: E402
from assessor.scoring import (  # noqa: E402
    AssessmentInput,
    Consensus,
    RespondentAnswers,
    score,
)

SIZES = (10, 100, 1_000)
RUNS = 7
SEGMENTS = ("leadership", "front-line", "back-office", None)


def _t(text: str) -> Text:
    return Text(text, text)


def synthetic_framework() -> tuple[Framework, Questionnaire]:
    """Build a 72-item questionnaire (9 elements x 8 items) on a full-size framework."""
    dimensions = {"A": ("E1", "E2"), "B": ("E3", "E4"), "C": ("E5", "E6", "E7"), "D": ("E8", "E9")}
    items = []
    for e in range(1, 10):
        for n in range(1, 9):
            k = e * 8 + n
            items.append(
                Item(
                    code=f"E{e}-{n:02d}",
                    element_id=f"E{e}",
                    pyramid_level_id=f"L{k % 4 + 1}",
                    principle_ids=(f"P{k % 7 + 1}", f"P{(k + 3) % 7 + 1}"),
                    design_principle_ids=(f"DP{k % 4 + 1}",) if k % 2 else (),
                    design_activity_ids=(f"DA{k % 8 + 1}",) if k % 3 else (),
                    weight=float(1 + k % 3),
                    allow_na=k % 5 == 0,
                    question=_t("q"),
                    guidance=_t("g"),
                    level_descriptions=tuple(_t(str(v)) for v in range(5)),
                )
            )
    questionnaire = Questionnaire("full", "synthetic", _t("full"), _t(""), 60, tuple(items))
    framework = Framework(
        versions=MappingProxyType({}),
        principles=tuple(Entry(f"P{i}", _t(f"P{i}"), _t("")) for i in range(1, 8)),
        dimensions=tuple(Dimension(d, _t(d), _t(""), els) for d, els in dimensions.items()),
        elements=tuple(Element(e, _t(e), _t(""), d) for d, els in dimensions.items() for e in els),
        design_principles=tuple(Entry(f"DP{i}", _t(f"DP{i}"), _t("")) for i in range(1, 5)),
        design_activities=tuple(Entry(f"DA{i}", _t(f"DA{i}"), _t("")) for i in range(1, 9)),
        pyramid_levels=tuple(PyramidLevel(f"L{r}", _t(f"L{r}"), _t(""), r) for r in range(1, 5)),
        scale=Scale("s", "1", tuple(ScaleLevel(v, _t(str(v)), _t("")) for v in range(5))),
        questionnaires=MappingProxyType({"full": questionnaire}),
    )
    return framework, questionnaire


def load() -> tuple[Framework, Questionnaire, str]:
    """Return the real framework and its ``full`` questionnaire, or the synthetic one."""
    try:
        from assessor.standards import load_framework

        framework = load_framework(ROOT / "standards")
        return framework, framework.questionnaire("full"), "standards/ (full)"
    except Exception as error:  # noqa: BLE001 - any failure means: use the fallback
        print(f"load_framework unavailable ({error!r}); using a synthetic questionnaire")
        framework, questionnaire = synthetic_framework()
        return framework, questionnaire, "synthetic"


def make_input(framework: Framework, questionnaire: Questionnaire, respondents: int) -> AssessmentInput:
    """Return ``respondents`` random respondents; about 5 % N/A where allowed, 2 % skipped."""
    rng = random.Random(respondents)
    people = []
    for r in range(respondents):
        levels: dict[str, int] = {}
        not_applicable: dict[str, str] = {}
        centre = rng.randint(1, 3)
        for item in questionnaire.items:
            roll = rng.random()
            if item.allow_na and roll < 0.05:
                not_applicable[item.code] = "does not apply here"
            elif roll > 0.98:
                continue
            else:
                levels[item.code] = max(0, min(4, centre + rng.randint(-1, 1)))
        people.append(RespondentAnswers(f"r{r}", SEGMENTS[r % len(SEGMENTS)], levels, not_applicable))
    return AssessmentInput(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        respondents=tuple(people),
        consensus={questionnaire.items[0].code: Consensus(3, "workshop")},
        targets={d.id: 75.0 for d in framework.dimensions},
    )


def to_document(assessment: AssessmentInput) -> dict[str, Any]:
    """Return the assessment as an assessment-file document."""
    return {
        "questionnaire": {"id": assessment.questionnaire_id, "version": assessment.questionnaire_version},
        "respondents": [
            {
                "id": r.respondent_id,
                "segment": r.segment,
                "answers": {**r.levels, **{c: {"na": True, "reason": why} for c, why in r.not_applicable.items()}},
            }
            for r in assessment.respondents
        ],
        "consensus": {c: {"level": x.level, "rationale": x.rationale} for c, x in assessment.consensus.items()},
        "targets": dict(assessment.targets),
    }


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    """Return the median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the timings."""
    framework, questionnaire, source = load()
    print(f"questionnaire: {questionnaire.id} v{questionnaire.version}, {len(questionnaire.items)} items ({source})")
    print(f"median of {RUNS} runs; {len(SEGMENTS)} segments")
    print(f"{'respondents':>12} {'score()':>10} {'per resp.':>10} {'file (validate+score+dict)':>28}")
    baseline = None
    for size in SIZES:
        assessment = make_input(framework, questionnaire, size)
        document = json.loads(json.dumps(to_document(assessment)))
        elapsed = median_ms(lambda a=assessment: score(framework, questionnaire, a))
        whole = median_ms(lambda d=document: score_file_document(framework, d), runs=3)
        baseline = baseline or elapsed / size
        print(f"{size:>12,} {elapsed:>8.1f}ms {elapsed / size * 1000:>8.1f}µs {whole:>26.1f}ms")
    print("target: 1,000 respondents < 100 ms (score())")


if __name__ == "__main__":
    main()
