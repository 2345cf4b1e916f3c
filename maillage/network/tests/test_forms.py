import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.network.tests.factories import OrganizationFactory
from maillage.territories.services import region_load
from maillage.territories.tests.factories import more_territories


@pytest.fixture
def territories(db):
    return region_load(actor=SYSTEM, region_code="03").region


def test_an_organization_s_territories_are_ticked_in_groups_by_mrc(staff_client, territories):
    organization = OrganizationFactory(
        territories=list(territories.children.filter(slug__in=["portneuf", "charlevoix"]))
    )
    page = staff_client.get(
        reverse("network:organization_update", kwargs={"slug": organization.slug})
    ).text
    assert "<legend>Portneuf (MRC)</legend>" in page
    ticked = re.findall(r'name="territories" value="([^"]+)"[^>]* checked', page)
    assert sorted(ticked) == ["charlevoix", "portneuf"]
    assert "Portneuf (ville)</label>" in page
    assert "Maintenez Ctrl" not in page


def test_the_directory_filters_by_a_territory_named_with_its_kind(client, territories):
    page = client.get(reverse("network:organization_list")).text
    assert '<option value="portneuf">Portneuf (toute la MRC)</option>' in page
    assert '<option value="portneuf-2434048">Portneuf (ville)</option>' in page


def test_pages_with_a_territory_picker_cost_the_same_queries_with_more_territories(
    staff_client, territories, query_budget
):
    organization = OrganizationFactory()
    pages = [
        reverse("network:organization_create"),
        reverse("network:organization_update", kwargs={"slug": organization.slug}),
        reverse("network:organization_list"),
    ]
    meter = query_budget(20)

    def measure() -> list[int]:
        cache.clear()  # the directory's filters are cached: measure them as built
        return [meter.get(staff_client, page) for page in pages] + [
            meter.get(Client(), reverse("network:organization_list"))
        ]

    few = measure()
    more_territories(2)
    assert measure() == few
