import re

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.governance.forms import WorkstreamFilterForm
from maillage.governance.models import Circle
from maillage.governance.tests.factories import CircleFactory, WorkstreamFactory
from maillage.territories.models import Territory
from maillage.territories.services import region_load
from maillage.territories.tests.factories import more_territories


def test_a_workstream_filter_leaves_out_an_unknown_status_and_keeps_the_rest():
    form = WorkstreamFilterForm(QueryDict("status=nonsense&past_sunset=on"))
    assert form.values() == ("", True)
    assert WorkstreamFilterForm(QueryDict("status=active")).values() == ("active", False)
    assert WorkstreamFilterForm(None).values() == ("", False)


@pytest.fixture
def territories(db):
    return region_load(actor=SYSTEM, region_code="03").region


def staff_client() -> Client:
    client = Client()
    client.force_login(user_with_role(Role.STAFF))
    return client


def test_circles_and_workstreams_pick_their_territories_by_mrc(general, territories):
    page = staff_client().get(reverse("governance:circle_create")).text
    assert 'class="picker" data-picker' in page
    assert "<legend>Portneuf (MRC)</legend>" in page
    assert "Maintenez Ctrl" not in page
    portneuf = Territory.objects.get(slug="portneuf-2434048")
    response = staff_client().post(
        reverse("governance:circle_create"),
        {
            "name": "Portneuf solidaire",
            "parent": general.pk,
            "mode": "consent",
            "territories": [portneuf.slug],
        },
    )
    assert response.status_code == 302
    assert list(Circle.objects.get(name="Portneuf solidaire").territories.all()) == [portneuf]
    refused = staff_client().post(
        reverse("governance:workstream_create"),
        {"name": "Chantier", "sponsors": [general.pk], "territories": ["ailleurs", "portneuf"]},
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["territories"] == [
        "« ailleurs » ne fait pas partie des territoires de la liste."
    ]
    assert re.search(r'value="portneuf"[^>]* checked', refused.text)


def test_the_map_filters_by_a_territory_named_with_its_kind(general, territories):
    page = Client().get(reverse("governance:map")).text
    assert '<optgroup label="Québec (territoire équivalent)">' in page
    assert '<option value="quebec-2423027">Québec (ville)</option>' in page


def test_pages_with_a_territory_picker_cost_the_same_queries_with_more_territories(
    general, territories, query_budget
):
    circle = CircleFactory(parent=general)
    workstream = WorkstreamFactory(sponsors=[circle])
    staff = [
        reverse("governance:circle_create"),
        reverse("governance:circle_amend", kwargs={"slug": circle.slug}),
        reverse("governance:workstream_create"),
        reverse("governance:workstream_amend", kwargs={"slug": workstream.slug}),
    ]
    meter = query_budget(30)
    client = staff_client()

    def measure() -> list[int]:
        cache.clear()  # the map's filters and outline are cached: measure them as built
        return [meter.get(client, page) for page in staff] + [
            meter.get(Client(), reverse("governance:map"))
        ]

    few = measure()
    more_territories(2)
    assert measure() == few
