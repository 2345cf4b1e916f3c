"""Twenty allocations of 10,000 $ at once on an envelope of 100,000 $ (PostgreSQL, each thread
on its own connection): exactly ten succeed, and each refusal says why."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from maillage.core.permissions import SYSTEM
from maillage.core.tests.editing import in_parallel
from maillage.funding import selectors, services
from maillage.funding.models import Movement, MovementKind
from maillage.funding.tests.factories import ApplicationFactory, envelope

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's (SQLite serializes)"
    ),
]


@pytest.fixture(autouse=True)
def seeded():
    """The streams and sectors migrations seed: a transactional test run before this one in the
    same process emptied every table."""
    from importlib import import_module

    from django.apps import apps as django_apps

    import_module("maillage.network.migrations.0003_seed_sectors").seed(django_apps, None)
    import_module("maillage.funding.migrations.0002_seed_streams").seed(django_apps, None)


def test_twenty_allocations_at_once_on_an_envelope_of_ten_give_exactly_ten():
    pot = envelope(amount="100000.00")
    projects = [ApplicationFactory() for _n in range(20)]

    def commit(project):
        return lambda: services.envelope_commit(
            actor=SYSTEM, envelope=pot, application=project, amount=Decimal("10000")
        )

    results = in_parallel(*(commit(p) for p in projects))
    done = [r for r in results if isinstance(r, Movement)]
    refused = [r for r in results if isinstance(r, services.MoneyRefused)]
    assert len(done) == 10
    assert len(refused) == 10
    assert all("0,00\xa0$" in " ".join(r.message_dict["amount"]) for r in refused)
    assert Movement.objects.filter(envelope=pot, kind=MovementKind.COMMITMENT).count() == 10
    balance = selectors.envelope_balance(pot)
    assert balance.committed == Decimal("100000.00")
    assert balance.remaining == Decimal("0.00")


def test_transfers_at_once_in_both_directions_neither_deadlock_nor_overdraw():
    from maillage.funding.services.funds import envelope_transfer
    from maillage.funding.tests.factories import FundFactory, mrcs_of_region

    fund = FundFactory()
    first, second = mrcs_of_region({"Charlevoix": 1, "Portneuf": 2})
    one = envelope(first, fund=fund, amount="30000.00")
    two = envelope(second, fund=fund, amount="30000.00")

    def move(source, target):
        return lambda: envelope_transfer(
            actor=SYSTEM, source=source, target=target, amount=Decimal("10000")
        )

    # Four each way: whatever the order, each envelope never sends more than it holds.
    results = in_parallel(*(move(one, two) if n % 2 else move(two, one) for n in range(8)))
    assert all(isinstance(r, tuple | services.MoneyRefused) for r in results), results
    total = selectors.envelope_balance(one).amount + selectors.envelope_balance(two).amount
    assert total == Decimal("60000.00")
    assert selectors.envelope_balance(one).amount >= 0
    assert selectors.envelope_balance(two).amount >= 0
