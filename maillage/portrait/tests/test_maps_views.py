"""An indicator's page: the year chosen, bad years said at the field, the downloads."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from maillage.portrait.tests.factories import value
from maillage.portrait.tests.maps_helpers import region_with_values

pytestmark = pytest.mark.django_db
URL = "/portrait/indicateurs/taux_test/"


def test_the_url_is_french():
    assert reverse("portrait:indicator_map", kwargs={"key": "taux_test"}) == URL


def test_the_latest_year_is_shown_and_another_may_be_chosen(client):
    place = region_with_values([3, 4])
    value(place.indicator, place.mrcs[0], 2016, 7)
    page = client.get(URL).text
    assert '<option value="2021" selected>' in page
    assert "MRC A\u00a0: 3\u00a0% (2021)" in page
    page = client.get(f"{URL}?annee=2016").text
    assert "MRC A\u00a0: 7\u00a0% (2016)" in page
    assert "MRC B\u00a0: aucune donnée" in page


def test_a_year_without_values_is_said_at_the_field(client):
    place = region_with_values([3, 4])
    value(place.indicator, place.mrcs[0], 2016, 7)
    response = client.get(f"{URL}?annee=1990")
    assert response.status_code == 200
    assert "Cet indicateur n&#x27;a aucune valeur pour cette année" in response.text
    assert "MRC A\u00a0: 3\u00a0% (2021)" in response.text  # the latest year, meanwhile
    assert client.get(f"{URL}?annee=abc").status_code == 200


def test_the_csv_is_streamed_and_the_xlsx_written(client):
    place = region_with_values([3, None])
    response = client.get(f"{URL}telecharger/csv/")
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [
        "Territoire", "Code officiel", "Valeur", "Unité", "Période", "Classe", "Source",
        "Adresse de la source",
    ]  # fmt: skip
    assert rows[1][:4] == ["MRC A", place.mrcs[0].code, "3", "%"]
    assert rows[2][0] == "MRC B" and rows[2][6] == "Aucune donnée"
    assert rows[3][0] == "Capitale-Nationale" and rows[4][0] == "Québec"
    response = client.get(f"{URL}telecharger/xlsx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    first = list(sheet.iter_rows(values_only=True))[1]
    assert first[0] == "MRC A" and float(first[2]) == 3.0
    assert client.get(f"{URL}telecharger/pdf/").status_code == 404


def test_an_indicator_without_values_says_so(client):
    region_with_values([])
    from maillage.portrait.tests.factories import IndicatorFactory

    IndicatorFactory(key="vide")
    page = client.get("/portrait/indicateurs/vide/").text
    assert "Cet indicateur n'a encore aucune valeur." in page
