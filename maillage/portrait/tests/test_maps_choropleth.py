"""An indicator's choropleth: classes and colours follow the values, the legend shows the
computed breaks, a territory without a value is hatched and says so in the table."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from maillage.portrait.tests.maps_helpers import region_with_values
from maillage.portrait.views.maps import class_count
from maillage.territories import maps

pytestmark = pytest.mark.django_db
NB = "\u00a0"  # French puts a no-break space before a colon and a percent sign

# Nine MRCs: quantiles in three classes of three; the tenth has no value.
AMOUNTS = [4.0, 1.0, 9.0, 2.0, 8.0, 3.0, 7.0, 5.0, 6.0, None]


def fills(page: str) -> dict[str, str]:
    """`{territory's accessible name: its path's class}` read from the SVG."""
    return dict(re.findall(r'<a href="[^"]*" aria-label="([^"]*)"><path class="(fill-\d)"', page))


def test_each_territory_is_filled_with_the_colour_of_its_class(client):
    place = region_with_values(AMOUNTS)
    page = client.get(reverse("portrait:indicator_map", kwargs={"key": "taux_test"})).text
    present = [a for a in AMOUNTS if a is not None]
    assert class_count(present) == 3
    legend = maps.class_breaks(present, 3)
    assert [(e.low, e.high) for e in legend] == [(1.0, 3.0), (4.0, 6.0), (7.0, 9.0)]
    # Three classes spread over the ramp: the lightest, the middle and the darkest colour.
    assert [e.index for e in legend] == [1, 3, 5]
    found = fills(page)
    assert len(found) == len(AMOUNTS)
    for mrc, amount in zip(place.mrcs, AMOUNTS, strict=True):
        (label, css) = next((k, v) for k, v in found.items() if k.startswith(f"{mrc.name}{NB}:"))
        expected = "fill-0" if amount is None else f"fill-{maps.class_of(amount, legend)}"
        assert css == expected, label
    assert found[f"MRC B{NB}: 1{NB}% (2021)"] == "fill-1"
    assert found[f"MRC E{NB}: 8{NB}% (2021)"] == "fill-5"
    assert found[f"MRC J{NB}: aucune donnée"] == "fill-0"


def test_the_legend_shows_the_computed_breaks_and_the_hatching(client):
    region_with_values(AMOUNTS)
    page = client.get(reverse("portrait:indicator_map", kwargs={"key": "taux_test"})).text
    legend = page[page.index('class="map-legend"') :]
    legend = legend[: legend.index("</ul>")]
    bounds = re.findall(r'class="swatch (fill-\d)".*?class="legend-bounds">([^<]*)<', legend)
    assert bounds == [
        ("fill-1", "1\u00a0% à 3\u00a0%"),
        ("fill-3", "4\u00a0% à 6\u00a0%"),
        ("fill-5", "7\u00a0% à 9\u00a0%"),
    ]
    assert "Aucune donnée (hachuré)" in legend
    # The hatching is an SVG pattern, declared in the drawing, that the stylesheet fills with.
    assert '<pattern id="portrait-no-data"' in page
    assert f"Plus pâle{NB}: valeurs plus faibles; plus foncé{NB}: valeurs plus élevées." in page
    assert "Ici, une valeur plus élevée est défavorable." in page


def test_a_territory_without_value_says_so_in_the_table(client):
    region_with_values(AMOUNTS)
    page = client.get(reverse("portrait:indicator_map", kwargs={"key": "taux_test"})).text
    table = page[page.index("<table") :]
    row = table[table.index(">MRC J<") :]
    row = row[: row.index("</tr>")]
    assert "Aucune donnée" in row
    assert "portrait-no-data" in row
    row_b = table[table.index(">MRC B<") :]
    row_b = row_b[: row_b.index("</tr>")]
    assert "1\u00a0%" in row_b and "Recensement 2021" in row_b and "2021" in row_b


def test_the_region_and_quebec_are_the_reference_line(client):
    region_with_values(AMOUNTS)
    page = client.get(reverse("portrait:indicator_map", kwargs={"key": "taux_test"})).text
    line = page[page.index('class="portrait-references"') :]
    line = line[: line.index("</p>")]
    assert f"Capitale-Nationale{NB}: 11,5{NB}% (2021)" in line
    assert f"Québec{NB}: 12,25{NB}% (2021)" in line


def test_few_distinct_values_give_fewer_classes(client):
    region_with_values([5, 5, 5, 7])
    page = client.get(reverse("portrait:indicator_map", kwargs={"key": "taux_test"})).text
    assert set(fills(page).values()) == {"fill-1", "fill-5"}


def test_each_shape_links_to_its_territorys_portrait(client):
    place = region_with_values(AMOUNTS)
    page = client.get(reverse("portrait:indicator_map", kwargs={"key": "taux_test"})).text
    for mrc in place.mrcs:
        portrait = reverse("portrait:territory", kwargs={"slug": mrc.slug})
        assert f'<a href="{portrait}" aria-label="{mrc.name}{NB}:' in page
    assert f"<title>MRC A{NB}: 4{NB}% (2021)</title>" in page


def test_an_unknown_indicator_is_not_found(client):
    assert (
        client.get(reverse("portrait:indicator_map", kwargs={"key": "inconnu"})).status_code == 404
    )
