"""The live block of the consultations gathering contributions now."""

from __future__ import annotations

import pytest

from maillage.participation.models import PhaseKind
from maillage.participation.tests.factories import ConsultationFactory
from maillage.site.tests import factories

pytestmark = pytest.mark.django_db


def page():
    return factories.standard_page(
        body=[{"type": "live", "value": {"source": "consultations", "heading": ""}}]
    )


def test_the_block_lists_only_published_consultations_open_now(client):
    ConsultationFactory(title_fr="Ouverte aux idées")
    ConsultationFactory(title_fr="Encore brouillon", published_at=None)
    ConsultationFactory(title_fr="Déjà en analyse", phase=PhaseKind.ANALYSIS)
    html = client.get(page().url).text
    assert "Consultations en cours" in html
    assert "Ouverte aux idées" in html
    assert "Encore brouillon" not in html and "Déjà en analyse" not in html
    assert "Une consultation attend vos idées en ce moment." in html


def test_the_block_says_when_none_is_open(client):
    html = client.get(page().url).text
    assert "Aucune consultation ne recueille d’idées en ce moment." in html


def test_the_block_keeps_its_queries_as_consultations_grow(client, query_budget):
    from maillage.participation.tests.test_consultations_queries import grow

    url = page().url
    meter = query_budget(40)
    grow(10)
    small = meter.get(client, url)
    grow(990, start=10)
    assert meter.get(client, url) == small
