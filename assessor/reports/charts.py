"""Interactive Plotly charts for the web pages (the PDF draws its own SVG from the same series)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import plotly.io as pio

from assessor.reports import palette
from assessor.reports.radar import wrap
from assessor.reports.series import Series

LABEL_FONT_SIZE = 13
"""Axis label size of the web radar (px); labels wrap at LABEL_WIDTH so Plotly never cuts them off."""
LABEL_WIDTH = 170
DASH = {"current": "solid", "target": "dash"}
"""Line style per series; previous assessment and segments are dotted, as in the PDF."""


def wrap_label(label: str) -> str:
    """Break a long axis label into lines, by the same rule as the PDF radar (Japanese-aware)."""
    return "<br>".join(wrap(label, LABEL_WIDTH, LABEL_FONT_SIZE))


def radar_json(axes: Sequence[str], series: Sequence[Series], names: Mapping[str, str]) -> str:
    """Return the Plotly figure as JSON that is safe to embed in a ``<script type="application/json">``.

    :param names: the legend name of each series key, in the page language (``current`` …);
        segment series are named by their segment, with ``names[segment]`` when given.
    """
    labels = [wrap_label(a) for a in axes]
    fig = go.Figure()
    segment_index = 0
    for s in series:
        colour = palette.series_colour(s.key, segment_index)
        if s.key == "segment":
            segment_index += 1
            name = f"{names.get(s.segment or '', s.segment or '')} (n={s.respondents})"
        else:
            name = names[s.key]
        fill = s.key == "current"
        values = list(s.values)
        # Close the polygon by repeating the first point.
        fig.add_trace(
            go.Scatterpolar(
                r=[*values, values[0]] if values else [],
                theta=[*labels, labels[0]] if labels else [],
                name=name,
                mode="lines+markers",
                line={"color": colour, "dash": DASH.get(s.key, "dot"), "width": 2.5},
                marker={"size": 6},
                fill="toself" if fill else "none",
                fillcolor=_translucent(colour) if fill else None,
                connectgaps=False,
                hovertemplate="%{theta}: %{r:.0f} %<extra>" + name + "</extra>",
            )
        )
    fig.update_layout(
        polar={
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [25, 50, 75, 100],
                "ticksuffix": " %",
                "angle": 70,
                "tickfont": {"size": 11},
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
        legend={"orientation": "h", "y": -0.1},
        margin={"l": 130, "r": 130, "t": 70, "b": 40},
        font={"family": "BIZ UDPGothic, Noto Sans JP, sans-serif", "size": LABEL_FONT_SIZE},
        height=560,
    )
    raw = pio.to_json(fig, validate=False)
    # JSON inside a <script> element must not be able to close it.
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _translucent(hex_colour: str, alpha: float = 0.25) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"
