"""The funding demo: written through the services, once."""

import io

import pytest
from django.apps import apps

from maillage.core.permissions import SYSTEM
from maillage.decisions import demo as decisions_demo
from maillage.funding import demo
from maillage.funding.models import Agreement, Application, Fund, Movement, MovementKind
from maillage.governance import demo as governance_demo
from maillage.network import demo as network_demo
from maillage.territories.services import region_load

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_app_config("funding").get_models()
    }


def test_the_demo_funds_a_past_call_and_opens_another_once():
    region_load(actor=SYSTEM, region_code="03")
    network_demo.load(stdout=io.StringIO())
    governance_demo.load(stdout=io.StringIO())
    decisions_demo.load(stdout=io.StringIO())

    demo.load(stdout=io.StringIO())

    fund = Fund.objects.get()
    states = list(Application.objects.values_list("state", flat=True))
    assert states.count("accepted") >= 2
    assert "declined" in states and "submitted" in states and "draft" in states
    assert Agreement.objects.filter(state="active").count() == states.count("accepted")
    assert Movement.objects.filter(kind=MovementKind.PAYMENT).exists()
    assert fund.envelopes.filter(fiscal_year=2026).exists()

    before = counts()
    demo.load(stdout=io.StringIO())
    assert counts() == before
