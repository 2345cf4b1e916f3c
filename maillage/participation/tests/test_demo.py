import io

import pytest
from django.apps import apps

from maillage.core.permissions import SYSTEM
from maillage.decisions.models import Decision
from maillage.governance import demo as governance_demo
from maillage.network import demo as network_demo
from maillage.participation import demo
from maillage.participation.models import Consultation, Proposal, TrailStatus
from maillage.territories.services import region_load

pytestmark = pytest.mark.django_db


def counts():
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_app_config("participation").get_models()
    }


def test_the_demo_loads_twice_without_duplicates_and_follows_proposals_to_a_decision():
    region_load(actor=SYSTEM, region_code="03")
    network_demo.load(stdout=io.StringIO())
    governance_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    first = counts()
    decisions = Decision.objects.count()
    demo.load(stdout=io.StringIO())
    assert counts() == first
    assert Decision.objects.count() == decisions
    assert Consultation.objects.count() == len(demo.CONSULTATIONS)
    assert Proposal.objects.count() == sum(len(c.proposals) for c in demo.CONSULTATIONS)
    assert Proposal.objects.exclude(channel="online").filter(recorded_by__isnull=False).exists()
    reported = Consultation.objects.get(slug="se-loger-dans-la-region")
    assert reported.heard_fr and reported.decided_fr
    done = Proposal.objects.get(status=TrailStatus.DONE)
    assert done.decision is not None and done.decision.kind == "consent"
    assert done.carried_by is not None and done.trail.count() == 3
    declined = Proposal.objects.get(status=TrailStatus.NOT_RETAINED)
    assert declined.status_reason
    assert Proposal.objects.filter(status=TrailStatus.TAKEN_UP).count() == 1
    assert first["participation.response"] == 4 and first["participation.follow"] > 0
