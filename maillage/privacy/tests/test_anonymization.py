"""Anonymization: the pseudonym from a counter never reused, the account closed, the apps'
anonymizers called upper first, and the generic sweep of every text column."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from maillage.core import personal
from maillage.core.actors import SYSTEM
from maillage.core.models import AuditEvent, Notification, User
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import Officer, PseudonymCounter
from maillage.privacy.services.anonymization import account_anonymize
from maillage.privacy.tests.factories import RequestFactory
from maillage.privacy.verbs import AnonymizationVerb

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return user_with_role(
        Role.CITIZEN, first_name="Éloïse", last_name="Tremblay-Côté", email="eloise@exemple.org"
    )


def test_the_account_becomes_a_pseudonym_without_a_way_in(person, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    Client().force_login(person)
    assert Session.objects.count() == 1
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    pseudonym = account_anonymize(actor=SYSTEM, account=person)
    person.refresh_from_db()
    assert pseudonym == "Personne anonymisée 1"
    assert person.get_full_name() == pseudonym
    assert person.email == "anonyme-1@anonyme.invalid"
    assert not person.has_usable_password() and not person.is_active
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert Session.objects.count() == 0


def test_a_number_is_never_given_twice(person):
    PseudonymCounter.objects.create(last=41)
    assert account_anonymize(actor=SYSTEM, account=person) == "Personne anonymisée 42"
    other = user_with_role(Role.CITIZEN)
    assert account_anonymize(actor=SYSTEM, account=other) == "Personne anonymisée 43"
    with pytest.raises(ValidationError):
        account_anonymize(actor=SYSTEM, account=person)


def test_only_the_person_in_charge_and_administrators_anonymize(person, staff):
    with pytest.raises(PermissionDenied):
        account_anonymize(actor=staff, account=person)
    admin = user_with_role(Role.ADMIN)
    account_anonymize(actor=admin, account=person)


def test_the_apps_anonymizers_run_upper_first_with_the_choice_about_texts(person):
    calls = []
    personal.load()
    personal.register_anonymizer("test.lower", lambda **kw: calls.append(("lower", kw)))
    personal.register_anonymizer("test.upper", lambda **kw: calls.append(("upper", kw)))
    try:
        account_anonymize(actor=SYSTEM, account=person, remove_texts=True)
    finally:
        personal.REGISTRY.anonymizers.pop("test.lower")
        personal.REGISTRY.anonymizers.pop("test.upper")
    assert [name for name, _kw in calls] == ["upper", "lower"]
    assert calls[0][1]["pseudonym"] == "Personne anonymisée 1"
    assert calls[0][1]["remove_texts"] is True
    assert calls[0][1]["account"].pk == person.pk


def test_the_sweep_rewrites_every_text_column_the_audit_log_and_json(person):
    other = user_with_role(Role.CITIZEN, first_name="Jean", last_name="Roy")
    RequestFactory(account=other, message="Voir avec ÉLOÏSE TREMBLAY-CÔTÉ (eloise@exemple.org).")
    note = Notification.objects.create(recipient=other, subject="Éloïse Tremblay-Côté a écrit")
    event = AuditEvent.objects.create(
        verb="test.x", target_repr="Éloïse Tremblay-Côté", payload={"who": ["Éloïse Tremblay-Côté"]}
    )
    account_anonymize(actor=SYSTEM, account=person)
    note.refresh_from_db()
    event.refresh_from_db()
    assert note.subject == "Personne anonymisée 1 a écrit"
    assert event.target_repr == "Personne anonymisée 1"
    assert event.payload == {"who": ["Personne anonymisée 1"]}
    message = other.privacy_requests.get().message
    assert message == "Voir avec Personne anonymisée 1 (Personne anonymisée 1)."
    # The other person's name is untouched.
    other.refresh_from_db()
    assert other.get_full_name() == "Jean Roy"


def test_the_audit_event_of_the_anonymization_names_only_the_pseudonym(person):
    account_anonymize(actor=SYSTEM, account=person)
    event = AuditEvent.objects.get(verb=AnonymizationVerb.ANONYMIZED)
    text = f"{event.target_repr} {event.payload}"
    assert "Personne anonymisée 1" in text
    assert "Tremblay" not in text and "eloise" not in text


def test_the_retention_rule_lists_and_anonymizes_inactive_accounts_only(person):
    rule = personal.load().retention["privacy.inactive_accounts"]
    now = timezone.now()
    old = now - timedelta(days=3 * 365 + 1)
    User.objects.filter(pk=person.pk).update(last_login=old)
    staff = user_with_role(Role.STAFF)
    admin = user_with_role(Role.ADMIN)
    officer = user_with_role(Role.MEMBER)
    Officer.objects.create(account=officer, title="Responsable", contact_email="rp@example.org")
    recent = user_with_role(Role.CITIZEN)
    User.objects.filter(pk__in=[staff.pk, admin.pk, officer.pk]).update(last_login=old)
    User.objects.filter(pk=recent.pk).update(last_login=now - timedelta(days=30))
    expired = rule.expired(now)
    assert [e.pk for e in expired] == [person.pk]
    assert "Tremblay" not in expired[0].label
    assert rule.remove([person.pk, recent.pk, staff.pk], SYSTEM) == 1
    person.refresh_from_db()
    recent.refresh_from_db()
    assert person.email.endswith("@anonyme.invalid")
    assert recent.is_active and not recent.email.endswith("@anonyme.invalid")
    assert rule.expired(now) == []
