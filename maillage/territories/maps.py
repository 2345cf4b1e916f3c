"""Server-rendered SVG choropleth maps, as a pure function of shapes and values.

No database, no request, no JavaScript: the caller passes each area's geometry (GeoJSON, WGS84),
link, value and accessible label, and gets back SVG markup plus the legend it used. Longitude and
latitude are projected equirectangularly, longitudes scaled by the cosine of the mean latitude so
shapes keep their proportions at Québec's latitudes, then fitted to the view box.

Each area is an `<a href>` (keyboard reachable, named by `aria-label`) holding a `<path>` with a
`<title>` (tooltip). Labels are drawn in a separate group hidden from assistive technology, since
the links already carry the names. The page shows an accessible table of the same data beside it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, Unpack

from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.ops import polylabel

from maillage.core.svg import Caption, document, group, link, text_width

CLASS_COUNT = 5
NO_DATA = 0  # class of an area without a value: drawn with `fill-0`
# Labels sit on a light backing so their contrast never depends on the fills beneath (a long
# name spans several areas). The backing is sized from the label font size set by the CSS
# (`.choropleth text`) and an average glyph width.
LABEL_FONT_SIZE = 14
GLYPH_WIDTH = 0.62  # em


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    href: str
    geometry: Mapping[str, Any]  # GeoJSON Polygon or MultiPolygon, longitude/latitude
    value: float | None = None
    label: str = ""  # accessible name and tooltip; the name when empty
    current: bool = False  # the page being viewed: marked with aria-current


@dataclass(frozen=True)
class LegendClass:
    index: int  # 1 to 5, the CSS class fill-<index>
    low: float
    high: float


@dataclass(frozen=True)
class RenderedMap:
    svg: str
    width: int
    height: int
    legend: tuple[LegendClass, ...]
    classes: Mapping[str, int]  # area key → legend index, NO_DATA without a value
    has_missing: bool


def class_breaks(values: Sequence[float], count: int = CLASS_COUNT) -> tuple[LegendClass, ...]:
    """Quantile classes: each holds about the same number of areas, so a region dominated by
    one large city still shows contrast between its rural MRCs."""
    ordered = sorted(values)
    if not ordered:
        return ()
    ranges: list[tuple[float, float]] = []
    n = len(ordered)
    for i in range(count):
        chunk = ordered[i * n // count : (i + 1) * n // count]
        if ranges:  # equal values never straddle two classes: they stay in the first
            chunk = [v for v in chunk if v > ranges[-1][1]]
        if chunk:
            ranges.append((chunk[0], chunk[-1]))
    # Spread the colours over the whole ramp (CLASS_COUNT colours) when there are fewer classes
    # than colours, so neighbouring classes stay easy to tell apart; a lone class takes the
    # middle one.
    last = len(ranges) - 1
    return tuple(
        LegendClass(
            index=1 + round(i * (CLASS_COUNT - 1) / last) if last else (CLASS_COUNT + 1) // 2,
            low=low,
            high=high,
        )
        for i, (low, high) in enumerate(ranges)
    )


def class_of(value: float | None, legend: Sequence[LegendClass]) -> int:
    if value is None or not legend:
        return NO_DATA
    for entry in legend:
        if value <= entry.high:
            return entry.index
    return legend[-1].index


def _polygons(geometry: Any) -> list[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]


class _Projection:
    """Equirectangular projection fitted into a `width` × at most `max_height` box."""

    def __init__(
        self, bounds: tuple[float, float, float, float], width: int, max_height: int, padding: int
    ) -> None:
        min_lon, min_lat, max_lon, max_lat = bounds
        self.k = math.cos(math.radians((min_lat + max_lat) / 2))
        span_x = max((max_lon - min_lon) * self.k, 1e-9)
        span_y = max(max_lat - min_lat, 1e-9)
        self.scale = min((width - 2 * padding) / span_x, (max_height - 2 * padding) / span_y)
        self.width = width
        self.height = math.ceil(span_y * self.scale + 2 * padding)
        # Centre horizontally when the height limit made the drawing narrower than the box.
        self.x0 = (width - span_x * self.scale) / 2 - min_lon * self.k * self.scale
        self.y0 = padding + max_lat * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.x0 + lon * self.k * self.scale, self.y0 - lat * self.scale)


def _ring_path(coords: Any, project: _Projection) -> str:
    points: list[str] = []
    for lon, lat, *_ in coords:
        x, y = project(lon, lat)
        point = f"{x:.1f},{y:.1f}"
        if not points or points[-1] != point:  # points closer than the drawing's precision
            points.append(point)
    if len(points) < 3:
        return ""
    return "M" + " ".join(points) + "Z"


def _path_data(polygons: Sequence[Polygon], project: _Projection) -> str:
    parts = []
    for polygon in polygons:
        for ring in (polygon.exterior, *polygon.interiors):
            part = _ring_path(ring.coords, project)
            if part:
                parts.append(part)
    return "".join(parts)


def _label(area: Area, polygons: Sequence[Polygon], project: _Projection) -> str:
    """The name at the pole of inaccessibility of the largest part, on its light backing."""
    largest = max(polygons, key=lambda p: p.area)
    point = polylabel(largest, tolerance=max(largest.length / 200, 1e-6))
    x, y = project(point.x, point.y)
    box_width = text_width(area.name, LABEL_FONT_SIZE, GLYPH_WIDTH) + 8
    return (
        f'<rect class="label-bg" x="{x - box_width / 2:.1f}" y="{y - LABEL_FONT_SIZE:.1f}" '
        f'width="{box_width:.1f}" height="{LABEL_FONT_SIZE * 1.35:.1f}" rx="3"/>'
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{escape(area.name)}</text>'
    )


def render(
    areas: Sequence[Area],
    *,
    id_prefix: str = "map",
    labels: bool = True,
    width: int = 800,
    max_height: int = 640,
    padding: int = 12,
    class_count: int = CLASS_COUNT,
    defs: str = "",
    **caption: Unpack[Caption],
) -> RenderedMap | None:
    """The SVG map of `areas` named by `caption` (`title`, `description`), or None when none
    has a drawable shape. `class_count` caps the number of classes (quantiles); `defs` is
    markup declared before the areas (a pattern that `.fill-0` uses, see `core.svg`)."""
    shapes = [(area, _polygons(shape(area.geometry))) for area in areas]
    shapes = [(area, polygons) for area, polygons in shapes if polygons]
    if not shapes:
        return None
    bounds = MultiPolygon([p for _, polygons in shapes for p in polygons]).bounds
    project = _Projection(bounds, width, max_height, padding)
    legend = class_breaks([a.value for a, _ in shapes if a.value is not None], class_count)
    classes = {area.key: class_of(area.value, legend) for area, _ in shapes}

    links = []
    for area, polygons in shapes:
        shape_attrs = (
            f'class="fill-{classes[area.key]}" fill-rule="evenodd" '
            f'd="{_path_data(polygons, project)}"'
        )
        current = {"aria-current": "page", "class": "current"} if area.current else None
        links.append(link(area.href, area.label or area.name, "path", shape_attrs, current))
    parts = [defs, group("areas", links)] if defs else [group("areas", links)]
    if labels:
        names = [_label(area, polygons, project) for area, polygons in shapes]
        parts.append(group("labels", names, hidden=True))
    w, h = project.width, project.height
    svg = document(w, h, parts, id_prefix=id_prefix, css_class="choropleth", **caption)
    return RenderedMap(
        svg=svg,
        width=w,
        height=h,
        legend=legend,
        classes=classes,
        has_missing=any(c == NO_DATA for c in classes.values()),
    )
