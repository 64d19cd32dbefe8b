"""Interactive Plotly charts for the web pages (the PDF draws its own SVG; see the README)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from assessor.reports.radar import wrap

# Okabe-Ito: distinguishable with every common form of colour blindness.
CURRENT_COLOUR = "#0072B2"
TARGET_COLOUR = "#D55E00"
SEGMENT_COLOURS = ("#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


@dataclass(frozen=True, slots=True)
class RadarSeries:
    """One polygon: a value (0-100 %, or None when there is no firm score) per axis."""

    name: str
    values: Sequence[float | None]
    colour: str
    dash: str = "solid"
    fill: bool = False


LABEL_FONT_SIZE = 13
"""Axis label size of the web radar (px); labels wrap at LABEL_WIDTH so Plotly never cuts them off."""
LABEL_WIDTH = 170


def wrap_label(label: str) -> str:
    """Break a long axis label into lines, by the same rule as the PDF radar (Japanese-aware)."""
    return "<br>".join(wrap(label, LABEL_WIDTH, LABEL_FONT_SIZE))


def radar_json(axes: Sequence[str], series: Sequence[RadarSeries]) -> str:
    """Return the Plotly figure as JSON that is safe to embed in a ``<script type="application/json">``."""
    labels = [wrap_label(a) for a in axes]
    fig = go.Figure()
    for s in series:
        # Close the polygon by repeating the first point.
        fig.add_trace(
            go.Scatterpolar(
                r=[*s.values, s.values[0]] if s.values else [],
                theta=[*labels, labels[0]] if labels else [],
                name=s.name,
                mode="lines+markers",
                line={"color": s.colour, "dash": s.dash, "width": 2.5},
                marker={"size": 6},
                fill="toself" if s.fill else "none",
                fillcolor=_translucent(s.colour) if s.fill else None,
                connectgaps=False,
                hovertemplate="%{theta}: %{r:.0f} %<extra>" + s.name + "</extra>",
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
