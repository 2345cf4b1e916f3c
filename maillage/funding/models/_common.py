"""What the funding models share: money, fiscal years, workflow state labels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(verbose_name: Any, **kwargs: Any) -> models.DecimalField[Decimal, Decimal]:
    """An amount in dollars, to the cent, never negative (a movement's direction is its kind)."""
    kwargs.setdefault("validators", [MinValueValidator(ZERO)])
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def cents(value: Decimal | int | None) -> Decimal:
    """An amount to the cent (SQLite's sums come back without their scale)."""
    return (Decimal(value) if value is not None else ZERO).quantize(CENT)


def dollars(value: Decimal | int | None) -> str:
    """An amount as people read it in the active language: « 10 000,00 $ », "10,000.00 $"."""
    from django.utils.formats import number_format

    number = number_format(cents(value), 2, use_l10n=True, force_grouping=True)
    return f"{number}\N{NO-BREAK SPACE}$"


def fiscal_year(day: date) -> int:
    """The fiscal year (April to March) of a day, named by the calendar year it starts in."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_label(year: int) -> str:
    return f"{year}-{year + 1}"


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)
