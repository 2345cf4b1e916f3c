"""A strategy's page: what is done under it, public only, with its counts by territory; the
index of the four strategies."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.decisions.models import Visibility
from maillage.decisions.tests.factories import recorded
from maillage.funding.tests.factories import accepted_application
from maillage.governance.tests.factories import CircleFactory, WorkstreamFactory, strategy
from maillage.planning.selectors.strategies import strategy_summaries, strategy_work
from maillage.planning.tests.factories import ActionFactory
from maillage.territories.models import Territory
from maillage.territories.tests.factories import MrcFactory, RegionFactory

pytestmark = pytest.mark.django_db

KEY = "action-communautaire"


@pytest.fixture
def work():
    chosen = strategy(KEY)
    mrc: Territory = MrcFactory(parent=RegionFactory(), name="Charlevoix")
    circle = CircleFactory(name="Cercle sécurité alimentaire")
    circle.strategies.set([chosen])
    circle.territories.set([mrc])
    CircleFactory(name="Cercle sans stratégie")
    workstream = WorkstreamFactory(name="Chantier transport")
    workstream.strategies.set([chosen])
    recorded(circle, "Décision publique du cercle", visibility=Visibility.PUBLIC)
    recorded(circle, "Décision interne du cercle", visibility=Visibility.INTERNAL)
    recorded(workstream, "Décision publique du chantier", visibility=Visibility.PUBLIC)
    action = ActionFactory(title_fr="Marché solidaire")
    action.strategies.set([chosen])
    action.territories.set([mrc])
    project = accepted_application(title="Frigo partagé", amount="25000.00")
    project.strategies.set([chosen])
    project.territories.set([mrc])
    declined = accepted_application(title="Projet refusé")
    declined.state = "declined"
    declined.save()
    declined.strategies.set([chosen])
    return chosen


def test_what_is_done_under_a_strategy_is_public_only(work):
    found = strategy_work(work)
    assert [c.name for c in found.circles] == ["Cercle sécurité alimentaire"]
    assert found.workstream_count == 1 and found.action_count == 1
    assert found.decision_count == 2
    assert {d.title for d in found.decisions} == {
        "Décision publique du cercle",
        "Décision publique du chantier",
    }
    assert [p.title for p in found.projects] == ["Frigo partagé"]
    assert found.granted == 25000
    rows = {row.name: row.counts for row in found.territories}
    assert rows == {"Charlevoix": [1, 0, 1, 1]}


def test_the_page_shows_it_to_a_visitor(client, work):
    page = client.get(reverse("planning:strategy_detail", kwargs={"key": KEY})).text
    assert "Cercle sécurité alimentaire" in page and "Cercle sans stratégie" not in page
    assert "Décision publique du cercle" in page and "Décision interne" not in page
    assert "Frigo partagé" in page and "Projet refusé" not in page
    assert "Marché solidaire" in page and "Charlevoix" in page


def test_the_index_counts_each_strategy(client, work):
    summary = next(s for s in strategy_summaries() if s.strategy.key == KEY)
    assert (summary.circles, summary.workstreams, summary.actions) == (1, 1, 1)
    assert (summary.decisions, summary.projects) == (2, 1)
    page = client.get(reverse("planning:strategy_list")).text
    assert "Action communautaire" in page


def test_an_unknown_strategy_is_not_found(client):
    assert client.get("/plan/strategies/inconnue/").status_code == 404
