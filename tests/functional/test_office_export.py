"""The Excel workbook and the CSV of items: the report's numbers, its privacy rules, access, no formula injection."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from assessor import numbers
from assessor.assessments import score_assessment
from assessor.extensions import db
from assessor.models import Assessment, Event
from assessor.office.cells import FORMULA_STARTS, csv_text
from assessor.office.itemcsv import items_csv
from assessor.reports.service import context_for_assessment
from tests.factories import INJECTIONS, PARTICIPANT, add_user, mixed_workshop
from tests.helpers import logged_in


def _book(client: FlaskClient, aid: int, lang: str = "en") -> Workbook:
    response = client.get(f"/assessments/{aid}/export.xlsx?lang={lang}")
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["Cache-Control"] == "private, no-store"
    return load_workbook(io.BytesIO(response.data))


def _percent(value: float | None) -> float | None:
    """What a ``0%`` cell holds for a score: the report's whole percentage as a fraction."""
    return None if value is None else pytest.approx(numbers.whole(value) / 100)


def _texts(book: Workbook) -> list[str]:
    return [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]


def test_the_workbook_carries_the_scoring_results_numbers(site: Flask) -> None:
    aid = mixed_workshop(site)["assessment_id"]
    book = _book(logged_in(site, "consultant@example.com"), aid)
    assert book.sheetnames[:4] == ["Summary", "Scores", "Items", "Distributions"]
    with site.app_context():
        assessment = db.session.get(Assessment, aid)
        assert assessment is not None
        result = score_assessment(assessment).result
    summary = {row[0].value: row[1] for row in book["Summary"].iter_rows()}
    assert summary["Respondents"].value == result.respondent_count == 11
    assert summary["Overall score"].value == _percent(result.overall.score)
    assert summary["Overall score"].number_format == "0%"
    assert summary["Pyramid level reached"].value == result.pyramid.achieved_rank
    scores = book["Scores"]
    assert scores.freeze_panes == "A2"
    header = [c.value for c in scores[1]]
    found = {(row[1].value, row[0].value): row for row in scores.iter_rows(min_row=2)}
    for kind, label in (("element", "Element"), ("dimension", "Dimension"), ("principle", "Principle")):
        for rollup in (r for r in result.rollups if r.kind == kind and r.total_weight > 0):
            row = found[(rollup.id, label)]
            score = row[header.index("Score")]
            assert score.value == _percent(rollup.score)
            assert score.number_format == "0%" or rollup.score is None
            assert row[header.index("Coverage")].value == _percent(rollup.coverage)
            assert row[header.index("Respondents who rated")].value == rollup.respondents
    levels = [row for row in scores.iter_rows(min_row=2) if row[0].value == "Pyramid level"]
    assert [int(row[1].value) for row in levels] == [level.rank for level in result.pyramid.levels]
    items = {row[0].value: row for row in book["Items"].iter_rows(min_row=2)}
    header = [c.value for c in book["Items"][1]]
    for item in result.items:
        row = items[item.code]
        assert row[header.index("Value (0–4)")].value == item.value
        assert row[header.index("Ratings (n)")].value == item.agreement.respondents
        assert row[header.index("N/A")].value == len(item.not_applicable)
        r_wg = item.agreement.r_wg  # as the report prints it
        assert row[header.index("Agreement (r_wg)")].value == (None if r_wg is None else float(numbers.agreement(r_wg)))
    distributions = {row[0].value: [c.value for c in row] for row in book["Distributions"].iter_rows(min_row=2)}
    assert any(not result.shows_distribution(item) for item in result.items)  # E7-01: N/A from everyone
    for item in result.items:
        if result.shows_distribution(item):
            assert distributions[item.code][2:8] == [*item.distribution, len(item.not_applicable)]
        else:  # as on the results page: fewer ratings than the minimum group size, no counts per level
            assert distributions[item.code][2:9] == [None] * 5 + [len(item.not_applicable), "fewer than 3"]


def test_japanese_headers(site: Flask) -> None:
    aid = mixed_workshop(site)["assessment_id"]
    book = _book(logged_in(site, "consultant@example.com"), aid, "ja")
    assert "Summary" not in book.sheetnames and "概要" in book.sheetnames and "項目" in book.sheetnames
    assert [c.value for c in book["項目"][1]][:3] == ["コード", "要素", "設問"]
    summary = {row[0].value: row[1].value for row in book["概要"].iter_rows()}
    assert summary["回答者"] == 11


