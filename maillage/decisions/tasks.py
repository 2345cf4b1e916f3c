"""Background work of the decisions app: closing asynchronous consent rounds at their deadline."""

from __future__ import annotations

from datetime import datetime

from django.tasks import task

from maillage.core.permissions import SYSTEM
from maillage.decisions.services import polls_due, processes_close_due


@task()
def close_due_processes(now: str | None = None) -> int:
    """Close the asynchronous consent rounds whose deadline has passed: no objection → the
    decision is taken; an objection → integration. Returns how many were closed. `now` (ISO
    datetime) is for catching up or testing."""
    at = datetime.fromisoformat(now) if now else None
    report = processes_close_due(actor=SYSTEM, now=at)
    # Polls at their times: opened, reminded before closing, closed.
    polls_due(actor=SYSTEM, now=at)
    return report.closed
