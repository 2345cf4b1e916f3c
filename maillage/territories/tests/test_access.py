"""This app's entries of the project's permission matrix, checked role by role."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.roles import ANONYMOUS, Role
from maillage.core.tests.factories import user_with_role
from maillage.territories.tests.access import ACCESS, sample

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(ACCESS))
@pytest.mark.parametrize("role", [ANONYMOUS, *Role.values])
def test_every_role_gets_the_expected_status(name, role):
    data = SimpleNamespace()
    sample(data)
    expect = ACCESS[name]
    client = Client()
    if role != ANONYMOUS:
        client.force_login(user_with_role(role))
    response = client.get(reverse(name, kwargs=expect.kwargs(data) or None))
    assert response.status_code == expect.statuses[role]
