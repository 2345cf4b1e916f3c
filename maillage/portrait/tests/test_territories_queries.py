"""The portrait's index and a territory's portrait read as many queries with the demo's values
as with a hundred times as many (`scale.py`, factor 100), when built and when kept."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.scale import ScaleRun
from maillage.portrait import scale
from maillage.portrait.models import Indicator, Value
from maillage.portrait.tests.factories import value
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
    # The region's file holds no municipality's figure: one, so that its portrait has some.
    value(Indicator.objects.get(key="population"), municipality, 2021, 3000)
    urls = [
        reverse("portrait:index"),
        reverse("portrait:territory", args=[mrc.slug]),
        reverse("portrait:territory", args=[region_slug()]),
        reverse("portrait:territory", args=[municipality.slug]),
        reverse("territories:detail", args=[mrc.slug]),
    ]
    small = [meter.get(client, url) for url in urls]
    small_kept = [meter.get(client, url, kept=True) for url in urls]
    downloads = [
        reverse("portrait:territory_download", args=[mrc.slug, "csv"]),
        reverse("portrait:indicators_download", args=["csv"]),
    ]
    small_files = [meter(lambda u=u: b"".join(client.get(u).streaming_content)) for u in downloads]
    demo_values = Value.objects.count()

    _hundred_times()  # in bulk, without signals: what the pages kept is forgotten below

    assert Value.objects.count() >= 100 * demo_values
    large = [meter.get(client, url) for url in urls]
    assert small == large
    # A territory's portrait: the territory, its values, the others' shown beside them.
    assert small[1:4] == [3, 3, 3]
    # Kept, a portrait asks the database nothing.
    large_kept = [meter.get(client, url, kept=True) for url in urls]
    assert small_kept == large_kept
    # The files are written as they are read, whatever their length.
    large_files = [meter(lambda u=u: b"".join(client.get(u).streaming_content)) for u in downloads]
    assert small_files == large_files
    assert large_kept[1:4] == [0, 0, 0]
    # The generated series reach the page: its municipalities are compared.
    html = client.get(urls[1]).content.decode()
    assert municipality.name in html


def region_slug() -> str:
    return Territory.objects.get(type="region").slug
