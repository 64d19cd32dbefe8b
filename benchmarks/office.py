"""Benchmark of the spreadsheet exports beside the PDF: size and time of the workbook, the CSV and the report.

Run from the project root: ``.venv/bin/python benchmarks/office.py [--runs N]``.

Two assessments: the English demo workshop (``assessor demo seed``, the latest of its
organisation, from an in-memory database) and a full-questionnaire file of 1,000
respondents (:func:`benchmarks.report.make_document`).  For each it prints the median of
``--runs`` warm runs of building the report context (scoring included), then writing the
workbook (:func:`assessor.office.xlsx.workbook`), the CSV of items and the PDF with its
attached assessment file, with the files' sizes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessor import create_app  # noqa: E402
from benchmarks.report import make_document  # noqa: E402


def _median(function: Callable[[], object], runs: int) -> float:
    function()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print context, xlsx, csv and PDF times and sizes for the demo and for 1,000 respondents."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import sqlalchemy as sa

    from assessor.demo import DEMO_NAME, seed_demo
    from assessor.extensions import db
    from assessor.files import document_bytes
    from assessor.models import Assessment, Organisation
    from assessor.office.itemcsv import items_csv
    from assessor.office.xlsx import workbook
    from assessor.reports.pdf import warm_up
    from assessor.reports.service import (
        attached_file,
        context_for_assessment,
        context_for_document,
        render_report_pdf,
    )

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "benchmark"})
    with app.app_context():
        db.create_all()
        framework = app.extensions["assessor.framework"]
        seed_demo(framework)
        db.session.commit()
        warm_up()
        org = db.session.scalar(sa.select(Organisation).where(Organisation.name == DEMO_NAME))
        demo = db.session.scalars(
            sa.select(Assessment).where(Assessment.organisation_id == org.id).order_by(Assessment.assessed_on.desc())
        ).first()
        big = make_document(framework, 2026, 0.4, 1, people=1000)
        cases = [
            (
                f"demo ({demo.respondents and len(demo.respondents)} respondents)",
                lambda: context_for_assessment(demo, "en"),
                lambda ctx: attached_file(demo, ctx, full=True),
            ),
            ("full questionnaire, 1,000 respondents", lambda: context_for_document(big, "en"), lambda ctx: big),
        ]
        print(f"median of {args.runs} warm runs")
        for label, build, carried in cases:
            ctx = build()
            attachment = carried(ctx)
            outputs = {
                "context": (build, None),
                "xlsx": (lambda ctx=ctx: workbook(ctx, viewer=False), workbook(ctx, viewer=False)),
                "csv": (lambda ctx=ctx: items_csv(ctx), items_csv(ctx)),
                "pdf": (
                    lambda ctx=ctx, a=attachment: render_report_pdf(ctx, attachment=a),
                    render_report_pdf(ctx, attachment=attachment),
                ),
            }
            parts = []
            for name, (function, data) in outputs.items():
                seconds = _median(function, args.runs)
                size = "" if data is None else f", {len(data) / 1024:.0f} KiB"
                parts.append(f"{name} {seconds * 1000:.0f} ms{size}")
            parts.append(f"attached file {len(document_bytes(attachment)) / 1024:.0f} KiB")
            print(f"  {label}: " + "; ".join(parts))


if __name__ == "__main__":
    main()
