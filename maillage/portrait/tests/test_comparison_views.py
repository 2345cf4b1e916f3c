"""The comparison: two to four territories, each indicator's latest figure side by side with
its source, a chart per indicator, a clear message at the field otherwise, and downloads."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from maillage.portrait.tests.factories import IndicatorFactory, MunicipalityFactory, value
from maillage.portrait.tests.maps_helpers import region_with_values

pytestmark = pytest.mark.django_db
URL = "/portrait/comparer/"


def compare(client, *slugs: str, path: str = URL):
    query = "&".join(f"territoires={slug}" for slug in slugs)
    return client.get(f"{path}?{query}" if slugs else path)


def test_the_url_is_french():
    assert reverse("portrait:compare") == URL


def test_the_form_offers_the_region_quebec_the_mrcs_and_municipalities_with_values(client):
    place = region_with_values([3, 4])
    with_values = MunicipalityFactory(parent=place.mrcs[0], name="Saint-Chiffré")
    value(place.indicator, with_values, 2021, 2)
    MunicipalityFactory(parent=place.mrcs[0], name="Saint-Muet")
    page = compare(client).text
    for name in ("Québec", "Capitale-Nationale", "MRC A", "MRC B", "Saint-Chiffré"):
        assert f">{name}</option>" in page
    assert "Saint-Muet" not in page
    assert page.count('name="territoires"') == 4
    assert "Choisissez au moins" not in page  # nothing asked yet: no error


def test_two_territories_side_by_side_with_latest_period_and_source(client):
    place = region_with_values([3, 4])
    value(place.indicator, place.mrcs[0], 2016, 99)  # older: not shown
    other = IndicatorFactory(label_fr="Revenu médian", unit_fr="$")
    value(other, place.mrcs[1], 2020, 41000)
    IndicatorFactory(label_fr="Indicateur sans valeur")
    page = compare(client, place.mrcs[0].slug, place.mrcs[1].slug).text
    table = page[page.index("<table") : page.index("</table>")]
    assert "Taux témoin" in table and "Revenu médian" in table
    assert "Indicateur sans valeur" not in table
    assert "3\u00a0%" in table and "4\u00a0%" in table and "99" not in table
    assert "41\u00a0000\u00a0$" in table
    assert "2021" in table and "2020" in table
    assert "Aucune donnée" in table  # MRC A has no median income
    # Each figure cites its source by the number of its note: the sources are listed once,
    # under the table.
    assert "Recensement 2021" not in table
    assert table.count('<a href="#compare-source-1">source 1</a>') == 1  # the median income's
    assert table.count('<a href="#compare-source-2">source 2</a>') == 2
    notes = page[page.index("</table>") : page.index("<h2", page.index("</table>"))]
    assert (
        '<li id="compare-source-2"><a href="https://donnees.exemple.org/r">Recensement 2021'
        in notes
    )
    # One chart per indicator, each an image named after it.
    assert page.count('class="bar-chart"') == 2
    assert "Revenu médian : données les plus récentes".replace(" :", "\u00a0:") in page


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (0, "Choisissez au moins deux territoires pour les comparer."),
        (1, "Choisissez au moins deux territoires pour les comparer."),
        (5, "Choisissez au plus 4 territoires."),
    ],
)
def test_fewer_than_two_or_more_than_four_is_said_at_the_field(client, count, message):
    place = region_with_values([1, 2, 3, 4, 5])
    slugs = [m.slug for m in place.mrcs[:count]] or [""]
    response = compare(client, *slugs)
    assert response.status_code == 200
    page = response.text
    assert message in page
    assert 'id="territoires-errors"' in page and 'aria-invalid="true"' in page
    assert "<table" not in page


def test_an_unknown_territory_is_said_at_the_field(client):
    place = region_with_values([1, 2])
    page = compare(client, place.mrcs[0].slug, "nulle-part").text
    assert "« nulle-part » ne fait pas partie des territoires" in page


def test_the_same_territory_twice_counts_once(client):
    place = region_with_values([1, 2])
    page = compare(client, place.mrcs[0].slug, place.mrcs[0].slug).text
    assert "Choisissez au moins deux territoires" in page


def test_the_downloads_hold_the_table(client):
    place = region_with_values([3, 4])
    slugs = (place.region.slug, place.mrcs[0].slug)
    response = compare(client, *slugs, path="/portrait/comparer/telecharger/csv/")
    assert response.streaming
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][:4] == ["Indicateur", "Territoire", "Code officiel", "Valeur"]
    assert rows[1][:6] == ["Taux témoin", "Capitale-Nationale", "03", "11,5", "%", "2021"]
    assert rows[2][1:4] == ["MRC A", place.mrcs[0].code, "3"]
    response = compare(client, *slugs, path="/portrait/comparer/telecharger/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][1] == "Capitale-Nationale" and float(values[1][3]) == 11.5


def test_a_download_without_a_valid_choice_goes_back_to_the_form(client):
    place = region_with_values([3])
    response = compare(client, place.mrcs[0].slug, path="/portrait/comparer/telecharger/csv/")
    assert response.status_code == 302
    assert response["Location"].startswith(URL)


def test_a_territorys_portrait_starts_a_comparison_from_it(client):
    place = region_with_values([4.0, 1.0])
    mrc = place.mrcs[0]
    portrait = client.get(reverse("portrait:territory", kwargs={"slug": mrc.slug})).text
    start = f"/portrait/comparer/?depuis={mrc.slug}"
    assert f'href="{start}"' in portrait
    # Each indicator of the portrait leads to its map of the region.
    the_map = reverse("portrait:indicator_map", kwargs={"key": place.indicator.key})
    assert f'<a href="{the_map}">' in portrait
    page = client.get(start).text
    # Its slot is chosen, nothing is compared yet and no error is shown.
    assert f'<option value="{mrc.slug}" selected>' in page
    assert "Choisissez au moins deux territoires" not in page
    assert "portrait-compare-table" not in page


def test_the_portraits_index_leads_to_each_map_and_to_the_comparison(client):
    place = region_with_values([4.0])
    index = client.get(reverse("portrait:index")).text
    the_map = reverse("portrait:indicator_map", kwargs={"key": place.indicator.key})
    assert f'<a href="{the_map}">Taux témoin</a>' in index
    assert f'href="{reverse("portrait:compare")}"' in index
