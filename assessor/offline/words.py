"""The words of offline answers, in English and Japanese: column headers, problems and instructions.

Kept as :class:`~assessor.domain.Text` pairs (like :mod:`assessor.reports.wording`) so that the
reader stays pure: the page, the command line and the template pick the language they need.
"""

from __future__ import annotations

import unicodedata

from assessor.domain import Text

LABEL_HEADER = Text("Respondent label", "回答者ラベル")
SEGMENT_HEADER = Text("Segment", "セグメント")
LANGUAGE_HEADER = Text("Language", "言語")
REASON_SUFFIX = Text("N/A reason", "N/Aの理由")
"""The reason column of item E7-01 is headed ``E7-01 N/A reason`` (``E7-01 N/Aの理由``)."""
NA_TEXT = "N/A"
AUTO_LABEL = Text("Imported {n}", "インポート {n}")
"""The label of a respondent whose row gives none: a number, never a person."""


def header_key(text: str) -> str:
    """A header or answer as compared: NFKC (full-width letters and digits become ASCII), case-folded,
    without spaces and trailing colons."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(folded.split()).rstrip(":")


LABEL_HEADERS = frozenset(header_key(h) for h in ("Respondent label", "回答者ラベル", "Label", "ラベル", "Respondent"))
SEGMENT_HEADERS = frozenset(header_key(h) for h in ("Segment", "セグメント", "所属"))
LANGUAGE_HEADERS = frozenset(header_key(h) for h in ("Language", "言語", "Lang"))
REASON_SUFFIXES = frozenset(
    header_key(h) for h in ("N/A reason", "N/Aの理由", "N/A理由", "Reason for N/A", "該当なしの理由", "reason")
)
NA_ANSWERS = ("n/a", "na", "n.a.", "notapplicable", "該当なし", "対象外", "非該当", "該当しない")
"""How N/A is written in either language (compared as :func:`header_key` gives them)."""
LANGUAGES = {"en": "en", "english": "en", "英語": "en", "ja": "ja", "japanese": "ja", "日本語": "ja"}

_PROBLEMS: dict[str, Text] = {
    "empty-file": Text(
        "The file is empty: there is nothing to import.", "ファイルが空です。取り込む内容がありません。"
    ),
    "file-too-large": Text(
        "The file is larger than {mb} MB; split it into smaller files.",
        "ファイルが{mb}MBを超えています。小さなファイルに分けてください。",
    ),
    "old-excel": Text(
        "This is an old Excel file (.xls); save it as an Excel workbook (.xlsx) or as CSV and try again.",
        "旧形式のExcelファイル（.xls）です。Excelブック（.xlsx）またはCSVで保存し直してください。",
    ),
    "bad-xlsx": Text(
        "The file looks like a workbook but cannot be read; open it in Excel and save it again as .xlsx.",
        "ブック形式のファイルのようですが読み取れません。Excelで開き、.xlsx形式で保存し直してください。",
    ),
    "not-text": Text(
        "The file is neither an Excel workbook (.xlsx) nor CSV text in UTF-8 or Shift_JIS.",
        "Excelブック（.xlsx）でも、UTF-8またはShift_JISのCSVでもありません。",
    ),
    "wrong-encoding": Text(
        "The file is not CSV text in {encoding}; choose another character encoding or “Detect”.",
        "{encoding}のCSVとして読み取れません。別の文字コードか「自動判定」を選んでください。",
    ),
    "bad-csv": Text("The CSV file cannot be read: {detail}.", "CSVファイルを読み取れません（{detail}）。"),
    "too-many-rows": Text(
        "The file has more than {max} respondent rows; split it into smaller files.",
        "回答者の行が{max}行を超えています。ファイルを分けてください。",
    ),
    "no-items": Text(
        "No column header starts with an item code of this questionnaire (such as {example}).",
        "この質問票の設問コード（例：{example}）で始まる列見出しがありません。",
    ),
    "no-rows": Text("The file has a header row but no answers.", "見出し行はありますが、回答の行がありません。"),
    "unknown-item": Text("{code} is not an item of this questionnaire.", "{code}はこの質問票の設問ではありません。"),
    "duplicate-column": Text(
        "Item {code} has a second column (the first is column {first}).",
        "設問{code}の列が重複しています（最初の列は{first}列）。",
    ),
    "unknown-column": Text(
        "This column is not part of the template; delete it or import with the “Forms export” format.",
        "テンプレートにない列です。削除するか、形式「Formsのエクスポート」で取り込んでください。",
    ),
    "not-a-level": Text(
        "“{value}” is not a level: enter 0 to 4, or N/A.",
        "「{value}」はレベルではありません。0～4またはN/Aを入力してください。",
    ),
    "level-out-of-range": Text(
        "{value} is outside the scale: enter 0 to 4, or N/A.",
        "{value}は尺度の範囲外です。0～4またはN/Aを入力してください。",
    ),
    "na-not-allowed": Text(
        "Item {code} cannot be answered N/A: enter a level from 0 to 4.",
        "設問{code}はN/A（該当なし）にできません。0～4のレベルを入力してください。",
    ),
    "na-reason-missing": Text(
        "N/A for {code} needs a short reason (in the column “{code} N/A reason”).",
        "{code}をN/Aにするには、短い理由が必要です（列「{code} N/Aの理由」）。",
    ),
    "too-long": Text("The text is longer than {max} characters.", "{max}文字を超えています。"),
    "control-character": Text(
        "Remove the invisible control character {char}: it cannot be saved.",
        "目に見えない制御文字{char}を削除してください。保存できません。",
    ),
    "unknown-segment": Text(
        "“{value}” is not a segment of this assessment (use one of: {choices}).",
        "「{value}」はこの評価のセグメントではありません（{choices}のいずれかを入力してください）。",
    ),
    "unknown-language": Text(
        "“{value}” is not a language: enter en or ja.",
        "「{value}」は言語ではありません。enまたはjaを入力してください。",
    ),
    "duplicate-in-file": Text(
        "The label “{label}” is already used in row {first}.", "ラベル「{label}」は{first}行目でも使われています。"
    ),
    "duplicate-existing": Text(
        "A respondent labelled “{label}” already exists in this assessment; give another label.",
        "この評価には「{label}」というラベルの回答者がすでにいます。別のラベルを付けてください。",
    ),
    "no-answers": Text(
        "This row has no answer: fill in at least one item or delete the row.",
        "この行には回答がありません。少なくとも1つの設問に回答するか、行を削除してください。",
    ),
    "more-problems": Text(
        "…and {more} more problems; fix these first.", "ほかに{more}件の問題があります。まず上記を修正してください。"
    ),
}


def problem_text(kind: str, **values: object) -> Text:
    """The message for a problem of ``kind`` with its values filled in, in both languages."""
    text = _PROBLEMS[kind]
    return Text(text.en.format(**values), text.ja.format(**values))


INSTRUCTIONS = (
    Text("How to fill in this template", "このテンプレートの記入方法"),
    Text(
        "One row per respondent; one column per item. Do not change the headers of the first row.",
        "回答者1人につき1行、設問1つにつき1列です。1行目の見出しは変更しないでください。",
    ),
    Text(
        "Respondent label: optional, such as P1 or Table 3. Never enter a person's name or e-mail address.",
        "回答者ラベル：任意（例：P1、テーブル3）。氏名やメールアドレスは入力しないでください。",
    ),
    Text(
        "Segment: choose from the list (or leave empty). Language: en or ja (empty: the template's language).",
        "セグメント：リストから選択します（空欄も可）。言語：enまたはja（空欄の場合はテンプレートの言語）。",
    ),
    Text(
        "Each item: a level from 0 to 4, or N/A where the item allows it; leave it empty if not answered.",
        "各設問：0～4のレベル、または設問が認めている場合はN/Aを入力します。未回答の場合は空欄にします。",
    ),
    Text(
        "N/A needs a short reason in the item's “N/A reason” column.",
        "N/Aにした場合は、その設問の「N/Aの理由」列に短い理由を記入してください。",
    ),
    Text(
        "Upload the file on the assessment's import page: a check lists every problem first, and nothing is "
        "saved until the whole file is correct.",
        "評価の取り込みページでファイルをアップロードします。まずチェックで問題がすべて表示され、"
        "ファイル全体が正しくなるまで何も保存されません。",
    ),
)
"""The instructions sheet, a line each (the first is its title)."""
LEVELS_TITLE = Text("Levels", "レベル")
CHOOSE_FROM_LIST = Text("Choose a value from the list.", "リストから値を選んでください。")
