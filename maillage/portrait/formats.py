"""How the portrait writes a figure for people: in the active language's digits, grouped, without
trailing zeros, with its unit."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format


def number(value: Decimal | float) -> str:
    """A figure as people read it in the active language: no trailing zeros, grouped."""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    plain = format(amount.normalize(), "f")
    return number_format(Decimal(plain), force_grouping=True)


def with_unit(value: Decimal | float, unit: str) -> str:
    shown = number(value)
    return f"{shown}\u00a0{unit}" if unit else shown
