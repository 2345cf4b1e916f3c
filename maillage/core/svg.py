"""Markup shared by the server-rendered SVG maps and charts: pure functions of strings and numbers.

A drawing is a `document` (named by its title and description through `aria-labelledby`) of
`group`s, `link`s around shapes and `text`. Text is measured with an average glyph width, since
the server does not know the fonts: callers leave some slack around it. Text, names and links are
escaped here; identifiers (ids, classes, roles) come from code and are written as given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import NotRequired, TypedDict, Unpack

GLYPH_WIDTH = 0.55  # average glyph width of the interface's sans-serif faces, in em
LINE_HEIGHT = 1.2  # in em
BASELINE = 0.35  # from the middle of a line to its baseline, in em
ELLIPSIS = "…"
MIN_CHARS = 3  # a word is never cut shorter: it stays recognisable


class Caption(TypedDict):
    """The name of a drawing, declared once: each renderer takes it as keyword arguments
    (`**caption: Unpack[Caption]`) and passes it on to `document`."""

    title: str
    description: NotRequired[str]  # when the drawing says more than its title


def document(
    width: int,
    height: int,
    parts: Iterable[str],
    *,
    id_prefix: str,
    css_class: str,
    role: str | None = None,
    title: str,
    description: str = "",
) -> str:
    """An `<svg>` holding `parts`, named by its `<title>` and, when given, described by its
    `<desc>`. `role="img"` suits a drawing without links only: assistive technology does not
    look inside an image, so it would hide them."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    labelled_by = f"{title_id} {desc_id}" if description else title_id
    role_attr = f' role="{role}"' if role else ""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}"{role_attr} aria-labelledby="{labelled_by}" class="{css_class}">'
        f'<title id="{title_id}">{escape(title)}</title>'
    )
    desc = f'<desc id="{desc_id}">{escape(description)}</desc>' if description else ""
    return head + desc + "".join(parts) + "</svg>"


def group(css_class: str, parts: Iterable[str], *, hidden: bool = False) -> str:
    """`parts` in a `<g>`; a `hidden` one is left out by assistive technology (names drawn over
    shapes whose links already carry them)."""
    aria = ' aria-hidden="true"' if hidden else ""
    return f'<g class="{css_class}"{aria}>' + "".join(parts) + "</g>"


def link(
    href: str,
    label: str,
    tag: str,
    shape_attrs: str,
    attrs: Mapping[str, str] | None = None,
    *,
    compact: bool = False,
) -> str:
    """A link around one shape (`<tag shape_attrs>`, attributes already formatted): keyboard
    reachable, named by `label`, which the shape also shows as its tooltip. `attrs` (classes,
    `aria-current="page"` on the link to the page being viewed) follow the name in their order.

    `compact` writes the name once, as the link's own first child `<title>`, which names the
    link for assistive technology and is its tooltip: for drawings of hundreds of links, where
    the name written twice (`aria-label` and the shape's `<title>`) weighs on the page."""
    name = escape(label)
    extra = "".join(f' {key}="{value}"' for key, value in (attrs or {}).items())
    if compact:
        return f'<a href="{escape(href)}"{extra}><title>{name}</title><{tag} {shape_attrs}/></a>'
    return (
        f'<a href="{escape(href)}" aria-label="{name}"{extra}>'
        f"<{tag} {shape_attrs}><title>{name}</title></{tag}></a>"
    )


