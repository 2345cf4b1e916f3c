"""Balances of envelopes, summed from their movements by the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, DecimalField, F, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from maillage.funding.models import Application, Envelope, Movement
from maillage.funding.models._common import ZERO, cents
from maillage.funding.models.funds import BUDGET_SIGN, COMMITTED_SIGN, PAID_SIGN

_MONEY = DecimalField(max_digits=14, decimal_places=2)


def signed_sum(signs: Mapping[str, int], prefix: str = "") -> Coalesce:
    """The sum of movements weighted by the sign of their kind (other kinds count zero)."""
    amount = F(f"{prefix}amount")
    return Coalesce(
        Sum(
            Case(
                When(**{f"{prefix}kind__in": [k for k, s in signs.items() if s > 0]}, then=amount),
                When(**{f"{prefix}kind__in": [k for k, s in signs.items() if s < 0]}, then=-amount),
                default=Value(ZERO),
                output_field=_MONEY,
            )
        ),
        Value(ZERO),
        output_field=_MONEY,
    )


@dataclass(frozen=True)
class Balance:
    amount: Decimal  # allocated, plus transfers and carry-overs received, minus those sent
    committed: Decimal  # committed to projects, minus releases
    paid: Decimal

    @property
    def remaining(self) -> Decimal:
        """What may still be committed."""
        return self.amount - self.committed

    @property
    def unpaid(self) -> Decimal:
        return self.committed - self.paid


def envelope_balance(
    envelope: Envelope | int, *, application: Application | None = None
) -> Balance:
    """One envelope's balance (or its share for one project), in one query."""
    movements = Movement.objects.filter(envelope=envelope)
    if application is not None:
        movements = movements.filter(application=application)
    totals = movements.aggregate(
        total_budget=signed_sum(BUDGET_SIGN),
        total_committed=signed_sum(COMMITTED_SIGN),
        total_paid=signed_sum(PAID_SIGN),
    )
    return Balance(
        cents(totals["total_budget"]), cents(totals["total_committed"]), cents(totals["total_paid"])
    )


def with_balances(envelopes: QuerySet[Envelope]) -> QuerySet[Envelope]:
    """Envelopes annotated with `amount`, `committed` and `paid` (one query for the list)."""
    return envelopes.annotate(
        amount=signed_sum(BUDGET_SIGN, "movements__"),
        committed=signed_sum(COMMITTED_SIGN, "movements__"),
        paid=signed_sum(PAID_SIGN, "movements__"),
    )
