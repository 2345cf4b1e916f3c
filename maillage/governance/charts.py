"""Small server-rendered SVG bar charts (the intersectoral balance), as a pure function of rows.

The chart is an image (`role="img"`, named by its title, summarised by its description); the page
shows a table of the same numbers beside it, so nothing depends on seeing the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT_SIZE = 12
GLYPH_WIDTH = 0.55


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def _fit(text: str, width: float) -> str:
    chars = max(int(width / (FONT_SIZE * GLYPH_WIDTH)), 4)
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str = "",
    id_prefix: str = "chart",
    width: int = 360,
    label_width: int = 160,
    bar_height: int = 16,
    gap: int = 6,
) -> str:
    """Horizontal bars, one per row, longest for the largest value; a zero is drawn as a short
    mark so a missing sector or territory stands out. "" when there is no row."""
    if not bars:
        return ""
    largest = max((bar.value for bar in bars), default=0) or 1
    room = width - label_width - 36  # the value is written after the bar
    height = len(bars) * (bar_height + gap) + gap
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    labelled_by = f"{title_id} {desc_id}" if description else title_id
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{labelled_by}" class="bar-chart">',
        f'<title id="{title_id}">{escape(title)}</title>',
    ]
    if description:
        out.append(f'<desc id="{desc_id}">{escape(description)}</desc>')
    for index, bar in enumerate(bars):
        y = gap + index * (bar_height + gap)
        middle = y + bar_height / 2 + FONT_SIZE * 0.35
        length = room * bar.value / largest if bar.value else 3
        css = "bar" if bar.value else "bar zero"
        out.append(
            f'<text class="bar-label" x="{label_width - 6}" y="{middle:.1f}" '
            f'font-size="{FONT_SIZE}" text-anchor="end">{escape(_fit(bar.label, label_width - 8))}'
            "</text>"
            f'<rect class="{css}" x="{label_width}" y="{y}" width="{length:.1f}" '
            f'height="{bar_height}" rx="2"/>'
            f'<text class="bar-value" x="{label_width + length + 5:.1f}" y="{middle:.1f}" '
            f'font-size="{FONT_SIZE}">{bar.value}</text>'
        )
    out.append("</svg>")
    return "".join(out)
