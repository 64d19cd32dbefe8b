"""The demo's KPIs in the PDF, read back: one line in the brief (still one page), a KPI page with
both findings, the chart and every value, in English and Japanese; no overlapping words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from assessor.demo import DEMO_KPIS, DEMO_NAME, DEMO_NAME_JA
from assessor.extensions import db
from assessor.models import Organisation
from assessor.reports.service import context_for_assessment, render_report_pdf
from tests.pdf_layout import flat, overlapping_words, read_pages

pytestmark = pytest.mark.slow

EXPECTED = {
    "en": {
        "heading": "KPIs: what customers and operations show",
        "brief": "Watermelon effect: operations green, customers not:",
        "sentence": "FCR 78 % (target 75 %), MTTR 3.6 h (target 4 h) and SLA 97 % (target 95 %) on target,",
        "optimism": "Self-rating above what customers report",
        "first_dimension": "Leadership",
    },
    "ja": {
        "heading": "KPI：顧客の評価と運用の実績",
        "brief": "スイカ現象：運用は緑、顧客の評価は赤：",
        "sentence": "FCR 78%（目標75%）、MTTR 3.6時間（目標4時間）、SLA 97%（目標95%）は目標を達成していますが、",
        "optimism": "顧客の評価を上回る自己評価",
        "first_dimension": "リーダーシップ",
    },
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_demo_report_shows_its_watermelon(real_app: Flask, tmp_path: Path, lang: str) -> None:
    runner = real_app.test_cli_runner()
    assert runner.invoke(args=["demo", "seed", "--login-file", str(tmp_path / "login.txt")]).exit_code == 0
    with real_app.test_request_context():
        org = db.session.query(Organisation).filter_by(name=DEMO_NAME if lang == "en" else DEMO_NAME_JA).one()
        current = max(org.assessments, key=lambda a: a.assessed_on)
        ctx = context_for_assessment(current, lang, report_date=date(2026, 12, 2))
        pdf = tmp_path / f"demo-{lang}.pdf"
        pdf.write_bytes(render_report_pdf(ctx))
    expected = {key: flat(text) for key, text in EXPECTED[lang].items()}  # read back without spaces
    pages = read_pages(pdf)
    texts = [flat(p.text(p.body)) for p in pages]
    assert expected["brief"] in texts[1]  # the brief's KPI line
    assert expected["first_dimension"] in texts[2][:80]  # the brief stayed one page: page 3 is a dimension
    (kpi_page,) = [n for n, text in enumerate(texts) if text.startswith(expected["heading"])]
    page = texts[kpi_page]
    assert expected["sentence"] in page and expected["optimism"] in page
    for kpi_id, *_rest in DEMO_KPIS:
        assert kpi_id in page
    assert overlapping_words(pages[kpi_page]) == [] and overlapping_words(pages[1]) == []
