"""Every read of the funding app, by subject (`funds`, …), re-exported here."""

from maillage.funding.selectors.funds import Balance, envelope_balance, with_balances

__all__ = ["Balance", "envelope_balance", "with_balances"]
