"""Money as people read it in the funding pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

from maillage.funding.models._common import dollars as _dollars

register = template.Library()


@register.filter
def dollars(value: Decimal | int | None) -> str:
    """« 10 000,00 $ » in French, "10,000.00 $" in English."""
    return _dollars(value)
