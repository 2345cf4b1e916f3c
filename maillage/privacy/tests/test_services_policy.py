"""The privacy policy as versions: publication, acceptance, what changed for an account."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core.models import AuditEvent
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy import demo
from maillage.privacy.models import Officer, PolicyAcceptance, PolicyVersion
from maillage.privacy.selectors.policy import awaits_acceptance, policy_changes_for
from maillage.privacy.services.officer import officer_set
from maillage.privacy.services.policy import policy_accept, policy_publish
from maillage.privacy.tests.factories import publish
from maillage.privacy.verbs import PolicyVerb

pytestmark = pytest.mark.django_db


def test_versions_are_numbered_in_order_and_audited():
    admin = user_with_role(Role.ADMIN)
    first = policy_publish(actor=admin, text_fr="Un.", text_en="One.")
    second = policy_publish(actor=admin, text_fr="Deux.", changes_fr="Tout a changé.")
    assert (first.number, second.number) == (1, 2)
    assert second.published_by == admin
    assert AuditEvent.objects.filter(verb=PolicyVerb.PUBLISHED.value).count() == 2


def test_a_later_version_says_what_changed():
    admin = user_with_role(Role.ADMIN)
    policy_publish(actor=admin, text_fr="Un.")
    with pytest.raises(ValidationError) as error:
        policy_publish(actor=admin, text_fr="Deux.")
    assert "changes_fr" in error.value.message_dict
    assert PolicyVersion.objects.count() == 1


def test_the_person_in_charge_publishes_and_a_member_may_not():
    admin = user_with_role(Role.ADMIN)
    officer = user_with_role(Role.MEMBER)
    officer_set(actor=admin, account=officer, title="Responsable", contact_email="r@exemple.org")
    assert policy_publish(actor=officer, text_fr="Un.").number == 1
    with pytest.raises(PermissionDenied):
        policy_publish(actor=user_with_role(Role.MEMBER), text_fr="Deux.", changes_fr="x")


def test_an_account_that_accepted_an_older_version_sees_what_changed():
    member = user_with_role(Role.MEMBER)
    first = publish("Nous recueillons votre nom.\nNous le gardons un an.")
    policy_accept(actor=member, version=first)
    assert not awaits_acceptance(member)
    publish(
        "Nous recueillons votre nom.\nNous le gardons deux ans.",
        changes_fr="La durée de conservation passe à deux ans.",
    )
    assert awaits_acceptance(member)
    changes = policy_changes_for(member)
    assert changes.pending
    assert [v.number for v in changes.later] == [2]
    kinds = {(line.kind, line.text) for line in changes.diff}
    assert ("removed", "Nous le gardons un an.") in kinds
    assert ("added", "Nous le gardons deux ans.") in kinds
    assert ("same", "Nous recueillons votre nom.") in kinds
    policy_accept(actor=member, version=changes.current)
    policy_accept(actor=member, version=changes.current)  # again: nothing more
    assert not awaits_acceptance(member)
    assert PolicyAcceptance.objects.filter(account=member).count() == 2
    assert AuditEvent.objects.filter(verb=PolicyVerb.ACCEPTED.value).count() == 2


def test_an_account_that_accepted_nothing_awaits_the_current_version():
    member = user_with_role(Role.MEMBER)
    assert not awaits_acceptance(member)  # nothing published yet
    publish("Un.")
    publish("Deux.", changes_fr="Deuxième.")
    changes = policy_changes_for(member)
    assert changes.accepted is None
    assert [v.number for v in changes.later] == [2, 1]


def test_the_demo_publishes_version_one_and_names_the_person_in_charge():
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    version = PolicyVersion.objects.get()
    assert version.number == 1
    for words in ("portabilité", "Loi 25", demo.OFFICER_EMAIL):
        assert words in version.text_fr
    for words in ("portability", "deletion", "correction", demo.OFFICER_EMAIL):
        assert words in version.text_en
    officer = Officer.objects.get()
    assert officer.title == "Responsable de la protection des renseignements personnels"
    assert officer.contact_email.endswith("@demo.maillage.local")


def test_the_text_reads_as_headed_sections():
    version = PolicyVersion(number=1, text_fr="Intro.\n\nVos droits\nAccès.\nRectification.")
    assert version.sections == [("", "Intro."), ("Vos droits", "Accès.\nRectification.")]
