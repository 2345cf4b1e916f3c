"""The privacy pages: the policy in force, its versions, publication, what changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import PolicyAcceptance, PolicyVersion
from maillage.privacy.services.policy import policy_accept
from maillage.privacy.tests.factories import publish

pytestmark = pytest.mark.django_db


def test_the_privacy_page_keeps_its_address_and_shows_the_version_in_force(client):
    assert reverse("privacy:policy") == "/confidentialite/"
    publish("Première version.")
    publish("Texte en vigueur.", changes_fr="Tout.")
    page = client.get("/confidentialite/").content.decode()
    assert "Texte en vigueur." in page
    assert "Première version." not in page
    assert "Version 2" in page
    assert "pistage" in page  # no third-party tracking, said on the page


def test_the_versions_page_lists_every_version_with_its_changes(client):
    publish("Un.")
    publish("Deux.", changes_fr="On précise la conservation.")
    page = client.get(reverse("privacy:policy_versions")).content.decode()
    assert "On précise la conservation." in page
    assert "Version 1" in page and "Version 2" in page


def test_an_administrator_publishes_a_version(client):
    client.force_login(user_with_role(Role.ADMIN))
    url = reverse("privacy:policy_publish")
    response = client.post(url, {"text_fr": "Texte.", "text_en": "Text."})
    assert response.status_code == 302
    assert PolicyVersion.objects.get().text_en == "Text."
    refused = client.post(url, {"text_fr": "Autre texte."})
    assert refused.status_code == 400  # a second version says what changed
    assert "Autre texte." in refused.content.decode()


def test_a_member_sees_the_notice_reads_the_changes_and_accepts(client):
    member = user_with_role(Role.MEMBER)
    policy_accept(actor=member, version=publish("Ligne un.\nLigne deux."))
    client.force_login(member)
    my_space = reverse("core:my_space")
    assert reverse("privacy:policy_changes") not in client.get(my_space).content.decode()
    current = publish("Ligne un.\nLigne trois.", changes_fr="La ligne deux devient trois.")
    assert reverse("privacy:policy_changes") in client.get(my_space).content.decode()
    page = client.get(reverse("privacy:policy_changes")).content.decode()
    assert "La ligne deux devient trois." in page
    assert "<del>Ligne deux.</del>" in page and "<ins>Ligne trois.</ins>" in page
    response = client.post(reverse("privacy:policy_changes"), {"version": current.number})
    assert response.status_code == 302
    assert PolicyAcceptance.objects.filter(account=member, version=current).exists()
    assert reverse("privacy:policy_changes") not in client.get(my_space).content.decode()


def test_a_version_published_meanwhile_is_not_accepted_unread(client):
    member = user_with_role(Role.MEMBER)
    first = publish("Un.")
    publish("Deux.", changes_fr="Deux.")
    client.force_login(member)
    response = client.post(reverse("privacy:policy_changes"), {"version": first.number})
    assert response.status_code == 302
    assert not PolicyAcceptance.objects.filter(account=member).exists()
    bad = client.post(reverse("privacy:policy_changes"), {"version": "x"})
    assert bad.status_code == 400


def test_the_versions_page_reads_in_a_fixed_number_of_queries(client, query_budget):
    meter = query_budget(10)
    publish("Première version.")
    few = meter.get(client, reverse("privacy:policy_versions"))
    for n in range(2, 12):
        publish(f"Version {n}.", changes_fr=f"Changement {n}.")
    assert meter.get(client, reverse("privacy:policy_versions")) == few


def test_signing_up_says_and_records_the_acceptance_of_the_version_in_force(client):
    publish("Un.")
    publish("Deux.")
    page = client.get(reverse("account_signup")).content.decode()
    assert "vous acceptez la" in page and "(version 2)" in page
    assert f'href="{reverse("privacy:policy")}"' in page
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Nadia",
            "last_name": "Bouchard",
            "email": "nadia.bouchard@exemple.org",
            "password1": "un-long-mot-de-passe-2026",
            "password2": "un-long-mot-de-passe-2026",
        },
    )
    assert response.status_code == 302
    accepted = PolicyAcceptance.objects.get(account__email="nadia.bouchard@exemple.org")
    assert accepted.version.number == 2


def test_before_any_policy_the_sign_up_page_promises_no_acceptance(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "vous acceptez la" not in page


def test_the_sign_up_page_names_a_newly_published_version_at_once(client):
    publish("Un.")
    assert "(version 1)" in client.get(reverse("account_signup")).content.decode()
    publish("Deux.")
    assert "(version 2)" in client.get(reverse("account_signup")).content.decode()
