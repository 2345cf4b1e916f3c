"""The portrait's index and a territory's portrait read as many queries with the demo's values
as with a hundred times as many (`scale.py`, factor 100)."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.scale import ScaleRun
from maillage.portrait import scale
from maillage.portrait.models import Value
from maillage.territories.models import Territory

pytestmark = pytest.mark.django_db


def _hundred_times() -> None:
    run = ScaleRun(
        factor=100,
        rng=random.Random(7),
        stdout=StringIO(),
        batch="e1",
        today=timezone.localdate(),
    )
    scale.generate(run=run)


def test_the_portrait_pages_read_as_much_with_the_demo_and_100_times_its_values(
    imported, query_budget
):
    client = Client()
    # The territory's page shows every app's panel (portrait, plan, funding, consultations…).
    meter = query_budget(16)
    mrc = Territory.objects.get(code="2415", type="mrc")
    municipality = Territory.objects.filter(parent=mrc).first()
    urls = [
        reverse("portrait:index"),
        reverse("portrait:territory", args=[mrc.slug]),
        reverse("portrait:territory", args=[region_slug()]),
        reverse("portrait:territory", args=[municipality.slug]),
        reverse("territories:detail", args=[mrc.slug]),
    ]
    small = [meter.get(client, url) for url in urls]
    demo_values = Value.objects.count()

    _hundred_times()

    assert Value.objects.count() >= 100 * demo_values
    large = [meter.get(client, url) for url in urls]
    assert small == large
    # The generated series reach the page: its municipalities are compared.
    html = client.get(urls[1]).content.decode()
    assert municipality.name in html


def region_slug() -> str:
    return Territory.objects.get(type="region").slug
