"""The print HTML's typesetting helpers: CSS strings that cannot break out, honest clipping, Japanese words."""

from __future__ import annotations

import re

from assessor.reports.typeset import clip, css_string, japanese


def test_css_string_escapes_everything_that_could_end_it() -> None:
    hostile = 'Org "x" \\ </style><script>alert(1)</script>\n\x00 ; } @page'
    literal = str(css_string(hostile))
    inner = literal[1:-1]
    assert literal.startswith('"') and literal.endswith('"')
    assert not re.search(r'["<>;{}\n\x00]', inner)  # only letters, digits, spaces and \hex escapes
    # Decoding the escapes gives the text back.
    decoded = re.sub(r"\\([0-9a-f]{6}) ", lambda m: chr(int(m.group(1), 16)), inner)
    assert decoded == hostile
    assert str(css_string("株式会社ア 2026年12月2日")) == '"株式会社ア 2026年12月2日"'
    assert str(css_string("Dr. Li")) == '"Dr\\00002e  Li"'  # the space after the name's dot survives


def test_clip_keeps_short_text_and_marks_a_cut() -> None:
    assert clip("Acme.", 60) == "Acme."
    long = "Northern Prefectural Association of Community Hospitals and Clinics"
    clipped = clip(long, 40)
    assert len(clipped) <= 40 and clipped.endswith("…") and long.startswith(clipped[:-1])
    assert clip("北" * 50, 32) == "北" * 31 + "…"


def test_japanese_keeps_katakana_words_and_heading_phrases_whole_and_tags_intact() -> None:
    html = (
        '<html lang="ja"><head><style>a > b { x: 1 }</style><title>エンゲージメント</title></head>'
        '<body class="lang-ja"><h1>A · サービスエクセレンスのためのリーダーシップ</h1>'
        "<p>モニタリングの&lt;b&gt;結果</p><svg><text>エンゲージメント</text></svg></body></html>"
    )
    out = japanese(html)
    assert out.startswith('<html lang="ja"><head><style>a > b { x: 1 }</style><title>エンゲージメント</title>')
    assert '<span class="nobr">モニタリング</span>の&lt;b&gt;結果' in out  # escaping kept
    assert "<text>エンゲージメント</text>" in out  # SVG text is left to the radar's own wrapping
    heading = re.search(r"<h1>(.*?)</h1>", out).group(1)  # type: ignore[union-attr]
    assert "リーダーシップ</span>" in heading and '<span class="nobr">サービスエクセレンスの</span>' in heading
    assert re.sub(r"<[^>]+>", "", out) == re.sub(r"<[^>]+>", "", html)  # the text itself is unchanged
