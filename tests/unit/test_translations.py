"""The Japanese UI catalogue is complete, and the compiled .mo matches the .po."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.helpers import ROOT

PO = ROOT / "assessor" / "translations" / "ja" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def _source_ids() -> set[object]:
    method_map = [("assessor/**.py", "python"), ("templates/**.html", "jinja2")]
    ids: set[object] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=KEYWORDS
    ):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def test_every_ui_string_has_a_japanese_translation() -> None:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="ja")
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translated[key] = all(strings) and "fuzzy" not in message.flags
    missing = sorted(str(i) for i in _source_ids() if not translated.get(i))
    assert missing == [], "run scripts/i18n.sh and translate these"


def _pairs(messages: object) -> dict[object, object]:
    def norm(value: object) -> object:
        return tuple(value) if isinstance(value, (list, tuple)) else value

    return {norm(m.id): norm(m.string) for m in messages if m.id}  # type: ignore[attr-defined]


def test_compiled_catalogue_is_current() -> None:
    with PO.open("rb") as handle:
        po = _pairs(read_po(handle, locale="ja"))
    with MO.open("rb") as handle:
        mo = _pairs(read_mo(handle))
    assert mo == po, "run scripts/i18n.sh to recompile messages.mo"
