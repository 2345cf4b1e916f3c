"""What the funding forms share: an amount of money as people type it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

# What the database's amount columns hold (12 digits, 2 after the point).
MAX_AMOUNT = Decimal("9999999999.99")


def money_field(
    label: Any, *, required: bool = True, positive: bool = False, **options: Any
) -> forms.DecimalField:
    """An amount in dollars, typed as people write it in their language (« 10 000,50 »), never
    negative (never zero when `positive`), and never more than the database holds."""
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0.01") if positive else Decimal("0.00"),
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        **options,
    )
