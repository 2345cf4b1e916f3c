"""The portrait's pages are kept rendered, the same for every visitor, until its figures change:
a new import shows at once on each of them (a territory's portrait, the comparison, an
indicator's map), a figure updated in place as well as a new indicator; and the panel on a
territory's page with them."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.portrait import imports
from maillage.portrait.models import Value
from maillage.portrait.services import indicators_import
from maillage.territories.models import Territory

pytestmark = pytest.mark.django_db

HEADER = ",".join(imports.COLUMNS)


def plain(html: str) -> str:
    """The page with the spaces that group digits and precede units made plain."""
    return html.replace("\u00a0", " ").replace("\u202f", " ")


def run(*rows: str):
    return indicators_import(actor=SYSTEM, rows=imports.parse_csv("\n".join([HEADER, *rows])))


def visit(client: Client, urls: list[str]) -> list[str]:
    return [plain(client.get(url).text) for url in urls]


def panel(html: str) -> str:
    """The portrait's panel on a territory's page (the page itself writes its population)."""
    start = html.index('<section class="portrait-panel"')
    return html[start : html.index("</section>", start)]


def test_an_import_shows_at_once_on_every_kept_page(imported, django_assert_num_queries):
    mrc = Territory.objects.get(code="2415", type="mrc")
    region = Territory.objects.get(code="03", type="region")
    municipality = Territory.objects.filter(parent=mrc).order_by("code").first()
    portrait = {
        place: reverse("portrait:territory", args=[place.slug])
        for place in (mrc, region, municipality)
    }
    territory_page = reverse("territories:detail", args=[mrc.slug])
    comparison = f"{reverse('portrait:compare')}?territoires={mrc.slug}&territoires={region.slug}"
    population_map = reverse("portrait:indicator_map", args=["population"])
    pages = [*portrait.values(), territory_page, comparison, population_map]
    client = Client()
    before = visit(client, pages)
    before[3] = panel(before[3])
    assert all("15 409" in page for page in before[:1] + before[3:])  # the MRC's population
    assert not any("Taux nouveau" in page for page in before)
    # Kept: a second visit of a portrait's page asks the database nothing; of the map, only
    # for the indicator it is allowed to show.
    queries = {**dict.fromkeys([*portrait.values(), comparison], 0), population_map: 1}
    for url, count in queries.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200

    # The MRC's population of 2021 corrected, from the same source: only a value updated in
    # place, which sends no signal.
    source = Value.objects.get(territory=mrc, indicator__key="population", period="2021").source
    correction = io.StringIO()
    row = ["2415", "Charlevoix-Est", "population", "Population (recensement)", "2021"]
    csv.writer(correction).writerow([*row, "15999", "personnes", source.title, source.url])
    report = run(correction.getvalue().strip())
    assert report.applied and (report.updated, report.created) == (1, 0)
    mrc_page, _region, _municipality, territory_html, compared, the_map = visit(client, pages)
    assert "15 999" in mrc_page and "15 409" not in mrc_page
    assert "15 999" in panel(territory_html) and "15 409" not in panel(territory_html)
    assert "15 999" in compared and "15 409" not in compared
    assert "15 999" in the_map and "15 409" not in the_map

    # A new indicator, for the MRC, one of its municipalities and the region.
    report = run(
        "2415,Charlevoix-Est,taux_nouveau,Taux nouveau,2022,7.25,%,Enquête 2022,",
        f"{municipality.code},{municipality.name},taux_nouveau,Taux nouveau,2022,12.5,%,"
        "Enquête 2022,",
        "03,Capitale-Nationale,taux_nouveau,Taux nouveau,2022,9.75,%,Enquête 2022,",
    )
    assert report.applied and report.created == 3
    mrc_page, region_page, municipality_page, _territory, compared, _map = visit(client, pages)
    assert all(f in mrc_page for f in ("Taux nouveau", "7,25 %", "12,5 %", "9,75 %"))
    assert "Enquête 2022" in mrc_page
    assert "Taux nouveau" in region_page and "9,75 %" in region_page
    assert "Taux nouveau" in municipality_page and "12,5 %" in municipality_page
    assert "Taux nouveau" in compared and "7,25 %" in compared and "9,75 %" in compared
