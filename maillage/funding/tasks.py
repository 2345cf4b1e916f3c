"""Background work of the funding app: reminding the funded organizations of the reports they
owe, marking scheduled payments due on their date."""

from __future__ import annotations

from datetime import datetime

from django.tasks import task
from django.utils import timezone

from maillage.core.permissions import SYSTEM
from maillage.funding.services.agreements import payments_fall_due, reports_remind_due


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
