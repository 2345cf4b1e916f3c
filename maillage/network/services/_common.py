"""What the network services share."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()
