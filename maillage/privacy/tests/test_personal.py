"""The privacy app's own section of "my data": the account's requests, nobody else's."""

from __future__ import annotations

import pytest

from maillage.privacy.personal import export_requests
from maillage.privacy.tests.factories import RequestFactory

pytestmark = pytest.mark.django_db


def test_the_section_lists_the_accounts_requests_only():
    mine = RequestFactory(message="Corriger mon adresse.")
    RequestFactory(message="Pas la mienne.")
    [section] = export_requests(mine.account)
    assert section.key == "privacy.requests"
    assert [row.values["Message"] for row in section.rows] == ["Corriger mon adresse."]
