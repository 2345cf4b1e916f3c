import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from maillage.core.models import AuditEvent
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.network.tests.factories import OrganizationFactory
from maillage.privacy import services
from maillage.privacy.models import Assessment
from maillage.privacy.tests.factories_registers import AssessmentFactory, officer_account
from maillage.privacy.verbs import RegisterVerb

pytestmark = pytest.mark.django_db

NOTE = "Évaluation des facteurs relatifs à la vie privée : "


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_assessment_keeps_the_parts_it_covers_in_the_layers_order():
    officer = officer_account()
    assessment = services.assessment_create(
        actor=officer,
        project="Répertoire des partenaires",
        assessed_on=dt.date(2026, 1, 10),
        findings="Coordonnées",
        measures="",
        covers=["funding", "network", "network"],
    )
    assert assessment.covers == ["network", "funding"]
    assert AuditEvent.objects.filter(verb=RegisterVerb.ASSESSMENT_RECORDED.value).count() == 1


def test_an_unknown_part_is_refused_at_its_field():
    with pytest.raises(ValidationError) as refused:
        services.assessment_create(
            actor=user_with_role(Role.ADMIN),
            project="X",
            assessed_on=dt.date(2026, 1, 10),
            findings="Y",
            covers=["nowhere"],
        )
    assert "covers" in refused.value.message_dict


def test_staff_who_are_not_in_charge_cannot_record_one():
    with pytest.raises(PermissionDenied):
        services.assessment_create(
            actor=user_with_role(Role.STAFF),
            project="X",
            assessed_on=dt.date(2026, 1, 10),
            findings="Y",
        )


def test_the_form_offers_the_apps_by_their_titles_and_records_the_assessment():
    client = client_for(officer_account())
    url = reverse("privacy:assessment_create")
    page = client.get(url)
    network = str(apps.get_app_config("network").verbose_name)  # in French, as the page
    assert 'value="network"' in page.text and network in page.text
    done = client.post(
        url,
        {
            "project": "Appels de projets",
            "assessed_on": "2026-04-01",
            "findings": "Demandes et coordonnées",
            "covers": ["funding"],
        },
    )
    assert done.status_code == 302
    assert Assessment.objects.get().covers == ["funding"]
    assert (
        client.post(url, {"project": "Z", "assessed_on": "x", "findings": "w"}).status_code == 400
    )


def test_the_staff_pages_of_a_covered_part_name_the_assessment():
    AssessmentFactory.create(project="Répertoire des partenaires", covers=["network"])
    AssessmentFactory.create(project="Appels de projets", covers=["funding"])
    organization = OrganizationFactory.create()
    url = reverse("network:organization_detail", args=[organization.slug])
    staff_page = client_for(user_with_role(Role.STAFF)).get(url).text
    assert NOTE + "Répertoire des partenaires" in staff_page
    assert "Appels de projets" not in staff_page
    member_page = client_for(user_with_role(Role.MEMBER)).get(url).text
    assert NOTE not in member_page
    admin_page = client_for(user_with_role(Role.ADMIN)).get(url).text
    covering = Assessment.objects.get(project="Répertoire des partenaires")
    assert reverse("privacy:assessment_detail", args=[covering.pk]) in admin_page


def test_a_new_assessment_reaches_the_pages_it_covers_at_once():
    client = client_for(user_with_role(Role.STAFF))
    url = reverse("network:organization_list")
    assert NOTE not in client.get(url).text
    AssessmentFactory.create(project="Répertoire", covers=["network"])
    assert NOTE + "Répertoire" in client.get(url).text


def test_the_register_reads_in_a_fixed_number_of_queries(query_budget):
    client = client_for(user_with_role(Role.ADMIN))
    url = reverse("privacy:assessment_list")
    meter = query_budget(10)
    AssessmentFactory.create()
    few = meter.get(client, url)
    AssessmentFactory.create_batch(30)
    assert meter.get(client, url) == few
