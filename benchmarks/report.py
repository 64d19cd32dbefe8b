"""Benchmark of the PDF report: the whole pipeline against WeasyPrint's own time for the same HTML.

Run from the project root: ``.venv/bin/python benchmarks/report.py [--runs N]``.

The report is the full one: the ``full`` questionnaire (72 items), 30 respondents
in three segments with comments and N/A answers, a consensus on a few items and a
previous-year assessment as overlay.  For English and Japanese it prints the median
of ``--runs`` warm runs of

* **pipeline**: scoring, comparison, recommendations, context, Jinja and PDF
  (:func:`assessor.reports.service.context_for_document` + :func:`render_report_pdf`);
* **weasyprint**: ``HTML(string=final_html).write_pdf()`` with the same options
  (PDF/UA-1, the same font configuration), i.e. the floor the pipeline cannot beat.

Targets: pipeline <= 1.2 x weasyprint, and under 1.5 s warm.  "Warm" means what a worker
does once at start: templates compiled, fonts loaded, and :func:`assessor.reports.pdf.warm_up`
called (it freezes the long-lived objects out of the cyclic garbage collector).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessor import create_app  # noqa: E402
from assessor.domain import Framework  # noqa: E402

SEGMENTS = ("leadership", "front-line", "back-office")
COMMENTS = (
    "Works well at the main site, less so in the branches.",
    "We say this, but under pressure it is the first thing we drop.",
    "Only the night shift does it consistently.",
    "We have a policy, nobody reads it.",
    "Customers tell us this is why they come back.",
)


def make_document(framework: Framework, year: int, uplift: float, seed: int, people: int = 30) -> dict[str, Any]:
    """A full assessment file: ``people`` respondents (30), comments, N/A answers, a few consensus levels."""
    questionnaire = framework.questionnaire("full")
    rng = random.Random(seed)
    profile = {"L1": 2.9, "L2": 2.5, "L3": 1.8, "L4": 1.2}
    truth = {i.code: rng.gauss(profile[i.pyramid_level_id] + uplift, 0.6) for i in questionnaire.items}
    respondents = []
    for n in range(people):
        segment = SEGMENTS[n % 3]
        bias = 0.4 if segment == "leadership" else -0.2
        answers: dict[str, Any] = {}
        for item in questionnaire.items:
            if item.allow_na and rng.random() < 0.05:
                answers[item.code] = {"na": True, "reason": "Not offered at our sites"}
                continue
            level = min(4, max(0, round(truth[item.code] + bias + rng.gauss(0, 0.7))))
            if rng.random() < 0.03:
                answers[item.code] = {"level": level, "comment": rng.choice(COMMENTS)}
            else:
                answers[item.code] = level
        respondents.append({"id": f"r{n:02d}", "segment": segment, "answers": answers})
    consensus = {
        code: {"level": 2, "rationale": "Agreed in the workshop after seeing the complaint log."}
        for code in ("E2-03", "E6-01", "E8-02")
    }
    return {
        "format_version": 1,
        "organisation": "Harbourview Hotels",
        "assessed_on": f"{year}-11-20",
        "questionnaire": {"id": "full", "version": questionnaire.version},
        "respondents": respondents,
        "consensus": consensus,
        "targets": {"A": 75, "B": 75, "C": 70, "D": 80},
    }


def _times(first: Any, second: Any, runs: int) -> tuple[list[float], list[float]]:
    """Times of two functions, run alternately so that both see the same machine noise."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for function, bucket in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            function()
            bucket.append(time.perf_counter() - start)
    return times


def main() -> None:
    """Print the median pipeline and WeasyPrint times per language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from weasyprint import HTML

    from assessor.reports.pdf import PDF_OPTIONS, ReportURLFetcher, font_config, warm_up
    from assessor.reports.service import context_for_document, render_report_html, render_report_pdf

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "benchmark"})
    with app.app_context():
        framework: Framework = app.extensions["assessor.framework"]
        current = make_document(framework, 2026, 0.4, 1)
        previous = make_document(framework, 2025, 0.0, 2)
        warm_up()  # what a worker does once at start (see assessor.reports.pdf.warm_up)

        def pipeline(lang: str) -> bytes:
            return render_report_pdf(context_for_document(current, lang, previous))

        print(f"full questionnaire, 30 respondents, previous-year overlay; median of {args.runs} warm runs")
        for lang in ("en", "ja"):
            pdf = pipeline(lang)  # warm-up: templates compiled, fonts loaded
            html = render_report_html(context_for_document(current, lang, previous))

            def weasyprint_only(html: str = html) -> bytes:
                document = HTML(string=html, base_url=str(ROOT), url_fetcher=ReportURLFetcher())
                result: bytes = document.write_pdf(font_config=font_config(), **PDF_OPTIONS)
                return result

            weasyprint_only()
            mine, theirs = _times(lambda lang=lang: pipeline(lang), weasyprint_only, args.runs)
            ours, floor = statistics.median(mine), statistics.median(theirs)
            print(
                f"  {lang}: pipeline {ours:.3f} s (min {min(mine):.3f})   weasyprint {floor:.3f} s "
                f"(min {min(theirs):.3f})   ratio {ours / floor:.2f}   ({len(pdf) // 1024} KiB)"
            )


if __name__ == "__main__":
    main()
