"""The offline-answers reader without the app: how answers and headers are read, and what is refused."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from assessor.domain import Framework, Questionnaire
from assessor.offline import Table, UnreadableFileError, check_answers, column_letter, read_table, template_xlsx
from assessor.standards import load_framework
from tests.helpers import MINI_STANDARDS, REAL_STANDARDS

SEGMENTS = [("front-line", "Front line", "現場（顧客接点）"), ("leadership", "Leadership", "経営層・管理職")]


@pytest.fixture(scope="module")
def mini() -> tuple[Framework, Questionnaire]:
    framework = load_framework(MINI_STANDARDS)
    return framework, framework.questionnaires["mini"]


@pytest.mark.parametrize(
    ("answer", "level"),
    [
        ("2", 2),
        ("2 – Developing", 2),
        ("2 - Developing", 2),
        ("2. Developing", 2),
        ("２", 2),
        ("Developing", 2),
        (" developing ", 2),
        ("発展途上", 2),
        ("2 - 発展途上", 2),
        ("0 – Not in place", 0),
        ("未実施", 0),
        ("4", 4),
        ("先進", 4),
    ],
)
def test_forms_option_texts_give_their_level(mini: tuple[Framework, Questionnaire], answer: str, level: int) -> None:
    framework, questionnaire = mini
    table = Table("csv", (("Timestamp", "E1-01. Our mission …"), ("2026/11/22", answer)))
    checked = check_answers(table, questionnaire, framework.scale, SEGMENTS)
    assert checked.problems == ()
    assert [(a.item_code, a.level) for a in checked.respondents[0].answers] == [("E1-01", level)]


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("2.5", "not-a-level"),
        ("-1", "not-a-level"),
        ("5", "level-out-of-range"),
        ("10", "level-out-of-range"),
        ("often", "not-a-level"),
        ("Developing a lot", "not-a-level"),
    ],
)
def test_other_answers_are_problems(mini: tuple[Framework, Questionnaire], answer: str, kind: str) -> None:
    framework, questionnaire = mini
    table = Table("csv", (("E1-01 Q",), (answer,)))
    checked = check_answers(table, questionnaire, framework.scale, SEGMENTS)
    assert [(p.kind, p.row, p.column) for p in checked.problems] == [(kind, 2, "A")]
    assert checked.respondents == ()


@pytest.mark.parametrize("na", ["N/A", "n/a", "NA", "N/A – Not applicable", "Not applicable", "該当なし", "対象外"])
def test_na_is_read_in_both_languages_where_the_item_allows_it(mini: tuple[Framework, Questionnaire], na: str) -> None:
    framework, questionnaire = mini
    header = ("E7-01 Q", "E7-01 N/A reason", "E1-01 Q")
    ok = check_answers(Table("csv", (header, (na, "no unit", "1"))), questionnaire, framework.scale, SEGMENTS)
    assert ok.problems == () and ok.respondents[0].answers[0].na_reason == "no unit"
    refused = check_answers(Table("csv", (header, ("1", "", na))), questionnaire, framework.scale, SEGMENTS)
    assert [(p.kind, p.column) for p in refused.problems] == [("na-not-allowed", "C")]


def test_headers_start_with_the_item_code_and_other_columns_are_ignored(mini: tuple[Framework, Questionnaire]) -> None:
    framework, questionnaire = mini
    header = ("ID", "Email", "Name", "E1-01. Our mission", "E2-01 Leaders", "e3-01: lower case", "E1-010 no", "Segment")
    table = Table("csv", (header, ("1", "a@b.example", "Ann", "1", "2", "3", "", "Leadership")))
    checked = check_answers(table, questionnaire, framework.scale, SEGMENTS)
    assert [(p.kind, p.column) for p in checked.problems] == [("unknown-item", "G")]
    assert checked.items == ("E1-01", "E2-01", "E3-01") and checked.layout == "forms"
    assert checked.ignored == ("ID", "Email", "Name")


def test_column_letters_are_the_spreadsheet_s() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


def test_files_are_judged_by_their_content() -> None:
    assert read_table("Respondent label,E1-01\r\nP1,2\r\n".encode("utf-8-sig")).encoding == "utf-8-sig"
    assert read_table("回答者ラベル,E1-01\r\nP1,2\r\n".encode("cp932")).encoding == "cp932"
    assert read_table("a\tE1-01\r\nP1\t2\r\n".encode("utf-16")).rows == (("a", "E1-01"), ("P1", "2"))
    for data in (b"", b"\x00\x01\x02\x03" * 20, b"PK\x03\x04broken", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8)):
        with pytest.raises(UnreadableFileError):
            read_table(data)


def test_a_workbook_with_xml_entities_is_refused_unexpanded() -> None:
    book = openpyxl.Workbook()
    book.active.append(["E1-01 Q"])  # type: ignore[union-attr]
    plain = io.BytesIO()
    book.save(plain)
    bomb = io.BytesIO()
    laughs = '<!DOCTYPE x [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = laughs.encode() + data.replace(b"<c ", b'<c t="inlineStr" r="B1"><is><t>&b;</t></is></c><c ', 1)
            target.writestr(info, data)
    with pytest.raises(UnreadableFileError):
        read_table(bomb.getvalue())


def test_the_template_of_the_full_questionnaire_reads_back_as_itself() -> None:
    framework = load_framework(REAL_STANDARDS)
    questionnaire = framework.questionnaires["full"]
    for lang in ("en", "ja"):
        body = template_xlsx(questionnaire, framework.scale, [("x", "=cmd|' /C calc'!A0", "=危険")], lang)
        book = openpyxl.load_workbook(io.BytesIO(body))
        assert book["Lists"]["A1"].data_type == "s"  # a segment label is never a formula
        sheet = book.worksheets[0]
        sheet.append(["P1", None, lang, *["3"] * (sheet.max_column - 3)])
        out = io.BytesIO()
        book.save(out)
        table = read_table(out.getvalue())
        checked = check_answers(table, questionnaire, framework.scale, [])
        na_items = [i for i in questionnaire.items if i.allow_na]
        # The reason columns hold "3" too: harmless (a reason without N/A is not read).
        assert checked.problems == () and checked.layout == "template"
        assert checked.items == tuple(i.code for i in questionnaire.items) and na_items
        assert checked.answer_count == len(questionnaire.items)
