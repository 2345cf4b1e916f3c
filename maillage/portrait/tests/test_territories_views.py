"""The portrait's pages: the index, a territory's portrait with its charts, tables and sources,
a territory without values, the panel on the territory's page, downloads in both languages."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from maillage.portrait.tests.factories import IndicatorFactory, SourceFactory, value
from maillage.territories.models import Territory
from maillage.territories.tests.factories import MrcFactory

pytestmark = pytest.mark.django_db


def test_the_index_lists_indicators_and_territories(imported):
    html = Client().get(reverse("portrait:index")).content.decode()
    assert "Population (recensement)" in html
    mrc = Territory.objects.get(code="2416", type="mrc")
    assert reverse("portrait:territory", args=[mrc.slug]) in html
    assert reverse("portrait:import") not in html


def test_staff_reach_the_import_from_the_index(imported, staff_client):
    html = staff_client.get(reverse("portrait:index")).content.decode()
    assert reverse("portrait:import") in html


def test_a_territory_portrait_compares_charts_and_tables(imported):
    mrc = Territory.objects.get(code="2415", type="mrc")
    html = Client().get(reverse("portrait:territory", args=[mrc.slug])).content.decode()
    assert 'class="bar-chart"' in html
    assert 'class="line-chart"' in html  # population in 2016 and 2021
    assert "Capitale-Nationale" in html and "Québec" in html
    assert "2016-2021" in html
    assert "<table" in html


def test_a_territory_without_values_says_so():
    mrc = MrcFactory(name="Nulle-Part")
    html = Client().get(reverse("portrait:territory", args=[mrc.slug])).content.decode()
    assert "Aucune valeur d’indicateur n’est encore disponible pour Nulle-Part." in html


def test_the_territory_page_links_to_its_portrait(imported):
    mrc = Territory.objects.get(code="2415", type="mrc")
    html = Client().get(reverse("territories:detail", args=[mrc.slug])).content.decode()
    assert reverse("portrait:territory", args=[mrc.slug]) in html
    assert "15 409" in html or "15\u00a0409" in html or "15\u202f409" in html


def test_downloads_carry_the_figures_with_a_header_in_the_active_language():
    mrc = MrcFactory(name="Mékinac")
    source = SourceFactory(title="Recensement 2021")
    value(IndicatorFactory(label_fr="Taux", label_en="Rate"), mrc, 2021, "12.5", source=source)
    body = b"".join(
        Client()
        .get(reverse("portrait:territory_download", args=[mrc.slug, "csv"]))
        .streaming_content
    )
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Indicateur"
    assert rows[1][:4] == ["Taux", "Mékinac", mrc.code, "2021"]
    with translation.override("en"):
        url = reverse("portrait:territory_download", args=[mrc.slug, "xlsx"])
        index_url = reverse("portrait:indicators_download", args=["xlsx"])
    response = Client().get(url)
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, first = list(sheet.iter_rows(values_only=True))[:2]
    assert header[0] == "Indicator" and first[0] == "Rate"
    sheet = load_workbook(io.BytesIO(Client().get(index_url).content)).active
    assert list(sheet.iter_rows(values_only=True))[1][:4] == ("Rate", "%", 2021, 1)
    assert Client().get(reverse("portrait:indicators_download", args=["pdf"])).status_code == 404
