from __future__ import annotations

import factory
from django.utils import timezone

from maillage.core.tests.factories import UserFactory
from maillage.privacy.models import DEADLINE, Request, RequestKind


class RequestFactory(factory.django.DjangoModelFactory[Request]):
    class Meta:
        model = Request

    account = factory.SubFactory(UserFactory)
    kind = RequestKind.ACCESS
    received_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.received_at + DEADLINE)
