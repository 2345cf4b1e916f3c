"""Small server-rendered SVG bar charts (the intersectoral balance), as a pure function of rows.

The chart is an image (`role="img"`, named by its title, summarised by its description); the page
shows a table of the same numbers beside it, so nothing depends on seeing the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Unpack

from maillage.core.svg import BASELINE, Caption, document, ellipsize

FONT_SIZE = 12


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bar_chart(
    bars: Sequence[Bar],
    *,
    id_prefix: str = "chart",
    width: int = 360,
    label_width: int = 160,
    bar_height: int = 16,
    gap: int = 6,
    **caption: Unpack[Caption],
) -> str:
    """Horizontal bars, one per row, longest for the largest value, named by `caption` (`title`,
    `description`); a zero is drawn as a short mark so a missing sector or territory stands out.
    "" when there is no row."""
    if not bars:
        return ""
    largest = max((bar.value for bar in bars), default=0) or 1
    room = width - label_width - 36  # the value is written after the bar
    height = len(bars) * (bar_height + gap) + gap
    rows = []
    for index, bar in enumerate(bars):
        y = gap + index * (bar_height + gap)
        middle = y + bar_height / 2 + FONT_SIZE * BASELINE
        length = room * bar.value / largest if bar.value else 3
        css = "bar" if bar.value else "bar zero"
        label = ellipsize(bar.label, label_width - 8, FONT_SIZE, min_chars=4)
        rows.append(
            f'<text class="bar-label" x="{label_width - 6}" y="{middle:.1f}" '
            f'font-size="{FONT_SIZE}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="{css}" x="{label_width}" y="{y}" width="{length:.1f}" '
            f'height="{bar_height}" rx="2"/>'
            f'<text class="bar-value" x="{label_width + length + 5:.1f}" y="{middle:.1f}" '
            f'font-size="{FONT_SIZE}">{bar.value}</text>'
        )
    return document(
        width, height, rows, id_prefix=id_prefix, css_class="bar-chart", role="img", **caption
    )
