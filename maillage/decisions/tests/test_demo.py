import datetime as dt
import io

import pytest
from django.apps import apps
from django.utils import timezone

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
    # The consent decisions, a closed election, a closed advice process and the closed proposal
    # poll; the time poll is open.
    assert Decision.objects.count() == len(demo.DECISIONS) + 3
    election = Process.objects.get(kind="election")
    assert election.state == "elected" and election.decision.kind == "election"
    assignment = election.election.assignment
    assert assignment.person == election.election.candidate and assignment.term_end
    assert assignment.ended_at is None
    advice = Process.objects.get(kind="advice")
    assert advice.state == "decided" and advice.decision.rationale == demo.ADVICE_WEIGHING
    assert [row["advice"] for row in advice.decision.participation if row["advice"]]
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


def test_the_register_spans_two_years_of_varied_decisions():
    region_load(actor=SYSTEM, region_code="03")
    network_demo.load(stdout=io.StringIO())
    governance_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    decisions = list(Decision.objects.all())
    assert len(decisions) >= 20
    # Taken on their own dates over the past two years, with their rounds dated alike.
    dates = sorted(d.decided_at for d in decisions)
    assert 600 < (dates[-1] - dates[0]).days < 2 * 366
    assert len({d.effective_date for d in decisions}) == len(decisions)
    oldest = min(decisions, key=lambda d: d.decided_at)
    assert all(r.opened_at <= oldest.decided_at for r in oldest.process.rounds.all())
    # Circles and workstreams, public and internal, some due for review within weeks.
    assert len({(d.circle_id, d.workstream_id) for d in decisions}) >= 6
    assert any(d.workstream_id for d in decisions)
    assert {d.visibility for d in decisions} == {"public", "internal"}
    today = timezone.localdate()
    soon = [
        d
        for d in decisions
        if d.review_date and today <= d.review_date <= today + dt.timedelta(days=45)
    ]
    assert len(soon) >= 3
