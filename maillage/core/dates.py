"""Dates as people read them. In French the first day of a month is written "1er" ("1er août
2026"), which no format string of Django's `date` can say: every date shown in French in a page
or a message goes through `long_date` (`|frdate` in templates)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.translation import get_language

# The day of the month without a leading zero, where the format does not escape it.
_DAY = re.compile(r"(?<!\\)j")


def long_date(value: dt.date, format: str = "DATE_FORMAT") -> str:
    """`value` in the active language's `format` (a format name such as "DATE_FORMAT" or
    "DATETIME_FORMAT", or a format string), as Django's `date_format` writes it, but "1er"
    for the first of the month in French. An aware datetime is shown in local time."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    pattern = str(get_format(format))
    if value.day == 1 and (get_language() or "").startswith("fr"):
        pattern = _DAY.sub(r"j\\e\\r", pattern)
    return dateformat.format(value, pattern)
