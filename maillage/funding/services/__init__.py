"""Every write of the funding app, one module per subject (`funds`, `calls`, `applications`,
`reviews`, `agreements`); import from the subject's module."""

from maillage.funding.services.funds import (
    MoneyRefused,
    envelope_commit,
    envelope_release,
    money_allocate,
)

__all__ = ["MoneyRefused", "envelope_commit", "envelope_release", "money_allocate"]
