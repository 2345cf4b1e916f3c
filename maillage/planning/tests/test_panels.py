"""The panels: a strategy's consultations (participation, through `STRATEGY_PANELS`), a
territory's plan actions (planning) and funded projects (funding)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.funding.tests.factories import accepted_application
from maillage.governance.tests.factories import strategy
from maillage.participation.tests.factories import ConsultationFactory
from maillage.planning.tests.factories import ActionFactory
from maillage.territories.models import Territory
from maillage.territories.tests.factories import MrcFactory, RegionFactory

pytestmark = pytest.mark.django_db

KEY = "developpement-des-communautes"


def test_a_strategys_page_lists_its_published_consultations_only(client):
    published = ConsultationFactory(title_fr="Se loger dignement", published_at=timezone.now())
    draft = ConsultationFactory(title_fr="Brouillon secret", published_at=None)
    for consultation in (published, draft):
        consultation.strategies.set([strategy(KEY)])
    page = client.get(reverse("planning:strategy_detail", kwargs={"key": KEY})).text
    assert "Se loger dignement" in page
    assert "Brouillon secret" not in page
    assert "Consultations (1)" in page


def test_a_territorys_page_lists_the_plans_actions_and_funded_projects(client):
    region = RegionFactory()
    mrc: Territory = MrcFactory(parent=region, name="Portneuf")
    ActionFactory(title_fr="Cuisine collective de Portneuf").territories.set([mrc])
    ActionFactory(title_fr="Action ailleurs")
    project = accepted_application(title="Épicerie solidaire")
    project.territories.set([mrc])
    page = client.get(reverse("territories:detail", kwargs={"slug": region.slug})).text
    assert "Les actions du plan ici" in page
    assert "Cuisine collective de Portneuf" in page and "Action ailleurs" not in page
    assert "Les projets financés ici" in page and "Épicerie solidaire" in page
