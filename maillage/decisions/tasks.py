"""Background work of the decisions app: reminding the awaited voices before an asynchronous
consent round's deadline, closing the round at it."""

from __future__ import annotations

from datetime import datetime

from django.tasks import task

from maillage.core.permissions import SYSTEM
from maillage.decisions.services import polls_due, processes_close_due, processes_remind_due


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


@task()
def remind_due_processes(now: str | None = None) -> int:
    """Remind the voices still awaited in the asynchronous consent rounds whose deadline is
    near (`MAILLAGE_DECISION_REMINDER_HOURS`), once per round. Returns how many rounds."""
    return processes_remind_due(actor=SYSTEM, now=datetime.fromisoformat(now) if now else None)
