"""A hundred people supporting the same proposal at once (PostgreSQL) give exactly a hundred
supports, all counted. The hundred come through 25 threads released at the same moment, each on
its own connection giving four supports in a row: a hundred connections would pass a server's
usual limit of clients."""

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

    def support(group):
        return lambda: [services.support_give(actor=p, proposal=proposal) for p in group]

    results = in_parallel(*(support(people[n : n + 4]) for n in range(0, 100, 4)))
    given = [s for r in results if isinstance(r, list) for s in r]
    assert [r for r in results if not isinstance(r, list)] == []
    assert len(given) == 100
    proposal.refresh_from_db()
    assert proposal.support_count == 100
    assert Support.objects.filter(proposal=proposal).count() == 100
