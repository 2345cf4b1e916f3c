"""Coordination staff read the funding dashboard (its tables, the territory map and its table),
narrow it to a territory through the map, and a visitor reads the public list of funded
projects filtered by year. axe-core finds no WCAG 2.2 AA violation on any page visited."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.funding.tests.factories import (
    ApplicationFactory,
    FundFactory,
    envelope,
    funded,
    mrc,
    region,
    transfer,
)
from maillage.territories.tests.factories import BoundaryFactory, square
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def money(transactional_db):
    """Charlevoix-Est funds one project, Québec none; the region funds a forum next year."""
    fund = FundFactory(name="FQIS 2024-2029", slug="fqis")
    home = region()
    east = mrc()
    city = mrc(code="2423", name="Québec")
    BoundaryFactory(territory=east, geometry=square(-70.5, 47.5))
    BoundaryFactory(territory=city, geometry=square(-71.3, 46.8))
    east_local = envelope(east, amount="100000.00", fund=fund, year=2024)
    city_local = envelope(city, amount="50000.00", fund=fund, year=2024)
    regional = envelope(home, amount="30000.00", key="regional", fund=fund, year=2025)
    transfer(east_local, city_local, "10000.00")
    funded(
        east_local,
        granted="40000.00",
        paid=("20000.00",),
        strategies=("concertation-intersectorielle", "action-communautaire"),
        title="Cuisines collectives de La Malbaie",
    )
    funded(regional, granted="12345.67", title="Forum régional sur l'habitation")
    ApplicationFactory(title="Projet encore à l'analyse", state="in_review")
    return fund


def test_staff_read_the_dashboard_and_a_visitor_the_funded_projects(
    page: Page, live_server, axe, money
):
    log_in_with_the_session_of(page, user_with_role(Role.STAFF), live_server)
    page.goto("/financement/tableau-de-bord/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord du financement")
    summary = page.locator(".funding-summary")
    expect(summary).to_contain_text("180 000,00 $")
    expect(summary).to_contain_text("52 345,67 $")
    map_table = page.get_by_role("table", name=re.compile("données de la carte"))
    expect(map_table.get_by_role("row", name=re.compile("Québec"))).to_contain_text("rien")
    expect(map_table.get_by_role("row", name=re.compile("Charlevoix-Est"))).to_contain_text(
        "40 000,00 $"
    )
    strategies = page.get_by_role("table", name=re.compile("stratégie"))
    # The heading, two strategies, the project without one, the total.
    expect(strategies.get_by_role("row")).to_have_count(5)
    axe.check(page)

    # The map's area of a territory narrows the dashboard to it.
    page.get_by_role("link", name=re.compile("Charlevoix-Est : 40 000,00 \\$ engagés")).click()
    territory = page.get_by_role("combobox", name="Territoire")
    expect(territory).to_have_value(re.compile("charlevoix-est"))
    expect(summary).to_contain_text("90 000,00 $")
    axe.check(page)
    page.get_by_role("combobox", name="Exercice financier").select_option(label="2025-2026")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.locator(".funding-summary")).to_contain_text("0,00 $")
    axe.check(page)

    # A visitor, without an account.
    page.context.clear_cookies()
    page.goto("/financement/projets-finances/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projets financés")
    expect(page.get_by_role("status")).to_have_text("2 projets financés")
    expect(page.get_by_text("Projet encore à l'analyse")).to_have_count(0)
    axe.check(page)
    page.get_by_role("combobox", name="Exercice financier").select_option(label="2025-2026")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.get_by_role("status")).to_have_text("1 projet financé")
    expect(page.get_by_role("rowheader", name="Forum régional sur l'habitation")).to_be_visible()
    axe.check(page)
    assert page.console_errors == []  # type: ignore[attr-defined]
