"""A visitor walks a territory's portrait, the indicator's choropleth map, then the plan's
dashboard whose target reads that indicator, and a strategy's page (data from factories);
axe-core finds no WCAG 2.2 AA violation on any of them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.governance.tests.factories import CircleFactory, strategy
from maillage.planning.models import ActionStatus, ProgressUpdate
from maillage.planning.tests.factories import (
    ActionFactory,
    CountTargetFactory,
    IndicatorTargetFactory,
    PlanFactory,
)
from maillage.portrait.tests.factories import IndicatorFactory, SourceFactory, value
from maillage.territories.models import Territory
from maillage.territories.tests.factories import BoundaryFactory, MrcFactory, RegionFactory, square
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KEY = "concertation-intersectorielle"


@pytest.fixture
def plan(transactional_db):
    plan = PlanFactory(slug="plan-regional", title_fr="Plan régional 2024-2029")
    region = RegionFactory()
    mrc = MrcFactory(parent=region, name="Portneuf")
    BoundaryFactory(territory=mrc, geometry=square(-72, 46.8))
    BoundaryFactory(
        territory=MrcFactory(parent=region, name="Charlevoix"), geometry=square(-71.8, 46.8)
    )
    # The portrait: a low-income rate over two censuses, the region's and Québec's beside it.
    rate = IndicatorFactory(key="taux_faible_revenu", label_fr="Taux de faible revenu")
    source = SourceFactory(title="Recensement", url="https://donnees.exemple.org/recensement")
    for year, amount in ((2016, "14.2"), (2021, "12.9")):
        value(rate, mrc, year, amount, source=source)
    value(rate, region, 2021, "10.4", source=source)
    value(rate, region.parent, 2021, "11.2", source=source)
    circle = CircleFactory(name="Cercle sécurité alimentaire")
    circle.strategies.set([strategy(KEY)])
    for n, status in enumerate(ActionStatus):
        action = ActionFactory(
            objective__orientation__plan=plan,
            title_fr=f"Action {status.label}",
            status=status,
            end=dt.date(2025, 1, 1) if n % 2 else None,
        )
        action.strategies.set([strategy(KEY)])
        action.territories.set([mrc])
        target = CountTargetFactory(objective=action.objective, label_fr=f"Cible {n}")
        ProgressUpdate.objects.create(
            objective=action.objective, target=target, date=dt.date(2025, 6, 1), value=Decimal(n)
        )
    IndicatorTargetFactory(
        objective=action.objective,
        label_fr="Faire baisser le faible revenu à Portneuf",
        indicator=rate,
        territory=mrc,
        baseline_value=Decimal("14.2"),
        baseline_year=2016,
        target_value=Decimal("11"),
    )
    return plan


def test_a_territorys_portrait_its_map_and_the_plan_dashboard_pass_axe(
    page: Page, live_server, axe, plan
):
    portneuf = Territory.objects.get(name="Portneuf")
    page.goto(f"/portrait/territoires/{portneuf.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Portrait : Portneuf")
    expect(page.locator("main")).to_contain_text("12,9")
    axe.check(page)

    page.get_by_role("link", name=re.compile("la carte des territoires de la région")).click()
    expect(page).to_have_url(re.compile("/portrait/indicateurs/taux_faible_revenu/$"))
    expect(page.locator("svg.choropleth")).to_be_visible()
    expect(page.locator("table.portrait-table")).to_contain_text("Aucune donnée")
    axe.check(page)

    page.goto("/plan/plans/plan-regional/tableau-de-bord/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord du plan de travail")
    expect(page.get_by_role("img", name="Actions par statut")).to_be_visible()
    axe.check(page)

    page.goto(f"/plan/strategies/{KEY}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Concertation intersectorielle")
    expect(page.get_by_role("link", name="Cercle sécurité alimentaire")).to_be_visible()
    axe.check(page)

    page.goto("/plan/strategies/tableau-de-bord/")
    axe.check(page)


def test_the_plans_outline_its_lists_and_an_objective_pass_axe(page: Page, live_server, axe, plan):
    """A visitor reads the plan's outline, finds an objective in the plan's list with the
    filters (sent as a plain form), reads it, then every action of it; the staff see the same
    pages with their buttons."""
    page.goto(f"/plan/plans/{plan.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan régional 2024-2029")
    expect(page.get_by_role("table", name="Où en est chaque orientation")).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Tous les objectifs").first.click()
    expect(page).to_have_url(re.compile(r"/objectifs/$"))
    axe.check(page)
    page.get_by_role("searchbox", name="Rechercher :").fill("Objectif")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"q=Objectif"))
    expect(page.get_by_role("status")).to_contain_text("objectif")
    page.get_by_role("rowheader").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/plan/objectifs/\d+/$"))
    axe.check(page)

    page.goto(f"/plan/plans/{plan.slug}/actions/?status=completed")
    expect(page.get_by_role("status")).to_have_text("1 action.")
    axe.check(page)

    log_in_with_the_session_of(page, user_with_role(Role.STAFF), live_server)
    page.goto(f"/plan/plans/{plan.slug}/")
    expect(page.get_by_role("button", name=re.compile("^Monter")).first).to_be_visible()
    axe.check(page)
