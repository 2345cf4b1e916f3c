import io

import pytest
from django.apps import apps

from maillage.core.permissions import SYSTEM
from maillage.decisions import demo
from maillage.decisions.models import Decision, Poll, Process
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
    # The consent decisions and the closed proposal poll; the time poll is open.
    assert Decision.objects.count() == len(demo.DECISIONS) + 1
    closed = Decision.objects.get(title=demo.CLOSED_POLL[1])
    assert closed.kind == "poll" and sum(row["voted"] for row in closed.participation) == 4
    time_poll = Poll.objects.get(process__title=demo.TIME_POLL[1])
    assert time_poll.process.state == "open" and time_poll.votes.count() == 2
    assert Decision.objects.filter(visibility="public").exists()
    assert Decision.objects.filter(visibility="internal").exists()
    running = Process.objects.get(state="consent_round")
    assert running.deadline is not None and running.rounds.get(closed_at=None).answers.count() == 2
    # The decision that carried a new workstream created it.
    assert Workstream.objects.filter(name="Mobilité des aînés").exists()
    assert "skipped" not in out.getvalue() and "ignoré" not in out.getvalue()
