import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.actors import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import AccessKind, ContactAccess
from maillage.privacy.services import contact_access_record
from maillage.privacy.tests.factories_registers import officer_account

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_recording_is_one_insert(django_assert_num_queries):
    member = user_with_role(Role.MEMBER)
    with django_assert_num_queries(1):
        contact_access_record(actor=member, kind=AccessKind.EXPORT_CSV, count=40, detail="q=x")
    access = ContactAccess.objects.get()
    assert (access.account, access.kind, access.count, access.detail) == (
        member,
        AccessKind.EXPORT_CSV,
        40,
        "q=x",
    )


def test_nothing_is_recorded_without_an_account():
    contact_access_record(actor=SYSTEM, kind=AccessKind.LIST_VIEWED, count=3)
    assert not ContactAccess.objects.exists()


def test_a_long_filter_is_cut_to_its_column():
    contact_access_record(
        actor=user_with_role(Role.STAFF), kind=AccessKind.LIST_VIEWED, count=1, detail="x" * 900
    )
    assert len(ContactAccess.objects.get().detail) == 300


def test_the_log_filters_by_account_and_day_for_the_person_in_charge():
    marie = user_with_role(Role.MEMBER, email="marie@example.org")
    paul = user_with_role(Role.MEMBER, email="paul@example.org")
    contact_access_record(actor=marie, kind=AccessKind.EXPORT_XLSX, count=12, detail="level=x")
    contact_access_record(actor=paul, kind=AccessKind.PERSON_VIEWED, count=1)
    old = ContactAccess.objects.filter(account=paul).get()
    old.at = timezone.now() - dt.timedelta(days=10)
    old.save()
    client = client_for(officer_account())
    url = reverse("privacy:access_log")
    everything = client.get(url)
    assert everything.status_code == 200 and len(everything.context["page"]) == 2
    by_account = client.get(url, {"account": "marie@"}).context["page"]
    assert [a.account for a in by_account] == [marie]
    since = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    assert [a.account for a in client.get(url, {"since": since}).context["page"]] == [marie]
    until = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    assert [a.account for a in client.get(url, {"until": until}).context["page"]] == [paul]
    # An impossible date is left out, never an error page.
    assert client.get(url, {"since": "2026-13-45"}).status_code == 200


def test_staff_cannot_read_the_log():
    assert (
        client_for(user_with_role(Role.STAFF)).get(reverse("privacy:access_log")).status_code == 403
    )


def test_the_log_reads_in_a_fixed_number_of_queries(query_budget):
    client = client_for(user_with_role(Role.ADMIN))
    url = reverse("privacy:access_log")
    meter = query_budget(10)
    accounts = [user_with_role(Role.MEMBER) for _ in range(3)]
    contact_access_record(actor=accounts[0], kind=AccessKind.LIST_VIEWED, count=2)
    few = meter.get(client, url)
    for index in range(60):
        contact_access_record(actor=accounts[index % 3], kind=AccessKind.LIST_VIEWED, count=2)
    assert meter.get(client, url) == few
