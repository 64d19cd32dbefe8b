"""Typesetting of the print HTML that CSS cannot express in WeasyPrint.

* **Running header and footer** are CSS strings in ``@page`` margin boxes, built from the
  report's values (:func:`css_string`), so they never depend on an element of the cover that
  could be pushed off its page or clipped.  Long values are shortened with a visible ellipsis
  (:func:`clip`); the cover always shows them in full.
* **Japanese line breaking.**  WeasyPrint 70 supports ``word-break: normal | break-all`` only
  (no ``keep-all``, no ``line-break: strict``); Pango, with ``lang="ja"``, already keeps small
  kana, ``ー`` and closing punctuation off a line start (JIS X 4051), but treats every katakana
  letter as a break opportunity (モニタリン／グ).  :func:`japanese` therefore wraps every
  katakana word in a no-break span, and every phrase (BudouX's segmentation) of a heading or
  table header, so headings never split inside a word.
"""

from __future__ import annotations

import html as html_lib
import re
from functools import cache

import budoux
from markupsafe import Markup, escape

ELLIPSIS = "…"
KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc\u31f0-\u31ff]{2,}")
"""Two or more katakana (with ー and the small katakana extensions): one word, never broken."""
_TOKENS = re.compile(r"(<[^>]*>)")
_TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)")
PHRASE_ELEMENTS = frozenset({"h1", "h2", "h3", "thead", "caption", "dt"})
"""Headings, table headers and captions: their line breaks fall between phrases."""
LONGEST_PHRASE = 14
"""A longer "phrase" (a compound noun) keeps only its katakana words whole, so it can still wrap in a cell."""
SKIP_ELEMENTS = frozenset({"svg", "style", "title", "script"})
"""Text that is not HTML flow (SVG lines are wrapped by :mod:`assessor.reports.radar`)."""


def clip(text: str, limit: int) -> str:
    """``text`` whole if it has at most ``limit`` characters, else cut at a word and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;·-–") + ELLIPSIS


def css_string(text: str) -> Markup:
    """A CSS string literal of ``text`` that is safe inside ``<style>``: anything but letters, digits and spaces
    is written as a hexadecimal escape (ended by a space, which CSS consumes), so no quote, backslash, ``<`` or
    control character can end it."""
    out = []
    for char in text:
        if char == " " or (char.isalnum() and (char.isascii() or char.isprintable())):
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x} ")  # the space ends the escape (CSS eats one after it)
    return Markup('"' + "".join(out) + '"')


@cache
def _parser() -> budoux.Parser:
    return budoux.load_default_japanese_parser()


def _nobr(text: str) -> str:
    return f'<span class="nobr">{escape(text)}</span>'


def _words(text: str) -> str:
    """Escaped ``text`` with its katakana words unbreakable."""
    out, end = [], 0
    for match in KATAKANA_WORD.finditer(text):
        out.append(str(escape(text[end : match.start()])))
        out.append(_nobr(match.group()))
        end = match.end()
    out.append(str(escape(text[end:])))
    return "".join(out)


def _phrases(text: str) -> str:
    """Escaped ``text`` with each phrase unbreakable (a line may break only between phrases or at spaces)."""
    out = []
    for chunk in re.split(r"(\s+)", text):
        if not chunk or chunk.isspace():
            out.append(chunk)
            continue
        out.extend(_nobr(p) if len(p) <= LONGEST_PHRASE else _words(p) for p in _parser().parse(chunk))
    return "".join(out)


def japanese(document: str) -> str:
    """The print HTML with Japanese line breaks fixed in its body (text nodes only; tags untouched)."""
    head, marker, body = document.partition("<body")
    if not marker:
        return document
    tokens = _TOKENS.split(marker + body)
    open_elements: list[str] = []
    for index, token in enumerate(tokens):
        if index % 2:  # a tag
            tag = _TAG.match(token)
            if tag is None or token.endswith("/>"):
                continue
            closing, name = tag.group(1), tag.group(2).lower()
            if closing:
                if name in open_elements:
                    del open_elements[len(open_elements) - 1 - open_elements[::-1].index(name) :]
            elif name not in {"br", "col", "img", "meta", "wbr", "hr", "input", "link"}:
                open_elements.append(name)
            continue
        if not token.strip() or SKIP_ELEMENTS.intersection(open_elements):
            continue
        text = html_lib.unescape(token)
        tokens[index] = _phrases(text) if PHRASE_ELEMENTS.intersection(open_elements) else _words(text)
    return head + "".join(tokens)
