"""Out-of-range ids typed or forged in the network's forms and addresses: a field error or a 404,
never a server error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.network.models import Organization
from maillage.network.tests.factories import SeatFactory, sector

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


def test_a_30_digit_sector_is_refused_at_the_field_and_what_was_typed_kept(staff_client):
    response = staff_client.post(
        reverse("network:organization_create"),
        {"name": "Nom tapé (fictif)", "sectors": [sector().pk, HUGE], "level": "local"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["sectors"] == [
        f"Sélectionnez un choix valide. {HUGE} n’en fait pas partie."
    ]
    assert 'value="Nom tapé (fictif)"' in response.text
    assert not Organization.objects.exists()


@pytest.mark.parametrize("substitute", [HUGE, "-" + HUGE, "abc"])
def test_a_forged_substitute_is_refused_at_the_field(staff_client, substitute):
    seat = SeatFactory.create()
    response = staff_client.post(
        reverse("network:seat_update", args=[seat.pk]),
        {"start_date": "2026-01-01", "substitutes": [substitute]},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["substitutes"]
    assert not seat.substitutes.exists()


def test_a_30_digit_id_in_the_address_is_not_found(staff_client):
    assert staff_client.get(f"/repertoire/sieges/{HUGE}/modifier/").status_code == 404
    assert staff_client.post(f"/repertoire/sieges/{HUGE}/terminer/").status_code == 404
