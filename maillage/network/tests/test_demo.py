from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate

from maillage.core.models import User
from maillage.network import demo
from maillage.network.models import Organization, Person, Seat, Sector

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_complete(la_malbaie):
    out = io.StringIO()
    demo.load(stdout=out)
    counts = (Organization.objects.count(), Person.objects.count(), Seat.objects.count())
    assert counts[0] == len(demo.ORGANIZATIONS) >= 30
    assert all("(fictif)" in name for name in Organization.objects.values_list("name", flat=True))
    used = set(Organization.sectors.through.objects.values_list("sector__key", flat=True))
    assert used == set(Sector.objects.values_list("key", flat=True))
    assert Organization.objects.get(acronym="CCB").territories.get().code == "2415013"
    assert Seat.objects.filter(substitutes__isnull=False).exists()
    member = User.objects.get(email="membre@demo.maillage.local")
    assert member.person.seats.filter(end_date__isnull=True).exists()
    assert demo.DEMO_PASSWORD in out.getvalue()
    assert "equipe@demo.maillage.local" in out.getvalue()
    assert authenticate(email="admin@demo.maillage.local", password=demo.DEMO_PASSWORD)
    demo.load(stdout=io.StringIO())
    assert (Organization.objects.count(), Person.objects.count(), Seat.objects.count()) == counts
    assert User.objects.filter(email__endswith="@demo.maillage.local").count() == 5
