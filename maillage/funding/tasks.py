"""Background work of the funding app: closing the calls for projects at their closing time,
reminding the funded organizations of the reports they owe, marking scheduled payments due on
their date."""

from __future__ import annotations

from datetime import datetime

from django.tasks import task
from django.utils import timezone

from maillage.core.permissions import SYSTEM
from maillage.funding.services.agreements import payments_fall_due, reports_remind_due
from maillage.funding.services.calls import calls_close_due


@task()
def close_due_calls(now: str | None = None) -> int:
    """Close the published calls whose closing time has passed. Returns how many were closed.
    `now` (ISO datetime) is for catching up or testing."""
    return calls_close_due(now=datetime.fromisoformat(now) if now else None)


@task()
def remind_reports(now: str | None = None) -> int:
    """Remind the organizations of the reports due within
    `MAILLAGE_FUNDING_REPORT_REMINDER_DAYS` days, once per report. Returns how many reports.
    `now` (ISO datetime) is for catching up or testing."""
    return reports_remind_due(actor=SYSTEM, now=datetime.fromisoformat(now) if now else None)


@task()
def mark_payments_due(now: str | None = None) -> int:
    """Mark the scheduled payments of signed agreements whose date has come as due. Returns
    how many."""
    today = timezone.localtime(datetime.fromisoformat(now)).date() if now else None
    return payments_fall_due(actor=SYSTEM, today=today)
