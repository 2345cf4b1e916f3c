"""Money on envelopes: balances are sums of movements, a commitment never goes beyond what
remains, a release gives back only what was committed to that project."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from maillage.core.models import AuditEvent
from maillage.core.permissions import SYSTEM
from maillage.funding import selectors, services
from maillage.funding.models import Envelope, Movement, fiscal_year, fiscal_year_label
from maillage.funding.models._common import fiscal_year_bounds
from maillage.funding.tests.factories import ApplicationFactory, envelope
from maillage.funding.verbs import FundingVerb

pytestmark = pytest.mark.django_db


def test_the_fiscal_year_runs_from_april_to_march():
    import datetime as dt

    assert fiscal_year(dt.date(2025, 3, 31)) == 2024
    assert fiscal_year(dt.date(2025, 4, 1)) == 2025
    assert fiscal_year_label(2025) == "2025-2026"
    assert fiscal_year_bounds(2028) == (dt.date(2028, 4, 1), dt.date(2029, 3, 31))


def test_amounts_read_as_people_write_them():
    from django.utils import translation

    from maillage.funding.models._common import dollars

    assert dollars(Decimal("1142251")) == "1\xa0142\xa0251,00\xa0$"
    with translation.override("en"):
        assert dollars(Decimal("687251.5")) == "687,251.50\xa0$"


def test_a_balance_is_the_sum_of_the_movements(staff):
    pot = envelope(amount="100000.00")
    project = ApplicationFactory()
    services.money_allocate(actor=staff, envelope=pot, amount=Decimal("5000.50"))
    services.envelope_commit(
        actor=staff, envelope=pot, application=project, amount=Decimal("30000")
    )
    services.envelope_release(
        actor=staff, envelope=pot, application=project, amount=Decimal("2500.25")
    )
    balance = selectors.envelope_balance(pot)
    assert balance.amount == Decimal("105000.50")
    assert balance.committed == Decimal("27499.75")
    assert balance.remaining == Decimal("77500.75")
    assert balance.paid == Decimal("0.00")
    listed = selectors.with_balances(Envelope.objects.filter(pk=pot.pk)).get()
    assert (listed.amount, listed.committed, listed.paid) == (
        balance.amount,
        balance.committed,
        balance.paid,
    )
    verbs = list(AuditEvent.objects.values_list("verb", flat=True))
    assert FundingVerb.MONEY_COMMITTED.value in verbs
    assert FundingVerb.COMMITMENT_RELEASED.value in verbs


def test_a_commitment_beyond_what_remains_is_refused_with_the_balance(staff):
    pot = envelope(amount="40000.00")
    services.envelope_commit(
        actor=staff, envelope=pot, application=ApplicationFactory(), amount=Decimal("30000")
    )
    with pytest.raises(services.MoneyRefused) as refused:
        services.envelope_commit(
            actor=staff, envelope=pot, application=ApplicationFactory(), amount=Decimal("10000.01")
        )
    assert "10\xa0000,00\xa0$" in " ".join(refused.value.message_dict["amount"])
    assert Movement.objects.filter(envelope=pot).count() == 2


def test_a_release_gives_back_only_what_was_committed_to_that_project(staff):
    pot = envelope(amount="40000.00")
    one, other = ApplicationFactory(), ApplicationFactory()
    services.envelope_commit(actor=staff, envelope=pot, application=one, amount=Decimal("1000"))
    services.envelope_commit(actor=staff, envelope=pot, application=other, amount=Decimal("9000"))
    with pytest.raises(services.MoneyRefused):
        services.envelope_release(
            actor=staff, envelope=pot, application=one, amount=Decimal("1000.01")
        )


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5")])
def test_an_amount_must_be_above_zero(staff, amount):
    with pytest.raises(services.MoneyRefused):
        services.money_allocate(actor=staff, envelope=envelope(), amount=amount)


def test_only_staff_move_money(member_client):
    from maillage.funding.tests.factories import applicant_of

    project = ApplicationFactory()
    applicant = applicant_of(project.organization)
    with pytest.raises(PermissionDenied):
        services.envelope_commit(
            actor=applicant, envelope=envelope(), application=project, amount=Decimal("1")
        )
    # The platform itself may (a decision taken applies its outcomes).
    services.envelope_commit(
        actor=SYSTEM, envelope=envelope(), application=project, amount=Decimal("1")
    )
