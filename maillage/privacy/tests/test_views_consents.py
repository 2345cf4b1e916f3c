"""The consents page, and consents honoured by the public directory."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.network.tests.factories import FunctionFactory, OrganizationFactory, PersonFactory
from maillage.privacy.models import Purpose
from maillage.privacy.selectors.consents import has_consent
from maillage.privacy.services.consents import consent_set

pytestmark = pytest.mark.django_db


def test_the_page_saves_each_purpose(client):
    member = user_with_role(Role.MEMBER)
    client.force_login(member)
    url = reverse("privacy:consents")
    page = client.get(url).content.decode()
    boxes = re.findall(r'<input type="checkbox"[^>]*>', page)
    assert len(boxes) == len(Purpose)
    assert not [box for box in boxes if "checked" in box]  # no by default
    response = client.post(url, {"newsletter": "on", "public_directory": "on"})
    assert response.status_code == 302
    assert has_consent(member, Purpose.NEWSLETTER)
    assert has_consent(member, Purpose.PUBLIC_DIRECTORY)
    assert not has_consent(member, Purpose.PHOTOGRAPHS)
    client.post(url, {"public_directory": "on"})
    assert not has_consent(member, Purpose.NEWSLETTER)


def test_the_account_menu_and_my_space_lead_to_the_consents(client):
    client.force_login(user_with_role(Role.CITIZEN))
    page = client.get(reverse("core:my_space")).content.decode()
    assert page.count(f'href="{reverse("privacy:consents")}"') >= 2


def test_a_withdrawn_consent_takes_the_person_out_of_the_public_directory(client, client_as):
    organization = OrganizationFactory()
    account = user_with_role(Role.MEMBER)
    person = PersonFactory(user=account, first_name="Alexandra", last_name="Tremblay")
    FunctionFactory(person=person, organization=organization, title="Coordonnatrice")
    hidden = PersonFactory(first_name="Bertrand", last_name="Gagnon")  # no account: no consent
    FunctionFactory(person=hidden, organization=organization, title="Agent")
    url = reverse("network:organization_detail", kwargs={"slug": organization.slug})

    assert "Tremblay" not in client.get(url).content.decode()  # no record: not public
    consent_set(actor=account, account=account, purpose=Purpose.PUBLIC_DIRECTORY, given=True)
    page = client.get(url).content.decode()
    assert "Alexandra Tremblay" in page and "Coordonnatrice" in page
    assert "Gagnon" not in page
    consent_set(actor=account, account=account, purpose=Purpose.PUBLIC_DIRECTORY, given=False)
    assert "Tremblay" not in client.get(url).content.decode()
    # Members still see everyone, as before.
    members_page = client_as(Role.MEMBER).get(url).content.decode()
    assert "Tremblay" in members_page and "Gagnon" in members_page


def test_the_organization_page_reads_the_public_people_in_a_fixed_number_of_queries(
    client, query_budget
):
    organization = OrganizationFactory()
    url = reverse("network:organization_detail", kwargs={"slug": organization.slug})

    def add(count):
        for _ in range(count):
            account = user_with_role(Role.CITIZEN)
            FunctionFactory(person=PersonFactory(user=account), organization=organization)
            consent_set(
                actor=account, account=account, purpose=Purpose.PUBLIC_DIRECTORY, given=True
            )

    meter = query_budget(20)
    add(1)
    few = meter.get(client, url)
    add(6)
    assert meter.get(client, url) == few
