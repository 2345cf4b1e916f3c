"""The live block « Ce qui se fait sous cette stratégie »: a strategy's public counts and latest
items, on the public site's strategy pages, following a change at once."""

from __future__ import annotations

import pytest

from maillage.decisions.models import Visibility
from maillage.decisions.tests.factories import recorded
from maillage.governance.tests.factories import CircleFactory, strategy
from maillage.planning.tests.factories import ActionFactory
from maillage.site.tests import factories

pytestmark = pytest.mark.django_db

KEY = "concertation-intersectorielle"


def page():
    return factories.standard_page(
        body=[{"type": "live", "value": {"source": f"strategy:{KEY}", "heading": ""}}]
    )


def test_the_block_counts_what_is_public_under_the_strategy_and_follows_changes(client):
    circle = CircleFactory(name="Cercle de la table régionale")
    circle.strategies.set([strategy(KEY)])
    recorded(circle, "Décision publique", visibility=Visibility.PUBLIC)
    recorded(circle, "Décision interne", visibility=Visibility.INTERNAL)
    shown = page()
    html = client.get(shown.url).text
    assert "Ce qui se fait sous cette stratégie" in html
    assert "1 cercle" in html and "1 décision publique" in html
    assert "Décision publique" in html and "Décision interne" not in html
    assert "0 action du plan de travail" in html
    ActionFactory(title_fr="Forum des partenaires").strategies.set([strategy(KEY)])
    html = client.get(shown.url).text
    assert "1 action du plan de travail" in html and "Forum des partenaires" in html
    assert f'href="/plan/strategies/{KEY}/"' in html
