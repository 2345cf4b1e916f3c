"""Money on envelopes: every change of a balance is a movement, recorded and audited.

A commitment locks its envelope's row first (`select_for_update`; SQLite's IMMEDIATE
transactions serialize writers anyway), then reads the balance and refuses what would go beyond
it, so concurrent allocations never overcommit an envelope.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.permissions import require
from maillage.core.slugs import unique_slug
from maillage.core.versions import lock
from maillage.funding.models import (
    Application,
    Envelope,
    Fund,
    Movement,
    MovementKind,
    SplitMethod,
    Stream,
)
from maillage.funding.models._common import (
    CENT,
    ZERO,
    dollars,
    fiscal_year_bounds,
    fiscal_year_label,
)
from maillage.funding.selectors.funds import envelope_balance
from maillage.funding.services._common import user_of
from maillage.funding.verbs import FundingVerb
from maillage.territories.models import Territory


class MoneyRefused(ValidationError):
    """A movement the envelope cannot bear; its message says why, at the `amount` field."""


def _locked(envelope: Envelope) -> Envelope:
    return Envelope.objects.select_for_update().get(pk=envelope.pk)


def _amount(amount: Decimal) -> Decimal:
    if amount <= 0:
        raise MoneyRefused({"amount": _("The amount must be greater than zero.")})
    return amount.quantize(Decimal("0.01"))


def _record(
    actor: Actor,
    verb: FundingVerb,
    envelope: Envelope,
    kind: MovementKind,
    amount: Decimal,
    **values: object,
) -> Movement:
    movement = Movement.objects.create(
        envelope=envelope, kind=kind, amount=amount, created_by=user_of(actor), **values
    )
    audit.record(
        actor=actor,
        verb=verb,
        target=envelope,
        payload={"kind": kind.value, "amount": str(amount), "movement": movement.pk}
        | {k: getattr(v, "pk", v) for k, v in values.items() if v not in (None, "")},
    )
    return movement


@transaction.atomic
def money_allocate(
    *, actor: Actor, envelope: Envelope, amount: Decimal, note: str = ""
) -> Movement:
    """Put money from the fund in an envelope."""
    require(actor, "funding.manage")
    return _record(
        actor,
        FundingVerb.MONEY_ALLOCATED,
        envelope,
        MovementKind.ALLOCATION,
        _amount(amount),
        note=note,
    )


@transaction.atomic
def envelope_commit(
    *, actor: Actor, envelope: Envelope, application: Application, amount: Decimal, note: str = ""
) -> Movement:
    """Commit `amount` of `envelope` to a project, never beyond what remains in it."""
    require(actor, "funding.manage")
    amount = _amount(amount)
    envelope = _locked(envelope)
    remaining = envelope_balance(envelope).remaining
    if amount > remaining:
        raise MoneyRefused(
            {
                "amount": _(
                    "The envelope “%(envelope)s” has %(remaining)s left to commit: "
                    "%(amount)s is more than that."
                )
                % {"envelope": envelope, "remaining": dollars(remaining), "amount": dollars(amount)}
            }
        )
    return _record(
        actor,
        FundingVerb.MONEY_COMMITTED,
        envelope,
        MovementKind.COMMITMENT,
        amount,
        application=application,
        note=note,
    )


@transaction.atomic
def envelope_release(
    *, actor: Actor, envelope: Envelope, application: Application, amount: Decimal, note: str = ""
) -> Movement:
    """Give back to the envelope part of what was committed to a project (unspent money)."""
    require(actor, "funding.manage")
    amount = _amount(amount)
    envelope = _locked(envelope)
    committed = envelope_balance(envelope, application=application).committed
    if amount > committed:
        raise MoneyRefused(
            {
                "amount": _("Only %(committed)s of this envelope is committed to this project.")
                % {"committed": dollars(committed)}
            }
        )
    return _record(
        actor,
        FundingVerb.COMMITMENT_RELEASED,
        envelope,
        MovementKind.RELEASE,
        amount,
        application=application,
        note=note,
    )


# Funds and envelopes: created, amended, money moved between them.

_FUND_FIELDS = ("name", "funder", "description", "start_date", "end_date", "total", "split_method")


def _fund_snapshot(fund: Fund) -> dict[str, Any]:
    return {name: str(getattr(fund, name)) for name in _FUND_FIELDS}


@transaction.atomic
def fund_create(
    *,
    actor: Actor,
    name: str,
    funder: str,
    start_date: date,
    end_date: date,
    total: Decimal,
    description: str = "",
    split_method: str = SplitMethod.POPULATION,
) -> Fund:
    """A fund the collective administers; its envelopes come next."""
    require(actor, "funding.manage")
    fund = Fund(
        name=name,
        slug=unique_slug(Fund, name),
        funder=funder,
        description=description,
        start_date=start_date,
        end_date=end_date,
        total=total,
        split_method=split_method,
        created_by=user_of(actor),
    )
    return audit.audited_save(
        actor=actor, instance=fund, verb=FundingVerb.FUND_CREATED, payload=_fund_snapshot
    )


@transaction.atomic
def fund_update(
    *, actor: Actor, fund: Fund, version: str | None = None, **values: Any
) -> dict[str, list[Any]]:
    """Amend a fund's description (its balances move only by movements), refused when the fund
    changed since `version`; the audit event records what changed. Returns the changes."""
    require(actor, "funding.manage")
    lock(fund, version=version)
    unknown = set(values) - set(_FUND_FIELDS)
    if unknown:
        raise TypeError(f"fund_update() cannot set {sorted(unknown)}")

    def fill(instance: Fund) -> None:
        for name, value in values.items():
            setattr(instance, name, value)

    return audit.audited_update(
        actor=actor,
        instance=fund,
        verb=FundingVerb.FUND_AMENDED,
        snapshot=_fund_snapshot,
        fill=fill,
    )


def _check_year(fund: Fund, year: int) -> None:
    start, end = fiscal_year_bounds(year)
    if end < fund.start_date or start > fund.end_date:
        raise ValidationError(
            {
                "fiscal_year": _(
                    "The fiscal year %(year)s is outside the fund's period (%(start)s to %(end)s)."
                )
                % {"year": fiscal_year_label(year), "start": fund.start_date, "end": fund.end_date}
            }
        )


@transaction.atomic
def envelope_create(
    *,
    actor: Actor,
    fund: Fund,
    territory: Territory,
    stream: Stream,
    fiscal_year: int,
    amount: Decimal = ZERO,
    cap_per_project: Decimal | None = None,
    weight: Decimal | None = None,
    note: str = "",
) -> Envelope:
    """An envelope of `fund` for a territory, a stream and a fiscal year; its budget, when
    given, is its first movement (an allocation)."""
    require(actor, "funding.manage")
    _check_year(fund, fiscal_year)
    if amount < 0:
        raise MoneyRefused({"amount": _("The amount cannot be negative.")})
    optional: dict[str, Any] = {"cap_per_project": cap_per_project, "weight": weight}
    optional |= {"fund": fund, "territory": territory, "stream": stream, "fiscal_year": fiscal_year}
    created = audit.audited_save(
        actor=actor,
        # Given as a mapping: the optional columns' stubs type them as never empty.
        instance=Envelope(**optional),
        verb=FundingVerb.ENVELOPE_CREATED,
        target=fund,
        payload=lambda e: {"envelope": e.pk, "label": str(e)},
    )
    if amount > 0:
        money_allocate(actor=actor, envelope=created, amount=amount, note=note)
    return created


def _refuse_beyond(envelope: Envelope, amount: Decimal, field: str = "amount") -> None:
    remaining = envelope_balance(envelope).remaining
    if amount > remaining:
        raise MoneyRefused(
            {
                field: _(
                    "The envelope “%(envelope)s” has %(remaining)s not committed: "
                    "%(amount)s cannot leave it."
                )
                % {"envelope": envelope, "remaining": dollars(remaining), "amount": dollars(amount)}
            }
        )


def _locked_pair(first: Envelope, second: Envelope) -> tuple[Envelope, Envelope]:
    """Both rows locked, always the lower key first: two transfers in opposite directions
    then wait for each other instead of deadlocking."""
    rows = {
        e.pk: e
        for e in Envelope.objects.select_for_update()
        .filter(pk__in=[first.pk, second.pk])
        .order_by("pk")
        .select_related("territory", "stream")
    }
    return rows[first.pk], rows[second.pk]


@transaction.atomic
def envelope_transfer(
    *, actor: Actor, source: Envelope, target: Envelope, amount: Decimal, note: str = ""
) -> tuple[Movement, Movement]:
    """Move money not committed yet from one envelope of a fund to another (two movements)."""
    require(actor, "funding.manage")
    amount = _amount(amount)
    if source.pk == target.pk:
        raise ValidationError({"target": _("Choose another envelope than the source.")})
    if source.fund_id != target.fund_id:
        raise ValidationError({"target": _("Money moves only between envelopes of one fund.")})
    source, target = _locked_pair(source, target)
    _refuse_beyond(source, amount)
    sent = _record(
        actor,
        FundingVerb.MONEY_TRANSFERRED,
        source,
        MovementKind.TRANSFER_OUT,
        amount,
        counterpart=target,
        note=note,
    )
    received = _record(
        actor,
        FundingVerb.MONEY_TRANSFERRED,
        target,
        MovementKind.TRANSFER_IN,
        amount,
        counterpart=source,
        note=note,
    )
    return sent, received


@transaction.atomic
def envelope_carry_over(
    *, actor: Actor, envelope: Envelope, amount: Decimal | None = None, note: str = ""
) -> tuple[Movement, Movement]:
    """Carry money not committed in a fiscal year over to the envelope of the same fund,
    territory and stream the next year (created when missing). Everything not committed by
    default."""
    require(actor, "funding.manage")
    following = Envelope.objects.filter(
        fund_id=envelope.fund_id,
        territory_id=envelope.territory_id,
        stream_id=envelope.stream_id,
        fiscal_year=envelope.fiscal_year + 1,
    ).first()
    if following is None:
        following = envelope_create(
            actor=actor,
            fund=envelope.fund,
            territory=envelope.territory,
            stream=envelope.stream,
            fiscal_year=envelope.fiscal_year + 1,
            cap_per_project=envelope.cap_per_project,
        )
    source, following = _locked_pair(envelope, following)
    if amount is None:
        amount = envelope_balance(source).remaining
        if amount <= 0:
            raise MoneyRefused({"amount": _("Everything in this envelope is committed.")})
    amount = _amount(amount)
    _refuse_beyond(source, amount)
    sent = _record(
        actor,
        FundingVerb.MONEY_CARRIED_OVER,
        source,
        MovementKind.CARRY_OUT,
        amount,
        counterpart=following,
        note=note,
    )
    received = _record(
        actor,
        FundingVerb.MONEY_CARRIED_OVER,
        following,
        MovementKind.CARRY_IN,
        amount,
        counterpart=source,
        note=note,
    )
    return sent, received


# Splitting an amount among territories.


@dataclass(frozen=True)
class SplitLine:
    """One territory's part: its basis (population, weight, or 1), its share of the bases,
    the exact amount, and the amount to the cent (one cent more when it got a remainder cent)."""

    territory: Territory
    basis: Decimal
    share: Decimal  # a fraction of 1, rounded for reading (to 6 places)
    exact: Decimal  # the amount before rounding, to 4 places for reading
    amount: Decimal
    remainder_cent: bool


@dataclass(frozen=True)
class SplitPreview:
    method: str
    amount: Decimal
    regional_percent: Decimal
    regional_amount: Decimal  # kept for regional projects
    distributed: Decimal  # the amount less the regional part, split among the lines
    basis_total: Decimal
    remainder_cents: int  # how many cents the rounding down left, given one each in turn
    lines: tuple[SplitLine, ...]

    @property
    def total(self) -> Decimal:
        return self.regional_amount + sum((line.amount for line in self.lines), ZERO)


def _basis(method: str, territory: Territory, weights: Mapping[int, Decimal]) -> Decimal:
    if method == SplitMethod.EQUAL:
        return Decimal(1)
    if method == SplitMethod.POPULATION:
        if not territory.population:
            raise ValidationError(
                {
                    "method": _("%(territory)s has no census population: choose another formula.")
                    % {"territory": territory}
                }
            )
        return Decimal(territory.population)
    weight = weights.get(territory.pk)
    if weight is None or weight < 0:
        raise ValidationError(
            {
                "method": _(
                    "Give every territory a weight of zero or more: %(territory)s has none."
                )
                % {"territory": territory}
            }
        )
    return Decimal(weight)


def split_preview(
    *,
    amount: Decimal,
    method: str,
    territories: Sequence[Territory],
    regional_percent: Decimal = ZERO,
    weights: Mapping[int, Decimal] | None = None,
) -> SplitPreview:
    """The split of `amount` among `territories` by `method` (equal shares, shares of census
    population, custom `weights` by territory key), `regional_percent` of it kept for the
    regional envelope first. Pure arithmetic, to the cent: each part is rounded down, then the
    cents left are given one each to the parts that lost most in rounding (ties by territory
    code), so the parts and the regional amount add up exactly to `amount`."""
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be greater than zero.")})
    if not ZERO <= regional_percent <= 100:
        raise ValidationError(
            {"regional_percent": _("The regional part is a percentage from 0 to 100.")}
        )
    if not territories:
        raise ValidationError({"territories": _("Choose at least one territory.")})
    amount = amount.quantize(CENT)
    regional = (amount * regional_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    distributed = amount - regional
    bases = [_basis(method, t, weights or {}) for t in territories]
    basis_total = sum(bases, ZERO)
    if basis_total <= 0:
        raise ValidationError({"method": _("The weights add up to zero: nothing to split by.")})
    total_cents = int(distributed * 100)
    exact = [Fraction(total_cents) * Fraction(b) / Fraction(basis_total) for b in bases]
    floors = [math.floor(x) for x in exact]
    left = total_cents - sum(floors)
    order = sorted(
        range(len(territories)),
        key=lambda i: (-(exact[i] - floors[i]), territories[i].code, territories[i].pk),
    )
    extra = set(order[:left])
    lines = tuple(
        SplitLine(
            territory=t,
            basis=b,
            share=(Decimal(b) / basis_total).quantize(Decimal("0.000001")),
            exact=(Decimal(x.numerator) / Decimal(x.denominator) / 100).quantize(Decimal("0.0001")),
            amount=(Decimal(f + (1 if i in extra else 0)) / 100).quantize(CENT),
            remainder_cent=i in extra,
        )
        for i, (t, b, x, f) in enumerate(zip(territories, bases, exact, floors, strict=True))
    )
    return SplitPreview(
        method=method,
        amount=amount,
        regional_percent=regional_percent,
        regional_amount=regional,
        distributed=distributed,
        basis_total=basis_total,
        remainder_cents=left,
        lines=lines,
    )


def _envelope_for(
    actor: Actor,
    fund: Fund,
    territory: Territory,
    stream: Stream,
    year: int,
    weight: Decimal | None,
) -> Envelope:
    found = Envelope.objects.filter(
        fund=fund, territory=territory, stream=stream, fiscal_year=year
    ).first()
    if found is None:
        return envelope_create(
            actor=actor,
            fund=fund,
            territory=territory,
            stream=stream,
            fiscal_year=year,
            weight=weight,
        )
    if weight is not None and found.weight != weight:
        audit.audited_set(
            actor=actor,
            instance=found,
            verb=FundingVerb.FUND_SPLIT,
            values={"weight": weight},
            target=fund,
            payload={"envelope": found.pk, "weight": str(weight)},
        )
    return found


@transaction.atomic
def fund_split(
    *,
    actor: Actor,
    fund: Fund,
    stream: Stream,
    fiscal_year: int,
    amount: Decimal,
    method: str,
    territories: Sequence[Territory],
    regional_percent: Decimal = ZERO,
    weights: Mapping[int, Decimal] | None = None,
    region: Territory | None = None,
    regional_stream: Stream | None = None,
) -> SplitPreview:
    """Record the split `split_preview` shows: each territory's part allocated to its
    envelope of `stream` for the fiscal year (created when missing), the regional part to the
    `region`'s envelope of `regional_stream` (the "regional" stream by default)."""
    require(actor, "funding.manage")
    _check_year(fund, fiscal_year)
    preview = split_preview(
        amount=amount,
        method=method,
        territories=territories,
        regional_percent=regional_percent,
        weights=weights,
    )
    if preview.regional_amount > 0 and region is None:
        raise ValidationError(
            {"regional_percent": _("Name the region whose envelope keeps the regional part.")}
        )
    note = _("Split among territories (%(method)s)") % {"method": SplitMethod(method).label}
    for line in preview.lines:
        if line.amount <= 0:
            continue
        target = _envelope_for(
            actor,
            fund,
            line.territory,
            stream,
            fiscal_year,
            line.basis if method == SplitMethod.WEIGHTS else None,
        )
        money_allocate(actor=actor, envelope=target, amount=line.amount, note=note)
    if preview.regional_amount > 0 and region is not None:
        kept = regional_stream or Stream.objects.get(key="regional")
        target = _envelope_for(actor, fund, region, kept, fiscal_year, None)
        money_allocate(actor=actor, envelope=target, amount=preview.regional_amount, note=note)
    audit.audited_set(
        actor=actor,
        instance=fund,
        verb=FundingVerb.FUND_SPLIT,
        values={"split_method": method},
        payload={
            "method": method,
            "fiscal_year": fiscal_year,
            "stream": stream.key,
            "amount": str(preview.amount),
            "regional": str(preview.regional_amount),
            "parts": {str(line.territory.pk): str(line.amount) for line in preview.lines},
        },
    )
    return preview
