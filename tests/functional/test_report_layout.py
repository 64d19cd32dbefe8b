"""The layout matrix: 48 real reports (tests/layout_matrix.py) rendered by WeasyPrint and read back.

Every report goes through the app's pipeline (database, scoring, context, Jinja, WeasyPrint) in this
process, on one SQLite database and one framework.  Each PDF is read back twice: the structure tree
with pypdf (table rows and headers per page) and the word boxes with poppler's ``pdftotext -bbox-layout``
(brief, cover, footer, overlaps, Japanese line starts).  The checks themselves are shown to bite on
synthetic documents at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from assessor.extensions import db
from assessor.models import Assessment, Workspace
from assessor.reports.pdf import render_pdf, warm_up
from assessor.reports.service import Branding, context_for_assessment, render_report_html
from assessor.standards import get_framework
from tests import layout_matrix as matrix
from tests.helpers import REAL_STANDARDS, make_app
from tests.pdf_layout import (
    Page,
    bad_line_starts,
    flat,
    header_only_pages,
    overlapping_words,
    read_pages,
    read_tagged,
    split_katakana_words,
    split_rows,
)

pytestmark = pytest.mark.slow


@dataclass(frozen=True, slots=True)
class Rendered:
    case: matrix.Case
    pdf: Path
    pages: list[Page]
    organisation: str
    title: str
    consultant: str
    report_date: str
    first_dimension: str
    brief_heading: str
    html: str


@pytest.fixture(scope="module")
def matrix_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app on one SQLite database with the shipped standards, every case seeded."""
    folder = tmp_path_factory.mktemp("layout")
    app = make_app(f"sqlite:///{folder / 'matrix.sqlite'}", standards=REAL_STANDARDS)
    app.config["LAYOUT_FOLDER"] = folder
    with app.app_context():
        workspace = Workspace(name="Layout matrix")
        db.session.add(workspace)
        db.session.commit()
        app.config["LAYOUT_IDS"] = {case: matrix.seed(get_framework(), workspace, case) for case in matrix.CASES}
        warm_up()
    yield app
    with app.app_context():
        db.engine.dispose()


def render(app: Flask, case: matrix.Case) -> Rendered:
    with app.app_context(), app.test_request_context():
        org, title, consultant = matrix.names(case)
        assessment = db.session.get(Assessment, app.config["LAYOUT_IDS"][case])
        ctx = context_for_assessment(assessment, case.lang, Branding(consultant=consultant), matrix.REPORT_DATE)
        path = app.config["LAYOUT_FOLDER"] / f"{case.id}.pdf"
        html = render_report_html(ctx)
        path.write_bytes(render_pdf(html))
        brief = re.search(r'<section class="brief page">\s*<h1>(.*?)</h1>', html, re.S)
        assert brief is not None
        return Rendered(
            case,
            path,
            read_pages(path),
            org,
            title,
            consultant,
            ctx.report_date,
            f"{ctx.dimensions[0].id}·",
            flat(re.sub(r"<[^>]+>", "", brief.group(1))),
            html,
        )


@pytest.mark.parametrize("case", matrix.CASES, ids=lambda c: c.id)
def test_report_layout_holds(matrix_app: Flask, case: matrix.Case) -> None:
    r = render(matrix_app, case)
    pages = r.pages
    problems: list[str] = []

    # The cover holds everything, whatever the names' length.
    cover = flat(pages[0].text())
    for label, value in (("organisation", r.organisation), ("title", r.title), ("prepared by", r.consultant)):
        if flat(value) not in cover:
            problems.append(f"cover lost the {label}")
    if flat(r.report_date) not in cover:
        problems.append("cover lost the report date")

    # The brief is page 2, and exactly one page: page 3 opens the first dimension.
    if not flat(pages[1].text(pages[1].body)).startswith(r.brief_heading):
        problems.append(f"page 2 is not the brief: {pages[1].text(pages[1].body[:2])!r}")
    if not flat(pages[2].text(pages[2].body)).startswith(r.first_dimension):
        problems.append(f"the brief runs over: page 3 starts {pages[2].text(pages[2].body[:2])!r}")

    # Every page after the cover: a footer with the report date (and who prepared it), no text over text.
    for page in pages[1:]:
        footer = " ".join(page.text(page.footer).split())
        if r.report_date not in footer or " ".join(r.consultant.split())[:12] not in footer:
            problems.append(f"page {page.number}: footer {page.text(page.footer)!r}")
        if overlapping_words(page):
            problems.append(f"page {page.number}: text overlaps {overlapping_words(page)[:3]}")
        if case.lang == "ja":
            problems += [f"page {page.number}: line starts with {line[:12]!r}" for line in bad_line_starts(page)]
            problems += [f"page {page.number}: word split {w!r}" for w in split_katakana_words(page)]

    # Rows and table headers, from the structure tree.
    tagged = read_tagged(r.pdf)
    if header_only_pages(tagged):
        problems.append(f"pages with only a running header or a table header: {header_only_pages(tagged)}")
    if split_rows(tagged, r.html):
        problems.append(f"{split_rows(tagged, r.html)} table rows split across pages")

    assert not problems, f"{case.id} ({r.pdf}):\n" + "\n".join(problems)


# ------------------------------------------------------------------ the checks bite


def _document(body: str, lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title><style>'
        '@page { size: A4; margin: 19mm 16mm 17mm; @top-left { content: "Running header" } }'
        'body { font-family: "BIZ UDPGothic", sans-serif; font-size: 10pt }</style></head>'
        f"<body>{body}</body></html>"
    )


def test_checks_find_split_rows_header_only_pages_overlaps_and_bad_line_starts(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>row {n}</td><td>{'tall cell ' * 150}</td></tr>" for n in range(14))
    split = _document(
        "<p>cover</p><p style='break-before: page'>next</p>"
        f"<table><thead><tr><th>Head A</th><th>Head B</th></tr></thead><tbody>{rows}</tbody></table>"
        "<div style='break-before: page; height: 1mm'></div>"
        "<table style='break-before: page; width: 60mm; table-layout: fixed'><thead><tr>"
        "<th style='width: 8mm; white-space: nowrap'>目標との差</th><th>回答分布</th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td></tr></tbody></table>",
        "ja",
    )
    path = tmp_path / "bad.pdf"
    path.write_bytes(render_pdf(split))
    tagged = read_tagged(path)
    assert split_rows(tagged, split) >= 1  # a tall row without break-inside: avoid is cut by the page end
    pages = read_pages(path)
    assert header_only_pages(tagged) == [p.number for p in pages if not p.body]  # the empty page, only its header
    assert any(overlapping_words(p) for p in pages)  # the 8 mm header cell runs into its neighbour

    # Pango keeps ー and small kana off a line start by itself, so force one; and it breaks katakana words.
    narrow = _document("<p style='width: 31mm'>リーダ<br>ーシップ・モニタリング・エンゲージメント" * 3 + "</p>", "ja")
    path.write_bytes(render_pdf(narrow))
    (page,) = read_pages(path)
    assert bad_line_starts(page) and bad_line_starts(page)[0].startswith("ー")
    assert split_katakana_words(page)  # モニタリング・エ / ンゲージメント