def test_a_viewer_gets_what_the_viewers_report_shows_and_no_small_group(site: Flask) -> None:
    seeded = mixed_workshop(site)
    aid = seeded["assessment_id"]
    add_user(site, "ceo@example.com", role="viewer", workspace=None, organisation_id=seeded["org_id"])
    viewer_book = _book(logged_in(site, "ceo@example.com"), aid)
    consultant_book = _book(logged_in(site, "consultant@example.com"), aid)
    for book in (viewer_book, consultant_book):
        texts = _texts(book)
        assert not any(PARTICIPANT in t for t in texts)
        assert "Back office" not in texts and "Leadership" not in texts  # groups of 1 and 2
        groups = [(row[0].value, row[1].value) for row in book["Segments"].iter_rows(min_row=2)]
        assert groups == [("Front line", 5), ("=Ops", 3), ("Smaller groups combined", 3)]
    with site.app_context():
        assessment = db.session.get(Assessment, aid)
        assert assessment is not None
        ctx = context_for_assessment(assessment, "en")
    quoted = {n.text for d in ctx.dimensions for n in d.notes} | {n.text for n in ctx.general_comments}
    viewer_notes = {row[3].value for row in viewer_book["Comments"].iter_rows(min_row=2)}
    consultant_notes = {row[3].value for row in consultant_book["Comments"].iter_rows(min_row=2)}
    assert viewer_notes == quoted  # exactly the report's notes
    assert viewer_notes < consultant_notes and "reason 11" in consultant_notes
    # A note is labelled only with a segment shown on its own.
    for book in (viewer_book, consultant_book):
        labels = {row[2].value for row in book["Comments"].iter_rows(min_row=2)}
        assert labels <= {None, "", "Front line", "=Ops"}


def test_access_is_checked_on_both_downloads(site: Flask) -> None:
    aid = mixed_workshop(site)["assessment_id"]
    add_user(site, "rival@example.com", workspace="Workspace B")
    rival = logged_in(site, "rival@example.com")
    anonymous = site.test_client()
    for path in ("export.xlsx", "items.csv"):
        assert rival.get(f"/assessments/{aid}/{path}").status_code == 404
        refused = anonymous.get(f"/assessments/{aid}/{path}")
        assert refused.status_code == 302 and refused.headers["Location"].startswith("/login")
    with site.app_context():
        assert (
            db.session.scalar(sa.select(sa.func.count()).select_from(Event).where(Event.verb == "assessment exported"))
            == 0
        )


def test_text_that_looks_like_a_formula_stays_text(site: Flask) -> None:
    aid = mixed_workshop(site)["assessment_id"]
    response = logged_in(site, "consultant@example.com").get(f"/assessments/{aid}/export.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    by_value = {c.value: c for c in cells}
    for text in (*INJECTIONS, "=Harbour+Client", "=Ops"):
        assert text in by_value, text
        assert by_value[text].data_type == "s" and by_value[text].quotePrefix, text
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:  # nothing in the file is stored as a formula
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in s or b"<f " in s for s in sheets)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_neutralised_in_csv(start: str) -> None:
    assert csv_text(f"{start}1+1") == f"'{start}1+1"
    assert csv_text(f"  {start}x").startswith("'")
    assert csv_text("plain -1") == "plain -1"


def test_the_csv_of_items_has_a_bom_parses_and_neutralises_fields(site: Flask) -> None:
    aid = mixed_workshop(site)["assessment_id"]
    client = logged_in(site, "consultant@example.com")
    response = client.get(f"/assessments/{aid}/items.csv?lang=ja")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["コード", "要素", "設問"]
    with site.app_context():
        assessment = db.session.get(Assessment, aid)
        assert assessment is not None
        result = score_assessment(assessment).result
        ctx = context_for_assessment(assessment, "en")
        assert [r[0] for r in rows[1:]] == [i.code for i in result.items]
        for row, item in zip(rows[1:], result.items, strict=True):
            assert row[3] == ("" if item.value is None else f"{item.value:g}")
            assert int(row[5]) == item.agreement.respondents and int(row[6]) == len(item.not_applicable)
        hostile = replace(ctx, items=(replace(ctx.items[0], question='=HYPERLINK("http://x","y")'), *ctx.items[1:]))
        parsed = list(csv.reader(io.StringIO(items_csv(hostile).decode("utf-8-sig"))))
        assert parsed[1][2] == '\'=HYPERLINK("http://x","y")'
        events = db.session.scalars(sa.select(Event).where(Event.verb == "assessment exported")).all()
        assert [(e.actor, e.detail, e.assessment_id) for e in events] == [("consultant@example.com", "csv", aid)]


def test_the_export_command_writes_json_by_default_and_xlsx_or_csv_on_request(
    site: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = mixed_workshop(site)["assessment_id"]
    runner = site.test_cli_runner()
    default = runner.invoke(args=["export", str(aid)])
    assert default.exit_code == 0 and default.output.lstrip().startswith("{")
    target = tmp_path / "a.xlsx"
    made = runner.invoke(args=["export", str(aid), "--format", "xlsx", "--lang", "ja", "--out", str(target)])
    assert made.exit_code == 0, made.output
    assert "概要" in load_workbook(target).sheetnames
    listed = runner.invoke(args=["export", str(aid), "--format", "csv"])
    assert listed.exit_code == 0 and listed.output.splitlines()[0].startswith("Code,Element,Question")
    assert runner.invoke(args=["export", "99999", "--format", "xlsx"]).exit_code != 0
    monkeypatch.chdir(tmp_path)  # without --out, the workbook is named after the assessment
    named = runner.invoke(args=["export", str(aid), "--format", "xlsx"])
    assert named.exit_code == 0 and named.output.startswith(f"wrote {aid}-"), named.output
    assert named.output.strip().endswith("-en.xlsx")
    assert load_workbook(tmp_path / named.output.split()[1]).sheetnames[0] == "Summary"
    with site.app_context():
        details = db.session.scalars(sa.select(Event.detail).where(Event.verb == "assessment exported")).all()
        assert sorted(details) == ["csv", "json", "xlsx", "xlsx"]
