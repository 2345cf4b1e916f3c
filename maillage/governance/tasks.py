"""Background work of the governance app: the calendar's reminders."""

from __future__ import annotations

from datetime import date

from django.tasks import task

from maillage.core.permissions import SYSTEM
from maillage.governance.services.calendars import reminders_send


@task()
def send_governance_reminders(today: str | None = None) -> int:
    """Remind the people concerned of policy reviews, term ends and workstream sunsets due
    within MAILLAGE_REMINDER_DAYS days; each event is reminded once. Returns how many
    notifications were sent. `today` (ISO date) is for catching up or testing."""
    report = reminders_send(actor=SYSTEM, today=date.fromisoformat(today) if today else None)
    return report.sent
