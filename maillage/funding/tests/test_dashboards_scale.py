"""Scale data of the funding app: the factor's applications, spread over the workflow, whose
money never goes beyond an envelope, and the dashboard adding it up."""

from __future__ import annotations

import random
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from maillage.core import scale as core_scale
from maillage.core.permissions import SYSTEM
from maillage.core.scale import ScaleRun
from maillage.funding import scale
from maillage.funding.models import Application, Envelope, Review
from maillage.funding.selectors.dashboards import DashboardFilters, accountability_rows, dashboard
from maillage.funding.selectors.funds import with_balances
from maillage.network import scale as network_scale

pytestmark = pytest.mark.django_db

FACTOR = 2


@pytest.fixture
def generated() -> ScaleRun:
    call_command("load_region", "03", stdout=StringIO())
    run = ScaleRun(
        factor=FACTOR,
        rng=random.Random(7),
        stdout=StringIO(),
        batch="e1",
        today=timezone.localdate(),
    )
    for module in (core_scale, network_scale, scale):
        module.generate(run=run)
    return run


def test_it_generates_the_factor_times_its_applications_within_their_envelopes(generated):
    applications = Application.objects.filter(reference__startswith="E1-")
    assert applications.count() == scale.APPLICATIONS_PER_FACTOR * FACTOR
    states = set(applications.values_list("state", flat=True))
    assert {"draft", "in_review", "accepted", "completed"} <= states
    assert not applications.filter(territories__isnull=True).exists()
    reviewed = applications.filter(state__in=scale.REVIEWED).count()
    assert Review.objects.count() == reviewed * scale.REVIEWERS_PER_APPLICATION
    assert not Review.objects.filter(total__isnull=True).exists()
    for envelope in with_balances(Envelope.objects.all()):
        assert Decimal("0") <= envelope.paid <= envelope.committed <= envelope.amount


def test_the_dashboard_adds_up_the_scale_data(generated):
    board = dashboard(SYSTEM, DashboardFilters())
    report = accountability_rows(SYSTEM, DashboardFilters())
    funded = Application.objects.filter(state__in=("accepted", "completed"))
    assert len(report.rows) == funded.count()
    assert report.committed == board.total.committed > 0
    assert report.paid == board.total.paid > 0
    assert sum(line.committed for line in board.by_territory.lines) == board.total.committed
