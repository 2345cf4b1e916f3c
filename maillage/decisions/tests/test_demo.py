import io

import pytest
from django.apps import apps

from maillage.core.permissions import SYSTEM
from maillage.decisions import demo
from maillage.decisions.models import Decision, Process
from maillage.governance import demo as governance_demo
from maillage.governance.models import Workstream
from maillage.network import demo as network_demo
from maillage.territories.services import region_load

pytestmark = pytest.mark.django_db


def counts():
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_app_config("decisions").get_models()
    }


def test_the_demo_fills_the_register_and_leaves_a_process_under_way_once():
    region_load(actor=SYSTEM, region_code="03")
    network_demo.load(stdout=io.StringIO())
    governance_demo.load(stdout=io.StringIO())
    out = io.StringIO()
    demo.load(stdout=out)
    first = counts()
    demo.load(stdout=io.StringIO())
    assert counts() == first
    # The consent decisions, a closed election and a closed advice process.
    assert Decision.objects.count() == len(demo.DECISIONS) + 2
    election = Process.objects.get(kind="election")
    assert election.state == "elected" and election.decision.kind == "election"
    assignment = election.election.assignment
    assert assignment.person == election.election.candidate and assignment.term_end
    assert assignment.ended_at is None
    advice = Process.objects.get(kind="advice")
    assert advice.state == "decided" and advice.decision.rationale == demo.ADVICE_WEIGHING
    assert [row["advice"] for row in advice.decision.participation if row["advice"]]
    assert Decision.objects.filter(visibility="public").exists()
    assert Decision.objects.filter(visibility="internal").exists()
    running = Process.objects.get(state="consent_round")
    assert running.deadline is not None and running.rounds.get(closed_at=None).answers.count() == 2
    # The decision that carried a new workstream created it.
    assert Workstream.objects.filter(name="Mobilité des aînés").exists()
    assert "skipped" not in out.getvalue() and "ignoré" not in out.getvalue()
