"""The person in charge's part of the registry of personal information: their records in
"my data", and the contact of an earlier person in charge removed on anonymization."""

from __future__ import annotations

import pytest

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import Officer
from maillage.privacy.personal_officer import anonymize_privacy_officer, export_privacy_officer

pytestmark = pytest.mark.django_db

PSEUDONYM = "Personne anonymisée 7"


def _officer(account, email: str) -> Officer:
    return Officer.objects.create(
        account=account, title="Direction", contact_email=email, contact_phone="418 555-0101"
    )


def test_my_data_shows_my_records_as_person_in_charge_only():
    rose, paul = user_with_role(Role.STAFF), user_with_role(Role.STAFF)
    _officer(rose, "rose@example.org")
    _officer(paul, "paul@example.org")

    (section,) = export_privacy_officer(rose)

    assert section.key == "privacy.officer"
    assert [row.values["Courriel de contact"] for row in section.rows] == ["rose@example.org"]


def test_anonymization_removes_an_earlier_contact_and_keeps_the_published_one():
    rose, paul = user_with_role(Role.STAFF), user_with_role(Role.STAFF)
    earlier = _officer(rose, "rose@example.org")
    other = _officer(paul, "paul@example.org")
    current = _officer(rose, "vieprivee@example.org")

    anonymize_privacy_officer(account=rose, pseudonym=PSEUDONYM, actor=SYSTEM)

    earlier.refresh_from_db()
    assert (earlier.title, earlier.contact_email, earlier.contact_phone) == ("Direction", "", "")
    # The law requires the current contact published: the administrators name someone else.
    current.refresh_from_db()
    assert current.contact_email == "vieprivee@example.org"
    other.refresh_from_db()
    assert other.contact_email == "paul@example.org"
