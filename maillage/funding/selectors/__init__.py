"""Every read of the funding app, one module per subject (the names of `services`); import
from the subject's module."""

from maillage.funding.selectors.applications import applicant_accounts
from maillage.funding.selectors.funds import Balance, envelope_balance, with_balances

__all__ = ["Balance", "applicant_accounts", "envelope_balance", "with_balances"]
