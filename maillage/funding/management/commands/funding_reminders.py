"""Remind the funded organizations of the reports due soon
(`MAILLAGE_FUNDING_REPORT_REMINDER_DAYS`, 14 by default; once per report) and mark the scheduled
payments whose date has come as due. Run it once a day (cron or a systemd timer):

    15 6 * * *  cd /srv/maillage && .venv/bin/python manage.py funding_reminders

Running it again the same day does nothing more.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from maillage.core.management.scheduled import ScheduledCommand
from maillage.core.permissions import SYSTEM
from maillage.funding.services.agreements import payments_fall_due, reports_remind_due
from maillage.funding.tasks import mark_payments_due, remind_reports


class Command(ScheduledCommand):
    help = (
        "Remind the funded organizations of the reports due soon and mark the scheduled "
        "payments whose date has come as due (run once a day)."
    )

    def enqueue(self, **options: Any) -> list[str]:
        reminding, marking = remind_reports.enqueue(), mark_payments_due.enqueue()
        return [
            _("Reminders enqueued (task %(id)s).") % {"id": reminding.id},
            _("Payments falling due enqueued (task %(id)s).") % {"id": marking.id},
        ]

    def run(self, **options: Any) -> list[str]:
        reminded = reports_remind_due(actor=SYSTEM)
        due = payments_fall_due(actor=SYSTEM)
        return [
            _("%(count)d report(s) reminded.") % {"count": reminded},
            _("%(count)d payment(s) now due.") % {"count": due},
        ]
