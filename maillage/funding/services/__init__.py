"""Every write of the funding app, by subject (`funds`, …), re-exported here."""

from maillage.funding.services.funds import (
    MoneyRefused,
    envelope_commit,
    envelope_release,
    money_allocate,
)

__all__ = ["MoneyRefused", "envelope_commit", "envelope_release", "money_allocate"]
