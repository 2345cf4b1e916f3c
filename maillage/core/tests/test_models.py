import pytest
from django.db import models
from django.utils import translation

from maillage.core.models import (
    AuditEvent,
    BilingualName,
    Timestamped,
    in_language,
    user_reference,
)
from maillage.core.tests.factories import UserFactory


def test_in_language_follows_the_active_language():
    with translation.override("en"):
        assert in_language("secteur", "sector") == "sector"
    with translation.override("fr-ca"):
        assert in_language("secteur", "sector") == "secteur"
    with translation.override(None):
        assert in_language("secteur", "sector") == "secteur"


def test_a_bilingual_name_is_shown_in_the_active_language():
    class Named(BilingualName):
        name_fr = "Communautaire"
        name_en = "Community"

    with translation.override("en"):
        assert Named().name == "Community"
    with translation.override("fr-ca"):
        assert Named().name == "Communautaire"


def test_a_user_reference_is_optional_and_adds_no_reverse_accessor():
    field = user_reference("by")
    assert field.null and field.blank
    assert field.remote_field.on_delete is models.SET_NULL
    assert field.remote_field.related_name == "+"


@pytest.mark.django_db
def test_a_record_outlives_the_account_it_refers_to():
    user = UserFactory()
    event = AuditEvent.objects.create(actor=user, verb="test")
    user.delete()
    event.refresh_from_db()
    assert event.actor is None


@pytest.mark.django_db
def test_timestamped_sets_creation_once_and_the_change_on_every_save():
    from maillage.network.tests.factories import PersonFactory

    assert Timestamped._meta.abstract
    person = PersonFactory()
    created, updated = person.created_at, person.updated_at
    person.first_name = "Autre"
    person.save()
    person.refresh_from_db()
    assert person.created_at == created
    assert person.updated_at > updated