def text(
    x: float,
    y: float,
    lines: Sequence[str],
    font_size: float,
    css_class: str,
    lang: str = "",
    *,
    compact: bool = False,
) -> str:
    """`lines` centred on (x, y), one `<tspan>` each; `lang` marks text in another language
    than the page's. "" without lines. `compact` writes whole coordinates, each line after the
    first as a step down (`dy`), and leaves the font's size and the anchor to the stylesheet
    (through `css_class`): for drawings of hundreds of names, thousands of units wide."""
    if not lines:
        return ""
    language = f' lang="{escape(lang)}"' if lang else ""
    step = font_size * LINE_HEIGHT
    first = y - step * (len(lines) - 1) / 2 + font_size * BASELINE
    if compact:
        spans = "".join(
            f'<tspan x="{x:.0f}" y="{first:.0f}">{escape(line)}</tspan>'
            if i == 0
            else f'<tspan x="{x:.0f}" dy="{step:g}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
    else:
        spans = "".join(
            f'<tspan x="{x:.1f}" y="{first + i * step:.1f}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
    style = "" if compact else f' font-size="{font_size:g}" text-anchor="middle"'
    return f'<text class="{css_class}"{style}{language}>{spans}</text>'


def hatch_pattern(pattern_id: str, css_class: str, *, size: int = 8) -> str:
    """`<defs>` declaring a hatching (a light ground crossed by diagonal lines) that shapes fill
    with `url(#pattern_id)`: what a map shows where it has no figure, so that "nothing" never
    reads as one more shade of the scale, in colour or in greyscale. Its ground and lines are
    drawn by the classes `<css_class>-ground` and `<css_class>-line`; the legend's swatch is
    the stylesheet's gradient of the same colours."""
    return (
        f'<defs><pattern id="{pattern_id}" width="{size}" height="{size}" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect class="{css_class}-ground" width="{size}" height="{size}"/>'
        f'<line class="{css_class}-line" x1="0" y1="0" x2="0" y2="{size}"/></pattern></defs>'
    )


# Fitting text


def text_width(text: str, font_size: float, glyph_width: float = GLYPH_WIDTH) -> float:
    """The estimated width of `text` at `font_size`."""
    return len(text) * font_size * glyph_width


def _chars(width: float, font_size: float, glyph_width: float, min_chars: int) -> int:
    return max(int(width / (font_size * glyph_width)), min_chars)


def _cut(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + ELLIPSIS


def ellipsize(
    text: str,
    width: float,
    font_size: float,
    *,
    glyph_width: float = GLYPH_WIDTH,
    min_chars: int = MIN_CHARS,
) -> str:
    """`text`, cut with a final "…" when it does not fit `width` at `font_size`; never shorter
    than `min_chars` characters, however narrow the space."""
    return _cut(text, _chars(width, font_size, glyph_width, min_chars))


def wrap(
    text: str,
    width: float,
    font_size: float,
    max_lines: int,
    *,
    glyph_width: float = GLYPH_WIDTH,
) -> list[str]:
    """`text` in lines that fit `width` at `font_size`, broken between words; a word too long
    for a line is cut, and the last line ends with "…" when the text needs more than
    `max_lines`."""
    chars = _chars(width, font_size, glyph_width, MIN_CHARS)
    lines: list[str] = []
    current = ""
    truncated = False
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= chars:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        if len(lines) == max_lines:
            truncated = True
            break
    else:
        if current:
            lines.append(current)
    if len(lines) > max_lines:
        lines, truncated = lines[:max_lines], True
    lines = [_cut(line, chars) for line in lines]
    if truncated and lines:
        last = lines[-1].rstrip(" " + ELLIPSIS)
        if len(last) >= chars:  # make room for the ellipsis: drop the last word, or cut
            last = last.rsplit(" ", 1)[0] if " " in last else last[: chars - 1]
        lines[-1] = last.rstrip() + ELLIPSIS
    return lines


# Bar charts


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # the bar's length, against the chart's largest value
    shown: str = ""  # what is written after the bar ("12 (40 %)"); the value when empty
    css_class: str = ""  # a class added to the bar (a series' colour), besides its label


def bar_chart(
    bars: Sequence[Bar],
    *,
    largest: float | None = None,
    id_prefix: str = "chart",
    width: int = 360,
    label_width: int = 160,
    bar_height: int = 16,
    gap: int = 6,
    font_size: int = 12,
    figure_room: int = 36,
    **caption: Unpack[Caption],
) -> str:
    """Horizontal bars, one per row, their length `value / largest` (the largest value by
    default), each named by its label written beside it and its figure written after it (room
    for it: `figure_room`), so nothing depends on colour; a zero is drawn as a short mark so a
    missing row stands out. The chart is an image named by `caption`; the page shows a table of
    the same figures beside it. "" when there is no row."""
    if not bars:
        return ""
    top = largest or max((bar.value for bar in bars), default=0) or 1
    room = width - label_width - figure_room
    height = len(bars) * (bar_height + gap) + gap
    rows = []
    for index, bar in enumerate(bars):
        y = gap + index * (bar_height + gap)
        middle = y + bar_height / 2 + font_size * BASELINE
        length = max(room * bar.value / top, 3)
        css = "bar" if bar.value else "bar zero"
        if bar.css_class:
            css = f"{css} {bar.css_class}"
        label = ellipsize(bar.label, label_width - 8, font_size, min_chars=4)
        figure = bar.shown or f"{bar.value:g}"
        rows.append(
            f'<text class="bar-label" x="{label_width - 6}" y="{middle:.1f}" '
            f'font-size="{font_size}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="{css}" x="{label_width}" y="{y}" width="{length:.1f}" '
            f'height="{bar_height}" rx="2"/>'
            f'<text class="bar-value" x="{label_width + length + 6:.1f}" y="{middle:.1f}" '
            f'font-size="{font_size}">{escape(figure)}</text>'
        )
    return document(
        width, height, rows, id_prefix=id_prefix, css_class="bar-chart", role="img", **caption
    )


# Line charts


@dataclass(frozen=True)
class Point:
    label: str  # written under the point (a year, a period)
    value: float
    shown: str = ""  # written above the point; the value when empty


def line_chart(
    points: Sequence[Point],
    *,
    id_prefix: str = "chart",
    width: int = 360,
    height: int = 160,
    font_size: int = 12,
    **caption: Unpack[Caption],
) -> str:
    """A series over time: its points joined by a line, each marked by a dot with its figure
    written above and its label (the period) below, so the chart reads without colour. The vertical
    axis starts at zero unless a value is negative, so that small changes are not magnified. An
    image named by `caption`; the page shows the same figures in a table. "" with fewer than two
    points (a single figure is no trend)."""
    if len(points) < 2:
        return ""
    margin_x = max(text_width(p.shown or f"{p.value:g}", font_size) for p in points) / 2 + 4
    top_room, bottom_room = font_size * 2, font_size * 2
    low = min(0.0, *(p.value for p in points))
    high = max(0.0, *(p.value for p in points))
    span = (high - low) or 1
    plot = height - top_room - bottom_room
    step = (width - 2 * margin_x) / (len(points) - 1)

    def y_of(value: float) -> float:
        return top_room + plot * (high - value) / span

    coordinates = [(margin_x + index * step, y_of(p.value)) for index, p in enumerate(points)]
    baseline = y_of(0)
    parts = [
        f'<line class="line-axis" x1="{margin_x:.1f}" y1="{baseline:.1f}" '
        f'x2="{width - margin_x:.1f}" y2="{baseline:.1f}"/>',
        '<polyline class="line" fill="none" points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
        + '"/>',
    ]
    for (x, y), point in zip(coordinates, points, strict=True):
        figure = point.shown or f"{point.value:g}"
        parts.append(
            f'<circle class="line-point" cx="{x:.1f}" cy="{y:.1f}" r="3"/>'
            f'<text class="line-value" x="{x:.1f}" y="{y - 7:.1f}" font-size="{font_size}" '
            f'text-anchor="middle">{escape(figure)}</text>'
            f'<text class="line-label" x="{x:.1f}" y="{height - font_size * 0.5:.1f}" '
            f'font-size="{font_size}" text-anchor="middle">{escape(point.label)}</text>'
        )
    return document(
        width, height, parts, id_prefix=id_prefix, css_class="line-chart", role="img", **caption
    )
