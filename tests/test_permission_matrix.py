"""Every URL of the project, requested by every role, answers the status the matrix expects."""

from __future__ import annotations

import pytest
from django.test import Client

from maillage.core.roles import ANONYMOUS
from maillage.core.tests.factories import user_with_role
from tests.matrix import (
    ANY_OK,
    ANY_STATUS,
    LOGIN,
    REDIRECT,
    make_samples,
    matrix,
    reverse_entry,
    url_names,
)

ROLES = [ANONYMOUS, "citizen", "guest", "member", "staff", "admin"]


def test_every_url_has_an_entry():
    declared = matrix()
    missing = [name for name in url_names() if name not in declared]
    assert not missing, f"URLs without a permission-matrix entry: {missing}"
    stale = [name for name in declared if name not in url_names()]
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


@pytest.fixture
def sample_data(db):
    return make_samples()


def _outcome(response, client) -> int | str:
    if response.status_code in (301, 302, 303):
        location = response.headers["Location"]
        if "/administration/login/" in location:
            # The admin's own login hands over to the platform's, or refuses non-administrators.
            return _outcome(client.get(location), client)
        return LOGIN if "/comptes/login/" in location else REDIRECT
    return response.status_code


@pytest.mark.parametrize("name", url_names())
def test_permission_matrix(name, sample_data):
    expect = matrix()[name]
    url = reverse_entry(name, expect.kwargs(sample_data))
    if expect.query:
        url = f"{url}?{expect.query}"
    failures = []
    for role in ROLES:
        client = Client()
        if role != ANONYMOUS:
            client.force_login(user_with_role(role))
        response = getattr(client, expect.method)(url)
        got, wanted = _outcome(response, client), expect.statuses[role]
        if wanted == ANY_OK and got in (200, REDIRECT):
            continue
        if wanted == ANY_STATUS and got != 500:
            continue
        if got != wanted:
            failures.append(f"{role}: expected {wanted}, got {got}")
    assert not failures, f"{name} ({url}): " + "; ".join(failures)
