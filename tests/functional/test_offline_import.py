"""Offline answers in, on SQLite and PostgreSQL: a Microsoft Forms export (English) and a Google Forms
export (Japanese) through the web with a dry run first, every kind of problem reported at once with
its row and column and nothing written, the template's round trip scoring like answers entered by
hand, CP932 CSV, access, CSRF and lifecycle refusals, and the command line."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import jsonschema
import openpyxl
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from werkzeug.test import TestResponse

from assessor.assessments import score_assessment
from assessor.extensions import db
from assessor.files import load_schema, parse_assessment
from assessor.models import Answer, Assessment, Event, PendingImport, Respondent
from assessor.models.core import now
from assessor.scoring import ScoringResult
from assessor.standards import get_framework
from tests.factories import NA, Person, add_user, stored_assessment
from tests.helpers import csrf_token, login, post_form

ITEMS = ("E1-01", "E2-01", "E3-01", "E4-01", "E5-01", "E6-01", "E7-01", "E8-01", "E9-01")
QUESTION = {"E1-01": "Our mission states the service promise", "E7-01": "We learn from complaints"}


def _consultant(site: Flask, email: str = "consultant@example.com", workspace: str = "Workspace A") -> FlaskClient:
    add_user(site, email, workspace=workspace)
    client = site.test_client()
    login(client, email)
    return client


def _assessment(client: FlaskClient, mode: str = "workshop") -> int:
    org = post_form(client, "/organisations", {"name": "Client I"}, "/").headers["Location"]
    data = {"title": "Offline answers", "questionnaire": "mini", "assessed_on": "2026-11-22", "mode": mode}
    return int(post_form(client, f"{org}/assessments", data, org).headers["Location"].rsplit("/", 1)[-1])


def _upload(
    client: FlaskClient, assessment_id: int, body: bytes, name: str, layout: str = "auto", encoding: str = "auto"
) -> TestResponse:
    url = f"/assessments/{assessment_id}/import"
    token = csrf_token(client.get(url).get_data(as_text=True))
    data = {"csrf_token": token, "layout": layout, "encoding": encoding, "file": (io.BytesIO(body), name)}
    return client.post(url, data=data, content_type="multipart/form-data")


def _confirm(client: FlaskClient, page: str) -> TestResponse:
    action = re.search(r'<form method="post" action="(/assessments/\d+/import/[^"]+)"', page)
    assert action, page
    return client.post(action.group(1), data={"csrf_token": csrf_token(page)})


def _counts(app: Flask) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(  # type: ignore[return-value]
            int(db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)
            for model in (Respondent, Answer, PendingImport)
        )


def _change(app: Flask, assessment_id: int, **columns: object) -> None:
    with app.app_context():
        db.session.execute(sa.update(Assessment).where(Assessment.id == assessment_id).values(**columns))
        db.session.commit()


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def test_a_microsoft_forms_export_in_english_is_checked_then_imported(site: Flask, tmp_path: Path) -> None:
    client = _consultant(site)
    assessment_id = _assessment(client)
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    header += [f"{code}. {QUESTION.get(code, 'Question text')} …" for code in ITEMS] + ["E7-01 N/A reason"]
    levels = ["2 – Developing", "3", "Leading", "0 – Not in place", "1", "2", "N/A", "3", "4"]
    second = ["4", "Established", "1 – Initial", "2", "", "3", "2", "1", "N/A – Not applicable"]
    rows: list[list[object]] = [
        header,
        [
            1,
            "11/22/2026 9:01:02",
            "11/22/2026 9:05:40",
            "taro.yamada@client.example",
            "Taro Yamada",
            "",
            *levels,
            "No complaints channel yet",
        ],
        [2, "11/22/2026 9:02:00", "11/22/2026 9:07:10", "anonymous", "", "", *second, ""],
    ]
    checked = _upload(client, assessment_id, _xlsx(rows), "Service survey(1-2).xlsx")
    page = checked.get_data(as_text=True)
    # E9-01 is N/A without a reason column: the one problem; nothing kept, nothing written.
    assert checked.status_code == 400 and "N/A for E9-01 needs a short reason" in page
    assert '<td class="num">3</td><td>O</td>' in page
    assert _counts(site) == (0, 0, 0)

    rows[0].append("E9-01 N/A reason")
    rows[1].append("")
    rows[2].append("We have no partners")
    checked = _upload(client, assessment_id, _xlsx(rows), "Service survey(1-2).xlsx")
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200, page
    assert "The file is correct: 2 respondents would be created, with 17 answers." in page
    assert "Columns ignored (never stored): ID, Start time, Completion time, Email, Name, Last modified time." in page
    assert "taro" not in page.lower()
    assert _counts(site) == (0, 0, 1)  # the upload waits in the database, nothing else

    imported = _confirm(client, page)
    assert imported.status_code == 302 and imported.headers["Location"] == f"/assessments/{assessment_id}"
    shown = client.get(imported.headers["Location"]).get_data(as_text=True)
    assert "2 respondents imported with 17 answers." in shown
    assert 'Imported 1</a><span class="muted"> (imported)</span>' in shown
    with site.app_context():
        people = list(db.session.scalars(sa.select(Respondent).order_by(Respondent.id)))
        assert [p.name for p in people] == ["Imported 1", "Imported 2"]
        assert all(p.imported and p.entered_by_id is not None and not p.on_paper for p in people)
        first = {a.item_code: (a.level, a.na_reason) for a in people[0].answers}
        assert first["E1-01"] == (2, None) and first["E3-01"] == (4, None) and first["E4-01"] == (0, None)
        assert first["E7-01"] == (None, "No complaints channel yet")
        assert len(people[1].answers) == 8 and {a.item_code: a.na_reason for a in people[1].answers}["E9-01"]
        texts = " ".join(str(v) for v in db.session.scalars(sa.select(Event.detail)))
        event = db.session.scalar(sa.select(Event).where(Event.verb == "answers imported"))
        assert event is not None and event.assessment_id == assessment_id and event.actor == "consultant@example.com"
        assert event.detail == "2 respondents, 17 answers, from Service survey(1-2).xlsx"
        assert "taro" not in texts.lower()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingImport)) == 0
        assert db.session.get(Assessment, assessment_id).revision >= 1  # type: ignore[union-attr]
    report = client.get(f"/assessments/{assessment_id}/report").get_data(as_text=True)
    assert "2 of 2 responses were imported from a file (answered offline)." in report
    pdf = client.get(f"/assessments/{assessment_id}/report.pdf?lang=en")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.get_data())).pages))
    assert "2 of 2 responses were imported from a file (answered offline)." in text and "taro" not in text.lower()
    assert "taro" not in report.lower()
    # The same upload cannot be imported twice.
    again = _confirm(client, page)
    assert again.status_code == 302 and again.headers["Location"].endswith("/import")
    assert _counts(site)[0] == 2
    # The assessment file carries the marker, validates against the schema and reads back.
    out = tmp_path / "imported.json"
    exported = site.test_cli_runner().invoke(args=["export", str(assessment_id), "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    assert [r.get("imported") for r in document["respondents"]] == [True, True]
    assert "taro" not in out.read_text(encoding="utf-8").lower()
    with site.app_context():
        parsed = parse_assessment(get_framework(), document)
    assert [r.imported for r in parsed.respondents] == [True, True]


def test_a_google_forms_export_in_japanese_is_checked_then_imported(site: Flask) -> None:
    client = _consultant(site)
    assessment_id = _assessment(client, mode="survey")
    client.get("/language/ja?next=/")
    header = ["タイムスタンプ", "メールアドレス", "所属"]
    header += [f"{code} 設問の文章" for code in ITEMS] + ["E7-01 N/Aの理由"]
    rows = [
        header,
        [
            "2026/11/22 9:01:02",
            "hanako@client.example",
            "現場（顧客接点）",
            "2 - 発展途上",
            "定着",
            "３",
            "先進",
            "0",
            "初期",
            "該当なし",
            "2",
            "1",
            "苦情窓口がまだない",
        ],
        ["2026/11/22 9:03:44", "", "経営層・管理職", "4", "3", "2", "1", "0", "1", "2", "3", "", ""],
    ]
    wrong = [rows[0], [*rows[1][:3], "7", *rows[1][4:]]]
    refused = _upload(client, assessment_id, _csv(wrong), "回答.csv").get_data(as_text=True)
    assert (
        "1件の問題が見つかりました" in refused and "7は尺度の範囲外です。0～4またはN/Aを入力してください。" in refused
    )
    checked = _upload(client, assessment_id, _csv(rows), "回答.csv")
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200, page
    assert "ファイルに問題はありません" in page and "2人の回答者" in page and "17件" in page
    assert "hanako" not in page
    assert _confirm(client, page).status_code == 302
    with site.app_context():
        people = list(db.session.scalars(sa.select(Respondent).order_by(Respondent.id)))
        assert [(p.name, p.segment, p.language) for p in people] == [
            ("インポート 1", "front-line", "ja"),
            ("インポート 2", "leadership", "ja"),
        ]
        first = {a.item_code: (a.level, a.na_reason) for a in people[0].answers}
        assert first["E1-01"] == (2, None) and first["E2-01"] == (3, None) and first["E3-01"] == (3, None)
        assert first["E4-01"] == (4, None) and first["E6-01"] == (1, None)
        assert first["E7-01"] == (None, "苦情窓口がまだない")
    japanese = client.get(f"/assessments/{assessment_id}/report").get_data(as_text=True)
    assert "ファイルから取り込んだ回答" in japanese


def test_every_problem_is_reported_at_once_with_row_and_column_and_nothing_is_written(
    site: Flask, tmp_path: Path
) -> None:
    client = _consultant(site)
    assessment_id = _assessment(client)
    with site.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment is not None
        db.session.add(Respondent(assessment=assessment, name="Existing"))
        db.session.commit()
    before = _counts(site)
    header = [
        "Respondent label",
        "Segment",
        "Language",
        "E1-01 Mission",
        "E2-01 Q",
        "E7-01 Q",
        "E7-01 N/A reason",
        "E99-01 Unknown",
        "E2-01 Again",
        "Notes",
    ]
    rows = [
        header,
        ["P1", "Front line", "en", "2", "3", "N/A", "No channel", "", "", ""],  # row 2: fine
        ["P1", "Marketing", "fr", "7", "often", "", "", "", "", ""],  # row 3: duplicate, segment, language, levels
        ["Existing", "", "", "N/A", "", "N/A", "", "", "", ""],  # row 4: existing label, N/A not allowed, no reason
        ["P\x074", "", "", "1", "", "N/A", "x" * 501, "", "", ""],  # row 5: control character, reason too long
        ["P5", "Back office", "ja", "", "", "", "", "", "", ""],  # row 6: no answer at all
    ]
    body = _csv(rows)
    response = _upload(client, assessment_id, body, "workshop.csv")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    found = re.findall(r"<tr><td class=\"num\">(\d*)</td><td>([A-Z]*)</td><td>[^<]*</td><td>([^<]+)</td></tr>", page)
    expected = [
        ("1", "H", "E99-01 is not an item of this questionnaire."),
        ("1", "I", "Item E2-01 has a second column (the first is column E)."),
        ("1", "J", "This column is not part of the template"),
        ("3", "A", "The label “P1” is already used in row 2."),
        ("3", "B", "“Marketing” is not a segment of this assessment"),
        ("3", "C", "“fr” is not a language: enter en or ja."),
        ("3", "D", "7 is outside the scale: enter 0 to 4, or N/A."),
        ("3", "E", "“often” is not a level: enter 0 to 4, or N/A."),
        ("4", "A", "A respondent labelled “Existing” already exists in this assessment"),
        ("4", "D", "Item E1-01 cannot be answered N/A: enter a level from 0 to 4."),
        ("4", "G", "N/A for E7-01 needs a short reason"),
        ("5", "A", "Remove the invisible control character U+0007"),
        ("5", "G", "The text is longer than 500 characters."),
        ("6", "", "This row has no answer"),
    ]
    assert len(found) == len(expected), found
    for (row, column, message), (want_row, want_column, want) in zip(found, expected, strict=True):
        assert (row, column) == (want_row, want_column) and want in html.unescape(message), (row, column, message)
    assert "14 problems found. Nothing was imported" in page
    assert _counts(site) == before

    # The command line says the same, file:row:column: message, and exits 1.
    path = tmp_path / "workshop.csv"
    path.write_bytes(body)
    result = site.test_cli_runner().invoke(args=["import", str(assessment_id), str(path), "--dry-run"])
    assert result.exit_code == 1
    assert f"{path}:3:D: 7 is outside the scale: enter 0 to 4, or N/A." in result.output
    assert f"{path}:6: This row has no answer" in result.output and "14 problems; nothing imported" in result.output
    assert _counts(site) == before

    # Problems with the whole file.
    many = [header[:4]] + [[f"R{n}", "", "", "2"] for n in range(1001)]
    for data, name, message in (
        (b"", "empty.csv", "The file is empty"),
        (b"  \n", "blank.csv", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "answers.xlsx", "neither an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "answers.xls", "old Excel file (.xls)"),
        (b"PK\x03\x04 not really a zip", "answers.xlsx", "cannot be read"),
        (_csv([["Timestamp", "Name"], ["x", "y"]]), "other.csv", "No column header starts with an item code"),
        (_csv([header[:4]]), "header.csv", "has a header row but no answers"),
        (_csv(many), "many.csv", "more than 1000 respondent rows"),
    ):
        refused = _upload(client, assessment_id, data, name)
        assert refused.status_code == 400 and message in refused.get_data(as_text=True), name
    assert _counts(site) == before


def test_the_template_round_trip_scores_like_answers_entered_by_hand(site: Flask) -> None:
    client = _consultant(site)
    assessment_id = _assessment(client)
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert f'href="/assessments/{assessment_id}/import"' in page
    assert "Import answers" in client.get(f"/assessments/{assessment_id}/import").get_data(as_text=True)
    download = client.get(f"/assessments/{assessment_id}/import/template.xlsx?lang=en")
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(download.get_data()))
    sheet = book.worksheets[0]
    assert book.sheetnames[:2] == ["Answers", "Instructions"] and book["Lists"].sheet_state == "hidden"
    assert sheet.freeze_panes == "B2"
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["Respondent label", "Segment", "Language"]
    assert headers[3].startswith("E1-01 ") and "E7-01 N/A reason" in headers and "E9-01 N/A reason" in headers
    formulas = {rule.formula1 for rule in sheet.data_validations.dataValidation}
    assert '"0,1,2,3,4"' in formulas and '"0,1,2,3,4,N/A"' in formulas and "Lists!$A$1:$A$4" in formulas
    assert "Never enter a person's name" in " ".join(str(c.value) for c in book["Instructions"]["A"])
    japanese = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/assessments/{assessment_id}/import/template.xlsx?lang=ja").get_data())
    )
    assert japanese.sheetnames[:2] == ["回答", "記入方法"]
    assert [c.value for c in japanese.worksheets[0][1]][:3] == ["回答者ラベル", "セグメント", "言語"]
    csv_header = client.get(f"/assessments/{assessment_id}/import/template.csv?lang=ja").get_data()
    assert csv_header.startswith(b"\xef\xbb\xbf") and "回答者ラベル" in csv_header.decode("utf-8-sig")

    answers: list[dict[str, int | NA]] = [
        {"E1-01": 1, "E2-01": 2, "E3-01": 3, "E4-01": 4, "E5-01": 0, "E6-01": 1, "E7-01": NA("No unit"), "E8-01": 2},
        {"E1-01": 3, "E2-01": 3, "E3-01": 2, "E4-01": 2, "E5-01": 1, "E6-01": 4, "E7-01": 2, "E9-01": NA("None")},
        {"E1-01": 4, "E2-01": 0, "E3-01": 4, "E4-01": 3, "E5-01": 3, "E6-01": 2, "E7-01": 1, "E8-01": 3, "E9-01": 2},
    ]
    segments = ["Front line", "Leadership", "Front line"]
    for number, (given, segment) in enumerate(zip(answers, segments, strict=True), start=2):
        sheet.cell(row=number, column=1, value=f"P{number - 1}")
        sheet.cell(row=number, column=2, value=segment)
        for column, header in enumerate(headers, start=1):
            code = str(header).split(" ")[0]
            value = given.get(code)
            if value is None:
                continue
            if str(header).endswith("N/A reason"):
                if isinstance(value, NA):
                    sheet.cell(row=number, column=column, value=value.reason)
            elif column > 3:
                sheet.cell(row=number, column=column, value="N/A" if isinstance(value, NA) else value)
    out = io.BytesIO()
    book.save(out)
    checked = _upload(client, assessment_id, out.getvalue(), "filled.xlsx", layout="template")
    assert checked.status_code == 200, checked.get_data(as_text=True)
    assert _confirm(client, checked.get_data(as_text=True)).status_code == 302

    keys = {"Front line": "front-line", "Leadership": "leadership"}
    with site.app_context():
        organisation = db.session.get(Assessment, assessment_id).organisation  # type: ignore[union-attr]
        people = [Person(keys[s], f"P{n}", a) for n, (a, s) in enumerate(zip(answers, segments, strict=True), 1)]
        by_hand = stored_assessment(organisation, "By hand", people, mode="workshop")
        db.session.add(by_hand)
        db.session.commit()
        hand_id = by_hand.id
        imported = score_assessment(db.session.get(Assessment, assessment_id)).result  # type: ignore[arg-type]
        typed = score_assessment(by_hand).result
        assert imported.respondent_count == typed.respondent_count == 3
        assert imported.rollups == typed.rollups and imported.segments == typed.segments
        assert imported.pyramid == typed.pyramid and imported.gaps == typed.gaps

        def items(result: ScoringResult) -> list[tuple[object, ...]]:  # respondent ids differ, nothing else
            return [
                (i.code, i.percent, i.distribution, i.agreement, [n.reason for n in i.not_applicable])
                for i in result.items
            ]

        assert items(imported) == items(typed)
    scores = re.compile(r"\d+(?:\.\d)? ?%")
    mine = client.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
    theirs = client.get(f"/assessments/{hand_id}/results").get_data(as_text=True)
    assert scores.findall(mine) == scores.findall(theirs) and scores.findall(mine)


def test_a_cp932_csv_from_japanese_excel_is_detected_or_chosen(site: Flask, tmp_path: Path) -> None:
    client = _consultant(site)
    assessment_id = _assessment(client)
    rows = [
        ["回答者ラベル", "セグメント", "言語", "E1-01 当社のミッション", "E7-01 苦情", "E7-01 N/Aの理由"],
        ["テーブル1", "バックオフィス", "ja", "２", "該当なし", "窓口がない"],
    ]
    body = _csv(rows, "cp932")
    path = tmp_path / "excel.csv"
    path.write_bytes(body)
    runner = site.test_cli_runner()
    wrong = runner.invoke(args=["import", str(assessment_id), str(path), "--encoding", "utf-8", "--dry-run"])
    assert wrong.exit_code == 1 and "not CSV text in utf-8" in wrong.output
    dry = runner.invoke(args=["import", str(assessment_id), str(path), "--dry-run"])
    assert dry.exit_code == 0 and "dry run: would import 1 respondents, 2 answers" in dry.output, dry.output
    assert _counts(site) == (0, 0, 0)
    chosen = _upload(client, assessment_id, body, "excel.csv", encoding="cp932")
    assert chosen.status_code == 200 and "1 respondent would be created" in chosen.get_data(as_text=True)
    done = runner.invoke(args=["import", str(assessment_id), str(path), "--lang", "ja"])
    assert done.exit_code == 0, done.output
    with site.app_context():
        person = db.session.scalar(sa.select(Respondent))
        assert person is not None and person.name == "テーブル1" and person.segment == "back-office"
        assert person.imported and person.entered_by_id is None
        assert {a.item_code: (a.level, a.na_reason) for a in person.answers} == {
            "E1-01": (2, None),
            "E7-01": (None, "窓口がない"),
        }
        event = db.session.scalar(sa.select(Event).where(Event.verb == "answers imported"))
        assert event is not None and event.actor == "command line" and "from excel.csv" in event.detail
    # The upload kept for the web's confirmation now clashes with the imported label: checked again, refused.
    refused = _confirm(client, chosen.get_data(as_text=True))
    assert refused.status_code == 400 and "already exists in this assessment" in refused.get_data(as_text=True)
    assert _counts(site)[:2] == (1, 2)


def test_imports_are_for_editors_of_the_organisation_with_csrf_and_an_open_assessment(site: Flask) -> None:
    client = _consultant(site)
    assessment_id = _assessment(client)
    rows = [["Respondent label", "E1-01 Q"], ["P1", "2"]]
    checked = _upload(client, assessment_id, _csv(rows), "a.csv")
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200
    base = f"/assessments/{assessment_id}/import"
    action = re.search(r'action="(/assessments/\d+/import/[^"]+)"', page)
    assert action
    rival = _consultant(site, "rival@example.com", "Workspace B")
    for url in (base, f"{base}/template.xlsx", f"{base}/template.csv"):
        assert rival.get(url).status_code == 404
    assert (
        rival.post(action.group(1), data={"csrf_token": csrf_token(rival.get("/").get_data(as_text=True))}).status_code
        == 404
    )
    with site.app_context():
        org_id = db.session.get(Assessment, assessment_id).organisation_id  # type: ignore[union-attr]
    add_user(site, "ceo@example.com", role="viewer", workspace=None, organisation_id=org_id)
    viewer = site.test_client()
    login(viewer, "ceo@example.com")
    assert viewer.get(f"/assessments/{assessment_id}").status_code == 200
    assert "/import" not in viewer.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert viewer.get(base).status_code == 403 and viewer.get(f"{base}/template.xlsx").status_code == 403
    # Without a CSRF token nothing is checked, kept or imported.
    no_token = client.post(base, data={"file": (io.BytesIO(_csv(rows)), "a.csv")}, content_type="multipart/form-data")
    assert no_token.status_code == 400
    assert client.post(action.group(1), data={}).status_code == 400
    # Another user's (or an unknown) upload token imports nothing.
    colleague = _consultant(site, "colleague@example.com")
    stolen = colleague.post(action.group(1), data={"csrf_token": csrf_token(colleague.get("/").get_data(as_text=True))})
    assert stolen.status_code == 302 and stolen.headers["Location"] == base
    assert _counts(site)[:2] == (0, 0)
    # Locked, final: refused on the page, at the upload and at the confirmation.
    _change(site, assessment_id, locked=True)
    assert "Answering is locked" in client.get(base).get_data(as_text=True)
    assert _upload(client, assessment_id, _csv(rows), "a.csv").status_code == 409
    assert _confirm(client, page).status_code == 302
    _change(site, assessment_id, locked=False, finalised_at=now())
    assert "This assessment is final" in client.get(base).get_data(as_text=True)
    assert _confirm(client, page).status_code == 302
    result = site.test_cli_runner().invoke(args=["import", str(assessment_id), "/dev/null"])
    assert result.exit_code != 0 and "This assessment is final" in result.output
    assert _counts(site)[:2] == (0, 0)
    _change(site, assessment_id, finalised_at=None)
    assert _confirm(client, page).status_code == 302  # reopened: the kept upload imports
    assert _counts(site)[:2] == (1, 1)
