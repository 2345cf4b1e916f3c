import io

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.decisions.models import Decision
from maillage.governance import demo as governance_demo
from maillage.network import demo as network_demo
from maillage.planning import demo
from maillage.planning.models import Action, Objective, Plan, Target, TargetKind
from maillage.portrait.tests.factories import IndicatorFactory, value
from maillage.territories.models import Territory
from maillage.territories.services import region_load

pytestmark = pytest.mark.django_db


def counts():
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_app_config("planning").get_models()
    }


def test_the_demo_loads_twice_adopts_two_objectives_and_skips_missing_indicators():
    region_load(actor=SYSTEM, region_code="03")
    network_demo.load(stdout=io.StringIO())
    governance_demo.load(stdout=io.StringIO())
    # The portrait's demo imports these; here only two of the indicators the plan reads.
    for key, code in (("population", "2416"), ("low_income_lim_at_households_pct", "24")):
        territory = Territory.objects.get(code=code)
        indicator = IndicatorFactory(key=key)
        value(indicator, territory, 2016, "13000")
        value(indicator, territory, 2021, "12800")
    out = io.StringIO()
    demo.load(stdout=out)
    first = counts()
    decisions = Decision.objects.count()
    demo.load(stdout=io.StringIO())
    assert counts() == first
    assert Decision.objects.count() == decisions

    plan = Plan.objects.get(slug=demo.PLAN.slug)
    assert plan.title_fr == "Plan de travail régional 2024-2029"
    assert plan.orientations.count() == 3
    assert plan.needs.count() == 4
    assert Objective.objects.count() == sum(len(o.objectives) for o in demo.PLAN.orientations)
    assert Target.objects.filter(kind=TargetKind.INDICATOR).count() == 2
    assert "economic_vitality_index" in out.getvalue()  # skipped, and said so
    assert Action.objects.filter(circles__isnull=True, workstreams__isnull=True).count() == 0
    adopted = Objective.objects.filter(adopted_at__isnull=False)
    assert adopted.count() == 2
    assert all(Decision.objects.filter(process=o.adoption_process).exists() for o in adopted)
    pending = Objective.objects.get(adoption_process__isnull=False, adopted_at__isnull=True)
    assert pending.adoption_process.state == "presented"
    # An adopted objective makes the plan public.
    anonymous = Client()
    assert anonymous.get(reverse("planning:plan_detail", args=[plan.slug])).status_code == 200
    assert anonymous.get(reverse("planning:plan_index")).status_code == 302
