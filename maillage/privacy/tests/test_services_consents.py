"""Consent per purpose: a history, the latest record in force, no record meaning no."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from maillage.core.models import AuditEvent, User
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import Consent, Purpose
from maillage.privacy.selectors.consents import consenting_accounts, consents_of, has_consent
from maillage.privacy.services.consents import consent_set
from maillage.privacy.tests.factories import publish
from maillage.privacy.verbs import ConsentVerb

pytestmark = pytest.mark.django_db


def _consenting(purpose):
    return set(User.objects.filter(pk__in=consenting_accounts(purpose)))


def test_no_record_means_no_consent():
    member = user_with_role(Role.MEMBER)
    assert not has_consent(member, Purpose.NEWSLETTER)
    assert _consenting(Purpose.NEWSLETTER) == set()
    assert [state.given for state in consents_of(member)] == [False] * len(Purpose)


def test_the_latest_record_is_in_force_and_the_history_is_kept():
    version = publish("Politique.")
    member, other = user_with_role(Role.MEMBER), user_with_role(Role.CITIZEN)
    consent_set(actor=member, account=member, purpose=Purpose.NEWSLETTER, given=True)
    consent_set(actor=other, account=other, purpose=Purpose.NEWSLETTER, given=True)
    consent_set(actor=other, account=other, purpose=Purpose.PHOTOGRAPHS, given=True)
    assert _consenting(Purpose.NEWSLETTER) == {member, other}
    consent_set(actor=member, account=member, purpose=Purpose.NEWSLETTER, given=False)
    assert _consenting(Purpose.NEWSLETTER) == {other}
    assert not has_consent(member, Purpose.NEWSLETTER)
    assert has_consent(other, Purpose.PHOTOGRAPHS)
    assert not has_consent(member, Purpose.PHOTOGRAPHS)
    history = Consent.objects.filter(account=member).order_by("at", "pk")
    assert [c.given for c in history] == [True, False]
    assert {c.policy_version for c in history} == {version}
    assert AuditEvent.objects.filter(verb=ConsentVerb.WITHDRAWN.value).count() == 1


def test_the_same_answer_again_writes_nothing():
    member = user_with_role(Role.MEMBER)
    consent_set(actor=member, account=member, purpose=Purpose.PARTNER_CONTACT, given=False)
    consent_set(actor=member, account=member, purpose=Purpose.PARTNER_CONTACT, given=False)
    assert Consent.objects.count() == 1


def test_only_the_person_concerned_answers():
    member = user_with_role(Role.MEMBER)
    admin = user_with_role(Role.ADMIN)
    with pytest.raises(PermissionDenied):
        consent_set(actor=admin, account=member, purpose=Purpose.NEWSLETTER, given=True)
    assert not Consent.objects.exists()
