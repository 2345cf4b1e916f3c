from __future__ import annotations

import factory
from django.utils import timezone

from maillage.core.permissions import SYSTEM
from maillage.core.tests.factories import UserFactory
from maillage.privacy.models import DEADLINE, PolicyVersion, Request, RequestKind
from maillage.privacy.services.policy import policy_publish


class RequestFactory(factory.django.DjangoModelFactory[Request]):
    class Meta:
        model = Request

    account = factory.SubFactory(UserFactory)
    kind = RequestKind.ACCESS
    received_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.received_at + DEADLINE)


def publish(text_fr: str, text_en: str = "", changes_fr: str = "") -> PolicyVersion:
    """A new version of the policy, published by the platform."""
    if PolicyVersion.objects.exists() and not changes_fr:
        changes_fr = "Changements."
    return policy_publish(actor=SYSTEM, text_fr=text_fr, text_en=text_en, changes_fr=changes_fr)
