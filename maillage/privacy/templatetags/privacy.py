"""How "my data" writes a value: dates as dates, yes or no, a dash for nothing."""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from maillage.core.templatetags.maillage import frdate

register = template.Library()


@register.filter
def datum(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return frdate(local, "DATETIME_FORMAT")
    if isinstance(value, date):
        return frdate(value)
    return str(value)


@register.simple_tag
def datum_cells(cells: list[Any]) -> SafeString:
    """A row's cells, each written by `datum` and escaped: one tag for the row instead of a loop
    of a few nodes a cell (a person's data runs to hundreds of cells)."""
    # Each value is escaped here (the standard library's `escape`, which Django's wraps).
    return mark_safe("".join(f"<td>{escape(datum(cell))}</td>" for cell in cells))
