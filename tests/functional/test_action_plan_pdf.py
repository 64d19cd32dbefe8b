"""The PDF's action-plan page, read back from the demo report in English and Japanese."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from assessor.demo import DEMO_ACTIONS, DEMO_NAME, DEMO_NAME_JA
from assessor.extensions import db
from assessor.models import Action, Organisation
from assessor.reports.service import context_for_assessment, render_report_pdf
from tests.pdf_layout import flat, overlapping_words, read_pages

pytestmark = pytest.mark.slow

EXPECTED = {
    "en": (
        "Action plan",
        "Actions since the last assessment",
        ["Done", "Under way", "✘ Overdue", "Dropped (won't do)"],
    ),
    "ja": ("施策計画", "前回の評価以降の施策", ["完了", "実施中", "✘ 期限超過", "取りやめ"]),
}


def _pdf_pages(real_app: Flask, tmp_path: Path, lang: str, newest: bool = True) -> tuple[list, int]:
    with real_app.test_request_context():
        org = db.session.query(Organisation).filter_by(name=DEMO_NAME if lang == "en" else DEMO_NAME_JA).one()
        ordered = sorted(org.assessments, key=lambda a: a.assessed_on)
        # not newest: the assessment the demo's actions were agreed from (last year's)
        sources = {a.assessment_id for a in db.session.query(Action).filter_by(organisation_id=org.id)}
        chosen = ordered[-1] if newest else next(a for a in ordered if a.id in sources)
        ctx = context_for_assessment(chosen, lang, report_date=date(2026, 12, 2))
        pdf = tmp_path / f"demo-{lang}-{chosen.id}.pdf"
        pdf.write_bytes(render_report_pdf(ctx))
        if keep := os.environ.get("ASSESSOR_KEEP_PDF"):  # to look at the page: pdftoppm -png -r 70
            Path(keep, pdf.name).write_bytes(pdf.read_bytes())
    return read_pages(pdf), org.id


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_demo_pdf_has_an_action_plan_page(real_app: Flask, tmp_path: Path, lang: str) -> None:
    runner = real_app.test_cli_runner()
    assert runner.invoke(args=["demo", "seed", "--login-file", str(tmp_path / "login.txt")]).exit_code == 0
    heading, since, states = EXPECTED[lang]
    pages, org_id = _pdf_pages(real_app, tmp_path, lang)
    texts = [flat(p.text(p.body)) for p in pages]
    (plan_page,) = [n for n, text in enumerate(texts) if text.startswith(flat(heading))]
    page = texts[plan_page]
    assert flat(since) in page
    for state in states:
        assert flat(state) in page
    with real_app.app_context():
        actions = db.session.query(Action).filter_by(organisation_id=org_id).all()
        assert len(actions) == len(DEMO_ACTIONS)
        for action in actions:
            assert flat(action.title_in(lang))[:8] in page  # a wrapped cell reads back line by line
            assert flat(action.owner)[:8] in page and action.due is not None and action.due.isoformat() in page
    assert "E8" in page and "40%" in page
    assert overlapping_words(pages[plan_page]) == []


def test_the_first_year_lists_the_actions_agreed_from_it_and_no_page_without_actions(
    real_app: Flask, tmp_path: Path
) -> None:
    runner = real_app.test_cli_runner()
    assert runner.invoke(args=["demo", "seed", "--login-file", str(tmp_path / "login.txt")]).exit_code == 0
    pages, _org = _pdf_pages(real_app, tmp_path, "en", newest=False)  # the demo's actions come from last year
    texts = [flat(p.text(p.body)) for p in pages]
    (page,) = [t for t in texts if t.startswith(flat("Action plan"))]
    assert flat("Actions agreed from this assessment") in page and flat("Actions since the last") not in page
    with real_app.app_context():
        db.session.query(Action).delete()
        db.session.commit()
    pages, _org = _pdf_pages(real_app, tmp_path, "en")
    texts = [flat(p.text(p.body)) for p in pages]
    assert not [t for t in texts if t.startswith(flat("Action plan"))]
