"""The text and level rules every entry point shares, without the web: control characters and levels.

Pure (standard library and the domain only), so that the forms (:mod:`assessor.inputs`) and the
offline-answers reader (:mod:`assessor.offline`) apply one rule. See :mod:`assessor.inputs` for the
rules themselves.
"""

from __future__ import annotations

import re

from assessor.domain import Scale

NA = "na"
"""The value for "not applicable" in forms and the autosave API."""

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
"""Control characters refused in one-line text (tab allowed, line breaks not)."""
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters refused in multi-line text (tab, LF and CR allowed)."""
_LEVEL = re.compile(r"0|[1-9][0-9]?")
"""A level as a form sends it: ASCII digits, no sign, no leading zero, no space (``re`` [0-9] is ASCII)."""


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """Return the first refused control character of ``text`` as ``U+XXXX``, or None if there is none."""
    found = (_CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def parse_level(text: str, scale: Scale) -> int | None:
    """A submitted level: its value, or None for ``na`` (whether N/A is allowed is the caller's rule).

    :raise ValueError: for anything that is not ASCII digits naming a level of ``scale``, or ``na``.
    """
    if text == NA:
        return None
    if not _LEVEL.fullmatch(text):
        raise ValueError(f"not a level: {text[:20]!r}")
    value = int(text)
    if value not in {level.value for level in scale.levels}:
        raise ValueError(f"not a level of the scale: {value}")
    return value
