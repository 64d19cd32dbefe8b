"""The shared input rules: the level parser, the text rule, the e-mail check and the URL shapes."""

from __future__ import annotations

import re
import unicodedata
from importlib import import_module

import pytest
from flask_wtf import FlaskForm
from hypothesis import given
from hypothesis import strategies as st

from assessor.domain import Scale, ScaleLevel, Text
from assessor.inputs import (
    CONVERTERS,
    NA,
    InputForm,
    check_text,
    checked_email,
    control_character,
    parse_level,
)

SCALE = Scale("s", "1", tuple(ScaleLevel(v, Text(str(v), str(v)), Text("", "")) for v in range(5)))


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("3", 3), ("4", 4), (NA, None)])
def test_levels_of_the_scale_and_na_are_parsed(text: str, value: int | None) -> None:
    assert parse_level(text, SCALE) == value


@pytest.mark.parametrize(
    "text",
    ["²", "①", "٣", "３", "9" * 5000, "5", "-1", "+1", "01", " 1", "1 ", "1.0", "1\x00", "NA", "Na", "", "1_0", "0x1"],
)
def test_anything_else_is_refused_with_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="not a level"):
        parse_level(text, SCALE)


@given(st.text(max_size=8))
def test_the_parser_returns_a_level_or_raises_value_error_for_any_text(text: str) -> None:
    try:
        value = parse_level(text, SCALE)
    except ValueError:
        return
    assert value is None and text == NA or (value is not None and text == str(value) and 0 <= value <= 4)


def test_the_level_parser_accepts_no_digit_but_ascii() -> None:
    digits = [chr(c) for c in range(0x110000) if chr(c).isdigit() and not "0" <= chr(c) <= "9"]
    assert len(digits) > 100  # superscripts, circled, Arabic-Indic, full-width, ...
    for digit in digits:
        with pytest.raises(ValueError, match="not a level"):
            parse_level(digit, SCALE)


@given(st.text(max_size=20))
def test_the_text_rule_refuses_exactly_the_control_characters_but_tab_and_line_breaks(text: str) -> None:
    refused = [c for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r"]
    multiline = control_character(text, multiline=True)
    assert (multiline is None) == (not refused)
    if refused:
        assert multiline == f"U+{ord(refused[0]):04X}"
    one_line = [c for c in text if unicodedata.category(c) == "Cc" and c != "\t"]
    assert (control_character(text) is None) == (not one_line)


def test_check_text_names_the_field_and_the_character() -> None:
    assert check_text("Tab\tok", "the name") == "Tab\tok"
    assert check_text("two\r\nlines", "the note", multiline=True) == "two\r\nlines"
    with pytest.raises(ValueError, match=r"the name contains the control character U\+0000"):
        check_text("a\x00b", "the name")
    with pytest.raises(ValueError, match=r"U\+000A"):
        check_text("a\nb", "the name")


@pytest.mark.parametrize("address", ["ceo@client.example", " Mixed.Case@Example.COM ", "山田@例え.jp"])
def test_valid_email_addresses_are_normalised(address: str) -> None:
    assert checked_email(address) == address.strip().lower()


@pytest.mark.parametrize(
    "address",
    ["<b>x</b>@client.example", "x\x00@client.example", "x@client", "x", "x@@client.example", "x@client.example\n"],
)
def test_invalid_email_addresses_are_refused(address: str) -> None:
    with pytest.raises(ValueError, match="e-mail address"):
        checked_email(address)


@pytest.mark.parametrize(
    ("converter", "good", "bad"),
    [
        ("token", ["c-join-token-1234", "Ab_9" * 4], ["short", "a" * 65, "a\x00aaaaaaa", "tok en-12", "ａ" * 10]),
        ("item", ["E1-01", "E12-105"], ["e1-01", "E1-1", "E1_01", "E1-01\x00", "Ｅ1-01"]),
        ("id", ["A", "E3"], ["a", "3", "A-1", "A\x00", "Ａ"]),
    ],
)
def test_url_converters_match_only_the_shape(converter: str, good: list[str], bad: list[str]) -> None:
    pattern = re.compile(CONVERTERS[converter].regex)
    assert all(pattern.fullmatch(value) for value in good)
    assert not any(pattern.fullmatch(value) for value in bad)


def _subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


def test_every_form_of_the_app_applies_the_text_rule() -> None:
    """A new form built on FlaskForm instead of InputForm would skip the rule: this test names it."""
    import_module("assessor")  # the package imports every blueprint, and so every form module
    forms = [f for f in _subclasses(FlaskForm) if f.__module__.startswith("assessor.")]
    assert len(forms) >= 8
    assert [f"{f.__module__}.{f.__qualname__}" for f in forms if not issubclass(f, InputForm)] == []
