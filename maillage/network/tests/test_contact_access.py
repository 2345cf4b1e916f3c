"""The directory's pages and exports that show contact details record who saw them (the privacy
app's record of access to contact details), in one INSERT that does not grow with the data."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.network.tests.factories import (
    FunctionFactory,
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
)
from maillage.privacy.models import AccessKind, ContactAccess

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_people_directory_records_who_read_it_and_how_many_people_it_showed():
    PersonFactory.create_batch(3)
    member = user_with_role(Role.MEMBER)
    client_for(member).get(reverse("network:person_list") + "?q=a")
    access = ContactAccess.objects.get()
    assert access.account == member and access.kind == AccessKind.LIST_VIEWED
    assert access.detail == "q=a&page=1"
    assert access.count == len(
        client_for(member).get(reverse("network:person_list") + "?q=a").context["page"]
    )


def test_a_person_page_records_the_view_of_their_contact_details():
    person = PersonFactory.create(email="marie@example.org")
    staff = user_with_role(Role.STAFF)
    client_for(staff).get(reverse("network:person_detail", args=[person.slug]))
    access = ContactAccess.objects.get()
    assert (access.kind, access.count, access.detail) == (
        AccessKind.PERSON_VIEWED,
        1,
        f"person={person.pk}",
    )


def test_an_organization_page_records_its_people_only_for_those_who_see_them():
    organization = OrganizationFactory.create()
    seat = SeatFactory.create(organization=organization)
    FunctionFactory.create(organization=organization, person=seat.holder)
    url = reverse("network:organization_detail", args=[organization.slug])
    Client().get(url)  # a visitor sees no people
    assert not ContactAccess.objects.exists()
    client_for(user_with_role(Role.MEMBER)).get(url)
    assert ContactAccess.objects.get().count == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_with_contacts_records_its_format_its_filters_and_its_seat_holders(fmt):
    SeatFactory.create_batch(2)
    Client().get(reverse("network:organization_export", args=[fmt]))
    assert not ContactAccess.objects.exists()  # without contacts, nothing to record
    member = user_with_role(Role.MEMBER)
    client = client_for(member)
    assert client.get(reverse("network:organization_export", args=[fmt])).status_code == 200
    access = ContactAccess.objects.get()
    assert access.kind == (AccessKind.EXPORT_CSV if fmt == "csv" else AccessKind.EXPORT_XLSX)
    assert (access.account, access.count, access.detail) == (member, 2, "")
    client.get(reverse("network:organization_export", args=[fmt]) + "?level=national")
    filtered = ContactAccess.objects.latest("pk")
    assert filtered.detail == "level=national"


def test_the_people_directory_keeps_its_query_count_at_two_sizes(query_budget):
    meter = query_budget(12)
    client = client_for(user_with_role(Role.MEMBER))
    url = reverse("network:person_list")

    def make(n):
        for _ in range(n):
            seat = SeatFactory.create()
            FunctionFactory.create(organization=seat.organization, person=seat.holder)

    make(3)
    small = meter.get(client, url)
    make(40)
    assert meter.get(client, url) == small
    assert ContactAccess.objects.filter(count=25).exists()  # a full page of 25 was recorded


def test_the_directory_counts_the_people_of_a_page_without_reading_them_again(
    monkeypatch, django_assert_max_num_queries
):
    """A kept page of the directory is shown without reading its rows; the record still says
    how many people it showed, on a last page and on an empty search too."""
    monkeypatch.setattr("maillage.network.views.PAGE_SIZE", 2)
    PersonFactory.create_batch(3)
    client = client_for(user_with_role(Role.MEMBER))
    url = reverse("network:person_list")
    client.get(url)  # the markup of the first page is kept
    with django_assert_max_num_queries(5) as read:
        client.get(url)
    assert not any('"network_person"."slug"' in q["sql"] for q in read.captured_queries)
    client.get(url + "?page=2")
    client.get(url + "?q=zzzz")
    counts = list(ContactAccess.objects.order_by("pk").values_list("count", flat=True))
    assert counts == [2, 2, 1, 0]
