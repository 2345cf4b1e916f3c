"""A visitor reads an indicator's choropleth map (its legend, its table, a territory without
data hatched), follows a territory's link from the map, then compares two territories, first
with a single one chosen (the message at the field), then with two. axe-core finds no WCAG 2.2
AA violation on any page visited."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from maillage.portrait.tests.maps_helpers import region_with_values

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def portrait(transactional_db):
    return region_with_values([4.0, 1.0, 9.0, None], key="taux_faible_revenu")


def test_a_visitor_reads_the_map_follows_a_territory_and_compares(
    page: Page, live_server, axe, portrait
):
    page.goto("/portrait/indicateurs/taux_faible_revenu/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Taux témoin")
    legend = page.locator(".map-legend")
    expect(legend).to_contain_text("Aucune donnée (hachuré)")
    expect(page.locator("table.portrait-table")).to_contain_text("Aucune donnée")
    axe.check(page)

    # The map's shapes are links named by the territory and its value.
    first = page.locator("svg.choropleth a").first
    expect(first).to_have_attribute("aria-label", re.compile(r"^MRC A\s: 4\s% \(2021\)$"))
    first.focus()
    page.keyboard.press("Enter")
    # … to that territory's portrait.
    expect(page).to_have_url(re.compile(f"/portrait/territoires/{portrait.mrcs[0].slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Portrait : MRC A")
    axe.check(page)

    page.goto("/portrait/comparer/")
    page.get_by_label("Territoire 1").select_option(portrait.mrcs[0].slug)
    page.get_by_role("button", name="Comparer").click()
    expect(page.locator("#territoires-errors")).to_have_text(
        "Choisissez au moins deux territoires pour les comparer."
    )
    axe.check(page)

    page.get_by_label("Territoire 2").select_option(portrait.region.slug)
    page.get_by_role("button", name="Comparer").click()
    table = page.locator("table.portrait-compare-table")
    expect(table).to_contain_text("Taux témoin")
    expect(table).to_contain_text("11,5")
    expect(page.locator(".portrait-chart svg")).to_have_count(1)
    axe.check(page)
    assert not page.console_errors  # type: ignore[attr-defined]
