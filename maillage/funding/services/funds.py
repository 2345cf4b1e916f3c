"""Money on envelopes: every change of a balance is a movement, recorded and audited.

A commitment locks its envelope's row first (`select_for_update`; SQLite's IMMEDIATE
transactions serialize writers anyway), then reads the balance and refuses what would go beyond
it, so concurrent allocations never overcommit an envelope.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.funding.models import Application, Envelope, Movement, MovementKind
from maillage.funding.models._common import dollars
from maillage.funding.selectors.funds import envelope_balance
from maillage.funding.verbs import FundingVerb


class MoneyRefused(ValidationError):
    """A movement the envelope cannot bear; its message says why, at the `amount` field."""


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


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
        envelope=envelope, kind=kind, amount=amount, created_by=_user(actor), **values
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
