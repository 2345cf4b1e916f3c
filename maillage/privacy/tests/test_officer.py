"""The person in charge: named by administrators, history kept, published beside the forms."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from maillage.core.models import AuditEvent
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import Officer
from maillage.privacy.rules.common import is_privacy_officer
from maillage.privacy.selectors.officer import current_officer, published_contact
from maillage.privacy.services.officer import officer_set
from maillage.privacy.verbs import OfficerVerb

pytestmark = pytest.mark.django_db

TITLE = "Responsable de la protection des renseignements personnels"


def _name(admin, **overrides):
    values = {
        "account": None,
        "title": TITLE,
        "contact_email": "vie-privee@exemple.org",
        "contact_phone": "418 555-0100",
    }
    values.update(overrides)
    return officer_set(actor=admin, **values)


def test_officer_set_keeps_the_history_and_audits():
    admin = user_with_role(Role.ADMIN)
    first = _name(admin)
    person = user_with_role(Role.STAFF)
    second = _name(admin, account=person, contact_email="rprp@exemple.org")
    assert Officer.objects.count() == 2
    assert current_officer() == second != first
    assert is_privacy_officer(person)
    assert AuditEvent.objects.filter(verb=OfficerVerb.SET.value).count() == 2


def test_only_administrators_name_the_person_in_charge():
    staff = user_with_role(Role.STAFF)
    with pytest.raises(PermissionDenied):
        _name(staff)
    assert not Officer.objects.exists()


def test_the_published_contact_follows_the_latest_record():
    admin = user_with_role(Role.ADMIN)
    assert published_contact() == {}
    _name(admin)
    assert published_contact()["email"] == "vie-privee@exemple.org"
    _name(admin, title="Responsable", contact_email="autre@exemple.org")
    assert published_contact() == {
        "title": "Responsable",
        "email": "autre@exemple.org",
        "phone": "418 555-0100",
    }


def test_the_page_names_the_person_in_charge(client):
    admin = user_with_role(Role.ADMIN)
    client.force_login(admin)
    url = reverse("privacy:officer_edit")
    response = client.post(url, {"title": TITLE, "contact_email": "rprp@exemple.org"})
    assert response.status_code == 302
    assert current_officer().contact_email == "rprp@exemple.org"
    page = client.get(url)
    assert "rprp@exemple.org" in page.content.decode()


def test_bad_input_stays_at_the_field(client):
    client.force_login(user_with_role(Role.ADMIN))
    url = reverse("privacy:officer_edit")
    response = client.post(url, {"title": TITLE, "contact_email": "pas une adresse"})
    assert response.status_code == 400
    assert TITLE in response.content.decode()
    assert not Officer.objects.exists()


@pytest.mark.parametrize("url_name", ["account_login", "account_signup"])
def test_the_contact_is_shown_beside_the_account_forms(client, url_name):
    _name(user_with_role(Role.ADMIN))
    page = client.get(reverse(url_name)).content.decode()
    assert "vie-privee@exemple.org" in page
    assert TITLE in page
