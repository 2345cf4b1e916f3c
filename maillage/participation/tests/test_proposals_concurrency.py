"""A hundred people supporting the same proposal at once (PostgreSQL, each thread on its own
connection) give exactly a hundred supports, all counted."""

from __future__ import annotations

import pytest
from django.db import connection

from maillage.core.tests.editing import in_parallel
from maillage.participation.models import Support
from maillage.participation.services import proposals as services
from maillage.participation.tests.factories import ProposalFactory, citizen

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's (SQLite serializes)"
    ),
]


def test_a_hundred_supports_at_once_are_all_counted_exactly():
    proposal = ProposalFactory()
    people = [citizen() for _n in range(100)]

    def support(person):
        return lambda: services.support_give(actor=person, proposal=proposal)

    results = in_parallel(*(support(p) for p in people))
    assert [r for r in results if not isinstance(r, Support)] == []
    proposal.refresh_from_db()
    assert proposal.support_count == 100
    assert Support.objects.filter(proposal=proposal).count() == 100
