"""Background work of the funding app: closing the calls for projects at their closing time."""

from __future__ import annotations

from datetime import datetime

from django.tasks import task

from maillage.funding.services.calls import calls_close_due


@task()
def close_due_calls(now: str | None = None) -> int:
    """Close the published calls whose closing time has passed. Returns how many were closed.
    `now` (ISO datetime) is for catching up or testing."""
    return calls_close_due(now=datetime.fromisoformat(now) if now else None)
