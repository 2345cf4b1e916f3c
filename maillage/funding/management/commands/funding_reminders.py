"""Remind the funded organizations of the reports due soon
(`MAILLAGE_FUNDING_REPORT_REMINDER_DAYS`, 14 by default; once per report) and mark the scheduled
payments whose date has come as due. Run it once a day (cron or a systemd timer):

    15 6 * * *  cd /srv/maillage && .venv/bin/python manage.py funding_reminders

Running it again the same day does nothing more.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.funding.services.agreements import payments_fall_due, reports_remind_due
from maillage.funding.tasks import mark_payments_due, remind_reports


class Command(BaseCommand):
    help = (
        "Remind the funded organizations of the reports due soon and mark the scheduled "
        "payments whose date has come as due (run once a day)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task worker (manage.py db_worker) instead of doing it now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            reminding = remind_reports.enqueue()
            marking = mark_payments_due.enqueue()
            self.stdout.write(
                _("Reminders enqueued (task %(id)s).") % {"id": reminding.id}
                + "\n"
                + _("Payments falling due enqueued (task %(id)s).") % {"id": marking.id}
            )
            return
        reminded = reports_remind_due(actor=SYSTEM)
        self.stdout.write(_("%(count)d report(s) reminded.") % {"count": reminded})
        due = payments_fall_due(actor=SYSTEM)
        self.stdout.write(self.style.SUCCESS(_("%(count)d payment(s) now due.") % {"count": due}))
