from __future__ import annotations

import io

import pytest
from django.utils import translation

from maillage.territories import demo, regiondata
from maillage.territories.models import Boundary, Territory

pytestmark = pytest.mark.django_db


def test_demo_loads_region_and_boundaries_twice_without_duplicates():
    out = io.StringIO()
    with translation.override("en"):
        demo.load(stdout=out)
        demo.load(stdout=out)
    assert Territory.objects.count() == 78
    assert Boundary.objects.filter(territory__type__in=["mrc", "equivalent"]).count() == 7
    text = out.getvalue()
    assert "Region 03 loaded: 78 territories." in text
    assert "Region 03 is already loaded." in text


def test_demo_of_a_region_without_boundaries_says_so(monkeypatch):
    monkeypatch.setattr(regiondata, "BOUNDARIES_FILE", "absent.geojson")
    out = io.StringIO()
    with translation.override("en"):
        demo.load(stdout=out)
    assert Territory.objects.count() == 78
    assert Boundary.objects.count() == 0
    assert "Region 03 ships no boundaries" in out.getvalue()
