"""The SVG map renderer is pure: shapes and values in, markup out."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from maillage.territories import maps
from maillage.territories.tests.factories import square

SVG = "{http://www.w3.org/2000/svg}"


def area(key, lon, lat, value=None, size=1.0, **extra):
    return maps.Area(
        key=key,
        name=extra.pop("name", f"Territoire {key}"),
        href=f"/territoires/{key}/",
        geometry=square(lon, lat, size),
        value=value,
        **extra,
    )


def test_nothing_to_draw_gives_none():
    assert maps.render([], title="Vide") is None


def test_each_area_is_a_named_link_around_a_path():
    rendered = maps.render(
        [area("a", -72, 46, 100), area("b", -71, 46, 2000)], title="Population", description="Deux"
    )
    assert rendered is not None
    root = ET.fromstring(rendered.svg)  # noqa: S314
    assert root.get("aria-labelledby") == "map-title map-desc"
    assert root.get("role") is None  # links inside an image role would be hidden
    assert root.find(f"{SVG}title").text == "Population"
    links = root.findall(f".//{SVG}a")
    assert [link.get("href") for link in links] == ["/territoires/a/", "/territoires/b/"]
    for link in links:
        path = link.find(f"{SVG}path")
        assert link.get("aria-label")
        assert path.find(f"{SVG}title").text == link.get("aria-label")
        assert re.fullmatch(r"fill-[1-5]", path.get("class"))
    labels = root.find(f".//{SVG}g[@class='labels']")
    assert labels.get("aria-hidden") == "true"
    assert [t.text for t in labels.findall(f"{SVG}text")] == ["Territoire a", "Territoire b"]


def test_names_and_links_are_escaped():
    rendered = maps.render([area("x", -72, 46, 1, name='<script>"&', label="A & B")], title="T < U")
    assert rendered is not None
    assert "<script>" not in rendered.svg
    root = ET.fromstring(rendered.svg)  # noqa: S314 (still well-formed XML)
    assert root.find(f".//{SVG}a").get("aria-label") == "A & B"
    assert root.find(f".//{SVG}text").text == '<script>"&'


def test_projection_keeps_proportions_and_fills_the_width():
    # One degree of longitude is cos(latitude) as long as one degree of latitude.
    rendered = maps.render(
        [area("a", -72, 60, 1, size=2.0)], title="t", width=400, padding=0, labels=False
    )
    assert rendered is not None
    assert rendered.width == 400
    assert rendered.height == 640  # the default height limit
    tall = maps.render(
        [area("a", -72, 60, 1, size=2.0)], title="t", width=400, max_height=10_000, padding=0
    )
    assert tall is not None
    assert tall.height == math.ceil(400 / math.cos(math.radians(61)))
    xs = [float(v) for v in re.findall(r"([\d.]+),[\d.]+", tall.svg.split(' d="')[1])]
    assert min(xs) == pytest.approx(0, abs=0.1)
    assert max(xs) == pytest.approx(400, abs=0.1)


def test_height_is_capped_and_drawing_centred():
    rendered = maps.render(
        [area("a", -72, 46, 1, size=1.0)], title="t", width=800, max_height=200, padding=0
    )
    assert rendered is not None
    assert rendered.height == 200
    xs = [float(v) for v in re.findall(r"([\d.]+),[\d.]+", rendered.svg.split(' d="')[1])]
    assert (min(xs) + max(xs)) / 2 == pytest.approx(400, abs=0.2)


def test_north_is_up():
    rendered = maps.render(
        [area("south", -72, 46, 1), area("north", -72, 48, 2)], title="t", labels=False
    )
    assert rendered is not None
    paths = re.findall(r' d="M([\d.]+),([\d.]+)', rendered.svg)
    south_y, north_y = float(paths[0][1]), float(paths[1][1])
    assert north_y < south_y


def test_holes_use_even_odd_rule():
    geometry = {
        "type": "Polygon",
        "coordinates": [
            [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
            [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]],
        ],
    }
    rendered = maps.render(
        [maps.Area(key="h", name="Troué", href="/h/", geometry=geometry, value=1)], title="t"
    )
    assert rendered is not None
    assert 'fill-rule="evenodd"' in rendered.svg
    assert rendered.svg.count("Z") == 2


def test_multipolygons_draw_every_part():
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [square(0, 0)["coordinates"], square(3, 3)["coordinates"]],
    }
    rendered = maps.render(
        [maps.Area(key="m", name="Îles", href="/m/", geometry=geometry, value=1)], title="t"
    )
    assert rendered is not None
    path = re.search(r' d="([^"]+)"', rendered.svg)
    assert path is not None
    assert path.group(1).count("M") == 2


def test_quantile_classes_on_region_03_populations():
    populations = [15409, 13371, 6817, 30240, 47813, 588777, 55523]
    legend = maps.class_breaks(populations)
    assert [entry.index for entry in legend] == [1, 2, 3, 4, 5]
    assert legend[0].low == 6817
    assert legend[-1].high == 588777
    assert maps.class_of(6817, legend) == 1
    assert maps.class_of(588777, legend) == 5
    assert maps.class_of(None, legend) == maps.NO_DATA
    # Every value falls in exactly one class and classes do not overlap.
    for previous, entry in itertools.pairwise(legend):
        assert previous.high < entry.low


def test_few_values_spread_over_the_ramp():
    legend = maps.class_breaks([10, 10, 500])
    assert [(e.index, e.low, e.high) for e in legend] == [(1, 10, 10), (5, 500, 500)]
    assert maps.class_breaks([]) == ()
    assert [e.index for e in maps.class_breaks([7])] == [3]


def test_missing_values_are_flagged():
    rendered = maps.render([area("a", -72, 46, None), area("b", -71, 46, 5)], title="t")
    assert rendered is not None
    assert rendered.has_missing
    assert rendered.classes == {"a": maps.NO_DATA, "b": 3}
    assert 'class="fill-0"' in rendered.svg


def test_current_area_is_marked():
    rendered = maps.render([area("a", -72, 46, 1, current=True), area("b", -71, 46, 2)], title="t")
    assert rendered is not None
    assert rendered.svg.count('aria-current="page"') == 1
    assert '<a href="/territoires/a/" aria-label="Territoire a" aria-current="page"' in rendered.svg


def test_ids_use_the_prefix():
    rendered = maps.render([area("a", -72, 46, 1)], title="t", id_prefix="region-map")
    assert rendered is not None
    assert 'id="region-map-title"' in rendered.svg


def test_labels_have_a_light_backing_wide_enough():
    rendered = maps.render([area("a", -72, 46, 1, name="Sainte-Catherine")], title="t")
    assert rendered is not None
    rect = re.search(r'class="label-bg" x="([\d.-]+)" y="[\d.-]+" width="([\d.]+)"', rendered.svg)
    text = re.search(r'<text x="([\d.]+)"', rendered.svg)
    assert rect and text
    left, width = float(rect.group(1)), float(rect.group(2))
    assert width > len("Sainte-Catherine") * 0.55 * maps.LABEL_FONT_SIZE
    assert left + width / 2 == pytest.approx(float(text.group(1)), abs=0.1)
