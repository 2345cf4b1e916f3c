"""Balances of envelopes, summed from their movements by the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, DecimalField, F, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from maillage.funding.models import Application, Envelope, Fund, Movement
from maillage.funding.models._common import ZERO, cents, fiscal_year_label
from maillage.funding.models.funds import BUDGET_SIGN, COMMITTED_SIGN, PAID_SIGN
from maillage.territories.models import Territory, TerritoryType

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


# Funds and their envelopes, for the staff's pages.


def fund_list() -> QuerySet[Fund]:
    """Every fund with the totals of its envelopes (`amount`, `committed`, `paid`), one query."""
    return Fund.objects.annotate(
        amount=signed_sum(BUDGET_SIGN, "envelopes__movements__"),
        committed=signed_sum(COMMITTED_SIGN, "envelopes__movements__"),
        paid=signed_sum(PAID_SIGN, "envelopes__movements__"),
    ).order_by("-start_date", "name")


def balance_of(envelope: Envelope) -> Balance:
    found = getattr(envelope, "amount", None)
    if found is None:
        return envelope_balance(envelope)
    return Balance(
        cents(found),
        cents(getattr(envelope, "committed", ZERO)),
        cents(getattr(envelope, "paid", ZERO)),
    )


def balance_total(balances: list[Balance]) -> Balance:
    return Balance(
        sum((b.amount for b in balances), ZERO),
        sum((b.committed for b in balances), ZERO),
        sum((b.paid for b in balances), ZERO),
    )


@dataclass(frozen=True)
class EnvelopeRow:
    envelope: Envelope
    balance: Balance


@dataclass(frozen=True)
class FundYear:
    """One fiscal year of a fund: its envelopes (by stream, then territory) and their total."""

    year: int
    rows: tuple[EnvelopeRow, ...]
    total: Balance

    @property
    def label(self) -> str:
        return fiscal_year_label(self.year)


@dataclass(frozen=True)
class FundDetail:
    fund: Fund
    years: tuple[FundYear, ...]
    total: Balance

    @property
    def unallocated(self) -> Decimal:
        """What of the fund's total no envelope holds yet."""
        return cents(self.fund.total) - self.total.amount


def fund_envelopes(fund: Fund) -> QuerySet[Envelope]:
    return with_balances(
        Envelope.objects.filter(fund=fund).select_related("territory", "stream")
    ).order_by("fiscal_year", "stream__position", "stream__key", "territory__code", "pk")


def fund_detail(fund: Fund) -> FundDetail:
    """A fund's envelopes by fiscal year with their balances (one query, whatever their
    number)."""
    by_year: dict[int, list[EnvelopeRow]] = {}
    for envelope in fund_envelopes(fund):
        by_year.setdefault(envelope.fiscal_year, []).append(
            EnvelopeRow(envelope, balance_of(envelope))
        )
    years = tuple(
        FundYear(year, tuple(rows), balance_total([r.balance for r in rows]))
        for year, rows in sorted(by_year.items())
    )
    return FundDetail(fund, years, balance_total([y.total for y in years]))


def envelope_choices(fund: Fund) -> QuerySet[Envelope]:
    """The envelopes of a fund to choose from in a form (their labels read territory and
    stream without a query per option)."""
    return (
        Envelope.objects.filter(fund=fund)
        .select_related("territory", "stream")
        .order_by("fiscal_year", "stream__position", "territory__code")
    )


def split_territories() -> QuerySet[Territory]:
    """The territories a fund's amount is split among: the MRCs and equivalent territories."""
    return Territory.objects.filter(
        type__in=[TerritoryType.MRC, TerritoryType.EQUIVALENT]
    ).order_by("code")


def regions() -> QuerySet[Territory]:
    return Territory.objects.filter(type=TerritoryType.REGION).order_by("code")
