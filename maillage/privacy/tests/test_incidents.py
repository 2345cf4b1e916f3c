import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from maillage.core.models import AuditEvent
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.core.versions import StaleVersion, version_of
from maillage.privacy import services
from maillage.privacy.models import Incident
from maillage.privacy.tests.factories_registers import IncidentFactory, officer_account
from maillage.privacy.verbs import RegisterVerb

pytestmark = pytest.mark.django_db

VALUES = {
    "occurred_on": dt.date(2026, 5, 1),
    "discovered_on": dt.date(2026, 5, 3),
    "nature": "Perte d'un portable non chiffré",
    "information": "Coordonnées des membres",
    "people_count": 40,
    "people_description": "Membres du comité",
    "serious_risk": True,
    "risk_reasoning": "Coordonnées personnelles, appareil non chiffré.",
    "commission_notified_on": dt.date(2026, 5, 4),
    "people_notified_on": None,
    "measures": "Chiffrement des portables",
}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_person_in_charge_records_an_incident_and_it_is_audited():
    officer = officer_account()
    incident = services.incident_create(actor=officer, **VALUES)
    assert incident.recorded_by == officer
    event = AuditEvent.objects.get(verb=RegisterVerb.INCIDENT_RECORDED.value)
    assert event.actor == officer and event.target_id == str(incident.pk)


def test_staff_who_are_not_in_charge_cannot_record_one():
    with pytest.raises(PermissionDenied):
        services.incident_create(actor=user_with_role(Role.STAFF), **VALUES)
    assert not Incident.objects.exists()


def test_an_incident_is_not_discovered_before_it_occurred():
    with pytest.raises(ValidationError):
        services.incident_create(
            actor=user_with_role(Role.ADMIN), **{**VALUES, "occurred_on": dt.date(2026, 6, 1)}
        )


def test_an_update_records_what_changed_and_refuses_a_stale_version():
    admin = user_with_role(Role.ADMIN)
    incident = IncidentFactory.create()
    opened = version_of(incident)
    services.incident_update(
        actor=admin, incident=incident, version=opened, people_notified_on=dt.date(2026, 3, 9)
    )
    event = AuditEvent.objects.get(verb=RegisterVerb.INCIDENT_UPDATED.value)
    assert event.payload == {"people_notified_on": [None, "2026-03-09"]}
    with pytest.raises(StaleVersion):
        services.incident_update(actor=admin, incident=incident, version=opened, measures="x")


def test_the_form_records_an_incident_and_a_bad_date_is_said_at_its_field():
    client = client_for(officer_account())
    url = reverse("privacy:incident_create")
    data = {**VALUES, "serious_risk": "yes", "people_notified_on": ""}
    bad = client.post(url, {**data, "occurred_on": "2026-07-01"})
    assert bad.status_code == 400
    assert "occurred_on" in bad.context["form"].errors
    done = client.post(url, data)
    incident = Incident.objects.get()
    assert done.status_code == 302 and done["Location"].endswith(f"/{incident.pk}/")
    assert incident.serious_risk is True and incident.people_count == 40


def test_the_register_is_read_by_the_person_in_charge_not_by_staff():
    IncidentFactory.create(nature="Fuite de la liste des membres")
    officer_page = client_for(officer_account()).get(reverse("privacy:incident_list"))
    assert officer_page.status_code == 200
    assert "Fuite de la liste des membres" in officer_page.text
    staff = client_for(user_with_role(Role.STAFF)).get(reverse("privacy:incident_list"))
    assert staff.status_code == 403


def test_the_exports_hold_the_register():
    IncidentFactory.create(nature="=HYPERLINK(1)", people_count=7)
    client = client_for(user_with_role(Role.ADMIN))
    csv = b"".join(client.get(reverse("privacy:incident_export", args=["csv"])).streaming_content)
    text = csv.decode("utf-8")
    assert text.startswith("\ufeffNuméro;")
    assert "'=HYPERLINK(1)" in text and ";2026-03-04;" in text
    xlsx = client.get(reverse("privacy:incident_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][5] == 7 and rows[1][3] == "=HYPERLINK(1)"
    assert client.get(reverse("privacy:incident_export", args=["pdf"])).status_code == 404


def test_the_menu_shows_the_area_to_the_person_in_charge_and_the_staff_only():
    area = reverse("privacy:area")
    officer = client_for(officer_account()).get(reverse("core:my_space"))
    admin = client_for(user_with_role(Role.ADMIN)).get(reverse("core:my_space"))
    staff = client_for(user_with_role(Role.STAFF)).get(reverse("core:my_space"))
    member = client_for(user_with_role(Role.MEMBER)).get(reverse("core:my_space"))
    assert all(f'href="{area}"' in page.text for page in (officer, admin, staff))
    assert f'href="{area}"' not in member.text


def test_the_staff_find_the_requests_but_not_the_registers_in_the_area():
    page = client_for(user_with_role(Role.STAFF)).get(reverse("privacy:area"))
    assert page.status_code == 200
    assert reverse("privacy:request_list") in page.text
    assert reverse("privacy:incident_list") not in page.text


def test_the_area_links_the_registers():
    page = client_for(officer_account()).get(reverse("privacy:area"))
    assert page.status_code == 200
    assert reverse("privacy:incident_list") in page.text


def test_the_administrator_names_the_person_in_charge_from_the_area_not_the_account_menu():
    client = client_for(user_with_role(Role.ADMIN))
    officer_page = reverse("privacy:officer_edit")
    area = client.get(reverse("privacy:area")).text
    assert f'href="{officer_page}"' in area
    assert area.index(reverse("privacy:request_list")) < area.index(officer_page)
    assert f'href="{officer_page}"' not in client.get(reverse("core:my_space")).text


def test_the_register_reads_in_a_fixed_number_of_queries(query_budget):
    client = client_for(user_with_role(Role.ADMIN))
    urls = [reverse("privacy:incident_list"), reverse("privacy:incident_export", args=["xlsx"])]
    meter = query_budget(12)
    IncidentFactory.create(recorded_by=user_with_role(Role.STAFF))
    few = [meter.get(client, url) for url in urls]
    IncidentFactory.create_batch(30, recorded_by=user_with_role(Role.STAFF))
    many = [meter.get(client, url) for url in urls]
    assert few == many
